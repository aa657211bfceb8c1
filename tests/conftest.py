"""Shared fixtures: the site model, one strict build of the site per test session, a static
server for it, headless Chromium, and the PDF books with their text (extracted once).

Tiers: a test that uses the browser is marked `browser`, one that renders or reads the PDF
books `pdf` (both automatically, from the fixtures it uses). `make test-fast` deselects them.

The session's builds never depend on the shell: the variables mkdocs.yml reads (`!ENV`:
DEPLOY, SITE_URL, OFFLINE, PDF...) are cleared before anything loads it, and each test that
needs one passes it to its build. No fixture writes into another's site, with one exception:
the books and the offline zip go into copies of the session's site, and into the sub-path
site itself (`subpath`: its pages name its address), whose page tests never read them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import TypeVar

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

from studysite import PROJECT_DIR
from studysite.mkdocs_cli import build
from studysite.model import Site, environment_variables, load_site, project_site

# What the shell set of the variables mkdocs.yml reads, cleared here, before the model loads.
IGNORED_ENV = {
    name: os.environ.pop(name)
    for name in environment_variables(PROJECT_DIR / "mkdocs.yml")
    if name in os.environ
}
SITE = project_site()  # the model, for parametrizing: languages and pages come from mkdocs.yml
LANGUAGES = SITE.codes
PAGES = SITE.pages
PAGE_IDS = [page.name for page in PAGES]
DOCS_DIR = SITE.docs_dir
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# Hypothesis: 100 examples a property in CI (CI=true), 20 on a workstation, where the loop is
# run often; HYPOTHESIS_PROFILE=ci runs CI's number anywhere.
settings.register_profile("ci", max_examples=100)
settings.register_profile("dev", max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))

BROWSER_FIXTURES = {"browser"}
PDF_FIXTURES = {"books", "book_pages", "hosted", "subpath"}
# Work started by `site` for the fixtures that take it (threads that wait on subprocesses).
BACKGROUND = ThreadPoolExecutor(2, thread_name_prefix="background")
STARTED: dict[str, Future] = {}
SERVERS = ExitStack()  # the servers of that work, closed when the session ends
T = TypeVar("T")
SUBPATH = "/aws-notes/"  # a project site's path on GitHub Pages
REPOSITORY = "https://github.com/owner/aws-notes"  # REPO_URL, as the deploy workflow sets it


def pytest_report_header() -> str | None:
    if not IGNORED_ENV:
        return None
    names = ", ".join(f"{name}={value}" for name, value in sorted(IGNORED_ENV.items()))
    return f"ignored (mkdocs.yml's !ENV variables; the tests set their own): {names}"


def pytest_sessionfinish(session: pytest.Session) -> None:
    BACKGROUND.shutdown(cancel_futures=True)
    SERVERS.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by what it needs, so that the tiers never depend on remembering to."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & PDF_FIXTURES:
            item.add_marker(pytest.mark.pdf)


def missing(message: str) -> None:
    """A tool the test needs is not installed: skip on a workstation, fail in CI (CI=true)."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


class BuiltSite:
    """A built site directory and the log of the build that made it."""

    def __init__(self, root: Path, log: str) -> None:
        self.root = root
        self.log = log
        self._soups: dict[str, BeautifulSoup] = {}

    def soup(self, relative: str) -> BeautifulSoup:
        if relative not in self._soups:
            html = (self.root / relative).read_text(encoding="utf-8")
            self._soups[relative] = BeautifulSoup(html, "html.parser")
        return self._soups[relative]


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    result = build(site_dir, PROJECT_DIR)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    built = BuiltSite(site_dir, result.stdout + result.stderr)
    # What some of the selected tests will need begins now, in subprocesses, while the tests
    # before them run (the test process mostly waits on the browser): the offline build, the
    # sub-path build, the books. Their fixtures take the results (or the exceptions).
    needs = {name for item in request.session.items for name in item.fixturenames}
    if "offline_dir" in needs:
        STARTED["offline_dir"] = BACKGROUND.submit(build_offline, tmp_path_factory)
    if "subpath_pages" in needs:
        root, url = start_subpath_server(tmp_path_factory)
        STARTED["subpath_pages"] = BACKGROUND.submit(build_subpath, root, url)
    if "books" in needs:
        STARTED["books"] = BACKGROUND.submit(render_books, built, tmp_path_factory.mktemp("books"))
    return built


def taken(fixture: str, make: Callable[[], T]) -> T:
    """What `site` began in the background for fixture (its result, or its exception), or,
    where it did not know the fixture would be needed, made now."""
    started = STARTED.get(fixture)
    return started.result() if started is not None else make()


def build_offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy's build (OFFLINE=true), as make build makes it before zipping it."""
    site_dir = tmp_path_factory.mktemp("offline")
    result = build(site_dir, PROJECT_DIR, OFFLINE="true")
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def offline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy's build, begun by `site` in the background (or made now)."""
    return taken("offline_dir", lambda: build_offline(tmp_path_factory))


