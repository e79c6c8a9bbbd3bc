"""Findings of the G18 audits fixed in place: the outcome name kept as written inside a sentence
(D6), an unknown choice not called a missing figure (D7), verify of a FIFO said unreadable (C3), an
escape in --sources never echoed raw (C4), fix's count of one (C7)."""

import os
import re

from evaluator.engine import _mid_sentence, score
from evaluator.reading import read

from .conftest import EXAMPLES, lcity


def test_an_outcome_name_with_a_capital_further_on_is_written_as_the_framework_wrote_it():
    assert _mid_sentence("Deferred") == "deferred"
    assert _mid_sentence("Recognised as a demonstration zone") == "recognised as a demonstration zone"
    assert _mid_sentence("Quality Mark deferred") == "Quality Mark deferred"  # a name, not a sentence's start
    assert _mid_sentence("AWARD held") == "AWARD held"


def _unknown(tmp_path, ids):
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    for ind in ids:
        text = re.sub(rf"(?m)^  {ind}:\n(    .*\n)+", f"  {ind}:\n    status: unknown\n", text)
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    return score(*read(path).require())


def test_an_unknown_choice_is_no_answer_and_an_unknown_figure_no_figure(tmp_path):
    result = _unknown(tmp_path, ["D1", "D2"])
    reasons = {r.id: r.reason for r in result.indicators if r.id in ("D1", "D2")}
    assert reasons["D1"].startswith("D1 unknown (no figure given)")
    assert reasons["D2"].startswith("D2 unknown (no answer given)")  # a choice of budget line: nothing to count


def test_verify_of_a_fifo_is_unreadable_exit_2(tmp_path):
    fifo = tmp_path / "r.pdf"
    os.mkfifo(fifo)
    run = lcity("verify", str(fifo), "--lang", "en")
    assert run.returncode == 2, run.stderr
    assert f"{fifo}:1:1: error unreadable: is not a readable PDF (not a regular file)" in run.stderr
    junk = tmp_path / "junk.pdf"
    junk.write_text("not a pdf", encoding="utf-8")  # readable, but no report: a report that differs, as --help says
    assert lcity("verify", str(junk)).returncode == 1


def test_an_escape_in_sources_is_shown_escaped():
    run = lcity("sensitivity", str(EXAMPLES / "qingshi-district.yaml"), "--sources", "x\x1b]0;T\x07\x1b[31m")
    assert run.returncode == 2
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr
    assert "\\x1b" in " ".join(run.stderr.split()).replace("│", "")


def test_fix_counts_one_problem_left_in_english(tmp_path):
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8").replace("    value: line\n", "    value: nonsense\n", 1)
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    run = lcity("fix", str(path), "--lang", "en")
    assert "1 problem left for you to fix: run lcity validate" in " ".join(run.stderr.split()), run.stderr


def test_score_says_apart_what_the_level_is_not_asked():
    """G18-D2: '0 not applicable' beside a row marked not applicable and a JSON count of 1."""
    run = lcity("score", "tests/audit_reports_g18/danxia-county.yaml", "--lang", "en")
    assert "(43 answered, 3 unknown, 0 missing, 1 not applicable, 1 not asked of a county)" in run.stdout, run.stdout
    run = lcity("score", "tests/audit_reports_g18/danxia-county.yaml", "--lang", "zh")
    assert "（已答 43 项，不详 3 项，未填 0 项，不适用 1 项，县级单位不填报 1 项）" in run.stdout, run.stdout


