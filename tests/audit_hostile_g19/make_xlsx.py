"""Odd workbooks for G19-C (FICTIONAL: all start from `lcity convert examples/qingshi-district.yaml base.xlsx`).

Usage (from /work/main):  .venv/bin/python tests/audit_hostile_g19/make_xlsx.py BASE.xlsx OUTDIR
Each variant edits one cell of the 指标 sheet (xl/worksheets/sheet2.xml) at the XML level:
row 7 is C1 (value cell I7 = 12, note cell L7 empty).
"""
import pathlib
import sys
import zipfile

base, outdir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
outdir.mkdir(parents=True, exist_ok=True)
I7 = '<c r="I7" s="5" t="n"><v>12</v></c>'
L7 = '<c r="L7" s="4" t="n" />'

VARIANTS = {
    # a shared-string index that does not exist (no sharedStrings part at all)
    "x_sst_missing.xlsx": (I7, '<c r="I7" s="5" t="s"><v>7</v></c>'),
    # a numeric cell whose text is not a number
    "x_num_text.xlsx": (I7, '<c r="I7" s="5" t="n"><v>abc</v></c>'),
    # a boolean cell holding 2
    "x_bool2.xlsx": (I7, '<c r="I7" s="5" t="b"><v>2</v></c>'),
    # an ISO-date cell (t="d") in a count
    "x_tdate.xlsx": (I7, '<c r="I7" s="5" t="d"><v>2025-02-30T00:00:00</v></c>'),
    # a cell reference past Excel's last row
    "x_bigref.xlsx": (I7, I7 + '<c r="I9999999" s="5" t="n"><v>1</v></c>'),
    # the same cell twice in row 7: 12, then 1
    "x_dup_cell.xlsx": (I7, I7 + '<c r="I7" s="5" t="n"><v>1</v></c>'),
    # a cell of another row (I8 = C2's value cell) written inside row 7, after I7
    "x_wrong_row_cell.xlsx": (I7, I7 + '<c r="I8" s="5" t="n"><v>1</v></c>'),
    # a bad cell reference
    "x_badref.xlsx": (I7, '<c r="I7" s="5" t="n"><v>12</v></c><c r="!!" t="n"><v>1</v></c>'),
    # a style index that does not exist
    "x_badstyle.xlsx": (I7, '<c r="I7" s="999" t="n"><v>12</v></c>'),
    # Excel's _xHHHH_ escape for ESC and U+202E inside a note
    "x_xescape_note.xlsx": (L7, '<c r="L7" s="4" t="inlineStr"><is><t>note_x001B_]0;T_x0007_ _x202E_abc</t></is></c>'),
    # a rich-text note (two runs)
    "x_richtext.xlsx": (L7, '<c r="L7" s="4" t="inlineStr"><is><r><t>part1 </t></r><r><rPr><b/></rPr><t>part2</t></r></is></c>'),
    # an unknown cell type
    "x_type_q.xlsx": (I7, '<c r="I7" s="5" t="q"><v>12</v></c>'),
    # an inline string with xml:space and a NUL-ish escape _x0000_
    "x_x0000.xlsx": (L7, '<c r="L7" s="4" t="inlineStr"><is><t>a_x0000_b</t></is></c>'),
}

for name, (old, new) in VARIANTS.items():
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(outdir / name, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = data.decode("utf-8")
                assert old in text, name
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
print("wrote", len(VARIANTS), "workbooks to", outdir)


# --- zip-level oddities (central directory patched in place) --------------------------------
def patch_central(src, dst, member, flag_or=0, method=None):
    """Copy src to dst, patching `member`'s entries: OR the general-purpose flag, set the method."""
    data = bytearray(src.read_bytes())
    name = member.encode()
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        nlen = int.from_bytes(data[i + 28:i + 30], "little")
        if data[i + 46:i + 46 + nlen] == name:
            flags = int.from_bytes(data[i + 8:i + 10], "little") | flag_or
            data[i + 8:i + 10] = flags.to_bytes(2, "little")
            if method is not None:
                data[i + 10:i + 12] = method.to_bytes(2, "little")
            off = int.from_bytes(data[i + 42:i + 46], "little")   # the local header
            lf = int.from_bytes(data[off + 6:off + 8], "little") | flag_or
            data[off + 6:off + 8] = lf.to_bytes(2, "little")
            if method is not None:
                data[off + 8:off + 10] = method.to_bytes(2, "little")
        i += 4
    dst.write_bytes(bytes(data))


patch_central(base, outdir / "z_encrypted_member.xlsx", "xl/worksheets/sheet2.xml", flag_or=1)
patch_central(base, outdir / "z_zstd_member.xlsx", "xl/worksheets/sheet2.xml", method=93)
patch_central(base, outdir / "z_aes_member.xlsx", "xl/worksheets/sheet2.xml", method=99)
patch_central(base, outdir / "z_stored_lie.xlsx", "xl/worksheets/sheet2.xml", method=0)   # says stored, is deflated
# junk before the zip (a self-extracting archive's stub)
(outdir / "z_prefixed.xlsx").write_bytes(b"MZ" + b"\0" * 1000 + base.read_bytes())
print("wrote the zip-level variants")
