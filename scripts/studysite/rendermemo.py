"""Under `mkdocs serve`, a page whose inputs did not change since the last rebuild is not
converted from Markdown again: MkDocs has no partial rebuild that keeps the search index and
static-i18n whole (`--dirty` does neither), and converting the pages was 1.45 s of a 3.3 s
rebuild, to show the one page a save changed.

A page's conversion (mkdocs.structure.pages.Page.render) reads its final Markdown (after every
hook), its file's place, the site's files (links resolve against them), the Markdown
extensions with their options (abbr's per-page glossary included) and the validation
settings; and the data files the extensions read (the terms data). The memo's key holds all
of them: the Markdown itself and the options by value, the files as a digest of their paths
and URLs, the data files by size and modification time. What render sets on the page is
kept, and what it logged (a link to a missing page warns again on every rebuild). Anchor
links are kept by the linked file's path and resolved in the current build's files.

The memo lives in this module, which stays imported across rebuilds (the hook files are
loaded again for each); it holds the last build's pages only. tests/test_rendermemo.py builds
twice in one process, a page saved in between: only that page is converted again, and only
it and the search index differ from the build before.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

CAPTURED_LEVEL = logging.INFO  # what a conversion logs that `mkdocs serve` shows (not DEBUG)


@dataclass(frozen=True)
class Rendered:
    """What Page.render set on a page, and what it logged."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: tuple[logging.LogRecord, ...]


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0


@dataclass
class _Memo:
    build: str = ""  # the digest of this language build's files and data files (begin_build)
    kept: dict[str, Rendered] = field(default_factory=dict)  # the last whole build's pages
    used: dict[str, Rendered] = field(default_factory=dict)  # this whole build's, so far


memo = _Memo()
stats = Stats()


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def data_files(docs_dir: Path) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of every file under docs_dir that is not a page."""
    found = []
    for root, _dirs, names in os.walk(docs_dir):
        for name in names:
            if not name.endswith(".md"):
                path = Path(root) / name
                stat = path.stat()
                found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return sorted(found)


def begin_build(files: Files, config: MkDocsConfig) -> None:
    """A build starts (each language's, with static-i18n): note what every page shares."""
    places = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
    memo.build = _digest(places, data_files(Path(config.docs_dir)), config.validation)


def _key(page: Page, config: MkDocsConfig) -> str:
    file = page.file
    return _digest(
        memo.build,
        page.markdown,
        file.src_uri,
        file.dest_uri,
        file.url,
        config.markdown_extensions,
        config.mdx_configs,
        config.use_directory_urls,
    )


@contextmanager
def _captured() -> Iterator[list[logging.LogRecord]]:
    """The records logged meanwhile (at CAPTURED_LEVEL and above), wherever they go."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if all(record is not seen for seen in records):
                records.append(record)

    handler = Keep(CAPTURED_LEVEL)
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield records
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def _render(page: Page, config: MkDocsConfig, files: Files, render: Callable[..., Any]) -> Rendered:
    with _captured() as records:
        render(config, files)
    links = page.links_to_anchors
    return Rendered(
        page.content or "",
        page.toc,
        page._title_from_render,
        frozenset(page.present_anchor_ids or ()),
        None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        tuple(records),
    )


def _apply(page: Page, rendered: Rendered, files: Files) -> None:
    page.content = rendered.content
    page.toc = rendered.toc
    page._title_from_render = rendered.title
    page.present_anchor_ids = set(rendered.anchors)
    if rendered.links_to_anchors is not None:
        linked = {
            files.get_file_from_path(uri): dict(v) for uri, v in rendered.links_to_anchors.items()
        }
        page.links_to_anchors = {f: v for f, v in linked.items() if f is not None}
    for record in rendered.records:
        logging.getLogger(record.name).handle(record)


def memoize(page: Page) -> None:
    """Make this page's render answer from the memo when its key is known."""
    render = page.render

    def memoized(config: MkDocsConfig, files: Files) -> None:
        key = _key(page, config)
        rendered = memo.used.get(key) or memo.kept.get(key)
        if rendered is None:
            stats.misses += 1
            rendered = _render(page, config, files, render)
        else:
            stats.hits += 1
            _apply(page, rendered, files)
        memo.used[key] = rendered

    page.render = memoized  # type: ignore[method-assign]


def end_build() -> None:
    """The whole site is built (every language): keep this build's pages only."""
    memo.kept, memo.used = memo.used, {}
