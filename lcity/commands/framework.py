"""``lcity framework check FILE``: every problem of a framework file, with file:line:column."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.messages import agree

from ..console import dump_json, err, escape, guarded, say_problems
from ..options import Lang, TextOrJson

framework_app = typer.Typer(
    help="Work on framework files (see docs/frameworks.md).\n\nExample: lcity framework check my-framework/framework.yaml",
    no_args_is_help=True,
)


def installed_file(file: Path) -> Path:
    """``file`` itself, or, when no such file exists and it names an installed framework
    (``china-learning-city@1``, as ``lcity frameworks`` lists them), that framework's file: an id
    was answered "no such file"."""
    from indicators.loader import resolve
    from indicators.problems import InputError

    if file.exists() or str(file).endswith((".yaml", ".yml")):
        return file
    if "@" in file.name and file.parent == Path("."):  # an id: say which ids are installed
        return resolve(str(file))
    try:
        return resolve(str(file))
    except InputError:
        return file


@framework_app.command("check")
@guarded
def check(
    file: Annotated[Path, typer.Argument(help="framework.yaml to check, or an installed framework's id "
                                         "(china-learning-city@1)")],
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the messages (default: the locale)")] = None,
) -> None:
    """Check a framework file and list every problem with file:line:column.

    The same checks the loader makes (keys, ids, points adding up, rules fitting answers, grades,
    thresholds against total_points, sources, exemplars), plus warnings. Exit code: 0 valid
    (warnings allowed), 1 problems found, 2 unreadable or unsafe.

    Example: lcity framework check examples/frameworks/unesco-key-features/framework.yaml
    Installed: lcity framework check china-learning-city@1 (checks the file lcity frameworks lists)
    """
    from indicators.loader import check_file

    from ..console import lang_for

    if str(file) == "-":  # a framework's problems are told by line in its file; stdin has none to point at later
        from indicators.messages import Msg

        from ..reporting import usage

        raise usage("<stdin>", Msg("fw.check-stdin"), Msg("hint.fw-check-stdin"))
    from indicators.problems import InputError

    file = installed_file(file)
    try:
        fw, problems = check_file(file)
    except InputError as error:
        if error.fatal:  # a file that cannot be read at all: the usual exit 2
            raise
        # a problem YAML stops at (a key twice, a syntax error) is the file's: told with the
        # closing line like every other, not bare (G18-D3)
        fw, problems = None, list(error.problems)
    lang = lang_for("")  # (read from the command line by lcity.console) --lang on the command line, else the locale (a framework has no lang: line)
    n_err = sum(p.severity == "error" for p in problems)
    code = 1 if n_err or fw is None else 0
    if fmt == TextOrJson.json:
        dump_json({"valid": code == 0, "exit_code": code, "framework": fw.ref if fw is not None else None,
                   "problems": [p.as_dict(lang) for p in problems]})
    elif lang == "zh":
        say_problems(problems, lang)
        verdict = "[green]有效[/green]" if code == 0 else "[red]无效[/red]"
        name = f"（{escape(fw.ref)}）" if fw is not None else ""
        err.print(f"{escape(str(file))}{name}：{verdict}——{n_err} 个错误，{len(problems) - n_err} 个警告")
    else:
        say_problems(problems, "en")
        verdict = "[green]valid[/green]" if code == 0 else "[red]invalid[/red]"
        name = f" ({escape(fw.ref)})" if fw is not None else ""
        counts = agree(f"{n_err} errors, {len(problems) - n_err} warnings")  # "1 error", not "1 errors"
        err.print(f"{escape(str(file))}{name}: {verdict} — {counts}")
    raise typer.Exit(code)
