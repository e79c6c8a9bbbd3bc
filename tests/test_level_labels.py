"""A district's answers are shown by its own level's labels (AUDIT readings2 #15): the value column of
``score --explain`` read 本市建有… for a district whose form, basis column and report say 所在城市建有…."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from indicators.loader import load_framework
from lcity.tables import option_labels

ROOT = Path(__file__).resolve().parent.parent
DISTRICT = ROOT / "tests" / "audit_readings2" / "a-chaohui-district.yaml"


def test_a_level_variant_label_comes_first_for_a_unit_of_that_level():
    fw = load_framework("china-learning-city@2")
    assert option_labels(fw, "zh")["K1"]["city"].startswith("本市")
    assert option_labels(fw, "zh", "district")["K1"]["city"].startswith("所在城市")
    assert option_labels(fw, "en", "district")["K1"]["city"].startswith("The city it belongs to")
    assert option_labels(fw, "zh", "city")["K1"]["city"].startswith("本市")


def test_explain_shows_a_district_its_own_labels():
    out = subprocess.run([sys.executable, "-m", "lcity", "score", str(DISTRICT), "--explain", "--lang", "zh"],
                         capture_output=True, text=True, env={"COLUMNS": "400", "PATH": "/usr/bin:/bin"}, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    k1 = next(line for line in out.stdout.splitlines() if "K1 学分银行" in line)
    assert "所在城市建有并运行学分银行" in k1 and "本市建有" not in k1


def test_review_form_of_a_district_names_its_own_indicators_and_leaves_out_l1(tmp_path):
    """readings2 #16: the form listed 'B1: # 终身学习地方性法规', 'L2: # 国际认可' and L1 (a district
    does not answer it) for a district."""
    form = tmp_path / "a.review.yaml"
    proc = subprocess.run([sys.executable, "-m", "lcity", "review", "init", str(DISTRICT), "-o", str(form)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    lines = form.read_text(encoding="utf-8").splitlines()
    listed = {line.split(":")[0].strip("# ") for line in lines if line.startswith("#  ") and ":  # " in line}
    assert "L1" not in listed and {"B1", "L2", "K1"} <= listed
    assert "#  B1:  # 终身学习法规的实施办法；" in lines[[line.startswith("#  B1:") for line in lines].index(True)]
    assert any(line.startswith("#  L2:  # 参与城市国际交流；") for line in lines)
    check = subprocess.run([sys.executable, "-m", "lcity", "review", "validate", str(DISTRICT), str(form)],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode in (0, 1) and "Traceback" not in check.stderr
