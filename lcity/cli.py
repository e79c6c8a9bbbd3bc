"""The ``lcity`` command line: a thin layer over the Python API, one command per function.

Each command lives in its own module under ``lcity.commands``; this module only builds the Typer
app and registers them, so the order and names of the commands are visible in one place.
Conventions (stdout vs stderr, exit codes) are in ``lcity.console``.
"""

from __future__ import annotations

import io
import os
import signal
import sys


def _stopped_early(signum, frame) -> None:
    """Ctrl-C or SIGTERM while lcity is still importing its libraries (the first second of a run):
    one line, no traceback of an import, and the exit code of the signal (G24-H4). Nothing has been
    written yet, so the process ends here; ``main`` puts the usual handling in place once it runs."""
    lang = None
    try:
        from indicators.messages import Msg, pick_lang, say

        argv = sys.argv[1:]
        chosen = next((a[7:] if a.startswith("--lang=") else argv[i + 1] for i, a in enumerate(argv)
                       if a.startswith("--lang=") or (a == "--lang" and i + 1 < len(argv))), None)
        lang = pick_lang(chosen if chosen in ("zh", "en") else None, None)
        text = say(Msg("run.interrupted"), lang)
    except BaseException:  # noqa: BLE001 - half-imported modules: the English word
        text = "interrupted"
    try:
        os.write(2, (text + "\n").encode("utf-8", "replace"))
    finally:
        os._exit(143 if signum == signal.SIGTERM else 130)


def _started_as_lcity() -> bool:
    """Whether this process is the ``lcity`` command (its console script, or ``python -m lcity``),
    not a test runner or another program importing this module: only then are its signals ours."""
    path = str(getattr(sys.modules.get("__main__"), "__file__", None) or "")
    name, folder = os.path.basename(path), os.path.basename(os.path.dirname(path))
    return name in ("lcity", "lcity.exe", "lcity-script.py") or (name == "__main__.py" and folder == "lcity")


if _started_as_lcity():
    try:
        signal.signal(signal.SIGINT, _stopped_early)
        signal.signal(signal.SIGTERM, _stopped_early)
    except (ValueError, OSError):  # not the main thread
        pass

from typing import Optional  # noqa: E402

import typer  # noqa: E402


def _new_app() -> typer.Typer:
    """The program without its commands (``register`` adds them): one per command line run, so that
    a process running several (lcity.cli._run in tests, an embedding tool) builds only each run's
    command, never every command an earlier run added."""
    app = typer.Typer(
        name="lcity",
        help="Learning-city self-assessment and evaluation engine.\n\n"
        "Quick start: lcity init -o my-district.yaml --city 西城区, fill it in, then "
        "lcity validate my-district.yaml.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=True,  # --install-completion / --show-completion: commands, options, framework ids, files
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_main)
    return app


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"lcity {version('learning-city-evaluator')}")
        except PackageNotFoundError:  # running from a source tree that was never installed
            from evaluator.engine import VERSION

            typer.echo(f"lcity {VERSION}")
        raise typer.Exit()


def _lang(value: Optional[str]) -> Optional[str]:
    """``lcity --lang xx``: refused as ``lcity validate --lang xx`` is (it was taken silently as English)."""
    if value is not None and value not in ("zh", "en"):
        raise typer.BadParameter(f"'{value}' is not one of 'zh', 'en'.")
    return value


def plain_lang(value: str) -> str:
    """A locale's spelling of a language as lcity's: ``zh-CN``, ``zh_CN``, ``ZH``, ``zh-Hans`` are zh,
    ``en-US``, ``EN`` are en (what a user types after reading LANG=zh_CN.UTF-8); anything else as typed."""
    base = value.strip().replace("_", "-").split("-")[0].split(".")[0].lower()
    return base if base in ("zh", "en") else value


def plain_lang_argv(argv: list[str]) -> list[str]:
    """``argv`` with every ``--lang`` value in lcity's spelling (``plain_lang``)."""
    out = list(argv)
    for i, arg in enumerate(out):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(out):
            out[i + 1] = plain_lang(out[i + 1])
        elif arg.startswith("--lang="):
            out[i] = "--lang=" + plain_lang(arg[7:])
    return out


