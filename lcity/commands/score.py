"""``lcity score``: dimensions, total, grade, recognition and confidence of one assessment."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from evaluator.rounding import fixed, points_text, total_places
from indicators.messages import Msg, agree
from indicators.profile_names import _unbracketed, basis_names  # noqa: F401  (_unbracketed: tests import it from here)

from ..console import escape, guarded, note_warnings, out, share as _share, write_json_text
from ..folding import line as folded
from ..language import unit_lang
from ..options import Lang, TableOrJson

def load_scored(file: Path, framework: Optional[str] = None, reviews: Optional[list[Path]] = None,
                force: bool = False):
    """Reads, checks and scores a file (verified by reviews if given); invalid input raises
    InputError (exit 1 or 2). Points at `lcity validate` when there are warnings."""
    from evaluator.pipeline import read_scored
    from evaluator.reading import label_for

    result, loaded = read_scored(file, reviews=reviews or [], framework=framework, force=force, label=label_for(file))
    note_warnings(file, loaded)
    from ..console import note_reviews

    note_reviews(result)
    return result, loaded


def _outcome_heading(fw, zh: bool) -> str:
    from ..tables import outcome_heading

    return outcome_heading(fw, zh)


def _colon(zh: bool) -> str:
    """A label's colon: full-width in Chinese, which then needs no space after it."""
    return "：" if zh else ": "


def _coverage_line(result, fw, zh: bool) -> str:
    """Confidence, coverage and how the indicators were answered, in one line. An indicator the
    framework does not ask of the unit's level is none of these, as in ``lcity status`` (G14 #11):
    the Result counts it in ``not_asked``, said apart so the counts add up to the table's rows (G18-D2, G20-D9)."""
    na, off = result.not_applicable, result.not_asked
    unit = fw.unit_name(result.city.level)
    if zh:
        more = f"，{unit.zh if unit else result.city.level}级单位不填报 {off} 项" if off else ""
        return (f"可信度：{result.confidence:.2f}    数据覆盖率：{result.coverage * 100:.0f}%"
                f"（已答 {result.answered} 项，不详 {result.unknown} 项，未填 {result.missing} 项，"
                f"不适用 {na} 项{more}）")
    more = f", {off} not asked of a {unit.en if unit else result.city.level}" if off else ""
    return agree(f"Confidence: {result.confidence:.2f}    Coverage: {result.coverage * 100:.0f}%    "
                 f"({result.answered} answered, {result.unknown} unknown, {result.missing} missing, "
                 f"{na} not applicable{more})")


def _confidence_note(pending: list[str], zh: bool) -> str:
    """Under "可信度：1.00": what it does not say. Jingang read 1.00 beside five figures beyond the
    plausible range (E1 at 160 % of its residents), as if they were credible; confidence counts the
    points backed by evidence, as 附件3 defines it, not whether the figures are (G28A-5, G27A-2)."""
    ids = ("、" if zh else ", ").join(pending)
    return (f"  可信度只反映有无佐证材料，不反映数值是否可信：{ids}的填报超出常见范围，须经专家组核实" if zh else
            f"  Confidence counts the evidence listed, not whether the figures are credible: {ids} "
            f"{'is' if len(pending) == 1 else 'are'} beyond the plausible range, for the panel to verify")


def _method_confidence_note(ids: list[str], zh: bool) -> str:
    """Under "可信度：1.00", as ``_confidence_note``: the figures recognition waits on because their own
    notes say they are counted otherwise than the method (``Decision.against_method``); Bailu read 1.00
    beside six of them (G29A-2)."""
    joined = ("、" if zh else ", ").join(ids)
    return (f"  可信度只反映有无佐证材料，不反映数值是否按计算方法统计：{joined}的填报说明表明未按计算方法的口径统计，须经专家组核实"
            if zh else f"  Confidence counts the evidence listed, not whether the figures are counted as the method says: "
            f"{joined} {'is' if len(ids) == 1 else 'are'}, by the unit's own notes, counted otherwise, for the panel to verify")


def _print_coverage(line: str) -> None:
    """The coverage line, whole into a pipe; at a terminal too narrow for it, the counts in brackets
    go on a line of their own: folding at a space would part a count from its measure word
    ("不适用 1" / "项", "1 not" / "applicable")."""
    from rich.cells import cell_len

    at = min((k for k in (line.find("（"), line.find("(")) if k > 0), default=-1)
    if at > 0 and out.is_terminal and cell_len(line) > out.width:
        _print_labelled(line[:at].rstrip())
        _print_under(f"  {line[at:]}", 3)
        return
    out.print(line, soft_wrap=False)  # folded at a terminal's edge, whole into a pipe


