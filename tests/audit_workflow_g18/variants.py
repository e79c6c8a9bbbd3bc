# Ordinary slips an official makes in Excel/WPS, on top of f2.xlsx (valid). Writes v3.xlsx and v5.xlsx.
import openpyxl, sys
src = sys.argv[1] if len(sys.argv) > 1 else 'f2.xlsx'
wb = openpyxl.load_workbook(src); s = wb['指标']
s['I12'].value = 0.35; s['I12'].number_format = 'General'   # D3: 35% typed as a fraction
s['I26'].value = '71.5 %'                                   # G1
s['I2'].value = '有规划或行动计划，并分解列出可考核的量化目标'   # A1: the Chinese label instead of the code
wb.save('v3.xlsx')
wb = openpyxl.load_workbook(src); p = wb['基本情况']; s = wb['指标']
p['C12'] = '61.2万'; p['C14'] = '350,000'
s['J18'] = 'unknown'          # E4 has a value and a status
s['L39'] = None               # J3 not_applicable without a note
s['I27'] = '9个'              # G2
wb.save('v5.xlsx')
