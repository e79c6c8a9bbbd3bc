"""``lcity init``: a commented self-assessment template to fill in."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..console import err, escape, guarded, stdout
from ..options import Lang


class Level(str, Enum):
    city = "city"
    district = "district"
    county = "county"


@guarded
def init(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="file to write (default: print)")] = None,
    city: Annotated[Optional[str], typer.Option("--city", help="name of the city or district, e.g. 西城区")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the comments")] = Lang.zh,
    framework: Annotated[str, typer.Option("--framework", help="framework id@version or path")] = "china-learning-city@2",
    level: Annotated[Optional[Level], typer.Option("--level", help="city, district or county: the form asks only what "
                                                   "a unit of that level can answer (default: from the name)")] = None,
    force: Annotated[bool, typer.Option("--force", help="replace an existing file")] = False,
) -> None:
    """Write a commented self-assessment template to fill in.

    Example: lcity init -o xicheng-2025.yaml --city 西城区 --level district --lang zh
    """
    from indicators.loader import load_framework, resolve

    from ..output import check_outputs, is_stdout, write_atomic
    from ..template import render_template

    fw = load_framework(framework)
    fw_path = resolve(framework) if not framework.endswith((".yaml", ".yml")) else Path(framework)
    schema_file = fw_path.resolve().parent / "assessment.schema.json"
    text = render_template(fw, city=city, lang=lang.value, schema_path=schema_file if schema_file.exists() else None,
                           level=level.value if level else None)
    if output is None or is_stdout(output):
        stdout.write(text)
        return
    check_outputs([output], [fw_path], force)
    write_atomic(output, text, force=force)
    asked = text.count("\n    value: null")
    err.print(f"wrote {escape(str(output))}: {asked} indicators to answer. "
              f"Next: fill it in, then run [bold]lcity validate {escape(str(output))}[/bold]")
