"""``lcity init``: a commented self-assessment template to fill in."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..console import err, escape, guarded, stdout, typed
from ..form_files import FORM_FRAMEWORK
from ..options import Lang, output_path


class FormFormat(str, Enum):
    yaml = "yaml"
    xlsx = "xlsx"
    pdf = "pdf"


def _level(fw, level: str | None, city: str | None, lang: str) -> str:
    """The level the form asks for: the one given (one of the framework's levels, else a clear
    error), or the one the unit's name suggests among them."""
    from indicators.messages import Msg, join
    from indicators.problems import InputError, Problem

    from ..template import default_name, guess_level

    if level is None:
        return guess_level(city or default_name(fw, lang), fw)
    levels = fw.level_ids()
    if level in levels:
        return level
    raise InputError([Problem("--level", 1, 1, "error", "unknown-level",
                              Msg("check.unknown-level", level=level, fw=fw.ref, levels=join(levels)),
                              _level_hint(fw, level, levels), fatal=True)])


def _level_hint(fw, level: str, levels: tuple[str, ...]):
    """The id of the level the user named by its name (--level 区 is district, as the workbook's
    drop-down reads it), else the closest id, else the ids to choose from: '--level 区' was said to
    be no level, with no word of the one meant (G27H-8)."""
    from indicators.messages import Msg, join
    from indicators.problems import did_you_mean
    from indicators.xlsx import option_codes, profile_options

    named = option_codes(profile_options(fw)["city.level"]).get(level.strip())
    if named in levels and named != level:
        return Msg("hint.did-you-mean", word=named)
    return did_you_mean(level, levels) or Msg("hint.write-one-of", options=join(levels))