#: pydantic's words behind Typer's number checks, said in plain English (G19-C14)
_ENGLISH_ERRORS = (
    (r"Value error, ", ""),
    (r"Input should be greater than or equal to (\S+)", r"must be at least \1"),
    (r"Input should be less than or equal to (\S+)", r"must be at most \1"),
    (r"Input should be greater than (\S+)", r"must be greater than \1"),
    (r"Input should be less than (\S+)", r"must be less than \1"),
    (r"Input should be a valid integer(, unable to parse string as an integer)?", "must be a whole number"),
    (r"Input should be a valid number(, unable to parse string as a number)?", "must be a number"),
)


def _plain_english(message: str) -> str:
    import re

    for pattern, plain in _ENGLISH_ERRORS:
        message = re.sub(pattern, plain, message)
    return message


def _wants_json(argv: list[str]) -> bool:
    return any(a in ("--format=json", "-f=json") or (a in ("--format", "-f") and argv[i + 1:i + 2] == ["json"])
               for i, a in enumerate(argv))


def _command_words(ctx) -> list[str]:
    """The command's own words in a usage error (``review init``), without the program's name,
    which is ``python -m lcity`` when lcity is run that way."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    return names


def _usage_errors(argv: list[str], lang: str) -> None:
    """Click's usage errors (a misused option, a missing argument) in plain English, and, under
    ``--format json``, also as the JSON document every other failing command prints on standard
    output, so that a script always gets one (G19-C14); said on stderr as before, exit 2."""
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - a Typer without Rich prints its own
        return
    from .helptext import _put

    own = getattr(rich_utils, "rich_format_error", None)
    if own is None:  # pragma: no cover
        return
    as_json = _wants_json(argv)

    def format_error(error) -> None:
        if lang == "en":
            english = error.format_message
            error.format_message = lambda: _plain_english(english())
        own(error)
        if as_json:
            from indicators.problems import Problem

            from .console import dump_json

            hint = " ".join(["lcity", *_command_words(getattr(error, "ctx", None)), "--help"])
            problem = Problem("<command line>", 1, 1, "error", "usage", error.format_message(), hint, fatal=True)
            dump_json({"valid": False, "exit_code": 2, "problems": [problem.as_dict(lang)]})

    _put(rich_utils, "rich_format_error", format_error)


def _main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="print the version of lcity and exit"),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="zh|en", callback=_lang, help="zh or en: language of the help and the "
                                       "messages (default: the file's lang:, else the locale, else en) and, as the "
                                       "command's own --lang, of its tables and reports"),
) -> None:
    """Learning-city self-assessment and evaluation engine.

    Quick start: lcity init -o my-district.yaml --city 西城区, fill it in, then
    lcity validate my-district.yaml.
    """
    if lang is not None:
        ctx.default_map = lang_defaults(ctx.command, lang)


def lang_defaults(group, lang: str) -> dict:
    """``lcity --lang xx COMMAND`` as ``lcity COMMAND --lang xx``: the global option becomes the
    default of every command's own ``--lang`` (Click's ``default_map``, nested per group), so the
    tables and reports follow it as well as the messages; a command's own ``--lang``, typed after
    the command, still wins."""
    found: dict = {}
    for name, command in getattr(group, "commands", {}).items():
        if hasattr(command, "commands"):
            found[name] = lang_defaults(command, lang)
        elif any(param.name == "lang" for param in command.params):
            found[name] = {"lang": lang}
            for param in command.params:  # its help says its default in words: no second "[default: en]" (G19-C20)
                if param.name == "lang" and param.default is None:
                    param.show_default = False
    return found


#: every command in the order of ``lcity --help``: (name, module under lcity.commands, function or Typer group, group?)
COMMANDS = (
    ("frameworks", "frameworks", "frameworks", False), ("framework", "framework", "framework_app", True),
    ("schema", "schema", "schema", False), ("init", "init", "init", False),
    ("validate", "validate", "validate", False), ("fix", "fix", "fix", False), ("status", "status", "status", False),
    ("cities", "reference", "cities", False), ("benchmark", "reference", "benchmark", False),
    ("review", "review", "review_app", True), ("demo", "demo", "demo", False), ("score", "score", "score", False),
    ("report", "report", "report", False), ("batch", "batch", "batch", False), ("trend", "batch", "trend", False),
    ("convert", "convert", "convert", False), ("upgrade", "upgrade", "upgrade", False),
    ("verify", "verify", "verify", False), ("sensitivity", "sensitivity", "sensitivity", False),
    ("plan", "plan", "plan", False),
)
_NAMES = {c[0] for c in COMMANDS}
#: global options that take a value, so that the value is not taken for the command's name
_VALUED = {"--lang"}


def invoked(argv: list[str]) -> str | None:
    """The command a command line runs (``lcity --lang zh validate f.yaml`` -> ``validate``), or
    None when it runs none (``lcity``, ``lcity --help``) or names no command lcity has."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in _NAMES else None
        elif arg in ("-h", "--help", "--install-completion", "--show-completion"):
            return None
    return None


