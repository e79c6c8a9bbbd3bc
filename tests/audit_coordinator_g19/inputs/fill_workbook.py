"""G19-B audit input (FICTIONAL data): fills the workbook `lcity init -o wb.xlsx --city 西城区 --level district`
writes, as a district official would in Excel/WPS: drop-down labels in Chinese, numbers typed as text,
percentages typed as 80% (Excel stores 0.8 with a % format) or as 0.15 in a General cell.
usage: python fill_workbook.py IN.xlsx OUT.xlsx"""
import sys, datetime, openpyxl
src, out = sys.argv[1:3]
wb = openpyxl.load_workbook(src)
p = wb['基本情况']
prof = {r[1].value: r[2] for r in p.iter_rows(min_row=2)}
def P(k, v, fmt=None):
    prof[k].value = v
    if fmt: prof[k].number_format = fmt
P('city.name.en', 'Xicheng District (fictional)')
P('city.id', 'xicheng')
P('city.parent', '北京市'); P('city.province', '北京市')
P('city.region', 'east')
P('city.population', '1,106,000')            # typed with thousands separators, stored as text
P('city.population_60plus', 250000)
P('city.employed', 520000)
P('city.streets', 15); P('city.communities', 263)
P('city.area_km2', 50.7); P('city.gdp_per_capita', 384000)
P('period.start', 2024); P('period.end', 2025); P('city.reference_year', 2025)
P('evaluating_body', '西城区学习型城市建设领导小组办公室（虚构）')
P('date', datetime.datetime(2026, 3, 31), 'yyyy-mm-dd')   # Excel date typed as 2026/3/31
P('strategy.leads_with', 'balance')
ws = wb['指标']
row = {r[0].value: r for r in ws.iter_rows(min_row=2)}
V, S, E, N, SRC, SS = 8, 9, 10, 11, 12, 13
def A(i, v=None, status=None, ev='（虚构）佐证文件', fmt=None, ss=None, note=None):
    r = row[i]
    if v is not None: r[V].value = v
    if fmt: r[V].number_format = fmt
    if status: r[S].value = status
    if ev and status is None: r[E].value = ev
    if ss is not None: r[SS].value = ss
    if note: r[N].value = note
A('A1', '有规划或行动计划，并分解列出可考核的量化目标')
A('A2', '设有由本级党委或政府负责同志担任组长（主任）的学习型城市建设领导小组或推进委员会\n成员单位不少于10个部门（单位）')
A('A3', 'five_year_plan，work_report')
A('B1', '本级已出台落实该条例的实施办法、实施细则或工作方案')   # a drop-down label with a 、 inside
A('B2', '是')
A('C1', '15')                                      # number stored as text
A('C2', 250)
A('C3', True)                                      # Excel TRUE
A('D1', '8,000,000')
A('D2', '两个年度均单列专项预算，且近三年平均增幅不低于同期教育经费总体增幅')
A('D3', 0.8, fmt='0%')                             # typed 80% in Excel
A('D4', 0.15)                                      # typed 0.15 meaning 15% (General cell)
A('D5', '对专项经费开展年度绩效评价，并有评价报告、专项经费纳入审计或财政监督检查')
A('E1', 300000); A('E2', 5000)
A('E3', '35%')                                     # text with a percent sign
A('E4', 40); A('E5', '否')
A('F1', 500000)
A('F2', 0.95)                                      # typed 0.95 meaning 95% (General cell)
A('F3', 200); A('F4', 60)
A('F5', '公共文化设施和学校、企事业单位的教育教学设施向居民开放用于学习')  # one label, picked from the drop-down
A('F6', status='不详')
A('G1', 55.5); A('G2', 10); A('G3', 300000)
A('G4', '学习型组织创建覆盖机关、企业、事业单位、学校、社区和家庭各类组织')  # one label, picked from the drop-down
A('H1', 60); A('H2', 3); A('H3', '是')
A('I1', 60000)
A('I2', '所有街道（乡镇）均建有老年学校或老年教育教学点')
A('I3', 20000)
A('I4', '面向上述群体开设专门的学习或培训项目、按群体分别统计并留存上述项目的参与人数')
A('J1', '依据指标体系每年开展监测，并形成年度监测报告')
A('J2', '是'); A('J3', 0.9, fmt='0.0%'); A('J4', 3)
A('K1', '所在城市建有并运行学分银行或市民个人学习账户')
A('K2', 100000)
A('K3', '每年举办全民终身学习活动周（或学习节、读书月等全市性学习活动）')  # one label with 、 inside
A('K4', 85, ss='400')
A('K5', 0.9, fmt='0%', ss=600)
A('K6', '学分或学习积分可兑换本地公共服务或权益（如图书借阅、场馆预约、文化消费券）')
A('L2', '接待境外学习型城市或终身学习考察团组')
A('L3', 2)
wb.save(out)
