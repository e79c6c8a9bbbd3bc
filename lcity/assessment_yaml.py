"""An assessment's data (as read from a workbook) written back as a YAML file for ``lcity convert``.

Every scalar is written as JSON, which YAML reads back as exactly the same value (text stays text,
``"12"`` stays a string, ``1.10`` stays a float), so YAML → XLSX → YAML loses nothing. JSON leaves
some characters raw that YAML would not read back as written (U+0085, U+2028 and U+2029 are line
breaks to YAML and get folded; a line break in a framework's name or a file name would end a
comment and turn the rest into keys), so every line is escaped as ``lcity init`` escapes its form
(``\x85``, ``\u2028``, ``\x0a`` in a comment). Each answer gets its indicator's name as a comment,
so the file reads like the template ``lcity init`` writes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from indicators.models import Framework

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_RESERVED = re.compile(r"^(?:true|false|null|y|n|yes|no|on|off)$", re.IGNORECASE)


def _key(key: Any) -> str:
    text = str(key)
    return text if _PLAIN_KEY.match(text) and not _RESERVED.match(text) else json.dumps(text, ensure_ascii=False)


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _block(key: Any, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{_key(key)}: {{}}"]
        out = [f"{pad}{_key(key)}:"]
        for k, v in value.items():
            out += _block(k, v, indent + 2)
        return out
    return [f"{pad}{_key(key)}: {_scalar(value)}"]


def _text(lines: list[str]) -> str:
    """The lines as one text, each escaped as ``lcity init`` escapes its form (``template._line``):
    inside a JSON string the escape is a YAML escape of the same character, in a comment it keeps
    the comment on its line."""
    from .template import _line

    return "\n".join(_line(line) for line in lines)


def assessment_yaml(data: dict, fw: Framework | None, *, lang: str = "zh", source: str = "") -> str:
    """The YAML text of ``data``: the profile as it is, then one block per answer in the
    framework's order (answers it does not know keep their place at the end)."""
    from .template import form_title

    title = form_title(fw, lang)
    made = (f"由 {source} 转换（lcity convert）" if lang == "zh" else f"converted from {source} (lcity convert)")
    out = [f"# {title}" + (f" — {fw.name.get(lang)} ({fw.ref})" if fw else ""), f"# {made}",
           "# " + ("填好后运行：lcity validate 本文件.yaml" if lang == "zh" else "Then run: lcity validate this-file.yaml"), ""]
    for key, value in data.items():
        if key != "answers":
            out += _block(key, value, 0)
    answers = data.get("answers")
    if not isinstance(answers, dict):
        if "answers" in data:
            out += _block("answers", answers, 0)
        return _text(out) + "\n"
    out += ["", "answers:" if answers else "answers: {}"]
    # each indicator under its level's name, as lcity init --level writes it (a district's L2 is
    # 参与城市国际交流, not the city's 国际认可: G18-E6)
    city = data.get("city")
    level = city.get("level") if isinstance(city, dict) else None
    if fw is not None and isinstance(level, str) and any(lv.id == level for lv in fw.levels):
        names = {i.id: (d, i) for d, inds in fw.at_level(level) for i, _ in inds}
    else:
        names = {i.id: (d, i) for d in fw.dimensions for i in d.indicators} if fw else {}
    shown_dim = None
    for key, value in answers.items():
        dim, ind = names.get(key, (None, None))
        if dim is not None and dim.id != shown_dim:
            out.append(f"  # ===== {dim.id} {dim.name.get(lang)} =====")
            shown_dim = dim.id
        if ind is not None:
            out.append(f"  # {ind.id} {ind.name.get(lang)}")
        out += _block(key, value, 2) + [""]
    return _text(out).rstrip() + "\n"
