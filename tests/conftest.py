"""Shared helpers: read an assessment from text and list its problems as (line, col, rule)."""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import sys
import types
from pathlib import Path

import pytest

from evaluator.reading import read_string
from indicators.problems import InputError

# The suite must not fill the user's own ~/.cache/lcity with compiled frameworks: one cache folder
# per test session, shared by the in-process tests and every `lcity` subprocess.
os.environ["LCITY_CACHE_DIR"] = tempfile.mkdtemp(prefix="lcity-test-cache-")
atexit.register(shutil.rmtree, os.environ["LCITY_CACHE_DIR"], ignore_errors=True)
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


def terminal_lines(*args: str, cwd: Path | None = None, **env: str) -> list[str]:
    """The lines a user sees running ``lcity ARGS`` on an 80-column terminal: a pseudo-terminal,
    colours off, escape sequences and carriage returns dropped; ``env`` added to the environment."""
    environ = dict(os.environ, COLUMNS="80", LINES="50", NO_COLOR="1", TERM="xterm", **env)
    script = (f"import pty, sys; sys.exit(pty.spawn([{sys.executable!r}, '-m', 'lcity', "
              + ", ".join(repr(a) for a in args) + "]) >> 8)")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, env=environ, cwd=cwd or ROOT, timeout=300)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", proc.stdout.decode("utf-8", "replace")).replace("\r", "")
    return text.split("\n")


def on_terminal(*args: str, columns: int, code: int | None = 0, **env: str) -> str:
    """What ``lcity ARGS`` shows on a pseudo-terminal ``columns`` wide (colours off, escape sequences
    and carriage returns dropped), run with COLUMNS=``columns`` unless ``env`` says another COLUMNS
    (``env`` added to the environment); its exit code must be ``code`` (None: not checked)."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    environ = dict(os.environ, **{"COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "xterm", **env})
    proc = subprocess.Popen([sys.executable, "-m", "lcity", *args], stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=slave, cwd=ROOT, env=environ, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    exited = proc.wait(timeout=120)
    if code is not None:
        assert exited == code, (exited, b"".join(chunks).decode("utf-8", "replace"))
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace")).replace("\r", "")


@pytest.fixture(scope="session")
def example_text() -> str:
    return (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")


# --- reports rendered once per session ------------------------------------------------------------
# A tagged PDF/A report with its embedded font takes seconds to render: each report below is made
# once and read by every module that checks it, instead of each module rendering its own copy.

EXAMPLE_NAMES = ("qingshi-district", "jianglan-city", "yunling-county")
LANGS = ("zh", "en")


def framework_with_edit(src: Path, dest: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the framework folder ``src`` at ``dest`` whose framework.yaml has its one ``old``
    replaced by ``new``, and the line ``new`` starts on: a framework author's slip, to check."""
    import shutil

    shutil.copytree(src, dest)
    path = dest / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    return path, line


def on_every_point(assessment: Path, dest: Path) -> Path:
    """``assessment`` (of china-learning-city@2) under a copy of that framework, ``china-learning-city@3``
    in ``dest / "fw"`` (put that folder on LCITY_FRAMEWORK_PATH), whose floors count every point
    (``floor_on_own_work: false``): a city then needs UNESCO's GNLC membership for the L floor, the
    case that shows how a plan and a report treat a step another body decides (G21-B3 took it away
    from the packaged framework)."""
    import re as _re

    fw, _ = framework_with_edit(ROOT / "indicators" / "china-learning-city-2", dest / "fw" / "every-point",
                                "floor_on_own_work: true", "floor_on_own_work: false")
    fw.write_text(fw.read_text(encoding="utf-8").replace("\nversion: 2\n", "\nversion: 3\n", 1), encoding="utf-8")
    text = _re.sub(r"(?m)^framework: .*$", "framework: china-learning-city@3", assessment.read_text(encoding="utf-8"))
    out = dest / assessment.name
    out.write_text(text, encoding="utf-8")
    return out


