"""The built site, read as files: pages, images, languages, switcher, headings."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import DOCS_DIR, BuiltSite
from pages import LANGUAGES, PAGE_IDS, PAGES, Page

ASCII_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PLACEHOLDER_ALTS = {"alt text", "image", "img", "이미지", "그림", "diagram", "picture"}


def article(soup: BeautifulSoup) -> Tag:
    node = soup.select_one("article.md-content__inner")
    assert node is not None, "page has no article"
    return node


def headings(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(tag, id) of every heading in the page's content, in order."""
    return [(h.name, h.get("id", "")) for h in article(soup).find_all(re.compile(r"^h[1-6]$"))]


def resolve(page_file: str, src: str) -> str:
    """The site-relative file an URL in page_file points to."""
    path = unquote(urlsplit(src).path)
    if path.startswith("/"):
        target = PurePosixPath(path.lstrip("/"))
    else:
        target = PurePosixPath(page_file).parent / path
    parts: list[str] = []
    for part in target.parts:
        if part == "..":
            assert parts, f"{src} escapes the site from {page_file}"
            parts.pop()
        elif part != ".":
            parts.append(part)
    resolved = "/".join(parts)
    return resolved + "index.html" if path.endswith("/") or not parts else resolved


def test_build_is_strict_and_clean(site: BuiltSite) -> None:
    assert "WARNING" not in site.log, site.log


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_exists_in_both_languages(site: BuiltSite, page: Page, lang: str) -> None:
    assert (site.root / page.html_file(lang)).is_file()
    assert (DOCS_DIR / page.markdown(lang)).is_file()


def test_every_img_resolves_to_a_file(site: BuiltSite) -> None:
    checked = 0
    for html_file in sorted(site.root.rglob("*.html")):
        relative = html_file.relative_to(site.root).as_posix()
        for img in site.soup(relative).find_all("img"):
            src = img.get("src", "")
            assert src, f"{relative}: <img> without src"
            if src.startswith("data:"):
                continue
            assert not urlsplit(src).netloc, f"{relative}: external image {src}"
            target = resolve(relative, src)
            assert (site.root / target).is_file(), f"{relative}: {src} -> {target} missing"
            checked += 1
    assert checked >= 18, f"expected the nine diagrams in both languages, found {checked} images"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_images_have_real_alt_text(site: BuiltSite, page: Page, lang: str) -> None:
    for img in article(site.soup(page.html_file(lang))).find_all("img"):
        alt = (img.get("alt") or "").strip()
        name = PurePosixPath(urlsplit(img["src"]).path).stem
        assert len(alt) >= 20, f"{img['src']}: alt text too short: {alt!r}"
        assert alt.lower() not in PLACEHOLDER_ALTS | {name}, f"{img['src']}: placeholder alt"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_diagrams_open_full_size(site: BuiltSite, page: Page, lang: str) -> None:
    for img in article(site.soup(page.html_file(lang))).find_all("img"):
        link = img.find_parent("a")
        assert link is not None and link["href"] == img["src"], img["src"]


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_html_lang_and_ui_language(site: BuiltSite, page: Page) -> None:
    ko, en = site.soup(page.html_file("ko")), site.soup(page.html_file("en"))
    assert ko.html["lang"] == "ko"
    assert en.html["lang"] == "en"
    # Material's UI strings come from the theme language; the palette toggle from mkdocs.yml.
    for soup, search, skip, toggle in (
        (ko, "검색", "콘텐츠로 이동", "어두운 테마로 전환"),
        (en, "Search", "Skip to content", "Switch to dark mode"),
    ):
        assert soup.select_one("input.md-search__input")["placeholder"] == search
        assert soup.select_one("a.md-skip").get_text(strip=True) == skip
        assert soup.select_one("label[for='__palette_2']")["title"] == toggle


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_language_switcher_keeps_the_page(site: BuiltSite, page: Page) -> None:
    for lang in LANGUAGES:
        soup = site.soup(page.html_file(lang))
        menu = {
            a["hreflang"]: urljoin(page.path(lang), a["href"])
            for a in soup.select("a.md-select__link[hreflang]")
        }
        assert menu == {other: page.path(other) for other in LANGUAGES}, lang
        # No head alternates: Material would fetch a sitemap.xml under each one (404s).
        assert not soup.select("link[rel=alternate][hreflang]")


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_english_headings_match_korean(site: BuiltSite, page: Page) -> None:
    ko = headings(site.soup(page.html_file("ko")))
    en = headings(site.soup(page.html_file("en")))
    assert ko == en
    assert ko[0][0] == "h1"
    assert sum(1 for tag, _ in ko if tag == "h1") == 1


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_heading_ids_are_readable_ascii(site: BuiltSite, page: Page, lang: str) -> None:
    ids = [heading_id for _, heading_id in headings(site.soup(page.html_file(lang)))]
    bad = [heading_id for heading_id in ids if not ASCII_ID.match(heading_id)]
    assert not bad, f"headings without an explicit ASCII id: {bad}"
    assert len(ids) == len(set(ids)), "duplicate heading ids"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_both_languages_have_the_same_blocks(site: BuiltSite, page: Page) -> None:
    """Same images, corrections and questions, in the same order."""

    def blocks(lang: str) -> list[str]:
        content = article(site.soup(page.html_file(lang)))
        found = []
        for node in content.select("img, .admonition, details"):
            if node.name == "img":
                found.append("img:" + PurePosixPath(urlsplit(node["src"]).path).name)
            else:
                found.append(node.name + ":" + " ".join(sorted(node.get("class", []))))
        return found

    assert blocks("ko") == blocks("en")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_corrections_say_what_changed(site: BuiltSite, page: Page, lang: str) -> None:
    labels = {
        "ko": ("강의 내용", "현재", "시점", "출처"),
        "en": ("The course said", "Now", "Since", "Source"),
    }[lang]
    for box in article(site.soup(page.html_file(lang))).select(".admonition.correction"):
        text = box.get_text(" ", strip=True)
        for label in labels:
            assert f"{label}:" in text, f"correction without '{label}': {text[:80]}"
        if page.slug:  # the home page's box explains the format, it cites nothing
            links = [a["href"] for a in box.find_all("a", href=True)]
            assert any(h.startswith("https://docs.aws.amazon.com/") for h in links), text[:80]


