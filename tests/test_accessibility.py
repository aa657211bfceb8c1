"""WCAG 2.2 AA, measured with axe-core (npm) in headless Chromium: every page in both
languages and both colour schemes, as loaded, with its review questions open, and with the
search dialog open and showing results."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DOCS_DIR, LANGUAGES, PAGE_IDS, PAGES, SITE, missing
from studysite.model import Page
from studysite.probe.axe import Violation, audit
from studysite.probe.search import load_queries, open_search
from studysite.probe.violations import violations as csp_violations
from studysite.probe.violations import watch

QUERIES = load_queries(Path(__file__).parent / "data" / "search-queries.yml")
# Material's body attribute for each scheme the browser can prefer (palette in mkdocs.yml).
SCHEMES = {"light": "default", "dark": "slate"}


def has_questions(page: Page, lang: str) -> bool:
    """Whether the page's source has a collapsible block (pymdownx.details: ??? or ???+)."""
    text = (DOCS_DIR / page[lang].source).read_text(encoding="utf-8")
    return any(line.lstrip().startswith("???") for line in text.splitlines())


QUESTION_PAGES = [
    pytest.param(page, lang, id=f"{page.name}-{lang}")
    for page in PAGES
    for lang in LANGUAGES
    if has_questions(page, lang)
]


@pytest.fixture(scope="module")
def axe_script() -> Path:
    from studysite.node import axe_script as find

    script = find()
    if script is None:
        missing("axe-core is not installed (npm; make installs it into node_modules)")
    return script


@pytest.fixture(scope="module", params=list(SCHEMES), ids=list(SCHEMES))
def scheme_tab(request, browser):
    """A tab whose browser prefers the light or the dark colour scheme."""
    context = watch(
        browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 900})
    )
    yield request.param, context.new_page()
    context.close()


def load(tab, url: str) -> None:
    """Open a page as axe needs it: loaded, its fonts in (the search worker is not needed)."""
    tab.goto(url, wait_until="load")
    tab.evaluate("document.fonts.ready.then(() => true)")


def assert_accessible(tab, axe_script: Path, scheme: str) -> None:
    applied = tab.evaluate("() => document.body.dataset.mdColorScheme")
    assert applied == SCHEMES[scheme], f"the {scheme} scheme did not apply: {applied}"
    found: list[Violation] = audit(tab, axe_script)
    report = "\n".join(str(v) for v in found)
    assert not found, f"{tab.url} ({scheme}):\n{report}"
    # The same state, under the page's Content-Security-Policy: nothing refused.
    assert csp_violations(tab) == [], tab.url


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_has_no_axe_violations(
    scheme_tab, axe_script: Path, base_url: str, page: Page, lang: str
) -> None:
    scheme, tab = scheme_tab
    load(tab, base_url + page[lang].url)
    assert_accessible(tab, axe_script, scheme)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_has_no_axe_violations(
    scheme_tab, axe_script: Path, base_url: str, lang: str
) -> None:
    scheme, tab = scheme_tab
    load(tab, base_url + SITE.language(lang).prefix + "404.html")
    assert tab.evaluate("document.documentElement.lang") == lang
    assert_accessible(tab, axe_script, scheme)


@pytest.mark.parametrize(("page", "lang"), QUESTION_PAGES)
def test_open_review_questions_have_no_axe_violations(
    scheme_tab, axe_script: Path, base_url: str, page: Page, lang: str
) -> None:
    scheme, tab = scheme_tab
    load(tab, base_url + page[lang].url)
    summaries = tab.locator("article details:not([open]) > summary")
    assert summaries.count() > 0, "the page has no collapsed question to open"
    for _ in range(summaries.count()):
        summaries.nth(0).click()  # the clicked one leaves the :not([open]) list
    assert tab.locator("article details:not([open])").count() == 0
    assert_accessible(tab, axe_script, scheme)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_search_with_results_has_no_axe_violations(
    scheme_tab, axe_script: Path, base_url: str, lang: str
) -> None:
    scheme, tab = scheme_tab
    query = next(q for q in QUERIES if q.lang == lang)
    open_search(tab, base_url + SITE.home[lang].url)
    tab.keyboard.type(query.text)
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert tab.locator(".md-search__inner").is_visible()
    assert_accessible(tab, axe_script, scheme)


def test_question_pages_are_found() -> None:
    """The question test above runs on at least one page per language."""
    assert {lang for _page, lang in (p.values for p in QUESTION_PAGES)} == set(LANGUAGES)
