"""Every sentence the tool says to a user, in Chinese and English, from ``indicators/messages/{lang}.yaml``.

The people who fill in self-assessments work in Chinese; the developers and most tests read
English. So a message is built once, as a ``Msg``: a ``str`` holding the English text (what every
existing caller, log and test sees) that also remembers its catalog key and values, and can be
said again in Chinese with ``say(msg, "zh")``. Values that differ by language (an indicator's
name, a nested message) are passed as ``Both`` or ``Msg`` and are said in the same language.

Same mechanism as the report catalogs: a language may be split into topic files
(``{lang}.yaml`` plus ``{lang}.<topic>.yaml``), a key defined twice is an error, and
``check_catalogs`` lists every key missing from a language or whose ``{placeholders}`` differ
(a test runs it). Catalogs are read lazily, once, so importing this module costs nothing.

Language rule (``pick_lang``): an explicit choice, else the file's own ``lang:`` line, else the
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, e.g. ``zh_CN.UTF-8``), else English.
"""

from __future__ import annotations

import os
import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping
from .quotes import nest

CATALOG_DIR = Path(__file__).resolve().parent / "messages"
LANGS = ("zh", "en")
DEFAULT = "en"


@lru_cache(maxsize=None)
def catalog(lang: str, directory: Path = CATALOG_DIR) -> dict[str, str]:
    """The merged catalog of one language (main file, then topic files in name order).

    Every command says something, and parsing the catalog's files cost more than reading and
    checking an assessment; the merged result is kept in lcity's cache under a hash of the files
    and of this module, and read from there while neither changes."""
    if lang not in LANGS:
        raise ValueError(f"no message catalog for language {lang!r}; use one of {', '.join(LANGS)}")
    paths = [p for p in [directory / f"{lang}.yaml", *sorted(directory.glob(f"{lang}.*.yaml"))] if p.exists()]
    texts = [(p.name, p.read_bytes()) for p in paths]
    entry = _entry_path(lang, texts)
    cached = _cached(entry)
    if cached is not None:
        return cached
    data: dict[str, str] = {}
    for (name, raw), path in zip(texts, paths):
        part = _load(path, raw.decode("utf-8"))
        twice = sorted(set(part) & set(data))
        if twice:
            raise ValueError(f"message catalog {name} defines {', '.join(twice)} again")
        data.update({str(k): str(v) for k, v in part.items()})
    if entry is not None:
        import json

        from .datacache import write_entry

        write_entry(entry, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return data


def _entry_path(lang: str, texts: list[tuple[str, bytes]]) -> Path | None:
    """The cache entry of these catalog files: named by a hash of their names and bytes and of the
    code that reads them (this module), so an edited catalog or reader never meets a stale entry."""
    import hashlib

    from .datacache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    h = hashlib.sha256(Path(__file__).read_bytes())
    for name, raw in texts:
        h.update(b"\0%s\0%d\0" % (name.encode(), len(raw)))
        h.update(raw)
    return folder / f"messages-{lang}-{h.hexdigest()[:32]}.json"


def _cached(entry: Path | None) -> dict[str, str] | None:
    """The merged catalog kept in ``entry``, or None when there is none that can be trusted."""
    if entry is None:
        return None
    import json

    from .datacache import read_entry

    raw = read_entry(entry)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:  # truncated or corrupt: worked out again and rewritten
        return None
    if not isinstance(data, dict) or any(not isinstance(v, str) for v in data.values()):
        return None
    return data


_TOP_KEY = re.compile(r"^([^\s#'\"][^:]*):", re.MULTILINE)


def _load(path: Path, text: str | None = None) -> dict[str, str]:
    """A catalog file: a flat mapping of keys to texts. Read with PyYAML's BaseLoader (every value
    a string, no YAML 1.1 typing) rather than ``indicators.safeyaml``, which reports its own
    problems through this module; a key written twice is refused here, as safeyaml would."""
    import yaml

    if text is None:
        text = path.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader)) or {}
    if not isinstance(data, dict) or any(not isinstance(v, str) for v in data.values()):
        raise ValueError(f"message catalog {path.name} is not a mapping of keys to texts")
    from collections import Counter

    twice = sorted(k for k, n in Counter(_TOP_KEY.findall(text)).items() if n > 1)
    if twice:
        raise ValueError(f"message catalog {path.name} defines {', '.join(twice)} twice")
    return data


