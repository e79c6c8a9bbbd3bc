"""How Chinese texts name the outcome a framework grants, in the framework's own words.

China's frameworks recognise (认定: "认定的其他条件", "认定前", "方可认定"); another body's framework
grants something else (a province's 命名为省级学习型乡镇, a district's 通过星级评定), and its texts
name that act, never 认定 (G19-D1, G22-T5). The engine's reasons and the plan's steps read the
same words from here.
"""

from __future__ import annotations

from indicators.quotes import quoted


def outcome_words(name: str) -> dict[str, str]:
    """The phrases for the outcome named ``name`` (the framework's first outcome, in Chinese)."""
    if not name or name.startswith("认定"):
        return {"it": "认定", "before": "认定前", "conditions": "认定条件", "act": "认定", "line": "认定要求"}
    return {"it": quoted(name), "before": f"申请{quoted(name)}前", "conditions": f"{quoted(name)}的条件", "act": name, "line": "要求线"}


def outcome_words_en(name_zh: str, name_en: str) -> dict[str, str]:
    """How an English plan text names the outcome it aims at, as ``outcome_words`` does in Chinese:
    China's recognition as ever ("Every other condition of recognition is met", "Before
    recognition"); a framework whose outcome is another act by its name ("Every other condition of
    '通过星级评定' is met", "Before '通过星级评定'"): a star rating is no recognition (G22-T5)."""
    if not name_zh or name_zh.startswith("认定"):
        return {"it": "recognition", "before": "before recognition", "met": "the unit would not be recognised"}
    name = f"'{name_en or name_zh}'"
    return {"it": name, "before": f"before {name} is granted", "met": f"the unit would not meet the conditions of {name}"}
