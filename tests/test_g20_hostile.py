"""Audit G20-C (tests/audit_hostile_g20/AUDIT.md): hostile and careless input, new angles, asserted
as the user sees them: the exit code, the message, what it tells them to do."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "qingshi-district.yaml"


def _run(*args: str, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    environ = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    environ.pop("SOURCE_DATE_EPOCH", None)
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "lcity", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, env=environ, timeout=300)


# --- G20-C1: a SOURCE_DATE_EPOCH lcity refuses never ends a run in an internal error ----------------

@pytest.mark.parametrize("epoch", ["soon", "1e3", "", "99999999999999999999"])
def test_a_malformed_source_date_epoch_never_stops_plan(epoch):
    proc = _run("plan", str(EXAMPLE), "--lang", "en", env={"SOURCE_DATE_EPOCH": epoch})
    assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert "Qingshi District: target" in proc.stdout


def test_a_dated_form_reports_under_a_malformed_epoch_and_an_undated_one_is_refused_by_name(tmp_path):
    dated = _run("report", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), "--lang", "en",
                 env={"SOURCE_DATE_EPOCH": "soon"})
    assert dated.returncode == 0, dated.stderr
    assert "wrote" in dated.stdout + dated.stderr and (tmp_path / "r.pdf").stat().st_size > 0
    undated = tmp_path / "u.yaml"
    undated.write_text(EXAMPLE.read_text(encoding="utf-8").replace('date: "2025-04-15"\n', ""), encoding="utf-8")
    refused = _run("report", str(undated), "-o", str(tmp_path / "u.pdf"), "--lang", "en",
                   env={"SOURCE_DATE_EPOCH": "soon"})
    assert refused.returncode == 2
    assert "SOURCE_DATE_EPOCH 'soon' is not a whole number of seconds" in refused.stderr
    assert "internal error" not in refused.stderr and not (tmp_path / "u.pdf").exists()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30) | st.integers(min_value=-10**30, max_value=10**30).map(str))
def test_after_the_shield_every_library_can_read_what_is_left(value):
    """NumPy, Matplotlib and fontTools read the variable with int(): whatever is left must be one."""
    from evaluator.dates import REFUSED_EPOCH, DateError, from_epoch, shield_epoch

    if "\x00" in value:
        return  # an environment cannot hold NUL
    environ = {"SOURCE_DATE_EPOCH": value}
    shield_epoch(environ)
    if "SOURCE_DATE_EPOCH" in environ:
        assert environ["SOURCE_DATE_EPOCH"] == value and int(value) >= 0
        from_epoch(value)
    else:
        try:
            accepted = bool(value.strip()) and from_epoch(value) is not None
        except DateError:
            accepted = False
        assert not accepted
        assert environ.get(REFUSED_EPOCH, "") == (value if value.strip() else "")
