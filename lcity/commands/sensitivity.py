"""``lcity sensitivity``: how sure each unit's total, grade, outcome and rank are, and why."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from evaluator.rounding import points_text, total_places, total_text
from indicators.messages import agree

from ..console import escape, guarded, out, visible, write_json_text
from ..language import common_lang, mixed_note, unit_lang
from ..options import Lang, TableOrJson

SOURCES = ("weights", "scale", "unknowns", "survey", "aggregation")
#: varied unless --sources says otherwise: what the framework's rule leaves open; the aggregation
#: rule is the framework's own (the geometric mean is said apart, or drawn when named)
DEFAULT_SOURCES = ("weights", "scale", "unknowns", "survey")


def _sources(text: str) -> str:
    """Checked as the option is parsed, so a wrong source is a usage error (exit 2)."""
    got = [s.strip() for s in text.split(",") if s.strip()]
    bad = [s for s in got if s not in SOURCES]
    if bad or not got:
        import sys

        from indicators.messages import Msg

        from ..helptext import help_lang

        said = Msg("sensitivity.bad-sources", bad=", ".join(map(visible, bad)), sources=", ".join(SOURCES)) if bad \
            else Msg("sensitivity.no-sources", sources=", ".join(SOURCES))
        raise typer.BadParameter(said.say(help_lang(sys.argv)))  # the usage panel's language (G26-H3)
    return text


def _read(paths: list[Path], labels: list[str], reviews: list[tuple[Path, ...]], force: bool,
          framework: str | None = None):
    """Scores every file (under ``framework`` when given, as ``--framework`` overrides the file's
    framework line), verified by its reviews as ``lcity score --review`` verifies it; every
    problem of every file and review, or the results, their frameworks and each file's own language
    (its ``lang:``, else its framework's language, else zh)."""
    from evaluator.pipeline import read_scored
    from evaluator.reading import label_for
    from indicators.problems import InputError

    results, frameworks, langs, problems = [], [], [], []
    for path, label, mine in zip(paths, labels, reviews):
        try:
            r, loaded = read_scored(path, reviews=list(mine), framework=framework, force=force,
                                    label=label_for(label) or label)
        except InputError as exc:
            problems += exc.problems
            continue
        results.append(r)
        frameworks.append(loaded.framework)
        langs.append(unit_lang(None, loaded))
    if problems:
        raise InputError(problems)
    return results, frameworks, langs


def _say_skipped(folder: Path, skipped, units=()) -> None:
    """Each entry of the folder not read (a link leaving it, a FIFO, a hard link), on stderr as
    lcity batch says it, in its language: ``--lang``, else the ``lang:`` every unit of the folder
    records, else the locale (a folder of Chinese forms is spoken about in Chinese, G22-T7)."""
    from indicators.messages import Msg, say as said

    from ..console import chosen_lang, err, lang_for, visible

    found = {lang_for(str(u.path)) for u in units}
    speak = chosen_lang[0] or (found.pop() if len(found) == 1 else lang_for(""))
    for s in skipped:
        note = said(Msg("batch.skipped-note", file=str(folder / s.name), reason=s.reason), speak)
        # folded between words at a terminal's edge (a long path made it 100 cells), whole into a pipe
        err.print(f"{escape(said(Msg('batch.note'), speak))} {escape(visible(note))}", soft_wrap=not err.is_terminal)


def _usage(key: str, **fields):
    """A usage error (exit 2), said in the chosen language: message ``sensitivity.<key>``, hint ``hint.sensitivity-<key>``."""
    from indicators.messages import Msg

    from ..reporting import usage

    return usage("lcity sensitivity", Msg(f"sensitivity.{key}", **fields), Msg(f"hint.sensitivity-{key}", **fields))


def _units(target: Path, reviews: list[Path], force: bool, own_reviews: bool, framework: str | None = None):
    """Groups of (framework, results, labels, files, reference flags, review files left out), and the
    language of their table (the file's own; a folder's units' common one, else zh, as lcity batch
    ranks them): of a
    folder, one per framework, in the order of their references (each unit verified by the reviews
    named after it, unless ``own_reviews`` is off; units are ranked together only under one
    framework, so a folder of v1 and v2 files is analysed as ``lcity batch`` ranks it, per
    framework); of a file (verified by ``reviews``), one, with the reference units of its
    framework: those of a framework given by its file (``--framework PATH``) are found beside it,
    as ``lcity benchmark`` finds them."""
    from indicators.problems import InputError, Problem

    if target.is_dir():
        from ..batch_files import discover

        if reviews:
            raise _usage("review-folder", folder=str(target))
        found = discover(target)
        _say_skipped(target, found.skipped, found.units)
        if not found.units:
            from indicators.messages import Msg

            raise InputError([Problem(str(target), 1, 1, "error", "empty-folder", Msg("sensitivity.empty-folder"),
                                      Msg("hint.sensitivity-empty-folder"))])
        paths = [u.path for u in found.units]
        labels = [u.stem for u in found.units]
        mine = [u.reviews if own_reviews else () for u in found.units]
        left_out = 0 if own_reviews else sum(len(u.reviews) for u in found.units)
        results, fws, langs = _read(paths, [str(p) for p in paths], mine, force, framework)
        groups = []
        for ref in sorted({f.ref for f in fws}):
            at = [k for k, f in enumerate(fws) if f.ref == ref]
            groups.append((fws[at[0]], [results[k] for k in at], [labels[k] for k in at],
                           [str(paths[k]) for k in at], [False] * len(at), left_out))
        own = common_lang(langs, fws)  # units of different languages: their framework's
        return groups, own, mixed_note(langs, own, fws, table=True)
    if reviews and not own_reviews:
        raise _usage("reviews-both")
    results, fws, langs = _read([target], [str(target)], [tuple(reviews)], force, framework)
    from evaluator.benchmark import reference_results

    from .reference import framework_file_installed

    own = results[0].provenance.input_sha256
    with framework_file_installed(framework):
        found = reference_results(fws[0].ref)
    refs = [r for r in found  # a reference unit is not ranked with itself
            if [x.id for x in r.indicators] == [x.id for x in results[0].indicators]
            and not (own and r.provenance.input_sha256 == own)]
    labels = [target.stem] + [(r.city.id or r.city.name) for r in refs]
    return [(fws[0], results + refs, labels, [str(target)] + [None] * len(refs),
             [False] + [True] * len(refs), 0)], langs[0], None


@guarded
def sensitivity(
    target: Annotated[Path, typer.Argument(help="a self-assessment file (analysed with the framework's reference units) "
                                          "or a folder of them (analysed and ranked together, per framework)",
                                          metavar="FILE|DIR")],
    samples: Annotated[int, typer.Option("--samples", "-n", min=200, max=50_000,
                                         help="Monte Carlo draws (200–50,000)")] = 10_000,
    stream: Annotated[int, typer.Option("--stream", min=0, help="random-number stream: the same stream gives the "
                                        "same figures, byte for byte")] = 0,
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table, json or csv (the table as CSV)")] = TableOrJson.table,
    sources: Annotated[str, typer.Option(
        "--sources", callback=_sources,
        help=f"sources of uncertainty to vary, comma-separated: {', '.join(SOURCES)} (default: all but "
        "aggregation, the framework's own rule; name it to draw a geometric mean too)")] = ",".join(DEFAULT_SOURCES),
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the table (default: the file's lang:, "
                                                 "else the framework's language, else zh; a folder's units' "
                                                 "common language, else zh)")] = None,
    sobol: Annotated[bool, typer.Option("--sobol/--no-sobol", help="compute Sobol sensitivity indices")] = True,
    review: Annotated[Optional[list[Path]], typer.Option(
        "--review", help="expert review file of FILE; repeat for several reviewers (verified scores, as "
        "lcity score --review); a folder's are found by name")] = None,
    accept_mismatch: Annotated[bool, typer.Option(
        "--accept-mismatch", help="accept a review whose city, period or SHA-256 does not match")] = False,
    no_reviews: Annotated[bool, typer.Option(
        "--no-reviews", help="a folder: analyse the self-assessed figures, leaving out the reviews found by name")] = False,
    framework: Annotated[Optional[str], typer.Option(
        "--framework", help="override the file's framework line: id@version, or a framework file, whose "
        "reference-units/ folder beside it is used too")] = None,
) -> None:
    """How sure each unit's total, grade, recognition and rank are, and what moves them most.

    Per unit: the total as a 5–95 % interval (unknown answers at 0, as scored; a second interval if
    they took plausible values), the grade by the rules and the share of draws that give it, the
    chance of recognition, the rank interval, cut-offs within reach, the total under a geometric
    mean (said apart: not the framework's rule), and Sobol indices of each source and of each
    dimension's weight. Among reference units with too little public data, the rank is the one
    that holds for any value of their unknown answers, as lcity benchmark gives it.
    A folder with files of several frameworks is analysed per framework, as lcity batch ranks it
    (JSON: a list, one analysis per framework).

    Reviewed units are analysed as verified, the panel's score changes kept in every draw: a file
    with its --review files (as lcity score --review scores it), a folder's units with the reviews
    found by name (x.review.yaml, x.review-*.yaml), unless --no-reviews.
    The sources' default ranges are in the framework's uncertainty: section (docs/frameworks.md).

    Examples: lcity sensitivity examples/districts;
    lcity sensitivity examples/districts --no-reviews;
    lcity sensitivity examples/qingshi-district.yaml --review examples/qingshi-district.review.yaml;
    lcity sensitivity examples/yunling-county.yaml --lang en;
    lcity sensitivity examples/districts --samples 10000 --stream 7 --format json > robustness.json;
    lcity sensitivity examples/districts --sources weights,scale --no-sobol
    """
    chosen = [s.strip() for s in sources.split(",") if s.strip()]
    groups, own, mixed = _units(target, review or [], accept_mismatch, not no_reviews, framework)
    table_lang = getattr(lang, "value", lang) or own  # --lang (or lcity --lang), else the units' own
    if mixed and table_lang == own:  # one zh form among en ones: say which language and why
        from indicators.messages import say

        from ..console import err

        err.print(('注意：' if table_lang == 'zh' else 'Note: ') + escape(say(mixed, table_lang)), soft_wrap=not err.is_terminal)
    from evaluator.sensitivity import analyse

    # a folder's units are ranked as lcity batch ranks them: a unit not ratable takes no rank ('—')
    done = [(fw, analyse(fw, results, labels, sources=chosen, samples=samples, seed=stream, files=files,
                         references=refs, sobol=sobol, rank_only_ratable=target.is_dir()), left_out)
            for fw, results, labels, files, refs, left_out in groups]
    if fmt == TableOrJson.json:
        if len(done) == 1:
            write_json_text(done[0][1].model_dump_json(indent=2))
        else:  # one analysis per framework, as the folder's units are ranked
            write_json_text("[\n" + ",\n".join(got.model_dump_json(indent=2) for _, got, _ in done) + "\n]")
        return
    for k, (fw, got, left_out) in enumerate(done):
        if len(done) > 1:
            _heading(fw, table_lang, k)
        print_table(got, table_lang, fw, left_out, folder=target.is_dir())


