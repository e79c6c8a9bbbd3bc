"""``lcity upgrade`` moves a file from the framework version its ``framework:`` line names. A line that
names no installed framework (a path, an unknown id) was read as the default framework, as validate
reads it to show every mistake, and upgrade then rewrote the answers from that guess without a word
(audit-g2, left open): now it refuses at the line, exit 1, and writes nothing."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES, lcity_here as lcity


@pytest.mark.parametrize("line, said", [
    ("framework: ../../../etc/passwd", "1:12: error wrong-type: framework: '../../../etc/passwd' is not a framework id"),
    ("framework: someone-elses-framework@3", "someone-elses-framework@3"),
])
def test_upgrade_refuses_a_framework_line_it_would_have_to_guess(tmp_path, line, said):
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    body = "\n".join(x for x in text.splitlines() if not x.startswith("framework:"))
    src = tmp_path / "old.yaml"
    src.write_text(line + "\n" + body + "\n", encoding="utf-8")
    out = tmp_path / "new.yaml"
    run = lcity("upgrade", str(src), "-o", str(out), "--lang", "en")
    assert run.returncode == 1, run.stdout + run.stderr
    assert said in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()
    assert src.read_text(encoding="utf-8").startswith(line)  # the input untouched


def test_upgrade_of_a_file_naming_an_older_version_still_works(tmp_path):
    out = tmp_path / "yunling-v2.yaml"
    run = lcity("upgrade", str(EXAMPLES / "yunling-county.yaml"), "-o", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "(china-learning-city@1) -> " in run.stderr + run.stdout and out.exists()