def test_a_figure_the_panel_did_not_accept_is_the_panels_act_not_a_blank_of_the_unit():
    """G18-A1: Zhucheng filed K2 = 390,000 with evidence; the panel rejected the evidence (status
    unknown). The reviewed report said the city gave 47 answers and 1 "unknown", "no figure given"."""
    from evaluator.pipeline import read_scored
    from reports.context_appendices import coverage
    from reports.context_basis import _materials, _own_counts, _self_method
    from reports.context_facts import facts
    from reports.context_findings import _gaps

    from .conftest import ROOT

    here = ROOT / "tests" / "audit_reports_g18"
    result, loaded = read_scored(here / "zhucheng-city.yaml", reviews=[here / "zhucheng-city.review.yaml"])
    k2 = result.indicator("K2")
    assert k2.state == "unknown" and k2.self_value == 390000
    assert k2.reason.startswith("K2 not accepted by the panel: 0 of") and k2.reason_zh.startswith("K2 专家组不予采信：0 分")
    assessment, fw = loaded.require()
    for lang, says, never in (("zh", "0项填报为数据不详", "1项填报为数据不详"), ("en", "0 given as unknown and 0 not answered", "1 given as unknown")):
        f = facts(result, None, fw, assessment, lang=lang, date="2025-06-30")
        own = _own_counts(f)
        assert (own["answered"], own["unknown"], own["items"]) == (48, 0, 55)
        assert says in _self_method(f) and never not in _self_method(f)
        gaps = " ".join(str(p) for p in _gaps(f))
        assert ("自评填报的数据未被专家组采信" if lang == "zh" else "not accepted by the panel") in gaps
        listed = dict(coverage(f)["coverage"]["lists"])
        # listed under its own heading, apart from the unknown ones (G19-A4)
        assert any("K2" in i for head, items in listed.items()
                   if "专家组不予采信" in head or "not accepted by the panel" in head for i in items)
    unreviewed, loaded = read_scored(here / "zhucheng-city.yaml")
    f = facts(unreviewed, None, fw, loaded.require()[0], lang="zh", date="2025-06-30")
    assert _own_counts(f) is None and "48项指标填报了数据" in _materials(f, answered=48, evidence=55)


def test_a_quoted_true_is_said_to_be_text_in_quotes(tmp_path):
    """G18-C6: value: "true" got "expects true or false, got 'true' (write true or false)"."""
    lines = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(k for k, ln in enumerate(lines) if ln == "    value: true\n")
    lines[at] = '    value: "true"\n'
    path = tmp_path / "q.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    run = lcity("validate", str(path), "--lang", "en")
    assert run.returncode == 1
    said = " ".join((run.stdout + run.stderr).split())
    assert f"q.yaml:{at + 1}:12: error wrong-type:" in said
    assert "in quotes, true is text: write true without quotes" in said


def test_a_county_s_b1_is_its_government_s_document_not_legislation():
    """G18-A3: a county's B1 (its own implementing rules or work plan) was costed and dated as a local
    regulation: 12 points, the justice bureau to the people's congress, three years."""
    from evaluator.effort import resolve
    from indicators.loader import load_framework

    fw = load_framework("china-learning-city@2")
    b1 = fw.indicator("B1")
    city, county, district = (resolve(fw, b1, None, level) for level in ("city", "county", "district"))
    assert (city.per_step, city.years, city.responsible.zh) == (12, 3, "司法行政部门（提请同级人大）")
    assert (county.per_step, county.years) == (district.per_step, district.years) == (4, 1)
    assert county.responsible.zh.startswith("区县政府办公室") and "人大" not in county.rationale.zh
    run = lcity("plan", "tests/audit_reports_g18/danxia-county.yaml", "--lang", "zh")
    row = next(ln for ln in run.stdout.splitlines() if "B1 终身学习法规的实施办法" in ln)
    assert [c.strip() for c in row.split("│")][4] == "4"  # effort: the work plan's 4, not a regulation's 12


def test_an_unknown_framework_typed_on_the_command_line_is_the_option_s_problem():
    """G18-C5: `--framework nope@1` was blamed on line 7 of a file whose framework line is installed."""
    for command in ("score", "validate"):
        run = lcity(command, str(EXAMPLES / "qingshi-district.yaml"), "--framework", "nope@1", "--lang", "en")
        said = run.stdout + run.stderr
        assert run.returncode == 1 and "--framework: error unknown-framework: no framework 'nope@1'" in said, said
        assert "qingshi-district.yaml:7:" not in said


