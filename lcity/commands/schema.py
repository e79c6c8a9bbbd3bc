"""``lcity schema``: JSON Schemas for editor autocompletion."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..console import dump_json, guarded
from ..form_files import FORM_FRAMEWORK
from ..options import Lang

class SchemaKind(str, Enum):
    assessment = "assessment"
    framework = "framework"
    review = "review"


@guarded
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="assessment, framework or review")] = SchemaKind.assessment,
    framework: Annotated[str, typer.Option("--framework", help="framework id@version or path")] = FORM_FRAMEWORK,
    lang: Annotated[Lang, typer.Option("--lang", help="language of descriptions")] = Lang.en,
) -> None:
    """Print a JSON Schema (draft-07) for editor autocompletion.

    Example: lcity schema --lang zh > china-learning-city-2.zh.schema.json, then put
    '# yaml-language-server: $schema=china-learning-city-2.zh.schema.json' at the top of your YAML file.

    lcity init writes both. Your own framework: lcity schema --framework ID@VERSION --lang en
    """
    from evaluator import schema as schemas

    if kind == SchemaKind.framework:
        doc = schemas.framework_schema()
    elif kind == SchemaKind.review:
        doc = schemas.review_schema()
    else:
        from indicators.loader import load_framework

        doc = schemas.assessment_schema(load_framework(framework), lang.value)
    dump_json(doc)
