"""The built site, read as files: pages, languages, switcher, headings, blocks, links."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import DOCS_DIR, LANGUAGES, PAGE_IDS, PAGES, SITE, BuiltSite
from studysite.model import Page, PageVersion
from studysite.urls import resolve

ASCII_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def article(soup: BeautifulSoup) -> Tag:
    node = soup.select_one("article.md-content__inner")
    assert node is not None, "page has no article"
    return node


def headings(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(tag, id) of every heading in the page's content, in order."""
    return [(h.name, h.get("id", "")) for h in article(soup).find_all(re.compile(r"^h[1-6]$"))]


def test_build_is_strict_and_clean(site: BuiltSite) -> None:
    assert "WARNING" not in site.log, site.log


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_is_built_where_the_model_says(site: BuiltSite, page: Page, lang: str) -> None:
    version = page[lang]
    assert (DOCS_DIR / version.source).is_file()
    h1 = article(site.soup(version.dest)).find("h1")
    assert " ".join(h1.get_text().replace("¶", "").split()) == version.title


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_diagrams_open_full_size(site: BuiltSite, page: Page, lang: str) -> None:
    for img in article(site.soup(page[lang].dest)).find_all("img"):
        link = img.find_parent("a")
        assert link is not None and link["href"] == img["src"], img["src"]


