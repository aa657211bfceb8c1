"""The content-keyed cache (studysite.derived) and the pages' parses kept in it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import DOCS_DIR
from studysite import derived
from studysite.reading import document


def test_cached_makes_once_then_reads(tmp_path: Path) -> None:
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"bytes"

    assert derived.cached(tmp_path, "key", make) == b"bytes"
    assert derived.cached(tmp_path, "key", make) == b"bytes"
    assert made == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["key"]  # no temporary file left


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert derived.cached(blocked / "cache", "key", lambda: b"made") == b"made"


def test_prune_keeps_what_was_used(tmp_path: Path) -> None:
    derived.cached(tmp_path, "old", lambda: b"1")
    derived.cached(tmp_path, "new", lambda: b"2")
    os.utime(tmp_path / "old", (0, 0))  # last used in 1970
    assert derived.prune(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["new"]


@pytest.mark.parametrize("page", sorted(DOCS_DIR.glob("*.md")), ids=lambda p: p.name)
def test_a_cached_parse_is_a_fresh_parse(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    document.parse_cached(text)  # stored, if it was not
    assert document.parse_cached(text) == document.parse(text)


def test_a_damaged_entry_is_parsed_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(document, "PARSE_CACHE", tmp_path)
    text = "# Title { #title }\n\nA [link](a.md).\n"
    fresh = document.parse_cached(text)
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(b"not a pickle")
    assert document.parse_cached(text) == fresh == document.parse(text)


def test_another_parser_is_another_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The key names the parser's code: a change to it (here, its key) parses again."""
    monkeypatch.setattr(document, "PARSE_CACHE", tmp_path)
    document.parse_cached("# A\n")
    monkeypatch.setattr(document, "_parser_key", lambda: b"another parser")
    document.parse_cached("# A\n")
    assert len(list(tmp_path.iterdir())) == 2