def test_a_reviewed_report_shows_what_the_unit_filed_beside_what_the_panel_verified():
    """G18-E2: the panel's 5,200,000元 was printed as the district's 填报值, and the district's own
    5,500,000元 on no page."""
    from evaluator.pipeline import read_scored
    from reports.context_appendices import score_table
    from reports.context_basis import profile
    from reports.context_facts import facts

    from .conftest import ROOT

    review = ROOT / "tests" / "audit_workflow_g18" / "r1.review.yaml"
    result, loaded = read_scored(EXAMPLES / "qingshi-district.yaml", reviews=[review])
    assessment, fw = loaded.require()
    for lang, row, basis in (("zh", "5,200,000元（专家组核定；自评填报5,500,000元）", "自评填报5,500,000元，专家组核定为5,200,000元。"),
                             ("en", "5,200,000 yuan (verified by the panel; self-assessed 5,500,000 yuan)",
                              "Self-assessed: 5,500,000 yuan; verified by the panel: 5,200,000 yuan. ")):
        f = facts(result, None, fw, assessment, lang=lang, date="2025-06-30")
        derived = {d["id"]: d for d in profile(f)["profile"]["derived"]}
        assert derived["D1"]["reported"] == row
        rows = {r["id"]: r for g in score_table(f)["scores"]["groups"] for r in g["rows"]}
        assert rows["D1"]["basis"].startswith(basis)
        assert not rows["C1"]["basis"].startswith(basis[:4])  # an answer the panel left alone: as before


def _peers_line(path, lang):
    from evaluator.benchmark import benchmark
    from evaluator.pipeline import read_scored
    from reports.context_conclusion import _bench
    from reports.context_facts import facts

    result, loaded = read_scored(path)
    assessment, fw = loaded.require()
    bench = benchmark(result, fw)
    return bench, _bench(facts(result, bench, fw, assessment, lang=lang, date="2025-06-30"))["peers"]


def test_no_reference_unit_is_called_similar_when_even_the_nearest_is_as_far_as_random_shares():
    """G18-A9: "得分结构最接近的参照单位：武汉市、上海市、北京市" for a county 0.47 from the nearest, on
    8 common indicators, with neither figure printed."""
    from evaluator.benchmark import SIMILAR_GAP

    from .conftest import ROOT

    danxia = ROOT / "tests" / "audit_reports_g18" / "danxia-county.yaml"
    bench, zh = _peers_line(danxia, "zh")
    assert bench.nearest_gap is not None and bench.nearest_gap >= SIMILAR_GAP
    assert bench.nearest_gap <= min(p.gap for p in bench.peers)  # over every reference unit, not the three listed
    wuhan = next(p for p in bench.peers if p.name_zh == "武汉市")
    assert zh.startswith("没有得分结构相近的参照单位")
    # the points those indicators carry sit between the count and the gap (G31A-7)
    assert re.search(rf"武汉市（共同作答{wuhan.common}项，分值共[\d.]+分，相差{wuhan.gap * 100:.0f}个百分点，层级不同）", zh)
    assert "最接近" not in zh and "约41个百分点" in zh
    shown = [int(g) for g in re.findall(r"相差(\d+)个百分点", zh)]
    assert shown == sorted(shown)  # "差距最小的是…" in the order of the gap
    _, en = _peers_line(danxia, "en")
    assert en.startswith("No reference unit scores similarly") and f"{wuhan.common} indicators both answered" in en
    bench, zh = _peers_line(EXAMPLES / "jianglan-city.yaml", "zh")  # a city with a near one: named so, with figures
    assert bench.nearest_gap < SIMILAR_GAP
    assert zh.startswith("在双方均已作答的指标上得分结构最接近的参照单位")
    first = bench.peers[0]
    assert re.search(rf"{first.name_zh}（共同作答{first.common}项，分值共[\d.]+分，相差{first.gap * 100:.0f}个百分点）", zh)