UI = {  # Material's UI strings come from the theme language; the palette toggle from mkdocs.yml
    "ko": ("검색", "콘텐츠로 이동", "어두운 테마로 전환"),
    "en": ("Search", "Skip to content", "Switch to dark mode"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_html_lang_and_ui_language(site: BuiltSite, page: Page, lang: str) -> None:
    soup = site.soup(page[lang].dest)
    search, skip, toggle = UI[lang]
    assert soup.html["lang"] == lang
    assert soup.select_one("input.md-search__input")["placeholder"] == search
    assert soup.select_one("a.md-skip").get_text(strip=True) == skip
    assert soup.select_one("label[for='__palette_2']")["title"] == toggle


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_language_switcher_keeps_the_page(site: BuiltSite, page: Page) -> None:
    for lang in LANGUAGES:
        soup = site.soup(page[lang].dest)
        menu = {
            a["hreflang"]: urljoin(page[lang].path, a["href"])
            for a in soup.select("a.md-select__link[hreflang]")
        }
        assert menu == {other: page[other].path for other in LANGUAGES}, lang
        # No head alternates: Material would fetch a sitemap.xml under each one (404s).
        assert not soup.select("link[rel=alternate][hreflang]")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_heading_ids_are_readable_ascii(site: BuiltSite, page: Page, lang: str) -> None:
    ids = [heading_id for _, heading_id in headings(site.soup(page[lang].dest))]
    bad = [heading_id for heading_id in ids if not ASCII_ID.match(heading_id)]
    assert not bad, f"headings without an explicit ASCII id: {bad}"
    assert len(ids) == len(set(ids)), "duplicate heading ids"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_both_languages_have_the_same_blocks(site: BuiltSite, page: Page) -> None:
    """Same images, corrections and questions, in the same order (the checker's I18N002
    compares headings and image counts in the Markdown; this compares the built blocks)."""

    def blocks(lang: str) -> list[str]:
        content = article(site.soup(page[lang].dest))
        found = []
        for node in content.select("img, .admonition, details"):
            if node.name == "img":
                found.append("img:" + PurePosixPath(urlsplit(node["src"]).path).name)
            else:
                found.append(node.name + ":" + " ".join(sorted(node.get("class", []))))
        return found

    assert blocks(LANGUAGES[0]) == blocks(LANGUAGES[1])


CORRECTION_LABELS = {
    "ko": ("강의 내용", "현재", "시점", "출처"),
    "en": ("The course said", "Now", "Since", "Source"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_corrections_say_what_changed(site: BuiltSite, page: Page, lang: str) -> None:
    for box in article(site.soup(page[lang].dest)).select(".admonition.correction"):
        text = box.get_text(" ", strip=True)
        for label in CORRECTION_LABELS[lang]:
            assert f"{label}:" in text, f"correction without '{label}': {text[:80]}"
        if page is not SITE.home:  # the home page's box explains the format, it cites nothing
            links = [a["href"] for a in box.find_all("a", href=True)]
            assert any(h.startswith("https://docs.aws.amazon.com/") for h in links), text[:80]


# The pipeline page is written from the diagram brief, not from the course: nothing to correct.
# Pages with no course claim to correct: the pipeline page, the pages added to the notes
# (Kinesis, the comparisons) and the generated ones (glossary, practice).
NOT_FROM_THE_COURSE = {
    "ingestion-pipeline.md",
    "kinesis.md",
    "compare.md",
    str(SITE.glossary_page),
    str(SITE.practice_page),
}


def test_every_service_page_has_corrections(site: BuiltSite) -> None:
    for page in PAGES:
        if page is SITE.home or page[LANGUAGES[0]].source in NOT_FROM_THE_COURSE:
            continue
        boxes = article(site.soup(page[LANGUAGES[0]].dest)).select(".admonition.correction")
        assert boxes, f"{page.name}: no correction box"


def test_redshift_question_is_collapsed_with_its_answer(site: BuiltSite) -> None:
    """The options show, the key does not until the reader opens it."""
    redshift = SITE.page("redshift.md")
    for lang, answer in (("ko", "향상된 VPC 라우팅"), ("en", "Enhanced VPC Routing")):
        question = article(site.soup(redshift[lang].dest)).select_one(
            'div.quiz[data-question-id="redshift-enhanced-vpc-routing"]'
        )
        assert question is not None, lang
        stem = question.select_one(".quiz-stem").get_text()
        assert answer not in stem
        assert answer in question.select_one("ol.quiz-options").get_text()
        folded = question.select_one("details.quiz-answer")
        assert not folded.has_attr("open"), "the key must stay hidden until opened"
        assert SITE.labels(lang).quiz_key in folded.get_text()


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_seed_typos_are_gone(site: BuiltSite, page: Page) -> None:
    text = article(site.soup(page[LANGUAGES[0]].dest)).get_text(" ")
    for typo in ("zlip", "떄문", "딸라", "빅테이터", "cloumn", "MKS", "레드쉬프트", "Alt text"):
        assert typo not in text, f"{page.name}: {typo!r}"


def link_targets(site: BuiltSite, version: PageVersion) -> set[str]:
    """Site-relative paths of the links in a page's content."""
    links = article(site.soup(version.dest)).find_all("a", href=True)
    return {t.path for link in links if (t := resolve(version.url, link["href"])) is not None}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_links_every_page(site: BuiltSite, lang: str) -> None:
    others = {page[lang].url for page in PAGES if page is not SITE.home}
    assert others <= link_targets(site, SITE.home[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_links_the_offline_copy(site: BuiltSite, lang: str) -> None:
    assert SITE.offline_zip in link_targets(site, SITE.home[lang])


def test_navigation_groups_are_translated(site: BuiltSite) -> None:
    """The sidebar's groups are mkdocs.yml's nav sections, in each language."""
    sections = [
        title
        for item in SITE.config.nav
        for title, value in item.items()
        if isinstance(value, list)
    ]
    translations = SITE.config.plugins["i18n"].config.languages[1].nav_translations

    def groups(lang: str) -> list[str]:
        nav = site.soup(SITE.home[lang].dest).select_one("nav.md-nav--primary")
        return [
            label.get_text(strip=True)
            for label in nav.select("li.md-nav__item--section > label.md-nav__link")
        ]

    assert len(sections) >= 5
    assert groups(LANGUAGES[0]) == sections
    assert groups(LANGUAGES[1]) == [translations[title] for title in sections]


def test_no_page_references_another_host_for_assets(site: BuiltSite) -> None:
    for html_file in sorted(site.root.rglob("*.html")):
        soup = site.soup(html_file.relative_to(site.root).as_posix())
        for node in soup.select("script[src], link[href], img[src], iframe[src], source[src]"):
            url = node.get("src") or node.get("href")
            if (
                node.name == "link"
                and "stylesheet" not in node.get("rel", [])
                and not any(
                    rel in node.get("rel", []) for rel in ("icon", "preload", "modulepreload")
                )
            ):
                continue  # canonical/alternate links are not requests
            assert not urlsplit(url).netloc, f"{html_file}: {url}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_footer_links_the_book_in_the_page_language(site: BuiltSite, page: Page, lang: str):
    labels = SITE.labels(lang)
    footer = site.soup(page[lang].dest).select_one(".md-copyright")
    text = " ".join(footer.get_text(" ").split())
    for label in (labels.pdf_book, labels.font_credit, labels.font_licence, labels.built_with):
        assert label in text
    link = footer.select_one("a.pdf-book")
    assert resolve(page[lang].url, link["href"]).path == SITE.pdf_path(lang)
