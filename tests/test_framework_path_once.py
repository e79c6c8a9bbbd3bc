"""A folder named more than once in LCITY_FRAMEWORK_PATH is scanned once (audit-g2: repeated folders
were scanned again for every framework looked up; slow, not wrong), and what lcity lists is the same."""

from __future__ import annotations

import os
from pathlib import Path

from indicators import loader

from .conftest import lcity_here

ALDMARK = Path(__file__).resolve().parent / "audit_frameworks" / "aldmark"


def test_a_folder_named_twice_or_by_a_link_is_one_search_folder(tmp_path, monkeypatch):
    link = tmp_path / "again"
    link.symlink_to(ALDMARK, target_is_directory=True)
    named = [str(ALDMARK), str(ALDMARK) + os.sep, str(link), str(loader.PACKAGE_DIR)]
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", os.pathsep.join(named))
    assert loader.search_dirs() == [loader.PACKAGE_DIR, ALDMARK]


def test_frameworks_lists_the_same_whether_a_folder_is_named_once_or_three_times(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(ALDMARK))
    once = lcity_here("frameworks")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", os.pathsep.join([str(ALDMARK)] * 3))
    thrice = lcity_here("frameworks")
    assert once.returncode == thrice.returncode == 0, thrice.stderr
    assert once.stdout == thrice.stdout
    assert "aldmark" in once.stdout
