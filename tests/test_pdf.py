"""The PDF books: structure (pypdf), text (pdftotext, extracted once), Korean line breaking."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from conftest import LANGUAGES, SITE, BuiltSite, missing
from studysite import questions
from studysite.hangul import HANGUL_RE
from studysite.steps.pdf import book_pages
from studysite.terms import load_terms
from studysite.urls import resolve

BOOK_PAGES = book_pages(SITE)  # every page but the practice page
TOC_LINE = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


def flat(text: str) -> str:
    return " ".join(text.split())


def chapters(site: BuiltSite, lang: str) -> list[tuple[str, str]]:
    """(title, first text line) of every page, in navigation order, from the built site."""
    out = []
    for page in BOOK_PAGES:
        article = site.soup(page[lang].dest).select_one("article.md-content__inner")
        title = " ".join(article.find("h1").get_text().replace("¶", "").split())
        first = article.find(["li", "p"])
        out.append((title, " ".join(first.get_text().split())))
    return out


def outline(reader: PdfReader) -> list[tuple[str, int, list]]:
    """(title, page number, children) of the top-level bookmarks."""
    result = []
    items = list(reader.outline)
    for index, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = (
            items[index + 1]
            if index + 1 < len(items) and isinstance(items[index + 1], list)
            else []
        )
        result.append((item.title, reader.get_destination_page_number(item) + 1, children))
    return result


def contents_pages(reader: PdfReader) -> slice:
    """The pages of the table of contents (0-based): after the cover, before the first
    chapter."""
    return slice(1, outline(reader)[0][1] - 1)


def all_bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    """(title, page number) of every bookmark, in document order."""
    found: list[tuple[str, int]] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif isinstance(item, Destination):
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


@pytest.fixture(scope="module")
def readers(books: dict[str, Path]) -> dict[str, PdfReader]:
    """Each book opened once: pypdf parses an object when it is first read, then keeps it."""
    return {lang: PdfReader(path) for lang, path in books.items()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_books_exist_with_a_plausible_length(readers: dict[str, PdfReader], lang: str) -> None:
    reader = readers[lang]
    assert 20 <= len(reader.pages) <= 160, len(reader.pages)  # ~100 items and their keys
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in pt


@pytest.mark.parametrize("lang", LANGUAGES)
def test_outline_has_every_page_in_order_with_its_sections(
    site: BuiltSite, readers: dict[str, PdfReader], lang: str
) -> None:
    reader = readers[lang]
    top = outline(reader)
    assert [title for title, _, _ in top] == [title for title, _ in chapters(site, lang)]
    assert [page for _, page, _ in top] == sorted(page for _, page, _ in top)
    assert sum(1 for _, _, children in top if children) >= 10  # sections under each page
    assert all("\u2060" not in title for title, _ in all_bookmarks(reader))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contents_page_numbers_match_the_headings(
    readers: dict[str, PdfReader], book_pages: dict[str, list[str]], lang: str
) -> None:
    reader = readers[lang]
    headings = all_bookmarks(reader)  # in document order, like the contents
    text = "\n".join(book_pages[lang][contents_pages(reader)])
    entries = [m.groupdict() for m in map(TOC_LINE.match, text.splitlines()) if m]
    assert len(entries) >= 40, text[:500]
    position = 0
    for entry in entries:
        title = entry["title"].strip()
        while position < len(headings) and headings[position][0] != title:
            position += 1
        assert position < len(headings), f"contents entry without a heading: {title!r}"
        assert int(entry["page"]) == headings[position][1], title
    # The entries are links: clicking one goes to the page.
    links = [
        a
        for p in reader.pages[contents_pages(reader)]
        for a in (p.get("/Annots") or [])
        if a.get_object().get("/Subtype") == "/Link"
    ]
    assert len(links) >= len(entries)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded(readers: dict[str, PdfReader], lang: str) -> None:
    reader = readers[lang]
    seen = 0
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor").get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            seen += 1
    assert seen > 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_metadata(readers: dict[str, PdfReader], lang: str) -> None:
    reader = readers[lang]
    assert reader.metadata.title == SITE.language(lang).site_name
    assert reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cover_contents_and_text_extract(
    site: BuiltSite, book_pages: dict[str, list[str]], lang: str
) -> None:
    text = "\n".join(book_pages[lang])
    assert "\ufffd" not in text and "\u2060" not in text
    labels = SITE.labels(lang)
    cover, contents = flat(book_pages[lang][0]), flat(book_pages[lang][1])
    assert labels.book_edition in cover and labels.book_subtitle in cover
    assert re.search(r"\d{4}-\d{2}-\d{2}", cover)
    assert contents.startswith(labels.book_contents)
    everything = flat(text)
    for title, first_line in chapters(site, lang):
        assert title in everything, title
        sample = first_line[:30]
        assert sample in everything, f"{title}: {sample!r} not extracted"


def test_english_book_uses_the_english_diagrams(book_pages: dict[str, list[str]]) -> None:
    english, korean = ("\n".join(book_pages[lang]) for lang in ("en", "ko"))
    assert "parses the query, plans the execution" in english
    # Only the Korean redshift diagram says this (the glossary has 구문 분석 too).
    assert "실행 계획 수립" not in english
    assert "실행 계획 수립" in korean


def test_questions_print_with_their_answers(book_pages: dict[str, list[str]]) -> None:
    for lang, answer in (("ko", "향상된 VPC 라우팅"), ("en", "Enhanced VPC Routing")):
        assert answer in flat("\n".join(book_pages[lang]))


def _child_title(child: object) -> str | None:
    return child.title if isinstance(child, Destination) else None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_chapter_prints_its_items_then_their_answer_key(
    readers: dict[str, PdfReader], book_pages: dict[str, list[str]], lang: str
) -> None:
    """A workbook: a chapter prints its items numbered, with lettered options and no key;
    its last section is the answer key, every item's key and explanations in order."""
    labels, reader, texts = SITE.labels(lang), readers[lang], book_pages[lang]
    top = outline(reader)
    ends = [page for _, page, _ in top[1:]] + [len(texts) + 1]
    for page, (_, first, children), end in zip(BOOK_PAGES, top, ends, strict=True):
        items = [
            q
            for q in questions.parse(
                (SITE.docs_dir / page[lang].source).read_text(encoding="utf-8")
            )
            if q.id
        ]
        titles = [_child_title(child) for child in children]
        if not items:
            assert labels.quiz_answer_key not in titles, page.name
            continue
        assert titles[-1] == labels.quiz_answer_key, page.name
        key_page = reader.get_destination_page_number(children[-1]) + 1
        body = flat("\n".join(texts[first - 1 : key_page - 1]))
        key = flat("\n".join(texts[key_page - 1 : end - 1]))
        assert f"{labels.quiz_key}: " not in body, page.name  # no key under the questions
        for number, question in enumerate(items, 1):
            letters = ", ".join(o.letter for o in question.options if o.correct)
            assert f"{number}. {labels.quiz_key}: {letters}" in key, (page.name, number)
        for option in items[-1].options:
            assert f"{option.letter}." in body, (page.name, option.letter)


