"""The ``lcity`` command line: a thin layer over the Python API, one command per function.

Each command lives in its own module under ``lcity.commands``; this module only builds the Typer
app and registers them, so the order and names of the commands are visible in one place.
Conventions (stdout vs stderr, exit codes) are in ``lcity.console``.
"""

from __future__ import annotations

from typing import Optional

import typer

from .commands import batch, demo, framework, frameworks, init, reference, report, review, schema, score, validate

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



def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"lcity {version('learning-city-evaluator')}")
        except PackageNotFoundError:  # running from a source tree that was never installed
            from evaluator.engine import VERSION

            typer.echo(f"lcity {VERSION}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="print the version of lcity and exit"),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="zh|en", help="language of the help and of the "
                                       "messages: zh or en (default: the file's lang:, else the locale, else en)"),
) -> None:
    """Learning-city self-assessment and evaluation engine.

    Quick start: lcity init -o my-district.yaml --city 西城区, fill it in, then
    lcity validate my-district.yaml.
    """


__import__("lcity.help_words", fromlist=["install"]).install()  # --help in words: FILE…, N, zh|en
__import__("lcity.completion", fromlist=["install"]).install()  # framework ids, only while completing
app.command("frameworks")(frameworks.frameworks)
app.add_typer(framework.framework_app, name="framework")
app.command("schema")(schema.schema)
app.command("init")(init.init)
app.command("validate")(validate.validate)
app.command("fix")(__import__("lcity.commands.fix", fromlist=["fix"]).fix)
app.command("status")(__import__("lcity.commands.status", fromlist=["status"]).status)
app.command("cities")(reference.cities)
app.command("benchmark")(reference.benchmark)
app.add_typer(review.review_app, name="review")
app.command("demo")(demo.demo)
app.command("score")(score.score)
app.command("report")(report.report)
app.command("batch")(batch.batch)
app.command("trend")(batch.trend)
app.command("convert")(__import__("lcity.commands.convert", fromlist=["convert"]).convert)
app.command("upgrade")(__import__("lcity.commands.upgrade", fromlist=["upgrade"]).upgrade)
app.command("verify")(__import__("lcity.commands.verify", fromlist=["verify"]).verify)
app.command("sensitivity")(__import__("lcity.commands.sensitivity", fromlist=["sensitivity"]).sensitivity)
app.command("plan")(__import__("lcity.commands.plan", fromlist=["plan"]).plan)


def _run(argv: list[str]) -> None:
    """The app, its help in the language of ``--lang`` or the locale (``lcity.helptext``)."""
    from .helptext import help_lang, translate

    lang = help_lang(argv)
    if lang == "en":  # the help as written in the code: nothing to load
        app()
        return
    import typer.main

    command = typer.main.get_command(app)
    translate(command, lang)
    command()


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

    chosen_lang[0] = argv_lang(sys.argv[1:])
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        _run(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.exit(max(code, flush_stdout()) if code in (0, 1) else code)
    sys.exit(flush_stdout())
