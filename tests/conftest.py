"""Shared helpers: read an assessment from text and list its problems as (line, col, rule)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import sys
from pathlib import Path

import pytest

from evaluator.reading import read_string
from indicators.problems import InputError

# The suite must not fill the user's own ~/.cache/lcity with compiled frameworks: one cache folder
# per test session, shared by the in-process tests and every `lcity` subprocess.
os.environ["LCITY_CACHE_DIR"] = tempfile.mkdtemp(prefix="lcity-test-cache-")
# Messages follow the locale when neither --lang nor the file says a language; tests that expect one
# say so, so the suite runs the same on a machine with a Chinese locale.
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def example_assessments() -> list[Path]:
    """The worked examples (reviews excluded), including the generated districts and trend series."""
    return sorted(p for p in EXAMPLES.rglob("*.yaml") if ".review" not in p.name
                  and "frameworks" not in p.relative_to(EXAMPLES).parts)  # other frameworks: test_third_party_framework


def problems_of(text: str, file: str = "t.yaml") -> list[tuple[int, int, str]]:
    try:
        loaded = read_string(text, file=file)
        problems = loaded.problems
    except InputError as exc:
        problems = exc.problems
    return [(p.line, p.col, p.rule) for p in problems]


def lcity(*args: str, cwd: Path | None = None, input: str | None = None, timeout: int = 120):
    """Runs the CLI as a user would, in a subprocess, and returns the CompletedProcess."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "lcity", *args], cwd=cwd or ROOT, capture_output=True, text=True,
        env=env, timeout=timeout, input=input,
    )


@pytest.fixture(scope="session")
def example_text() -> str:
    return (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
