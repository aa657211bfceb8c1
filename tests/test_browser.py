"""The site as a reader's browser sees it: headless Chromium over a local static server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from pages import LANGUAGES, PAGE_IDS, PAGES, Page
from pageweight import first_view, total_sent

pytestmark = pytest.mark.browser

WEIGHT_BUDGET = 300 * 1024  # first view of a page, compressed, in bytes

UNDECODED_IMAGES = """
async () => {
  const failed = [];
  for (const img of document.images) {
    try { await img.decode(); } catch (e) { failed.push(img.currentSrc || img.src); }
    if (img.naturalWidth === 0) failed.push(img.currentSrc || img.src);
  }
  return failed;
}
"""

FONT_STATE = """
async () => {
  await document.fonts.ready;
  const faces = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Study Sans');
  const article = document.querySelector('article');
  return {
    loaded: faces.filter(f => f.status === 'loaded').map(f => f.weight),
    bodyFont: getComputedStyle(article).fontFamily,
    wordBreak: getComputedStyle(article).wordBreak,
  };
}
"""


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("site_page", PAGES, ids=PAGE_IDS)
def test_page_loads_offline_cleanly(page, base_url: str, site_page: Page, lang: str) -> None:
    origin = urlsplit(base_url).netloc
    foreign, failed, errors = [], [], []
    page.on(
        "request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc != origin else None
    )
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on(
        "response", lambda r: failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    response = page.goto(base_url + site_page.path(lang).lstrip("/"), wait_until="networkidle")
    assert response is not None and response.status == 200
    undecoded = page.evaluate(UNDECODED_IMAGES)
    fonts = page.evaluate(FONT_STATE)

    assert not foreign, f"requests to other hosts: {foreign}"
    assert not failed, f"failed requests: {failed}"
    assert not errors, f"console errors: {errors}"
    assert not undecoded, f"images that did not decode: {undecoded}"
    assert "400" in fonts["loaded"], f"site font not used: {fonts}"
    assert fonts["bodyFont"].startswith('"Study Sans"'), fonts
    assert fonts["wordBreak"] == "keep-all"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("site_page", PAGES, ids=PAGE_IDS)
def test_first_view_weight_is_within_budget(browser, base_url: str, site_page: Page, lang: str):
    transfers = first_view(browser, base_url + site_page.path(lang).lstrip("/"))
    assert any(t.url.endswith(".woff2") for t in transfers), "font not fetched: weight too low?"
    assert total_sent(transfers) <= WEIGHT_BUDGET, sorted(
        ((t.sent, t.url) for t in transfers), reverse=True
    )


def test_language_switcher_opens_the_same_section(page, base_url: str) -> None:
    page.goto(base_url + "redshift/#snapshots", wait_until="networkidle")
    for lang, path in (("en", "/en/redshift/"), ("ko", "/redshift/")):
        page.hover(".md-header__option .md-select")
        with page.expect_navigation():
            page.click(f"a.md-select__link[hreflang='{lang}']")
        page.wait_for_load_state("networkidle")
        assert urlsplit(page.url).path == path
        assert urlsplit(page.url).fragment == "snapshots"
        assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize(("lang", "query"), [("ko", "Redshift"), ("en", "Redshift")])
def test_search_box_finds_a_page(page, base_url: str, lang: str, query: str) -> None:
    page.goto(base_url + Page("", "index.md").path(lang).lstrip("/"), wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=30)
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(timeout=10_000)
    assert "redshift/" in (first.get_attribute("href") or "")


def test_theme_toggle_cycles_through_light_and_dark(page, base_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(base_url + "athena/", wait_until="networkidle")
    schemes = []
    for _ in range(3):
        page.locator("form[data-md-component='palette'] label:not([hidden])").click()
        schemes.append(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))
    assert "slate" in schemes and "default" in schemes, schemes


@pytest.mark.parametrize(
    ("path", "answer", "nav"),
    [
        ("redshift/", "향상된 VPC 라우팅", "쿼리와 분석"),
        ("en/redshift/", "Enhanced VPC Routing", "Query and analytics"),
    ],
)
def test_printing_a_page_shows_answers_and_hides_navigation(
    page, base_url: str, path: str, answer: str, nav: str
) -> None:
    """Ctrl+P: Chromium's own print path, as a reader's browser would print the page."""
    import io

    from pypdf import PdfReader

    page.goto(base_url + path, wait_until="networkidle")
    assert not page.locator("details.question").first.evaluate("d => d.open")
    pdf = page.pdf(format="A4", print_background=True)
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages
    )
    assert answer in text
    assert nav not in text  # the navigation sidebar is not printed
