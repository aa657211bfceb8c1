"""Which characters a page draws in which weight, and the slices planned from that
(steps/font_slices.py). The browser's side (every page fetches exactly the slices it
preloads) is test_browser.py's first-view test."""

from __future__ import annotations

import pytest

from studysite.steps.font_slices import (
    ASCII,
    COMMON_SHARE,
    PageText,
    common_chars,
    read_page,
    unicode_range,
)

# One syllable per piece of text, none repeated.
PAGE = """<!doctype html><html lang="ko"><head><title>갑</title>
<script>var x = "을";</script><style>p::before { content: "병" }</style></head>
<body><header><div class="md-header__title"><div class="md-header__topic">정</div>
<div class="md-header__topic">무</div></div>
<label class="md-header__button" title="기"></label></header>
<nav><li class="md-nav__item md-nav__item--section"><a class="md-nav__link">경</a><ul>
<li><a class="md-nav__link" href="x/">신</a></li></ul></li></nav>
<article><h1>임</h1><h3>계</h3><p>자 <strong>축</strong> <abbr title="묘">인</abbr></p>
<details class="question"><summary>진</summary><p>사 <b>오</b></p></details>
<details open><summary>미</summary><p>유</p></details>
<p hidden>술</p><img src="a.png" alt="해"><br><svg><path d="M0"/></svg>
<p class="practice-progress" data-template="{total}문제 중 {known}문제" hidden></p>
<table><tr><th>월</th><td>화</td></tr></table></article></body></html>"""


@pytest.fixture(scope="module")
def page() -> PageText:
    return read_page(PAGE)


def test_the_language_is_the_html_element_s(page: PageText) -> None:
    assert page.lang == "ko"


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("자", 400),
        ("계", 400),  # Material's h3
        ("화", 400),
        ("무", 400),  # the header's second topic
        ("신", 400),  # a link in a section's list
        ("인", 400),  # an abbreviation
        ("축", 700),
        ("임", 700),  # extra.css: h1, h2
        ("진", 700),  # summary
        ("월", 700),  # th
        ("정", 700),  # .md-header__topic:first-child
        ("경", 700),  # .md-nav__item--section > .md-nav__link
        ("기", 700),  # a label's title: Material's tooltip, drawn at load
        ("미", 700),  # an open details' summary
        ("유", 400),  # ... and its content
        ("술", 400),  # hidden elements count as drawn (scripts show some at once)
        ("중", 700),  # a line practice.js writes from its template, in its (bold) weight
    ],
)
def test_text_is_drawn_in_its_weight(page: PageText, text: str, weight: int) -> None:
    other = 400 if weight == 700 else 700
    assert text in page.drawn[weight] and text not in page.drawn[other]


@pytest.mark.parametrize("text", ["갑", "을", "병", "사", "오", "묘", "해"])
def test_what_is_not_drawn_at_load_is_in_neither_weight(page: PageText, text: str) -> None:
    """The title, scripts, styles, a closed details' answer, an abbreviation's tooltip (drawn
    on hover) and an image's alt text: left to the spare slice."""
    assert text not in page.drawn[400] | page.drawn[700]


def test_the_common_slice_is_ascii_and_what_most_pages_draw() -> None:
    pages = [PageText("ko", {400: frozenset("가나다"), 700: frozenset()}) for _ in range(4)]
    pages.append(PageText("ko", {400: frozenset("가나라"), 700: frozenset()}))
    assert COMMON_SHARE == 0.8  # 4 of 5 pages: 다 is common, 라 is not
    assert common_chars(pages, 400) == ASCII | set("가나다")
    assert common_chars(pages, 700) == ASCII


def test_a_unicode_range_holds_exactly_its_characters() -> None:
    assert unicode_range("ABCE가") == "U+41-43,U+45,U+AC00"
    assert unicode_range("") == ""


def test_the_cached_reading_of_every_built_page_equals_a_fresh_one(site) -> None:
    """site_font caches read_page by the page's HTML and this module's source."""
    from studysite.steps.site_font import _read_page

    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert _read_page(html) == _read_page(html) == read_page(html), path
