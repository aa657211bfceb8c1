"""The site as a reader's browser sees it: headless Chromium over a local static server."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from conftest import LANGUAGES, PAGE_IDS, PAGES, SITE, BuiltSite, missing
from studysite.model import Page
from studysite.probe.page import (
    FIRST_VIEW_BUDGET,
    SCROLLED_IMAGES,
    Visit,
    budgeted,
    first_view,
    open_page,
    total_sent,
)
from studysite.probe.search import open_search, wait_for_result
from studysite.steps import csp

PRELOADED_FONT_RE = re.compile(r'<link rel="preload" href="([^"]+\.woff2)" as="font"')
# What each page's visit searches for once its first view is measured, and the page it finds.
SEARCH = {"ko": "레드시프트", "en": "redshift"}
SEARCH_PAGE = "redshift.md"

FONT_STATE = """() => {
  const faces = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Study Sans');
  const article = document.querySelector('article');
  return {
    loaded: faces.filter(f => f.status === 'loaded').map(f => f.weight),
    bodyFont: getComputedStyle(article).fontFamily,
    wordBreak: getComputedStyle(article).wordBreak,
  };
}"""


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def searched_pages(site: BuiltSite) -> set[tuple[str, str]]:
    """The (page, language) visits that also search: the first page of each language and
    search worker URL, the one part of a page's policy and paths that search uses (the home
    page's worker and index are a folder up from the others'). Searching on every page
    cost a third of each visit and tested nothing more: test_csp.py checks every page's
    policy allows its worker, test_hosting.py every link."""
    first: dict[tuple[str, str | None], tuple[str, str]] = {}
    for page in PAGES:
        for lang in LANGUAGES:
            html = (site.root / page[lang].dest).read_text(encoding="utf-8")
            first.setdefault((lang, csp.worker_url(html)), (page.name, lang))
    return set(first.values())


@pytest.fixture(scope="module")
def visits(browser, site: BuiltSite, base_url: str):
    """The first view of each page, made once for the tests below."""
    made: dict[str, Visit] = {}
    searched = searched_pages(site)
    assert len(searched) >= 2 * len(LANGUAGES), searched  # the home page and the others

    def visit(page: Page, lang: str) -> Visit:
        url = base_url + page[lang].url
        if url not in made:
            search = SEARCH[lang] if (page.name, lang) in searched else None
            made[url] = first_view(browser, url, {"fonts": FONT_STATE}, search=search)
        return made[url]

    return visit


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_loads_offline_cleanly(visits, base_url: str, page: Page, lang: str) -> None:
    """Nothing from another host, nothing failed, the site font, no Content-Security-Policy
    violation (steps/csp.py); on the pages that search (searched_pages), none either with
    search opened and its results shown."""
    visit = visits(page, lang)
    assert visit.violations == [], visit.violations
    if visit.searched:
        assert "/" + SITE.page(SEARCH_PAGE)[lang].url in visit.results[:3], visit.results
    origin = urlsplit(base_url).netloc
    assert visit.status == 200
    foreign = [url for url in visit.requests if urlsplit(url).netloc != origin]
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not visit.failed, f"failed requests: {visit.failed}"
    assert not visit.errors, f"console errors: {visit.errors}"
    assert not visit.undecoded, f"images that did not decode: {visit.undecoded}"
    fonts = visit.answers["fonts"]
    assert "400" in fonts["loaded"], f"site font not used: {fonts}"
    assert fonts["bodyFont"].startswith('"Study Sans"'), fonts
    assert fonts["wordBreak"] == "keep-all"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lazy_diagrams_load_when_scrolled_to(
    tab, site: BuiltSite, base_url: str, lang: str
) -> None:
    """Diagrams below the fold are lazy (studysite diagrams), sized, and load on scrolling."""
    lazy_pages = [
        page for page in PAGES if 'loading="lazy"' in (site.root / page[lang].dest).read_text()
    ]
    assert lazy_pages, "no page has a lazy diagram"
    for page in lazy_pages:
        open_page(tab, base_url + page[lang].url)
        sized = tab.evaluate("[...document.images].every(i => i.getAttribute('width') > 0)")
        assert sized, f"{page.name}: a diagram without its width and height"
        assert tab.evaluate(SCROLLED_IMAGES) == [], page.name


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_first_view_weight_is_within_budget(visits, site: BuiltSite, page: Page, lang: str) -> None:
    """Within budget, with no search index before search is opened (search-on-demand.js),
    and exactly the font slices the page preloads (steps/font_slices.py): a slice it draws at
    load but does not preload, or a spare slice fetched, would mean the weight guess is off."""
    transfers = visits(page, lang).transfers
    fonts = {urlsplit(t.url).path.rsplit("/", 1)[1] for t in transfers if t.url.endswith(".woff2")}
    html = (site.root / page[lang].dest).read_text(encoding="utf-8")
    preloaded = {href.rsplit("/", 1)[1] for href in PRELOADED_FONT_RE.findall(html)}
    assert fonts, "font not fetched: weight too low?"
    assert fonts == preloaded, (
        f"fetched, not preloaded: {fonts - preloaded}; the reverse: {preloaded - fonts}"
    )
    early = [t.url for t in transfers if "search_index" in t.url or "/workers/" in t.url]
    assert not early, f"search loaded before it was opened: {early}"
    counted = budgeted(transfers)
    assert total_sent(counted) <= FIRST_VIEW_BUDGET, sorted(
        ((t.sent, t.url) for t in counted), reverse=True
    )


def test_language_switcher_opens_the_same_section(tab, base_url: str) -> None:
    redshift = SITE.page("redshift.md")
    open_page(tab, base_url + redshift[LANGUAGES[0]].url + "#snapshots")
    for lang in (*LANGUAGES[1:], LANGUAGES[0]):
        tab.hover(".md-header__option .md-select")
        with tab.expect_navigation(wait_until="load"):
            tab.click(f"a.md-select__link[hreflang='{lang}']")
        assert urlsplit(tab.url).path == redshift[lang].path
        assert urlsplit(tab.url).fragment == "snapshots"
        assert tab.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_box_finds_a_page_as_typed(tab, base_url: str, lang: str) -> None:
    """The input path: keys typed into Material's search box reach the worker (Hangul typed
    without a keyup too: search-input.js); the recall of every query is test_search.py's."""
    home = SITE.home[lang]
    query, expected = {
        "ko": ("레드쉬프트 스냅샷", "redshift.md"),
        "en": ("Redshift", "redshift.md"),
    }[lang]
    open_search(tab, base_url + home.url)
    tab.keyboard.type(query, delay=25)
    pages = wait_for_result(tab, SITE.page(expected)[lang].path)
    assert all(p.startswith(f"/{SITE.language(lang).prefix}") for p in pages), pages