def _heading(fw, lang: str, k: int) -> None:
    """The framework of a group, when a folder holds several (each ranked on its own, as lcity batch)."""
    if k:
        out.print()
    note = "（分别分析和排名）" if lang == "zh" else " (analysed and ranked separately)"
    out.print(f"[bold]{escape(fw.ref)}[/bold] {escape(fw.name.get(lang))}{note}")


#: the sources as the Chinese table heads and lines name them
_SOURCE_ZH = {"weights": "权重", "scale": "量程", "unknowns": "不详", "survey": "调查", "aggregation": "汇总"}


def _say(text: str, indent: str = "") -> None:
    """A line of prose, wrapped to 78 columns (Chinese characters count as two) whatever the
    terminal, with closing punctuation never at the start of a line. Folded by ``lcity.tables._wrapped``,
    which keeps what a no-break space joins on one line: Rich broke '新桥区：优秀 90分；H' from
    '校地联盟与多元协同的60%底线', a dimension's id from its name (G13 P4)."""
    from rich.text import Text

    from ..tables import _wrapped

    for line in _wrapped(text.strip(), 78 - len(indent), least=20):
        out.print(Text(indent + line), soft_wrap=True)


def _pct(p: float | None) -> str:
    return "—" if p is None else f"{p * 100:.0f}%"


