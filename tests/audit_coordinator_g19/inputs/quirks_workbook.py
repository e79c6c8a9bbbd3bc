"""G19-B audit input (FICTIONAL): takes the filled workbook (fill_workbook.py, its 3 errors corrected) and types
what officials commonly type in Chinese spreadsheets. usage: python quirks_workbook.py IN.xlsx OUT.xlsx"""
import sys, openpyxl
src, out = sys.argv[1:3]
wb = openpyxl.load_workbook(src)
p = wb['基本情况']; ws = wb['指标']
prof = {r[1].value: r[2] for r in p.iter_rows(min_row=2)}
prof['city.region'].value = '东部'          # Chinese for east
prof['city.level'].value = '区'             # Chinese for district
row = {r[0].value: r for r in ws.iter_rows(min_row=2)}
V, S = 8, 9
row['C2'][V].value = '—'        # a dash for "no figure"
row['E4'][V].value = '/'        # a slash for "no figure"
row['G2'][V].value = '暂无'      # "none yet"
row['H2'][V].value = '无'        # "none"
row['B2'][V].value = '有'        # "yes, there is"
row['E5'][V].value = 'TRUE'      # WPS text TRUE
row['F3'][V].value = '１５０'    # full-width digits
row['I3'][V].value = '2万'       # 20,000 written with 万
row['J4'][V].value = 3.0         # a float for a count
row['L3'][V].value = '2项'       # number with its unit
wb.save(out)
