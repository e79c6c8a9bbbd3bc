"""Regenerate the G20-C audit inputs (all FICTIONAL: mutations of examples/qingshi-district.yaml,
itself an invented district).  Run from /work/main:
    .venv/bin/python tests/audit_hostile_g20/make_inputs.py
Writes tests/audit_hostile_g20/inputs/ (git-ignored by not being committed: regenerate them).
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = pathlib.Path(__file__).resolve().parent / "inputs"
OUT.mkdir(exist_ok=True)
BASE = (ROOT / "examples" / "qingshi-district.yaml").read_text(encoding="utf-8")
C1 = "  C1:\n    value: 12\n"


def variant(name, old, new, text=BASE, count=1):
    assert old in text, (name, old)
    (OUT / name).write_text(text.replace(old, new, count), encoding="utf-8")


def raw(name, data: bytes):
    (OUT / name).write_bytes(data)


# --- keys that are not strings -------------------------------------------------------------
variant("k_bool_key_answers.yaml", C1, C1 + "  true:\n    value: 1\n")
variant("k_null_key_city.yaml", "  streets: 12\n", "  streets: 12\n  null: 3\n")
variant("k_int_key_top.yaml", "period:\n", "2024: x\nperiod:\n")
variant("k_float_key_name.yaml", "    en: Qingshi District\n", "    en: Qingshi District\n    1.5: x\n")
variant("k_bool_key_top.yaml", "period:\n", "false: 1\nperiod:\n")
variant("k_int_key_period.yaml", "  end: 2024\n", "  end: 2024\n  3: 4\n")
variant("k_key_in_value_map.yaml", "    value: [leading_body, ten_departments, two_meetings]\n",
        "    value: {1: leading_body}\n")
variant("k_null_value_top_answers.yaml", "answers:\n", "answers:\n  ~: {value: 1}\n")
# --- anchors / merge / tags ------------------------------------------------------------------
variant("a_merge_in_answer.yaml", C1, "  C1:\n    <<: {value: 12}\n")
variant("a_anchor_city_evidence.yaml", "strategy:\n  leads_with: [balance]\n",
        "strategy:\n  leads_with: &lw [balance]\n")
variant("t_timestamp_date.yaml", 'date: "2025-04-15"', "date: !!timestamp 2025-04-15")
variant("t_str_period.yaml", "  start: 2023\n", "  start: !!str 2023\n")
variant("t_float_pop.yaml", "  population: 820000\n", "  population: !!float 820000\n")
variant("t_bool_str.yaml", "    value: true\n    evidence: [区人大", "    value: !!bool \"true\"\n    evidence: [区人大")
variant("t_null_answer.yaml", C1, "  C1: !!null\n")
variant("t_map_tag_answer.yaml", C1, "  C1: !!map\n    value: 12\n")
variant("t_seq_tag_value.yaml", "    value: [leading_body, ten_departments, two_meetings]\n",
        "    value: !!seq [leading_body, ten_departments, two_meetings]\n")
variant("t_pairs.yaml", C1, "  C1: !!pairs\n    - value: 12\n")
variant("t_int_hex_tag.yaml", C1, "  C1:\n    value: !!int 0x0C\n")
variant("t_float_tag_count.yaml", C1, "  C1:\n    value: !!float 12\n")
variant("t_str_tag_number.yaml", C1, "  C1:\n    value: !!str 12\n")
variant("t_custom_local_tag.yaml", C1, "  C1:\n    value: !local 12\n")
# --- line endings / encodings ---------------------------------------------------------------
raw("e_utf32le_bom.yaml", BASE.encode("utf-32"))
raw("e_utf32be_nobom.yaml", BASE.encode("utf-32-be"))
raw("e_utf32le_nobom.yaml", BASE.encode("utf-32-le"))
raw("e_utf16be_nobom.yaml", BASE.encode("utf-16-be"))
raw("e_utf16le_nobom.yaml", BASE.encode("utf-16-le"))
raw("e_utf16le_bom.yaml", BASE.encode("utf-16"))
raw("e_utf8_bom_twice.yaml", ("\ufeff\ufeff" + BASE).encode())
raw("e_cr_only.yaml", BASE.replace("\n", "\r").encode())
raw("e_mixed_cr_lf.yaml", BASE.replace("\n", "\r", 40).encode())
raw("e_long_line.yaml", BASE.replace("    note: 本区适用", "    note: " + "长" * 300000 + "本区适用", 1).encode())
raw("e_long_comment.yaml", ("#" + "x" * 2_000_000 + "\n" + BASE).encode())
raw("e_many_lines.yaml", (BASE + "#\n" * 500000).encode())
raw("e_nul_in_comment.yaml", BASE.replace("# Worked", "# Wo\x00rked", 1).encode())
raw("e_cesu_surrogate.yaml", BASE.replace("河西市尚未", "河西市\xed\xa0\x80尚未".encode("latin-1").decode("latin-1"), 1).encode("utf-8", "surrogatepass") if False else BASE.encode().replace("河西市尚未".encode(), "河西市".encode() + b"\xed\xa0\x80" + "尚未".encode(), 1))
raw("e_overlong.yaml", BASE.encode().replace(b"value: 12\n", b"value: 1\xc0\xb2\n", 1))
# --- option-ish values inside the file -----------------------------------------------------
variant("v_date_year0.yaml", 'date: "2025-04-15"', 'date: "0000-01-01"')
variant("v_lang_empty.yaml", "framework: china-learning-city@1\n", "framework: china-learning-city@1\nlang: ''\n")
variant("v_lang_list.yaml", "framework: china-learning-city@1\n", "framework: china-learning-city@1\nlang: [zh]\n")
variant("v_framework_map.yaml", "framework: china-learning-city@1\n", "framework: {id: china-learning-city}\n")
variant("v_framework_int.yaml", "framework: china-learning-city@1\n", "framework: 1\n")
variant("v_framework_ver0.yaml", "framework: china-learning-city@1\n", "framework: china-learning-city@0\n")
variant("v_framework_verbig.yaml", "framework: china-learning-city@1\n", "framework: china-learning-city@99999999999999999999999\n")
variant("v_framework_path.yaml", "framework: china-learning-city@1\n", "framework: ../../etc/passwd\n")
variant("v_framework_neg.yaml", "framework: china-learning-city@1\n", "framework: china-learning-city@-1\n")
variant("v_framework_fw_at.yaml", "framework: china-learning-city@1\n", "framework: china-learning-city＠1\n")
# --- quoted numbers in the profile (a careless, common spelling) -------------------------------
variant("q_period_quoted.yaml", "  start: 2023\n  end: 2024\n", '  start: "2023"\n  end: "2024"\n')
variant("q_population_quoted.yaml", "  population: 820000\n", '  population: "820000"\n')
variant("q_refyear_quoted.yaml", "  reference_year: 2024\n", '  reference_year: "2024"\n')
variant("q_area_quoted.yaml", "  area_km2: 86.5\n", '  area_km2: "86.5"\n')
# --- anchors reused for another indicator ------------------------------------------------------
variant("a_alias_other_indicator.yaml", "  B2:\n    value: true\n    evidence: [区人大常委会2024年专题调研报告]\n",
        "  B2: &yes\n    value: true\n    evidence: [区人大常委会2024年专题调研报告]\n")
(OUT / "a_alias_other_indicator.yaml").write_text(
    (OUT / "a_alias_other_indicator.yaml").read_text(encoding="utf-8").replace(
        "  C3:\n    value: true\n    evidence: [区社区教育联席会议纪要]\n", "  C3: *yes\n", 1), encoding="utf-8")
variant("a_alias_evidence_list.yaml", "    evidence: [《中原省终身教育促进条例》]\n",
        "    evidence: &ev [《中原省终身教育促进条例》]\n")
(OUT / "a_alias_evidence_list.yaml").write_text(
    (OUT / "a_alias_evidence_list.yaml").read_text(encoding="utf-8").replace(
        "    evidence: [区人大常委会2024年专题调研报告]\n", "    evidence: *ev\n", 1), encoding="utf-8")
variant("a_alias_name.yaml", "    zh: 青石区\n", "    zh: &n 青石区\n")
(OUT / "a_alias_name.yaml").write_text(
    (OUT / "a_alias_name.yaml").read_text(encoding="utf-8").replace(
        "evaluating_body: 青石区学习型城市建设领导小组办公室", "evaluating_body: *n", 1), encoding="utf-8")
