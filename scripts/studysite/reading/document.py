"""A page's headings, images, links and content blocks, with their source positions.

Parsed with markdown-it-py (CommonMark) plus the plugins that match this site's
Python-Markdown extensions: front matter, admonitions and collapsible blocks (`!!!`, `???`,
`???+`), footnotes, definition lists, tables; content tabs (`=== "Tab"`) are read as
admonitions (see TAB_RE). What is inside code (fenced, indented, inline) or an HTML comment is
never an image, a link or a heading; raw-HTML <img> and <a href> tags count.

Below both the site model and the checker: the model reads page titles here, the checker's
rules, the glossary and the practice page read pages here (`parse_file`, once per version).
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from .. import derived, questions
from ..filecache import FileCache
from ..questions import Question
from ..questions import parse as parse_questions
from .source import DecodeFailure, read_source

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# pymdownx.tabbed's `=== "Label"` opens a block of indented content, like an admonition. The
# admonition plugin reads it once the marker becomes `!!! tab` (only that line's columns move,
# and a tab's label line holds neither an image nor a heading).
TAB_RE = re.compile(r'^(\s*)===[!+]?(?= +")', re.MULTILINE)
# Python-Markdown's attr_list at the end of a heading: `## Title { #id .class }`. markdown-it's
# attrs plugin uses another syntax, so the few lines of parsing are written here.
HEADING_ATTRS_RE = re.compile(r"\s*\{:?([^{}]*)\}\s*$")
HEADING_ID_RE = re.compile(r"(?:^|\s)#([^\s#}]+)")
# Inline code spans, masked before looking for image markup in a paragraph's source.
CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
MD_IMAGE_RE = re.compile(r"(?<!\\)!\[")
HTML_IMG_RE = re.compile(r"<img\b", re.IGNORECASE)
HTML_A_RE = re.compile(r"<a\b", re.IGNORECASE)
# HTML that carries no content: comments, line breaks, whitespace.
TRIVIAL_HTML_RE = re.compile(r"<!--.*?-->|<br\s*/?>|\s+", re.DOTALL | re.IGNORECASE)
NOT_CONTENT = frozenset({"heading_open", "hr", "front_matter"})
CODE_BLOCKS = frozenset({"front_matter", "fence", "code_block"})


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # without the trailing attribute list
    id: str | None  # explicit id from `{ #id }`, if any
    line: int
    column: int


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None  # None: an HTML <img> without an alt attribute
    line: int
    column: int
    html: bool = False


@dataclass(frozen=True)
class Link:
    href: str
    line: int  # of the block that holds it (a reference link's target may be elsewhere)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]  # each cell's Markdown source, trimmed
    link: str | None  # the first cell's first link target, if it has one
    line: int


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]  # the header cells' Markdown source
    rows: tuple[TableRow, ...]
    line: int


@dataclass
class Document:
    headings: list[Heading] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # every link's target, in order
    content_lines: list[int] = field(default_factory=list)  # first line of each content block
    front_matter: str | None = None
    # 0-based [first, last) line ranges that hold no prose: front matter, fenced and indented code
    code_blocks: list[tuple[int, int]] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)  # review questions, in order
    tables: list[Table] = field(default_factory=list)  # pipe tables, in order


@cache
def _parser() -> MarkdownIt:
    # Imported here: a build whose pages are all in the parse cache never needs markdown-it.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = (
        MarkdownIt("commonmark", {"html": True})
        .use(front_matter_plugin)
        .use(admon_plugin)
        .use(footnote_plugin)
        .use(deflist_plugin)
        .enable("table")
    )
    # Inline parsing is most of the cost and only images and links need it: parse() runs it
    # just for the blocks whose text could hold one (see _needs_inline).
    parser.core.ruler.disable(["inline", "text_join"])
    return parser


def _needs_inline(token: Token) -> bool:
    """Whether a block's text could hold an image or a link: a `[` (Markdown images, inline
    and reference links), `<` (raw HTML, autolinks)."""
    content = token.content
    return "[" in content or "<" in content


class _TagParser(HTMLParser):
    """Collects the start tags of one kind with their positions inside an HTML fragment."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.found: list[tuple[dict[str, str | None], int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag:
            line, offset = self.getpos()
            self.found.append((dict(attrs), line, offset))

    handle_startendtag = handle_starttag


