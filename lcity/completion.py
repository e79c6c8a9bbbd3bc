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
    """Installed framework ids and id@version refs starting with ``incomplete``, of the frameworks
    that load: one ``lcity frameworks`` lists as invalid (an id such as ``$(touch x)`` that breaks
    the id rules, a file with errors) cannot be used, so it is not offered. A bare id is offered
    when its newest version loads, as that is the one it names."""
    from indicators.loader import available, load_framework
    from indicators.problems import InputError

    def loads(f) -> bool:
        try:
            load_framework(f.path)
        except InputError:
            return False
        return True

    newest: dict[str, object] = {}
    for f in available():  # sorted by id, then version
        newest[f.id] = f
    refs = [f.ref for f in available() if f.ref.startswith(incomplete) and loads(f)]
    refs += [i for i, f in newest.items() if i.startswith(incomplete) and f.ref in refs]
    return sorted(set(refs))


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
    if original is None or getattr(original, "lcity", False):  # installed once: never a wrapper of our wrapper
        return

    def shell_complete(self, ctx, incomplete):
        if getattr(self, "name", None) == "framework" and getattr(self, "_custom_shell_complete", None) is None:
            return [CompletionItem(r) for r in framework_ids(incomplete)]
        return original(self, ctx, incomplete)

    shell_complete.lcity = True  # type: ignore[attr-defined]
    base.shell_complete = shell_complete
