"""Open a page and wait until it is ready, then measure what its first view fetched.

Ready means: the load event, the web fonts loaded, every image decoded, and, where a link
starts search at once (?q=, ?h=; search-on-demand.js), the search worker initialised: so
every request of the first view has been made. Each wait has a timeout and fails when it
runs out; nothing waits for the network to go idle.

First-view weight: every byte a browser fetches to show a page, compressed as a static server
would send it (gzip level 6 for text types; fonts and raster images as they are).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Response

from .server import COMPRESSIBLE, GZIP_LEVEL  # what a static host compresses, and how much
from .violations import violations, watch

TIMEOUT_MS = 10_000
# Query parameters that start search with the page (a shared search, a highlight).
SEARCH_AT_LOAD = re.compile(r"(?:^|&)[qh]=")
# Material shows its "type to start searching" text once the search worker is ready.
SEARCH_READY = """() => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const meta = document.querySelector(".md-search-result__meta");
  const ready = config.translations["search.result.placeholder"];
  return meta !== null && meta.textContent.trim() === ready;
}"""
# A lazy image below the fold is not part of the first view: the browser fetches it only when
# the reader scrolls near it, and until then its decode() never settles (SCROLLED_IMAGES
# checks those).
FONTS_AND_IMAGES = """async () => {
  await document.fonts.ready;
  const failed = [];
  for (const img of document.images) {
    if (img.loading === "lazy" && !img.complete) continue;
    try { await img.decode(); } catch (e) { failed.push(img.currentSrc || img.src); continue; }
    if (img.naturalWidth === 0) failed.push(img.currentSrc || img.src);
  }
  return failed;
}"""


# Every image once scrolled into view, as a reader scrolling down the page: each must decode.
SCROLLED_IMAGES = """async () => {
  const failed = [];
  for (const img of document.images) {
    img.scrollIntoView();
    try { await img.decode(); } catch (e) { failed.push(img.currentSrc || img.src); continue; }
    if (img.naturalWidth === 0) failed.push(img.currentSrc || img.src);
  }
  return failed;
}"""


def open_page(tab: Page, url: str) -> tuple[Response | None, list[str]]:
    """Go to url and wait until the page is ready; return the response and the images that
    did not decode."""
    response = tab.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    undecoded = tab.evaluate(FONTS_AND_IMAGES)
    if SEARCH_AT_LOAD.search(urlsplit(url).query):  # else search waits for the reader
        tab.wait_for_function(SEARCH_READY, timeout=TIMEOUT_MS)
    return response, undecoded


@dataclass(frozen=True)
class Transfer:
    """One fetched resource."""

    url: str
    content_type: str
    size: int  # bytes of the file
    sent: int  # bytes on the wire after compression


def _transfer(response: Response) -> Transfer:
    body = response.body()
    content_type = (response.header_value("content-type") or "").split(";")[0].strip()
    compressible = content_type.startswith(COMPRESSIBLE)
    sent = len(gzip.compress(body, GZIP_LEVEL, mtime=0)) if compressible else len(body)
    return Transfer(response.url, content_type, len(body), sent)


@dataclass
class Visit:
    """What one first view of a page did: every resource fetched, every problem seen, and
    the answers of the scripts asked to run on the ready page."""

    url: str
    status: int = 0
    transfers: list[Transfer] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # failed or answered with 4xx/5xx
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    undecoded: list[str] = field(default_factory=list)  # images that did not decode
    answers: dict[str, Any] = field(default_factory=dict)
    searched: str | None = None  # the query, when asked to search
    results: list[str] = field(default_factory=list)  # what search showed for it
    violations: list[dict[str, Any]] = field(default_factory=list)  # Content-Security-Policy


RESULTS = """() => [...document.querySelectorAll('.md-search-result__item a')]
  .map(a => new URL(a.href, location.href).pathname)"""


def search_for(tab: Page, query: str) -> list[str]:
    """Open the page's search box with the "/" key, fill in query, wait for results; return the
    paths of the results shown.

    The box is filled at once, so the worker gets one query: typed key by key, the results
    of a prefix ("r") can be on screen, and be read, before those of the whole query. The
    typed path is test_browser.py's input test."""
    tab.keyboard.press("/")
    tab.fill("[data-md-component='search-query']", query)  # one keyup: search-input.js
    tab.wait_for_function(f"() => ({RESULTS})().length > 0", timeout=TIMEOUT_MS)
    return list(tab.evaluate(RESULTS))


def first_view(
    browser: Browser,
    url: str,
    scripts: dict[str, str] | None = None,
    width: int = 1280,
    height: int = 800,
    search: str | None = None,
) -> Visit:
    """Open url in a fresh context (empty cache), wait until it is ready, run scripts; then,
    if asked, search for a query (after the first view's transfers are counted). The page's
    Content-Security-Policy violations are recorded throughout."""
    visit = Visit(url)
    context = watch(browser.new_context(viewport={"width": width, "height": height}))
    try:
        tab = context.new_page()
        responses: list[Response] = []
        context.on("request", lambda request: visit.requests.append(request.url))
        context.on("requestfailed", lambda r: visit.failed.append(f"{r.url} ({r.failure})"))
        context.on("response", lambda response: responses.append(response))
        tab.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda error: visit.errors.append(str(error)))
        response, visit.undecoded = open_page(tab, url)
        visit.status = response.status if response is not None else 0
        visit.answers = {name: tab.evaluate(script) for name, script in (scripts or {}).items()}
        visit.failed += [f"{r.url} ({r.status})" for r in responses if r.status >= 400]
        visit.transfers = [_transfer(r) for r in responses if r.status == 200]
        if search is not None:
            visit.searched, visit.results = search, search_for(tab, search)
        visit.violations = violations(tab)
        return visit
    finally:
        context.close()


def total_sent(transfers: list[Transfer]) -> int:
    return sum(t.sent for t in transfers)


# The first-view budget of every page (make bench, test_browser.py): what the first screen
# asks for, compressed (HTML, CSS, JS, fonts, and the search index were it fetched at once),
# images measured apart.
FIRST_VIEW_BUDGET = 150 * 1024


def budgeted(transfers: list[Transfer]) -> list[Transfer]:
    """The transfers the first-view budget counts: all but images."""
    return [t for t in transfers if not t.content_type.startswith("image/")]
