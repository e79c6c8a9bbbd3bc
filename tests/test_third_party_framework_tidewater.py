"""A third party's framework written from docs/frameworks.md alone: the Tidewater Commons Learning
Index (tests/data/third_party_tidewater). It differs from the packaged and example frameworks where
a new author is likely to: three dimensions of uneven weight (12.25 + 20.75 + 4.5 = 37.5 points),
ids with '-' and '_' (reach-and-access, x-accredited, lib_branches), levels of its own (metro,
borough, village) with a village variant and a borough answering with its city's record
(from_parent), a survey indicator with a sample size, vetoes, references, and a second version
that renames an indicator (replaces). Each test is a defect a user of such a framework met.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

DATA = ROOT / "tests" / "data" / "third_party_tidewater"
FRAMEWORKS = DATA / "frameworks"
UNITS = DATA / "units"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FRAMEWORKS))


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """A copy of the units, so that a command writing beside them never touches the repository."""
    out = tmp_path / "units"
    shutil.copytree(UNITS, out)
    return out


def test_upgrade_keeps_an_answer_of_a_level_the_framework_declares(units: Path):
    """A borough (a level of the framework's own) answers x-accredited (levels: [metro, borough]).
    lcity upgrade read every level outside city/district/county as 'city', so it dropped the
    answer as 'not asked of this unit's level' and the upgraded file then lacked it."""
    out = units / "eastbank-v2.yaml"
    proc = lcity("upgrade", str(units / "eastbank-2025.yaml"), "-o", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "not asked of this unit's level" not in proc.stderr
    assert "7 answers carried over" in proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "  x-accredited:\n    value: true\n" in text
    assert "  opening_hours:\n    value: 38\n" in text  # renamed by replaces: open-hours -> opening_hours
    proc = lcity("validate", str(out))
    assert "missing-answer: x-accredited" not in proc.stdout, proc.stdout


def test_upgrade_of_a_village_asks_only_what_a_village_is_asked(units: Path):
    """A village is not asked x-accredited (levels: [metro, borough]); its by_level governance
    answer (committee) carries over."""
    out = units / "north-marsh-v2.yaml"
    proc = lcity("upgrade", str(units / "north-marsh-2025.yaml"), "-o", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "x-accredited" not in text
    assert "  governance:\n    value: \"committee\"\n" in text


@pytest.mark.parametrize("version, replaces, hint", [
    (1, "tidewater_commons-index@1", "a first version replaces nothing"),      # itself
    (2, "tidewater_commons-index@3", "tidewater_commons-index@1"),             # a later version: a circle
    (2, "china-learning-city@1", "tidewater_commons-index@1"),                 # another framework
])
def test_replaces_must_name_an_earlier_version_of_the_same_framework(tmp_path: Path, version, replaces, hint):
    """A version that 'replaces' itself, a later version or another framework was accepted by
    lcity framework check (valid, exit 0), leaving upgrade and trend a crosswalk that leads nowhere."""
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace("version: 1   # first edition\n",
                        f"version: {version}\nreplaces:\n  framework: {replaces}\n  indicators: {{}}\n")
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{path}:6:14: error bad-replaces: replaces names {replaces}, which is not an earlier version of " \
           f"tidewater_commons-index@{version}" in proc.stdout
    assert hint in proc.stdout
    assert "Traceback" not in proc.stderr


def test_the_second_version_replacing_the_first_is_valid():
    proc = lcity("framework", "check", str(FRAMEWORKS / "tidewater-2" / "framework.yaml"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_framework_that_is_not_installed_is_one_clear_error_not_the_china_framework(units: Path, monkeypatch):
    """The first thing a user of a framework of their own meets: LCITY_FRAMEWORK_PATH not set.
    lcity validate checked the answers against china-learning-city@2 instead, and buried the one
    line that matters under 60 others (every China indicator missing, every own indicator
    'unknown', a profile figure 'unknown', a hint to write framework: china-learning-city@2)."""
    monkeypatch.delenv("LCITY_FRAMEWORK_PATH")
    for lang, says in (("en", "a framework of your own is found in the folders of LCITY_FRAMEWORK_PATH"),
                       ("zh", "自己的指标体系须放在 LCITY_FRAMEWORK_PATH 所列的文件夹中")):
        proc = lcity("validate", str(units / "eastbank-2025.yaml"), "--lang", lang)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        lines = proc.stdout.strip().splitlines()
        assert len(lines) == 1, proc.stdout
        assert lines[0].startswith(f"{units / 'eastbank-2025.yaml'}:1:12: ")
        assert "unknown-framework" in lines[0] and "tidewater_commons-index@1" in lines[0] and says in lines[0]
        assert "china-learning-city@2 requires" not in proc.stdout
    proc = lcity("score", str(units / "eastbank-2025.yaml"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


def test_a_file_whose_answers_fit_an_installed_framework_is_still_checked_against_it(tmp_path: Path):
    """The stand-in stays where it helps: a typo in the framework line of a China assessment."""
    text = (ROOT / "examples" / "qingshi-district.yaml").read_text(encoding="utf-8")
    text = text.replace("framework: china-learning-city@1", "framework: china-learning-city@9")
    path = tmp_path / "qingshi.yaml"
    path.write_text(text, encoding="utf-8")
    proc = lcity("validate", str(path))
    assert proc.returncode == 1
    assert "default-framework" in proc.stdout and "unknown-framework" in proc.stdout


@pytest.mark.parametrize("old, new, where, said", [
    ("answer: {type: boolean}", "answer: {type: yesno}", "answer.type", "'yesno' is not one of: boolean, choice"),
    ("rule: {kind: boolean}", "rule: {kind: bool}", "rule.kind", "'bool' is not one of: boolean, levels"),
])
def test_an_unknown_answer_type_or_rule_kind_is_named_at_its_word(tmp_path: Path, old, new, where, said):
    """An unknown kind was placed at the mapping's first key and said only 'a mapping does not name
    one of: ...', without the word the author wrote or the key to change."""
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if old in line)  # x-accredited: the first boolean
    lines[n] = lines[n].replace(old, new)
    path = tmp_path / "framework.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    col = lines[n].index(new.split(": ")[-1].rstrip("}")) + 1
    assert f"{path}:{n + 1}:{col}: error wrong-type: dimensions[1].indicators[0].{where}: {said}" in proc.stdout


def test_an_assessment_of_an_installed_but_broken_framework_gets_the_frameworks_problems(tmp_path: Path, units: Path,
                                                                                          monkeypatch):
    """A framework with a mistake (points that do not add up) is installed; its assessment was told
    the framework 'is not an installed framework', checked against another one, and advised to
    write framework: <that other one>. The framework's own problems are what the user must fix."""
    broken = tmp_path / "more" / "broken"
    broken.mkdir(parents=True)
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    broken.joinpath("framework.yaml").write_text(
        text.replace("id: tidewater_commons-index\n", "id: tidewater-broken\n").replace("total_points: 37.5", "total_points: 40"),
        encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", f"{FRAMEWORKS}:{tmp_path / 'more'}")
    unit = units / "eastbank-2025.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("tidewater_commons-index@1", "tidewater-broken@1"),
                    encoding="utf-8")
    proc = lcity("validate", str(unit))
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines() == [
        f"{broken / 'framework.yaml'}:10:15: error points-mismatch: total_points is 40 but the dimensions add up to 37.5"
        " (give total_points: 37.5, what the dimensions' points add up to, or change them to add up to 40)"]
    proc = lcity("score", str(unit))
    assert proc.returncode == 1 and "points-mismatch" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("threshold, ok", [(160, False), (100, True), (60, True)])
def test_a_survey_threshold_above_what_the_rate_can_be_is_refused(tmp_path: Path, threshold, ok):
    """recognition.survey min: 160 on a percentage (a threshold written per mille, or a count) was
    valid: no unit could ever be recognised, and nothing said why."""
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace("{indicator: satisfaction, min: 60,", f"{{indicator: satisfaction, min: {threshold},")
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    proc = lcity("framework", "check", str(path))
    assert (proc.returncode == 0) is ok, proc.stdout + proc.stderr
    if not ok:
        line = next(i for i, t in enumerate(text.splitlines(), 1) if "indicator: satisfaction, min:" in t)
        assert (f"{path}:{line}:38: error rule-mismatch: survey threshold 160 on satisfaction can never be met: "
                "satisfaction is at most 100") in proc.stdout


def test_a_veto_on_an_answer_the_indicator_cannot_take_is_said_as_written(tmp_path: Path):
    """when: [true] on a choice indicator was said as 'True' (Python's spelling), not as written."""
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace("when: [none]", "when: [true]"), encoding="utf-8")
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1
    assert "error unknown-value: 'true' is not a possible answer of governance" in proc.stdout


def test_a_veto_may_name_a_choice_only_a_level_variant_offers(tmp_path: Path, units: Path, monkeypatch):
    """A village's own choice (volunteers, from governance's by_level village variant) was refused
    as 'not a possible answer of governance', though a village gives it and the veto fires on it."""
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "fw" / "tidewater"
    folder.mkdir(parents=True)
    (folder / "framework.yaml").write_text(text.replace("when: [none]", "when: [none, volunteers]"), encoding="utf-8")
    proc = lcity("framework", "check", str(folder / "framework.yaml"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    unit = units / "north-marsh-2025.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("value: committee", "value: volunteers"), encoding="utf-8")
    proc = lcity("score", str(unit), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "veto: No coordinating body" in proc.stdout and "Outcome: Commons mark not awarded" in proc.stdout


@pytest.mark.parametrize("written, where", [
    ("", "pathways"),                                    # left out: the default, 10
    ("  min_answered: 9\n", "pathways.min_answered"),
])
def test_a_pathway_minimum_above_the_number_of_indicators_is_refused(tmp_path: Path, written, where):
    """An 8-indicator framework with pathways and min_answered left at its default (10) was valid,
    and every unit's pathway was 'undetermined: only 8 of 8 indicators are answered; at least 10'."""
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace("  min_answered: 4\n", written)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1, proc.stdout
    lines = text.splitlines()
    n = next(i for i, t in enumerate(lines, 1) if t.startswith("pathways:" if where == "pathways" else "  min_answered:"))
    assert f"{path}:{n}:" in proc.stdout
    assert ("error unreachable-threshold: pathways.min_answered is "
            f"{10 if where == 'pathways' else 9} but the framework has only 8 indicators") in proc.stdout


def test_an_advice_condition_for_a_level_the_framework_lacks_is_refused(tmp_path: Path):
    """advice: ... when: {levels: [villag]} was valid, and the advice silently never applied."""
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace("when: {answers: [ad-hoc]}", "when: {answers: [ad-hoc], levels: [villag]}")
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1, proc.stdout
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "levels: [villag]" in t)
    assert (f"{path}:{line}:42: error bad-level: indicator governance: 'villag' is not a level of this framework "
            "(did you mean 'village'?)") in proc.stdout


def test_declaring_one_of_the_five_profile_figures_says_so(tmp_path: Path):
    """A profile figure declared with the id population was 'used twice (first on line 18)', the
    very line it is on: the first use was the built-in figure, which the message did not say."""
    text = (FRAMEWORKS / "tidewater" / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: households\n", "  - id: population\n").replace("per: households", "per: population")
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1, proc.stdout
    assert proc.stdout.startswith(
        f"{path}:18:9: error duplicate-id: profile figure 'population' is one of the figures every assessment has "
        "(population, population_60plus, employed, streets, communities)")
    assert "used twice" not in proc.stdout