_REPORT_PAGES = Path(tempfile.mkdtemp(prefix="lcity-test-pages-"))
atexit.register(shutil.rmtree, _REPORT_PAGES, ignore_errors=True)


@functools.cache
def report_page(lang: str, *args: str) -> str:
    """The HTML page of qingshi's report as ``lcity report`` (with ``args``, e.g. a ``--review``) writes
    it in ``lang``. Made once a session (in this process, as ``lcity report`` does it): a dozen modules
    read the same page, and each ``lcity report`` costs seconds of scoring and its robustness draws."""
    out = _REPORT_PAGES / f"report-{lang}-{len(list(_REPORT_PAGES.glob('report-*.html')))}.html"
    run = lcity_here("report", str(EXAMPLES / "qingshi-district.yaml"), *args, "--html", str(out), "--lang", lang,
                     cwd=_REPORT_PAGES)
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8")


def report_text(tmp_path: Path, lang: str, *args: str) -> str:
    """What a reader reads in qingshi's report made by ``lcity report`` (with ``args``, e.g. a
    ``--review``) in ``lang``: its HTML without tags, entities read, whitespace as one space.
    (``tmp_path`` is no longer written to: the page is the session's, see report_page.)"""
    import html

    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", report_page(lang, *args))))



def report_lines(path: Path, lang: str = "zh", reviews: list[Path] | tuple = ()) -> list[str]:
    """A report's text lines, from the HTML ``lcity report`` typesets (no PDF), prepared as ``lcity
    report`` prepares it (robustness draws, warnings put to the panel in 五), dated 2026-04-10."""
    from lcity.reporting import prepare
    from reports.render import render_html

    p = prepare(path, reviews=list(reviews))
    html = render_html(p.result, p.bench, p.framework, p.assessment, lang=lang, date="2026-04-10",
                       robustness=p.robustness, warnings=p.warnings)
    return [ln.strip() for ln in re.sub(r"<[^>]+>", "\n", html).splitlines() if ln.strip()]


@functools.cache
def report_one_line(path: Path, lang: str, reviews: tuple = (), previous: tuple = ()) -> str:
    """The report's text as one line, from the HTML lcity report typesets (dated 2026-04-10), with its
    reviews and --previous assessments; kept for the session (the files it reads are the checkout's or
    a test's own tmp_path, never written again after they were read)."""
    import html as _html

    from lcity.reporting import prepare
    from reports.render import render_html

    p = prepare(path, reviews=list(reviews), previous=list(previous))
    page = render_html(p.result, p.bench, p.framework, p.assessment, lang=lang, date="2026-04-10",
                       trend=p.trend, robustness=p.robustness, warnings=p.warnings)
    return _html.unescape(" ".join(ln.strip() for ln in re.sub(r"<[^>]+>", "\n", page).splitlines() if ln.strip()))


def between(text: str, start: str, end: str) -> str:
    """From the last ``start`` that is no quotation (a heading, not "见“六、意见建议”"; the contents list
    names it first) to the next ``end``."""
    k = max(m.start() for m in re.finditer(re.escape(start), text) if text[max(m.start() - 1, 0)] not in "“‘'")
    return text[k:text.index(end, k + len(start))]



def assert_agreed(r, total: float, grade: str, outcome: str | None, pathway: str | None) -> None:
    """An archetype audit's agreed judgment of a Result: the hand scorer's total, the grade, and the
    outcome and pathway where the panel member signed them (None: not signed, see the module's xfails)."""
    assert round(r.total, 1) == total and r.grade.id == grade
    if outcome:
        assert r.recognition.outcome == outcome
    if pathway:
        assert r.pathway.type == pathway


def section(lines: list[str], head: str, end: str) -> list[str]:
    """The lines from the first line starting with ``head`` to the next starting with ``end``."""
    k = next(i for i, ln in enumerate(lines) if ln.startswith(head))
    m = next((i for i in range(k + 1, len(lines)) if lines[i].startswith(end)), len(lines))
    return lines[k:m]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


