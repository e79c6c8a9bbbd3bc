"""``lcity upgrade``: move an assessment to the newest version of its framework."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.problems import InputError, Problem

from ..console import err, escape, guarded, stdout
from ..options import Lang, output_path


@guarded
def upgrade(
    file: Annotated[Path, typer.Argument(help="the assessment to upgrade (never changed)")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", parser=output_path, help="file to write (default: print)")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the form (default: the file's lang:, "
                                                 "else the framework's language:, else zh)")] = None,
    force: Annotated[bool, typer.Option("--force", help="replace an existing output file")] = False,
) -> None:
    """Move an assessment to the newest version of its framework.

    Answers are carried over where the indicator is the same.
    New indicators, and those whose question changed, are left as value: null with their questions as comments.
    Answers with no counterpart are listed on standard error. The input file is never changed.

    Example: lcity upgrade xicheng-2024.yaml -o xicheng-2025.yaml
    """
    from indicators.loader import available, load_framework
    from evaluator.reading import read

    from ..output import check_outputs, is_stdout, refuse_lookalike, write_atomic
    from ..template import render_upgrade, schema_file_name
    from .init import _write_schema

    check_outputs([output], [file], force)
    refuse_lookalike(output, ext=".yaml")  # 'new.yaml ' is no YAML file to an editor (G11-7)
    if output is not None and output.suffix.lower() in (".xlsx", ".xls"):  # YAML text under a workbook's name
        from indicators.messages import Msg as _Msg  # Msg and visible are imported below, in this function

        from ..console import visible as _visible

        raise InputError([Problem(str(output), 1, 1, "error", "usage", _Msg("plan.output-not-workbook"),
                                  _Msg("plan.hint-output-not-workbook", file=_visible(output.with_suffix(".yaml").name)),
                                  fatal=True)])
    loaded = read(file)
    from indicators.messages import Msg, join, say as said

    from ..console import lang_for, typed, visible

    speak = lang_for(str(file))  # --lang, the file's lang:, the locale
    t = lambda key, **kw: said(Msg(key, **kw), speak)  # noqa: E731
    # a framework line that names no installed framework was read as the default one (validate says
    # so): upgrading from a version the file never named would rewrite its answers on a guess
    guessed = any(p.rule == "default-framework" for p in loaded.problems)
    if loaded.framework is None or guessed or not isinstance(loaded.marked.data, dict):  # type: ignore[union-attr]
        raise InputError([p for p in loaded.problems if p.severity == "error"] or loaded.problems)
    old = loaded.framework
    shown = "<stdin>" if is_stdout(file) else visible(str(file))  # as its problems name it, and validate -
    newest = max((f for f in available() if f.id == old.id), key=lambda f: f.version)
    if newest.version <= old.version:
        err.print(escape(t("upgrade.newest", file=shown, fw=old.ref)))
        return
    chain = [load_framework(f"{old.id}@{v}") for v in range(old.version + 1, newest.version + 1)
             if any(f.id == old.id and f.version == v for f in available())]
    new = chain[-1]
    from ..language import output_lang

    lang = Lang(output_lang(lang, file, new))  # as init: --lang, the file's lang:, the framework's language:, zh
    to_file = not (output is None or is_stdout(output))
    # the modeline names a schema written beside the form, relatively, as ``lcity init`` does: a
    # path into lcity's package would not resolve on the machine the form is e-mailed to
    schema_name = schema_file_name(new, lang.value)
    try:
        text, report = render_upgrade(old, new, chain, loaded.marked.data, lang=lang.value,  # type: ignore[union-attr]
                                      schema_path=Path(schema_name) if to_file else None)
    except ValueError:  # evaluator.upgrade.NoCrosswalk: a version in the chain names no earlier one
        raise InputError([Problem(str(file), 1, 1, "error", "no-crosswalk",
                                  Msg("upgrade.no-crosswalk", old=old.ref, new=new.ref),
                                  Msg("hint.upgrade-no-crosswalk", new=new.ref), fatal=True)]) from None
    if not to_file:
        stdout.write(text)
    else:
        if not _write_schema(output.parent / schema_name, new, lang.value):  # a folder of that name: no modeline (G19-C16)
            text = text.replace(f"# yaml-language-server: $schema={Path(schema_name).as_posix()}\n", "", 1)
        write_atomic(output, text, force=force)
    where = Msg("upgrade.stdout") if output is None or is_stdout(output) else visible(str(output))
    err.print(escape(t("upgrade.done", file=shown, old=old.ref, where=where, new=new.ref,
                       carried=len(report["carried"]), asked=len(report["asked"]))))
    for key, ids in (("upgrade.changed", report["changed"]), ("upgrade.removed", report["removed"]),
                     ("upgrade.not-for-level", report["not_for_level"])):
        if ids:
            err.print(escape("  " + t(key, fw=new.ref, ids=join(ids))))
    if output is not None and not is_stdout(output):
        err.print(escape(t("upgrade.next", file=typed(visible(str(output))))))
