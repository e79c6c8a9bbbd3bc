"""``lcity review init`` and ``lcity review validate``: the expert panel's review files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.problems import InputError, Problem

from ..console import err, escape, guarded, say_problems, stdout
from ..options import Lang, MessageLang, TextOrJson, output_path

review_app = typer.Typer(help="Expert panel reviews: write a review form, check a review.\n\nExample: lcity review init x.yaml -o x.review.yaml, fill it in, then lcity review validate x.yaml x.review.yaml", no_args_is_help=True)


@review_app.command("init")
@guarded
def review_init(
    assessment: Annotated[Path, typer.Argument(help="the self-assessment to review")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", parser=output_path, help="review file to write (default: print)")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the form: its comments and the unit's "
                                                 "name (default: the file's lang:, else the framework's language, "
                                                 "else zh)")] = None,
    force: Annotated[bool, typer.Option("--force", help="replace an existing file")] = False,
) -> None:
    """Write a review form for an assessment, naming it by city, period and SHA-256.

    The form is in the assessment's language (its lang:, else its framework's, else Chinese)
    unless --lang says another.

    Example: lcity review init xicheng-2025.yaml -o xicheng-2025.review.yaml
    """
    from indicators.loader import resolve

    from ..output import check_outputs, is_stdout, write_atomic
    from evaluator.reading import read
    from evaluator.review import period_text
    from ..language import unit_lang
    from ..template import render_review_template

    loaded = read(assessment)
    a, fw = loaded.require()
    form_lang = unit_lang(lang, loaded)  # --lang, the file's lang:, the framework's language, zh
    schema_file = resolve(fw.ref).resolve().parent.parent / "review.schema.json"
    to_file = not (output is None or is_stdout(output))
    # the unit named as the form's reader names it (review validate accepts either of its names)
    text = render_review_template(fw, city=a.city.name.get(form_lang), period=period_text(loaded), sha256=loaded.sha256,
                                  file=assessment.name, self_answers=a.answers, lang=form_lang, level=a.city.level,
                                  # beside the form, relatively, as lcity init writes it (not a path into lcity's package)
                                  schema_path=Path(schema_file.name) if to_file and schema_file.exists() else None)
    if not to_file:
        stdout.write(text)
        return
    from ..output import refuse_not_yaml_name

    refuse_not_yaml_name(output)
    check_outputs([output], [assessment], force)
    if schema_file.exists():
        from ..output import write_companion

        kept = write_companion(output.parent / schema_file.name, schema_file.read_bytes())
        if kept is not None:  # a folder or a file of the user's of that name: the form names no schema (G19-C16)
            from ..console import lang_for
            from .init import say_kept

            say_kept(output.parent / schema_file.name, kept, "lcity schema review > NAME.json", lang_for(str(assessment)))
            text = text.replace(f"# yaml-language-server: $schema={schema_file.name}\n", "", 1)
    write_atomic(output, text, force=force)
    from indicators.messages import Msg, say as said

    from ..console import lang_for, typed, visible

    err.print(escape(said(Msg("hostile.review-wrote", file=typed(visible(str(output))), assessment=typed(visible(str(assessment)))),
                          lang_for(str(assessment)))))


def _statement_problems(loaded, read_ok: list, problems: list[Problem]) -> list[Problem]:
    """Once every file is valid: warnings at the panel's sentences that the verified result does not
    bear out (a figure, an approximate figure, a conclusion naming another outcome than the rules
    give), and, with several files, at each indicator the reviewers score apart (saying whether one
    reviewer's answer changes the grade or the outcome), so the panel resolves them before the report
    is signed."""
    if any(p.severity == "error" for p in problems) or not read_ok or loaded.assessment is None or loaded.framework is None:
        return []
    from evaluator.review import grade_problems
    from evaluator.verify import disagreement_problems, statement_problems, survey_problems, verify

    result = verify(loaded.assessment, loaded.framework, [r for r, _ in read_ok], sha256=loaded.sha256,
                    file=str(loaded.path))
    return (statement_problems(result, loaded.framework, read_ok) + grade_problems(result, loaded.framework, read_ok)
            + disagreement_problems(result, read_ok)
            + survey_problems(result, loaded.framework, read_ok))


@review_app.command("validate")
@guarded
def review_validate(
    # named in the usage line: "FILE FILE…" did not say which comes first, and a review given alone
    # was told "Missing argument 'reviews'" (G9 #10)
    assessment: Annotated[Path, typer.Argument(help="the self-assessment reviewed", metavar="ASSESSMENT")],
    reviews: Annotated[list[Path], typer.Argument(help="one or more review files", metavar="REVIEW…")],
    accept_mismatch: Annotated[bool, typer.Option(
        "--accept-mismatch", help="accept a review whose city, period or SHA-256 does not match")] = False,
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
    lang: MessageLang = None,  # read from the command line by lcity.console.argv_lang, like every --lang
) -> None:
    """Check review files against their assessment, with file:line:col for every problem.

    Example: lcity review validate xicheng-2025.yaml xicheng-2025.review.yaml
    """
    from evaluator.reading import Loaded, read
    from evaluator.review import duplicate_problem, read_review_marked

    try:
        loaded = read(assessment)
    except InputError as exc:  # not readable as YAML yet: each review's own problems are still said
        loaded = Loaded(str(assessment), None, None, list(exc.problems))
    # the assessment's own mistakes are listed first and hide none of the reviews' (all in one run);
    # a review is checked against the framework only when the assessment could be read as one
    problems: list[Problem] = list(loaded.problems)
    read_ok = []
    by_hash: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for r in reviews:
        try:
            review, found, marked = read_review_marked(r, loaded, force=accept_mismatch)
        except InputError as exc:
            problems += exc.problems
            continue
        problems += found
        # the duplicates score and report refuse, refused here too (G19-C8)
        twice = duplicate_problem(review, marked, by_hash, by_name)
        if twice is not None:
            problems.append(twice)
            continue
        if review is not None:
            read_ok.append((review, marked))
    problems += _statement_problems(loaded, read_ok, problems)
    code = 2 if any(p.fatal for p in problems) else (1 if any(p.severity == "error" for p in problems) else 0)
    speak = review_lang(assessment, loaded)
    if fmt == TextOrJson.json:
        print(json.dumps({"valid": code == 0, "exit_code": code, "problems": [p.as_dict(speak) for p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        say_problems(problems, speak)
        from indicators.messages import Msg, say as said

        verdict = said(Msg("verdict.valid" if code == 0 else "verdict.invalid"), speak)
        line = said(Msg("hostile.review-summary", n=len(reviews), verdict="\x01"), speak)
        err.print(escape(line).replace("\x01", f"[green]{verdict}[/green]" if code == 0 else f"[red]{verdict}[/red]"))
    raise typer.Exit(code)


def review_lang(assessment: Path, loaded) -> str:
    """The language of ``lcity review validate``'s messages, by ``lcity validate``'s rule: ``--lang``,
    else the file's ``lang:``, else the locale, else en. A review form has no ``lang:`` line of its
    own: it is written for its assessment, so the assessment's ``lang:`` (or a workbook's sheet
    names; the model's ``lang`` when it came from stdin) speaks for the reviews too, and the panel
    of an English unit reads every line of the run in English, whatever the machine's locale."""
    from indicators.messages import pick_lang

    from ..console import chosen_lang
    from ..language import declared_lang

    declared = getattr(loaded.assessment, "lang", None) if loaded is not None else None
    declared = getattr(declared, "value", declared) or declared_lang(assessment)
    return pick_lang(chosen_lang[0], f"lang: {declared}" if declared in ("zh", "en") else None)
