"""What the terminology data becomes on the built site: the glossary page in each language and
the tooltips on every other page; and the tooltip extension itself."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from conftest import LANGUAGES, PAGES, SITE, BuiltSite
from studysite import glossary
from studysite.model import Page
from studysite.terms import load_terms
from studysite.urls import resolve

assert SITE.terms_file is not None and SITE.glossary_page is not None
TERMS = load_terms(SITE.terms_file, SITE.codes).terms
GLOSSARY = SITE.page(SITE.glossary_page.as_posix())
assert SITE.practice_page is not None
PRACTICE = SITE.page(SITE.practice_page.as_posix())
CONTENT_PAGES = [page for page in PAGES if page not in (GLOSSARY, PRACTICE)]


def article(site: BuiltSite, relative: str) -> Tag:
    node = site.soup(relative).select_one("article.md-content__inner")
    assert node is not None
    return node


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


# --- The glossary page -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_lists_every_term_with_its_definition(site: BuiltSite, lang: str) -> None:
    body = article(site, GLOSSARY[lang].dest)
    entries = body.select("dl > dt[id^='term-']")
    assert [dt["id"] for dt in entries] == [
        f"term-{e.term.id}" for e in glossary.entries(TERMS, lang, SITE.codes[0])
    ]
    assert len(entries) == len(TERMS) >= 40
    ordered = [e.term for e in glossary.entries(TERMS, lang, SITE.codes[0])]
    for dt, term in zip(entries, ordered, strict=True):
        assert term.forms[lang] in text(dt)
        dd = dt.find_next_sibling("dd")
        assert term.definition[lang] in text(dd)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_entry_links_to_the_section_that_explains_it(site: BuiltSite, lang: str) -> None:
    page = GLOSSARY[lang]
    for dd in article(site, page.dest).select("dl > dd"):
        [link] = dd.find_all("a")
        target = resolve(page.url, link["href"])
        assert target is not None and target.fragment, link
        version = SITE.page_by_url(target.path)
        assert version is not None and version.lang == lang, link["href"]
        assert article(site, version.dest).find(id=target.fragment) is not None, link["href"]


def test_korean_entries_are_in_gana_order_and_english_ones_alphabetical(
    site: BuiltSite,
) -> None:
    korean = [h.get_text().strip("¶ ") for h in article(site, GLOSSARY["ko"].dest)("h2")]
    hangul = [h for h in korean if "ㄱ" <= h <= "ㅎ"]
    assert hangul == sorted(hangul) and korean[: len(hangul)] == hangul  # ㄱ ... ㅎ, then A-Z
    assert korean[len(hangul) :] == sorted(korean[len(hangul) :])
    names = [text(dt) for dt in article(site, GLOSSARY["ko"].dest).select("dt")]
    hangul_names = [n for n in names if "가" <= n[0] <= "힣"]
    assert hangul_names == sorted(hangul_names)
    english = [text(dt) for dt in article(site, GLOSSARY["en"].dest).select("dt")]
    keys = [re.sub(r"^(Amazon|AWS|Apache) ", "", name).casefold() for name in english]
    assert keys == sorted(keys)
    assert english.index("Amazon Quick Sight") < english.index("Amazon Redshift")  # Q before R


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_is_in_the_navigation(site: BuiltSite, lang: str) -> None:
    home = SITE.home[lang]
    nav = site.soup(home.dest).select_one("nav.md-nav--primary")
    assert nav is not None
    links = [resolve(home.url, a["href"]) for a in nav.select("a.md-nav__link[href]")]
    assert GLOSSARY[lang].url in {link.path for link in links if link is not None}


# --- Tooltips ----------------------------------------------------------------------------------


def standalone(form: str) -> re.Pattern[str]:
    """form as a word of its own; a Korean particle may follow (RA3와)."""
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![A-Za-z0-9_-])")


def abbreviations(site: BuiltSite, relative: str) -> list[tuple[str, str]]:
    return [(a.get_text(), a["title"]) for a in article(site, relative).find_all("abbr")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", CONTENT_PAGES, ids=[p.name for p in CONTENT_PAGES])
def test_every_abbreviation_on_a_page_has_its_tooltip(
    site: BuiltSite, page: Page, lang: str
) -> None:
    """Each abbreviation (RA3, DPU, MSK) the page's prose uses is marked with its tooltip,
    every time; no abbr sits in a heading, a link or code."""
    body = article(site, page[lang].dest)
    marked = abbreviations(site, page[lang].dest)
    tips = {term.forms[lang]: glossary.tooltip(term, lang) for term in TERMS}
    for term in TERMS:
        form = term.forms[lang]
        if not (form.isascii() and form.isupper()):
            continue
        prose = [
            node
            for node in body.find_all(string=standalone(form))
            if not node.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre"])
            and node.parent.name != "abbr"
        ]
        assert not prose, f"{form} unmarked in: {[str(n)[:60] for n in prose]}"
        for shown, title in marked:
            if shown == form:
                assert title == tips[form]
    assert not body.select(":is(h1, h2, h3, h4, h5, h6, a, code, pre) abbr")


@pytest.mark.parametrize(
    ("page", "lang", "shown", "term"),
    [
        ("redshift.md", "ko", "RA3", "ra3"),
        ("redshift.md", "en", "RPU", "rpu"),
        ("quicksight.md", "ko", "SPICE", "spice"),
        ("athena.md", "en", "DPU", "dpu"),
        ("redshift.md", "ko", "레드시프트", "redshift"),  # a Korean name before a particle
        ("redshift.md", "en", "columnar", "columnar"),
    ],
)
def test_terms_have_tooltips(site: BuiltSite, page: str, lang: str, shown: str, term: str) -> None:
    [wanted] = [t for t in TERMS if t.id == term]
    assert (shown, glossary.tooltip(wanted, lang)) in abbreviations(
        site, SITE.page(page)[lang].dest
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_term_that_is_no_abbreviation_is_marked_once(site: BuiltSite, lang: str) -> None:
    marked = abbreviations(site, SITE.page("redshift.md")[lang].dest)
    [term] = [t for t in TERMS if t.id == "redshift"]
    redshift = [shown for shown, title in marked if title == glossary.tooltip(term, lang)]
    assert len(redshift) == 1, redshift


def test_the_glossary_and_practice_pages_have_no_tooltips(site: BuiltSite) -> None:
    """The glossary defines the terms; the practice page's items link the pages that do."""
    for lang in LANGUAGES:
        assert abbreviations(site, GLOSSARY[lang].dest) == []
        assert abbreviations(site, PRACTICE[lang].dest) == []


