"""``lcity frameworks``: the indicator frameworks that are installed."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from indicators.messages import agree
from indicators.problems import InputError

from ..console import dump_json, err, escape, guarded, out
from ..options import Lang, TableOrJson

def _from_here(path: str) -> str:
    """A framework's path relative to the working folder when it lies below it (as one would type
    it in lcity framework check), else as it is."""
    from pathlib import Path

    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _unused(listed: list) -> list[tuple[str, str, str]]:
    """(file, id@version, the file used instead) of each framework file in LCITY_FRAMEWORK_PATH whose
    id and version a framework found before it already has (the packaged ones come first): it is
    never loaded, and an author who copied a framework and kept its id was not told (G28H-5)."""
    import os

    from indicators.loader import _peek, search_dirs

    used = {ff.ref: ff.path for ff in listed}
    found = []
    for folder in search_dirs()[1:]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*/framework.yaml")) + sorted(folder.glob("framework.yaml")):
            head = _peek(path)
            ref = f"{head[0]}@{head[1]}" if head else None
            if ref in used and os.path.realpath(used[ref]) != os.path.realpath(path):
                found.append((str(path), ref, str(used[ref])))
    return found


def _problems(n: int) -> str:
    """"1 problem", "3 problems": the count agrees with its noun (a Chinese noun has no plural)."""
    return agree(f"{n:,} problems")


@guarded
def frameworks(
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table, json or csv (the table as CSV)")] = TableOrJson.table,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the table (default: the locale)")] = None,
) -> None:
    """List the indicator frameworks found (packaged, and in LCITY_FRAMEWORK_PATH).

    A framework with problems is listed as invalid and the exit code is 1; 'lcity framework check
    PATH' lists its problems with file:line:column (docs/frameworks.md explains every rule).

    Example: lcity frameworks
    """
    from indicators.loader import available, load_framework

    rows = []
    listed = available()
    for ff in listed:
        try:
            fw = load_framework(ff.path)
            rows.append({"id": fw.id, "version": fw.version, "ref": fw.ref, "name": fw.name.en,
                         "name_zh": fw.name.zh, "dimensions": len(fw.dimensions),
                         "indicators": len(fw.indicators()), "points": fw.total_points,
                         "path": str(ff.path), "problems": 0})
        except InputError as exc:
            rows.append({"id": ff.id, "version": ff.version, "ref": ff.ref, "name": "(invalid)",
                         "name_zh": "", "dimensions": 0, "indicators": 0, "points": 0,
                         "path": str(ff.path), "problems": len(exc.problems)})
    broken = [r for r in rows if r["problems"]]
    if fmt == TableOrJson.json:
        dump_json(rows)
        if broken:
            raise typer.Exit(1)
        return
    from rich.table import Table  # only for the table: JSON output never imports it

    from ..console import lang_for

    zh = lang_for("") == "zh"  # --lang on the command line, else the locale
    table = Table(title="已安装的指标体系" if zh else "Frameworks")
    # the name in the table's language, the counts right-aligned and the path as typed from here:
    # both names and an absolute path left an 80-column terminal a column of one word per line
    for i, col in enumerate(("框架", "名称", "维度", "指标", "总分", "路径") if zh else
                            ("framework", "name", "dims", "indicators", "points", "path")):
        table.add_column(col, justify="right" if 2 <= i <= 4 else "left", no_wrap=i in (0, 2, 3, 4),
                         overflow="fold")
    for r in rows:
        if r["problems"]:
            name = (f"[red]有 {r['problems']} 个问题，无法使用[/red]" if zh
                    else f"[red]invalid: {_problems(r['problems'])}[/red]")
        else:
            name = escape((r["name_zh"] or r["name"]) if zh else r["name"])
        table.add_row(escape(r["ref"]), name, str(r["dimensions"]), str(r["indicators"]),
                      f"{r['points']:g}", escape(_from_here(r["path"])))
    from ..tables import print_with_notes

    print_with_notes(out, table, 5, whole=True)  # on a narrow terminal, each path whole on its own line under its row
    for path, ref, used in _unused(listed):
        if zh:
            err.print(f"注意 {escape(_from_here(path))}：{escape(ref)} 已由 {escape(_from_here(used))} 提供，"
                      f"本文件未被使用（如是另一指标体系或新版本，请修改其 id 或 version）")
        else:
            err.print(f"note {escape(_from_here(path))}: {escape(ref)} is already installed from "
                      f"{escape(_from_here(used))}; this file is not used (if it is another framework or a new "
                      f"version, change its id or version)")
    for r in broken:
        if zh:
            err.print(f"[red]{escape(r['ref'])}[/red]（{escape(r['path'])}）无效：{r['problems']} 个问题；"
                      f"查看：lcity framework check {escape(r['path'])}")
        else:
            err.print(f"[red]{escape(r['ref'])}[/red] ({escape(r['path'])}) is invalid: {_problems(r['problems'])}; "
                      f"see them with: lcity framework check {escape(r['path'])}")
    if broken:
        raise typer.Exit(1)
