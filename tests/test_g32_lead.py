"""Session 32, the lead's fixes; each test fails on the code before it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here

QINGSHI = EXAMPLES / "qingshi-district.yaml"


def _font_folders(seen: list[str]):
    """A FontConfiguration that notes the temporary folder it copies its fonts under."""
    import tempfile

    from weasyprint.text.fonts import FontConfiguration

    class Noting(FontConfiguration):
        def __init__(self, *args, **kwargs):
            seen.append(tempfile.gettempdir())
            super().__init__(*args, **kwargs)

    return Noting


def test_a_report_copies_its_fonts_into_a_folder_of_its_own_that_it_removes(tmp_path, monkeypatch):
    """A single report's 22 MB font folder lived in the temporary directory itself: a report
    killed outright (kill -9, the OOM killer) left it there for good. Now it lives in a locked
    lcity-batch-* folder that the report removes, and that the next run sweeps if it could not."""
    import tempfile

    import weasyprint.text.fonts as fonts

    temp = tmp_path / "t"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    seen: list[str] = []
    monkeypatch.setattr(fonts, "FontConfiguration", _font_folders(seen))
    out = tmp_path / "r.pdf"
    proc = lcity_here("report", str(QINGSHI), "--lang", "en", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert seen and all(Path(s).parent == temp and Path(s).name.startswith("lcity-batch-") for s in seen), seen
    assert list(temp.iterdir()) == []  # nothing left behind
    assert tempfile.gettempdir() == str(temp)  # the process's own setting back as it was


def _biggest_file(folder: Path) -> int:
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return max(sizes, default=0)


def test_a_report_killed_mid_render_leaves_only_what_the_next_run_sweeps(tmp_path):
    from lcity.batch_temp import PREFIX, SETTLE_SECONDS, sweep_stale

    temp = tmp_path / "t"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "lcity", "report", str(QINGSHI), "-o", str(tmp_path / "r.pdf")],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(6000):  # until WeasyPrint has copied a font (megabytes) or the report ended
            if _biggest_file(temp) > 1_000_000 or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the report ended before a font was copied"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    left = list(temp.iterdir())
    assert left and all(p.name.startswith(PREFIX) for p in left), [p.name for p in left]
    settled = max(p.stat().st_mtime for p in left) + SETTLE_SECONDS + 1
    sweep_stale(str(temp), now=settled)
    assert list(temp.iterdir()) == []


def test_a_framework_rationale_ending_in_a_full_stop_is_not_given_two(monkeypatch):
    """G32T-9: 六's note under the task table read "EX1 is given at least 2 years: Qualifications
    take a course year to show.." where a framework's effort rationale ends with its own stop."""
    from .conftest import report_lines, squash

    here = ROOT / "tests" / "audit_cities" / "g32t"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(here / "fw"))
    text = squash(" ".join(report_lines(here / "corrow-2025.yaml", "en")))
    assert squash("Qualifications take a course year to show.") in text, text
    assert "show.." not in text


@pytest.mark.parametrize("lang, unsaid", [("en", "matters most (0%)"), ("zh", "影响最大的是")])
def test_a_dimension_weight_that_moves_nothing_is_not_said_to_matter_most(monkeypatch, lang, unsaid):
    """G32T-8: Ashcombe's 七 read "among the dimension weights, REACH … matters most (0%)" where no
    dimension weight moves the total at all."""
    from .conftest import report_lines, squash

    here = ROOT / "tests" / "audit_cities" / "g32t"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(here / "fw"))
    text = squash(" ".join(report_lines(here / "ashcombe-2025.yaml", lang)))
    assert squash(unsaid) not in text