def _html_tags(fragment: str, tag: str) -> list[tuple[dict[str, str | None], int, int]]:
    parser = _TagParser(tag)
    try:
        parser.feed(fragment)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was found
        pass
    return parser.found


def mask_code_spans(text: str) -> str:
    """Blank out inline code spans, keeping every other character's offset."""
    return CODE_SPAN_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _position(lines: list[str], first: int, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset into "\\n".join(lines[first:...])."""
    line = first
    while offset > len(lines[line]):
        offset -= len(lines[line]) + 1
        line += 1
    return line + 1, offset + 1


def _heading(lines: list[str], token: Token, inline: Token) -> Heading:
    text = inline.content
    heading_id = None
    attrs = HEADING_ATTRS_RE.search(text)
    if attrs:
        text = text[: attrs.start()]
        found = HEADING_ID_RE.search(attrs.group(1))
        heading_id = found.group(1) if found else None
    first = token.map[0] if token.map else 0
    line = lines[first] if first < len(lines) else ""
    hash_at = line.find("#") if token.markup.startswith("#") else -1
    column = hash_at + 1 if hash_at >= 0 else len(line) - len(line.lstrip()) + 1
    return Heading(int(token.tag[1]), text.strip(), heading_id, first + 1, column)


def _inline_images(lines: list[str], inline: Token) -> list[Image]:
    """Images of a paragraph (Markdown and raw HTML), placed at their markup in the source."""
    assert inline.map is not None
    first, last = inline.map
    block = mask_code_spans("\n".join(lines[first:last]))
    md_spots = [m.start() for m in MD_IMAGE_RE.finditer(block)]
    html_spots = [m.start() for m in HTML_IMG_RE.finditer(block)]
    images: list[Image] = []
    md_index = html_index = 0
    for child in inline.children or []:
        if child.type == "image":
            spot = md_spots[md_index] if md_index < len(md_spots) else None
            md_index += 1
            line, column = _position(lines, first, spot) if spot is not None else (first + 1, 1)
            src = str(child.attrs.get("src", ""))
            images.append(Image(src, child.content.strip(), line, column))
        elif child.type == "html_inline" and HTML_IMG_RE.match(child.content):
            for attrs, _, _ in _html_tags(child.content, "img"):
                spot = html_spots[html_index] if html_index < len(html_spots) else None
                html_index += 1
                line, column = _position(lines, first, spot) if spot is not None else (first + 1, 1)
                images.append(Image(attrs.get("src") or "", attrs.get("alt"), line, column, True))
    return images


def _block_html_images(lines: list[str], token: Token) -> list[Image]:
    assert token.map is not None
    first, last = token.map
    found = _html_tags("\n".join(lines[first:last]), "img")
    return [
        Image(attrs.get("src") or "", attrs.get("alt"), first + line, offset + 1, True)
        for attrs, line, offset in found
    ]


def _inline_links(inline: Token) -> list[Link]:
    """The link targets of a paragraph: Markdown links (inline, reference, autolinks) and
    raw-HTML <a href>, at the paragraph's first line."""
    assert inline.map is not None
    line = inline.map[0] + 1
    links: list[Link] = []
    for child in inline.children or []:
        if child.type == "link_open":
            links.append(Link(str(child.attrs.get("href", "")), line))
        elif child.type == "html_inline" and HTML_A_RE.match(child.content):
            links += [
                Link(attrs["href"] or "", line)
                for attrs, _, _ in _html_tags(child.content, "a")
                if "href" in attrs
            ]
    return links


def _block_html_links(token: Token) -> list[Link]:
    assert token.map is not None
    found = _html_tags(token.content, "a")
    first = token.map[0]
    return [Link(attrs["href"] or "", first + line) for attrs, line, _ in found if "href" in attrs]


def _table(tokens: list[Token], start: int) -> Table:
    """The pipe table whose table_open is tokens[start]: its cells' source, row by row."""
    rows: list[tuple[list[str], str | None, int]] = []
    index = start
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append(([], None, (token.map or [0])[0] + 1))
        elif token.type == "inline" and rows:
            cells, link, line = rows[-1]
            if not cells and link is None:
                first = _inline_links(token) if token.children else []
                link = first[0].href if first else None
            cells.append(token.content.strip())
            rows[-1] = (cells, link, line)
        index += 1
    header, *body = rows
    return Table(
        tuple(header[0]),
        tuple(TableRow(tuple(cells), link, line) for cells, link, line in body),
        header[2],
    )


def _is_content(token: Token) -> bool:
    """A block that counts as a section's content (not a heading, rule or front matter, nor an
    HTML block of comments and line breaks only)."""
    return (
        token.map is not None
        and token.nesting >= 0
        and token.type not in NOT_CONTENT
        and token.type != "inline"
        and not (token.type == "html_block" and not TRIVIAL_HTML_RE.sub("", token.content))
    )


def parse(text: str) -> Document:
    """Parse a page's text (LF line endings) into its headings, images, links and content."""
    lines = text.split("\n")
    parser = _parser()
    env: dict = {}  # collects reference definitions, for reference-style images and links
    tokens = parser.parse(TAB_RE.sub(r"\1!!! tab", text), env)
    for token in tokens:
        if token.type == "inline" and _needs_inline(token):
            token.children = []
            parser.inline.parse(token.content, parser, env, token.children)
    document = Document(questions=parse_questions(text))
    for index, token in enumerate(tokens):
        if token.type in CODE_BLOCKS and token.map is not None:
            document.code_blocks.append((token.map[0], token.map[1]))
        if token.type == "front_matter":
            document.front_matter = token.content
        elif token.type == "heading_open":
            document.headings.append(_heading(lines, token, tokens[index + 1]))
        elif token.type == "table_open":
            document.tables.append(_table(tokens, index))
        elif token.type == "inline" and token.map and token.children:
            document.images.extend(_inline_images(lines, token))
            document.links.extend(_inline_links(token))
        elif token.type == "html_block":
            document.images.extend(_block_html_images(lines, token))
            document.links.extend(_block_html_links(token))
        if _is_content(token):
            document.content_lines.append(token.map[0] + 1)
    return document


# A page's parse on disk (derived.cached), keyed by its text and by what makes the parse: this
# module, the questions' parser and markdown-it's versions. Every build (the checker gate, the
# model's titles, the hooks) reads each page; a page that did not change is not parsed again.
PARSE_CACHE = derived.CACHE_ROOT / "parse"


@cache
def _parser_key() -> bytes:
    code = [Path(__file__).read_bytes(), Path(questions.__file__).read_bytes()]
    versions = f"{version('markdown-it-py')} {version('mdit-py-plugins')}".encode()
    return derived.digest([*code, versions]).encode()


def parse_cached(text: str) -> Document:
    """parse(text), from the parse cache when it holds this text's parse."""
    key = derived.digest([_parser_key(), text.encode("utf-8", "surrogatepass")])
    return derived.cached_value(
        PARSE_CACHE,
        f"{key}.pickle",
        lambda: parse(text),
        lambda document: pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL),
        _unpickled,
    )


def _unpickled(data: bytes) -> Document:
    document = pickle.loads(data)
    if not isinstance(document, Document):
        raise TypeError(f"not a Document: {type(document).__name__}")
    return document


def _read(path: Path) -> tuple[str, Document] | DecodeFailure:
    try:
        text = read_source(path).text
    except DecodeFailure as failure:
        return failure
    return text, parse_cached(text)


_read_files: FileCache[tuple[str, Document] | DecodeFailure] = FileCache()


def read_file(path: Path) -> tuple[str, Document] | DecodeFailure:
    """A page's text and its parse, or why it cannot be read, once per version of the file:
    what the checker reads (in its worker processes too, so that a worker imports no more
    than page reading), and what parse_file answers from in the same process."""
    return _read_files.get(path, _read)


def parse_file(path: Path) -> Document:
    """A page's file, parsed once per version of it: the build hooks ask for the same pages
    (their headings, front matter, questions) while building every page. Raises
    source.DecodeFailure for a file that is not UTF-8."""
    read = read_file(path)
    if isinstance(read, DecodeFailure):
        raise read
    return read[1]
