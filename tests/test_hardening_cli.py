"""Hostile inputs and environments, from the command line (issue: hardening).

Every case here once gave exit 3, a traceback, a replaced input or raw control characters on the
terminal. The inputs are made by the tests themselves (``hostile_texts``), never committed.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, lcity, lcity_here

ASSESSMENT = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"
ESC = "\x1b]0;PWNED\x07\x1b[2J"


@pytest.fixture()
def unit(tmp_path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_bytes(ASSESSMENT.read_bytes())
    return path


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def hostile_texts() -> dict[str, str]:
    """Assessments that each carry one hostile value, made from the worked example."""
    base = ASSESSMENT.read_text(encoding="utf-8")
    return {
        "escape-in-name": replaced(base, "zh: 青石区", 'zh: "青石区\\e]0;PWNED\\a\\e[2J"'),
        "bidi-in-name": replaced(base, "en: Qingshi District", 'en: "Qingshi\\u202e District\\u200b"'),
        "lone-surrogate": replaced(base, "en: Qingshi District", 'en: "Qingshi \\uD800"'),
        "huge-integer": replaced(base, "population: 820000", "population: " + "9" * 400),
        "huge-hex": replaced(base, "population: 820000", "population: 0x" + "f" * 400),
        "float-overflow": replaced(base, "area_km2: 86.5", "area_km2: 1e400"),
        "blank-name": replaced(base, "zh: 青石区", 'zh: "  \\u200b "'),
        "bad-date": replaced(base, 'date: "2025-04-15"', 'date: "2025-02-30"'),
        "merge-key": replaced(base, "city:\n", "city:\n  <<: {id: x}\n"),
    }


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- nothing of the user's is overwritten ---------------------------------------------------------


def test_report_output_never_replaces_its_review(tmp_path, unit):
    review = tmp_path / "r.yaml"
    review.write_bytes(REVIEW.read_bytes())
    proc = lcity("report", str(unit), "--review", str(review), "-o", str(review), "--force",
                 "--accept-mismatch")
    assert proc.returncode == 2 and "output-is-input" in proc.stderr
    assert review.read_bytes() == REVIEW.read_bytes()


def test_report_output_never_replaces_a_previous_assessment(tmp_path, unit):
    earlier = tmp_path / "earlier.yaml"
    earlier.write_bytes((EXAMPLES / "trend" / "qingshi-2023.yaml").read_bytes())
    proc = lcity("report", str(unit), "--previous", str(earlier), "-o", str(earlier), "--force")
    assert proc.returncode == 2 and "output-is-input" in proc.stderr
    assert earlier.read_bytes() == (EXAMPLES / "trend" / "qingshi-2023.yaml").read_bytes()


def test_review_init_never_replaces_the_assessment_even_through_a_symlink(tmp_path, unit):
    link = tmp_path / "link.yaml"
    link.symlink_to(unit)
    for target in (unit, link):
        proc = lcity("review", "init", str(unit), "-o", str(target), "--force")
        assert proc.returncode == 2 and "output-is-input" in proc.stderr
    assert unit.read_bytes() == ASSESSMENT.read_bytes() and link.is_symlink()


def test_a_device_is_never_replaced_even_with_force(unit):
    before = os.stat("/dev/full")
    proc = lcity("report", str(unit), "-o", "/dev/full", "--force")
    assert proc.returncode == 2 and "not a regular file" in proc.stderr
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_dash_writes_the_pdf_to_stdout(unit):
    proc = subprocess.run([sys.executable, "-m", "lcity", "report", str(unit), "-o", "-"], cwd=ROOT,
                          capture_output=True, env=dict(os.environ, NO_COLOR="1"))
    assert proc.returncode == 0 and proc.stdout.startswith(b"%PDF-")


def test_new_files_follow_the_umask(tmp_path):
    target = tmp_path / "t.yaml"
    proc = subprocess.run([sys.executable, "-m", "lcity", "init", "-o", str(target)], cwd=ROOT,
                          capture_output=True, preexec_fn=lambda: os.umask(0o077))
    assert proc.returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_force_replaces_outputs_but_does_not_accept_a_mismatched_review(tmp_path):
    changed = write(tmp_path, "q", replaced(ASSESSMENT.read_text(encoding="utf-8"), "value: 66", "value: 67"))
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    proc = lcity("report", str(changed), "--review", str(REVIEW), "-o", str(out), "--force")
    assert proc.returncode == 1 and "hash-mismatch" in proc.stderr and out.read_bytes() == b"old"


# --- the machine says no: exit 2 with the path and the reason --------------------------------------


def test_unwritable_folder_is_exit_2_and_leaves_no_file(unit):
    proc = lcity("report", str(unit), "-o", "/proc/lcity-test.pdf")
    assert proc.returncode == 2 and "cannot write" in proc.stderr and "/proc/lcity-test.pdf" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [("score", "{unit}", "--format", "json"), ("score", "{unit}"),
                                  ("validate", "{bad}"), ("init",)])
def test_full_stdout_is_exit_2_naming_stdout(tmp_path, unit, args):
    bad = write(tmp_path, "bad", replaced(ASSESSMENT.read_text(encoding="utf-8"), "level: district", "level: distrct"))
    argv = [a.format(unit=unit, bad=bad) for a in args]
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "lcity", *argv], cwd=ROOT, stdout=full,
                              stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "<stdout>" in proc.stderr and "Traceback" not in proc.stderr


#: a process run under a file-size limit must not write bytecode: CPython ignores SIGXFSZ and does not
#: check a short write, so a .pyc cut at the limit would be renamed into __pycache__ and break every
#: later import of that module ("marshal data too short", seen in a CI run)
NO_PYC = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")


def test_file_size_limit_is_exit_2_not_a_kill(tmp_path, unit):
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = subprocess.run([sys.executable, "-m", "lcity", "report", str(unit), "-o", str(tmp_path / "r.pdf")],
                          cwd=ROOT, capture_output=True, text=True, preexec_fn=limit, env=NO_PYC)
    assert proc.returncode == 2 and "cannot write" in proc.stderr
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))


# --- dates given on the command line or by the environment -----------------------------------------


@pytest.mark.parametrize("value", ["2025-W01-1", "2025-13-45", "2025-02-30", "20250630", "9999-01-01"])
def test_bad_report_date_is_a_usage_error(unit, tmp_path, value):
    proc = lcity("report", str(unit), "-o", str(tmp_path / "r.pdf"), "--date", value)
    assert proc.returncode == 2 and "--date" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("epoch", ["99999999999999999999", "-5", "soon"])
def test_bad_source_date_epoch_is_refused(tmp_path, epoch):
    undated = write(tmp_path, "u", replaced(ASSESSMENT.read_text(encoding="utf-8"), 'date: "2025-04-15"\n', ""))
    proc = subprocess.run([sys.executable, "-m", "lcity", "report", str(undated), "-o", str(tmp_path / "r.pdf")],
                          cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=epoch))
    assert proc.returncode == 2 and "SOURCE_DATE_EPOCH" in proc.stderr


# --- hostile values: never exit 3, never raw control characters --------------------------------------


@pytest.mark.parametrize("name", sorted(hostile_texts()))
def test_hostile_value_is_caught_by_validate_and_never_crashes_a_command(tmp_path, name):
    path = write(tmp_path, name, hostile_texts()[name])
    checked = lcity_here("validate", str(path))  # exit codes and messages, not the process: in-process
    assert checked.returncode in (0, 1), checked.stderr
    for args in (("score", str(path)), ("score", str(path), "--format", "json"), ("benchmark", str(path)),
                 ("report", str(path), "-o", str(tmp_path / f"{name}.pdf"))):
        proc = lcity_here(*args)
        assert proc.returncode in (0, 1), (args, proc.stderr)
        assert proc.returncode == checked.returncode, (args, proc.stderr)  # validate predicts the others
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
        for stream in (proc.stdout, proc.stderr):
            assert "\x1b" not in stream and "\u202e" not in stream and "\u200b" not in stream


def test_escape_sequences_are_shown_not_sent(tmp_path):
    path = write(tmp_path, "esc", hostile_texts()["escape-in-name"])
    proc = lcity("score", str(path))
    assert proc.returncode == 0
    assert "\\x1b]0;PWNED\\x07\\x1b[2J" in proc.stdout and "\x1b" not in proc.stdout
    as_json = lcity("score", str(path), "--format", "json")
    assert json.loads(as_json.stdout)["city"]["name_zh"] == "青石区" + ESC  # the data itself is kept


def test_escape_sequences_in_keys_are_shown_not_sent(tmp_path):
    text = replaced(ASSESSMENT.read_text(encoding="utf-8"), "  streets: 12", '  "stre\\e[2Jets": 12')
    proc = lcity("validate", str(write(tmp_path, "key", text)))
    assert proc.returncode == 1 and "\x1b" not in proc.stdout + proc.stderr and "\\x1b" in proc.stdout


def test_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "u16.yaml"
    path.write_bytes(ASSESSMENT.read_text(encoding="utf-8").encode("utf-16"))
    proc = lcity("validate", str(path))
    assert proc.returncode in (1, 2) and "UTF-16" in proc.stdout + proc.stderr


def test_merge_key_gets_its_own_message(tmp_path):
    proc = lcity("validate", str(write(tmp_path, "merge", hostile_texts()["merge-key"])))
    assert proc.returncode == 1 and "merge" in proc.stdout.lower() and "unknown key '<<'" not in proc.stdout


def test_validate_checks_every_file_even_after_a_bad_one(tmp_path):
    bad = write(tmp_path, "bad", hostile_texts()["huge-integer"])
    missing = tmp_path / "missing.yaml"
    proc = lcity("validate", str(bad), str(missing), str(ASSESSMENT))
    assert proc.returncode == 2
    assert f"{ASSESSMENT}: valid" in proc.stderr and "missing.yaml: unreadable" in proc.stderr


# --- --format json always gives a document on stdout --------------------------------------------------


@pytest.mark.parametrize("command", ["score", "benchmark", "validate"])
def test_json_output_of_invalid_input_is_a_document(tmp_path, command):
    bad = write(tmp_path, "bad", replaced(ASSESSMENT.read_text(encoding="utf-8"), "level: district", "level: distrct"))
    proc = lcity(command, str(bad), "--format", "json")
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["valid"] is False and doc["problems"][0]["line"] == 14


def test_json_output_of_trend_with_a_bad_file_is_a_document(tmp_path):
    bad = write(tmp_path, "bad", replaced(ASSESSMENT.read_text(encoding="utf-8"), "level: district", "level: distrct"))
    proc = lcity("trend", str(bad), str(EXAMPLES / "trend" / "qingshi-2023.yaml"), "--format", "json")
    assert proc.returncode == 1 and json.loads(proc.stdout)["problems"]


def test_json_escaping_keeps_the_data_for_every_invisible_character():
    """Tag characters (U+E0000 block) lie beyond the BMP: JSON needs a surrogate pair for them."""
    from lcity.console import visible, visible_json

    for text in ("x\U000e0041y", "a\x1b[2J\u202e\u200b", "青石区\u2066"):
        doc = visible_json(json.dumps(text, ensure_ascii=False))
        assert json.loads(doc) == text
        assert not any(ch in doc for ch in ("\x1b", "\u202e", "\u200b", "\u2066", "\U000e0041"))
        assert "\x1b" not in visible(text) and "\U000e0041" not in visible(text)
