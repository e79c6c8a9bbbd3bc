import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); p = wb['基本情况']; s = wb['指标']
rows = {r[0].value: r[0].row for r in s.iter_rows(min_row=2, max_col=1)}
p['C13'] = 128000
def v(code, val, col=9): s.cell(rows[code], col).value = val
v('C1', 11); v('C2', 120); v('D1', 52876800)
v('D4', 35); v('E2', 2300); v('E3', 42.5); v('G3', 420000)
v('K5', 91.2); v('K5', 450, 14)
v('K6', 'unknown', 10)
wb.save(sys.argv[2])
