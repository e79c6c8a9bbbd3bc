"""Audit G31-T (tests/audit_cities/g31t/AUDIT.md). Part 1, carried from G30-T/G30-H: each survey worded
by whom it asks; a survey whose whole population is smaller than the framework's minimum sample; "1
review(s)"; the zh "A+4%"; lcity score's labelled lines on a 20-40 column terminal. Part 2: a
(fictional) star rating of community learning points, xingji-shequ@2: 60 points, every indicator
answered yes or no, three levels (村 / 社区 / 乡镇), outcomes that rate and never recognise, a veto with
a veto grade, no survey, no pathways, no reference units."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings, strategies as st

from .conftest import lcity_here as lcity, on_terminal, report_lines, squash

ROOT = Path(__file__).resolve().parents[1]
G30T = ROOT / "tests" / "audit_cities" / "g30t"
HERE = ROOT / "tests" / "audit_cities" / "g31t"
UNITS = {u: HERE / f"{u}-2025.yaml" for u in ("qingshan-cun", "hexi-shequ", "dongtang-zhen")}


@pytest.fixture
def charter(monkeypatch):
    """The G30-T charter installed (a youth survey, sk-1, and a wellbeing survey of adult learners, w)."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G30T / "fw"))
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def stars(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(HERE / "fw"))
    monkeypatch.setenv("COLUMNS", "80")


# --- (a) each survey by whom it asks ---------------------------------------------------------------


def _evidence_lines(form: str) -> dict[str, str]:
    """Indicator id -> the '# evidence:' line above it in a YAML form."""
    out, last = {}, None
    for line in form.splitlines():
        if line.strip().startswith("# evidence:"):
            last = line.split(":", 1)[1].strip()
        m = re.match(r"^  ([a-z][\w-]*):$", line)
        if m and last is not None:
            out[m.group(1)], last = last, None
    return out


def test_an_adult_learner_survey_is_not_called_the_frameworks_youth_survey(charter, tmp_path):
    """The charter's ``survey_population: youth`` named every survey: the template gave the wellbeing
    survey of adult learners (w) as "evidence: youth survey". The youth survey rate keeps the word."""
    run = lcity("init", "--framework", "harbour-charter", "-o", str(tmp_path / "t.yaml"), "--level", "isle")
    assert run.returncode == 0, run.stderr
    ev = _evidence_lines((tmp_path / "t.yaml").read_text(encoding="utf-8"))
    assert ev["sk-1"] == "youth survey" and ev["w"] == "survey", ev


