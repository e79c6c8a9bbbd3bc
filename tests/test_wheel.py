"""The wheel carries everything: installed into a fresh virtual environment, lcity works from there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    [wheel] = list(dist.glob("*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                          str(wheel)], capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stdout[-2000:] + pip.stderr[-2000:]
    yield env_dir, work
    shutil.rmtree(env_dir, ignore_errors=True)  # half a gigabyte: not kept for the rest of the suite


def run(env_dir: Path, *args: str, cwd: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{env_dir / 'bin'}:{env.get('PATH', '')}"
    return subprocess.run([str(env_dir / "bin" / "lcity"), *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)


def test_validate_and_score_from_the_installed_wheel(installed):
    env_dir, work = installed
    sample = work / "sample.yaml"
    shutil.copy(EXAMPLES / "qingshi-district.yaml", sample)
    proc = run(env_dir, "validate", str(sample), cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    where = subprocess.run([str(env_dir / "bin" / "python"), "-c", "import evaluator, indicators; print(indicators.__file__)"],
                           cwd=work, capture_output=True, text=True)
    assert str(env_dir) in where.stdout, "the test must use the installed copy, not the source tree"
    frameworks = run(env_dir, "frameworks", "--format", "json", cwd=work)
    assert "china-learning-city@1" in frameworks.stdout
    cities = run(env_dir, "cities", "--format", "json", cwd=work)
    assert cities.returncode == 0 and "beijing" in cities.stdout
    zh_help = run(env_dir, "validate", "--help", "--lang", "zh", cwd=work)
    assert zh_help.returncode == 0 and "检查自评表" in zh_help.stdout and "用法" in zh_help.stdout, \
        "the Chinese help catalogs travel inside the wheel"


def test_demo_writes_the_report_from_the_installed_wheel(installed):
    """Templates, catalogs and the font travel inside the wheel: the demo renders a full report."""
    env_dir, work = installed
    demo_dir = work / "demo"
    demo_dir.mkdir()
    proc = run(env_dir, "demo", cwd=demo_dir)
    assert proc.returncode == 0, proc.stderr
    pdf = demo_dir / "lcity-demo-report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True)
    assert "LCity-Noto-Sans-SC" in fonts.stdout
    again = run(env_dir, "demo", cwd=demo_dir)
    assert again.returncode == 0 and (demo_dir / "lcity-demo-report-2.pdf").exists()
