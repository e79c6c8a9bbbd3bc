"""What the user sees on the terminal: two consoles, problems, exit codes, and the guard that
turns every user or machine condition into a message instead of a traceback.

Where output goes (the README states the same rule): what the command was asked for goes to
stdout (the problems ``lcity validate`` finds, the table of ``lcity score``, every ``--format
json`` document, including the problems that stopped a command); messages about the run go to
stderr (progress, notes, "wrote …" lines, and the problems that stopped a command in text mode).

Exit codes: 0 success (warnings allowed); 1 the input is invalid or has findings; 2 a file cannot
be read or written, is unsafe, would be overwritten, or the command was misused; 3 an internal
error (a bug: please report it).

Text from the user's files (names, keys, values, file names) can hold terminal escape sequences,
bidi overrides or invisible characters. Every line printed here goes through ``visible``, which
shows such characters as escapes (``\\x1b``, ``\\u202e``) instead of sending them to the terminal.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import shlex
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

import typer

from indicators.messages import Msg
from indicators.problems import InputError, Problem

from .escapes import visible, visible_json  # noqa: F401 - the names every command imports from here


#: the narrowest width lcity draws for, whatever COLUMNS says (G31H-1); at 20 columns a table is
#: shown as readable blocks (G30H-2), below it a word is cut into one letter a line
_NARROWEST_TERMINAL = 20


def sane_terminal_size(environ=os.environ) -> None:
    """COLUMNS and LINES as Rich and Typer can use them, before any console reads them (G31H-1).

    Rich takes any COLUMNS made of digits as the width: COLUMNS=0 drew every line zero cells wide,
    so the score, the help and even the error that stopped a command were printed as nothing
    (exit 2 and not a word); COLUMNS=1 printed one letter a line; a digit Python cannot read
    as a number (COLUMNS=²) was a traceback. A zero or unreadable value is dropped (the terminal
    is asked, as with no COLUMNS), a width under 20 is read as 20, digits of another script as
    the number they write."""
    for name, least in (("COLUMNS", _NARROWEST_TERMINAL), ("LINES", 1)):
        value = environ.get(name, "")
        if not value.isdigit():  # '', '-5', 'abc', ' 80': Rich ignores these already
            continue
        try:
            number = int(value)
        except ValueError:  # '²', '①': isdigit() says yes, int() says no
            number = 0
        if number == 0:
            del environ[name]
        else:
            environ[name] = str(max(number, least))


sane_terminal_size()


class StdoutError(OSError):
    """Writing to stdout failed (``> /dev/full``, a closed pipe): exit 2 naming <stdout>."""


class _Stdout:
    """sys.stdout as seen by lcity's printing: a failed write is raised as a StdoutError."""

    def write(self, text: str) -> int:
        try:
            return sys.stdout.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None

    def flush(self) -> None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None

    def __getattr__(self, name: str):
        return getattr(sys.stdout, name)


stdout = _Stdout()


