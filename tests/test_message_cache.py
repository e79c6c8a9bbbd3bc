"""The merged message catalogs kept in lcity's cache: a shortcut that is never stale and never in the way."""

from __future__ import annotations

import json
import os

import pytest

from indicators import messages
from indicators.messages import CATALOG_DIR, catalog


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LCITY_CACHE_DIR", str(folder))
    catalog.cache_clear()
    yield folder
    catalog.cache_clear()


@pytest.fixture
def catalogs(tmp_path):
    folder = tmp_path / "messages"
    folder.mkdir()
    (folder / "en.yaml").write_text("greeting: 'Hello, {name}'\nbye: Goodbye\n", encoding="utf-8")
    (folder / "en.more.yaml").write_text("later: See you later\n", encoding="utf-8")
    return folder


def entries(cache):
    return sorted(p for p in cache.iterdir() if p.name.startswith("messages-")) if cache.exists() else []


def test_the_packaged_catalog_read_from_the_cache_is_the_one_parsed(cache):
    parsed = catalog("zh")
    [entry] = entries(cache)
    catalog.cache_clear()
    assert catalog("zh") == parsed
    assert json.loads(entry.read_bytes()) == parsed
    assert len(parsed) > 500


def test_an_entry_is_used_instead_of_parsing(cache, catalogs, monkeypatch):
    catalog("en", catalogs)
    catalog.cache_clear()
    monkeypatch.setattr(messages, "_load", lambda *a: pytest.fail("parsed although an entry was there"))
    assert catalog("en", catalogs)["later"] == "See you later"


def test_an_edited_catalog_never_meets_its_old_entry(cache, catalogs):
    assert catalog("en", catalogs)["bye"] == "Goodbye"
    (catalogs / "en.yaml").write_text("greeting: 'Hello, {name}'\nbye: Farewell\n", encoding="utf-8")
    catalog.cache_clear()
    assert catalog("en", catalogs)["bye"] == "Farewell"
    assert len(entries(cache)) == 2


def test_a_catalog_with_a_key_twice_is_refused_and_never_cached(cache, catalogs):
    (catalogs / "en.more.yaml").write_text("bye: again\n", encoding="utf-8")
    with pytest.raises(ValueError, match="defines bye again"):
        catalog("en", catalogs)
    assert entries(cache) == []


@pytest.mark.parametrize("bad", [b"{not json", b'["a list"]', b'{"bye": 3}', b""])
def test_a_corrupt_entry_is_ignored_and_rewritten(cache, catalogs, bad):
    catalog("en", catalogs)
    [entry] = entries(cache)
    entry.write_bytes(bad)
    catalog.cache_clear()
    assert catalog("en", catalogs)["bye"] == "Goodbye"
    assert json.loads(entry.read_bytes())["bye"] == "Goodbye"


def test_an_entry_others_could_have_written_is_not_believed(cache, catalogs):
    catalog("en", catalogs)
    [entry] = entries(cache)
    entry.write_text(json.dumps({"greeting": "planted", "bye": "planted", "later": "planted"}))
    entry.chmod(0o666)
    catalog.cache_clear()
    assert catalog("en", catalogs)["bye"] == "Goodbye"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_an_entry_does_not_hang(cache, catalogs):
    catalog("en", catalogs)
    [entry] = entries(cache)
    entry.unlink()
    os.mkfifo(entry)
    catalog.cache_clear()
    assert catalog("en", catalogs)["bye"] == "Goodbye"


def test_an_unwritable_cache_still_gives_the_catalog(tmp_path, monkeypatch, catalogs):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LCITY_CACHE_DIR", str(blocker / "cache"))
    catalog.cache_clear()
    try:
        assert catalog("en", catalogs)["greeting"] == "Hello, {name}"
        assert catalog("en") and CATALOG_DIR.is_dir()
    finally:
        catalog.cache_clear()