class Both(str):
    """Text that exists in both languages (an indicator's name); as a ``str`` it is the English."""

    def __new__(cls, zh: str, en: str):
        obj = super().__new__(cls, en if en is not None else zh)
        obj.zh, obj.en = (zh if zh is not None else en), (en if en is not None else zh)
        return obj

    def say(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __reduce__(self):
        return (Both, (self.zh, self.en))


def both(text: Any) -> Both:
    """A ``Both`` from anything with ``zh`` and ``en`` attributes (``indicators.models.Text``)."""
    return Both(getattr(text, "zh", None), getattr(text, "en", None))


class Msg(str):
    """A catalog message: its English text as a ``str``, its key and values for other languages."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any):
        obj = super().__new__(cls, render(DEFAULT, key, values))
        obj.key, obj.values = key, values
        return obj

    def say(self, lang: str) -> str:
        return render(lang, self.key, self.values)

    def __reduce__(self):  # problems cross process boundaries in ``lcity batch``
        return (_rebuild, (self.key, self.values))


def _rebuild(key: str, values: dict) -> "Msg":
    return Msg(key, **values)


def render(lang: str, key: str, values: Mapping[str, Any], directory: Path = CATALOG_DIR) -> str:
    text = catalog(lang, directory).get(key)
    if text is None:  # a key missing from one language: English rather than nothing (the test forbids it)
        text = catalog(DEFAULT, directory)[key]
    # a quoted name that holds quotation marks of its own reads “授予‘学习型企业’称号” (G24-T2)
    out = nest(text.format(**{k: say(v, lang) for k, v in values.items()}))
    return out if lang == "zh" else agree(out)


#: the counted nouns the English catalogs use, plural -> singular
_SINGULAR = {
    "points": "point", "errors": "error", "warnings": "warning", "tasks": "task", "indicators": "indicator",
    "units": "unit", "problems": "problem", "files": "file", "dimensions": "dimension", "items": "item",
    "documents": "document", "experts": "expert", "reviewers": "reviewer", "answers": "answer",
    "people": "person", "courses": "course", "sites": "site", "organisations": "organisation", "years": "year",
    "times": "time", "cities": "city", "districts": "district", "counties": "county", "samples": "sample",
    "reviews": "review", "rows": "row", "sheets": "sheet", "changes": "change", "pieces": "piece",
    "references": "reference", "practices": "practice", "types": "type", "steps": "step", "grades": "grade",
    "places": "place", "percentage points": "percentage point", "safe rewrites": "safe rewrite",
    # "1 review(s)" read as a form, not a sentence (G31T): the catalogs write the plural, agree() the singular
    "review files": "review file", "revisions": "revision", "pages": "page", "characters": "character",
}
_ONE = re.compile(r"(?<![\d.,–~/])\b1 (" + "|".join(sorted(map(re.escape, _SINGULAR), key=len, reverse=True)) + r")\b")


#: a verb after a count of one the catalogs write in the plural: "the {n} indicators that lose points or lack data"
_ONE_LOSES = re.compile(r"(?<![\d.,–~/])(\b1 [a-z]+ that )lose points( or lack data)?\b")

#: and the verb after such a phrase: "the other 1 indicator, losing fewer points, are RE3 …" (G32T-3)
_ONE_ARE = re.compile(r"(?<![\d.,–~/])(\b1 [a-z]+(?:, [a-z ]+,| that loses points(?: or lacks data)?)) are\b")


#: "a" before a word a framework names (a level, a dimension id) that begins with the sound of a, e
#: or i: the catalogs write "Not asked of a {unit}", and a framework's level "isle" read "a isle"
#: (G30-T). Only after a word ("of a isle"), never after --target or before "or", "and", "is" … (a
#: grade id "a": "a or A"), never a capital "A" (a grade may be named "A"); not "a eu…" ("a
#: European"), "a one", "a once"; a "u" word is left as written ("a unit").
_AN = re.compile(r"(?<=[a-z] )(?<!target )a (?=(?!(?:or|and|is|of|in|if|at|as|on|it|an?)\b)(?:[aei](?!u)|o(?!nce|ne))[a-z])")


def agree(text: str) -> str:
    """English text with a count of exactly one agreeing with its noun: "1 error", "0.5 of 1 point",
    where the catalogs write "{n} errors" for every count (a Chinese noun has no plural). The end of
    a range ("0–1 points") or a decimal ("2.1 points") stays as it is. And "a" before a word of the
    framework's that needs "an" ("an isle", ``_AN``)."""
    if "a " in text:
        text = _AN.sub("an ", text)
    if "1 " not in text:
        return text
    text = _ONE.sub(lambda m: "1 " + _SINGULAR[m.group(1)], text)
    # its verb too: "the 1 indicator that lose points" (G31T)
    text = _ONE_LOSES.sub(lambda m: m.group(1) + "loses points" + (" or lacks data" if m.group(2) else ""), text)
    return _ONE_ARE.sub(lambda m: m.group(1) + " is", text)


def join(parts: Iterable[Any], lang_sep: tuple[str, str] = ("、", ", ")) -> "Joined":
    """A list of texts joined by the separator of the language it is said in."""
    return Joined(list(parts), lang_sep)


class Joined(str):
    """A list said with the separator of its language (、 in Chinese, ', ' in English)."""

    def __new__(cls, parts: list, seps: tuple[str, str]):
        obj = super().__new__(cls, seps[1].join(str(p) for p in parts))
        obj.parts, obj.seps = parts, seps
        return obj

    def __reduce__(self):
        return (Joined, (self.parts, self.seps))

    def say(self, lang: str) -> str:
        return (self.seps[0] if lang == "zh" else self.seps[1]).join(say(p, lang) for p in self.parts)


def say(text: Any, lang: str) -> str:
    """``text`` in ``lang`` when it knows its other languages (``Msg``, ``Both``, ``Joined``), else as it is."""
    if isinstance(text, (Msg, Both, Joined)):
        return text.say(lang)
    return str(text)


# --- which language ---------------------------------------------------------------------------

_FILE_LANG = re.compile(r"^lang:\s*['\"]?(zh|en)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def file_lang(text: str | None) -> str | None:
    """The ``lang:`` a file records at its top level (``lcity init`` writes it), read from the text
    so that it is found even when the YAML does not parse."""
    if not text:
        return None
    m = _FILE_LANG.search(text)
    return m.group(1) if m else None


def locale_lang(environ: Mapping[str, str] | None = None) -> str | None:
    """zh or en from the POSIX locale variables, in their order of precedence; None if neither."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return code if code in LANGS else (None if code not in ("c", "posix") else "en")
    return None


def pick_lang(explicit: str | None = None, text: str | None = None,
              environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: explicit, else the file's ``lang:``, else the locale, else English."""
    return explicit or file_lang(text) or locale_lang(environ) or DEFAULT


# --- the test's view ----------------------------------------------------------------------------


def placeholders(text: Any) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(str(text)) if name}


def check_catalogs(directory: Path = CATALOG_DIR) -> list[str]:
    """Keys missing from a language, and keys whose placeholders differ between languages."""
    cats = {lang: catalog(lang, directory) for lang in LANGS}
    problems: list[str] = []
    for lang in LANGS:
        for other in LANGS:
            if lang != other:
                problems += [f"{key}: in {lang}, missing from {other}" for key in sorted(set(cats[lang]) - set(cats[other]))]
    zh, en = cats["zh"], cats["en"]
    for key in sorted(set(zh) & set(en)):
        if placeholders(zh[key]) != placeholders(en[key]):
            problems.append(f"{key}: placeholders {sorted(placeholders(zh[key]))} in zh, {sorted(placeholders(en[key]))} in en")
    return problems


# --- English said elsewhere, recognised ----------------------------------------------------------


@lru_cache(maxsize=None)
def _english_patterns(prefix: str) -> tuple[dict[str, str], tuple[tuple[Any, str], ...]]:
    """(exact text -> key, (pattern, key) ...) of the English entries under ``prefix``, the longest
    wording first so that a more specific entry wins over a shorter one it contains."""
    exact: dict[str, str] = {}
    templated = []
    for key, text in catalog(DEFAULT).items():
        if not key.startswith(prefix):
            continue
        parts = list(string.Formatter().parse(text))
        if all(name is None for _, name, _, _ in parts):
            exact["".join(literal for literal, _, _, _ in parts)] = key
            continue
        regex = "".join(re.escape(literal) + (f"(?P<{name}>.+?)" if name is not None else "")
                        for literal, name, _, _ in parts)
        templated.append((len(text), re.compile(regex, re.DOTALL), key))
    return exact, tuple((pattern, key) for _, pattern, key in sorted(templated, key=lambda t: -t[0]))


def recognise(text: str, prefix: str, word=None) -> Msg | None:
    """The catalog message under ``prefix`` whose English is ``text`` (English words that another
    library or layer wrote: a parser's complaint, a validator's predicate), its ``{placeholders}``
    filled from the text (each passed through ``word(name, value)`` when given), or None."""
    exact, templated = _english_patterns(prefix)
    key = exact.get(text)
    if key is not None:
        return Msg(key)
    for pattern, key in templated:
        m = pattern.fullmatch(text)
        if m:
            return Msg(key, **{k: (word(k, v) if word else v) for k, v in m.groupdict().items()})
    return None
