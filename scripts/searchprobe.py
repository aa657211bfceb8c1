"""Type a query into the site's search box in a real browser and read the results.

Used by the search tests and the search benchmark, so both measure the same thing: Material's
own search UI, driven with real keyboard events.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from playwright.sync_api import Page

PROJECT_DIR = Path(__file__).resolve().parent.parent
QUERIES_FILE = PROJECT_DIR / "tests" / "search" / "queries.yml"
STABLE_POLL_MS = 100
STABLE_POLLS = 4  # unchanged for 400 ms: the worker has answered the last keystroke


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    page: str  # expected page slug, "" for home


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(lang, item["query"], item["page"]) for lang, items in data.items() for item in items
    ]


def result_pages(
    tab: Page, root_url: str, text: str, final_keyup: bool = False, timeout_ms: int = 10_000
) -> list[str]:
    """Site paths (e.g. '/en/athena/') of the result groups, best first, for a query typed
    into the search box of the page at root_url.

    Playwright types Hangul as text input without key events, like an input method that ends
    without a keyup. final_keyup=True adds one (End), as a desktop IME usually does.
    """
    tab.goto(root_url, wait_until="networkidle")
    tab.keyboard.press("/")
    meta = ".md-search-result__meta"
    placeholder = tab.eval_on_selector(meta, "m => m.textContent")
    tab.keyboard.type(text, delay=25)
    if final_keyup:
        tab.keyboard.press("End")
    # The worker answers every keystroke asynchronously; read the results once they have stopped
    # changing, so that they belong to the whole query and not to a prefix of it.
    script = """() => [document.querySelector('.md-search-result__meta')?.textContent || '',
        ...[...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')]
            .map(a => a.getAttribute('href'))]"""
    last, stable = None, 0
    for _ in range(timeout_ms // STABLE_POLL_MS):
        current = tab.evaluate(script)
        answered = current[0] != placeholder  # "3 matching documents", "No matching…"
        stable = stable + 1 if current == last and answered else 0
        if stable >= STABLE_POLLS:
            break
        last = current
        tab.wait_for_timeout(STABLE_POLL_MS)
    hrefs = (last or [""])[1:]
    pages: list[str] = []
    for href in hrefs:
        path = urlsplit(urljoin(tab.url, href)).path
        if path not in pages:
            pages.append(path)
    return pages
