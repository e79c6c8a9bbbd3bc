"""The operating system's reasons for refusing a read or a write, in the user's language, with a fix.

Python gives an ``OSError`` the system's English words (``strerror``): "Too many levels of symbolic
links" reached a Chinese official as it was, and said nothing about what to do (G19-C15). The
reasons lcity's users meet are in the catalogs (``os.errno.<NAME>``, ``os.fix.<NAME>``, by the
errno's symbolic name); any other is said as the system's words inside a Chinese sentence
(``os.errno-other``), never dropped. Data in the catalogs, the look-up here.
"""

from __future__ import annotations

import errno as _errno

from .messages import Msg, catalog


def _name(exc: BaseException) -> str | None:
    code = getattr(exc, "errno", None)
    return _errno.errorcode.get(code) if isinstance(code, int) else None


def _known(key: str) -> bool:
    return key in catalog("en")


def os_reason(exc: BaseException) -> Msg:
    """Why the system refused, said in either language (the system's words kept when unknown)."""
    name = _name(exc)
    if name and _known(f"os.errno.{name}"):
        return Msg(f"os.errno.{name}")
    words = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return Msg("os.errno-other", strerror=words)


def os_fix(exc: BaseException, default: Msg | str = "") -> Msg | str:
    """What to do about it, when the reason says it (a shorter name, a link to the real file);
    else ``default``, the command's own advice."""
    name = _name(exc)
    if name and _known(f"os.fix.{name}"):
        return Msg(f"os.fix.{name}")
    return default
