"""Search in a real browser: Material's search box, typed with keyboard events, per language."""

from __future__ import annotations

import pytest
from pages import DEFAULT_LANGUAGE
from searchprobe import Query, load_queries, result_pages

pytestmark = pytest.mark.browser

QUERIES = load_queries()


def test_the_query_set_is_big_enough() -> None:
    counts = {lang: sum(1 for q in QUERIES if q.lang == lang) for lang in ("ko", "en")}
    assert counts["ko"] >= 40 and counts["en"] >= 20, counts


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _prefix(lang: str) -> str:
    return "/" if lang == DEFAULT_LANGUAGE else f"/{lang}/"


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.lang}-{q.text}" for q in QUERIES])
def test_query_finds_its_page_in_its_language(tab, base_url: str, query: Query) -> None:
    root = base_url + _prefix(query.lang).lstrip("/")
    pages = result_pages(tab, root, query.text)
    expected = _prefix(query.lang) + (f"{query.page}/" if query.page else "")
    assert expected in pages[:3], pages
    other = [p for p in pages if p.startswith("/en/") != (query.lang == "en")]
    assert not other, f"results from the other language: {other}"


def test_hit_is_highlighted_on_the_target_page(tab, base_url: str) -> None:
    result_pages(tab, base_url, "스냅샷")
    tab.locator(".md-search-result__item > a.md-search-result__link").first.click()
    tab.wait_for_load_state("networkidle")
    assert "redshift/" in tab.url and "h=" in tab.url
    assert tab.locator("article mark.md-search-highlight, article mark").count() > 0