def register(target: typer.Typer, only: str | None = None) -> typer.Typer:
    """Adds the commands to ``target``: all of them, or only the one a command line runs.

    Typer builds every registered command's parameters before it parses anything (a signature, a
    Click parameter and its converters per option), and each command module imports what its
    options need. Doing that for twenty commands to run one cost a third of ``lcity validate``'s
    start; the help of the whole program, completion and unknown names (for "did you mean")
    still get every command.
    """
    from importlib import import_module

    __import__("lcity.help_words", fromlist=["install"]).install()  # --help in words: FILE…, N, zh|en
    __import__("lcity.completion", fromlist=["install"]).install()  # framework ids, only while completing
    # once each: a command registered twice on one app is built twice by Typer, on every run
    done = {c.name for c in target.registered_commands} | {g.name for g in target.registered_groups}
    for name, module, attr, group in COMMANDS:
        if (only is not None and name != only) or name in done:
            continue
        thing = getattr(import_module(f"lcity.commands.{module}"), attr)
        if group:
            target.add_typer(thing, name=name)
        else:
            target.command(name)(thing)
    return target


def __getattr__(name: str):
    """``lcity.cli.app``: the app with every command (tests, documentation tools)."""
    if name == "app":
        globals()["app"] = full = register(_new_app())
        return full
    raise AttributeError(name)


def _own_permission_check() -> None:
    """Typer refuses a file it may not read before lcity sees it, in its own half-English box
    ("path 'x.yaml' is not readable") with no line, column or way out; lcity's reader says it
    (``x.yaml:1:1: error unreadable: permission denied (chmod …)``) in the user's language. Typer
    checks ``readable`` (on by default for every Path) in ``coerce_cli_path``: it is turned off there."""
    try:
        from typer import _adapters
    except ImportError:  # pragma: no cover - a Typer laid out otherwise keeps its own check
        return
    own = getattr(_adapters, "coerce_cli_path", None)
    if own is None or getattr(own, "lcity", False):
        return

    def coerce(value, parameter_info, *args, **kwargs):
        parameter_info.readable = False
        return own(value, parameter_info, *args, **kwargs)

    coerce.lcity = True  # type: ignore[attr-defined]
    _adapters.coerce_cli_path = coerce


def _run(argv: list[str]) -> None:
    """The app, its help in the language of ``--lang`` or the locale (``lcity.helptext``)."""
    import sys

    from .helptext import help_lang, translate

    import os

    from .completion import COMPLETE_VAR

    app = register(_new_app(), None if COMPLETE_VAR in os.environ else invoked(argv))
    if not argv or "--help" in argv or "-h" in argv:  # only a help run loads Typer's Rich printing
        from .helptext import quiet_broken_pipe

        quiet_broken_pipe()
    lang = help_lang(argv)
    import typer.main

    command = typer.main.get_command(app)
    _own_permission_check()
    if lang != "en":  # the help as written in the code (English) needs nothing
        translate(command, lang)
    printer = _ErrorPrinter(command, argv, lang)
    if not argv or "--help" in argv or "-h" in argv:
        printer.ready()
    from typer import Abort

    try:
        from typer._click.exceptions import ClickException
    except ImportError:  # a Typer before 0.26 runs on Click itself
        from click.exceptions import ClickException  # type: ignore[no-redef]

    try:
        # Typer's standalone mode prints its errors itself, so its printer (typer.rich_utils: Rich's
        # markdown, pretty and traceback modules, about 45 ms) had to be set up on every run; here
        # it is set up only when there is an error or a help page to print
        code = command.main(standalone_mode=False)
    except ClickException as error:
        printer.ready()
        printer.show(error)
        sys.exit(error.exit_code)
    except Abort:
        printer.ready()
        printer.abort()
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