def _names(got, zh: bool) -> dict[int, str]:
    """Each unit's name as every line of the analysis prints it (by ``id`` of the unit): with its
    period where two rows share the name, as the ranking report tells one unit's two cycles apart
    ("青石区（2024–2025）"); the table showed 青石区 three times, and no reader could tell which
    cycle was which. Rows that still read alike, two towns named 新城区 for one period, carry their
    file's name, as lcity batch gives it (G11-11); copies of one file (one name, period and total)
    read as the file alone does, named in the note under the table (``_print_same_unit``)."""
    from collections import Counter

    from evaluator.benchmark import told_apart

    from ..console import visible

    def same(u) -> tuple:
        return u.name_zh, u.name, u.period, round(getattr(u, "scored", 0.0), 6)

    copies = Counter(same(u) for u in got.units)
    files = [visible(Path(u.file).name) if getattr(u, "file", None) and copies[same(u)] == 1 else None
             for u in got.units]
    names = told_apart([u.name_zh if zh else u.name for u in got.units], [u.period for u in got.units],
                       (lambda period: f"（{period}）") if zh else (lambda period: f" ({period})"), files)
    return {id(u): name for u, name in zip(got.units, names)}


def _total(x: float, fw) -> str:
    """A total as ``lcity score`` prints it: one decimal, more where one would cross a line of the framework."""
    from evaluator.rounding import shown_total, total_limits

    return shown_total(x, total_limits(fw)) if fw is not None else f"{x:.1f}"


def _vetoed(u, fw) -> bool:
    """The unit's grade by the rules is the framework's veto grade because a veto fired (87.1 points
    and 不合格): every place that names the grade then says so, as ``lcity score`` does."""
    veto_grade = getattr(getattr(fw, "recognition", None), "veto_grade", None)
    return bool(getattr(u, "vetoes", None)) and u.ratable and veto_grade is not None and u.grade == veto_grade


def _veto_names(u, fw, zh: bool) -> str:
    names = {v.id: v.name for v in fw.recognition.vetoes}
    return ("；" if zh else "; ").join((names[v].zh if zh else names[v].en) if v in names else v for v in u.vetoes)


def _print_same_unit(got, zh: bool) -> None:
    """Under the table: files that assess one unit for one period, as lcity batch names them. Two
    copies (or a link to a file) read as two identical rows sharing a rank, pushing every unit below
    them down a place, with nothing to tell the reader they are one file (G11 audit)."""
    from ..console import visible

    seen: dict[tuple, list] = {}
    for u in got.units:
        if not u.reference:
            # the total too: two towns named 新城区 in one folder are two units, a copy scores alike
            seen.setdefault((u.name_zh, u.name, u.period, round(u.scored, 6)), []).append(u)
    for same in (units for units in seen.values() if len(units) > 1):
        # each by the name it has in the folder (a link's file is the file it points at)
        listed = ("、" if zh else ", ").join(visible(u.unit) for u in same)
        _say(f"注意：以下文件评估的是同一单位、同一评估期，在表中出现了{len(same)}次：{listed}" if zh else
             f"Note: these files assess the same unit and period and are listed {len(same)} times: {listed}")


def _print_vetoed(got, zh: bool, fw) -> None:
    """Under the table: each unit whose grade a veto decided, and the veto."""
    names = _names(got, zh)
    for u in got.units:
        if fw is not None and _vetoed(u, fw):
            _say(f"‡{names[id(u)]}的等级由一票否决决定：{_veto_names(u, fw, True)}。" if zh else
                 f"‡ {names[id(u)]}: the grade was decided by a veto: {_veto_names(u, fw, False)}.")


