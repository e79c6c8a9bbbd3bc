import openpyxl, sys
src, dst = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
p = wb['基本情况']
P = {'C4':'Qingshi District','C5':'qingshi2','C7':'江澜市','C8':'江南省','C11':'east',
     'C12':612000,'C13':'１２８０００',  # full-width text
     'C14':350000,'C15':12,'C16':146,'C17':'86.5','C18':98000,
     'C23':'青石区教育局','C25':'2026-03-15','C26':'balance，culture','C27':'青石区学习型城市建设三年行动计划（2024—2026）\n青石区2025年统计年鉴','C28':'区委全会报告'}
for k,v in P.items(): p[k]=v
s = wb['指标']
rows = {r[0].value: r[0].row for r in s.iter_rows(min_row=2, max_col=1)}
def put(code, value=None, status=None, ev=None, note=None, src=None, n=None, fmt=None):
    r = rows[code]
    if value is not None:
        s.cell(r, 9).value = value
        if fmt: s.cell(r, 9).number_format = fmt
    if status: s.cell(r, 10).value = status
    if ev: s.cell(r, 11).value = ev
    if note: s.cell(r, 12).value = note
    if src: s.cell(r, 13).value = src
    if n is not None: s.cell(r, 14).value = n
put('A1','plan_with_targets',ev='青石区学习型城市建设三年行动计划（青办发〔2024〕7号）',note='区委办、区政府办联合印发')
put('A2','leading_body，ten_departments,two_meetings',ev='领导小组成立文件\n2025年全体会议纪要（两次）')
put('A3','five_year_plan')
put('B1','implementing_rules',ev='青石区终身教育促进条例实施办法')
put('B2','是',ev='区人大常委会执法检查报告（2025年）')
put('C1',11,src='区教育局社区教育台账')
put('C2','１２０',note='全角数字，由街道汇总表粘贴')   # full-width text
for code in rows:
    pass
print(sorted(rows)[:60])
wb.save(dst)
wb = openpyxl.load_workbook(dst); s = wb['指标']
put('C1',13,src='区教育局社区教育台账')   # error: more than streets (12)
put('C3','否',note='联席会议制度正在起草')
put('D1',86.4,ev='2025年区级财政决算（教育科目）',src='区财政局')
put('D2','line_growing')
put('D3',0.35,fmt='0%')   # Excel: typed 35% into a General cell
put('D4','35%',note='社会资金含企业捐赠、基金会项目')
put('D5','performance_evaluation，audit，disclosure')
put('E1',210000)
put('E2','２３００')
put('E3','４２．５％')
put('E4',18)
put('E5','是')
put('F1',480000,src='社区教育统计系统（人次）')
put('F2',92)
put('F3',88)
put('F4',64)
put('F5','facilities_open,learning_points,local_resources,any_time')
put('F6','social_forces')
put('G1',71.5)
put('G2',9)
# G3 left blank (missing)
put('G4','all_org_types、new_residents')   # Chinese enumeration comma
put('H1',status='not_applicable',note='辖区内无普通高校和职业院校')
put('H2',6)
put('H3','是')
put('I1',status='unknown',note='老年教育机构学籍系统尚未联网，无法去重统计')
put('I2','district_university,street_schools')
put('I3',15800)
put('I4','programmes')
put('J1','annual')
put('J2','是')
put('J3',status='not_applicable',note='首次评估')
put('J4',4)
put('K1','city')
put('K2',52000)
put('K3','learning_week')
put('K4',78,n=612)
put('K5','91.2%',n='４５０')
# K6 blank
put('L2','delegations')
put('L3',2)
wb.save(dst)
