"""The compiled-framework cache: a shortcut that is never wrong and never in the way."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from indicators import datacache, fwcache, loader
from indicators.loader import PACKAGE_DIR, load_framework
from indicators.models import Framework
from indicators.problems import InputError

FRAMEWORK = PACKAGE_DIR / "china-learning-city" / "framework.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LCITY_CACHE_DIR", str(folder))
    loader._load_path.cache_clear()
    yield folder
    loader._load_path.cache_clear()


@pytest.fixture
def parses(monkeypatch):
    """Counts how often a framework file is actually parsed (not taken from the cache)."""
    calls = []
    real = loader.load_text

    def counting(text, file="<string>"):
        calls.append(file)
        return real(text, file)

    monkeypatch.setattr(loader, "load_text", counting)
    return calls


def fresh_load(ref=FRAMEWORK) -> Framework:
    loader._load_path.cache_clear()  # as a new process would
    return load_framework(ref)


def test_second_run_reads_the_cache_instead_of_parsing(cache, parses):
    first = fresh_load()
    assert len(parses) == 1
    [entry] = cache.glob("framework-*.json")
    second = fresh_load()
    assert len(parses) == 1, "the second load must come from the cache"
    assert second.model_dump() == first.model_dump()
    assert second == first
    json.loads(entry.read_text(encoding="utf-8"))  # plain JSON, nothing executable


def test_json_round_trip_gives_an_equal_framework(cache):
    fw = fresh_load()
    again = Framework.model_validate_json(fw.model_dump_json())
    assert again.model_dump() == fw.model_dump()
    assert again.indicator("D1").rule == fw.indicator("D1").rule


def test_in_process_cache_is_kept(cache, parses):
    loader._load_path.cache_clear()
    a = load_framework("china-learning-city@1")
    b = load_framework("china-learning-city@1")
    assert a is b


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(b"\x80\x04\x95 not json"),
        lambda p: p.write_text('{"id": "x"}', encoding="utf-8"),
        lambda p: p.write_text("[]", encoding="utf-8"),
    ],
    ids=["truncated", "empty", "binary", "another-model", "not-an-object"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(cache, parses, damage):
    good = fresh_load()
    [entry] = cache.glob("framework-*.json")
    damage(entry)
    again = fresh_load()
    assert again.model_dump() == good.model_dump()
    assert len(parses) == 2
    Framework.model_validate_json(entry.read_bytes())  # rewritten whole
    fresh_load()
    assert len(parses) == 2


def test_an_entry_of_other_code_is_not_used(cache, parses, monkeypatch):
    fresh_load()
    monkeypatch.setattr(fwcache, "fingerprint", lambda: "other-code")
    fresh_load()
    assert len(parses) == 2
    assert len(list(cache.glob("framework-*.json"))) == 2


def test_the_fingerprint_covers_the_model_code():
    assert "models.py" in fwcache._CODE and "frameworkcheck.py" in fwcache._CODE
    assert fwcache.fingerprint() == fwcache.fingerprint()


def test_an_edited_framework_is_read_again(cache, parses, tmp_path):
    path = tmp_path / "fw" / "framework.yaml"
    path.parent.mkdir()
    path.write_bytes(FRAMEWORK.read_bytes())
    fresh_load(path)
    text = FRAMEWORK.read_text(encoding="utf-8").replace("- id: A2\n", "- id: A1\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        fresh_load(path)
    assert any(p.rule == "duplicate-id" for p in exc.value.problems)
    assert len(parses) == 2


def test_a_broken_framework_is_never_cached(cache, parses, tmp_path):
    path = tmp_path / "framework.yaml"
    path.write_text(FRAMEWORK.read_text(encoding="utf-8").replace("- id: A2\n", "- id: A1\n", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError) as exc:
            fresh_load(path)
        assert [p.rule for p in exc.value.problems].count("duplicate-id") == 1
    assert len(parses) == 2
    assert not list(cache.glob("framework-*.json")) if cache.exists() else True


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch, parses):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LCITY_CACHE_DIR", str(blocker / "cache"))
    fw = fresh_load()
    assert fw.ref == "china-learning-city@1"
    fresh_load()
    assert len(parses) == 2
    loader._load_path.cache_clear()


def test_read_only_cache_folder(tmp_path, monkeypatch, parses):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("LCITY_CACHE_DIR", str(folder))
    try:
        assert fresh_load().ref == "china-learning-city@1"
        assert not [p for p in folder.iterdir() if p.name.startswith(".framework-")]
    finally:
        folder.chmod(0o700)
        loader._load_path.cache_clear()


def test_first_run_with_a_read_only_home_works(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.write_text("HOME is a file here, so nothing can be created under it")
    monkeypatch.delenv("LCITY_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    assert fwcache.cache_dir() == home / ".cache" / "lcity"
    assert fresh_load().ref == "china-learning-city@1"
    loader._load_path.cache_clear()


def test_cache_folder_choice(monkeypatch, tmp_path):
    monkeypatch.setenv("LCITY_CACHE_DIR", str(tmp_path / "x"))
    assert fwcache.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("LCITY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert fwcache.cache_dir() == tmp_path / "xdg" / "lcity"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert fwcache.cache_dir() == Path(tmp_path / "h" / ".cache" / "lcity")


def test_writes_are_atomic(cache, monkeypatch):
    """The entry appears whole or not at all: it is written to a temporary file, then renamed."""
    replaced = []
    real = os.replace

    def spy(src, dst):
        replaced.append((Path(src).name, Path(dst).name))
        assert Framework.model_validate_json(Path(src).read_bytes())
        return real(src, dst)

    monkeypatch.setattr(datacache.os, "replace", spy)
    fresh_load()
    [(src, dst)] = replaced
    assert src.startswith(".framework-") and dst.startswith("framework-")
    assert [p.name for p in cache.iterdir()] == [dst]