def dump_json(data: Any) -> None:
    """Machine output: one JSON document on stdout."""
    stdout.write(visible_json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def write_json_text(text: str) -> None:
    """Machine output already serialised (pydantic's ``model_dump_json``)."""
    stdout.write(visible_json(text) + "\n")


def say(text: str) -> None:
    """One plain line of a command's result on stdout."""
    stdout.write(visible(text) + "\n")


#: the narrowest a column is drawn: at COLUMNS=20 the score table showed no name and no score
#: (each column 1-2 characters wide, the headers folded to nothing) (G30H-2)
_NARROWEST_COLUMN = 8
#: the terminal width at and above which a table is always drawn as a table
_STANDARD_WIDTH = 80


def _narrow_blocks(console, objects: tuple) -> tuple:
    """On a terminal too narrow for a table's columns to be readable, the table as blocks, one per
    row (its first cell, then one indented "heading: cell" line per other cell), wrapped at words:
    every figure shown, none folded a letter per line. Wide terminals and pipes: unchanged."""
    from rich.table import Table

    if not console.is_terminal or not any(isinstance(o, Table) for o in objects):
        return objects
    return tuple(_as_blocks(o) if isinstance(o, Table) and _unreadable(o, console.width) else o for o in objects)


def _unreadable(table, width: int) -> bool:
    """Whether ``table``'s columns, each at least as wide as its longest word or 8 cells, and its
    borders are wider than a terminal narrower than 80 columns."""
    from . import tables

    if width >= _STANDARD_WIDTH:  # 80 columns and wider: the folded table, as every test and page shows it
        return False
    words = [min(tables._longest_word(c), _NARROWEST_COLUMN) for c in table.columns]
    return sum(words) + len(words) * 3 + 1 > width


_WIDE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _one_line(cell: str) -> str:
    """A cell's lines joined as one line of text: a command breaks Chinese cells for the width of
    its table ('数据\n不足，\n不予定级', '180,0\n00人'), which in a block are no breaks at all;
    a line break between Chinese and other text is a space ('北京市 2016–2025')."""
    def join(m: re.Match) -> str:
        before, after = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
        if " " in m.group(0) or bool(_WIDE.match(before)) != bool(_WIDE.match(after)):
            return " "
        return ""

    return re.sub(r"[ \t]*\n[ \t]*", join, cell.strip())


def _as_blocks(table):
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from . import tables

    heads, *rows = ([_one_line(cell) for cell in row] for row in tables.table_rows(table))
    parts = [Text(tables._plain(table.title), style="italic")] if table.title else []
    for row in rows:
        parts.append(Text(row[0], style="bold"))
        for head, cell in zip(heads[1:], row[1:]):
            if cell:
                sep = "：" if tables._HAN.search(head) else ": "
                parts.append(Padding(Text(f"{head}{sep}{cell}"), (0, 0, 0, 2), expand=False))
    return Group(*parts)


class _LazyConsole:
    """A Rich console made on first use, so commands that print no table never import Rich."""

    def __init__(self, stderr: bool):
        self._stderr = stderr
        self._console = None

    def _get(self):
        if self._console is None:
            from rich.console import Console

            from . import tables

            class SafeConsole(Console):
                def on_broken_pipe(self) -> None:
                    """A reader that stopped early (``| head -1``) is not a failed run: Rich's own
                    handling exits 1, the code of an invalid input; ``guarded`` exits 0."""
                    self.quiet = True
                    raise BrokenPipeError

                def render_str(self, text: str, **kwargs):  # every str printed or put in a table
                    return super().render_str(visible(text, newlines=True), **kwargs)

                def print(self, *objects, **kwargs):  # tables never hide data (lcity.tables)
                    if self.stderr:
                        return super().print(*objects, **kwargs)
                    shown = tables.prepare(self, objects, lambda text: stdout.write(visible(text, newlines=True)))
                    if shown is None:
                        return None
                    blocks = _narrow_blocks(self, shown)
                    if blocks is not shown:  # wrapped at words to the terminal, not cut at its edge
                        shown, kwargs["soft_wrap"] = blocks, False
                    if tables.csv_mode():  # stdout is the CSV alone; notes go to stderr
                        if not err.is_terminal:  # whole lines into a file, never cut at 80 columns (G18-B15)
                            kwargs["soft_wrap"] = True
                        return err.print(*shown, **kwargs)
                    return super().print(*shown, **kwargs)

            self._console = SafeConsole(stderr=self._stderr, file=None if self._stderr else stdout,
                                        highlight=False, soft_wrap=True, emoji=False,  # ":x:" in a name stays as typed
                                        width=None if self._stderr else tables.stdout_width(stdout))
        return self._console

    @property
    def console(self):
        """The Rich console itself, for Rich objects that need one (a progress bar)."""
        return self._get()

    def __enter__(self):
        return self._get().__enter__()

    def __exit__(self, *exc):
        return self._get().__exit__(*exc)

    def __getattr__(self, name: str):
        return getattr(self._get(), name)


err: Any = _LazyConsole(stderr=True)
out: Any = _LazyConsole(stderr=False)


def escape(text: Any) -> str:
    """Rich markup escaping of a user's text (control characters are handled by the console)."""
    from rich.markup import escape as _escape

    return _escape(str(text))


#: the language chosen on the command line (``--lang``), if any; see ``lang_for``
chosen_lang: list[Optional[str]] = [None]


def argv_lang(argv: list[str]) -> Optional[str]:
    """The value of ``--lang`` on a command line (``--lang zh`` or ``--lang=zh``), else None.

    The last one counts: in ``lcity --lang en score f.yaml --lang zh`` the command's own option
    comes last and wins, as it does for the command's tables (``lcity.cli.lang_defaults``)."""
    found = None
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") else None
        if value in ("zh", "en"):
            found = value
    return found


def lang_for(file: str = "") -> str:
    """The language to speak about ``file``: ``--lang``, else its ``lang:`` line, else the locale, else en.
    Standard input (``-``) is asked once it has been read: ``cat form.yaml | lcity validate -``
    spoke English of a form saying ``lang: zh`` (G13 P1)."""
    if file in ("-", "<stdin>") and not chosen_lang[0]:
        from evaluator.reading import _stdin

        if _stdin:
            from indicators.messages import pick_lang

            return pick_lang(None, _stdin[0][:8192].decode("utf-8", errors="replace"))
    return _lang_of_file(file)


@functools.lru_cache(maxsize=64)
def _lang_of_file(file: str = "") -> str:
    """``lang_for`` of a file by name, read once a run (its first 8 KiB or a workbook's sheet names)."""
    from indicators.messages import pick_lang

    text = None
    if not chosen_lang[0] and file and os.path.isfile(file):  # never open a FIFO or device: it may block
        try:
            with open(file, encoding="utf-8", errors="replace") as fh:
                text = fh.read(8192)
        except (OSError, ValueError):
            text = None
        if text is not None and text.startswith("PK\x03\x04"):  # a workbook: its sheet names say its language
            from indicators.xlsx import workbook_lang

            found = workbook_lang(file)
            text = f"lang: {found}" if found else None
    return pick_lang(chosen_lang[0], text)


#: A rule with more problems than this in one file is a flood (a broken or hostile file can hold
#: 90,000 of the same mistake): as text, only its first ``MAX_PER_RULE`` are printed and one line
#: counts the rest and names the command that lists every one (``--format json`` never caps). Up to
#: this many are all printed: an unfilled form lists each of its 43–48 blank indicators.
FLOOD_AT = 100
#: how many problems of a flooding rule are printed, in file order
MAX_PER_RULE = 20


@dataclass(frozen=True)
class More:
    """The problems of one rule in one file that were counted instead of printed."""

    file: str
    rule: str
    n: int

    def text(self, lang: str, command: str) -> str:
        """The one line said in their place, e.g. "… and 89,980 more 'unknown-key' problems in
        answers.yaml (lcity validate answers.yaml --format json lists every one)"."""
        from indicators.messages import say as said

        return said(Msg("validate.more", n=f"{self.n:,}", rule=self.rule, file=self.file, command=command), lang)


def capped(problems: Iterable[Problem], limit: int = MAX_PER_RULE,
           flood: int = FLOOD_AT) -> Iterator[Problem | More]:
    """The problems to print, in their order: every problem of a rule that has at most ``flood``
    in its file, the first ``limit`` of one that has more, then one ``More`` per such rule, in the
    order the rules first appeared."""
    problems = list(problems)
    total = Counter((p.file, p.rule) for p in problems)
    shown: Counter = Counter()
    for p in problems:
        key = (p.file, p.rule)
        if total[key] <= flood or shown[key] < limit:
            shown[key] += 1
            yield p
    for (file, rule), n in total.items():
        if n > shown[(file, rule)]:
            yield More(file, rule, n - shown[(file, rule)])


def say_problems(problems: Iterable[Problem], lang: str | Callable[[str], str], command: str | None = None) -> None:
    """A command's list of problems on stdout, one line each, in ``lang`` (or ``lang(file)``); a
    flood of one rule is capped (``capped``), its count naming ``command``, which lists every one
    (by default the command being run, with ``--format json``)."""
    speak = lang if callable(lang) else (lambda _file: lang)
    for p in capped(problems):
        if isinstance(p, More):
            say(p.text(speak(p.file), command or list_all_command(p.file)))
        else:
            say(p.text(speak(p.file)))


def typed(file: Any) -> str:
    """A file's name as a hint prints it for the user to copy into a shell: quoted where a space,
    a bracket or a quote would split it ('松岭 县.yaml'), "-" for standard input."""
    # a line break or an escape in the name is shown escaped (one message, one line: a name cannot
    # forge a line of output), as ``visible`` shows it everywhere else
    return visible(shlex.quote("-" if str(file) == "<stdin>" else str(file)))


def list_all_command(file: str) -> str:
    """The command that lists every problem of ``file``: the command being run with ``--format
    json`` when it has that option, else ``lcity review validate ASSESSMENT FILE --format json``
    for a review given with ``--review`` (``lcity report``), else ``lcity validate FILE --format json``."""
    if json_rerun[0]:
        return json_rerun[0]
    assessment = reviewed[0].get(file)
    if assessment is not None:
        return shlex.join(["lcity", "review", "validate", assessment, file, "--format", "json"])
    return f"lcity validate {shlex.quote('-' if file == '<stdin>' else file)} --format json"


#: the command being run, as ``lcity ... --format json``, when it takes ``--format json`` (set by ``guarded``)
json_rerun: list[Optional[str]] = [None]
#: each review file of the command being run (``--review``), with its assessment (set by ``guarded``)
reviewed: list[dict[str, str]] = [{}]


def _reviews(kwargs: dict) -> dict[str, str]:
    """The review files a command was given (``--review``), each with the assessment it reviews."""
    reviews, assessment = kwargs.get("review"), kwargs.get("file")
    if not isinstance(reviews, (list, tuple)) or assessment is None:
        return {}
    return {str(r): str(assessment) for r in reviews}


def _as_json_command(argv: list[str]) -> str:
    """``lcity`` and its arguments as typed, any ``--format``/``-f`` replaced by ``--format json``."""
    args: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--format", "-f"):
            skip = True
        elif not arg.startswith("--format="):
            args.append(arg)
    return shlex.join(["lcity", *args, "--format", "json"])


def _argv_is_lcity() -> bool:
    """True when ``sys.argv`` is this command line (``lcity ...`` or ``python -m lcity ...``), not
    a host's (a test runner calling the app in-process)."""
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return argv0.stem == "lcity" or (argv0.name == "__main__.py" and argv0.parent.name == "lcity")


def print_problems(problems: list[Problem]) -> None:
    """The problems that stopped a command, on stderr; a flood of one rule in one file is capped
    like ``lcity validate``'s (``capped``)."""
    from indicators.messages import say as said

    for p in capped(problems):
        lang = lang_for(speaks_for(p.file))
        if isinstance(p, More):
            err.print(f"[dim]{escape(p.text(lang, list_all_command(p.file)))}[/dim]")
            continue
        colour = {"error": "red", "note": "cyan"}.get(p.severity, "yellow")
        # a file name may hold a line break (``$'a\ncity: x.xlsx'``): one problem stays one line
        loc = escape(visible(f"{p.file if _not_a_file(p.file) and not p.cell else p.place()}:"))
        hint = (f"[dim]（{escape(said(p.hint, lang))}）[/dim]" if lang == "zh" else
                f" [dim]({escape(said(p.hint, lang))})[/dim]") if p.hint else ""
        severity = said(Msg(f"severity.{p.severity}"), lang) if lang != "en" else p.severity
        err.print(f"{loc} [{colour}]{severity}[/{colour}] {escape(p.rule)}: {escape(said(p.message, lang))}{hint}")


#: the file a command is about (its FILE argument; set by ``guarded``): the language of a problem
#: with a command-line option, which has no ``lang:`` line of its own
run_file: list[str] = [""]


def _not_a_file(where: str) -> bool:
    """A problem placed at a command-line option (``--target``) or a command (``lcity report``),
    not in a file: it has no line and column to print (``--target:1:1:`` read as a file position)."""
    return where.startswith(("-", "lcity ")) and where != "-" and not os.path.exists(where)


def exit_code(problems: list[Problem]) -> int:
    if any(p.fatal for p in problems):
        return 2
    return 1 if any(p.severity == "error" for p in problems) else 0


def problems_json(problems: list[Problem], code: int) -> dict:
    return {"valid": code == 0, "exit_code": code,
            "problems": [p.as_dict(lang_for(reviewed[0].get(p.file, p.file))) for p in problems]}


def speaks_for(where: str) -> str:
    """The file whose language a problem at ``where`` is said in: a review file (``--review``) has no
    ``lang:`` line and speaks in its assessment's, as ``lcity review validate`` does; a command-line
    option or a command, in the command's FILE's; any other file, in its own."""
    if _not_a_file(where):
        return run_file[0]
    return reviewed[0].get(where, where)


def fail(problems: list[Problem], *, as_json: bool = False) -> None:
    code = exit_code(problems) or 1
    if as_json:
        dump_json(problems_json(problems, code))
    print_problems(problems)
    raise typer.Exit(code)


#: OS errors that can only come from writing: said as "cannot write"; any other is "cannot read or write".
_WRITE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EFBIG, errno.EDQUOT}


