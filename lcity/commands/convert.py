"""``lcity convert``: an assessment from YAML to an Excel/WPS workbook and back, without loss."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.messages import Msg, say
from indicators.problems import InputError, Problem

from ..console import err, escape, guarded, lang_for, visible
from ..options import Lang, output_path


def _target(target: Path | None, output: Path | None) -> Path:
    """The file to write, given as TARGET or as ``-o`` (every other writer takes ``-o``): one of the
    two, else a usage error (exit 2). A folder is said to be one, as every other command says it
    (G25-H9: it was told its name must end in .xlsx, .yaml or .yml)."""
    from ..output import is_stdout, refuse_existing
    from ..reporting import usage

    if target is not None and output is not None and target != output:
        raise usage("lcity convert", Msg("convert.two-targets", target=str(target), output=str(output)),
                    Msg("convert.hint-one-target"))
    if target is None and output is None:
        raise usage("lcity convert", Msg("convert.no-target"), Msg("convert.hint-one-target"))
    path = target if target is not None else output
    if not is_stdout(path) and path.is_dir():  # type: ignore[union-attr]
        refuse_existing(path, force=True)  # type: ignore[arg-type]
    return path  # type: ignore[return-value]


def _format_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return "xlsx" if suffix == ".xlsx" else "yaml" if suffix in (".yaml", ".yml") else None


@guarded
def convert(
    source: Annotated[Path, typer.Argument(help="assessment to read: .yaml or .xlsx (- reads stdin)")],
    target: Annotated[Optional[Path], typer.Argument(help="file to write: .xlsx or .yaml (- writes YAML to stdout)")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", parser=output_path, help="the same as TARGET, as every other "
                                                   "command writes its file")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the workbook's questions or the YAML "
                                                 "comments (default: the file's lang: or the workbook's language, else the framework's language, else zh); "
                                                 "also of the message")] = None,
    framework: Annotated[Optional[str], typer.Option("--framework", help="framework id@version, if the file's "
                                                     "framework line is wrong", metavar="ID")] = None,
    force: Annotated[bool, typer.Option("--force", help="replace an existing OUT")] = False,
) -> None:
    """Convert a self-assessment between YAML and an Excel/WPS workbook (.xlsx), both ways.

    Nothing is lost: the output is read back and compared with the input before it is written, and
    a value the other format cannot hold is named (nothing is written then). A half-filled or
    invalid form converts too; run lcity validate on either file for its problems.

    Examples: lcity convert xicheng-2025.yaml xicheng-2025.xlsx ·
    lcity convert xicheng-2025.xlsx -o xicheng-2025.yaml
    """
    from indicators.safeyaml import read_bytes

    from ..convert import convert as run
    from ..output import check_outputs, is_stdout, refuse_lookalike, write_atomic
    from ..stdin import read_input

    target = _target(target, output)
    refuse_lookalike(target, "OUT")  # 'x.xlsx ' was told only that OUT must end in .xlsx (G11-7)
    to = "yaml" if is_stdout(target) else _format_of(target)
    if to is None:
        raise InputError([Problem(str(target), 1, 1, "error", "usage", Msg("convert.bad-out"), Msg("convert.hint-out"),
                                  fatal=True)])
    check_outputs([target], [None if str(source) == "-" else source], force)
    data, name = read_input(source, read_bytes)
    out, _used = run(data, name, to, lang=lang.value if lang else None, framework=framework)
    write_atomic(target, out, force=force)
    if not is_stdout(target):
        shown = visible(str(target))  # a line break in the name would forge a line of output
        wrote = Msg("convert.wrote", file=shown, what=Msg(f"convert.what-{to}"), next=f"lcity validate {shown}")
        # said in the language of the run's messages (--lang, the source's lang:, the locale), as
        # every other command's: the form's own language (``_used``) is a fact about the file
        err.print(escape(say(wrote, lang.value if lang else lang_for(str(source)))))