#: the least a labelled line keeps for its text on a narrow terminal: below it the hang is 2 cells
_LEAST_TEXT = 12
_LABEL = re.compile(r"^\s*[^:：]{1,24}(?:: |：)")


def _print_labelled(markup: str) -> None:
    """A line of "Label: text" pairs (markup), 4 spaces apart ("Confidence: 1.00    Coverage: 100%"):
    whole into a pipe or where it fits; on a terminal too narrow for it (20-40 columns, G30H-5),
    each pair on a line of its own, folded between words with its further lines under the label's
    text, not at column 0 where the terminal broke it ("Confidence: 1.00    Coverage: " / "100%")."""
    from rich.cells import cell_len
    from rich.text import Text

    plain = Text.from_markup(markup).plain
    if not out.is_terminal or cell_len(plain) <= out.width:
        out.print(markup, soft_wrap=False)
        return
    for part in plain.split("    "):
        label = _LABEL.match(part)
        _print_under(part, cell_len(label.group(0)) if label else 2)


def _print_under(text: str, hang: int) -> None:
    """Plain ``text`` folded to the terminal between words, its further lines indented by ``hang``
    (2 where the hang would leave the text fewer than 12 cells)."""
    from rich.cells import cell_len

    from ..tables import _wrapped

    if cell_len(text) <= out.width:
        out.print(escape(text), soft_wrap=False)
        return
    lead = len(text) - len(text.lstrip(" "))
    hang = hang if out.width - hang >= _LEAST_TEXT else 2
    whole = text.strip()
    first = _wrapped(whole, out.width - lead, least=1)[0]
    out.print(escape(" " * lead + first), soft_wrap=False)
    rest = whole[len(first):].strip()
    for line in _wrapped(rest, out.width - hang, least=1) if rest else ():
        out.print(escape(" " * hang + line), soft_wrap=False)


def _print_headed(head: str, detail: str) -> None:
    """A heading (markup) and its bracketed detail (plain text) on one line; at a terminal too narrow
    for both, the detail on lines of its own under it, folded between words: Rich folded the line
    anywhere, leaving "：均衡发展型" at the start of a line, where no Chinese line may begin."""
    from rich.cells import cell_len
    from rich.text import Text

    if detail and out.is_terminal and cell_len(Text.from_markup(head).plain + detail) > out.width:
        _print_labelled(head)
        folded(f"  {detail.strip()}")
        return
    if out.is_terminal and cell_len(Text.from_markup(head).plain) > out.width:
        _print_labelled(head)
        return
    out.print(head + escape(detail), soft_wrap=False)  # whole into a pipe


def _review_lines(result, zh: bool) -> list[str]:
    """The panel's verification: how many reviews, the self-assessed total, the indicators flagged,
    those whose score moved with the corrections without being listed, and each indicator the
    reviewers disagree on with every reviewer's score."""
    rv, own = result.review, result.self_assessed
    sep = "、" if zh else ", "
    flagged = sep.join(rv.flagged) or "—"
    if zh:
        lines = [f"专家核定：{rv.reviewers} 份评审；自评总分 {own.total:.1f}；差异较大的指标：{flagged}"]
    else:
        lines = [agree(f"Verified by {rv.reviewers} reviews; self-assessed total {own.total:.1f}; flagged: {flagged}")]
    moved = sep.join(rv.moved)
    if moved:  # moved by the corrections, not touched by the review: HD2's points no longer on HD1 (G22-T9)
        lines.append(f"  {moved} 评审未列出，得分随核定更正而改变" if zh else
                     f"  {moved}: not listed by the review; {'its score' if len(rv.moved) == 1 else 'their scores'} "
                     "changed with the panel's corrections")
    for d in rv.disagreements:
        # a reviewer without a name by their file's place, in the line's language (评审专家2, not "reviewer 2")
        scores = sep.join(f"{escape(f'评审专家{s.place}' if zh and s.place else s.reviewer)} {fixed(s.score)}"
                          for s in d.scores)
        if zh:
            tail = "（取其中一位的核定值会改变等级或结论）" if d.decisive else "（不改变等级和结论）"
            lines.append(f"  专家分歧 {d.indicator}：{scores}{tail}")
        else:
            tail = (" (one reviewer's answer alone would change the grade or outcome)" if d.decisive
                    else " (changes neither the grade nor the outcome)")
            lines.append(f"  reviewers disagree on {d.indicator}: {scores}{tail}")
    if not rv.settled:  # the conclusion waits for the panel, as the report says beside it
        lines.append("  各评审专家的核定导致不同的等级或结论，结论须经专家组讨论统一核定值后确定" if zh else
                     "  the reviewers' own answers give different grades or outcomes: the conclusion waits for "
                     "the panel to agree the verified values")
    return lines


