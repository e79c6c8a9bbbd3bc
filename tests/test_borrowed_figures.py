"""Figures a district gives as its city's hold recognition only where recognition turns on them.

G4 #1: Nanhu was recognised on eight figures its own notes give as the city's ("采用全市调查结果"):
15.0 of its 88.1 points, 73.1 without them. ``Decision.borrowed`` now holds such a unit, as a figure
beyond the plausible range is held, until it gives its own figures or a panel verifies them. A note
that reads like the city's on a figure recognition does not need holds nothing (a truthful
"依托全市统一平台" must not defer a district), a city's own figures are its own, and a verified
figure is the panel's.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings, strategies as st

from evaluator.engine import score
from evaluator.parent_figures import parent_words
from evaluator.reading import read, read_string

from .conftest import ROOT, lcity_here as lcity

G4 = ROOT / "tests" / "audit_cities" / "g4"
NANHU = G4 / "nanhu-district-cityrecord.yaml"
TONGXI = G4 / "tongxi-district-review.yaml"
BORROWED = ["D3", "E1", "E3", "G1", "G3", "K2", "K4", "K5"]


def _with_note(path: Path, ids: list[str], note: str, level: str | None = None):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for i in ids:
        data["answers"][i]["note"] = note
    if level is not None:
        data["city"]["level"] = level
    return read_string(yaml.safe_dump(data, allow_unicode=True), file="t.yaml").require()


def test_a_panel_that_verified_them_recognises_nanhu():
    a, fw = read(NANHU).require()
    r = score(a, fw, verified=set(BORROWED))
    assert r.recognition.outcome == "recognised" and r.recognition.borrowed == []
    some = score(a, fw, verified={"K4", "K5"})  # six left, 73.1 + K4/K5's points still short of 85
    assert some.recognition.outcome == "deferred" and some.recognition.borrowed == [i for i in BORROWED if i not in ("K4", "K5")]


def test_a_note_that_only_names_the_city_is_the_units_own_figure():
    """G8 #1: Baitang was deferred on four of its own counts whose notes said '依托全市统一平台'."""
    for note in ("依托全市统一学分银行平台统计，只计本区开户居民", "本区9个场景，占全市的三成"):
        a, fw = _with_note(TONGXI, ["K2"], note)
        assert score(a, fw).recognition.borrowed == []
        assert parent_words(note) is None


def test_a_borrowed_figure_recognition_does_not_need_holds_nothing(tmp_path: Path):
    note = "市学分银行未按区统计，按全市开户率乘以本区常住人口折算"
    a, fw = _with_note(TONGXI, ["K2"], note)
    r = score(a, fw)
    assert r.recognition.outcome == "recognised" and r.recognition.borrowed == []
    data = yaml.safe_load(TONGXI.read_text(encoding="utf-8"))
    data["answers"]["K2"]["note"] = note
    (tmp_path / "t.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    zh = lcity("plan", "t.yaml", "--lang", "zh", cwd=tmp_path).stdout.replace("\n", "")
    assert zh.endswith("。K2按填报说明采用上级单位的数据；不计这些分数也达到认定条件，但评估报告中宜改填本单位自身的数字。")
    assert "认定的其他条件均已满足，但" not in zh  # recognised: nothing waits on K2
    en = " ".join(lcity("plan", "t.yaml", "--lang", "en", cwd=tmp_path).stdout.split())
    assert "the figure of K2 is, by its note, data of the city it belongs to; the unit is recognised without its points too, but its " \
        "report should give its own figure." in en


def test_a_survey_threshold_on_the_citys_survey_is_held():
    """K4 alone, the city's survey: the 80 % awareness threshold has no survey of the district's own."""
    a, fw = _with_note(TONGXI, ["K4"], "采用全市居民调查结果")
    r = score(a, fw)
    assert r.recognition.outcome == "deferred" and r.recognition.borrowed == ["K4"]
    assert "K4按填报说明采用上级单位的数据" in r.recognition.reasons_zh[-2]
    assert r.recognition.reasons_zh[-2].endswith("不计其分数，K4没有本单位的调查结果，无法确认达到80%的要求")


def test_a_citys_own_figures_are_its_own():
    city = ROOT / "examples" / "jianglan-city.yaml"
    data = yaml.safe_load(city.read_text(encoding="utf-8"))
    figures = [i for i, a in data["answers"].items() if isinstance(a, dict) and isinstance(a.get("value"), (int, float))
               and not isinstance(a.get("value"), bool)]
    assert len(figures) > 5
    a, fw = _with_note(city, figures, "采用全市调查结果")
    assert a.city.level == "city" and score(a, fw).recognition.borrowed == []


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(BORROWED)))
def test_borrowed_figures_never_change_the_figures_only_whether_recognition_waits(verified: set[str]):
    a, fw = read(NANHU).require()
    r = score(a, fw, verified=verified)
    plain = score(a, fw, verified=set(BORROWED))
    assert (r.total, r.grade.id) == (plain.total, plain.grade.id)
    left = [i for i in BORROWED if i not in verified]
    assert set(r.recognition.borrowed) <= set(left)
    # held exactly when the points of the ones left decide it: 88.1 less theirs below 85, a dimension
    # below the 60 % floor without them, or a survey threshold (K4, K5) resting on the city's survey
    lost = sum(x.score for x in r.indicators if x.id in left) * fw.total_points / sum(d.max for d in r.dimensions)
    floors = any((d.score - sum(x.score for x in r.indicators if x.id in left and x.dimension == d.id)) / d.max < 0.6 - 1e-9
                 for d in r.dimensions if d.max)
    decides = r.total - lost + 1e-9 < 85 or floors or "K4" in left or "K5" in left
    assert (r.recognition.outcome == "deferred") == decides
    assert bool(r.recognition.borrowed) == decides


def test_one_figure_said_by_its_evidence_is_named_so():
    """G11 #6 and #8: one figure read 'without them', and one whose evidence title (not its note)
    said it was the city's read 'by the unit's own note'."""
    data = yaml.safe_load(TONGXI.read_text(encoding="utf-8"))
    data["answers"]["K4"]["evidence"] = ["江宁市2025年居民调查报告（采用全市调查结果）"]
    data["answers"]["K4"].pop("note", None)
    a, fw = read_string(yaml.safe_dump(data, allow_unicode=True), file="t.yaml").require()
    r = score(a, fw)
    assert r.recognition.borrowed == ["K4"]
    assert r.recognition.reasons_zh[-2].startswith("K4按填报说明或佐证材料采用上级单位的数据（计1.2分），不是本单位自身的统计；不计其分数，")
    assert r.recognition.reasons[-2].startswith("the figure of K4 is, by the unit's own evidence, data of the city it belongs "
                                                "to (1.2 points), not its own record; without it ")