def os_problem(exc: OSError, what: str = "") -> Problem:
    """A read or write failure of the machine (full disk, read-only folder, closed pipe) as exit 2.
    The reason is the system's own words in English and, for the common cases, Chinese words."""
    from indicators.messages import Msg

    from indicators.oserrors import os_reason  # not through lcity.output, which imports this module

    where = exc.filename if exc.filename is not None else (what or "lcity")
    reason: Any = os_reason(exc)
    hint: Any = None
    if exc.filename is None and (not what or (what != "<stdout>" and exc.errno in _WRITE_ERRNOS)):
        reason, hint = _unnamed_write(exc, reason, output=not what)
    elif what == "<stdout>":
        reason = Msg("os.stdout", reason=reason)
    writing = what == "<stdout>" or exc.errno in _WRITE_ERRNOS
    from indicators.oserrors import os_fix

    return Problem(str(where), 1, 1, "error", "unwritable" if writing else "unreadable",
                   Msg("os.cannot-write" if writing else "os.cannot-read-or-write", reason=reason),
                   hint or os_fix(exc, Msg("hint.os-other")), fatal=True)


def _unnamed_write(exc: OSError, reason: Any, output: bool = True) -> tuple[Any, Any]:
    """The reason and the fix of a write error that names no file: a library's temporary file
    (openpyxl writes each sheet of a workbook to one first), lcity's copy of a piped input (verify -)
    or, with ``output``, the output. The temporary folder is named, and a full disk's fix is said
    for both places: 'free some space on the disk' alone sent the user to the output's disk when
    /tmp was the full one (G29H-4)."""
    import tempfile

    from indicators.messages import Msg

    said = Msg("os.while-writing-in" if output else "os.while-writing-temp", reason=reason,
               folder=visible(tempfile.gettempdir()))
    full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return said, (Msg("hint.os-temp-space" if output else "hint.fonts-tmp-space") if full else None)