def _total_text(result, fw) -> str:
    """The total as the reasons below it write it: 84.96, not 85.0, just under a line of 85."""
    from evaluator.rounding import total_text

    return total_text(result.total, fw)


def _value_text(value, zh: bool, labels: Optional[dict[str, str]] = None) -> str:
    """An answer as the official reads it: ``true`` is 是 / yes, not Python's ``True``; a choice or
    checklist item by its label in the framework (``labels``: id -> label), not its id."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    named = labels or {}
    if isinstance(value, list) and not value:  # a truthful empty checklist, not a blank (G9 #7)
        return "无" if zh else "none"
    if isinstance(value, list):
        return ("、" if zh else ", ").join(named.get(str(v), str(v)) for v in value)
    if isinstance(value, str) and value in named:
        return named[value]
    if isinstance(value, (int, float)):
        from evaluator.rules import num

        return num(value)  # 5,576,000, as the reason beside it writes it
    return str(value)


def _reasons(result, fw, lang: str) -> list[str]:
    """The rules' reasons, a floor missed only for want of data said as the report's 八 says it
    (the engine's "D维度得分率0%（失10分），低于60%的底线" sat under a table marking D "?", G27R-6)."""
    from reports.context_pathway import open_floor_words

    zh = lang == "zh"
    words = {(f"{d}维度得分率" if zh else f"dimension {d} at "): w for d, w in open_floor_words(result, fw, lang).items()}
    words.update(_margin_words(result, fw, lang))
    return [r + next((w for s, w in words.items() if r.startswith(s)), "")
            for r in (result.recognition.reasons_zh if zh else result.recognition.reasons)]


def _margin_words(result, fw, lang: str) -> dict[str, str]:
    """A survey rate below its line by less than its 95 % margin: the engine's "K4为78%，低于80%的要求" ->
    the clause the report's summary adds ("，但门槛在±2.9个百分点的抽样误差范围内"), keyed by the reason's start.
    score said the shortfall without it while validate warned and the report gave the margin (G31A-4).
    The margin is the engine's (the finite population's where the framework gives it, G31T2)."""
    from indicators.messages import say

    zh = lang == "zh"
    inds = {i.id: i for i in result.indicators}
    out = {}
    for s in fw.recognition.survey:
        r = inds.get(s.indicator)
        if r is None or r.state != "answered" or r.figure is None or not r.margin:
            continue
        if r.figure + 1e-9 < s.min and s.min - r.figure < r.margin:  # as the report's margin_thresholds
            out[f"{s.indicator}为" if zh else f"{s.indicator} at "] = say(Msg("score.survey-margin", margin=f"{r.margin:.1f}"), lang)
    return out


def _floor_text(met: Optional[bool], open_data: bool = False) -> str:
    """The floor column: ✓ / ✗ in the drawn table; in ``--format csv`` words a script can test
    (met, not met, unknown, empty where the dimension has no floor), the same in both languages.
    ``open_data``: below the floor as scored, but its unknown answers could carry it over, which the
    report calls 数据不详, not a floor missed (G26-T9: Liulin's ✗ beside the report's 数据不详)."""
    from ..tables import csv_mode

    if csv_mode():
        return "" if met is None else ("met" if met else "unknown" if open_data else "not met")
    return "—" if met is None else ("✓" if met else "?" if open_data else "[red]✗[/red]")


def _print_open_floors(ids: list[str], zh: bool) -> None:
    """What the "?" of the floor column means, in the report's words."""
    if ids:
        folded(f"? {'、'.join(ids)}：低于底线，但有数据不详的指标，补齐后可能达到底线，尚不能判断其强弱" if zh else
               f"? {', '.join(ids)}: below the floor as scored, but with indicators whose data are unknown; once "
               f"given they could reach it, so it cannot be judged yet", hang=2)


#: the profile figure a derived answer was divided by, as the engine writes it after the figure:
#: "÷ 200,000（population）" in Chinese, "÷ 200,000 (population)" in English
_BASIS = re.compile(r"(÷ [\d,.]+)\s?[（(]([A-Za-z][A-Za-z0-9_\-]*)[)）]")


def explained(reason: str, names: dict[str, str], lang: str) -> str:
    """An indicator's reason as ``--explain`` shows it: the profile figure a derived answer was
    divided by named in the reader's language ("÷ 200,000（常住人口）"), not by its field id
    ("（population）"), which a Chinese reader cannot read and an English one need not. The engine's
    reason keeps the id (the JSON and the report read it); a figure the framework does not know
    is left as written."""

    def named(m: re.Match) -> str:
        name = names.get(m.group(2))
        if name is None:
            return m.group(0)
        return f"{m.group(1)}（{name}）" if lang == "zh" else f"{m.group(1)} ({name})"

    return _BASIS.sub(named, reason)


def _print_floor_notes(result, fw, zh: bool) -> None:
    """The starred floors: a share the table shows on all the dimension's points, checked on the points
    the unit's own work can earn (a city's L: GNLC membership and UNESCO's award are not its to reach)."""
    from evaluator.engine import floor_left_out
    from evaluator.rules import num

    if fw.recognition.dimension_floor <= 0:  # no floor is checked, on any basis (G22-T6)
        return
    for d in result.dimensions:
        if not d.floor_excludes or d.floor_met is None:
            continue
        out_zh, out_en = floor_left_out(fw, result.city.level, d)
        share = f"{d.floor_share * 100:.0f}%"
        folded(f"* {d.id}：底线按本单位自身工作可得的{num(round(d.floor_basis, 2))}分计（{out_zh}），得分率为{share}" if zh else
               f"* {d.id}: the floor is checked on the {num(round(d.floor_basis, 2))} points the unit's own work can earn "
               f"({out_en}): {share}", hang=2)


def _pathway_reason(p, fw, lang: str) -> str:
    """The pathway rule's reason, with the report's caveat where a mixed unit's two types "stand out
    equally" at a low own average (``evaluator.pathways.equally_relative``, the report's predicate):
    Lanchuan's "同样突出" at an own average of 24 % is relative to it, as its report says (G21-B10)."""
    from evaluator.pathways import equally_relative

    zh = lang == "zh"
    reason = p.reason_zh if zh else p.reason
    if not equally_relative(fw, p):
        return reason
    from reports.catalog import load_catalog  # the report's own sentence, word for word

    caveat = load_catalog(lang)("pw_sure_relative", own=f"{p.own_mean * 100:.0f}").strip()
    return f"{reason.rstrip('。.')}。{caveat}" if zh else f"{reason.rstrip('。.')}. {caveat}"


def print_result(result, fw, lang: str, explain: bool, loaded=None) -> None:
    """The score table and its lines; ``fw`` is the framework the Result was scored with (a
    framework given by its file is not installed, so it cannot be loaded again by its ref)."""
    from rich.table import Table

    zh = lang == "zh"
    name = result.city.name_zh if zh else result.city.name
    table = Table(title=f"{escape(name)} — {escape(result.framework_name_zh if zh else result.framework_name)}")
    heads = ("维度", "名称", "得分", "满分", "得分率", "底线") if zh else ("dim", "name", "score", "points", "share", "floor")
    from ..tables import csv_mode

    # a framework without a dimension floor (dimension_floor: 0) has no floor column on the terminal, as
    # its reports speak of none (a column of ✓ under 底线 read as a floor met); CSV keeps the column, empty
    floorless = fw.recognition.dimension_floor <= 0
    no_floor = floorless and not csv_mode()
    if no_floor:
        heads = heads[:-1]
    for h in heads:
        table.add_column(h, justify="right" if h in ("得分", "满分", "得分率", "score", "points", "share") else "left")
    from evaluator.rounding import column_places, share_lines, shown_points

    # one precision for the column, as the report prints it (89.9%, 59.6% beside their lines)
    column = column_places([(d.share, share_lines(fw.recognition.dimension_floor, d.floor_met))
                            for d in result.dimensions if d.share is not None])
    from reports.context_pathway import weak_dimension_ids

    weak = weak_dimension_ids(result, fw)  # below the floor on what the unit reported, not for want of data
    open_floors = [d.id for d in result.dimensions if d.floor_met is False and d.id not in weak]
    for d in result.dimensions:
        floor = "" if floorless else _floor_text(d.floor_met, d.id in open_floors) + \
            ("*" if d.floor_excludes and d.floor_met is not None else "")
        lines = share_lines(fw.recognition.dimension_floor, d.floor_met)
        points, share = ((fixed(d.score), _share(None)) if d.share is None else
                         (shown_points(d.score, d.max, lines), f"{d.share * 100:.{column}f}%"))
        table.add_row(d.id, escape(d.name_zh if zh else d.name), points, f"{d.max:g}", share, *(() if no_floor else (floor,)))
    table.add_section()
    table.add_row("", "总分" if zh else "total", f"[bold]{_total_text(result, fw)}[/bold]", f"{result.max_total:g}", "",
                  *(() if no_floor else ("",)))
    out.print(table)
    _print_floor_notes(result, fw, zh)
    if not floorless:
        _print_open_floors(open_floors, zh)
    dropped = [d.id for d in result.dimensions if d.max <= 0]
    if dropped and result.ratable:
        # the column adds up to less than the total: the dimensions that apply were scaled to the whole
        kept = [d for d in result.dimensions if d.max > 0]
        got, of = sum(d.score for d in kept), sum(d.max for d in kept)
        ids = "、".join(dropped) if zh else ", ".join(dropped)
        got_s = f"{got:,.{total_places(fw)}f}"  # 0.46 of a 1-point framework, not "0.5" (G27-T1)
        folded(f"{ids} 的指标均不适用，该维度不计：其余维度得分 {got_s}（满分 {of:g}）按 {result.max_total:g} 分制折算为 "
               f"{_total_text(result, fw)}" if zh else
               f"No indicator of {ids} applies: the dimension is left out, and the other dimensions' {got_s} of "
               f"{of:g} points are scaled to the {result.max_total:g}-point total, {_total_text(result, fw)}", hang=0)
    b = result.total_bounds
    if b.upper - b.lower >= 0.5 * 10.0 ** -total_places(fw):  # every total with its bounds: unknowns at 0 / at full points
        lo, hi = points_text(b.lower, fw), points_text(b.upper, fw)  # 0.18–0.38 of a 1-point framework (G27-T1)
        out.print(f"总分上下界：{lo}–{hi}（下界：未知项按0分计；上界：未知项计满分）" if zh else
                  f"Total bounds: {lo}–{hi} (lower: unknown answers score 0; upper: they score full points)")
    grade = result.grade.name_zh if zh else result.grade.name
    if fw.graded_by_veto(result):
        grade += "（一票否决）" if zh else " (veto)"  # why 94 points grade as a fail
    decision = result.recognition.name_zh if zh else result.recognition.name
    colour = {"recognised": "green", "deferred": "yellow", "refused": "red",
              "not_ratable": "yellow"}[result.recognition.outcome]
    colon = _colon(zh)
    _print_labelled(f"{'等级' if zh else 'Grade'}{colon}[bold]{escape(grade)}[/bold]    "
                    f"{_outcome_heading(fw, zh)}{colon}[bold {colour}]{escape(decision)}[/bold {colour}]")
    for r in _reasons(result, fw, lang):
        folded(f"  • {r}", hang=4)  # on a terminal folded under its own text, not under the bullet
    _print_panel_outcome(result, fw, lang)
    _print_fraction_slips(result, fw, lang, loaded)
    _print_coverage(_coverage_line(result, fw, zh))
    if result.recognition.pending:
        folded(_confidence_note(result.recognition.pending, zh), hang=2)
    if result.recognition.against_method:
        folded(_method_confidence_note(result.recognition.against_method, zh), hang=2)
    if result.review is not None:
        for line in _review_lines(result, zh):
            out.print(line, soft_wrap=False)  # folded at a terminal's edge, whole into a pipe
    if result.pathway:
        p = result.pathway
        names = {sc.id: sc.name_zh if zh else sc.name for sc in p.scores}
        from evaluator.rounding import pathway_margin  # as the reason below prints it: 4.6, not 5, under a line of 5

        margin = "—" if p.margin is None or p.type == "undetermined" else pathway_margin(p.margin, fw)
        sep = "、" if zh else ", "
        declared = sep.join(names.get(t, t) for t in p.declared_types) or sep.join(p.declared) or "—"
        lead, second = names.get(p.leading or "", "—"), names.get(p.runner_up or "", "—")
        observed = escape(p.name_zh if zh else p.name)
        # an undetermined unit has no leader (the reason below says why); with one type, "leading"
        # names the only type there is, beside the type or "No clear emphasis" it already reads
        ranked = p.leading is not None and len(p.scores) > 1
        # a framework of one pathway type has no runner-up and no margin: say only the leader, as
        # benchmark does ('次之：—，差距—个百分点' read as a form left blank)
        second_too = p.runner_up is not None
        # no "declared —" where the framework's types declare no strategy to state (G20-D3)
        stated = (f"自述：{escape(declared)}；" if zh else f"declared {escape(declared)}; ") if fw.strategies() else ""
        if zh:
            head = f"发展路径：{stated}实际做法显示：[bold]{observed}[/bold]"
            detail = (f"（领先：{lead}，次之：{second}，差距{margin}个百分点）" if second_too else f"（领先：{lead}）")
        else:
            head = f"Pathway: {stated}observed [bold]{observed}[/bold]"
            detail = (agree(f" (leading {lead}, runner-up {second}, margin {margin} percentage points)") if second_too
                      else f" (leading {lead})")
        _print_headed(head, detail if ranked else "")
        folded(f"  {_pathway_reason(p, fw, lang)}")
    if explain:
        t = Table(title="指标明细" if zh else "Indicators", show_lines=False)
        for h in (("指标", "状态", "填报值", "得分", "依据") if zh else ("indicator", "state", "value", "score", "why")):
            t.add_column(h, overflow="fold", no_wrap=h in ("状态", "得分", "state", "score"))
        states = {"answered": "已答", "unknown": "不详", "missing": "未填", "not_applicable": "不适用"}
        from ..tables import option_labels

        from evaluator.levels import for_level, level_words

        # the framework's texts in the unit's words, as its reasons beside them say them (G31C)
        words, own = level_words(fw, result.city.level, result.city.name_zh, zh)
        labels = {k: {o: for_level(v, zh, words, own) for o, v in opts.items()}
                  for k, opts in option_labels(fw, lang, result.city.level).items()}
        bases = basis_names(fw, lang)
        # a percentage answered reads "92%", as its reason beside it says it (not a bare 92)
        rates = {ind.id for ind in fw.indicators()
                 if getattr(ind.at_level(result.city.level).answer, "type", None) == "percent"}
        for i in result.indicators:
            value = _value_text(i.value, zh, labels.get(i.id))
            if i.id in rates and value and isinstance(i.value, (int, float)) and not isinstance(i.value, bool):
                value += "%"
            why = explained(i.reason_zh if zh else i.reason, bases, lang)
            t.add_row(f"{i.id} {escape(for_level(i.name_zh if zh else i.name, zh, words, own))}", states[i.state] if zh else i.state,
                      escape(value), f"{fixed(i.score)}/{fixed(i.max)}", escape(why))
        from ..tables import print_with_notes

        print_with_notes(out, t, 4)  # on a terminal, the why under its row (blocks when even narrower)


@guarded
def score(
    file: Annotated[Path, typer.Argument(help="self-assessment: .yaml, or .xlsx from lcity init --format xlsx; - reads stdin")],
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table, json or csv (the table as CSV; its floor column "
                                                          "says met, not met, unknown (below it with data still "
                                                          "unknown), or nothing for a dimension without a floor)")] = TableOrJson.table,
    explain: Annotated[bool, typer.Option("--explain", help="one line per indicator: value, rule, points, why")] = False,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the table (default: the file's lang:, "
                                                 "else the framework's language, else zh)")] = None,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    review: Annotated[Optional[list[Path]], typer.Option(
        "--review", help="expert review file; repeat for several reviewers (verified scores, the panel's median)")] = None,
    accept_mismatch: Annotated[bool, typer.Option(
        "--accept-mismatch", help="accept a review whose city, period or SHA-256 does not match")] = False,
    partial: Annotated[bool, typer.Option(
        "--partial", help="score an unfinished file, its unanswered indicators at 0, marked PROVISIONAL "
        "(JSON: provisional: true)")] = False,
) -> None:
    """Score a self-assessment: dimensions, total, grade, recognition decision, confidence.

    Examples: lcity score examples/qingshi-district.yaml --explain;
    lcity score my.yaml --format json > result.json;
    lcity score examples/qingshi-district.yaml --review examples/qingshi-district.review.yaml
    """
    if partial:
        return _score_partial(file, framework, review, fmt, lang, explain)
    result, loaded = load_scored(file, framework, reviews=review, force=accept_mismatch)
    if fmt == TableOrJson.json:
        write_json_text(result.model_dump_json(indent=2))
    else:
        print_result(result, loaded.framework, unit_lang(lang, loaded), explain, loaded)


