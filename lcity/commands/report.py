"""``lcity report``: a self-assessment file -> a PDF evaluation report (and, if asked, an HTML copy).

WeasyPrint and the report templates are imported only when this command runs, so ``lcity
validate`` and ``lcity score`` stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..console import err, escape, guarded, note_warnings, typed, visible
from ..language import unit_lang
from ..options import Lang, output_path
from ..reporting import check_date, check_text_option, prepare, total_said, unrated_upper, usage


@guarded
def report(
    file: Annotated[Path, typer.Argument(help="self-assessment: .yaml, or .xlsx from lcity init --format xlsx; - reads stdin")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", parser=output_path, help="PDF file to write (required unless --html is given)")] = None,
    lang: Annotated[Optional[Lang], typer.Option(
        "--lang", help="language of the report: zh or en (default: the file's lang:, else the framework's "
                       "language, else zh)")] = None,
    html: Annotated[Optional[Path], typer.Option(
        "--html", help="also write the report as a self-contained HTML file here; "
                       "without -o, only the HTML is written")] = None,
    body: Annotated[Optional[str], typer.Option(
        "--body", help="evaluating body shown on the cover and as PDF author "
                       "(default: the assessment's evaluating_body)")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", help="report date YYYY-MM-DD, also the PDF's creation date (default: the assessment's date)")] = None,
    number: Annotated[Optional[str], typer.Option(
        "--number", help="report number: the official document number (文号), as in the examples below; "
                       "default: LC, the city id (else the English name as a slug, else the Chinese name) and the end year, "
                       "e.g. LC-qingshi-2024, with -R when reviewed")] = None,
    review: Annotated[Optional[list[Path]], typer.Option(
        "--review", help="expert review file; repeat for several reviewers (the panel's median is used)")] = None,
    previous: Annotated[Optional[list[Path]], typer.Option(
        "--previous", help="an earlier assessment of the same city; repeat for several years (adds a trend section)")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="replace existing output files (never an input of this command)")] = False,
    accept_mismatch: Annotated[bool, typer.Option(
        "--accept-mismatch", help="accept a review whose city, period or SHA-256 does not match the assessment")] = False,
    framework: Annotated[Optional[str], typer.Option(
        "--framework", help="override the file's framework line")] = None,
    partial: Annotated[bool, typer.Option(
        "--partial", help="refused: a report is never made from a provisional score (use lcity score --partial)")] = False,
) -> None:
    """Write an evaluation report (PDF, optionally HTML) in the form Chinese evaluation panels use.

    Cover, contents, basis and process, profile, results by dimension with
    charts, strengths, problems, recommendations, conclusion; appendices:
    indicator score table, benchmark against the framework's reference units, data
    coverage and confidence, signature block for the expert panel.
    The same file and date give a byte-identical PDF.

    Exit code: 0 written; 1 the assessment is invalid (every problem listed);
    2 unreadable input, an existing output (never replaced without --force),
    an output that is one of the inputs, or wrong options.

    Example: lcity report examples/qingshi-district.yaml -o qingshi.pdf

    With the expert panel's review (verified scores beside the self-assessed ones):
    lcity report examples/qingshi-district.yaml --review examples/qingshi-district.review.yaml -o reviewed.pdf

    With the panel's document number (文号) on the cover and in the page header:
    lcity report examples/qingshi-district.yaml --number "青学评〔2025〕3号" -o qingshi.pdf

    English, with an HTML copy:
    lcity report examples/qingshi-district.yaml -o qingshi-en.pdf --lang en --html qingshi-en.html
    """
    from ..output import check_outputs, is_stdout, refuse_other_kind, refuse_terminal

    from indicators.messages import Msg, join, say as said

    from ..console import lang_for

    if partial:  # a report is read as a result: a provisional score never gets one (lcity score --partial)
        raise usage("lcity report", Msg("report.partial"), Msg("hint.report-partial", file=typed(file)))
    if output is None and html is None:
        raise usage("lcity report", Msg("report.no-output"), Msg("hint.report-no-output"))
    if is_stdout(output) and is_stdout(html):
        raise usage("lcity report", Msg("report.both-stdout"), Msg("hint.report-both-stdout"))
    refuse_terminal(output, "PDF")  # before the minutes of rendering, not after them
    if date is not None:  # --date '' (a script's unset variable) is refused, not taken as no date (G20-C9)
        check_date(date)
    check_text_option(number, "--number")
    check_text_option(body, "--body")
    inputs = [file, *(review or []), *(previous or [])]
    if framework and framework.endswith((".yaml", ".yml")):
        inputs.append(Path(framework))
    check_outputs([output, html], inputs, True)  # first: "that is your review" says more than its suffix
    refuse_other_kind(output, "pdf")
    refuse_other_kind(html, "html", "--html")
    # then a name that exists: told first to add --force, a user was then told its suffix was wrong (G11)
    check_outputs([output, html], inputs, force, options=("-o", "--html"))  # a missing folder: before rendering

    from .reference import framework_file_installed

    with framework_file_installed(framework):  # its reference-units/ beside it, as lcity benchmark finds them (G27H-4)
        prepared = prepare(file, reviews=review or [], previous=previous or [], framework=framework,
                           accept_mismatch=accept_mismatch,
                           date=date)
    note_warnings(file, prepared.loaded)
    from ..console import note_reviews

    note_reviews(prepared.result)
    result, bench, fw, assessment, trend = (prepared.result, prepared.bench, prepared.framework,
                                            prepared.assessment, prepared.trend)
    language = unit_lang(lang, prepared.loaded)  # --lang, the file's lang:, the framework's language, zh
    when = prepared.date
    speak = lang_for(str(file))  # notes about the run: --lang, the file's lang:, the locale
    if not prepared.reproducible:
        _note(Msg("report.no-date", file=str(file), date=when), speak)
    if not prepared.bench_error and bench is not None and bench.reference_units == 0 and not bench.skipped:
        _note(Msg("report.no-reference-units", framework=fw.name.get(speak)), speak)
    elif prepared.bench_error or (bench is not None and bench.of <= 1):
        _note(Msg("report.no-benchmark", error=prepared.bench_error or Msg("report.no-benchmark-files")), speak,
              "report.warning")

    from reports.render import make_fetcher, render_html, render_report

    untranslated = chinese_only(assessment, result.review) if language == "en" else []
    if untranslated:  # a Chinese name on an English cover reads as a mistake unless the user knows why
        _note(Msg("report.missing-en", fields=join(Msg("report.missing-en-field", field=f, shown=v)
                                                   for f, v in untranslated)), speak, "report.warning")
    options = dict(lang=language, body=body, date=when, number=number, robustness=prepared.robustness,
                   warnings=prepared.warnings)  # those a judgment rests on: questions for the panel in 五
    written, outputs = [], []
    if output is not None:
        fetcher = make_fetcher()
        from ..reporting import scored_inputs

        missing: list[str] = []
        from ..batch_temp import private_temp

        with private_temp(here=True):  # WeasyPrint's 22 MB font folder goes with it, even after a kill -9
            pdf = render_report(result, bench, fw, assessment, fetcher=fetcher, trend=trend,
                                inputs=scored_inputs(file, review or [], result), missing=missing, **options)
        if fetcher.refused:
            _note(Msg("report.refused-resources", n=len(fetcher.refused)), speak, "report.warning")
        if missing:
            _note(Msg("report.unprintable", chars=unprintable_list(missing)), speak, "report.warning")
        outputs.append((output, pdf, "-o"))
        from indicators.messages import Both

        size, shown = f"{len(pdf) // 1024} KB", visible(str(output))  # a line break in the name forges no line (G25-H3)
        written.append(Both(f"{shown}（{size}）", f"{shown} ({size})"))  # full-width brackets in Chinese
    if html is not None:
        outputs.append((html, render_html(result, bench, fw, assessment, standalone=True, trend=trend, **options),
                        "--html"))
        written.append(visible(str(html)))
    _write(outputs, force)
    err.print(escape(said(wrote_line(join(written), result, fw, speak), speak)))


def _write(outputs: list, force: bool) -> None:
    """The PDF and the HTML written both or neither when both are files (``write_together``): an
    --html that could not be written left the PDF written under 'nothing was written' (G29H-5).
    ``outputs``: (path, data, the option that named the path)."""
    from ..output import is_stdout, write_atomic, write_together

    files = [(path, data) for path, data, _ in outputs if not is_stdout(path)]
    options = {path: option for path, _, option in outputs}  # each hint names the option that gave the path
    if len(files) > 1:
        write_together(files, force=force, options=options)
    for path, data, option in outputs:
        if len(files) == 1 or is_stdout(path):
            write_atomic(path, data, force=force, option=option)


def wrote_line(files, result, fw, lang: str):
    """The closing line: what was written, the total, the grade and the decision, in the language
    of the run's messages, as the report's summary says them: the grade and the decision once
    where they are the same words (a unit that is not ratable: 数据不足，不予定级), and the veto
    named where it set the grade (94 points and 不合格 reads as a mistake otherwise)."""
    from indicators.messages import Both, Msg

    grade = Both(result.grade.name_zh, result.grade.name)
    decision = Both(result.recognition.name_zh, result.recognition.name)
    from evaluator.rounding import shown_total, total_limits

    total = shown_total(result.total, total_limits(fw))  # as the report prints it: 89.96 beside 良好, not 90.0
    total = total_said(total, unrated_upper(result, fw))  # a unit not rated: its bounds (G19-A10)
    if fw.graded_by_veto(result):
        return Msg("hostile.report-wrote-veto", files=files, total=total, grade=grade, decision=decision)
    if grade.say(lang) == decision.say(lang):
        return Msg("hostile.report-wrote-one", files=files, total=total, grade=grade)
    return Msg("hostile.report-wrote", files=files, total=total, grade=grade, decision=decision)


#: the names an English report prints, each with its English field: (where the Chinese is, the field
#: that holds the English); the English report shows the Chinese where the English is empty
ENGLISH_FIELDS = (("city.name.zh", "city.name.en"), ("city.parent", "city.parent_en"),
                  ("city.province", "city.province_en"), ("evaluating_body", "evaluating_body_en"))


def chinese_only(assessment, review=None) -> list[tuple[str, str]]:
    """(field to fill in, the Chinese an English report shows instead) for each name of the form
    (and of the panel's review: its evaluating body) given in Chinese and not in English (new-user
    audit #18: 松岭县教育局 and 江州市学习型城市建设领导小组办公室 on an English cover)."""
    import re

    def get(path: str, of=assessment):
        value = of
        for part in path.split("."):
            value = getattr(value, part, None)
        return value

    found = [(en, get(zh)) for zh, en in ENGLISH_FIELDS
             if get(zh) and re.search(r"[\u3400-\u9fff]", get(zh)) and not get(en)]
    body = get("evaluating_body", review) if review is not None else None
    if body and re.search(r"[\u3400-\u9fff]", body) and not review.evaluating_body_en:
        found.append(("review: evaluating_body_en", body))
    return found


def unprintable_list(chars: list[str], most: int = 12) -> str:
    """``鄠 (U+9120), 𠀀 (U+20000)``: each character with its code point, so that a box on the page
    can be matched to a character in the file; the first ``most`` of them, then how many more."""
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:most])
    return shown + (f", … (+{len(chars) - most})" if len(chars) > most else "")


def _note(msg, lang: str, label: str = "report.note") -> None:
    """A note or warning about the run on stderr, in the user's language, its label in yellow."""
    from indicators.messages import Msg, say as said

    err.print(f"[yellow]{escape(said(Msg(label), lang))}[/yellow]{'：' if lang == 'zh' else ': '}"
              f"{escape(visible(said(msg, lang)))}")
