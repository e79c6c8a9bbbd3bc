"""Shell completion: commands, options, framework ids and files (``lcity --install-completion``).

Typer completes command and option names, choices (``--lang zh|en``) and, through the shell's
default, file names. ``--framework`` takes an installed framework's id, which no shell can
guess: ``install`` adds them (``china-learning-city``, ``china-learning-city@2`` ...) for every
option named ``framework``. It does anything only while the shell asks for completions
(``_LCITY_COMPLETE`` set), so an ordinary start of lcity pays nothing for it.
"""

from __future__ import annotations

import os

COMPLETE_VAR = "_LCITY_COMPLETE"


def framework_ids(incomplete: str) -> list[str]:
    """Installed framework ids and id@version refs starting with ``incomplete``."""
    from indicators.loader import available

    refs = sorted({f.id for f in available()} | {f.ref for f in available()})
    return [r for r in refs if r.startswith(incomplete)]


def install() -> None:
    if COMPLETE_VAR not in os.environ:
        return
    try:
        from typer import core
        from typer._click.shell_completion import CompletionItem
    except ImportError:  # another Typer layout: Typer's own completion still works
        return
    base = getattr(core, "_TyperParameter", None)
    original = getattr(base, "shell_complete", None)
    if original is None:
        return

    def shell_complete(self, ctx, incomplete):
        if getattr(self, "name", None) == "framework" and getattr(self, "_custom_shell_complete", None) is None:
            return [CompletionItem(r) for r in framework_ids(incomplete)]
        return original(self, ctx, incomplete)

    base.shell_complete = shell_complete
