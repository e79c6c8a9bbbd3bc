"""The report's fixed labels, in Chinese and English, read from ``reports/catalogs/{lang}.yaml``.

Every heading, table header, cover label and footer text of a report comes from a catalog, so a
report is in one language from cover to signature block. Both catalogs must hold the same keys
with the same ``{placeholders}``; ``check_catalogs`` says where they differ (a test runs it).
Catalogs are read with the project's safe YAML loader. A language's labels may be split by topic:
``{lang}.yaml`` plus any ``{lang}.<topic>.yaml`` beside it, merged; a key defined twice is an error
(so two topics cannot silently override each other).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from indicators.messages import agree
from indicators.quotes import nest
from indicators.safeyaml import load_file

CATALOG_DIR = Path(__file__).resolve().parent / "catalogs"
LANGS = ("zh", "en")


class Catalog(Mapping):
    """Labels of one language. ``cat["key"]`` is the raw text, ``cat("key", x=1)`` formats it."""

    def __init__(self, lang: str, data: dict[str, Any]):
        self.lang = lang
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __call__(self, key: str, **values: Any) -> str:
        # a quoted name that holds quotation marks of its own reads “授予‘学习型企业’称号” (G24-T2)
        text = nest(str(self._data[key]).format(**values))
        return text if self.lang == "zh" else agree(text)


@lru_cache(maxsize=None)
def load_catalog(lang: str) -> Catalog:
    if lang not in LANGS:
        raise ValueError(f"no report catalog for language {lang!r}; use one of {', '.join(LANGS)}")
    data: dict[str, Any] = {}
    for path in catalog_files(lang):
        part = load_file(path).data
        if not isinstance(part, dict):
            raise ValueError(f"catalog {path.name} is not a mapping")
        twice = sorted(set(part) & set(data))
        if twice:
            raise ValueError(f"catalog {path.name} defines {', '.join(twice)} again")
        data.update(part)
    return Catalog(lang, data)


def catalog_files(lang: str) -> list[Path]:
    """The main catalog first, then the topic files in name order."""
    return [CATALOG_DIR / f"{lang}.yaml", *sorted(CATALOG_DIR.glob(f"{lang}.*.yaml"))]


def placeholders(text: Any) -> set[str]:
    if not isinstance(text, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def check_catalogs() -> list[str]:
    """Differences between the catalogs: missing keys, differing placeholders or list lengths."""
    cats = {lang: load_catalog(lang) for lang in LANGS}
    problems: list[str] = []
    base, *others = LANGS
    for other in others:
        a, b = cats[base], cats[other]
        for key in sorted(set(a) - set(b)):
            problems.append(f"{key}: in {base}.yaml, missing from {other}.yaml")
        for key in sorted(set(b) - set(a)):
            problems.append(f"{key}: in {other}.yaml, missing from {base}.yaml")
        for key in sorted(set(a) & set(b)):
            if type(a[key]) is not type(b[key]):
                problems.append(f"{key}: a {type(a[key]).__name__} in {base}.yaml but a {type(b[key]).__name__} in {other}.yaml")
            elif isinstance(a[key], list) and len(a[key]) != len(b[key]):
                problems.append(f"{key}: {len(a[key])} entries in {base}.yaml, {len(b[key])} in {other}.yaml")
            elif placeholders(a[key]) != placeholders(b[key]):
                problems.append(f"{key}: placeholders {sorted(placeholders(a[key]))} in {base}.yaml, "
                                f"{sorted(placeholders(b[key]))} in {other}.yaml")
    return problems