def test_cross_references_are_internal_links(readers: dict[str, PdfReader]) -> None:
    reader = readers[LANGUAGES[0]]
    home_pages = reader.pages[3:5]  # the home chapter links every other page
    internal = [
        a.get_object()
        for page in home_pages
        for a in page.get("/Annots") or []
        if "/Dest" in a.get_object() or a.get_object().get("/A", {}).get("/S") == "/GoTo"
    ]
    assert len(internal) >= len(BOOK_PAGES) - 1


def split_words(lines: list[str], words: set[str]) -> list[str]:
    """Korean words that a line break cut in two: the end of one line and the start of the
    next make a word of the source, and are not both words on their own."""
    found = []
    for upper, lower in itertools.pairwise(lines):
        if not upper.split() or not lower.split():
            continue
        head, tail = upper.split()[-1], lower.split()[0]
        joined = head + tail
        if HANGUL_RE.search(joined) and joined in words and not (head in words and tail in words):
            found.append(f"{head} / {tail}")
    return found


def source_words(site: BuiltSite, lang: str) -> set[str]:
    words: set[str] = set()
    for page in BOOK_PAGES:
        words.update(site.soup(page[lang].dest).select_one("article").get_text(" ").split())
    return words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_korean_word_is_split_across_lines(
    site: BuiltSite, book_pages: dict[str, list[str]], lang: str
) -> None:
    lines = "\n".join(book_pages[lang]).splitlines()
    assert not split_words(lines, source_words(site, lang))


