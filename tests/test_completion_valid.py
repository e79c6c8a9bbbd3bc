"""Completion offers only frameworks that can be used (G6, seen in passing): one that ``lcity
frameworks`` lists as invalid was offered, id and all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def _complete(words: str, path: Path) -> list[str]:
    env = {**os.environ, "_LCITY_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)), "LCITY_FRAMEWORK_PATH": str(path)}
    script = Path(sys.executable).parent / "lcity"  # completion answers to the command's own name, as a shell calls it
    got = subprocess.run([str(script)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    return got.stdout.split()


def test_an_invalid_framework_is_not_offered(tmp_path: Path) -> None:
    good = (ROOT / "indicators" / "china-learning-city-2" / "framework.yaml").read_text(encoding="utf-8")
    (tmp_path / "broken").mkdir()
    # a framework of another id whose points no longer add up: lcity frameworks lists it as invalid
    broken = good.replace("id: china-learning-city", "id: brokenfw", 1)
    assert broken != good
    (tmp_path / "broken" / "framework.yaml").write_text(broken.replace("points:", "points: 7\n  # ", 1), encoding="utf-8")
    listed = subprocess.run([sys.executable, "-m", "lcity", "frameworks"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "LCITY_FRAMEWORK_PATH": str(tmp_path), "COLUMNS": "200"}, timeout=120)
    assert "brokenfw" in listed.stdout + listed.stderr and listed.returncode == 1
    offered = _complete("lcity validate --framework ", tmp_path)
    assert "china-learning-city@2" in offered
    assert not [w for w in offered if w.startswith("brokenfw")], offered
