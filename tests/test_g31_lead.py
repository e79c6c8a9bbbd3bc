"""Session 31 (lead): defects found by the lead, each test failing on the code before its fix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT


@pytest.fixture
def long_temp():
    """A TMPDIR of 90 characters: a socket path in it (multiprocessing's forkserver) would be too long."""
    base = tempfile.mkdtemp(prefix="g31-", dir="/tmp")
    folder = Path(base) / ("t" * (89 - len(base)))
    folder.mkdir()
    assert len(str(folder)) == 90
    yield folder
    shutil.rmtree(base, ignore_errors=True)


def test_batch_workers_start_under_a_long_tmpdir(long_temp, tmp_path):
    """With TMPDIR about 76 characters or longer the workers could not start ("could not be started
    (BrokenProcessPool)") and the batch scored in this process, where --timeout cannot stop a file
    stuck in native code. Multiprocessing now keeps its socket in a short system folder."""
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("qingshi-district.yaml", "jianglan-city.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", TMPDIR=str(long_temp))
    run = subprocess.run([sys.executable, "-m", "lcity", "batch", str(folder), "--jobs", "2", "-o", str(tmp_path / "out"),
                          "--lang", "en"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "could not be started" not in run.stderr
    assert "2 files: 2 scored" in run.stdout + run.stderr
    assert list(long_temp.iterdir()) == []  # nothing of the batch's left behind


def test_no_short_folder_names_the_reason(monkeypatch, long_temp):
    """Where no short folder can be written either, the note says why and what to do, in the user's
    language, instead of "BrokenProcessPool"."""
    from lcity import batch_pool

    monkeypatch.setattr(tempfile, "tempdir", str(long_temp))
    monkeypatch.setattr(batch_pool, "SHORT_FOLDERS", ())
    with pytest.raises(batch_pool.PoolFailed) as caught:
        batch_pool.start_pool(2, None)
    reason = caught.value.args[0]
    assert "set TMPDIR to a shorter folder" in reason.say("en")
    assert f"{long_temp}" in reason.say("en") and "90 bytes" in reason.say("en")
    assert "请将 TMPDIR 设为路径较短的文件夹" in reason.say("zh")


@pytest.mark.parametrize("lang, line", [
    ("zh", "  D 多元经费保障（已填报指标得分率 19%，已填报 80% 的分值）"),
    ("en", "  D Funding from diverse sources (19% on the answered indicators, 80% of its points answered)"),
])
def test_weakest_dimension_share_is_the_tables(lang, line):
    """Yunling's benchmark table reads D at 19% on the answered indicators (80% of its points
    answered), and the weakest-dimensions list under it read "D 多元经费保障（15%）", the same
    dimension with its unknown D3 counted as 0, which the note under it says unknowns are not."""
    from .conftest import lcity_here

    run = lcity_here("benchmark", str(EXAMPLES / "yunling-county.yaml"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert line in lines
    assert any(ln.startswith("  B ") and ln.endswith(("（0%）", "(0%)")) for ln in lines)  # answered in full: as before


def test_review_form_promises_only_what_it_shows(tmp_path):
    """The Chinese review form headed its commented indicators "自评值与得分供参考" and listed values
    only ("A1: # 学习型城市建设规划；自评：plan_with_targets"): no score anywhere. The English says
    "self-assessed values shown for reference"; the Chinese now says the same."""
    from .conftest import lcity_here

    out = tmp_path / "r.review.yaml"
    run = lcity_here("review", "init", str(EXAMPLES / "qingshi-district.yaml"), "-o", str(out))
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "# 核定值（示例已注释；自评值供参考）" in text
    assert "得分" not in text.split("verified:")[1].split("findings:")[0]


def _review_copy(tmp_path, edit) -> Path:
    text = edit((EXAMPLES / "qingshi-district.review.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "qingshi-district.review.yaml"
    out.write_text(text, encoding="utf-8")
    return out


def test_a_checksum_in_capitals_is_the_same_checksum(tmp_path):
    """Windows' Get-FileHash prints a SHA-256 in capitals; a panel that pasted it was told "not a
    SHA-256 checksum (64 characters, 0–9 and a–f)" (G31H-9)."""
    import re

    from .conftest import lcity_here

    review = _review_copy(tmp_path, lambda t: re.sub(r"(sha256: )([0-9a-f]{64})", lambda m: m[1] + m[2].upper(), t))
    assert re.search(r"sha256: [0-9A-F]{64}", review.read_text(encoding="utf-8"))
    run = lcity_here("review", "validate", str(EXAMPLES / "qingshi-district.yaml"), str(review), "--lang", "en")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 review: valid" in run.stdout + run.stderr


@pytest.mark.parametrize("lang, words", [
    ("en", "L1: score_change +1 cannot apply: the assessment marks L1 not applicable"),
    ("zh", "L1：score_change +1 无法生效：自评表将 L1 标为不适用"),
])
def test_a_score_change_on_an_indicator_marked_not_applicable_is_refused(tmp_path, lang, words):
    """Qingshi marks L1 not applicable; a panel's "L1: {score_change: 1, reason: …}" was dropped
    without a word, the review read "valid", and the report said "L1（专家组核定不适用：<the change's
    reason>）", a finding the panel never made (G31H-6). Now an error at the score_change."""
    from .conftest import lcity_here

    review = _review_copy(tmp_path, lambda t: t.replace(
        "  J4:\n    score_change: -0.5", "  L1:\n    score_change: 1\n    reason: 专家组认为应加分\n  J4:\n    score_change: -0.5"))
    line = review.read_text(encoding="utf-8").splitlines().index("    score_change: 1") + 1
    run = lcity_here("review", "validate", str(EXAMPLES / "qingshi-district.yaml"), str(review), "--lang", lang)
    assert run.returncode == 1
    assert f"{review}:{line}:19: " in run.stdout + run.stderr
    assert words in run.stdout + run.stderr


def test_a_tiny_fraction_in_a_percentage_is_quoted_as_written(tmp_path):
    """K4 written 0.004 (0.4 % as a fraction) was warned "K4: 0 is read as 0 %, not 0.4 %" (G31H-2)."""
    from .conftest import lcity_here

    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    at = text.index("value:", text.index("\n  K4:"))
    unit = tmp_path / "q.yaml"
    unit.write_text(text[:at] + "value: 0.004" + text[text.index("\n", at):], encoding="utf-8")
    run = lcity_here("validate", str(unit), "--lang", "en")
    assert "K4: 0.004 is read as 0.004 %, not 0.4 % (if you meant 0.4 %, write 0.4)" in run.stdout + run.stderr
