"""Search a built site the way its readers do, in a real browser.

- `worker_results`: every query of a set through the site's own query path, in one
  `page.evaluate`: Material's search worker with the language's index and lunr.ko.min.js,
  given the query as Material's search box hands it over. This is what the recall tests and
  the search benchmark measure.
- `open_search`, `wait_for_result`: the search box itself, typed with keyboard events, for the
  few tests of the input path.

Result pages are site paths ("/en/athena/"), one per result group, best first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from ..terms import Term
from .page import SEARCH_READY, TIMEOUT_MS

# Material's worker protocol (integrations/search/worker/message): SETUP=0, READY=1, QUERY=2,
# RESULT=3. The index comes as Material's UI gets it: inlined (__index, offline copy) or
# fetched from the language's base.
WORKER_QUERIES = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const index = typeof __index !== "undefined"
    ? __index
    : await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const ask = message => new Promise((resolve, reject) => {
    worker.onmessage = event => resolve(event.data);
    worker.onerror = event => reject(new Error(event.message));
    worker.postMessage(message);
  });
  const options = { suggest: config.features.includes("search.suggest") };
  const ready = await ask({ type: 0, data: { config: index.config, docs: index.docs, options } });
  if (ready.type !== 1) throw new Error("the search worker did not get ready");
  const results = [];
  for (const query of queries) {
    const start = performance.now();
    const answer = await ask({ type: 2, data: query });
    const ms = performance.now() - start;
    const pages = answer.data.items.map(group => new URL(group[0].location, base).pathname);
    results.push({ pages: [...new Set(pages)], ms });
  }
  worker.terminate();
  return results;
}"""
RESULT_LINKS = """() => [...document.querySelectorAll(
  ".md-search-result__item > a.md-search-result__link")].map(a => a.getAttribute("href"))"""


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    page: str  # the expected page, by its source in the nav: "athena.md"


def load_queries(path: Path) -> list[Query]:
    """A query set: {lang: [{query: ..., page: ...}, ...]} in YAML."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(lang, item["query"], item["page"]) for lang, items in data.items() for item in items
    ]


@dataclass(frozen=True)
class Answer:
    pages: list[str]  # result pages, best first
    ms: float  # from the query's message to the worker to its result's, in the page


def worker_answers(tab: Page, root_url: str, queries: list[str]) -> list[Answer]:
    """Each query's answer from the search worker of the page at root_url, one after another."""
    tab.goto(root_url, wait_until="load", timeout=TIMEOUT_MS)
    return [Answer(found["pages"], found["ms"]) for found in tab.evaluate(WORKER_QUERIES, queries)]


def worker_results(tab: Page, root_url: str, queries: list[str]) -> list[list[str]]:
    """Result pages of each query, from the search worker of the page at root_url."""
    return [answer.pages for answer in worker_answers(tab, root_url, queries)]


def term_queries(terms: Iterable[Term], languages: Iterable[str]) -> list[Query]:
    """The terms query set: every term of the terminology data typed in each language as that
    language writes it (its preferred form), expecting the page of its `see:` section. Made
    from the data, so that it grows with it."""
    codes = list(languages)
    return [Query(lang, term.forms[lang], term.page) for term in terms for lang in codes]


def open_search(tab: Page, url: str) -> None:
    """Open the page at url, open its search box with the "/" key, wait until it is ready."""
    tab.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    tab.keyboard.press("/")
    tab.wait_for_function(SEARCH_READY, timeout=TIMEOUT_MS)


def shown_results(tab: Page) -> list[str]:
    """The result pages the search box shows now."""
    pages: list[str] = []
    for href in tab.evaluate(RESULT_LINKS):
        path = urlsplit(urljoin(tab.url, href)).path
        if path not in pages:
            pages.append(path)
    return pages


def wait_for_result(tab: Page, expected: str, within: int = 3) -> list[str]:
    """Wait until the search box shows the page at path `expected` ("/en/athena/") among its
    first `within` results; return the results. Raise AssertionError, with what is shown,
    when it does not within the timeout."""
    predicate = f"""([expected, within]) => [...new Set(({RESULT_LINKS})()
        .map(href => new URL(href, location.href).pathname))]
        .slice(0, within).includes(expected)"""
    try:
        tab.wait_for_function(predicate, arg=[expected, within], timeout=TIMEOUT_MS)
    except PlaywrightError as error:
        raise AssertionError(
            f"{expected} not in the first {within}: {shown_results(tab)}"
        ) from error
    return shown_results(tab)