def test_an_indent_of_no_break_spaces_is_named_where_it_was_typed_and_fixed(tmp_path):
    """G18-C2: four U+00A0 before 'value: true' (pasted from a web page) were reported a line later,
    at the next key, with advice to quote a value; the character was never named."""
    from indicators.slips import apply, scan

    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("    value: ")) + 1
    lines[n - 1] = "\u00a0" * 4 + lines[n - 1][4:]
    path = tmp_path / "q.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    run = lcity("validate", str(path), "--lang", "en")
    assert run.returncode == 1
    assert f"{path}:{n}:1: error full-width: line {n}, column 1 is a no-break space (U+00A0" in run.stdout + run.stderr
    assert run.stdout.count("no-break space") + run.stderr.count("no-break space") == 4
    run = lcity("validate", str(path), "--lang", "zh")
    assert f"第{n}行第1列是不间断空格（U+00A0" in run.stdout + run.stderr
    assert lcity("fix", str(path), "--write").returncode == 0
    assert path.read_text(encoding="utf-8") == text
    # a no-break space inside the user's text is theirs: never a slip
    noted = text.replace("    note: ", "    note: 约\u00a0", 1)
    assert not any(s.kind == "nbsp" for s in scan(noted)) and apply(noted, []) == noted


def test_an_english_only_framework_needs_no_chinese_copy_of_its_texts(tmp_path):
    """G18-D1: a framework declaring ``language: en`` with every ``zh:`` left out gave 73 errors
    "has no 'zh' (add 'zh:')" for one fact; an author without Chinese copied each text by hand."""
    from indicators.loader import load_framework

    from .conftest import ROOT

    src = ROOT / "tests" / "audit_frameworks_g18" / "repro" / "d1-english-only.yaml"
    run = lcity("framework", "check", str(src), "--lang", "en")
    assert run.returncode == 0 and "valid — 0 errors, 0 warnings" in run.stdout + run.stderr
    fw = load_framework(src)
    assert fw.name.zh == fw.name.en and all(i.name.zh == i.name.en for i in fw.indicators())
    # without the declaration both halves stay required, each missing one found where it belongs
    text = src.read_text(encoding="utf-8")
    bare = tmp_path / "bare.yaml"
    bare.write_text("\n".join(line for line in text.splitlines() if not line.startswith("language:")) + "\n",
                    encoding="utf-8")
    run = lcity("framework", "check", str(bare), "--lang", "en")
    assert run.returncode == 1 and "name has no 'zh'" in run.stdout + run.stderr


def test_a_framework_that_recognises_nothing_gets_no_chinese_panel_procedure_nor_its_slogan(tmp_path, monkeypatch,
                                                                                            example_reports):
    """G18-D5, D8: a Quality Mark's Chinese report closed with 以评促建 and promised 座谈交流 and a
    panel whose findings are final, though its framework defines no panel; China's keep both.
    (lcity report in this process; jianglan's is the session's report of the example, conftest.)"""
    import subprocess

    from .conftest import ROOT, lcity_here

    here = ROOT / "tests" / "audit_frameworks_g18"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(here))

    def text(path, lang):
        pdf = tmp_path / f"{path.stem}-{lang}.pdf"
        if path.parent == EXAMPLES:
            pdf.write_bytes(example_reports[(path.stem, lang)].pdf)
        else:
            assert lcity_here("report", str(path), "--lang", lang, "-o", str(pdf)).returncode == 0
        out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        return "".join(out.split()) if lang == "zh" else " ".join(out.split())

    zh = text(here / "northfell-2025.yaml", "zh")
    assert "以评促建" not in zh and "座谈交流" not in zh and "以专家组评估意见为准" not in zh
    assert "如评定机构组织专家评审，评审结果可能改变上述数据和结论" in zh and "坚持每年开展监测。" in zh
    en = text(here / "northfell-2025.yaml", "en")
    assert "symposia" not in en and "where the framework's awarding body holds one" in en
    china = text(EXAMPLES / "jianglan-city.yaml", "zh")
    assert "座谈交流和问卷核查等环节在专家评估时开展" in china and "最终结论以专家组评估意见为准" in china