def _grade_cell(u, zh: bool, fw=None) -> str:
    """The grade by the rules and the share of draws that give it ("合格 76%"): a likelihood is never
    put on a grade without the grade the rules give; † when fewer than half the draws give it."""
    if u.result.grades is None:
        return "不予定级" if zh else "not ratable"
    own = next((c for c in u.result.grades if c.id == u.grade), None)
    if own is None:  # an older analysis without the rules' grade: the draws' own top grade
        own = max(u.result.grades, key=lambda c: c.p)
    mark = " †" if u.grade_share is not None and u.grade_share < 0.5 else ""
    veto = "‡" if fw is not None and _vetoed(u, fw) else ""  # the veto is named under the table (80 columns hold)
    return f"{escape(own.name_zh if zh else own.name)}{veto} {_pct(u.grade_share if u.grade_share is not None else own.p)}{mark}"


def _rank_cell(u, alone: bool) -> str:
    r = u.rank or u.rank_open
    if r is None or alone:  # a rank "1/1" says nothing: no other unit, no reference unit
        return "—"
    return f"{r.best}/{r.of}" if r.best == r.worst else f"{r.best}–{r.worst}/{r.of}"


def print_table(got, lang: str, fw=None, left_out: int = 0, folder: bool = False) -> None:
    """The table of the units' robustness, its notes, the Sobol table and the sources; ``left_out``:
    review files of the folder not applied (``--no-reviews``), said so beneath the table; ``folder``:
    the units are a folder's (one alone is the only one of its framework there)."""
    from rich import box
    from rich.table import Table

    from indicators.messages import Both, Msg, say

    from ..tables import speaks_recognition

    zh = lang == "zh"
    recognises = fw is None or speaks_recognition(fw)  # else the framework's top outcome, named in a line below
    chance = "认定" if zh else "P(rec.)"
    if not recognises:
        chance = say(Msg("sensitivity.col-top-outcome"), lang)
    from ..tables import csv_mode

    if csv_mode():  # one value per cell, the marks in columns of their own (G18-B12); the notes on stderr
        out.print(_csv_table(got, lang, fw, chance))
    t = Table(title="稳健性分析" if zh else "Robustness", title_justify="left", pad_edge=False, padding=(0, 1),
              box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True)
    heads = (("单位", "left"), ("总分", "right"), ("中位数（5–95%）", "right"),
             ("等级（抽样占比）", "left"), (chance, "right"), ("名次", "left")) if zh else \
        (("unit", "left"), ("total", "right"), ("median (5–95%)", "right"),
         ("grade (draws)", "left"), (chance, "right"), ("rank", "left"))
    for k, (h, j) in enumerate(heads):
        t.add_column(h, justify=j, overflow="fold", no_wrap=k > 0, min_width=16 if k == 0 else None)
    alone = len(got.units) == 1
    names = _names(got, zh)
    for u in got.units:
        name = escape(names[id(u)]) + (" *" if u.reference else "") + (" ✓" if u.verified else "")
        t.add_row(name, _total(u.scored, fw), _interval_cell(u, zh, fw), _grade_cell(u, zh, fw),
                  _pct(u.result.recognition), _rank_cell(u, alone) + (" ⚑" if _flagged(u) else ""))
    from ..folding import fit_to_terminal

    fit_to_terminal(t, [0, 3])  # a 1,000-point framework's totals made it 83 cells at 80 columns (G5 audit)
    if not csv_mode():
        out.print(t)
    _say("表中等级为按规则评定的等级，百分比为抽样中得出该等级的比例；不详指标按评分口径计0分。" if zh else
         "grade: the grade by the rules, with the share of the draws that give it; unknown answers count as 0, "
         "as the score counts them.")
    _print_level(got, zh)
    _print_vetoed(got, zh, fw)
    _print_same_unit(got, zh)
    _print_close_grades(got, zh, fw)
    near = [u for u in got.units if _flagged(u)]
    if near:
        out.print("⚑ " + ("抽样落在以下分界线两侧：" if zh else "the draws fall on both sides of these lines:"))
        for u in near:
            cuts = ("；" if zh else "; ").join(_flag_items(u, zh))
            _say(f"{names[id(u)]}：{cuts}" if zh else f"{names[id(u)]}: {cuts}", indent="  ")
    if not recognises:
        top = fw.recognition.outcomes.recognised
        _say(say(Msg("sensitivity.top-outcome", head=chance, outcome=Both(top.zh, top.en)), lang))
    if any(u.reference for u in got.units):
        out.print("* " + ("参照单位" if zh else "reference unit"))
    if alone and folder:
        ref = fw.ref if fw is not None else ""
        _say(f"名次：文件夹中只有这1个单位采用 {ref}，无可比较的单位，无法排名。" if zh else
             f"rank: this is the folder's only unit under {ref}, so there is no other unit to rank it against.")
    elif alone:
        ref = fw.ref if fw is not None else ""
        _say(f"名次：没有可供比较的参照单位，无法排名（框架 {ref} 未提供参照单位；多个单位放在一个文件夹中可一起分析并排名）。" if zh else
             f"rank: the framework {ref} has no reference units to rank against, so there is no rank "
             "(a folder of units is analysed and ranked together).")
    _print_verification(got, zh, left_out, fw)
    _print_open_rank(got, zh)
    _print_bounds(got, zh)
    if any(not u.ratable for u in got.units):
        if recognises:
            _say("不予定级的单位（数据覆盖率不足）没有等级与认定概率，只有总分区间。" if zh else
                 "Units that are not ratable (coverage below the threshold) get no grade or recognition "
                 "probabilities, only the total's interval.")
        else:
            _say("不予定级的单位（数据覆盖率不足）没有等级与结论概率，只有总分区间。" if zh else
                 "Units that are not ratable (coverage below the threshold) get no grade or outcome "
                 "probabilities, only the total's interval.")
    _print_drawn(got, zh, fw)
    _print_geometric(got, zh, fw)
    out.print()
    _print_sobol(got, zh)
    # a framework with no surveyed indicator has no survey error to draw: not listed as if it had
    surveyed = fw is None or fw.has_surveys()
    from reports.context_robustness import _has_linear  # nor linear rules' scale where there are none (G31T)

    linear = fw is None or _has_linear(fw)
    on = [s for s in got.sources if s.on and (surveyed or s.id != "survey") and (linear or s.id != "scale")]
    out.print(f"不确定性来源（{got.samples} 次抽样，随机数序列 {got.stream}）：" if zh else
              f"Sources ({got.samples} draws, random-number stream {got.stream}):")
    for s in on:
        _say(f"{_SOURCE_ZH.get(s.id, s.id)}：{s.range_zh}" if zh else f"{s.id}: {s.range}", indent="  ")