def test_an_indicator_names_its_own_survey_population(tmp_path, monkeypatch):
    """A framework author gives w its own word (``survey_population`` on the indicator): the template
    and the workbook say "adult learner survey" for w and "youth survey" for sk-1."""
    fw_dir = tmp_path / "fw" / "harbour-charter"
    fw_dir.mkdir(parents=True)
    text = (G30T / "fw" / "harbour-charter" / "framework.yaml").read_text(encoding="utf-8")
    marker = "        rule: {kind: steps, steps: [{min: 50, share: 0.5}"
    assert text.count(marker) == 1
    text = text.replace(marker, "        survey_population: {en: adult learner}\n" + marker)
    (fw_dir / "framework.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    assert lcity("framework", "check", str(fw_dir / "framework.yaml")).returncode == 0
    run = lcity("init", "--framework", str(fw_dir / "framework.yaml"), "-o", str(tmp_path / "t.yaml"), "--level", "town")
    assert run.returncode == 0, run.stderr
    ev = _evidence_lines((tmp_path / "t.yaml").read_text(encoding="utf-8"))
    assert ev["w"] == "adult learner survey" and ev["sk-1"] == "youth survey", ev
    run = lcity("init", "--framework", str(fw_dir / "framework.yaml"), "-o", str(tmp_path / "t.xlsx"), "--level", "town")
    assert run.returncode == 0, run.stderr
    from openpyxl import load_workbook

    cells = [str(c.value) for ws in load_workbook(tmp_path / "t.xlsx") for row in ws.iter_rows() for c in row if c.value]
    assert "adult learner survey" in cells and "youth survey" in cells, [c for c in cells if "survey" in c]


# --- (b) a population smaller than the minimum sample ------------------------------------------------


def _small_isle(tmp_path: Path) -> tuple[Path, Path]:
    """The charter with ``survey.drawn_from: youth`` (a profile figure of its own) under another id, and
    Skerry giving its 131 young people: 120 of them answered the youth survey."""
    fw_dir = tmp_path / "fw" / "harbour-small"
    fw_dir.mkdir(parents=True)
    text = (G30T / "fw" / "harbour-charter" / "framework.yaml").read_text(encoding="utf-8")
    for old, new in (("id: harbour-charter\n", "id: harbour-small\n"),
                     ("profile_figures:\n", "profile_figures:\n  - id: youth\n    name: {en: Young people aged 16-24}\n"
                      "    unit: {en: young people, en_one: young person}\n    integer: true\n"),
                     ('          stratify: {en: "Simple random sample of residents aged 16-24"}\n',
                      '          stratify: {en: "Simple random sample of residents aged 16-24"}\n          drawn_from: youth\n')):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (fw_dir / "framework.yaml").write_text(text, encoding="utf-8")
    unit = (G30T / "skerry-isle-2025.yaml").read_text(encoding="utf-8")
    unit = unit.replace("harbour-charter@3", "harbour-small@3").replace("  population: 640\n",
                                                                      "  population: 640\n  figures: {youth: 131}\n")
    (tmp_path / "skerry.yaml").write_text(unit, encoding="utf-8")
    return fw_dir / "framework.yaml", tmp_path / "skerry.yaml"


def test_the_finite_population_margin_of_120_of_131():
    from evaluator.sampling import finite_margin, margin

    assert f"{margin(70, 120):.1f}" == "8.2" and f"{finite_margin(70, 120, 131):.1f}" == "2.4"
    assert finite_margin(70, 131, 131) == 0.0


@settings(max_examples=60, deadline=None)
@given(rate=st.floats(0, 100), n=st.integers(1, 5000), extra=st.integers(0, 10 ** 6))
def test_a_finite_population_never_widens_the_margin(rate, n, extra):
    from evaluator.sampling import finite_margin, margin

    assert 0.0 <= finite_margin(rate, n, n + extra) <= margin(rate, n) + 1e-9


def test_an_isle_that_asked_120_of_its_131_young_people_is_not_told_to_survey_200(tmp_path, monkeypatch):
    """Skerry: "the sample is below the minimum of 200 (the youth survey needs at least 200 valid
    questionnaires …)" and 六 "survey again … at least 200 valid questionnaires", which the isle
    cannot do. With ``drawn_from`` the framework names the figure that counts them; validation and 六
    say how many there are, how many answered and the finite-population margin (± 2.4, not ± 8.2)."""
    fw, unit = _small_isle(tmp_path)
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    assert lcity("framework", "check", str(fw)).returncode == 0
    run = lcity("validate", str(unit))
    said = " ".join((run.stdout + run.stderr).split())
    assert "only 131 young people to survey, and 120 of them answered (92 %)" in said, said
    assert "± 2.4 percentage points (finite population correction)" in said and "needs at least 200" not in said
    zh_run = lcity("validate", str(unit), "--lang", "zh")
    zh = " ".join((zh_run.stdout + zh_run.stderr).split())
    assert "131 人中抽不出 200 份样本" in zh and "± 2.4 个百分点" in zh, zh
    for lang, words, not_said in (
            ("en", "the isle has only 131 young people, and 120 of them answered (92%): no larger sample can be "
                   "drawn. With so few left unasked, the rate is known to about ±2.4 percentage points (finite "
                   "population correction), not the ±8.2", "at least 200 valid questionnaires)"),
            ("zh", "可调查的young people仅131人，已有120人作答（92%），无法抽取更大的样本。未作答者很少，按有限总体校正，"
                   "该比率的误差约为±2.4个百分点", "有效问卷不少于200份")):
        text = squash(" ".join(report_lines(unit, lang)))
        assert squash(words) in text, lang
        recs = text[text.index(squash("sk-1 Young people in training"), text.index(squash(
            "6. Recommendations" if lang == "en" else "六、意见建议"))):]
        assert squash(not_said) not in recs[:600], (lang, recs[:600])


def test_a_unit_that_gives_no_such_figure_is_told_what_it_was_told_before(charter):
    """Without the figure (or ``drawn_from``) the warning is the framework's minimum, as before."""
    run = lcity("validate", str(G30T / "skerry-isle-2025.yaml"))
    assert "the youth survey needs at least 200 valid questionnaires" in " ".join((run.stdout + run.stderr).split())


# --- (c) one review, not "1 review(s)" ----------------------------------------------------------------


def test_one_review_is_one_review(charter):
    run = lcity("review", "validate", str(G30T / "wrackton-2025.yaml"), str(G30T / "wrackton-2025.review.yaml"))
    said = run.stdout + run.stderr
    assert run.returncode == 0 and "1 review: valid" in said and "(s)" not in said, said
    scored = lcity("score", str(G30T / "wrackton-2025.yaml"), "--review", str(G30T / "wrackton-2025.review.yaml"))
    assert "Verified by 1 review;" in scored.stdout and "(s)" not in scored.stdout, scored.stdout


def test_no_english_catalog_counts_with_an_s_in_brackets():
    """"(s)" reads as a form, not a sentence: the catalogs write the plural, and ``agree`` the singular."""
    found = []
    for folder in (ROOT / "indicators" / "messages", ROOT / "reports" / "catalogs"):
        for path in sorted(folder.glob("en*.yaml")):
            found += [f"{path.name}: {line.strip()[:60]}" for line in path.read_text(encoding="utf-8").splitlines()
                      if re.search(r"[a-z]\(s\)", line)]
    assert not found, found


@pytest.mark.parametrize("text, said", [
    ("the 1 indicators that lose points, the most", "the 1 indicator that loses points, the most"),
    ("the 1 indicators that lose points or lack data, in", "the 1 indicator that loses points or lacks data, in"),
    ("the 11 indicators that lose points", "the 11 indicators that lose points"),
    ("1 revisions appended later", "1 revision appended later"),
    ("lie over 1 pages: 3", "lie over 1 page: 3"),
])
def test_one_agrees_with_its_noun_and_verb(text, said):
    from indicators.messages import agree

    assert agree(text) == said


# --- (d) zh "A+4%" -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, shown", [("A+", "A+ "), ("No award", "No award "), ("合格", "合格"),
                                         ("B (conditional)", "B (conditional) ")])
