"""What a new user meets when following README.md on a fresh clone (tests/audit_newuser/AUDIT.md):
the demo's PDF is a report like any other, the templates survive the edits their comments invite,
and the counts a user reads agree."""

from __future__ import annotations

from pathlib import Path

from .conftest import EXAMPLES, lcity_here as lcity  # the README's commands, in this process (as installed: test_wheel)


def test_the_demo_report_is_the_report_lcity_report_writes_and_verifies(tmp_path: Path) -> None:
    """The first PDF a new user gets carries its inputs: lcity verify re-scores it (exit 0), and it
    is byte for byte the PDF `lcity report` writes for the same example (audit #1: it was not)."""
    demo = lcity("demo", cwd=tmp_path, timeout=300)
    assert demo.returncode == 0, demo.stderr
    pdf = tmp_path / "lcity-demo-report.pdf"
    verified = lcity("verify", str(pdf), "--lang", "en", cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "lcity-demo-report.pdf: agrees — total 75.6" in verified.stdout + verified.stderr
    report = lcity("report", str(EXAMPLES / "qingshi-district.yaml"), "-o", "r.pdf", cwd=tmp_path, timeout=300)
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.pdf").read_bytes() == pdf.read_bytes()
    from pypdf import PdfReader

    pages = len(PdfReader(str(pdf)).pages)  # README says how long the demo's report is (#2: said 21, was 28)
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert f"writes `lcity-demo-report.pdf`, a {pages}-page evaluation report" in readme, pages
    again = lcity("demo", cwd=tmp_path, timeout=300)  # never replaces a file: README says -2.pdf (#16)
    assert again.returncode == 0 and (tmp_path / "lcity-demo-report-2.pdf").exists()
    assert "a second run writes `lcity-demo-report-2.pdf`" in readme or "it writes `lcity-demo-report-2.pdf`" in readme


def _uncommented(text: str) -> str:
    """The review form as an evaluator edits it: every commented example ('#  - {name: …}', '#  L3:')
    uncommented in place, the placeholders filled, and only the last indicator kept under verified
    (the one the example's value/reason lines follow)."""
    import re

    lines = [re.sub(r"^( *)#  ", r"\1  ", line) for line in text.splitlines()]
    lines = [line.replace("value: ...", "value: 1").replace("reason: ...", "reason: 复核").replace("……", "")
             for line in lines]
    return "\n".join(line for i, line in enumerate(lines)
                     if not (re.match(r"^  [A-Z]\d+:", line) and not lines[i + 1].startswith("    value"))) + "\n"


def test_the_review_template_stays_valid_when_its_examples_are_uncommented(tmp_path: Path) -> None:
    """Uncommenting an example under panel:, site_visits:, survey:, verified: or vetoes: gives a
    review lcity accepts (audit #9: after 'panel: []' it was a YAML error at the line of 'assessment:')."""
    (tmp_path / "q.yaml").write_bytes((EXAMPLES / "qingshi-district.yaml").read_bytes())
    made = lcity("review", "init", "q.yaml", "-o", "r.yaml", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    form = (tmp_path / "r.yaml").read_text(encoding="utf-8")
    assert "panel: []" not in form and "verified: {}" not in form and "vetoes: []" not in form
    blank = lcity("review", "validate", "q.yaml", "r.yaml", "--lang", "en", cwd=tmp_path)
    # as init writes it the form names nobody: refused (G19-C1); the panel example, uncommented, names one
    assert blank.returncode == 1 and "error no-reviewer" in blank.stdout, blank.stdout + blank.stderr
    (tmp_path / "r.yaml").write_text(_uncommented(form), encoding="utf-8")
    edited = lcity("review", "validate", "q.yaml", "r.yaml", "--lang", "en", cwd=tmp_path)
    assert edited.returncode == 0, edited.stdout + edited.stderr + _uncommented(form)
    assert "1 review: valid" in edited.stdout + edited.stderr
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8")
    assert "  - {name: 张三" in text and "    - {date: 2025-05-12" in text and "  L3:" in text


def test_the_forms_period_ends_in_its_reference_year_the_year_that_numbers_the_report(tmp_path: Path) -> None:
    """A form filled in for last year's figures is numbered by that year: the default period ends in
    reference_year, and the comment says the end year numbers the report (audit #22: 2025's form,
    LC-…-2026)."""
    import yaml

    for lang in ("zh", "en"):
        made = lcity("init", "-o", f"f-{lang}.yaml", "--city", "西城区", "--level", "district", "--lang", lang,
                     cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        text = (tmp_path / f"f-{lang}.yaml").read_text(encoding="utf-8")
        form = yaml.safe_load(text)
        assert form["period"]["end"] == form["city"]["reference_year"] == form["period"]["start"] + 1
        assert ("报告编号 LC-…-年份 取截止年份" if lang == "zh" else "numbers the report, LC-…-<last year>") in text


def test_init_status_and_a_provisional_score_count_the_same_indicators_and_call_none_a_warning(tmp_path: Path) -> None:
    """A district's form: init says 47 to fill in, status counts 47 (L1, not asked of a district, is
    not a 48th 'not applicable'), score --partial says '47 of 47' and does not call the unanswered
    ones warnings, which validate reports as errors (audit #19)."""
    made = lcity("init", "-o", "x.yaml", "--city", "西城区", "--level", "district", "--lang", "en", cwd=tmp_path)
    assert "47 indicators to answer" in made.stderr, made.stderr
    status = lcity("status", "x.yaml", cwd=tmp_path)
    assert "0 of 47 answered, 0 unknown, 47 still to fill in, 0 not applicable" in status.stdout, status.stdout
    partial = lcity("score", "x.yaml", "--partial", cwd=tmp_path)
    assert "PROVISIONAL: 47 of 47 indicators are not filled in yet" in partial.stdout, partial.stdout
    assert "warning" not in partial.stderr, partial.stderr
    validate = lcity("validate", "x.yaml", cwd=tmp_path)
    assert "x.yaml: invalid — 47 errors" in validate.stdout + validate.stderr


def test_a_missing_input_is_named_beside_an_existing_output_and_beside_an_unfinished_form(tmp_path: Path) -> None:
    """One run names every problem: upgrade's missing input with its existing output (audit #5), and
    report's missing review file with the unfinished assessment's errors (#23)."""
    assert lcity("init", "-o", "x.yaml", "--city", "西城区", "--level", "district", cwd=tmp_path).returncode == 0
    up = lcity("upgrade", "last-year.yaml", "-o", "x.yaml", "--lang", "en", cwd=tmp_path)
    assert up.returncode == 2
    assert "last-year.yaml:1:1: error unreadable: no such file" in up.stderr, up.stderr
    assert "x.yaml:1:1: error file-exists" in up.stderr, up.stderr
    report = lcity("report", "x.yaml", "--review", "x.review.yaml", "-o", "x.pdf", "--lang", "en", cwd=tmp_path)
    assert report.returncode == 2 and not (tmp_path / "x.pdf").exists()
    assert "x.review.yaml:1:1: error unreadable: no such file" in report.stderr, report.stderr
    assert "x.yaml:51:3: error no-answer: A1" in report.stderr, report.stderr


def test_every_data_folder_that_could_be_a_package_is_declared_with_its_files() -> None:
    """setuptools prints ~250 lines of 'Package ... would be ignored' for a folder inside a package
    whose name could be a package but is not declared one (audit #15: indicators.messages,
    lcity.help, lcity.help.typer, lcity_examples.v2, lcity_examples.frameworks); declared, each also
    needs its files in package-data, or the wheel leaves them out (the frameworks examples' folders
    were missing from it)."""
    import fnmatch
    import tomllib

    root = EXAMPLES.parent
    setup = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages, dirs, data = set(setup["packages"]), setup["package-dir"], setup["package-data"]

    def folder(pkg: str) -> Path:
        return root / dirs.get(pkg, pkg.replace(".", "/"))

    shipped: set[Path] = set()
    for pkg in packages:
        base = folder(pkg)
        for pattern in data.get(pkg, []):
            shipped |= {p for p in base.glob(pattern) if p.is_file()}
        for sub in base.iterdir():
            if sub.is_dir() and sub.name.isidentifier() and sub.name != "__pycache__":
                assert f"{pkg}.{sub.name}" in packages, f"{sub} is not declared a package"
    for pkg in packages:
        for f in folder(pkg).rglob("*"):
            if f.is_file() and f.suffix in (".yaml", ".json") and "__pycache__" not in f.parts \
                    and not fnmatch.fnmatch(f.name, "*.pyc"):
                assert f in shipped or any(f.is_relative_to(folder(q)) and f in shipped for q in packages), \
                    f"{f.relative_to(root)} is not in the wheel's package-data"
