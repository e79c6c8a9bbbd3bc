"""Profile figures that cannot all be true are said at their place (hostile-input audit H5-D7).

A population of 1 beside 168,000 residents aged 60 and over validated with no word and raised the
total from 75.6 to 81.3, every per-resident figure being divided by it.
"""

from __future__ import annotations

from .conftest import EXAMPLES, lcity_here as lcity


def _with(tmp_path, **figures):
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    for key, value in figures.items():
        lines = text.splitlines(keepends=True)
        at = next(k for k, ln in enumerate(lines) if ln.startswith(f"  {key}:"))
        lines[at] = f"  {key}: {value}\n"
        text = "".join(lines)
    path = tmp_path / "unit.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _line(text: str, key: str) -> int:
    return next(k for k, ln in enumerate(text.splitlines(), 1) if ln.startswith(f"  {key}:"))


def test_more_older_residents_than_residents_is_an_error_that_score_refuses_too(tmp_path):
    path, text = _with(tmp_path, population=100000, population_60plus=168000)
    proc = lcity("validate", str(path), "--lang", "en")
    assert proc.returncode == 1
    assert f"unit.yaml:{_line(text, 'population_60plus')}:22: error profile-inconsistent" in proc.stdout
    assert "residents aged 60 and over are part of the residents" in proc.stdout
    assert lcity("score", str(path)).returncode == 1  # a file that does not validate does not score


def test_more_employed_than_residents_is_a_warning_the_unit_can_explain(tmp_path):
    path, text = _with(tmp_path, employed=900000)
    proc = lcity("validate", str(path), "--lang", "zh")
    assert proc.returncode == 0
    assert f"unit.yaml:{_line(text, 'employed')}:13: 警告 profile-inconsistent" in proc.stdout
    assert "按工作地统计" in proc.stdout
    assert lcity("score", str(path)).returncode == 0


def test_a_population_typed_in_ten_thousands_is_a_warning(tmp_path):
    path, text = _with(tmp_path, population=82, population_60plus=16, employed=47)
    proc = lcity("validate", str(path), "--lang", "en")
    assert f"unit.yaml:{_line(text, 'population')}:15: warning profile-inconsistent" in proc.stdout
    assert "not 万人" in proc.stdout


def test_the_examples_have_consistent_profiles():
    for f in sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "districts").glob("*.yaml")):
        if ".review" in f.name:
            continue
        assert "profile-inconsistent" not in lcity("validate", str(f)).stdout, f.name