def _print_panel_outcome(result, fw, lang: str) -> None:
    """Under the rules' decision and its reasons, the outcome the panel's conclusion states
    (``conclusion_outcome``) where it is another one: the report says the two beside its verdict, and
    score printed the rules' alone (G20-A7)."""
    rv = result.review
    said = getattr(rv, "conclusion_outcome", None) if rv is not None else None
    if said is None or said == result.recognition.outcome:
        return
    from indicators.messages import Both, say as said_in

    name = getattr(fw.recognition.outcomes, said)
    line = Msg("score.panel-outcome", said=Both(name.zh, name.en),
               outcome=Both(result.recognition.name_zh, result.recognition.name))
    folded(said_in(line, lang), hang=4, head="  [bold yellow]⚠[/bold yellow] ")


def _print_fraction_slips(result, fw, lang: str, loaded) -> None:
    """Under the decision, each percentage typed as a fraction (0.95 for 95 %) whose points it
    changes, in the warning's own words, and the grade and decision it would otherwise get: a
    count on stderr went unseen beside a decision the slip had turned (G19-B5)."""
    if loaded is None or getattr(loaded, "assessment", None) is None:
        return
    from evaluator.percent_slips import fraction_slips
    from indicators.messages import say as said

    slips = fraction_slips(loaded.assessment, fw, result)
    if slips is None:
        return
    zh = lang == "zh"
    for p in loaded.problems:
        if p.rule == "fraction-percent" and getattr(p.message, "values", {}).get("id") in slips.typed:
            folded(said(Msg("score.fraction-slip", text=p.message, hint=p.hint), lang), hang=4,
                   head="  [yellow]⚠[/yellow] ")
    other = slips.other
    if other is not None:
        sep = "、" if zh else ", "
        ids = sep.join(slips.typed)
        meant = sep.join(f"{slips.meant(i):g}%" if zh else f"{slips.meant(i):g} %" for i in slips.typed)
        line = Msg("score.fraction-slip-if", ids=ids, meant=meant, grade_word="等级" if zh else "grade",
                   grade=other.grade.name_zh if zh else other.grade.name,
                   outcome_word=_outcome_heading(fw, zh) if zh else "decision",
                   decision=other.recognition.name_zh if zh else other.recognition.name, total=f"{other.total:.1f}")
        folded(said(line, lang), hang=4, head="  [bold yellow]⚠[/bold yellow] ")