class _ErrorPrinter:
    """Typer's printing of usage errors and of the help, in the user's language, set up on demand."""

    def __init__(self, command, argv: list[str], lang: str):
        self.command, self.argv, self.lang = command, argv, lang
        self.done = False

    def ready(self) -> None:
        if self.done:
            return
        self.done = True
        if self.lang != "en":
            from .helptext import speak

            speak(self.command, self.lang)  # Typer's and Click's own words: Usage, Options, [default: …], errors
        _usage_errors(self.argv, self.lang)

    def _rich(self) -> bool:
        from typer import core

        has_rich = getattr(core, "HAS_RICH", getattr(core, "rich", None) is not None)  # before Typer 0.13: core.rich
        return bool(has_rich) and getattr(self.command, "rich_markup_mode", None) is not None

    def show(self, error) -> None:
        """As Typer's standalone mode prints a ClickException (``typer.core._main``)."""
        if self._rich():
            from typer import rich_utils

            rich_utils.rich_format_error(error)
        else:  # pragma: no cover - a Typer without Rich
            error.show()

    def abort(self) -> None:
        if self._rich():
            from typer import rich_utils

            rich_utils.rich_abort_error()
        else:  # pragma: no cover
            typer.echo("Aborted!", err=True)


class _ClosedStdout(io.TextIOBase):
    """Standard output when lcity was started without one: Python gives None, and the first
    print was an internal error (exit 3) or a traceback. Writing fails as on a closed file, so
    the run ends as one that cannot write its output does (``<stdout>: …``, exit 2)."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "the file is closed")

    def flush(self) -> None:
        return None


def _forgiving(stream) -> None:
    """A stream in an encoding that cannot hold every character writes those it cannot as
    ``\\u2713``: on Chinese Windows, output sent to a file or a pipe is in GBK (cp936), which has no
    ✓, and English Windows' cp1252 has no hanzi; the first such character ended the run with an
    internal error (exit 3) instead of the table."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding.startswith("utf"):
        return
    try:
        stream.reconfigure(errors="backslashreplace")
    except (AttributeError, ValueError, OSError):  # not a TextIOWrapper (a test's capture), or closed
        pass


def _shield_epoch() -> None:
    """A SOURCE_DATE_EPOCH lcity refuses never reaches the libraries that read it on import
    (``evaluator.dates.shield_epoch``); evaluator.dates is imported only when the variable is set."""
    import os

    if "SOURCE_DATE_EPOCH" in os.environ:
        from evaluator.dates import shield_epoch

        shield_epoch(os.environ)


def _interrupts() -> None:
    """Ctrl-C raises KeyboardInterrupt again and SIGTERM raises its subclass ``Terminated``: the
    command's ``finally`` blocks remove a temporary output file and the batch's lock, and
    ``lcity.console.guarded`` says one line and exits 130 or 143 (G24-H3, G24-H4)."""
    from .console import on_signal, on_uncaught, on_unraisable

    try:
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
    except (ValueError, OSError):  # not the main thread (an embedding host)
        return
    sys.unraisablehook = on_unraisable  # a signal's exception a C extension swallowed is raised again
    sys.excepthook = on_uncaught  # ... and not printed first as a traceback (Cython prints it through here)


def main() -> None:
    """Console-script entry point.

    A file-size limit (``ulimit -f``) kills a process with SIGXFSZ by default; ignored, the write
    fails with EFBIG and the user gets exit 2 and a message instead. stdout is flushed here so
    that a full or closed stdout (``> /dev/full``) is reported too, not lost at interpreter exit.
    """
    import signal
    import sys

    from .console import flush_stdout

    from .console import argv_lang, chosen_lang

    sys.argv[1:] = plain_lang_argv(sys.argv[1:])
    chosen_lang[0] = argv_lang(sys.argv[1:])
    if sys.stdout is None:  # started with standard output closed (lcity score x >&-)
        sys.stdout = _ClosedStdout()
    for stream in (sys.stdout, sys.stderr):
        _forgiving(stream)
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _interrupts()
    try:
        _shield_epoch()
        _run(sys.argv[1:])
    except KeyboardInterrupt as exc:  # outside a command's own handling (parsing its options)
        from .console import say_interrupted

        sys.exit(say_interrupted(exc))
    except SystemExit as exc:
        from .console import say_interrupted, stopped

        if stopped[0] is not None:  # Typer's silent exit 130 for an interrupt outside the command
            sys.exit(say_interrupted())
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.exit(max(code, flush_stdout()) if code in (0, 1) else code)
    except OSError as exc:  # the help, printed before any command's own handling: a full or closed stdout
        from .console import _silence_stdout, os_problem, print_problems

        _silence_stdout()
        print_problems([os_problem(exc, "<stdout>")])
        sys.exit(2)
    sys.exit(flush_stdout())