#: the columns of ``--format csv`` (zh, en): one value per cell; the marks of the table's cells as
#: columns of their own, in words
_CSV_HEADS = (("单位", "unit"), ("总分", "total"), ("中位数", "median"), ("第5百分位", "p05"), ("第95百分位", "p95"),
              ("总分下界", "total lower bound"), ("总分上界", "total upper bound"), ("等级", "grade"),
              ("等级抽样占比（%）", "grade share of draws (%)"), (None, None), ("最好名次", "rank best"),
              ("最差名次", "rank worst"), ("参与排名单位数", "units ranked"),
              ("*参照单位", "* reference unit"), ("✓专家核定", "✓ verified by experts"),
              ("‡一票否决决定等级", "‡ grade decided by a veto"),
              ("†不足半数抽样得出该等级", "† fewer than half the draws give the grade"),
              ("⚑抽样落在分界线两侧", "⚑ draws on both sides of a line"),
              ("⚑分界线", "⚑ lines"), ("抽样次数", "draws"), ("随机数序列", "random-number stream"))


def _csv_table(got, lang: str, fw, chance: str):
    """The table as ``--format csv`` writes it: the figures the terminal packs into one cell ("58.7
    (56.3–61.1)", "不合格 82%", "11/18 ⚑") one per column, numbers as numbers (shares in percent), and
    each mark (* ✓ ‡ † ⚑) a column of its own with yes/no; the lines ⚑ names, and the number of draws
    and the random-number stream of the analysis on every row (G18-B12, B13)."""
    from rich.table import Table

    from evaluator.rounding import shown_total, total_limits

    zh = lang == "zh"
    yes, no = ("是", "否") if zh else ("yes", "no")
    if chance in ("认定", "P(rec.)"):  # the terminal's short head, in full words
        chance = "认定概率" if zh else "P(recognition)"
    t = Table()
    for h in _CSV_HEADS:
        t.add_column((h[0] if zh else h[1]) if h[0] else f"{chance}（%）" if zh else f"{chance} (%)")
    names = _names(got, zh)
    alone = len(got.units) == 1

    def pct(p) -> str:
        return "" if p is None else f"{p * 100:.1f}"

    for u in got.units:
        bounds = getattr(u, "total_bounds", None)
        iv = u.result.total
        drawn = ("", "", "") if bounds is not None else (f"{iv.median:.2f}", f"{iv.p05:.2f}", f"{iv.p95:.2f}")
        grade, share = "", ""
        if u.result.grades is None:
            grade = "不予定级" if zh else "not ratable"
        else:
            own = next((c for c in u.result.grades if c.id == u.grade), None) or max(u.result.grades, key=lambda c: c.p)
            grade = own.name_zh if zh else own.name
            share = pct(u.grade_share if u.grade_share is not None else own.p)
        r = None if alone else (u.rank or u.rank_open)
        flagged = _flagged(u)
        total = shown_total(u.scored, total_limits(fw), 2) if fw is not None else f"{u.scored:.2f}"
        t.add_row(escape(names[id(u)]), total, *drawn,
                  *((f"{bounds.lower:.2f}", f"{bounds.upper:.2f}") if bounds is not None else ("", "")),
                  escape(grade), share, pct(u.result.recognition),
                  *((str(r.best), str(r.worst), str(r.of)) if r is not None else ("", "", "")),
                  yes if u.reference else no, yes if u.verified else no,
                  yes if fw is not None and _vetoed(u, fw) else no,
                  yes if u.grade_share is not None and u.grade_share < 0.5 else no,
                  yes if flagged else no,
                  escape(("；" if zh else "; ").join(_flag_items(u, zh)).replace("\u00a0", " ")) if flagged else "",
                  str(got.samples), str(got.stream))
    return t