def _score_partial(file: Path, framework: Optional[str], review, fmt, lang: Optional[Lang], explain: bool) -> None:
    """``--partial``: the provisional score, with the mark above and below the table (and in the
    JSON); a review verifies a finished file only, so the two do not go together."""
    from evaluator.partial import read_partial
    from indicators.messages import say as said
    from indicators.problems import InputError, Problem

    if review:
        raise InputError([Problem("lcity score", 1, 1, "error", "usage", Msg("score.partial-review"),
                                  Msg("hint.score-partial-review"), fatal=True)])
    result, loaded = read_partial(file, framework=framework)
    note_warnings(file, loaded, skip=("missing-answer",))  # the mark counts them; validate calls them errors
    if fmt == TableOrJson.json:
        write_json_text(result.model_dump_json(indent=2))
        return
    lang = unit_lang(lang, loaded)
    asked = sum(applies for _, inds in loaded.framework.at_level(loaded.assessment.city.level) for _, applies in inds)
    mark = said(Msg("score.provisional", missing=result.missing, total=asked), lang)  # 47 of 47, as init and status count
    out.print(f"[bold yellow]{escape(mark)}[/bold yellow]")
    print_result(result, loaded.framework, lang, explain)
    out.print(f"[bold yellow]{escape(mark)}[/bold yellow]")