def test_a_grade_named_with_a_sign_keeps_a_space_before_its_share(name, shown):
    """The robustness line read "（其余：A+4%）", a sum, not the grade A+ in 4 % of the draws."""
    from reports.context_robustness import before_figure

    assert before_figure(SimpleNamespace(zh=True), name) == shown
    assert before_figure(SimpleNamespace(zh=False), name) == name


# --- (e) lcity score's labelled lines on a narrow terminal ---------------------------------------------


@pytest.mark.parametrize("columns, lang", [(20, "en"), (30, "en"), (40, "en"), (30, "zh")])
def test_a_narrow_terminal_folds_the_labelled_lines_under_their_text(columns, lang):
    """At 20-40 columns "Confidence: 1.00    Coverage: " / "100%" and "Pathway: declared " /
    "Internationalisation-oriented;" were broken by the terminal at column 0. Each "Label: text" is
    now a line of its own, folded between words, its further lines indented (under the label's text
    where that leaves room), and none is wider than the terminal."""
    from rich.cells import cell_len

    shown = on_terminal("score", str(ROOT / "examples" / "jianglan-city.yaml"), "--lang", lang, columns=columns)
    lines = shown.splitlines()
    grade = "等级：" if lang == "zh" else "Grade: "
    labels = ("等级：", "认定结论：", "可信度：", "数据覆盖率：", "发展路径：") if lang == "zh" else \
        ("Grade: ", "Recognition:", "Confidence: ", "Coverage: ", "Pathway: ")
    start = next(k for k, line in enumerate(lines) if line.startswith(grade))
    head = next(k for k, line in enumerate(lines) if line.startswith(labels[-1]))
    # the labelled lines and their folds, up to the pathway's bracketed detail (its reason below is
    # folded by lcity.folding.line, as before)
    end = next(k for k in range(head + 1, len(lines)) if lines[k].startswith(("  (", "  （")) or not lines[k].strip())
    tail = lines[start:end]
    assert all(cell_len(line) <= columns for line in tail), [ln for ln in tail if cell_len(ln) > columns]
    at_zero = [line for line in tail if line and not line.startswith(" ")]
    assert at_zero and all(line.startswith(labels) for line in at_zero), at_zero
    if lang == "en" and columns == 30:
        assert "Confidence: 1.00" in tail and "Coverage: 100%" in tail
        k = tail.index("Pathway: declared")
        assert tail[k + 1] == " " * len("Pathway: ") + "Internationalisation-", tail[k:k + 3]