def _wants_json(kwargs: dict) -> bool:
    fmt = kwargs.get("fmt")
    return getattr(fmt, "value", fmt) == "json"


#: the arguments a command writes to ("-" there is standard output, not input)
_OUTPUTS = frozenset({"output", "html", "target"})


def _stdin_once(kwargs: dict) -> None:
    """Refuses ``-`` (standard input) given as two of a command's inputs (``trend - -``, ``review
    validate - -``): it can be read once, and the second was the first's bytes again, reported as
    "both end in 2021" or "not a review" (G19-C20)."""
    from indicators.messages import Msg

    given = [x for k, v in kwargs.items() if k not in _OUTPUTS
             for x in (v if isinstance(v, (list, tuple)) else [v]) if isinstance(x, (str, Path)) and str(x) == "-"]
    if len(given) > 1:
        raise InputError([Problem("<stdin>", 1, 1, "error", "usage", Msg("hostile.stdin-twice", n=len(given)),
                                  Msg("hostile.hint-stdin-twice"), fatal=True)])


def guarded(fn: Callable) -> Callable:
    """Turns user mistakes and machine conditions into messages and exit codes; never a traceback.

    With ``--format json`` the problems that stop a command are also printed as JSON on stdout,
    so a script reading stdout always gets a document.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        as_json = _wants_json(kwargs)
        from .tables import set_mode

        set_mode(kwargs.get("fmt"))
        fmt = kwargs.get("fmt")
        takes_json = "json" in getattr(type(fmt), "__members__", ())
        json_rerun[0] = _as_json_command(sys.argv[1:]) if takes_json and _argv_is_lcity() else None
        reviewed[0] = _reviews(kwargs)
        file = kwargs.get("file")
        run_file[0] = str(file) if isinstance(file, (str, Path)) else ""
        try:
            _stdin_once(kwargs)
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:
            fail(exc.problems, as_json=as_json)
        except KeyboardInterrupt as exc:
            raise typer.Exit(say_interrupted(exc)) from None
        except BrokenPipeError as exc:
            if not stdout_reader_gone():  # a worker's or a helper process's pipe: a failure to report
                fail([os_problem(exc)], as_json=False)
            _silence_stdout()
            raise typer.Exit(0)
        except StdoutError as exc:
            _silence_stdout()
            fail([os_problem(exc, "<stdout>")], as_json=False)
        except OSError as exc:  # the machine, not lcity: full disk, read-only folder, fonts
            fail([os_problem(exc)], as_json=False)
        except Exception as exc:  # a bug, not a user mistake
            if os.environ.get("LCITY_DEBUG"):
                raise
            err.print(f"[red]internal error[/red]: {escape(type(exc).__name__)}: {escape(str(exc))}")
            err.print("[dim]This is a bug in lcity. Run again with LCITY_DEBUG=1 for details and report it.[/dim]")
            raise typer.Exit(3)

    return wrapper


class Terminated(KeyboardInterrupt):
    """SIGTERM (a ``kill``, a closing terminal session, a scheduler's stop), raised where Ctrl-C's
    KeyboardInterrupt is: every ``finally`` runs, so no temporary output file and no batch lock
    is left behind, and the run ends with one line, not killed mid-write (G24-H4)."""


#: the signal that stopped this run (None: none), and whether "interrupted" has been said
stopped: list[Any] = [None, False]


def on_signal(signum, frame) -> None:
    """The handler of SIGINT and SIGTERM while a command runs: KeyboardInterrupt (Terminated for
    SIGTERM), and the signal kept, since Typer turns an interrupt outside a command's body (its
    options being read) into a silent exit 130 that ``lcity.cli.main`` then has to say."""
    import signal

    stopped[0] = signum
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def on_unraisable(hook: Any) -> None:
    """``sys.unraisablehook`` while a command runs: a signal's exception raised inside a C extension
    that cannot pass it on (scipy reads its Sobol tables in a Cython function that ignores exceptions)
    was printed as Python's "Exception ignored" traceback and lost, and the run went on (G25: a SIGTERM
    while ``lcity sensitivity`` started). The signal is sent again, to be raised in Python code, where
    every ``finally`` runs and one line is said; anything else goes to Python's own hook. Sent from a
    timer thread a moment later, once this hook has returned: sent from inside it, the handler could
    raise in the hook itself, and Python then printed both tracebacks ("Exception ignored in
    sys.unraisablehook", fresh-clone CI, session 28)."""
    import os
    import signal
    import sys
    import threading

    if isinstance(hook.exc_value, (KeyboardInterrupt, Terminated)):
        sig = signal.SIGTERM if isinstance(hook.exc_value, Terminated) else signal.SIGINT
        again = threading.Timer(0.05, os.kill, (os.getpid(), sig))
        again.daemon = True
        again.start()
        return
    sys.__unraisablehook__(hook)


def on_uncaught(kind: Any, value: Any, tb: Any) -> None:
    """``sys.excepthook`` while a command runs: Cython prints a swallowed exception through it before
    it calls ``sys.unraisablehook`` (scipy's Sobol tables, read in a function that ignores exceptions),
    so a SIGTERM there printed "Traceback … lcity.console.Terminated" above "interrupted: no file was
    left half-written" (fresh-clone CI, session 28). A stop is said in one line (``say_interrupted``),
    never as a traceback; anything else goes to Python's own hook."""
    import sys

    if isinstance(value, (KeyboardInterrupt, Terminated)):
        return
    sys.__excepthook__(kind, value, tb)


def say_interrupted(exc: BaseException | None = None) -> int:
    """One line on stderr in the run's language ("interrupted" / "已中断"), said once, and the exit
    code: 130 for Ctrl-C (128 + SIGINT), 143 for SIGTERM (128 + 15), as a shell reports a process
    the signal ended, so a script can tell a stop from a failure (G24-H3)."""
    import signal

    code = 143 if isinstance(exc, Terminated) or stopped[0] == signal.SIGTERM else 130
    if stopped[1]:
        return code
    stopped[1] = True
    from indicators.messages import say as said

    try:
        lang = lang_for(run_file[0])
    except BaseException:  # noqa: BLE001 - a second Ctrl-C, or a file gone meanwhile: English
        lang = "en"
    text = visible(said(Msg("run.interrupted"), lang)) + "\n"
    try:  # not through Rich: the interrupt may have come while Rich was being imported, half done
        sys.stderr.write(text)
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - a stream in a strange state: the bytes, else nothing
        try:
            os.write(2, text.encode("utf-8", "replace"))
        except OSError:
            pass
    return code


def stdout_reader_gone() -> bool:
    """Whether stdout is a pipe whose reader has left (``| head -1``): a broken pipe there is the
    reader's choice and exits 0; one anywhere else (a worker's, a subprocess's) must not pass for
    it. Where stdout cannot be polled (no descriptor), a broken pipe is taken as stdout's."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        events = poller.poll(0)
    except (OSError, ValueError, AttributeError):
        return True
    return any(ev & (select.POLLERR | select.POLLHUP) for _, ev in events)


def _silence_stdout() -> None:
    """After stdout failed, point it at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def flush_stdout() -> int:
    """Flushes stdout at the end of a run; 2 (with a message) when it cannot be written."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        _silence_stdout()
        print_problems([os_problem(exc, "<stdout>")])
        return 2
    return 0


def note_warnings(file: Path, loaded, skip: tuple[str, ...] = ()) -> None:
    """One line on stderr when the file has warnings: how many, of which kinds, and the command
    that shows them (the kinds are those present, so a lone survey-margin is not called an
    unanswered indicator). ``skip``: rules the command says otherwise (score --partial counts the
    unanswered indicators in its mark; validate calls them errors, so they are not 'warnings')."""
    warnings = [p for p in loaded.problems if p.severity == "warning" and p.rule not in skip]
    if warnings:
        from indicators.messages import say as said

        note = said(Msg("note.warnings", n=len(warnings), kinds=warning_kinds(warnings), file=typed(file)),
                    lang_for(str(file)))
        # on a terminal folded between words (the terminal broke "validate" in two at 80 columns),
        # whole into a pipe or a log
        err.print(f"[yellow]{escape(note)}[/yellow]", soft_wrap=not err.is_terminal)


def note_reviews(result) -> None:
    """The notes said of the reviews, on stderr, each at its review's line: a review of the same
    assessment in another format (a workbook and its ``lcity convert``) applies, and the user is
    told which file the review names (G18-E4)."""
    notes = getattr(result.review, "_notes", None) if getattr(result, "review", None) is not None else None
    if notes:
        print_problems(list(notes))


def warning_kinds(warnings: Iterable[Problem]):
    """The kinds of the warnings, in the order they first occur: each rule's words from the
    catalog (``warning-kind.RULE``), or its id where the catalog has none."""
    from indicators.messages import catalog, join

    rules = dict.fromkeys(p.rule for p in warnings)
    known = catalog("en")
    return join(Msg(f"warning-kind.{rule}") if f"warning-kind.{rule}" in known else rule for rule in rules)


def share(x: Optional[float]) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


lang_for.cache_clear = _lang_of_file.cache_clear  # type: ignore[attr-defined]  # as a run starts afresh (tests)
