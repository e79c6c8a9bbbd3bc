"""Hostile workbooks made from a workbook that `lcity convert` wrote (argv[1]) into folder argv[2]."""
import datetime, os, re, sys, zipfile
import openpyxl

base, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def edit(name, fn):
    wb = openpyxl.load_workbook(base)
    fn(wb)
    wb.save(os.path.join(out, name + ".xlsx"))


def row_of(ws, key, col=1):
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, col).value == key or ws.cell(r, 2).value == key:
            return r
    raise KeyError(key)


def set_profile(key, value):
    def fn(wb):
        ws = wb["基本情况"]; ws.cell(row_of(ws, key), 3).value = value
    return fn


def set_answer(ind, value, col=9):
    def fn(wb):
        ws = wb["指标"]; ws.cell(row_of(ws, ind), col).value = value
    return fn


edit("date_as_datetime", set_profile("date", datetime.datetime(2025, 4, 15)))
edit("date_as_date_1900", set_profile("date", datetime.datetime(1900, 2, 29) if False else datetime.datetime(1900, 1, 1)))
edit("population_as_datetime", set_profile("city.population", datetime.datetime(2024, 1, 1)))
edit("period_as_time", set_profile("period.end", datetime.time(12, 0)))
edit("population_as_bool", set_profile("city.population", True))
edit("answer_as_datetime", set_answer("D1", datetime.datetime(2024, 1, 1)))
edit("answer_as_timedelta", set_answer("D1", datetime.timedelta(days=3)))
edit("answer_bool_for_choice", set_answer("B1", True))


def merged(wb):
    ws = wb["指标"]; r = row_of(ws, "A1"); ws.merge_cells(start_row=r, start_column=9, end_row=r + 3, end_column=12)
edit("merged_value_cells", merged)


def merged_profile(wb):
    ws = wb["基本情况"]; ws.merge_cells("A2:C6")
edit("merged_profile", merged_profile)


def hidden_ind(wb):
    wb["指标"].sheet_state = "hidden"
edit("hidden_indicators_sheet", hidden_ind)


def very_hidden(wb):
    wb["基本情况"].sheet_state = "veryHidden"
edit("very_hidden_profile", very_hidden)


def dup_row(wb):
    ws = wb["指标"]; r = row_of(ws, "B1"); vals = [c.value for c in ws[r]]
    ws.append(vals[:8] + ["none"] + vals[9:])
edit("duplicate_indicator_row", dup_row)


def extra_sheet_first(wb):
    ws = wb.create_sheet("指标 ", 0); ws["A1"] = "decoy"
edit("decoy_sheet_first", extra_sheet_first)


def many_sheets(wb):
    for i in range(300):
        wb.create_sheet(f"s{i}")
edit("three_hundred_sheets", many_sheets)


def far_cell(wb):
    ws = wb["指标"]; ws.cell(1048576, 16384).value = "x"
edit("far_cell", far_cell)


def swap_sheet_names(wb):
    a, b = wb["指标"], wb["基本情况"]; a.title = "tmp"; b.title = "指标"; a.title = "基本情况"
edit("swapped_sheet_names", swap_sheet_names)


def id_cell_changed(wb):
    ws = wb["指标"]; ws.cell(row_of(ws, "A1"), 1).value = "A1\u202e"
edit("bidi_in_id_cell", id_cell_changed)


def huge_rows(wb):
    ws = wb["指标"]
    for i in range(60000):
        ws.append(["ZZ%d" % i])
edit("sixty_thousand_rows", huge_rows)


# --- raw XML tricks on a copy of the base workbook re-saved by openpyxl (shared strings) ---
_resaved = os.path.join(out, "_resaved.xlsx")
openpyxl.load_workbook(base).save(_resaved)


def rezip(name, fn):
    with zipfile.ZipFile(_resaved) as z:
        items = {n: z.read(n) for n in z.namelist()}
    items = fn(items)
    with zipfile.ZipFile(os.path.join(out, name + ".xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in items.items():
            z.writestr(n, data)


def sheet_of(items, title):
    wbx = items["xl/workbook.xml"].decode()
    return "xl/worksheets/sheet%d.xml" % (1 + [m for m in re.findall(r'<sheet [^>]*name="([^"]+)"', wbx)].index(title))


def huge_dimension(items):
    p = sheet_of(items, "指标"); x = items[p].decode()
    items[p] = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', x).encode()
    return items
rezip("huge_dimension", huge_dimension)


def with_sst(items, sst_body):
    """Add a shared-strings part and point the profile sheet's city.name.zh cell at string 0."""
    items["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     + sst_body + '</sst>').encode()
    ct = items["[Content_Types].xml"].decode()
    items["[Content_Types].xml"] = ct.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>').encode()
    rels = items["xl/_rels/workbook.xml.rels"].decode()
    items["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>').encode()
    p = sheet_of(items, "基本情况"); x = items[p].decode()
    x = re.sub(r'<c r="C3"([^>]*?) t="inlineStr"><is><t>[^<]*</t></is></c>', r'<c r="C3"\1 t="s"><v>0</v></c>', x, 1)
    items[p] = x.encode()
    return items


rezip("shared_strings_bomb", lambda items: with_sst(items, "<si><t>" + "A" * (300 * 1024 * 1024) + "</t></si>"))
rezip("three_million_shared_strings", lambda items: with_sst(items, "<si><t>青石区</t></si>" + "<si><t>x</t></si>" * 3_000_000))
rezip("shared_string_index_out_of_range", lambda items: with_sst(items, "").__setitem__ and with_sst(items, ""))


def nan_number(items):
    p = sheet_of(items, "基本情况"); x = items[p].decode()
    x = x.replace("<v>820000</v>", "<v>NaN</v>", 1)
    items[p] = x.encode(); return items
rezip("population_nan_xml", nan_number)


def inf_number(items):
    p = sheet_of(items, "基本情况"); x = items[p].decode()
    x = x.replace("<v>820000</v>", "<v>1e999</v>", 1)
    items[p] = x.encode(); return items
rezip("population_inf_xml", inf_number)


def error_cell(items):
    p = sheet_of(items, "基本情况"); x = items[p].decode()
    x = re.sub(r'(<c r="C13"[^>]*?)(?: t="n")?>\s*<v>820000</v>', r'\1 t="e"><v>#DIV/0!</v>', x, 1)
    items[p] = x.encode(); return items
rezip("population_error_cell", error_cell)


def xxe(items):
    p = sheet_of(items, "基本情况"); x = items[p].decode()
    body = x.split("?>", 1)[1] if x.startswith("<?xml") else x
    x = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/hostname">]>' + body
    x = x.replace("<v>820000</v>", "<v>&e;</v>", 1)
    items[p] = x.encode(); return items
rezip("xxe_doctype", xxe)


def billion_laughs(items):
    items = with_sst(items, "<si><t>&a9;</t></si>")
    p = "xl/sharedStrings.xml"; x = items[p].decode()
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a%d;" % (i-1)) * 10}">' for i in range(1, 10))
    items[p] = (f'<?xml version="1.0"?><!DOCTYPE sst [{ents}]>' + x).encode(); return items
rezip("billion_laughs", billion_laughs)
print("ok")
