"""Red-team round G17 (audit-g17.md beside this file): batch folders holding files that are not
assessments. Each test states what the user should see."""

from __future__ import annotations

import json
import shutil

import pytest

from .test_g6_defects import QINGSHI, lcity, no_crash


# --- G17-2 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, label, error, warning", [
    ("en", "FAILED", "error missing-key", "warning"), ("zh", "失败", "错误 missing-key", "警告")])
def test_a_file_that_is_not_an_assessment_fails_with_its_error(tmp_path, lang, label, error, warning):
    """A YAML file that is no assessment ('a: 1') fails with one of its errors (no city, no
    framework, an unknown key), never with the warning 'the file has no framework line', which
    came first in the checks' order and was all summary.json kept of it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "t1.yaml").write_text("a: 1\n", encoding="utf-8")
    shutil.copy(QINGSHI, folder / "qingshi.yaml")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", lang)
    no_crash(proc)
    assert proc.returncode == 1
    line = next(l for l in (proc.stdout + proc.stderr).splitlines() if l.startswith(label))
    assert error in line and warning not in line, line
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    (failed,) = summary["failures"]
    assert failed["problems"][0]["severity"] == "error", failed
    assert "default-framework" not in failed["error"], failed["error"]


# --- G17-10 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, says", [
    ("en", "changed while the report was being made: the file now is not the one scored"),
    ("zh", "生成报告期间文件被改动")])
def test_a_file_saved_over_after_scoring_is_not_embedded(tmp_path, lang, says):
    """batch --reports (and report) score a file, then read it again to embed it: a file saved over
    in between was embedded as it then was (random bytes beside the old Result) and the report
    written, exit 0. Now the report is refused with what happened."""
    from indicators.messages import say
    from indicators.problems import InputError
    from lcity.reporting import prepare, scored_inputs

    form = tmp_path / "q.yaml"
    shutil.copy(QINGSHI, form)
    p = prepare(form)
    assert scored_inputs(form, [], p.result)[0].data == QINGSHI.read_bytes()  # unchanged: embedded
    form.write_bytes(b"\x88\x01 saved over")
    with pytest.raises(InputError) as caught:
        scored_inputs(form, [], p.result)
    (problem,) = caught.value.problems
    assert problem.rule == "input-changed" and says in say(problem.message, lang)
