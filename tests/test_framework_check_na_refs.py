"""``lcity framework check`` names an indicator id the framework lacks in advice's ``when.not_applicable``
and in an effort entry's ``responsible_if_not_applicable``: either would silently never apply (the
county without a university would be told to work with "local universities" again)."""

from __future__ import annotations

from pathlib import Path

from indicators.loader import PACKAGE_DIR

from .conftest import lcity_here as lcity

V2 = PACKAGE_DIR / "china-learning-city-2" / "framework.yaml"


def _copy(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "frameworks" / "na-refs"
    folder.mkdir(parents=True)
    text = V2.read_text(encoding="utf-8")  # its own id: it names its earlier version in replaces:
    path = folder / "framework.yaml"
    path.write_text(edit(text), encoding="utf-8")
    return path


def test_the_packaged_framework_has_no_such_slip(tmp_path):
    path = _copy(tmp_path, lambda t: t)
    assert lcity("framework", "check", str(path)).returncode == 0


def test_a_misspelt_not_applicable_id_is_named_where_it_is_written(tmp_path):
    def edit(t: str) -> str:
        t = t.replace("when: {answers: [false], not_applicable: [H1]}", "when: {answers: [false], not_applicable: [H11]}", 1)
        return t.replace("responsible_if_not_applicable: {H1:", "responsible_if_not_applicable: {Hl:", 1)
    path = _copy(tmp_path, edit)
    proc = lcity("framework", "check", str(path), "--lang", "en")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    advice_line = next(i for i, l in enumerate(lines, 1) if "not_applicable: [H11]" in l)
    effort_line = next(i for i, l in enumerate(lines, 1) if "responsible_if_not_applicable: {Hl:" in l)
    out = proc.stdout
    assert f"{path}:{advice_line}:" in out and "'H11' is not an indicator of this framework" in out
    assert f"{path}:{effort_line}:" in out and "'Hl' is not an indicator of this framework" in out