def _interval_cell(u, zh: bool, fw=None) -> str:
    """The median and 5–95 % interval of the draws; for a reference unit too thin to be rated, the bounds
    of its total instead (``total_bounds``, as lcity cities gives them): Beijing's '11.9 (9.9–14.2)' read
    as known within 4 points where its total lies anywhere from 12.0 to 95.0 (G18-B8)."""
    b = getattr(u, "total_bounds", None)
    if b is not None:
        return f"{'上下界' if zh else 'bounds'} {points_text(b.lower, fw)}–{points_text(b.upper, fw)}"
    iv = u.result.total  # with the decimals of the framework's scale: "0.7 (0.7–0.7)" of a 1-point one (G27-T1)
    return f"{points_text(iv.median, fw)} ({points_text(iv.p05, fw)}–{points_text(iv.p95, fw)})"


def _print_bounds(got, zh: bool) -> None:
    """Why the units too thin to be rated show bounds and no interval: the reasoning of the withheld
    rank. The analysed units among them are named (a unit at 35 % coverage showed '33.7 (29.5–38.1)'
    beside bounds of 33.8–98.8, G19-B2); the reference units are counted."""
    thin = [u for u in got.units if getattr(u, "total_bounds", None) is not None]
    if not thin:
        return
    need = f"{got.min_coverage * 100:.0f}"
    names = _names(got, zh)
    own = [escape(names[id(u)]) for u in thin if not u.reference]
    refs = sum(1 for u in thin if u.reference)
    if zh:
        parts = own + ([f"{refs}个参照单位"] if refs else [])
        who = parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "和" + parts[-1]
        data = "的公开数据" if not own else "的数据"
        _say(f"总分：{who}{data}不足以定级（覆盖率低于{need}%），表中给出其总分的上下界（不详指标计0分至计满分，"
             "与 lcity score、lcity cities 相同），不给出抽样区间：按随机取值抽样得出的区间会远窄于数据所能支持的范围。")
        return
    parts = own + ([f"{refs} reference unit{'s' if refs != 1 else ''}"] if refs else [])
    who = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    verb = "has" if len(thin) == 1 else "have"
    data = "public data" if not own else "data"
    totals = "its total" if len(thin) == 1 else "their totals"  # one unit: "its total" (G25-T4)
    _say(f"total: {who} {verb} too little {data} to be rated (coverage below {need}%); the table gives the "
         f"bounds of {totals} (unknown answers at 0 and at full points, as lcity score and lcity cities give "
         "them) and no drawn interval, which would be far narrower than the data allow.")


def _near(u) -> list:
    """The cut-offs inside the unit's interval whose crossing changes a conclusion in some draws: a
    recognition line that a dimension below its floor makes moot is not flagged (G18-B10)."""
    return [c for c in u.near if getattr(c, "changes", True)]


def _crossed(u) -> list:
    """The recognition conditions the draws put on both sides of their lines when the unit's decision
    itself is split (two outcomes in the draws): a dimension's floor, a survey line, the total's line.
    The held state, where the framework names it, is an outcome of its own: Baisha, held on 78.5 % of
    420 questionnaires against a 75 % line, is the middle title proper in 4 % of the draws (G29-T1)."""
    if not u.ratable or not u.result.outcomes:
        return []
    held = getattr(u.result, "held", None)
    deferred = next((c.p for c in u.result.outcomes if c.id == "deferred"), 0.0)
    split = sum(1 for c in u.result.outcomes if c.p > 0) >= 2 or (held is not None and 0 < held and deferred - held >= 0.005)
    if not split:
        return []
    return [c for c in getattr(u, "crossed", None) or [] if 0.005 <= c.fails <= 0.995
            and getattr(c, "decides", 0.0) >= 0.005]  # only a condition that alone changes the decision


def _flagged(u) -> bool:
    return bool(u.ratable and (_near(u) or _crossed(u)))


def _flag_items(u, zh: bool) -> list[str]:
    """What the ⚑ line names for a unit: the total's cut-offs inside its interval, then the conditions
    its decision turns on, each with the share of draws on the other side from the rules and, where
    fewer, the share it alone changes the decision in ("K4 …的80%要求（27%的抽样低于，13%的抽样因此改变
    结论）"), so a decision split by a floor is never blamed on the total."""
    near = _near(u)
    items = [f"{c.name_zh} {c.at:g}分" if zh else f"{c.name} {c.at:g}" for c in near]
    lines = {c.at for c in near}
    for c in _crossed(u):
        if c.kind in ("total", "deferral") and c.at in lines:
            continue  # named already as a cut-off inside the interval
        other = _pct(1 - c.fails if c.failed else c.fails)  # the draws on the other side of the line
        decides = _pct(getattr(c, "decides", 0.0))  # those it alone turns away from the rules' decision
        turns = (("，结论随之改变" if zh else ", changing the decision") if decides == other else
                 (f"，{decides}的抽样因此改变结论" if zh else f"; {decides} change the decision because of it"))
        side = ("达到" if c.failed else "低于") + turns if zh else ("reach it" if c.failed else "fall below it") + turns
        # an id and its name joined by a no-break space: a folded line keeps them together (G13 P4)
        if c.kind == "floor":
            items.append(f"{c.id}\u00a0{c.name_zh}的{c.at:g}%底线（{other}的抽样{side}）" if zh else
                         f"{c.id}\u00a0{c.name}: the {c.at:g}% floor ({other} of the draws {side})")
        elif c.kind == "survey":
            items.append(f"{c.id}\u00a0{c.name_zh}的{c.at:g}%要求（{other}的抽样{side}）" if zh else
                         f"{c.id}\u00a0{c.name}: the {c.at:g}% line ({other} of the draws {side})")
        else:
            items.append(f"{c.name_zh} {c.at:g}分（{other}的抽样{side}）" if zh else
                         f"{c.name} {c.at:g} ({other} of the draws {side})")
    return items


