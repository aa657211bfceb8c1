"""Search in a real browser, per language: every query of the query set through the site's own
search worker (one evaluate per language), and the hit highlighted on the target page."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PROJECT_DIR, SITE
from studysite.probe.search import Query, load_queries, open_search, wait_for_result, worker_results

QUERIES = load_queries(PROJECT_DIR / "tests" / "data" / "search-queries.yml")


def test_the_query_set_is_big_enough() -> None:
    counts = {lang: sum(1 for q in QUERIES if q.lang == lang) for lang in LANGUAGES}
    assert counts["ko"] >= 40 and counts["en"] >= 20, counts


@pytest.fixture(scope="module")
def results(browser, base_url: str) -> dict[tuple[str, str], list[str]]:
    """Result pages of every query, asked of the search worker of its language's home page."""
    context = browser.new_context()
    tab = context.new_page()
    found = {}
    for lang in LANGUAGES:
        texts = [q.text for q in QUERIES if q.lang == lang]
        home = base_url + SITE.language(lang).prefix
        for text, pages in zip(texts, worker_results(tab, home, texts), strict=True):
            found[(lang, text)] = pages
    context.close()
    return found


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.lang}-{q.text}" for q in QUERIES])
def test_query_finds_its_page_in_its_language(results, query: Query) -> None:
    pages = results[(query.lang, query.text)]
    assert SITE.page(query.page)[query.lang].path in pages[:3], pages
    versions = {page: SITE.page_by_url(page.lstrip("/")) for page in pages}
    other = [
        page for page, version in versions.items() if not version or version.lang != query.lang
    ]
    assert not other, f"results from the other language: {other}"


def test_hit_is_highlighted_on_the_target_page(browser, base_url: str) -> None:
    context = browser.new_context()
    tab = context.new_page()
    redshift = SITE.page("redshift.md")[LANGUAGES[0]]
    open_search(tab, base_url)
    tab.keyboard.type("스냅샷", delay=25)
    wait_for_result(tab, redshift.path, within=1)
    with tab.expect_navigation(wait_until="load"):
        tab.locator(".md-search-result__item > a.md-search-result__link").first.click()
    assert tab.url.startswith(base_url + redshift.url) and "h=" in tab.url
    tab.locator("article mark").first.wait_for(timeout=10_000)
    context.close()
