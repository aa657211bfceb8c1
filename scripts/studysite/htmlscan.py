"""The tags and text of a built HTML page, with their offsets: what the post-build steps that
edit pages in place need (the diagrams' sizes, the security policy's hashes).

Why by hand, and not Python's html.parser: that tokenizer is written in Python and took
0.7 s of every build to read the site's pages twice; these regular expressions give the
same tags, attributes and text (tests/test_htmlscan.py compares the two on every built
page) in a fraction of it. It reads HTML as MkDocs and Material write it: it is not a
general parser (no error recovery, no foreign content).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

# One markup token: a comment, a declaration or processing instruction, an end tag, a start
# tag (attribute values quoted with either quote may hold ">").
# Possessive (Python 3.11): a tag splits into runs and quoted values one way only, so the
# engine need not backtrack into them when a pattern after ATTRS fails.
ATTRS = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""  # a start tag's attributes, up to its ">"
COMMENT = r"<!--.*?(?:-->|\Z)"
TOKEN_RE = re.compile(
    rf"""{COMMENT}
      | <[!?][^>]*>
      | </(?P<end>[a-zA-Z][^\s/>]*)[^>]*>
      | <(?P<start>[a-zA-Z][^\s/>]*)(?P<attrs>{ATTRS})>""",
    re.S | re.X,
)
ATTRIBUTE_RE = re.compile(
    r"""(?P<name>[^\s"'>/=][^\s"'>/=]*)
        (?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]+)))?""",
    re.X,
)
RAW_TEXT = frozenset({"script", "style"})  # their text runs to their end tag, markup or not
RAW_TEXT_END = {name: re.compile(rf"</{name}(?=[\s/>])", re.I) for name in RAW_TEXT}


@dataclass(frozen=True, slots=True)
class Tag:
    """A start or end tag: its lower-case name and where it is in the page."""

    name: str
    start: int  # offset of its "<"
    end: int  # offset just after its ">"
    attrs_text: str = ""  # as written, between the name and the ">"
    closing: bool = False

    @property
    def attrs(self) -> tuple[tuple[str, str | None], ...]:
        return attributes(self.attrs_text)

    def attribute(self, wanted: str) -> str | None:
        """One attribute's value, unescaped ("" for a bare one); None when absent. Cheaper
        than attrs where a step reads one name of every tag: most tags lack it."""
        if wanted not in self.attrs_text.lower():
            return None
        for name, value in attributes(self.attrs_text):
            if name == wanted:
                return value or ""
        return None


def attributes(text: str) -> tuple[tuple[str, str | None], ...]:
    """A start tag's attributes (the text after its name): names in lower case, values
    unescaped (None for a bare one), as html.parser gives them."""
    found = []
    for match in ATTRIBUTE_RE.finditer(text):
        value = next((v for v in match.group("dq", "sq", "uq") if v is not None), None)
        found.append((match.group("name").lower(), None if value is None else unescape(value)))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Text:
    """Text between two tags (raw: entities as written)."""

    start: int
    end: int


def raw_text_end(html: str, name: str, start: int) -> int:
    """Where the text of a <script> or <style> that starts at start ends: at its end tag."""
    close = RAW_TEXT_END[name].search(html, start)
    return close.start() if close else len(html)


def tokens(html: str, text: bool = True) -> Iterator[Tag | Text]:
    """The page's tags and (unless text is false) the text between them, in order; comments
    and declarations left out. The text of a <script> or <style> is one Text."""
    position = 0
    search = TOKEN_RE.search
    while (match := search(html, position)) is not None:
        at = match.start()
        if text and at > position:
            yield Text(position, at)
        position = match.end()
        kind = match.lastgroup
        if kind == "end":
            yield Tag(match.group("end").lower(), at, position, closing=True)
        elif kind == "attrs":
            name = match.group("start").lower()
            yield Tag(name, at, position, match.group("attrs"))
            if name in RAW_TEXT:
                end = raw_text_end(html, name, position)
                if text and end > position:
                    yield Text(position, end)
                position = end
    if text and position < len(html):
        yield Text(position, len(html))


def text_of(html: str, text: Text) -> str:
    """The text as a reader sees it: entities replaced."""
    return unescape(html[text.start : text.end])