@pytest.mark.pdf
def test_the_split_word_check_catches_a_broken_word(tmp_path: Path) -> None:
    """Without word joiners WeasyPrint breaks Korean words: the check above must see it."""
    import weasyprint

    tool = shutil.which("pdftotext")
    if tool is None:
        missing("pdftotext not installed (Debian package poppler-utils; make system-deps)")
    text = (
        "레드시프트는 데이터베이스이자 분석 엔진이며 열 지향 스토리지와 대규모 병렬 처리를 씁니다. "
        * 8
    )
    html = f"<html lang='ko'><body style='width: 7cm'><p>{text}</p></body></html>"
    weasyprint.HTML(string=html).write_pdf(tmp_path / "broken.pdf")
    extracted = subprocess.run(
        [str(tool), "-enc", "UTF-8", str(tmp_path / "broken.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert split_words(extracted.splitlines(), set(text.split()))


def test_every_page_links_its_own_language_book(hosted: BuiltSite) -> None:
    """Every page's footer links its language's book, there in the site as make build leaves
    it."""
    for page in BOOK_PAGES:
        for lang in LANGUAGES:
            link = hosted.soup(page[lang].dest).select_one("a.pdf-book")
            target = resolve(page[lang].url, link["href"])
            assert target is not None and target.path == SITE.pdf_path(lang)
            assert (hosted.root / target.path).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_is_the_books_appendix(
    readers: dict[str, PdfReader], book_pages: dict[str, list[str]], lang: str
) -> None:
    """The last chapter is the glossary (용어집, Glossary): a bookmark with its initials under
    it, one line in the contents with its page, every term's definition in its text."""
    assert SITE.glossary_page is not None and SITE.terms_file is not None
    title = SITE.page(SITE.glossary_page.as_posix())[lang].title
    assert title == {"ko": "용어집", "en": "Glossary"}[lang]
    reader = readers[lang]
    last_title, first_page, initials = outline(reader)[-1]
    assert last_title == title and len(initials) >= 15
    contents = [
        m.groupdict()
        for m in map(
            TOC_LINE.match, "\n".join(book_pages[lang][contents_pages(reader)]).splitlines()
        )
        if m
    ]
    assert contents[-1]["title"].strip() == title and int(contents[-1]["page"]) == first_page
    appendix = flat("\n".join(book_pages[lang][first_page - 1 :]))
    terms = load_terms(SITE.terms_file, SITE.codes).terms
    missing_terms = [t.id for t in terms if flat(t.definition[lang])[:30] not in appendix]
    assert not missing_terms


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_books_hold_the_new_pages_but_not_the_practice_page(
    readers: dict[str, PdfReader], lang: str
) -> None:
    titles = [title for title, _, _ in outline(readers[lang])]
    for name in ("kinesis.md", "compare.md"):
        assert SITE.page(name)[lang].title in titles, name
    assert SITE.practice_page is not None
    assert SITE.page(SITE.practice_page.as_posix())[lang].title not in titles
