"""The offline copy (make offline): opened from disk (file://) in Chromium, everything works."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import BuiltSite, build_site
from package_offline import FOLDER, package
from searchprobe import result_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def offline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("offline")
    result = build_site(site_dir, OFFLINE="true")
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request", lambda r: foreign.append(r.url) if urlsplit(r.url).scheme != "file" else None
    )
    page.foreign = foreign  # type: ignore[attr-defined]
    yield page
    assert not foreign, f"the offline copy asked the network for: {foreign}"
    context.close()


def test_navigation_and_images_work_from_disk(tab, offline_dir: Path) -> None:
    tab.goto((offline_dir / "index.html").as_uri(), wait_until="networkidle")
    tab.locator("nav.md-nav--primary a.md-nav__link", has_text="Amazon Redshift").first.click()
    tab.wait_for_load_state("networkidle")
    assert tab.url.endswith("/redshift.html")
    assert tab.locator("article h1").inner_text().startswith("레드시프트")
    broken = tab.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert tab.evaluate("document.images.length") >= 2 and not broken


@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("index.html", "아테나는", "/athena.html"),
        ("index.html", "레드쉬프트", "/redshift.html"),
        ("en/index.html", "Redshift snapshots", "/en/redshift.html"),
    ],
)
def test_search_works_from_disk(tab, offline_dir: Path, start: str, query: str, expected: str):
    pages = result_pages(tab, (offline_dir / start).as_uri(), query)
    root = urlsplit(offline_dir.as_uri()).path
    relative = [p.removeprefix(root) for p in pages]
    assert expected in relative[:3], relative
    assert all(p.startswith("/en/") == start.startswith("en/") for p in relative), relative


def test_language_switcher_works_from_disk(tab, offline_dir: Path) -> None:
    tab.goto((offline_dir / "athena.html").as_uri(), wait_until="networkidle")
    tab.hover(".md-header__option .md-select")
    with tab.expect_navigation():
        tab.click("a.md-select__link[hreflang='en']")
    assert tab.url.endswith("/en/athena.html")
    assert tab.evaluate("document.documentElement.lang") == "en"


def test_the_zip_holds_the_copy(offline_dir: Path, tmp_path: Path, site: BuiltSite) -> None:
    archive = tmp_path / "offline.zip"
    package(offline_dir, archive, site.root / "pdf")
    names = set(zipfile.ZipFile(archive).namelist())
    for name in (
        "index.html",
        "en/index.html",
        "search/search_index.js",
        "en/search/search_index.js",
    ):
        assert f"{FOLDER}/{name}" in names
    for lang in ("ko", "en"):
        home = site.soup("index.html" if lang == "ko" else "en/index.html")
        assert home.select_one('a[href$="download/aws-analytics-notes-offline.zip"]') is not None