def test_every_page_but_home_has_corrections(site: BuiltSite) -> None:
    for page in PAGES[1:]:
        if page.slug == "ingestion-pipeline":
            continue
        boxes = article(site.soup(page.html_file("ko"))).select(".admonition.correction")
        assert boxes, f"{page.slug}: no correction box"


def test_redshift_question_is_collapsed_with_its_answer(site: BuiltSite) -> None:
    for lang, answer in (("ko", "향상된 VPC 라우팅"), ("en", "Enhanced VPC Routing")):
        questions = article(site.soup(PAGES[2].html_file(lang))).select("details.question")
        assert len(questions) == 1, lang
        assert not questions[0].has_attr("open"), "the answer must stay hidden until opened"
        summary = questions[0].find("summary").get_text()
        assert "VPC" in summary and answer not in summary
        assert answer in questions[0].get_text()


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_seed_typos_are_gone(site: BuiltSite, page: Page) -> None:
    text = article(site.soup(page.html_file("ko"))).get_text(" ")
    for typo in ("zlip", "떄문", "딸라", "빅테이터", "cloumn", "MKS", "레드쉬프트", "Alt text"):
        assert typo not in text, f"{page.slug}: {typo!r}"


def test_home_links_every_page(site: BuiltSite) -> None:
    for lang in LANGUAGES:
        home = article(site.soup(PAGES[0].html_file(lang)))
        hrefs = {a["href"].rstrip("/") for a in home.find_all("a", href=True)}
        for page in PAGES[1:]:
            assert page.slug in {h.split("/")[-1] for h in hrefs}, f"{lang}: {page.slug}"


def test_navigation_groups_are_translated(site: BuiltSite) -> None:
    def groups(lang: str) -> list[str]:
        nav = site.soup(PAGES[0].html_file(lang)).select_one("nav.md-nav--primary")
        return [
            label.get_text(strip=True)
            for label in nav.select("li.md-nav__item--section > label.md-nav__link")
        ]

    ko, en = groups("ko"), groups("en")
    assert ko == ["쿼리와 분석", "ETL과 데이터 카탈로그", "스트리밍", "시각화", "파이프라인"]
    assert en == [
        "Query and analytics",
        "ETL and data catalog",
        "Streaming",
        "Visualization",
        "Pipeline",
    ]


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
