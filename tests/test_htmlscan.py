"""studysite.htmlscan (the regex tokenizer the post-build steps use in place of html.parser)
finds what html.parser finds: on every page of the built site and on hand-made edge cases.

The references below are the html.parser code the steps used before: what the security
policy hashes (inline scripts and styles, style attributes, event handlers) and what the
diagrams step sizes (<img> tags, their offsets and the article text before them).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from studysite import htmlscan
from studysite.steps import csp, diagrams


class _Positions(HTMLParser):
    def __init__(self, html: str, convert_charrefs: bool) -> None:
        super().__init__(convert_charrefs=convert_charrefs)
        self._lines = [0]
        for line in html.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))

    def here(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column


class ReferenceInline(_Positions):
    def __init__(self, html: str) -> None:
        super().__init__(html, convert_charrefs=False)
        self._html = html
        self._open: tuple[str, int] | None = None
        self.found = csp.InlineCode()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.handlers.append((self.getpos()[0], f"{name}={value!r}"))
            elif name == "style" and value is not None:
                self.found.style_attributes.append(value)
        runs = tag == "script" and "src" not in values
        if runs and (values.get("type") or "").lower() not in csp.SCRIPT_TYPES:
            runs = False
        if runs or tag == "style":
            self._open = (tag, self.here() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if self._open is None or self._open[0] != tag:
            return
        text = self._html[self._open[1] : self.here()]
        (self.found.scripts if tag == "script" else self.found.styles).append(text)
        self._open = None


class ReferenceImages(_Positions):
    def __init__(self, html: str) -> None:
        super().__init__(html, convert_charrefs=True)
        self._article = self._skip = self.text = 0
        self.images: list[diagrams.ImageTag] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article += 1
        elif tag in diagrams.SKIPPED_TEXT_TAGS:
            self._skip += 1
        elif tag == "img":
            start = self.here()
            raw = self.get_starttag_text() or ""
            self.images.append(diagrams.ImageTag(start, start + len(raw), dict(attrs), self.text))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1
        elif tag in diagrams.SKIPPED_TEXT_TAGS:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if self._article and not self._skip:
            self.text += len(" ".join(data.split()))


def reference_inline(html: str) -> csp.InlineCode:
    parser = ReferenceInline(html)
    parser.feed(html)
    parser.close()
    return parser.found


def reference_images(html: str) -> list[diagrams.ImageTag]:
    parser = ReferenceImages(html)
    parser.feed(html)
    parser.close()
    return parser.images


EDGE_CASES = {
    "quoted >": '<p title="a > b" style="color: red">x</p><img alt=\'1 > 0\' src="a.svg">',
    "comment hides markup": "<!-- <script>bad()</script> <img src=x.svg> --><p>t</p>",
    "script holds tags": "<script>if (a < b) { x('<img src=y.svg>') }</script><img src=z.svg>",
    "upper case": '<ARTICLE><P STYLE="margin:0" ONCLICK="go()">Hi</P><IMG SRC="a.svg"></ARTICLE>',
    "entities": "<article><p>a &amp; b &lt; c</p><img src=a.svg alt=&quot;q&quot;></article>",
    "json script": '<script type="application/json">{"a": "</p>"}</script><style>p{}</style>',
    "module script": '<script type="module">go()</script><script src="a.js"></script>',
    "unquoted and bare": "<input disabled value=x onfocus=f()><img src=b.svg hidden>",
    "unclosed script": "<p>text</p><script>never closed",
    "doctype and pi": "<!doctype html><?xml x?><article>one <b>two</b></article>",
    "nested articles": "<article>a<article>b</article>c<img src=d.svg></article>",
    "skipped text": "<article><script>x</script><style>y</style>z<img src=e.svg></article>",
    "bare on-names": '<p one styled style="a:b">x</p><p data-on="1" stylish onclick="f()">y</p>',
    "spaced equals": "<p style = 'c:d' onmouseover\n=\n\"g()\">z</p>",
    "multiline attrs": '<img\n  src="f.svg"\n  alt="two\nlines"\n  onload="x()">',
}


def assert_same(html: str) -> None:
    assert csp.inline_code(html) == reference_inline(html)
    assert diagrams.find_images(html) == reference_images(html)


@pytest.mark.parametrize("html", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_cases_match_html_parser(html: str) -> None:
    assert_same(html)


def test_every_built_page_matches_html_parser(site) -> None:
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 20
    found_images = found_scripts = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        try:
            assert_same(html)
        except AssertionError as error:
            raise AssertionError(f"{page.relative_to(site.root)}: {error}") from None
        found_images += len(reference_images(html))
        found_scripts += len(reference_inline(html).scripts)
    assert found_images and found_scripts  # the comparison saw what the steps work on


def test_tokens_give_text_between_tags() -> None:
    html = "<p>a &amp; b</p><script>x < y</script>"
    tokens = list(htmlscan.tokens(html))
    texts = [htmlscan.text_of(html, t) for t in tokens if isinstance(t, htmlscan.Text)]
    assert texts == ["a & b", "x < y"]
    tags = [(t.name, t.closing) for t in tokens if isinstance(t, htmlscan.Tag)]
    assert tags == [("p", False), ("p", True), ("script", False), ("script", True)]


@pytest.mark.parametrize(
    ("tag", "name", "value"),
    [
        ('<details class="question" open>', "open", ""),
        ('<details class="question">', "open", None),
        ("<abbr title='a &amp; b'>", "title", "a & b"),
        ('<a data-title="x" href=y>', "title", None),  # another attribute holds the name
        ('<a CLASS="md-button">', "class", "md-button"),
    ],
)
def test_one_attribute_reads_as_all_of_them(tag: str, name: str, value: str | None) -> None:
    (start,) = [t for t in htmlscan.tokens(tag) if isinstance(t, htmlscan.Tag)]
    assert start.attribute(name) == value
    attrs = dict(start.attrs)  # the same as every attribute parsed ("" for a bare one)
    assert value == (None if name not in attrs else attrs[name] or "")
