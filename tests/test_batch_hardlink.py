"""A hard link in a batch folder is skipped with its reason (red team round 2): the same file has
another name, which may be outside the folder, and nothing inside the folder can tell. Before, a
hard link to a unit outside the folder was scored and put in summary.csv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _batch(folder: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lcity", "batch", str(folder), "-o", str(out), "--jobs", "1", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_a_hard_link_to_a_file_outside_the_folder_is_skipped_with_its_reason(tmp_path):
    outside = tmp_path / "secret" / "other-unit.yaml"
    outside.parent.mkdir()
    shutil.copy(QINGSHI, outside)
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(QINGSHI, folder / "own.yaml")
    os.link(outside, folder / "linked.yaml")
    proc = _batch(folder, tmp_path / "out", "--lang", "en")
    assert proc.returncode in (0, 1), proc.stderr
    assert "linked.yaml" in proc.stderr and "hard link" in proc.stderr, proc.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    text = json.dumps(summary, ensure_ascii=False)
    scored = [u.get("file") for u in summary.get("units", [])]
    assert not any("linked" in str(f) for f in scored), scored
    assert "hard link" in text  # listed among the skipped entries, with the reason
    assert (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8").count("linked.yaml") == 0


def test_a_plain_copy_is_read():
    from lcity.batch_files import discover

    found = discover(ROOT / "examples")
    assert any(u.path.name == "qingshi-district.yaml" for u in found.units)
