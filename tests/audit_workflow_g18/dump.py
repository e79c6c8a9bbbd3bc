import openpyxl,sys
wb=openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print("=== SHEET",ws.title,ws.dimensions,"state",ws.sheet_state,"protect",ws.protection.sheet, "freeze",ws.freeze_panes)
    print("widths",{k:v.width for k,v in ws.column_dimensions.items()})
    print("DV:",[(d.type,d.formula1,str(d.sqref),d.allow_blank,d.showErrorMessage,d.error,d.prompt) for d in ws.data_validations.dataValidation])
    for row in ws.iter_rows():
        vals=[(c.coordinate,c.value, c.number_format if c.number_format!='General' else '', 'U' if c.protection.locked is False else '', c.fill.fgColor.rgb if c.fill and c.fill.fill_type else '') for c in row if c.value is not None or (c.protection.locked is False)]
        if vals: print(vals)
print(wb.defined_names)
