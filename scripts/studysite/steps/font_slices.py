"""Which characters each page draws, in which weight, and the font slices that serve them.

site_font.py writes the slices; this module only reads pages and plans.

Why not the frequency slices of the large Korean webfont services (a hundred slices of about
a hundred syllables each, ordered by how common they are in Korean): this site uses about
530 syllables in all, and each Korean page draws about 60% of them, scattered over the
order. Simulated on the built site, such slices cost a Korean page 92-112 KB of font, no less
than the whole-site subset (99 KB). What does work is the same idea at the site's scale:
- a **common slice** per language and weight: printable ASCII and the characters drawn in
  that weight by at least COMMON_SHARE of that language's pages.
  Shared by the pages, so the browser's cache serves it from the second page on;
- per page and weight, a **page slice** with what else it draws at load, preloaded;
- and a **spare slice** with every other character the page may draw later (tooltips, the
  search dialog's messages, text a script shows, a guess of the weights below that was
  wrong). Its unicode-range makes the browser fetch it only if one of them is drawn, so
  nothing ever falls back to a system font, and a first view never pays for it.

Each slice's unicode-range is exactly its characters, so a browser fetches only what the page
draws. English pages have a common slice of ASCII and their few Hangul (the language menu's
"한국어") and no Korean slice at all.

The weight of a piece of text is read from the page's markup with Material's bold selectors
below (font-weight: 700 in Material 9.8's main.css and in extra.css): a guess, but only a
byte count depends on it. tests/test_site_font.py checks in Chromium that every page loads
exactly the faces it preloads, so a wrong guess shows there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape, unescape

from ..htmlscan import Tag, Text, tokens

# A common slice holds what at least this share of a language's pages draws in its weight.
COMMON_SHARE = 0.8
ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))
NBSP = "\u00a0"  # not printable to Python, but drawn (as a space) from the site font

# Text in these elements is bold (Material: `.md-typeset h4`, `table:not([class]) th`,
# `.md-typeset summary`; extra.css: h1, h2, the practice engine's legends and captions; the
# browser's own `b` and `strong`).
BOLD_TAGS = frozenset(
    {"b", "strong", "th", "h1", "h2", "h4", "h5", "h6", "summary", "legend", "caption"}
)
# ... and in elements of these classes (Material: admonition titles, the navigation's titles,
# buttons, footnote references, inline tooltips; extra.css: the PDF book link, the practice
# page's progress lines).
BOLD_CLASSES = frozenset(
    {"admonition-title", "md-nav__title", "md-button", "footnote-ref", "md-tooltip--inline",
     "pdf-book", "practice-progress", "quiz-letter"}
)  # fmt: skip
# ... and in children with these classes of a parent with the given class (Material:
# `.md-nav__item--section > .md-nav__link`, `.tabbed-labels > label`).
BOLD_CHILDREN = {"md-nav__item--section": "md-nav__link", "tabbed-labels": ""}
# `.md-header__topic:first-child`: the site name in the header.
FIRST_BOLD_CHILD = "md-header__topic"
# Not drawn when the page loads: these, and what a closed <details> holds but its <summary>
# (the answers to the questions). Elements with a `hidden` attribute count as drawn: the
# site's scripts and Material's show some of them at once (the practice buttons, "back to top").
UNDRAWN_TAGS = frozenset({"script", "style", "template", "noscript", "title", "head"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
LANG_RE = re.compile(r"<html\b[^>]*?\blang=[\"']?([A-Za-z-]+)")


@dataclass
class _Element:
    name: str
    classes: frozenset[str]
    bold: bool
    drawn: bool
    closed: bool = False  # a <details> without `open`
    children_with_topic: int = 0


@dataclass(frozen=True)
class PageText:
    """What one page draws at load, per weight, and in its language."""

    lang: str
    drawn: dict[int, frozenset[str]]  # weight: characters drawn when the page loads


def _classes(tag: Tag) -> frozenset[str]:
    value = tag.attribute("class")
    return frozenset(value.split()) if value else frozenset()


def _open(tag: Tag, parent: _Element) -> _Element:
    """The element a start tag opens, with its weight and whether it is drawn."""
    classes = _classes(tag)
    bold = parent.bold or tag.name in BOLD_TAGS or bool(classes & BOLD_CLASSES)
    for parent_class, child_class in BOLD_CHILDREN.items():
        if parent_class in parent.classes and (not child_class or child_class in classes):
            bold = True
    if FIRST_BOLD_CHILD in classes:
        parent.children_with_topic += 1
        bold = bold or parent.children_with_topic == 1
    folded = parent.closed and tag.name != "summary"
    drawn = parent.drawn and not folded and tag.name not in UNDRAWN_TAGS
    closed = tag.name == "details" and tag.attribute("open") is None
    return _Element(tag.name, classes, bold, drawn, closed)


def read_page(html: str) -> PageText:
    """The characters a built page draws at load in each weight (400, 700), and its language.

    Reads HTML as MkDocs writes it (htmlscan): an end tag closes the open element of its name
    and any left open inside it."""
    root = _Element("#document", frozenset(), bold=False, drawn=True)
    stack = [root]
    # Raw text per weight, unescaped once at the end (per text run it was the slow part).
    drawn: dict[int, list[str]] = {400: [], 700: []}
    for token in tokens(html):
        if isinstance(token, Text):
            top = stack[-1]
            if top.drawn and not top.closed:
                drawn[700 if top.bold else 400].append(html[token.start : token.end])
        elif token.closing:
            names = [element.name for element in stack]
            if token.name in names[1:]:
                del stack[len(names) - 1 - names[::-1].index(token.name) :]
        elif token.name not in VOID_TAGS and not token.attrs_text.rstrip().endswith("/"):
            stack.append(_open(token, stack[-1]))
            if token.name != "abbr" and stack[-1].drawn and not stack[-2].closed:
                # Material's tooltips (content.tooltips) draw the titles of links, labels
                # and buttons in bold as the page loads: Chromium fetched their faces within
                # 0.4 s of the load event. An abbreviation's is drawn on hover only.
                drawn[700].append(escape(token.attribute("title") or ""))
            if stack[-1].drawn and (template := token.attribute("data-template")):
                # A line a script writes from its template as the page loads (practice.js's
                # progress line), in the element's weight.
                drawn[700 if stack[-1].bold else 400].append(template)
    match = LANG_RE.search(html)
    return PageText(
        lang=match.group(1) if match else "",
        drawn={
            weight: frozenset(
                c for c in set(unescape("".join(runs))) if c.isprintable() or c == NBSP
            )
            for weight, runs in drawn.items()
        },
    )


def common_chars(pages: Sequence[PageText], weight: int) -> frozenset[str]:
    """The common slice of these pages (one language) in weight: ASCII and what at least
    COMMON_SHARE of them draw."""
    counts = Counter(c for page in pages for c in page.drawn[weight])
    needed = COMMON_SHARE * len(pages)
    return ASCII | {c for c, n in counts.items() if n >= needed}


def unicode_range(chars: Iterable[str]) -> str:
    """A CSS unicode-range for exactly these characters: U+41-5A,U+AC00,..."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    start = previous = None
    for point in [*points, None]:
        if previous is not None and point == previous + 1:
            previous = point
            continue
        if start is not None:
            parts.append(f"U+{start:X}" if start == previous else f"U+{start:X}-{previous:X}")
        start = previous = point
    return ",".join(parts)
