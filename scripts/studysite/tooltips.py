"""Python-Markdown extension `studysite.tooltips` (in mkdocs.yml after `abbr`): Material's
abbreviation tooltips (content.tooltips), made to work for this site's terms.

The terms hook (hooks/page_terms.py) appends each page's abbreviation definitions (`*[RA3]: ...`)
from the terminology data; Python-Markdown's abbr extension reads them. Its tree processor
is replaced here, because it

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
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString

from .hangul import HANGUL

WORD = f"0-9A-Za-z_{HANGUL}"
SKIPPED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd"})


def _everywhere(name: str) -> bool:
    """An abbreviation (RA3, MSK, CLS): marked at every use."""
    return name.isascii() and name.upper() == name and any(c.isalpha() for c in name)


def _lower_english(name: str) -> bool:
    return name.islower() and name.isascii()


def _pattern(name: str) -> str:
    body = r"\s+".join(re.escape(word) for word in name.split())
    if _lower_english(name):
        body = f"(?i:{body})(?:e?s)?"  # data lake, Data lakes
    left = f"(?<![{WORD}])" if re.match(f"[{WORD}]", name) else ""
    # After a name, a Korean particle may follow (RA3와, 레드시프트는), a Latin letter not.
    right = "" if re.search(f"[{HANGUL}]$", name) else "(?![0-9A-Za-z_])"
    return f"{left}{body}{right}"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class TermTreeprocessor(AbbrTreeprocessor):
    """The abbr tree processor with the differences listed above."""

    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        names = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile("|".join(_pattern(name) for name in names))
        self.lookup = {_key(name): name for name in names}
        self.iter_element(root)
        self._first_uses_only(root)
        # A later use of a term may hold an abbreviation (제로 ETL, Amazon EMR): mark that.
        everywhere = [name for name in names if _everywhere(name)]
        if everywhere:
            self.RE = re.compile("|".join(_pattern(name) for name in everywhere))
            self.iter_element(root)
            for abbr in root.iter("abbr"):
                abbr.attrib.pop("data-term", None)
        return None

    def _name(self, found: str) -> str | None:
        key = _key(found)
        for candidate in (key, key.removesuffix("s"), key.removesuffix("es")):
            if candidate in self.lookup:
                return self.lookup[candidate]
        return None

    def _wrap(self, text: str) -> tuple[str, list[etree.Element]]:
        """text up to its first match, and the abbr elements for the rest (with tails)."""
        assert self.RE is not None
        elements: list[etree.Element] = []
        for match in reversed(list(self.RE.finditer(text))):
            name = self._name(match.group(0))
            if name is None or not self.abbrs[name]:
                continue
            abbr = self.create_element(self.abbrs[name], match.group(0), text[match.end() :])
            abbr.set("data-term", name)
            elements.insert(0, abbr)
            text = text[: match.start()]
        return text, elements

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        # As AbbrTreeprocessor.iter_element, but skipping the inside of SKIPPED elements
        # (their tail is text of the parent, and is searched).
        if el.tag not in SKIPPED:
            for child in reversed(el):
                self.iter_element(child, el)
            if el.text and not isinstance(el.text, AtomicString):
                el.text, elements = self._wrap(el.text)
                for index, abbr in enumerate(elements):
                    el.insert(index, abbr)
        if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
            el.tail, elements = self._wrap(el.tail)
            start = list(parent).index(el) + 1
            for offset, abbr in enumerate(elements):
                parent.insert(start + offset, abbr)

    @staticmethod
    def _first_uses_only(root: etree.Element) -> None:
        """Unwrap every later use of a term that is not an abbreviation."""
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        for abbr in [e for e in root.iter("abbr") if e.get("data-term") is not None]:
            name = abbr.attrib.pop("data-term")
            title = abbr.get("title", "")
            if _everywhere(name) or title not in seen:
                seen.add(title)
                continue
            parent = parents[abbr]
            index = list(parent).index(abbr)
            text = (abbr.text or "") + (abbr.tail or "")
            if index == 0:
                parent.text = (parent.text or "") + text
            else:
                previous = parent[index - 1]
                previous.tail = (previous.tail or "") + text
            parent.remove(abbr)


class TermTooltipsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" not in md.treeprocessors:
            AbbrExtension().extendMarkdown(md)
        abbrs = md.treeprocessors["abbr"].abbrs  # the definitions abbr's block processor reads
        md.treeprocessors.register(TermTreeprocessor(md, abbrs), "abbr", 7)


def makeExtension(**kwargs: object) -> TermTooltipsExtension:  # Markdown's entry point
    return TermTooltipsExtension(**kwargs)
