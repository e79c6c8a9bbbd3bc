"""lcity convert: YAML -> XLSX -> YAML gives the same assessment, the same problems and the same
Result, on random assessments (hypothesis); what a workbook cannot hold is refused, never lost."""

from __future__ import annotations

import json
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.pipeline import score
from evaluator.reading import read_string, read_workbook
from indicators.loader import load_framework
from lcity.assessment_yaml import assessment_yaml
from lcity.convert import convert

from .conftest import EXAMPLES, lcity_here as lcity

FW = "china-learning-city@2"

# Text an official may type: letters, digits, punctuation, symbols and spaces (YAML refuses controls).
TEXT = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=12)
LINE_TEXT = TEXT.filter(lambda s: s.strip())  # one document title: a line of its own in a cell
NOTE = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)


@lru_cache(maxsize=None)
def framework():
    return load_framework(FW)


def _value(ind):
    ans = ind.answer
    if ans.type == "boolean":
        return st.booleans()
    if ans.type == "choice":
        return st.sampled_from([c.id for c in ans.choices])
    if ans.type == "checklist":
        ids = [o.id for o in ans.items]
        return st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))
    if ans.type == "percent":
        return st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)) | st.integers(0, 100)
    if ans.type == "count":
        return st.integers(0, 50)
    return st.floats(0, 1e6, allow_nan=False).map(lambda x: round(x, 3))


def _answer(ind, complete: bool):
    """Mostly a value with its evidence (so that many random forms are valid and get scored), else
    a status, else nothing yet."""
    extra = {"sample_size": st.integers(ind.survey.min_sample, 5000)} if ind.survey is not None else {}
    given_value = st.fixed_dictionaries({"value": _value(ind), "evidence": st.lists(LINE_TEXT, min_size=1, max_size=2),
                                         **extra}, optional={"note": NOTE, "source": TEXT})
    status = st.fixed_dictionaries({"value": st.none(), "status": st.just("unknown"), "note": NOTE,
                                    "evidence": st.just([])})
    blank = st.fixed_dictionaries({"value": st.none(), "evidence": st.just([])})
    return st.sampled_from([given_value] * 20 + [status] + ([] if complete else [blank])).flatmap(lambda s: s)


@st.composite
def assessments(draw):
    fw = framework()
    level = draw(st.sampled_from(["city", "district", "county"]))
    unit = fw.unit_name(level)
    answers = {}
    complete = draw(st.booleans())  # half the forms are finished, so that they are scored
    for _dim, inds in fw.at_level(level):
        for ind, applies in inds:
            if applies:
                answers[ind.id] = draw(_answer(ind, complete))
    city = {"name": draw(st.fixed_dictionaries({"zh": TEXT}, optional={"en": TEXT})), "level": level,
            "population": draw(st.integers(10_000, 20_000_000)), "streets": draw(st.integers(1, 300)),
            "communities": draw(st.integers(1, 3000)), "population_60plus": draw(st.integers(1000, 9000)),
            "employed": draw(st.integers(5000, 9000)), "gdp_per_capita": draw(st.integers(20000, 300000)),
            "area_km2": draw(st.floats(1, 20000).map(lambda x: round(x, 1))), "reference_year": 2024}
    city.update(draw(st.fixed_dictionaries({}, optional={"region": st.sampled_from(["east", "central", "west"]),
                                                         "parent": TEXT})))
    start = draw(st.integers(2015, 2025))
    data = {"framework": FW, "city": city, "period": {"start": start, "end": start + draw(st.integers(0, 2))},
            "evaluating_body": draw(TEXT), "date": f"{start + 1}-0{draw(st.integers(1, 9))}-15",
            "strategy": {"leads_with": draw(st.lists(st.sampled_from(["balance", "international", "industry",
                                                                      "culture"]), unique=True, max_size=2)),
                         "evidence": draw(st.lists(LINE_TEXT, max_size=2))},
            "answers": answers}
    assert unit is None or unit.zh
    return data


def _problems(loaded):
    return sorted((p.rule, p.severity, str(p.message)) for p in loaded.problems)


def _same(a, b):
    assert a.assessment == b.assessment
    assert _problems(a) == _problems(b)
    if a.ok:
        ra, rb = score(*a.require()), score(*b.require())
        assert ra.model_dump(exclude={"provenance"}) == rb.model_dump(exclude={"provenance"})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(assessments())
def test_yaml_to_xlsx_to_yaml_gives_the_same_assessment_and_result(data):
    text = assessment_yaml(data, framework(), lang="zh")
    original = read_string(text, file="a.yaml")
    book, _ = convert(text.encode("utf-8"), "a.yaml", "xlsx")
    from_book = read_workbook(book, "a.xlsx")
    back, _ = convert(book, "a.xlsx", "yaml")
    again = read_string(back.decode("utf-8"), file="a.yaml")
    _same(original, from_book)
    _same(original, again)


def test_the_worked_example_round_trips_in_both_languages():
    text = (EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
    original = read_string(text, file="q.yaml")
    assert original.ok
    for lang in ("zh", "en"):
        book, used = convert(text.encode("utf-8"), "q.yaml", "xlsx", lang=lang)
        assert used == lang
        _same(original, read_workbook(book, "q.xlsx"))


def test_what_a_workbook_cannot_hold_is_named_and_nothing_is_written(tmp_path):
    text = (EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
    bad = text.replace('evidence: ["社区教育经费来源统计表"]', 'evidence: ["社区教育经费\\n来源统计表"]', 1)
    assert bad != text
    src = tmp_path / "q.yaml"
    src.write_text(bad, encoding="utf-8")
    out = lcity("convert", str(src), str(tmp_path / "q.xlsx"))
    assert out.returncode == 1
    assert "convert-loss" in out.stderr and "answers.D4.evidence" in out.stderr
    assert f"{src}:" in out.stderr and not (tmp_path / "q.xlsx").exists()


def test_convert_from_the_command_line_both_ways(tmp_path):
    book, back = tmp_path / "q.xlsx", tmp_path / "q.yaml"
    assert lcity("convert", str(EXAMPLES / "v2" / "qingshi-district-2025.yaml"), str(book)).returncode == 0
    done = lcity("convert", str(book), str(back))
    assert done.returncode == 0 and "lcity validate" in done.stderr
    a = json.loads(lcity("score", str(book), "-f", "json").stdout)
    b = json.loads(lcity("score", str(back), "-f", "json").stdout)
    assert a["total"] == b["total"] and a["dimensions"] == b["dimensions"]
    again = lcity("convert", str(book), str(back))
    assert again.returncode == 2 and "--force" in again.stderr


def test_every_worked_example_converts_both_ways_unchanged():
    from .conftest import example_assessments

    for path in example_assessments():
        text = path.read_text(encoding="utf-8")
        original = read_string(text, file=path.name)
        book, _ = convert(text.encode("utf-8"), path.name, "xlsx")
        back, _ = convert(book, "x.xlsx", "yaml")
        _same(original, read_workbook(book, "x.xlsx"))
        _same(original, read_string(back.decode("utf-8"), file=path.name))
