"""The offline copy (make build): a second build with OFFLINE=true, opened from disk (file://)
in Chromium, where everything works; and its zip, with the PDF books in it."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES, SITE
from studysite.model import Site
from studysite.probe.page import SCROLLED_IMAGES, open_page
from studysite.probe.search import open_search, shown_results, wait_for_result
from studysite.probe.violations import violations, watch
from studysite.steps import csp, offline
from studysite.steps.job import Job


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request", lambda r: foreign.append(r.url) if urlsplit(r.url).scheme != "file" else None
    )
    yield page
    assert not foreign, f"the offline copy asked the network for: {foreign}"
    context.close()


def file_path(offline_dir: Path, dest: str) -> str:
    """The URL path of a built file opened from disk."""
    return urlsplit((offline_dir / dest).as_uri()).path


def test_navigation_and_images_work_from_disk(tab, offline_site: Site, offline_dir: Path):
    for page in offline_site.pages:  # the model knows the offline copy's URLs
        for version in page.versions.values():
            assert version.url == version.dest and version.url.endswith(".html")
            assert (offline_dir / version.dest).is_file()
    home, redshift = offline_site.home[LANGUAGES[0]], offline_site.page("redshift.md")
    open_page(tab, (offline_dir / home.dest).as_uri())
    with tab.expect_navigation(wait_until="load"):
        tab.locator("nav.md-nav--primary a.md-nav__link", has_text="Amazon Redshift").first.click()
    assert urlsplit(tab.url).path == file_path(offline_dir, redshift[LANGUAGES[0]].dest)
    assert tab.locator("article h1").inner_text().startswith(redshift[LANGUAGES[0]].title)
    assert tab.evaluate("document.images.length") >= 2
    assert tab.evaluate(SCROLLED_IMAGES) == []  # lazy diagrams too, once scrolled to


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("ko", "아테나는", "athena.md"),
        ("ko", "레드쉬프트", "redshift.md"),
        ("en", "Redshift snapshots", "redshift.md"),
    ],
)
def test_search_works_from_disk(tab, offline_site: Site, offline_dir: Path, lang, query, expected):
    home = offline_site.home[lang]
    open_search(tab, (offline_dir / home.dest).as_uri())
    tab.keyboard.type(query, delay=25)
    target = offline_site.page(expected)[lang]
    pages = wait_for_result(tab, file_path(offline_dir, target.dest))
    own = file_path(offline_dir, offline_site.language(lang).prefix)
    if lang == LANGUAGES[0]:  # the other language's pages sit in a folder below the default's
        others = [file_path(offline_dir, o.prefix) for o in offline_site.languages[1:]]
        assert not any(p.startswith(tuple(others)) for p in pages), pages
    assert all(p.startswith(own) for p in pages), pages


def test_language_switcher_works_from_disk(tab, offline_site: Site, offline_dir: Path) -> None:
    athena = offline_site.page("athena.md")
    open_page(tab, (offline_dir / athena[LANGUAGES[0]].dest).as_uri())
    tab.hover(".md-header__option .md-select")
    with tab.expect_navigation(wait_until="load"):
        tab.click(f"a.md-select__link[hreflang='{LANGUAGES[1]}']")
    assert urlsplit(tab.url).path == file_path(offline_dir, athena[LANGUAGES[1]].dest)
    assert tab.evaluate("document.documentElement.lang") == LANGUAGES[1]


def test_the_zip_holds_the_copy_and_the_books(
    offline_dir: Path, books: dict[str, Path], tmp_path: Path
) -> None:
    """`studysite offline` packs the offline build into the main site, books included."""
    main_site = tmp_path / "site"
    for lang, book in books.items():
        (main_site / SITE.pdf_path(lang)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(book, main_site / SITE.pdf_path(lang))
    offline.run(Job(SITE, offline_dir, main_site=main_site))
    archive = zipfile.ZipFile(main_site / SITE.offline_zip)
    names = set(archive.namelist())
    folder = SITE.offline_folder
    for language in SITE.languages:
        assert f"{folder}/{language.prefix}index.html" in names
        assert f"{folder}/{language.prefix}search/search_index.js" in names
    for lang, book in books.items():
        assert archive.read(f"{folder}/{SITE.pdf_path(lang)}") == book.read_bytes()


# The site font, measured: the article's heading is as wide as in the fallback fonts only if
# it is not drawn in the site font (from file://, a font file is a CORS request that Chromium
# blocks; a face that misses the first paint under `font-display: optional` is never used).
HEADING_WIDTHS = """() => {
  const heading = document.querySelector(".md-content article h1");
  const range = document.createRange();
  range.selectNodeContents(heading);
  const site = range.getBoundingClientRect().width;
  const stack = getComputedStyle(heading).fontFamily;
  heading.style.fontFamily = stack.replace(/"Study Sans",\\s*/, "");
  const fallback = range.getBoundingClientRect().width;
  heading.style.fontFamily = "";
  return { stack, site, fallback };
}"""


# The first text node of the article outside its headings: body text, the regular weight.
FIRST_PARAGRAPH = """() => {
  const article = document.querySelector(".md-content article");
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const holder = walker.currentNode.parentElement;
    if (walker.currentNode.data.trim() && !holder.closest("h1, h2, h3, h4, strong, b, a, code")) {
      holder.dataset.fontProbe = "";
      return holder.tagName;
    }
  }
  return null;
}"""


def drawn_in(tab, selector: str) -> set[str]:
    """The fonts Chromium drew an element's text in (DevTools protocol)."""
    cdp = tab.context.new_cdp_session(tab)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return {
            font["familyName"]
            for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        }
    finally:
        cdp.detach()