def scored(path: Path):
    from evaluator.engine import score
    from evaluator.reading import read

    loaded = read(path)
    assessment, fw = loaded.require()
    result = score(assessment, fw, sha256=loaded.sha256, file=str(path))
    return result, assessment, fw


@functools.cache
def scored_reviewed(path: Path, review: Path | None = None):
    """``(result, fw, assessment)`` as ``lcity report`` scores them, with the panel's review when one is
    given: the report tests build a context or a page from exactly what the command would. Kept for the
    session (the report modules each kept their own copy); a test that wants another result makes it
    with ``model_copy``, never by changing the one it was given."""
    from evaluator.pipeline import read_scored

    result, loaded = read_scored(path, reviews=[review] if review else [])
    assessment, fw = loaded.require()
    return result, fw, assessment


def plain(page: str) -> str:
    """A rendered HTML page as a reader sees its words: the style sheet and tags dropped, entities
    unescaped, every run of white space one space, so a test looks for a sentence, not for markup."""
    import html

    page = re.sub(r"<style.*?</style>", " ", page, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


class Rendered:
    def __init__(self, name: str, lang: str, html: str, pdf: bytes, refused: list[str], fetched: list[str],
                 logs: list[str]):
        from io import BytesIO

        from pypdf import PdfReader

        self.name, self.lang, self.html, self.pdf = name, lang, html, pdf
        self.refused, self.fetched, self.logs = refused, fetched, logs
        self.reader = PdfReader(BytesIO(pdf))
        self.pages = [p.extract_text() or "" for p in self.reader.pages]
        self.text = squash("".join(self.pages))


def render_example(name: str, lang: str, **options) -> Rendered:
    """The example's report as ``lcity report`` writes it, with WeasyPrint's log of the rendering."""
    from evaluator.benchmark import benchmark
    from evaluator.sensitivity import for_unit
    from reports.embedded import input_files, with_result
    from reports.render import make_fetcher, render_html, render_pdf

    result, assessment, fw = scored(EXAMPLES / f"{name}.yaml")
    bench = benchmark(result, fw)
    options.setdefault("robustness", for_unit(result, fw))  # as lcity report makes it: with 七 稳健性分析
    capture = LogCapture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    try:
        html = render_html(result, bench, fw, assessment, lang=lang, **options)
        fetcher = make_fetcher()
        # as lcity report writes it: the assessment and the Result embedded (lcity verify)
        pdf = render_pdf(html, created=assessment.date, fetcher=fetcher,
                         embedded=with_result(input_files(EXAMPLES / f"{name}.yaml"), result))
    finally:
        logger.removeHandler(capture)
    return Rendered(name, lang, html, pdf, fetcher.refused, fetcher.fetched, capture.messages())


# --- a render shared by the two workers ------------------------------------------------------------
# pytest-xdist's two workers are two processes: a report both need (test_report's examples, read again
# by test_verify_printed_totals and test_g18_fixes on the other worker) was rendered by each. The first
# to ask renders it into a folder the controlling process made for this session (removed when the
# session ends); the other waits for it and reads it. The file's name is a hash of what was asked AND of
# every file of the product (and the versions of the libraries that write the PDF), so a render is
# never read for other inputs, nor after the product changed (another engineer's edit mid-session).

SHARED_RENDERS = "LCITY_TEST_SHARED_RENDERS"
PRODUCT_DIRS = ("indicators", "evaluator", "reports", "lcity")


@functools.cache
def product_digest() -> str:
    """A hash of the product's files and of the PDF libraries' versions: what a render depends on."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256()
    for folder in PRODUCT_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    for lib in ("weasyprint", "pydyf", "pypdf", "fonttools", "jinja2"):
        digest.update(f"{lib}={version(lib)};".encode())
    return digest.hexdigest()


def shared_render(key: tuple, make):
    """``make()`` (a picklable value), made once for both workers for ``key`` (every input that decides
    it, files by their content); in a session without the shared folder, made here."""
    import fcntl
    import hashlib
    import pickle

    folder = os.environ.get(SHARED_RENDERS)
    if not folder or not Path(folder).is_dir():
        return make()
    name = hashlib.sha256(repr((product_digest(), key)).encode()).hexdigest()
    path = Path(folder) / name
    with open(Path(folder) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker, making the same, finishes first
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = make()
        part = path.with_suffix(".part")
        part.write_bytes(pickle.dumps(value))
        part.replace(path)
        return value


def pytest_configure(config):
    """The controlling process (or the only one, -n0) makes the session's shared folder; the workers
    it starts inherit its name."""
    if hasattr(config, "workerinput") or os.environ.get(SHARED_RENDERS):
        return
    config._lcity_shared_renders = tempfile.mkdtemp(prefix="lcity-test-shared-")
    os.environ[SHARED_RENDERS] = config._lcity_shared_renders


def pytest_unconfigure(config):
    folder = getattr(config, "_lcity_shared_renders", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(SHARED_RENDERS, None)


def _input_bytes(*paths: Path) -> tuple:
    return tuple((str(p), p.read_bytes()) for p in paths)


def shared_example(name: str, lang: str) -> Rendered:
    """render_example(name, lang), rendered once for both workers."""
    source = EXAMPLES / f"{name}.yaml"

    def make() -> dict:
        r = render_example(name, lang)
        return dict(name=r.name, lang=r.lang, html=r.html, pdf=r.pdf, refused=r.refused, fetched=r.fetched,
                    logs=r.logs)

    return Rendered(**shared_render(("render_example", name, lang, _input_bytes(source)), make))


class _RenderedOnFirstUse(dict):
    """Each (example, language) report rendered the first time a test asks for it, then kept: a
    module that reads three of the six (test_verify) renders only those when it runs alone or on
    another xdist worker."""

    def __missing__(self, key: tuple[str, str]) -> Rendered:
        name, lang = key
        if name not in EXAMPLE_NAMES or lang not in LANGS:
            raise KeyError(key)
        self[key] = shared_example(name, lang)
        return self[key]


@pytest.fixture(scope="session")
def example_reports() -> dict[tuple[str, str], Rendered]:
    """The three worked examples' reports in zh and en (test_report, test_verify)."""
    return _RenderedOnFirstUse()


@pytest.fixture(scope="session")
def reviewed_qingshi(tmp_path_factory) -> dict:
    """``lcity report`` of the reviewed worked example, PDF and HTML (test_report_review, test_verify)."""
    source, review = EXAMPLES / "qingshi-district.yaml", EXAMPLES / "qingshi-district.review.yaml"

    def make() -> dict:
        # in the shared folder when there is one: the paths the run printed are the paths of its files
        shared = os.environ.get(SHARED_RENDERS)
        out = Path(tempfile.mkdtemp(prefix="reviewed-", dir=shared)) if shared else tmp_path_factory.mktemp("reviewed")
        pdf, html = out / "r.pdf", out / "r.html"
        proc = lcity_here("report", str(source), "--review", str(review), "-o", str(pdf), "--html", str(html))
        return {"proc": proc, "pdf": pdf, "html": html}

    return shared_render(("reviewed_qingshi", _input_bytes(source, review)), make)


def shared_report(source: Path, lang: str, review: Path | None = None) -> dict:
    """``lcity report SOURCE [--review REVIEW] --lang LANG -o PDF`` (in this process), made once for both
    workers: ``{"proc": its CompletedProcess, "pdf": the PDF it wrote}``. For tests that read what the
    report says; a test about the command itself (its options, its process) runs it."""
    inputs = (source,) + ((review,) if review else ())

    def make() -> dict:
        shared = os.environ.get(SHARED_RENDERS)
        out = Path(tempfile.mkdtemp(prefix="report-", dir=shared or _REPORT_PAGES))
        pdf = out / f"{source.stem}-{lang}.pdf"
        proc = lcity_here("report", str(source), *(("--review", str(review)) if review else ()), "--lang", lang,
                          "-o", str(pdf))
        return {"proc": proc, "pdf": pdf}

    return shared_render(("shared_report", lang, _input_bytes(*inputs)), make)


# --- the text of a report's page, read once --------------------------------------------------------
# lcity verify reads the text of every page with pypdf (about 3 s of CPU for a report, each page's
# fonts parsed again) to find the printed figures. The copies test_verify tampers with keep the pages
# of the report they were made from, so a page's text is kept by what decides it (its content, its
# fonts and their ToUnicode maps, its forms) and each distinct page is read once a session. What
# verify does with the text is unchanged; a ``lcity verify`` run in its own process reads it afresh.

PAGE_TEXT_KEPT = ("test_verify.py", "test_verify_printed_totals.py", "test_g18_fixes.py")
_page_texts: dict[bytes, str] = {}


def _page_key(page) -> bytes:
    import hashlib

    digest = hashlib.sha256()
    contents = page.get_contents()
    digest.update(contents.get_data() if contents is not None else b"")
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    for kind in ("/Font", "/XObject"):
        group = resources.get(kind)
        group = group.get_object() if group is not None else {}
        for name in sorted(group):
            digest.update(kind.encode() + str(name).encode())
            obj = group[name].get_object()
            if hasattr(obj, "get_data"):
                digest.update(obj.get_data())
            to_unicode = obj.get("/ToUnicode") if hasattr(obj, "get") else None
            if to_unicode is not None:
                digest.update(to_unicode.get_object().get_data())
    return digest.digest()


@pytest.fixture(autouse=True)
def _page_text_read_once(request, monkeypatch):
    """In the modules of PAGE_TEXT_KEPT, pypdf's ``extract_text()`` of a page already read is the kept text."""
    if request.node.path.name not in PAGE_TEXT_KEPT:
        yield
        return
    from pypdf._page import PageObject

    own = PageObject.extract_text

    def extract_text(self, *args, **kwargs):
        if args or kwargs:
            return own(self, *args, **kwargs)
        key = _page_key(self)
        if key not in _page_texts:
            _page_texts[key] = own(self)
        return _page_texts[key]

    monkeypatch.setattr(PageObject, "extract_text", extract_text)
    yield


# --- lcity in this process ---------------------------------------------------------------------------
# Starting Python and importing lcity costs each subprocess a third of a second, hundreds of times a
# session. Tests about what a command says and its exit code (not about the process: signals, pipes,
# a fresh locale, the console script, worker processes) run it here, the way ``main()`` does.


class _Main(types.ModuleType):
    """``__main__`` as ``python -m lcity`` has it, so Click names the program as it does there."""


class _Kept(io.BytesIO):
    """What a stream received, still readable after its text wrapper is closed."""

    def close(self) -> None:
        pass


@contextlib.contextmanager
def _as_lcity_process(args: tuple[str, ...], cwd: Path, input: str | None):
    main = _Main("__main__")
    main.__package__ = "lcity"
    saved = (sys.argv, sys.stdin, sys.stdout, sys.stderr, sys.modules["__main__"], os.getcwd(),
             {k: os.environ.get(k) for k in ("COLUMNS", "NO_COLOR")})
    out, err = _Kept(), _Kept()
    sys.argv = [str(ROOT / "lcity" / "__main__.py"), *args]
    sys.stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    sys.modules["__main__"] = main
    os.environ.update(COLUMNS="200", NO_COLOR="1")
    os.chdir(cwd)
    try:
        yield out, err
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.argv, sys.stdin, sys.stdout, sys.stderr, sys.modules["__main__"], where, env = saved
        os.chdir(where)
        for key, value in env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def lcity_here(*args: str, cwd: Path | None = None, input: str | None = None, timeout: int = 120):
    """Runs the CLI in this process as ``lcity.cli.main`` would, and returns a CompletedProcess."""
    from lcity import cli, console, tables
    from lcity.helptext import unspeak

    if args[:1] == ("batch",):  # a batch starts worker processes and holds a lock: a process of its own
        return lcity(*args, cwd=cwd, input=input, timeout=timeout)
    from indicators import loader

    with _as_lcity_process(args, cwd or ROOT, input) as (out, err):
        # as in a new process: a file's language and a framework file are read afresh (a test may
        # edit either between two runs, or run the same file with and without --lang)
        console.lang_for.cache_clear()
        loader._load_path.cache_clear()
        from evaluator import reading

        reading._stdin.clear()  # standard input is read once per process: this run's, not an earlier test's
        console.chosen_lang[0] = console.argv_lang(list(args))
        console.err._console = console.out._console = None  # made afresh for this stdout, as in a new process
        tables._mode[0] = "table"
        tables._csv_started[0] = False  # a CSV of an earlier run began a blank line before this one's first table
        try:
            cli._run(list(args))
            code = console.flush_stdout()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            code = max(code, console.flush_stdout()) if code in (0, 1) else code
        finally:
            console.err._console = console.out._console = None
            console.chosen_lang[0] = None
            unspeak()  # Typer's and Click's own words in English again (lcity.helptext.speak)
    decode = lambda data: data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # noqa: E731 - as text=True
    here = subprocess.CompletedProcess(["lcity", *args], code, decode(out.getvalue()), decode(err.getvalue()))
    return here


# --- two processes (pytest-xdist, ``-n auto`` in pyproject.toml) ------------------------------------
# Tests go to the workers a module at a time, so a module's own fixtures (a scored result, a rendered
# report) are made once, as in one process. Modules that read the same session fixture above go
# together, so that fixture is made once too. Each worker has its own LCITY_CACHE_DIR (top of this
# file) and its own tmp_path folders; no test writes into the checkout but under build/ (own names).

SHARED_SESSION_FIXTURES = (
    # example_reports (six PDFs) and reviewed_qingshi (one more)
    ("tests/test_report.py", "tests/test_verify.py", "tests/test_report_review.py"),
    # report_page: qingshi's report page, zh and en, with and without the panel's review
    tuple(f"tests/test_{name}.py" for name in (
        "english_reading_claim_gloss", "english_reading_cover_body", "english_reading_document_number",
        "english_reading_effort_points", "english_reading_one_cutoff", "english_reading_one_reference_unit",
        "english_reading_plan_line", "english_reading_problems_intro", "english_reading_task_year",
        "english_review_words", "recommend_prerequisite", "share_column_precision")),
)


# The work units that take longest, longest first: sent before all others, so that neither worker is
# left alone at the end with one of them while the other idles (xdist sends the units with the most
# tests first, and test_wheel's two tests, a wheel built and installed into a fresh virtual
# environment, came last). A unit not named here keeps xdist's order; one named but gone is skipped.
LONG_FIRST = (
    "tests/test_wheel.py",
    "tests/test_report.py",  # with test_verify and test_report_review: seven PDF reports
)


def work_unit(nodeid: str) -> str:
    """The unit of work a test is sent in: its module, or the first module of its group above."""
    module = nodeid.split("::", 1)[0]
    for group in SHARED_SESSION_FIXTURES:
        if module in group:
            return group[0]
    return module


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` (one work unit per module) with the groups above kept together; another
    --dist given on the command line is xdist's own."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class ByModule(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

        def _assign_work_unit(self, node) -> None:
            for unit in LONG_FIRST:  # the next unit sent is the longest one left
                if unit in self.workqueue:
                    self.workqueue.move_to_end(unit, last=False)
                    break
            super()._assign_work_unit(node)

    return ByModule(config, log)