def test_tooltips_do_not_print(site: BuiltSite) -> None:
    css = (site.root / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    print_css = css[css.index("@media print") :]
    assert re.search(r"abbr\[title\]\s*\{[^}]*text-decoration:\s*none", print_css)


def render(source: str) -> BeautifulSoup:
    html = markdown.markdown(source, extensions=["abbr", "studysite.tooltips"])
    return BeautifulSoup(html, "html.parser")


def test_the_extension_marks_korean_names_before_particles_once() -> None:
    soup = render(
        "# 레드시프트\n\n레드시프트는 빠름. 레드시프트의 RA3와 RA3.\n\n"
        "`RA3` [RA3](x) 나레드시프트\n\n*[레드시프트]: 웨어하우스\n*[RA3]: 노드\n"
    )
    assert [(a.get_text(), a["title"]) for a in soup("abbr")] == [
        ("레드시프트", "웨어하우스"),
        ("RA3", "노드"),
        ("RA3", "노드"),
    ]
    assert soup.h1.find("abbr") is None and soup.code.find("abbr") is None


def test_the_extension_matches_english_terms_capitalised_and_plural() -> None:
    soup = render("Data lakes hold data. A data lake.\n\n*[data lake]: Storage\n")
    assert [a.get_text() for a in soup("abbr")] == ["Data lakes"]