def _check_city(city: str | None) -> str | None:
    """--city as typed, refused (a usage error) when it holds a control, bidi or other invisible
    character: an escape typed in a shell (``$'\\e[31m'``, U+202E) would become the unit's name in
    the form and in every report made from it, as the report's text options are refused."""
    if city is None:
        return None
    import unicodedata

    from indicators.messages import Msg

    from ..reporting import usage

    bad = next((c for c in city if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn")), None)
    if bad is not None:
        from indicators.textchars import NONCHARACTER

        key = "init.city-noncharacter" if NONCHARACTER.match(bad) else "init.city-control"  # U+FFFE is no control character
        raise usage("lcity init", Msg(key, code=f"U+{ord(bad):04X}"), Msg("hostile.hint-option-control"))
    from evaluator.assessment import MAX_NAME

    if city and not city.strip():  # '   ', '　': a form whose name fails validation (blank-text) at once (G31H-5)
        raise usage("lcity init", Msg("init.city-blank"), Msg("hint.init-city-blank"))
    if len(city) > MAX_NAME:  # the form would then fail its own validation at the name
        raise usage("lcity init", Msg("init.city-long", n=f"{len(city):,}", limit=MAX_NAME), Msg("hint.shorten"))
    return city


@guarded
def init(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", parser=output_path, help="file to write (default: print)")] = None,
    city: Annotated[Optional[str], typer.Option("--city", help="name of the city or district, e.g. 西城区")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the form (default: the framework's "
                                                 "language:, else zh)")] = None,
    framework: Annotated[str, typer.Option("--framework", help="framework id@version or path")] = FORM_FRAMEWORK,
    level: Annotated[Optional[str], typer.Option("--level", metavar="LEVEL",
                                                 help="a level of the framework's units (city, district or county "
                                                 "in the China frameworks): the form asks only what a unit of "
                                                 "that level can answer (default: from the name)")] = None,
    force: Annotated[bool, typer.Option("--force", help="replace an existing file")] = False,
    fmt: Annotated[Optional[FormFormat], typer.Option("--format", "-f", help="yaml (commented template), xlsx "
                                                      "(Excel/WPS workbook) or pdf (printable questionnaire); "
                                                      "default: from the -o name, else yaml")] = None,
) -> None:
    """Write a commented self-assessment template to fill in.

    Example: lcity init -o xicheng-2025.yaml --city 西城区 --level district --lang zh
    Workbook: lcity init -o xicheng-2025.xlsx --city 西城区 (Excel/WPS; lcity validate reads it)
    Questionnaire: lcity init -o xicheng-visit.pdf --city 西城区 (printable, for site visits)
    """
    from indicators.loader import load_framework, resolve

    from ..output import check_outputs, is_stdout, write_atomic
    from ..template import render_template

    city = _check_city(city)
    fw = load_framework(framework)
    fw_path = resolve(framework) if not framework.endswith((".yaml", ".yml")) else Path(framework)
    from ..language import output_lang

    lang = Lang(output_lang(lang, None, fw))  # --lang, else the framework's language: (README), else zh
    from ..form_files import form_format, write_form

    kind = form_format(fmt.value if fmt else None, output)
    if kind == "yaml":  # i.xls, i.et: a YAML form under a workbook's name
        from ..output import refuse_not_yaml_name

        refuse_not_yaml_name(output, workbook_hint=True)
    level = _level(fw, level, city, lang.value)
    if kind != "yaml":
        _refuse_other_name(kind, output)
        return write_form(kind, fw, fw_path, output, city=city, lang=lang.value, level=level, force=force)
    from ..template import schema_file_name

    to_file = not (output is None or is_stdout(output))
    schema_name = schema_file_name(fw, lang.value)
    if not to_file:  # printed to stdout, there is no folder: no modeline
        stdout.write(render_template(fw, city=city, lang=lang.value, schema_path=None, level=level))
        return
    check_outputs([output], [fw_path], force)
    _refuse_missing_folder(output)
    # the schema first: the modeline names it, relatively (it resolves wherever the folder is copied
    # or e-mailed), only when it was written; a folder or a file of the user's of that name is left
    # alone, and the form then names no schema, nor does the last line claim one (G19-C16)
    written = _write_schema(output.parent / schema_name, fw, lang.value)
    text = render_template(fw, city=city, lang=lang.value, schema_path=Path(schema_name) if written else None,
                           level=level)
    write_atomic(output, text, force=force)
    asked = text.count("\n    value: null")
    from indicators.messages import Msg, say as said

    key = "init.wrote" if written else "init.wrote-no-schema"
    err.print(escape(said(Msg(key, file=typed(output), n=asked, schema=schema_name), lang.value)))


def _refuse_other_name(kind: str, output: Path | None) -> None:
    """Refuses (exit 2, nothing written) a workbook or PDF form under a name that promises another
    kind of file: --format xlsx -o x.xlsm (Excel will not open a plain workbook named .xlsm), x.pdf
    or x.yaml, --format pdf -o x.xlsx (G17-7). A name without a known suffix is the user's choice."""
    from indicators.messages import Msg
    from indicators.problems import InputError, Problem

    from ..escapes import visible
    from ..output import _KIND_OF_SUFFIX, is_stdout

    if output is None or is_stdout(output):
        return
    want = {"xlsx": ".xlsx", "pdf": ".pdf"}[kind]
    suffix = output.suffix.lower()
    if suffix == want or suffix not in _KIND_OF_SUFFIX:
        return
    raise InputError([Problem(str(output), 1, 1, "error", "usage",
                              Msg("out.other-kind", option="-o", kind=Msg(f"init.kind-{kind}"), suffix=visible(output.suffix)),
                              Msg("hint.out-other-kind", ext=want, file=visible(output.with_suffix(want).name)), fatal=True)])


def _refuse_missing_folder(output: Path) -> None:
    """A form into a folder that does not exist is refused at the form, as the workbook is: written
    schema first, it failed as "x.zh.schema.json:1:1: error unwritable: cannot write: No such file or
    directory", naming a file the user never asked for (G29-T6)."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        from indicators.messages import Msg

        from ..output import _refuse

        raise _refuse(output, "unwritable", Msg("out.no-folder", folder=str(folder)), Msg("hint.out-no-folder"))


def _write_schema(path: Path, fw, lang: str) -> bool:
    """The JSON Schema of ``fw`` in ``lang`` beside the form (replaced when lcity made it: a newer
    lcity may describe more; a link, a folder or a file of the user's of that name is left alone,
    and said). True when it was written."""
    import json

    from evaluator.schema import assessment_schema

    from ..output import write_companion

    kept = write_companion(path, json.dumps(assessment_schema(fw, lang), ensure_ascii=False, indent=2) + "\n")
    if kept is not None:
        say_kept(path, kept, f"lcity schema --framework {fw.ref} --lang {lang} > NAME.json", lang)
    return kept is None


def say_kept(path: Path, what, command: str, lang: str) -> None:
    """The note that a file beside the form was not replaced (``what``: a link, another file)."""
    from indicators.messages import Msg, say as said

    from ..console import visible

    err.print(escape(said(Msg("out.companion-kept", file=visible(str(path)), what=what, command=command), lang)))