@pytest.fixture(scope="session")
def offline_site() -> Site:
    """The site model of the offline build: no directory URLs (Material's offline plugin)."""
    before = os.environ.get("OFFLINE")
    os.environ["OFFLINE"] = "true"
    try:
        return load_site(PROJECT_DIR / "mkdocs.yml")
    finally:
        if before is None:
            del os.environ["OFFLINE"]
        else:
            os.environ["OFFLINE"] = before


def copy_site(site: BuiltSite, root: Path) -> BuiltSite:
    """A copy of a built site, for a fixture that adds to it."""
    shutil.copytree(site.root, root, dirs_exist_ok=True)
    return BuiltSite(root, site.log)


@pytest.fixture(scope="session")
def hosted(
    tmp_path_factory: pytest.TempPathFactory,
    site: BuiltSite,
    books: dict[str, Path],
    offline_dir: Path,
) -> BuiltSite:
    """The session's site as make build leaves it, in a copy: the PDF books and the offline
    zip in place."""
    from studysite.steps import offline
    from studysite.steps.job import Job

    copy = copy_site(site, tmp_path_factory.mktemp("hosted"))
    for lang, book in books.items():
        (copy.root / SITE.pdf_path(lang)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(book, copy.root / SITE.pdf_path(lang))
    offline.run(Job(SITE, offline_dir, main_site=copy.root))
    return copy


def start_subpath_server(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A folder for the sub-path site, served as GitHub Pages serves a project site (its
    404.html for a miss, gzip) until the session ends; its URL. The server reads the files as
    asked, so the build comes after it starts (the pages name its address)."""
    from studysite.probe.server import serve

    root = tmp_path_factory.mktemp("subpath-pages")
    return root, SERVERS.enter_context(serve(root, prefix=SUBPATH, gzip=True, pages_404=True))


def build_subpath(root: Path, url: str) -> tuple[BuiltSite, str]:
    result = build(root, PROJECT_DIR, SITE_URL=url, REPO_URL=REPOSITORY)
    if result.returncode != 0:
        pytest.fail(f"sub-path build failed:\n{result.stdout}\n{result.stderr}")
    return BuiltSite(root, result.stdout + result.stderr), url


@pytest.fixture(scope="session")
def subpath_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, str]:
    """The site built for hosting under a sub-path (SITE_URL=http://127.0.0.1:PORT/aws-notes/,
    REPO_URL set) and served there (start_subpath_server); begun by `site` in the background
    (or made now). Its pages only, for the tests of its HTML (no PDF books, no zip:
    `subpath` has them). The site and its URL."""
    return taken("subpath_pages", lambda: build_subpath(*start_subpath_server(tmp_path_factory)))


@pytest.fixture(scope="session")
def subpath(subpath_pages: tuple[BuiltSite, str], hosted: BuiltSite) -> tuple[BuiltSite, str]:
    """The sub-path site complete: `subpath_pages` with the books and the zip copied in (at
    the address its pages name, so in its directory; files no test of its pages reads)."""
    site, url = subpath_pages
    for name in [*(SITE.pdf_path(lang) for lang in LANGUAGES), SITE.offline_zip]:
        (site.root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(hosted.root / name, site.root / name)
    return site, url


@pytest.fixture(scope="session")
def base_url(site: BuiltSite) -> Iterator[str]:
    from studysite.probe.server import serve

    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (Debian's chromium, driven by Playwright)."""
    from studysite.probe.browser import chromium, chromium_path

    if chromium_path() is None:
        missing("Chromium is not installed (Debian package 'chromium'; run make system-deps)")
    with chromium() as instance:
        yield instance


def render_books(site: BuiltSite, root: Path) -> dict[str, Path]:
    """The PDF books of a built site, written by the pdf step (as `studysite pdf`) into a copy
    of it at root."""
    from studysite.steps import pdf
    from studysite.steps.job import Job

    copy = copy_site(site, root)
    pdf.run(Job(SITE, copy.root, progress=lambda _line: None))
    return {lang: copy.root / SITE.pdf_path(lang) for lang in LANGUAGES}


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory, site: BuiltSite) -> dict[str, Path]:
    """The PDF books of the session's site, begun in the background once it was built (or
    now, where `site` did not know they would be needed)."""
    return taken("books", lambda: render_books(site, tmp_path_factory.mktemp("books")))


@pytest.fixture(scope="session")
def book_pages(books: dict[str, Path]) -> dict[str, list[str]]:
    """Each book's text, page by page, extracted once with pdftotext (poppler)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        missing("pdftotext not installed (Debian package poppler-utils; make system-deps)")
    texts = {}
    for lang, book in books.items():
        result = subprocess.run(
            [str(tool), "-enc", "UTF-8", str(book), "-"], capture_output=True, text=True, check=True
        )
        texts[lang] = result.stdout.split("\f")[:-1]  # pdftotext ends every page with a form feed
    return texts
