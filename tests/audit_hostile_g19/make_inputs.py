"""Regenerate the G19-C audit inputs (all FICTIONAL: every unit is a mutation of
examples/qingshi-district.yaml, itself an invented district).

Run from /work/main:  .venv/bin/python tests/audit_hostile_g19/make_inputs.py
Writes tests/audit_hostile_g19/inputs/*.yaml (text variants) and the odd binary ones.
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = pathlib.Path(__file__).resolve().parent / "inputs"
OUT.mkdir(exist_ok=True)
BASE = (ROOT / "examples" / "qingshi-district.yaml").read_text(encoding="utf-8")
ZH = BASE.replace("framework: china-learning-city@1\n", "framework: china-learning-city@1\nlang: zh\n", 1)


def variant(name, old, new, text=ZH, count=1):
    assert old in text, (name, old)
    (OUT / name).write_text(text.replace(old, new, count), encoding="utf-8")


C1 = "  C1:\n    value: 12\n"
# --- numbers a Chinese official may type -------------------------------------------------
variant("n_chinese_numeral.yaml", C1, "  C1:\n    value: 十二\n")          # 12 in Chinese numerals
variant("n_with_unit.yaml", C1, "  C1:\n    value: 12个\n")               # with a measure word
variant("n_approx.yaml", C1, "  C1:\n    value: 约12\n")                  # approximate
variant("n_range.yaml", C1, "  C1:\n    value: 10~12\n")                  # a range
variant("n_arabic_indic.yaml", C1, "  C1:\n    value: ١٢\n")              # Arabic-Indic digits
variant("n_fw_decimal.yaml", "    value: 60\n    evidence: [区总工会",
        "    value: ６０．５\n    evidence: [区总工会")                        # D3 full-width 60.5
variant("n_fw_percent.yaml", "    value: 84\n", "    value: 84％\n")       # K4 full-width percent
variant("n_permille.yaml", "    value: 84\n", "    value: 840‰\n")          # per mille
variant("n_1e309.yaml", "    value: 180000\n", "    value: 1e309\n")      # E1
variant("n_hex_count.yaml", C1, "  C1:\n    value: 0x0C\n")
variant("n_superscript.yaml", "    value: 5500000\n", "    value: 5.5×10⁶\n")  # D1 scientific with superscript
variant("n_trailing_fwspace.yaml", C1, "  C1:\n    value: 12　\n")        # trailing ideographic space
variant("n_roman.yaml", C1, "  C1:\n    value: Ⅻ\n")                       # Roman numeral character
# --- dates --------------------------------------------------------------------------------
variant("d_tz.yaml", 'date: "2025-04-15"', "date: 2025-04-15T10:00:00+08:00")
variant("d_tz_quoted.yaml", 'date: "2025-04-15"', 'date: "2025-04-15T23:30:00-05:00"')
variant("d_feb29_nonleap.yaml", 'date: "2025-04-15"', 'date: "2025-02-29"')
variant("d_month_only.yaml", "  start: 2023\n", "  start: 2023-01\n")
variant("d_fw_digits.yaml", 'date: "2025-04-15"', "date: ２０２５-０４-１５")
variant("d_cn_period.yaml", "  start: 2023\n  end: 2024\n", "  start: 2023年\n  end: 2024年\n")
# --- YAML features ------------------------------------------------------------------------
variant("y_yaml11_directive.yaml", "# Worked example", "%YAML 1.1\n---\n# Worked example")
variant("y_tag_directive.yaml", "# Worked example", "%TAG !py! tag:yaml.org,2002:python/\n---\n# Worked example")
variant("y_tag_directive_used.yaml", "# Worked example",
        "%TAG !py! tag:yaml.org,2002:python/\n---\n# Worked example")
t = (OUT / "y_tag_directive_used.yaml").read_text(encoding="utf-8")
(OUT / "y_tag_directive_used.yaml").write_text(
    t.replace("  C1:\n    value: 12\n", "  C1:\n    value: !py!object/apply:os.system [\"touch /tmp/audit_hostile_g19/PWNED\"]\n"),
    encoding="utf-8")
variant("y_verbatim_tag.yaml", C1,
        "  C1:\n    value: !<tag:yaml.org,2002:python/object/apply:os.system> [\"touch /tmp/audit_hostile_g19/PWNED2\"]\n")
variant("y_std_int_tag.yaml", C1, "  C1:\n    value: !!int \"12\"\n")
variant("y_std_float_tag_count.yaml", C1, "  C1:\n    value: !!float 12\n")
variant("y_nonspecific_tag.yaml", C1, "  C1:\n    value: ! 12\n")
variant("y_omap.yaml", C1, "  C1:\n    value: !!omap [{a: 1}]\n")
variant("y_complex_key.yaml", C1 + "    evidence: [街道社区学校名录]\n", "  ? [C1, C2]\n  : {value: 12}\n")
variant("y_null_key.yaml", C1, "  ~: {value: 12}\n" + C1)
variant("y_int_key.yaml", C1, "  12: {value: 12}\n" + C1)
variant("y_doc_end_garbage.yaml", "    evidence: [与友好城区学习交流活动记录3次]\n",
        "    evidence: [与友好城区学习交流活动记录3次]\n...\nanswers: {C1: {value: 999}}\n")
variant("y_anchor_across.yaml", "    evidence: [2024年居民问卷调查(有效样本620份)]\n  K5:\n    value: 80\n    evidence: [2024年居民问卷调查(有效样本620份)]\n",
        "    evidence: &survey [2024年居民问卷调查(有效样本620份)]\n  K5: &k5\n    value: 80\n    evidence: *survey\n")
variant("y_key_with_tab_after.yaml", C1, "  C1:\t\n    value: 12\n")
# U+FEFF inside the file (not at the start): a BOM pasted into the middle
variant("y_midfile_bom.yaml", C1, "  \ufeffC1:\n    value: 12\n")
# a key typed with a zero-width joiner / soft hyphen
variant("y_softhyphen_key.yaml", C1, "  C\u00ad1:\n    value: 12\n")
# RTL mark in an answer id and a choice
variant("y_rlm_choice.yaml", "    value: provincial_only\n", "    value: provincial_only\u200f\n")
# --- stdin / long / misc -----------------------------------------------------------------
# a note of one 1.9 MB line (under the 2 MB cap): a user pasting a whole document
variant("m_long_note.yaml", "    note: 本区适用省级条例，河西市尚未出台地方性法规\n",
        "    note: " + "长" * 600000 + "\n")
# 20,000 unknown answer ids (error flood, under the size cap)
variant("m_many_unknown.yaml", "  # A 政策蓝图与组织领导\n",
        "".join(f"  X{i}: {{value: 1}}\n" for i in range(20000)) + "  # A 政策蓝图与组织领导\n")

# --- encodings other than UTF-8 and GBK (G19-C5) -------------------------------------------
import re
(OUT / "e_big5.yaml").write_bytes(re.sub(r"[^\x00-\x7f]+", "臺灣學習城市", BASE).encode("big5"))
(OUT / "e_sjis.yaml").write_bytes(re.sub(r"[^\x00-\x7f]+", "学習都市", BASE).encode("shift_jis"))
(OUT / "e_utf32.yaml").write_bytes(BASE.encode("utf-32"))

# --- reviews (G19-C4, C8, C9): edits of examples/qingshi-district.review.yaml ------------------
REV = (ROOT / "examples" / "qingshi-district.review.yaml").read_text(encoding="utf-8")
(OUT / "r_grade_words.yaml").write_text(REV.replace("建议暂缓认定，整改后复核。", "综合评定等级为优秀，建议暂缓认定，整改后复核。"), encoding="utf-8")
(OUT / "r_date_before.yaml").write_text(REV.replace('date: "2025-05-22"', 'date: "2024-01-01"'), encoding="utf-8")
(OUT / "r_copy.yaml").write_text(REV, encoding="utf-8")
import re as _re
(OUT / "r_no_conclusion.yaml").write_text(_re.sub(r"(?m)^conclusion: .*$", "conclusion: null", REV), encoding="utf-8")
t = REV.replace("awareness: 81.5, satisfaction: 76.0", "awareness: 52.0, satisfaction: 41.0")
t = t[:t.find("  K4:\n")] + t[t.find("  J4:\n"):]
(OUT / "r_survey_low.yaml").write_text(t, encoding="utf-8")

# --- slips (G19-C7, C18) and escapes (G19-C6) on the English-comment example (no lang: line) -------------
Q = BASE
OLDC1 = "  C1:\n    value: 12\n    evidence: [街道社区学校名录]\n"
(OUT / "s_value_nospace.yaml").write_text(Q.replace("  C1:\n    value: 12\n", "  C1:\n    value:12\n", 1), encoding="utf-8")
(OUT / "s_shorthand.yaml").write_text(Q.replace(OLDC1, "  C1: 12\n", 1), encoding="utf-8")
(OUT / "s_unindented.yaml").write_text(Q.replace(OLDC1, "  C1:\n  value: 12\n  evidence: [街道社区学校名录]\n", 1), encoding="utf-8")
NOTE = "    note: 本区适用省级条例，河西市尚未出台地方性法规\n"
(OUT / "y_escape_x85.yaml").write_text(Q.replace(NOTE, '    note: "a\\x85b"\n', 1), encoding="utf-8")
(OUT / "y_note_uFFFE.yaml").write_text(Q.replace(NOTE, '    note: "a\\uFFFEb"\n', 1), encoding="utf-8")

# --- a review of the @2 district (copy examples/v2/qingshi-district-2025.yaml to v2.yaml) verifying L1 (G19-C17)
t = REV.replace("sha256: d4ca78b54b900947fb7262b836d2e278ee0ed37aad8fd777e02c6da13616026b",
                "sha256: 847663f4a5c24fb7fff16cca7639a0a7dc4572c7bb4d8efda4f2b57af5471e0c")
t = t.replace('period: "2023–2024"', 'period: "2024–2025"').replace('file: "qingshi-district.yaml"', 'file: "v2.yaml"')
t = t[:t.find("verified:\n")] + "verified:\n  L1:\n    value: true\n    reason: 经核实，本区已加入全球学习型城市网络\n\n" + t[t.find("findings:"):]
(OUT / "r_v2_L1_for_district.yaml").write_text(t, encoding="utf-8")
# r_blank_template_for_v2.yaml is what `lcity review init v2.yaml -o r_blank_template_for_v2.yaml --lang zh` writes (G19-C1)

print("wrote", len(list(OUT.iterdir())), "files to", OUT)
