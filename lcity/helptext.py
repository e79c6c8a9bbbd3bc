"""``lcity --help`` in Chinese: the help of every command and option, chosen when the app is built.

Typer's help is static, so the language is chosen once, before the command line is parsed: from
``--lang`` on the command line, else the locale (``LANG=zh_CN.UTF-8``). The English help stays in
the code (docstrings and ``help=``), where it is written; ``lcity/help/zh.yaml`` holds the Chinese,
read with the message catalog's loader, and only when Chinese is asked for (start-up stays cheap).
A key the catalog lacks shows the English text.
"""

from __future__ import annotations

from pathlib import Path

HELP_DIR = Path(__file__).resolve().parent / "help"


def help_lang(argv: list[str], environ=None) -> str:
    from indicators.messages import locale_lang

    from .console import argv_lang

    return argv_lang(argv) or locale_lang(environ) or "en"


def entries(lang: str) -> dict[str, str]:
    from indicators.messages import catalog

    return catalog(lang, HELP_DIR) if (HELP_DIR / f"{lang}.yaml").exists() else {}


def translate(command, lang: str) -> None:
    """Replaces the help of a Click command tree in place with the catalog's ``lang`` entries."""
    texts = entries(lang)
    if not texts:
        return

    def walk(cmd, key: str) -> None:
        if key in texts:
            cmd.help = texts[key]
            cmd.short_help = None
        for param in getattr(cmd, "params", []):
            text = texts.get(f"{key}.{param.name}") or texts.get(f"any.{param.name}")
            if text is not None and hasattr(param, "help"):
                param.help = text
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{key}.{name}" if key != "lcity" else name)

    walk(command, "lcity")