def test_a_comma_cut_text_written_twice_is_told_as_the_comma_not_as_a_key_to_delete():
    """G18-D3: {zh: a, b c., en: a, b c.} gave "key 'b c.' appears twice … keep one of them" and no
    closing line: the fix is quoting, and the run ends like every check."""
    from .conftest import ROOT

    bad = ROOT / "tests" / "audit_frameworks_g18" / "repro" / "d2-comma-in-both-texts.yaml"
    run = lcity("framework", "check", str(bad), "--lang", "en")
    said = " ".join((run.stdout + run.stderr).split())
    assert run.returncode == 1
    assert "duplicate-key: key 'employers and civil society.' appears twice" in said
    assert "put each value containing ',' in quotes" in said and "keep one of them" not in said
    assert f"{bad}: invalid — 1 error, 0 warnings" in said
    run = lcity("framework", "check", str(bad), "--lang", "zh")
    zh = " ".join((run.stdout + run.stderr).split())
    assert "含“,”的值请加引号" in zh and "无效——1 个错误" in zh


def test_a_key_written_twice_on_purpose_keeps_its_own_hint(tmp_path):
    from indicators.problems import InputError
    from indicators.safeyaml import load_text

    try:
        load_text("a: 1\nb: 2\na: 3\n", "x.yaml")
    except InputError as error:
        said = [p.text("en") for p in error.problems]
    else:  # pragma: no cover - a duplicate key must be refused
        raise AssertionError("a duplicate key was accepted")
    assert any("keep one of them" in s for s in said), said