@pytest.fixture(scope="module")
def unzipped(offline_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy as a reader has it: zipped by `studysite offline`, then unzipped."""
    work = tmp_path_factory.mktemp("unzipped")
    offline.run(Job(SITE, offline_dir, main_site=work / "site"))
    with zipfile.ZipFile(work / "site" / SITE.offline_zip) as archive:
        archive.extractall(work / "copy")
    return work / "copy" / SITE.offline_folder


def _site_font_drawn(tab, page: Path) -> None:
    widths = tab.evaluate(HEADING_WIDTHS)
    assert widths["stack"].startswith('"Study Sans"'), (page, widths)
    assert widths["site"] != widths["fallback"], (page, widths)
    assert drawn_in(tab, ".md-content article h1") == {"Study Sans"}, page
    assert tab.evaluate(FIRST_PARAGRAPH), page
    assert drawn_in(tab, "[data-font-probe]") == {"Study Sans"}, page


def _search_shows_results(tab) -> None:
    tab.keyboard.press("/")
    tab.keyboard.type("redshift")
    tab.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert shown_results(tab)


def test_every_page_of_the_unzipped_copy_draws_the_site_font_cleanly(
    browser, offline_site: Site, unzipped: Path
) -> None:
    """Every page of both languages from the unzipped copy, loaded once: its text drawn in the
    site font; no console error and no security-policy violation; on one page of each search
    worker URL (the one part of the policy search adds), search opened, with results
    (test_csp.py checks every page's policy allows its worker's iframe)."""
    versions = [version for page in offline_site.pages for version in page.versions.values()]
    assert {version.lang for version in versions} == set(LANGUAGES)
    articles = {unzipped / version.dest for version in versions}
    # The 404 pages last: from disk, their site-root links fail, and those errors may be
    # logged after the next page has started loading.
    pages = sorted(unzipped.rglob("*.html"), key=lambda p: (p.name == "404.html", p))
    assert articles <= set(pages)
    searched = {
        csp.worker_url(p.read_text("utf-8")): p for p in reversed(pages) if p.name != "404.html"
    }
    assert len(searched) >= len(LANGUAGES)  # the root's pages and the /en/ folder's
    context = watch(browser.new_context())
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda error: errors.append(str(error)))
        for page in pages:
            errors.clear()
            open_page(tab, page.as_uri())
            if page in articles:  # not the 404 pages: from disk, nothing ever shows them
                _site_font_drawn(tab, page)
            if page in searched.values():
                _search_shows_results(tab)
            assert violations(tab) == [], page
            if page in articles:
                assert errors == [], (page, errors)
    finally:
        context.close()