def test_theme_toggle_cycles_through_light_and_dark(tab, base_url: str) -> None:
    tab.emulate_media(color_scheme="light")
    open_page(tab, base_url + PAGES[1][LANGUAGES[0]].url)
    schemes = []
    for _ in range(3):
        tab.locator("form[data-md-component='palette'] label:not([hidden])").click()
        schemes.append(tab.evaluate("document.body.getAttribute('data-md-color-scheme')"))
    assert "slate" in schemes and "default" in schemes, schemes


def assert_site_font_only(pdf: bytes) -> None:
    """Every piece of text of a printed page is in the site font, or code in the monospace
    font: none in a fallback."""
    fonts: set[str] = set()

    def seen(text: str, _cm: object, _tm: object, font: dict | None, _size: object) -> None:
        if text.strip() and font is not None:
            fonts.add(str(font["/BaseFont"]).split("+")[-1])

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=seen)
    assert fonts and all(f.startswith(("StudySans-", "DejaVuSansMono")) for f in fonts), fonts


def test_printed_answers_are_in_the_site_font(tab, site: BuiltSite, base_url: str) -> None:
    """The practice page's folded answers hold characters no other text of the page has:
    they are in its spare font slices, which the first view does not fetch and printing
    must (steps/font_slices.py)."""
    practice = SITE.page("practice.md")[LANGUAGES[0]]
    html = (site.root / practice.dest).read_text(encoding="utf-8")
    faces = re.findall(r'src:url\("([^"]+\.woff2)"\)', html)
    assert set(faces) - set(PRELOADED_FONT_RE.findall(html)), "no spare slice on the page"
    open_page(tab, base_url + practice.url)
    assert_site_font_only(tab.pdf(format="A4", print_background=True))


@pytest.mark.parametrize(
    ("lang", "answer", "nav"),
    [
        ("ko", "향상된 VPC 라우팅", "쿼리와 분석"),
        ("en", "Enhanced VPC Routing", "Query and analytics"),
    ],
)
def test_printing_a_page_shows_answers_and_hides_navigation(
    tab, base_url: str, lang: str, answer: str, nav: str
) -> None:
    """Ctrl+P: Chromium's own print path, as a reader's browser would print the page."""
    open_page(tab, base_url + SITE.page("redshift.md")[lang].url)
    assert not tab.locator("details.quiz-answer").first.evaluate("d => d.open")
    pdf = tab.pdf(format="A4", print_background=True)
    assert_site_font_only(pdf)
    # pdftotext, not pypdf: pypdf puts a space wherever the font changes, and a word's
    # syllables can come from two font slices.
    tool = shutil.which("pdftotext") or missing("pdftotext (Debian package poppler-utils)")
    printed = subprocess.run(
        [tool, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    text = " ".join(printed.split())
    assert answer in text
    assert f"{SITE.labels(lang).quiz_key}: " in text  # the folded key prints open
    assert nav not in text  # the navigation sidebar is not printed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_term_shows_its_tooltip_on_hover(tab, base_url: str, lang: str) -> None:
    """Material's tooltip (content.tooltips) opens over an abbreviation with its definition."""
    open_page(tab, base_url + SITE.page("redshift.md")[lang].url)
    abbr = tab.locator("article abbr", has_text="RA3").first
    title = abbr.get_attribute("title")
    assert title
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = tab.locator(".md-tooltip2", has_text=title[:20])
    tooltip.wait_for(state="visible", timeout=5000)