def test_piped_csv_notes_go_to_stderr_whole_not_cut_at_80_columns():
    """G18-B15: with --format csv into a file, the notes on stderr were hard-wrapped at 80 columns
    mid-phrase (a lone "→", a line starting with "，")."""
    import subprocess
    import sys

    from .conftest import ROOT

    run = subprocess.run([sys.executable, "-m", "lcity", "benchmark", "examples/districts/beiling.yaml", "--format", "csv"],
                         cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
    assert run.returncode == 0 and "参照单位均为城市" not in run.stdout  # stdout is the CSV alone
    notes = run.stderr.splitlines()
    assert any("参照单位均为城市" in n and "共同作答指标上的比较" in n for n in notes)  # the level note, one line
    assert not any(n.strip() == "→" or n.startswith("，") for n in notes)
    assert max(len(n) for n in notes) > 80


def test_a_field_a_later_version_adds_to_the_result_is_no_difference_of_an_older_report():
    """An older reviewed report carries no review.outcome_change nor review.survey_gaps (added with
    G18-A2, E3): absent as a whole, they are not the report's difference; present and changed, they are."""
    from reports.verify_pdf import changed_leaves

    old = {"review": {"panel": ["a"]}, "total": 70.0}
    new = {"review": {"panel": ["a"], "survey_gaps": [{"indicator": "K5", "panel": 76.0}],
                      "outcome_change": {"self_outcome": "deferred", "outcome": "refused"}}, "total": 70.0}
    assert changed_leaves(old, new) == []
    edited = {"review": {"panel": ["a"], "survey_gaps": [], "outcome_change": {"self_outcome": "recognised",
                                                                               "outcome": "refused"}}, "total": 70.0}
    assert changed_leaves(edited, new) == ["review.outcome_change.self_outcome", "review.survey_gaps"]


def test_a_report_of_another_version_that_differs_says_the_version_may_be_why(tmp_path, monkeypatch,
                                                                             example_reports):
    """A report made by an older lcity whose framework data have since been corrected differs on
    re-scoring: the verdict says so beside the version, not only "made by 0.1.0". (The report is the
    session's English report of qingshi, as lcity report writes it: conftest.example_reports.)"""
    from evaluator import engine
    from reports.verify_pdf import verify

    from .test_verify_printed_totals import edit_printed

    pdf = tmp_path / "q.pdf"
    pdf.write_bytes(example_reports[("qingshi-district", "en")].pdf)
    same = verify(pdf)
    assert not same.differences
    monkeypatch.setattr(engine, "VERSION", "9.9.9")
    other = verify(pdf)  # no difference: the plain note
    assert [n.key for n in other.notes if "version" in n.key] == ["verify.notes.version"]
    total = f"{same.total:.1f}"
    bad = edit_printed(pdf, tmp_path / "bad.pdf", 2, total, f"{float(total) + 1:.1f}" if float(total) < 99 else total)
    worse = verify(bad)
    assert worse.differences
    assert [n.key for n in worse.notes if "version" in n.key] == ["verify.notes.version-differs"]
    assert "may come from the newer version's framework data" in str(next(n for n in worse.notes if "version" in n.key))


def test_a_survey_sample_given_under_a_framework_without_survey_blocks_is_kept(tmp_path):
    """china-learning-city@1 names K4 and K5 only in its recognition rule's survey thresholds: a
    sample size the unit gave there was read, validated and then dropped, so the report said "no
    sample size" and sensitivity drew from an assumed 400 (G18-B1's follow-up)."""
    from .conftest import ROOT

    src = ROOT / "tests" / "audit_coordinator_g18" / "inputs" / "wanghu-k4-80.2.yaml"
    text = src.read_text(encoding="utf-8")
    plain = score(*read(src).require())
    given = tmp_path / "w.yaml"
    given.write_text(text.replace("  K4:\n", "  K4:\n    sample_size: 96\n", 1), encoding="utf-8")
    kept = score(*read(given).require())
    k4 = kept.indicator("K4")
    assert k4.sample_size == 96 and 7.5 < k4.margin < 8.5
    assert "96 valid responses" in k4.reason and k4.score == plain.indicator("K4").score
    assert plain.indicator("K4").sample_size is None and "valid responses" not in plain.indicator("K4").reason
    run = lcity("validate", str(given), "--lang", "en")
    assert "warning survey-margin: K4: 80.2 % ± 8.0 percentage points (n = 96, 95 %)" in run.stdout + run.stderr
    assert "warning" not in lcity("validate", str(src), "--lang", "en").stdout  # none asked where none was given


def test_a_range_with_the_chinese_dash_is_kept_on_one_line():
    """G18-A11: the summary's headline broke at the range's dash, the next line starting "—77.3分"."""
    from reports.render import keep_units

    html = keep_units("<p>稳健性分析90%区间为71.7—77.3分（数据不详的指标按0分计），总分介于74.6—77.3之间</p>")
    assert '<span class="nb">71.7—77.3分</span>' in html and '<span class="nb">74.6—77.3</span>' in html
    # an English range (en dash) keeps to its figures by the line-breaking rules: no span is added for it
    assert keep_units("<p>between 68.5–77.3 and more</p>") == "<p>between 68.5–77.3 and more</p>"


def test_a_figure_that_is_not_zero_never_reads_as_zero():
    """G18-E9: 86.4 yuan typed where the total is asked, over 820,000 residents, read "= 0 元/人·年"
    in the reason and Appendix 1, as if lcity had read the cell as 0."""
    from evaluator.rules import num

    assert num(0.00011) == "0.00011" and num(0.0049) == "0.0049" and num(-0.0003) == "-0.0003"
    assert num(0.0) == "0" and num(1e-12) == "0"  # float noise stays 0
    assert num(0.25) == "0.25" and num(1234.5) == "1,234.5" and num(7.694) == "7.69"


def test_a_per_resident_figure_typed_as_the_total_shows_its_tiny_quotient(tmp_path):
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8").replace("    value: 5500000\n", "    value: 86.4\n", 1)
    path = tmp_path / "d1.yaml"
    path.write_text(text, encoding="utf-8")
    d1 = score(*read(path).require()).indicator("D1")
    assert "86.4 元 ÷ 820,000（population）= 0.00011 元/人·年" in d1.reason_zh