def test_a_wide_terminal_and_a_pipe_keep_the_lines_whole(charter):
    run = lcity("score", str(ROOT / "examples" / "jianglan-city.yaml"), "--lang", "en")
    assert re.search(r"^Confidence: 1\.00    Coverage: 100%    \(43 answered", run.stdout, re.M), run.stdout


# --- Part 2: xingji-shequ@2, a star rating answered yes or no ------------------------------------------


def test_the_star_rating_is_a_valid_framework_and_scores_its_units(stars):
    assert lcity("framework", "check", str(HERE / "fw" / "xingji-shequ" / "framework.yaml")).returncode == 0
    said = {u: lcity("score", str(p)).stdout for u, p in UNITS.items()}
    assert "等级：三星    评估结论：星级评定通过" in said["qingshan-cun"]
    assert "等级：一星    评估结论：限期补正后复评" in said["hexi-shequ"]
    assert "Grade: No star (veto)    Outcome: No star this round" in said["dongtang-zhen"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_framework_without_linear_rules_moves_no_scale_in_the_robustness_analysis(stars, lang):
    """七 listed "评分量程：各线性评分规则的起点和满分标准分别在其区间宽度的±10%以内浮动" among what the draws
    vary, for a framework whose every answer is yes or no: there is no linear rule to move."""
    text = squash(" ".join(report_lines(UNITS["hexi-shequ"], lang)))
    assert squash("狄利克雷" if lang == "zh" else "Dirichlet") in text
    assert squash("线性评分规则" if lang == "zh" else "each linear rule") not in text


def test_sensitivity_lists_no_scale_for_a_framework_without_linear_rules(stars):
    run = lcity("sensitivity", str(UNITS["hexi-shequ"]), "--no-sobol", "-n", "200", "--lang", "en")
    said = " ".join(run.stdout.split())
    assert run.returncode == 0 and "weights: drawn from a Dirichlet" in said and "linear rule" not in said, said


def test_a_vetoed_units_chart_draws_no_grade_line_its_grade_does_not_depend_on(stars):
    """Dongtang (55.0, vetoed: 'No star' whatever the total) had "Three stars 54" drawn across its
    draws in 图3 / Figure 3, a line its grade and outcome never depend on."""
    for lang, line in (("en", "Three stars 54"), ("zh", "三星 54")):
        lines = report_lines(UNITS["dongtang-zhen"], lang)
        assert line not in lines, lang


def test_one_indicator_that_loses_points(stars):
    text = squash(" ".join(report_lines(UNITS["dongtang-zhen"], "en")))
    assert squash("address the 1 indicator that loses points") in text
