"""Expert reviews: the form, validation at exact locations, verified scores, medians, disagreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator.pipeline import score
from evaluator.reading import read
from evaluator.review import load_reviews, read_review
from evaluator.schema import review_schema
from indicators.loader import PACKAGE_DIR
from indicators.problems import InputError

from .conftest import EXAMPLES, lcity_here as lcity

ASSESSMENT = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"


@pytest.fixture(scope="module")
def loaded():
    return read(ASSESSMENT)


def review_text(sha: str, verified: str = "", extra: str = "", name: str = "评审甲") -> str:
    return (
        "assessment:\n"
        "  city: 青石区\n"
        "  period: 2023–2024\n"
        f"  sha256: {sha}\n"
        f"reviewer: {{name: {name}}}\n"
        f"verified:\n{verified}" + extra
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_example_review_is_valid_and_its_hash_matches(loaded):
    review, problems = read_review(REVIEW, loaded)
    assert review is not None and not problems, [p.text() for p in problems]
    assert review.assessment.sha256 == loaded.sha256


def test_review_problems_at_exact_locations(tmp_path, loaded):
    text = review_text(loaded.sha256, "  D9:\n    value: 1\n    reason: x\n  K4:\n    value: 130\n    reason: 问卷\n"
                                      "  E1:\n    reason: 没写值\n", "vetoes: [falsifed_data]\n")
    _, problems = read_review(write(tmp_path, "r.yaml", text), loaded)
    got = {(p.line, p.col, p.rule) for p in problems}
    assert (7, 3, "unknown-indicator") in got
    assert (11, 12, "out-of-range") in got
    assert (13, 3, "no-answer") in got
    assert (15, 10, "unknown-veto") in got
    veto = next(p for p in problems if p.rule == "unknown-veto")
    assert veto.hint == "did you mean 'falsified_data'?"


def test_unknown_key_in_review(tmp_path, loaded):
    text = review_text(loaded.sha256, "  D1:\n    valeu: 1\n    reason: x\n")
    problems = read_review(write(tmp_path, "r.yaml", text), loaded)[1]
    assert [(p.line, p.col, p.rule, p.hint) for p in problems] == [(8, 5, "unknown-key", "did you mean 'value'?")]


def test_hash_mismatch_is_an_error_unless_forced(tmp_path, loaded):
    path = write(tmp_path, "r.yaml", review_text("0" * 64))
    _, problems = read_review(path, loaded)
    [p] = [p for p in problems if p.rule == "hash-mismatch"]
    assert (p.line, p.col, p.severity) == (4, 11, "error")
    with pytest.raises(InputError):
        load_reviews([path], loaded)
    _, forced = read_review(path, loaded, force=True)
    assert [p.severity for p in forced if p.rule == "hash-mismatch"] == ["warning"]
    assert load_reviews([path], loaded, force=True)


def test_city_and_period_must_match(tmp_path, loaded):
    text = review_text(loaded.sha256).replace("city: 青石区", "city: 白石区").replace("2023–2024", "2022–2024")
    rules = {p.rule for p in read_review(write(tmp_path, "r.yaml", text), loaded)[1]}
    assert {"city-mismatch", "period-mismatch"} <= rules


def test_verified_value_overrides_the_self_assessed_one(tmp_path, loaded):
    a, fw = loaded.require()
    path = write(tmp_path, "r.yaml", review_text(loaded.sha256, "  D1:\n    value: 1640000\n    reason: 决算核减\n"))
    r = score(a, fw, reviews=load_reviews([path], loaded), sha256=loaded.sha256)
    d1 = r.indicator("D1")
    assert d1.figure == pytest.approx(2.0) and d1.score == 0  # 1,640,000 / 820,000 = ¥2: the floor
    assert d1.self_score > 1 and d1.flagged and d1.verified
    assert r.self_assessed.total > r.total
    assert r.review.flagged == ["D1"] and d1.review_reasons == ["决算核减"]


def test_median_of_three_reviewers_and_disagreement(tmp_path, loaded):
    a, fw = loaded.require()
    paths = [
        write(tmp_path, f"r{i}.yaml", review_text(loaded.sha256, f"  K4:\n    value: {v}\n    reason: 抽样{i}\n", name=f"专家{i}"))
        for i, v in enumerate([62, 88, 80])
    ]
    r = score(a, fw, reviews=load_reviews(paths, loaded), sha256=loaded.sha256)
    assert r.indicator("K4").value == 80  # median of 62, 88, 80
    [dis] = r.review.disagreements
    assert dis.indicator == "K4" and len(dis.scores) == 3
    assert dis.spread == pytest.approx((88 - 62) / 30 * 1.5)
    assert r.review.reviewers == 3


def test_reviewers_who_agree_raise_no_disagreement(tmp_path, loaded):
    a, fw = loaded.require()
    paths = [write(tmp_path, f"r{i}.yaml", review_text(loaded.sha256, "  K4:\n    value: 80\n    reason: 同\n", name=f"专家{i}"))
             for i in range(2)]
    r = score(a, fw, reviews=load_reviews(paths, loaded), sha256=loaded.sha256)
    assert r.review.disagreements == []


def test_veto_from_the_review_decides_recognition(tmp_path):
    strong = read(EXAMPLES / "jianglan-city.yaml")
    a, fw = strong.require()
    text = review_text(strong.sha256, "  {}\n", "vetoes: [falsified_data]\n").replace("青石区", "江澜市").replace("2023–2024", "2022–2024")
    path = write(tmp_path, "r.yaml", text.replace("verified:\n  {}\n", "verified: {}\n"))
    r = score(a, fw, reviews=load_reviews([path], strong), sha256=strong.sha256)
    assert r.total > 85 and r.recognition.outcome == "refused"
    assert r.self_assessed.recognition.outcome == "recognised"
    assert "falsified_data" in r.vetoes


def test_score_change_is_kept_within_the_points(tmp_path, loaded):
    a, fw = loaded.require()
    path = write(tmp_path, "r.yaml", review_text(loaded.sha256, "  J4:\n    score_change: -5\n    reason: 无成效数据\n"))
    r = score(a, fw, reviews=load_reviews([path], loaded), sha256=loaded.sha256)
    assert r.indicator("J4").score == 0 and "-5" in r.indicator("J4").reason


def test_review_init_and_validate_cli(tmp_path):
    target = tmp_path / "q.review.yaml"
    proc = lcity("review", "init", str(ASSESSMENT), "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    text = target.read_text(encoding="utf-8")
    assert read(ASSESSMENT).sha256 in text and "青石区" in text
    again = lcity("review", "init", str(ASSESSMENT), "-o", str(target))
    assert again.returncode == 2 and target.read_text(encoding="utf-8") == text
    filled = text.replace("  name: null", "  name: 张三", 1)
    target.write_text(filled, encoding="utf-8")
    ok = lcity("review", "validate", str(ASSESSMENT), str(target))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    example = lcity("review", "validate", str(ASSESSMENT), str(REVIEW), "--format", "json")
    assert json.loads(example.stdout)["valid"] is True


def test_review_schema_committed_and_current():
    committed = json.loads((PACKAGE_DIR / "review.schema.json").read_text(encoding="utf-8"))
    assert committed == review_schema(), "regenerate with: lcity schema review > indicators/review.schema.json"
    assert committed["additionalProperties"] is False