def _print_close_grades(got, zh: bool, fw) -> None:
    """† units: fewer than half the draws give the grade by the rules. Said why in one sentence:
    the total lies near a cut-off, and the grade by the rules stands."""
    close = [u for u in got.units if u.grade_share is not None and u.grade_share < 0.5 and not u.reference]
    if not close:
        return
    mins = {g.id: g.min for g in fw.grades} if fw is not None else {}
    names = _names(got, zh)
    for u in close:
        lines = [m for m in mins.values() if m > 0]
        cut = min(lines, key=lambda m: abs(u.scored - m)) if lines else None
        name = names[id(u)]
        grade = next((c.name_zh if zh else c.name for c in u.result.grades if c.id == u.grade), u.grade)
        if cut is None:
            continue
        gap = abs(u.scored - cut)
        step = 10.0 ** -total_places(fw)  # 0.01 of a 1-point framework (G27-T1)
        gap_s = f"{gap:.{total_places(fw)}f}" if gap >= step / 2 else ("不足" if zh else "less than ") + points_text(step, fw)
        _say(f"†{name}：按规则等级为“{grade}”；总分{_total(u.scored, fw)}分与{cut:g}分的等级线相差{gap_s}分，"
             f"权重和评分量程的变动使{_pct(1 - u.grade_share)}的抽样落在线的另一侧，但等级以规则为准。" if zh else
             f"† {name}: the grade by the rules is {grade}; its total {_total(u.scored, fw)} lies {gap_s} "
             f"points from the {cut:g}-point cut-off, so other weights and scale end-points put "
             f"{_pct(1 - u.grade_share)} of the draws on the other side; the grade by the rules stands.")


def _print_open_rank(got, zh: bool) -> None:
    """Ranks withheld among thin reference units: the rank shown is the one that holds for any value of
    their unknown answers (lcity benchmark's), and why a drawn rank is not given."""
    if not got.thin_references or not any(u.rank_open for u in got.units):
        return
    need = f"{got.min_coverage * 100:.0f}"
    _say(f"名次：{got.thin_references}个参照单位的公开数据不足以定级（覆盖率低于{need}%），其不详指标可取任意值；"
         "表中名次为对这些取值都成立的名次区间（与 lcity benchmark 相同）。按随机取值抽样得出的名次会超出数据所能支持的结论，故不给出。" if zh else
         f"rank: {got.thin_references} reference units have too little public data to be rated (coverage below "
         f"{need}%), and their unknown answers could take any value; the rank shown holds for every such value "
         "(as lcity benchmark gives it). A rank drawn over guessed values would claim more than the data show, "
         "so none is given.")


def _print_drawn(got, zh: bool, fw=None) -> None:
    """The second interval of the units with unknown answers: if they took plausible values. Every
    unit's, the reference units' too (marked *, as in the table): a unit answering exactly what
    Shanghai publishes had a range and Shanghai none, the same data read two ways."""
    rows = [u for u in got.units if u.drawn is not None and u.drawn.total != u.result.total]
    if not rows:
        return
    # each unit's unknown answers draw a random stream keyed by its data (evaluator.uncertainty.draws):
    # two units with the same data get the same range, so no caveat is needed
    _say("若不详指标取合理数值（随机取值），总分中位数（5–95%）为：" if zh else
         "If the unknown answers took plausible values (drawn), the median (5–95%) would be:")
    names = _names(got, zh)
    for u in rows:
        iv = u.drawn.total
        mark = " *" if u.reference else ""
        med, lo, hi = (points_text(x, fw) for x in (iv.median, iv.p05, iv.p95))
        out.print(escape(f"  {names[id(u)]}{mark}：{med}（{lo}–{hi}）" if zh else f"  {names[id(u)]}{mark}: {med} ({lo}–{hi})"))


def _print_geometric(got, zh: bool, fw=None) -> None:
    """The total under a weighted geometric mean, said apart: an aggregation rule the framework does
    not use, which lowers the total of an unbalanced unit."""
    rows = [u for u in got.units if u.geometric is not None and not u.reference]
    if not rows or any(s.on and s.id == "aggregation" for s in got.sources):
        return
    _say("若改用各维度得分率的加权几何平均数汇总（非本指标体系的规则，各维度越不均衡，总分越低），总分为：" if zh else
         "Under a weighted geometric mean of the dimension shares (not this framework's rule; the more "
         "unbalanced the dimensions, the lower the total), the total would be:")
    names = _names(got, zh)
    for u in rows:
        g = u.geometric
        grade = (g.name_zh if zh else g.name) if g.grade else ("不予定级" if zh else "not ratable")
        if fw is not None and _vetoed(u, fw) and g.grade == u.grade:  # the veto holds under any aggregation
            grade += "，一票否决" if zh else ", veto"
        total = total_text(g.total, fw)  # 84.96 is not "85.0" by a line
        out.print(escape(f"  {names[id(u)]}：{total}（{grade}）" if zh else f"  {names[id(u)]}: {total} ({grade})"))


