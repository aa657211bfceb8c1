"""Python-Markdown extension `studysite.tooltips` (in mkdocs.yml after `abbr`): Material's
abbreviation tooltips (content.tooltips), made to work for this site's terms.

The terms hook (hooks/page_terms.py) gives each page the abbreviation definitions of its
language, from the terminology data, as the `glossary` option of Python-Markdown's abbr
extension (definitions written on a page, `*[RA3]: ...`, work too). Abbr's tree processor is
replaced here, because it

- matches a name only between word boundaries, and a Korean name is followed by a particle
  (레드시프트는, 샤드를): here a name ending in Hangul may go on with one;
- marks every occurrence, which on a page about Redshift underlines 레드시프트 forty times:
  here names written in capitals (RA3, DPU, MSK) are marked everywhere, as abbreviations are,
  and other terms (레드시프트, 데이터 레이크) at their first use on the page only (an
  abbreviation inside a later use, the ETL of 제로 ETL, is still marked);
- matches case-sensitively: here a lower-case English term also matches capitalised at the
  start of a sentence and in the plural (Data lakes, shards);
- marks headings, links and code too: here never (a heading's tooltip would also end up in
  the table of contents' text, a link has its own).

The names of a set of definitions are compiled into one matcher, once (every page of a
language has the same set), and each text node is searched with it once, in document order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString

from . import wordmatch
from .hangul import HANGUL

WORD = f"0-9A-Za-z_{HANGUL}"
WORD_RE = re.compile(f"[{WORD}]")
SKIPPED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd"})


def _everywhere(name: str) -> bool:
    """An abbreviation (RA3, MSK, CLS): marked at every use."""
    return name.isascii() and name.upper() == name and any(c.isalpha() for c in name)


def _lower_english(name: str) -> bool:
    return name.islower() and name.isascii()


def _pattern(name: str) -> str:
    """The pattern of a name's uses, but for the word boundary on its left (Matcher.uses)."""
    lower = _lower_english(name)
    body = wordmatch.alternative(name, ignore_case=lower)
    if lower:
        body += "(?:e?s)?"  # data lake, Data lakes
    # After a name, a Korean particle may follow (RA3와, 레드시프트는), a Latin letter not.
    right = "" if re.search(f"[{HANGUL}]$", name) else "(?![0-9A-Za-z_])"
    return f"{body}{right}"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Matcher:
    """The compiled names of one set of definitions: every name (longest first, so that
    제로 ETL wins over ETL), the abbreviations alone, and each name by its folded form."""

    names: re.Pattern[str]
    abbreviations: re.Pattern[str] | None
    lookup: dict[str, str]

    @staticmethod
    def uses(
        pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """pattern's matches in text[start:end] that do not go on from a word on their left."""
        return wordmatch.bounded(pattern, text, WORD_RE, start, end)

    def name(self, found: str) -> str | None:
        """The defined name a match stands for (Data lakes -> data lake)."""
        key = _key(found)
        for candidate in (key, key.removesuffix("s"), key.removesuffix("es")):
            if candidate in self.lookup:
                return self.lookup[candidate]
        return None


@lru_cache(maxsize=16)
def matcher(names: tuple[str, ...]) -> Matcher:
    ordered = sorted(names, key=len, reverse=True)
    everywhere = [name for name in ordered if _everywhere(name)]
    return Matcher(
        names=re.compile("|".join(_pattern(name) for name in ordered)),
        abbreviations=re.compile("|".join(map(_pattern, everywhere))) if everywhere else None,
        lookup={_key(name): name for name in ordered},
    )


class TermTreeprocessor(AbbrTreeprocessor):
    """The abbr tree processor with the differences listed above."""

    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        self.matcher = matcher(tuple(self.abbrs))
        self.seen: set[str] = set()  # the titles marked so far: a term's first use is marked
        self._walk(root)
        return None

    def _walk(self, el: etree.Element) -> None:
        """Mark el's text, then each child's inside and its tail, in document order."""
        if el.tag in SKIPPED:
            return
        children = list(el)
        if el.text and not isinstance(el.text, AtomicString):
            el.text, marked = self._wrap(el.text)
            for index, abbr in enumerate(marked):
                el.insert(index, abbr)
        for child in children:
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, marked = self._wrap(child.tail)
                start = list(el).index(child) + 1
                for offset, abbr in enumerate(marked):
                    el.insert(start + offset, abbr)

    def _marks(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, title) of each use to mark in text: abbreviations everywhere, other
        terms at their first use on the page, and abbreviations inside a later use."""
        found: list[tuple[int, int, str]] = []
        for match in self.matcher.uses(self.matcher.names, text):
            name = self.matcher.name(match.group(0))
            title = self.abbrs.get(name) if name is not None else None
            if not title:
                continue
            if _everywhere(name) or title not in self.seen:
                self.seen.add(title)
                found.append((match.start(), match.end(), title))
            elif self.matcher.abbreviations is not None:
                found += self._inner(text, match.start(), match.end())
        return found

    def _inner(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """The abbreviations inside text[start:end], a later use of a term (제로 ETL)."""
        assert self.matcher.abbreviations is not None
        inner: list[tuple[int, int, str]] = []
        for match in self.matcher.uses(self.matcher.abbreviations, text, start, end):
            name = self.matcher.name(match.group(0))
            title = self.abbrs.get(name) if name is not None else None
            if title:  # not a first use: seen stays as it is
                inner.append((match.start(), match.end(), title))
        return inner

    def _wrap(self, text: str) -> tuple[str, list[etree.Element]]:
        """text up to its first mark, and the abbr elements of the marks (with their tails)."""
        if self.matcher.names.search(text) is None:  # most text nodes: one search, no more
            return text, []
        marks = self._marks(text)
        elements: list[etree.Element] = []
        for index, (start, end, title) in enumerate(marks):
            tail = text[end : marks[index + 1][0] if index + 1 < len(marks) else len(text)]
            elements.append(self.create_element(title, text[start:end], tail))
        return (text[: marks[0][0]] if marks else text), elements


class TermTooltipsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" not in md.treeprocessors:
            AbbrExtension().extendMarkdown(md)
        abbrs = md.treeprocessors["abbr"].abbrs  # the definitions abbr's block processor reads
        md.treeprocessors.register(TermTreeprocessor(md, abbrs), "abbr", 7)


def makeExtension(**kwargs: object) -> TermTooltipsExtension:  # Markdown's entry point
    return TermTooltipsExtension(**kwargs)
