"""Batch evaluation of a folder (``lcity batch``): summaries, failures, reviews, clobbering, PDFs,
time limits.

Most tests read ONE batch run (module fixture ``run``) over a small folder: four districts (two
with a review found by name), one broken file, and one unit whose PDF render is made artificially
slow through the tests' hook (LCITY_TEST_RENDER_DELAY), so that a single run exercises failures,
reviews, per-unit PDFs, the ranking PDF and the time limit.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from lcity.batch import (
    Listener,
    Pool,
    TimeLimitExceeded,
    discover,
    run_batch,
    sleep_task,
    time_limit,
)
from evaluator.pipeline import score
from evaluator.reading import read
from evaluator.review import load_reviews
from indicators.problems import InputError

from .conftest import EXAMPLES, lcity, lcity_here

DISTRICTS = EXAMPLES / "districts"
UNITS = ["lanjiang", "beiling", "wanghu", "baiyang"]
SLOW = "baiyang"
TIMEOUT = 45  # seconds: a real render takes 5-10 s, 15-25 s on a 2-core machine busy with other work; the slow one waits 600


def copy_units(folder: Path, names=UNITS, reviews=True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copy(DISTRICTS / f"{n}.yaml", folder)
        if reviews and (DISTRICTS / f"{n}.review.yaml").exists():
            shutil.copy(DISTRICTS / f"{n}.review.yaml", folder)
    return folder


def broken_text() -> tuple[str, int]:
    """wanghu.yaml with two mistakes: a misspelt level and a percentage over 100."""
    text = (DISTRICTS / "wanghu.yaml").read_text(encoding="utf-8").replace("  level: district", "  level: distrct")
    lines = text.splitlines()
    k4 = lines.index("  K4:")
    lines[k4 + 1] = "    value: 130"
    line = next(i for i, t in enumerate(lines, 1) if "distrct" in t)
    return "\n".join(lines) + "\n", line


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())  # BOM, for Excel and WPS
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def verified_total(*paths: Path) -> tuple[float, float]:
    """(verified total, self-assessed total) of an assessment and its reviews, via the Python API."""
    loaded = read(paths[0])
    a, fw = loaded.require()
    reviews = load_reviews(list(paths[1:]), loaded)
    return score(a, fw, sha256=loaded.sha256, reviews=reviews).total, score(a, fw).total


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = copy_units(tmp_path_factory.mktemp("districts"))
    text, line = broken_text()
    (folder / "broken.yaml").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    env = {"LCITY_TEST_RENDER_DELAY": f"{SLOW}:600"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        proc = lcity("batch", str(folder), "-o", str(out), "--reports", "--jobs", "2", "--timeout", str(TIMEOUT),
                     timeout=300)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    rows = read_csv(out / "summary.csv")
    doc = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"proc": proc, "folder": folder, "out": out, "rows": rows, "doc": doc,
            "broken_line": line}


# --- one broken file among good ones ----------------------------------------------------------


def test_broken_file_does_not_stop_the_batch(run):
    proc, rows = run["proc"], run["rows"]
    assert proc.returncode == 1, proc.stderr
    by_file = {r["file"]: r for r in rows}
    assert set(by_file) == {f"{n}.yaml" for n in UNITS} | {"broken.yaml"}
    for n in UNITS:
        assert by_file[f"{n}.yaml"]["total"] != ""  # every good file was scored
    bad = by_file["broken.yaml"]
    assert bad["status"] == "invalid"
    assert all(bad[c] == "" for c in ("rank", "total", "grade", "recognition", "A", "L"))
    folder = run["folder"]
    # summary.csv says it in the ranking's language (Chinese units: zh), as the ranking PDF does
    assert bad["error"].startswith(f"{folder / 'broken.yaml'}:{run['broken_line']}:10: 错误 ")
    assert rows[-1]["file"] == "broken.yaml"  # unscored files come last


def test_failure_line_and_progress_on_stderr(run):
    err = run["proc"].stderr
    folder = run["folder"]
    failed = [line for line in err.splitlines() if line.startswith("FAILED")]
    assert any(f"{folder / 'broken.yaml'}:{run['broken_line']}:10: error" in line and "and 1 more" in line
               for line in failed), err
    assert "scoring and rendering" in err  # the progress bar
    assert re.search(r"5 files: 4 scored, 2 failed \(invalid 1, report_failed 1\)", err), err
    assert run["proc"].stdout == ""  # machine output only; nothing to print here


def test_summary_json_lists_the_failure_with_all_its_problems(run):
    doc = run["doc"]
    assert (doc["files"], doc["scored"], doc["failed"]) == (5, 4, 2)
    fail = next(f for f in doc["failures"] if f["file"] == "broken.yaml")
    assert fail["status"] == "invalid" and fail["stage"] == "score"
    rules = {(p["line"], p["column"], p["rule"]) for p in fail["problems"]}
    assert (run["broken_line"], 10, "unknown-level") in rules  # level: distrct
    assert any(p["rule"] == "out-of-range" for p in fail["problems"])  # K4: 130 %
    assert all(u["file"] != "broken.yaml" for u in doc["units"])


def test_summary_json_and_csv_agree(run):
    rows, doc = run["rows"], run["doc"]
    assert list(rows[0].keys()) == doc["columns"]
    scored = [r for r in rows if r["total"] != ""]
    assert len(scored) == len(doc["units"])
    for r, u in zip(scored, doc["units"]):
        for col in doc["columns"]:
            v = u[col]
            if v is None:
                assert r[col] == "", col
            elif isinstance(v, bool):
                assert r[col] == ("true" if v else "false"), col
            elif isinstance(v, (int, float)):
                assert float(r[col]) == pytest.approx(v), col
            else:
                assert r[col] == v, col
    unscored = [r for r in rows if r["total"] == ""]
    failures = {f["file"]: f for f in doc["failures"]}
    for r in unscored:
        assert failures[r["file"]]["status"] == r["status"]
        assert failures[r["file"]]["error"] == r["error"]


def test_rows_sorted_by_rank_then_file(run):
    scored = [r for r in run["rows"] if r["rank"]]
    totals = [float(r["total"]) for r in scored]
    assert totals == sorted(totals, reverse=True)
    assert [int(r["rank"]) for r in scored] == list(range(1, len(scored) + 1))


# --- reviews found by name --------------------------------------------------------------------


def test_reviews_found_by_name_are_applied(run):
    by_file = {r["file"]: r for r in run["rows"]}
    folder = run["folder"]
    for n in ("lanjiang", "beiling"):
        row = by_file[f"{n}.yaml"]
        verified, own = verified_total(folder / f"{n}.yaml", folder / f"{n}.review.yaml")
        assert row["reviewed"] == "true"
        assert float(row["total"]) == pytest.approx(verified, abs=0.005)
        assert float(row["self_total"]) == pytest.approx(own, abs=0.005)
        assert abs(verified - own) > 0.1  # the review changed something
    assert by_file["wanghu.yaml"]["reviewed"] == "false"
    assert by_file["wanghu.yaml"]["self_total"] == ""


def test_several_reviews_of_one_file_form_a_panel(tmp_path):
    folder = copy_units(tmp_path / "in", ["lanjiang"])
    first = (folder / "lanjiang.review.yaml").read_text(encoding="utf-8")
    second = re.sub(r"(?m)^reviewer:\n  name: .*$", "reviewer:\n  name: 第二评审", first)
    second = re.sub(r"(?m)^  D1:\n    value: \d+", "  D1:\n    value: 1000000", second)
    (folder / "lanjiang.review-2.yaml").write_text(second, encoding="utf-8")
    (folder / "ghost.review.yaml").write_text(first, encoding="utf-8")  # reviews nothing in the folder
    found = discover(folder)
    units, orphans = found.units, found.orphan_reviews
    assert [u.path.name for u in units] == ["lanjiang.yaml"]
    assert [p.name for p in units[0].reviews] == ["lanjiang.review-2.yaml", "lanjiang.review.yaml"]
    assert [p.name for p in orphans] == ["ghost.review.yaml"]
    notes = []

    class Notes(Listener):
        def note(self, text):
            notes.append(text)

    summary = run_batch(folder, tmp_path / "out", jobs=1, ranking=False, listener=Notes())
    (o,) = summary.outcomes
    assert o.status == "ok" and o.record["reviewers"] == 2
    expected, _ = verified_total(folder / "lanjiang.yaml", folder / "lanjiang.review.yaml",
                                 folder / "lanjiang.review-2.yaml")
    assert o.total == pytest.approx(expected, abs=0.005)
    assert any("ghost.review.yaml" in n for n in notes)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["summary.csv", "summary.json", "summary.xlsx"]


def test_a_review_that_does_not_match_makes_the_unit_invalid(tmp_path):
    folder = copy_units(tmp_path / "in", ["beiling"])
    (folder / "beiling.yaml").write_text((folder / "beiling.yaml").read_text(encoding="utf-8") + "# edited\n",
                                         encoding="utf-8")
    summary = run_batch(folder, tmp_path / "out", jobs=1, ranking=False)
    (o,) = summary.outcomes
    assert o.status == "invalid" and "hash-mismatch" in o.error and "beiling.review.yaml" in o.error
    assert summary.exit_code == 1


# --- outputs: never clobbered, always whole ---------------------------------------------------


def test_outputs_are_not_clobbered_without_force(tmp_path):
    folder = copy_units(tmp_path / "in", ["wanghu", "baiyang"], reviews=False)
    out = tmp_path / "out"
    first = lcity("batch", str(folder), "-o", str(out), "--jobs", "2")
    assert first.returncode == 0, first.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["ranking.pdf", "summary.csv", "summary.json", "summary.xlsx"]
    first_bytes = {n: (out / n).read_bytes() for n in names}
    (out / "summary.csv").write_text("mine\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    again = lcity("batch", str(folder), "-o", str(out), "--jobs", "2", "--reports")
    assert again.returncode == 2
    for n in names:  # every clash is listed, before anything is done
        assert f"{out / n}:1:1: error file-exists" in again.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # untouched, nothing added
    assert "Traceback" not in again.stderr

    forced = lcity("batch", str(folder), "-o", str(out), "--jobs", "2", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "summary.csv").read_text(encoding="utf-8-sig").startswith("rank,file,status")
    assert sorted(p.name for p in out.iterdir()) == names  # no temporary files left behind
    assert {n: (out / n).read_bytes() for n in names} == first_bytes  # same folder, same bytes


def test_a_crash_midway_leaves_no_partial_file(tmp_path):
    folder = copy_units(tmp_path / "in", UNITS, reviews=False)
    out = tmp_path / "out"

    class Crash(Listener):
        def unit_done(self, outcome):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(folder, out, jobs=2, ranking=False, listener=Crash())
    assert list(out.iterdir()) == []  # the summaries are written at the end; no .part files


def test_usage_errors_exit_2(tmp_path):
    folder = copy_units(tmp_path / "in", ["wanghu"], reviews=False)
    afile = tmp_path / "file.txt"
    afile.write_text("x", encoding="utf-8")
    proc = lcity("batch", str(folder), "-o", str(afile))
    assert proc.returncode == 2 and "not a folder" in proc.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = lcity("batch", str(empty), "-o", str(tmp_path / "o"))
    assert proc.returncode == 2 and "no assessment files" in proc.stderr
    proc = lcity("batch", str(folder))
    assert proc.returncode == 2  # -o is required
    with pytest.raises(InputError):
        run_batch(tmp_path / "missing", tmp_path / "o2")


# --- the time limit ---------------------------------------------------------------------------


def test_time_limit_interrupts_a_slow_block():
    with pytest.raises(TimeLimitExceeded) as info:
        with time_limit(0.3):
            time.sleep(600)  # interrupted: the test would not end otherwise
    assert info.value.seconds == 0.3
    with time_limit(0.5):  # a quick block is not affected, and the timer is disarmed afterwards
        pass
    import signal

    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_pool_kills_a_worker_that_ignores_the_alarm():
    pool = Pool(2, 1.0)
    try:
        pool.submit(("soft",), sleep_task, 600)
        pool.submit(("hard",), sleep_task, 600, True)  # SIGALRM blocked: only the pool's kill stops it
        pool.submit_many([(("quick", k), sleep_task, (0.01,)) for k in range(3)], 2)
        got = {key: status for key, status, _ in pool.results()}
    finally:
        pool.close(kill=True)
    assert got == {("soft",): "timeout", ("hard",): "timeout", ("quick", 0): "ok", ("quick", 1): "ok",
                   ("quick", 2): "ok"}


def test_a_slow_render_becomes_a_failure_row_and_the_batch_finishes(run):
    by_file = {r["file"]: r for r in run["rows"]}
    slow = by_file[f"{SLOW}.yaml"]
    assert slow["status"] == "report_failed"
    assert f"报告生成超过时限 {TIMEOUT:g} 秒" in slow["error"]  # Chinese units: the ranking's language
    assert slow["total"] != "" and slow["rank"] != ""  # its scores are valid and kept
    assert not (run["out"] / f"{SLOW}.pdf").exists()
    assert any(f["file"] == f"{SLOW}.yaml" and f["stage"] == "report" for f in run["doc"]["failures"])
    assert f"{SLOW}.yaml: report not written" in run["proc"].stderr


# --- PDFs ---------------------------------------------------------------------------------------


def test_reports_writes_one_pdf_per_unit(run):
    out = run["out"]
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    expected = sorted([f"{n}.pdf" for n in UNITS if n != SLOW] + ["ranking.pdf"])
    assert pdfs == expected
    for name in pdfs:
        assert (out / name).read_bytes().startswith(b"%PDF-")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_ranking_pdf_table_matches_summary_csv(run):
    from pypdf import PdfReader

    text = _squash("".join(page.extract_text() for page in PdfReader(run["out"] / "ranking.pdf").pages))
    pos = 0
    for r in (r for r in run["rows"] if r["rank"]):
        needle = _squash(r["name_zh"])
        at = text.find(needle, pos)
        assert at >= 0, f"{r['name_zh']} not found after position {pos}"
        total = f"{float(r['total']):.2f}"  # the same figure as the summary: rounded once
        at_total = text.find(total, at)
        assert at_total >= 0 and at_total - at < 40, (r["name_zh"], total)
        pos = at_total
    assert "broken.yaml" in text  # the failures are listed too


def test_batch_runs_on_the_example_folder_sixteen_units_or_more():
    found = discover(DISTRICTS)
    units, orphans = found.units, found.orphan_reviews
    assert len(units) >= 16 and not orphans
    assert {u.path.name for u in units if u.reviews} == {"lanjiang.yaml", "beiling.yaml"}
    for u in units:
        assert read(u.path).ok, u.path


@pytest.mark.parametrize("name", ["wanghu", "lanjiang"])
def test_unit_pdf_is_the_pdf_lcity_report_writes(run, tmp_path, name):
    folder = run["folder"]
    single = tmp_path / f"{name}.pdf"
    reviews = [a for r in sorted(folder.glob(f"{name}.review*.yaml")) for a in ("--review", str(r))]
    assert bool(reviews) == (name == "lanjiang")
    proc = lcity_here("report", str(folder / f"{name}.yaml"), *reviews, "-o", str(single))  # lcity report, in-process
    assert proc.returncode == 0, proc.stderr
    assert single.read_bytes() == (run["out"] / f"{name}.pdf").read_bytes()
