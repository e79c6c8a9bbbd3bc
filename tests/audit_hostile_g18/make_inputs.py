#!/usr/bin/env python3
"""Builds the G18 inputs from examples/qingshi-district.yaml into ./inputs (run from this folder)."""
import os, pathlib
here = pathlib.Path(__file__).resolve().parent
s = (here.parent.parent / "examples" / "qingshi-district.yaml").read_text(encoding="utf-8")
out = here / "inputs"; out.mkdir(exist_ok=True)
NOTE = "    note: 本区适用省级条例，河西市尚未出台地方性法规"
def w(name, text):
    (out / name).write_text(text, encoding="utf-8")
# C1: full-width colon inside a multi-line note (text, not structure)
w("c1_block_note.yaml", s.replace(NOTE, "    note: |\n      河西市尚未出台地方性法规。\n      Email： office@qingshi.gov.cn"))
w("c1_plain_multiline_note.yaml", s.replace(NOTE, "    note: 说明\n      value： １２"))
w("c1_quoted_multiline_note.yaml", s.replace(NOTE, "    note: \"说明\n      value： １２\""))
w("c1_block_evidence.yaml", s.replace(NOTE, "    note: x").replace(
    "    evidence: [《中原省终身教育促进条例》]", "    evidence:\n      - |\n        文件：１２号\n        value： １２"))
# C2: indentation with U+00A0 (no-break space, pasted from a web page or Word)
w("c2_nbsp_indent.yaml", s.replace("  B2:\n    value: true", "  B2:\n\u00a0\u00a0\u00a0\u00a0value: true"))
# C6: a yes/no answer written in quotes
w("c6_quoted_true.yaml", s.replace("  B2:\n    value: true", "  B2:\n    value: \"true\""))
print("wrote", sorted(os.listdir(out)))
