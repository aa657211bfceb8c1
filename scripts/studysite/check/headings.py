"""Section-header rules: HDR001 to HDR004."""

from __future__ import annotations

from collections.abc import Iterator

from ..reading.document import Document, Heading
from .context import PageFile, Tree
from .findings import Problem


def check_page(page: PageFile, tree: Tree) -> Iterator[Problem]:
    """HDR001-HDR004 on one page."""
    document = page.document
    yield from _title(document)
    yield from _skipped_levels(document)
    yield from _empty_sections(document)
    yield from _duplicates(document)


def _title(document: Document) -> Iterator[Problem]:
    """HDR001: exactly one level-1 heading, and it comes first."""
    headings = document.headings
    titles = [h for h in headings if h.level == 1]
    if not headings:
        yield Problem("HDR001", 1, 1, "page has no heading; it needs one level-1 heading (# Title)")
    elif headings[0].level != 1:
        first = headings[0]
        yield Problem(
            "HDR001",
            first.line,
            first.column,
            f"first heading is level {first.level}; a page starts with one level-1 heading",
        )
    for extra in titles[1:]:
        yield Problem(
            "HDR001",
            extra.line,
            extra.column,
            f"second level-1 heading {extra.text!r}; a page has exactly one",
        )


def _skipped_levels(document: Document) -> Iterator[Problem]:
    """HDR002: a heading more than one level below the previous heading."""
    previous = 0
    for heading in document.headings:
        if previous and heading.level > previous + 1:
            yield Problem(
                "HDR002",
                heading.line,
                heading.column,
                f"heading level {heading.level} follows level {previous}: "
                f"level {previous + 1} is skipped",
            )
        previous = heading.level


def _empty_sections(document: Document) -> Iterator[Problem]:
    """HDR003: no content between a heading and the next heading of the same or higher level."""
    headings = document.headings
    content = sorted(document.content_lines)
    for index, heading in enumerate(headings):
        end = next(
            (h.line for h in headings[index + 1 :] if h.level <= heading.level),
            None,
        )
        has_content = any(heading.line < line and (end is None or line < end) for line in content)
        if not has_content:
            yield Problem(
                "HDR003",
                heading.line,
                heading.column,
                f"section {heading.text!r} is empty",
            )


def _duplicates(document: Document) -> Iterator[Problem]:
    """HDR004: the same text at the same level twice (the anchors would collide)."""
    seen: dict[tuple[int, str], Heading] = {}
    for heading in document.headings:
        key = (heading.level, heading.text.casefold())
        first = seen.get(key)
        if first is None:
            seen[key] = heading
        elif not (first.id and heading.id and first.id != heading.id):
            # Distinct explicit ids ({ #a } and { #b }) do not collide.
            yield Problem(
                "HDR004",
                heading.line,
                heading.column,
                f"heading {heading.text!r} repeats line {first.line} (same level): "
                "their anchors collide",
            )