def _print_verification(got, zh: bool, left_out: int, fw=None) -> None:
    """Which figures the table analyses: the verified units (✓) with their reviews and self-assessed
    totals, as ``lcity score --review`` says it; or that a folder's reviews were left out."""
    verified = [u for u in got.units if u.verified]
    if verified:
        out.print("✓ " + ("专家核定（表中为核定分数及其区间）：" if zh else
                          "verified by the expert panel (the figures are the verified ones):"))
    names = _names(got, zh)
    for u in verified:
        own = "" if u.self_assessed is None else (
            f"，自评总分 {points_text(u.self_assessed, fw)}" if zh else f", self-assessed total {points_text(u.self_assessed, fw)}")
        out.print(escape(f"  {names[id(u)]}：{u.reviewers} 份评审{own}" if zh else agree(f"  {names[id(u)]}: {u.reviewers} reviews{own}")))
    if left_out:
        _say(f"按自评数据分析：未采用文件夹中的 {left_out} 份评审文件（--no-reviews）。" if zh else
             agree(f"Self-assessed figures: the folder's {left_out} review files left out (--no-reviews)."))


def _print_level(got, zh: bool) -> None:
    """lcity benchmark's level note for a unit ranked among reference units of another level: 北岭区
    ranked 1–13/13 among the 12 cities with no word that it is a district (G18-B16)."""
    for u in got.units:
        note = getattr(u, "level_note_zh" if zh else "level_note", "")
        if note and (u.rank is not None or u.rank_open is not None):
            _say(note)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _sobol_note(got, zh: bool) -> None:
    """Under the Sobol table: what the indices are estimated with (the sources varied together, which
    differ for a unit alone and in a folder), how precise they are, and any estimate outside 0–1 that
    the table shows as 0 or 1 (1.01 read as more than all of the variance, G18-D9)."""
    sources = [_SOURCE_ZH.get(s, s) if zh else s for s in getattr(got, "sobol_sources", None) or []]
    if sources:
        _say(f"总效应指数为总分方差中与各来源有关的份额（含交互作用），是在同时变动{'、'.join(sources)}的情况下估计的。"
             "同时分析的来源不同（如单独分析一个单位，或在文件夹中与有调查比率的单位一起分析），估计值会略有不同。" if zh else
             f"Each index is the share of the total's variance a source takes part in (interactions included), "
             f"estimated with {_and(sources)} varied together; analysed with other sources (a unit alone, or "
             "in a folder with units that have survey rates), the estimates differ slightly.")
    confs = [s.total_conf for u in got.units for s in u.sobol if s.total_conf is not None]
    names = _names(got, zh)
    out_of = [(u, s) for u in got.units for s in u.sobol
              if s.total_raw is not None and not s.factor.startswith("weight:") and not 0.0 <= s.total_raw <= 1.0]
    parts = []
    if confs:
        parts.append(f"各估计值的95%置信区间半宽至多±{max(confs):.2f}" if zh else
                     f"each estimate's 95% confidence interval is at most ±{max(confs):.2f}")
    for u, s in out_of:
        f = _SOURCE_ZH.get(s.factor, s.factor) if zh else s.factor
        ci = "" if s.total_conf is None else f"{s.total_raw - s.total_conf:.2f}–{s.total_raw + s.total_conf:.2f}"
        parts.append(f"{names[id(u)]}的{f}估计值为{s.total_raw:.2f}（95%置信区间{ci}），份额不超过全部方差，表中记为{s.total:.2f}"
                     if zh else f"{names[id(u)]}'s {f} estimate is {s.total_raw:.2f} (95% confidence interval {ci}); "
                     f"a share is at most all of the variance, so the table shows {s.total:.2f}")
    if parts:
        _say("指数按0–1显示；" + "；".join(parts) + "。" if zh else
             "Indices are shown within 0–1; " + "; ".join(parts) + ".")


def _print_sobol(got, zh: bool) -> None:
    from rich import box
    from rich.table import Table

    factors = [s.factor for s in got.units[0].sobol if not s.factor.startswith("weight:")] if got.units else []
    if not factors:
        return
    t = Table(title=("总效应 Sobol 指数（总分）" if zh else "Total-order Sobol indices of the total"),
              title_justify="left", pad_edge=False, padding=(0, 1), box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True)
    t.add_column("单位" if zh else "unit", overflow="fold", min_width=16)
    short = _SOURCE_ZH if zh else {"aggregation": "aggr."}
    for f in factors:
        t.add_column(short.get(f, f), justify="right")
    from ..tables import csv_mode

    apart = csv_mode()  # CSV: the dimension and its index in two cells, an empty cell for none (G18-B12)
    t.add_column("主导维度权重" if zh else "top weight", justify="left")
    if apart:
        t.add_column("主导维度权重的总效应指数" if zh else "top weight's index", justify="right")
    none = "" if apart else "—"
    names = _names(got, zh)
    for u in got.units:
        by = {s.factor: s for s in u.sobol}
        w = [s for s in u.sobol if s.factor.startswith("weight:") and s.total is not None]
        top = max(w, key=lambda s: s.total, default=None)
        last = ([none, none] if top is None else [top.factor[7:], f"{top.total:.2f}"]) if apart else \
            ["—" if top is None else f"{top.factor[7:]} {top.total:.2f}"]
        t.add_row(escape(names[id(u)]),
                  *[(none if by[f].total is None else f"{by[f].total:.2f}") for f in factors], *last)
    out.print(t)
    _sobol_note(got, zh)
