"""The site as a host serves it: every link resolves, at the root and under a sub-path; the 404
page speaks the language of the missed address; the head carries the metadata a hosted page
needs (description, canonical, hreflang, OpenGraph, icons), each page its own."""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGE_IDS, PAGES, REPOSITORY, SITE, BuiltSite
from studysite.model import Page
from studysite.probe.page import open_page
from studysite.probe.search import open_search

# What a crawler follows: every reference a browser would fetch or a reader would open.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src"}
LOCAL_BASE = "http://site.invalid/"  # where the root build is pretended to live


@dataclass
class Crawl:
    """The result of following every reference of every built HTML page of a site."""

    checked: Counter[str] = field(default_factory=Counter)  # references per tag
    fragments: int = 0
    broken: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def page_url(root: Path, html: Path, base: str) -> str:
    """The URL a host serves a built file at (directory URLs: foo/index.html is foo/)."""
    relative = html.relative_to(root).as_posix()
    return base + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def target_file(root: Path, base: str, url: str) -> Path | None:
    """The built file a URL under base names, or None."""
    path = unquote(urlsplit(url).path)[len(urlsplit(base).path) :]
    candidate = root / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def ids_of(html: Path, cache: dict[Path, set[str]]) -> set[str]:
    if html not in cache:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        cache[html] = {tag["id"] for tag in soup.find_all(id=True)} | {
            tag["name"] for tag in soup.find_all(attrs={"name": True}) if tag.name == "a"
        }
    return cache[html]


def crawl(site: BuiltSite, base: str, site_url: str) -> Crawl:
    """Follow every on-site reference of every page: site_url's absolute links (canonical,
    hreflang) count as the site's own. Links to other hosts are not followed."""
    result, ids = Crawl(), {}
    origin = urlsplit(base)._replace(path="", query="", fragment="").geturl()
    for html in sorted(site.root.rglob("*.html")):
        here = page_url(site.root, html, base)
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in REFERENCES.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                reference = element[attribute]
                url = urljoin(here, reference)
                if url.startswith(site_url):
                    url = base + url[len(site_url) :]
                if not url.startswith(origin + "/"):
                    continue  # another host (AWS documentation), or javascript:, mailto:
                result.checked[tag] += 1
                where = f"{html.relative_to(site.root)}: <{tag} {attribute}={reference!r}>"
                if not url.startswith(base):
                    result.outside.append(f"{where} leaves {urlsplit(base).path}")
                    continue
                address, fragment = urldefrag(url)
                target = target_file(site.root, base, address)
                if target is None:
                    result.broken.append(f"{where}: no file for {address}")
                elif fragment and target.suffix == ".html":
                    result.fragments += 1
                    if unquote(fragment) not in ids_of(target, ids):
                        result.broken.append(f"{where}: no #{fragment} in {target.name}")
    return result


def assert_crawl_clean(result: Crawl) -> None:
    assert not result.broken, "\n".join(result.broken[:30])
    assert not result.outside, "\n".join(result.outside[:30])
    # The crawl saw each kind of reference: a crawl that checks nothing cannot fail.
    assert all(result.checked[tag] > 0 for tag in REFERENCES), result.checked
    assert result.fragments > 0


def test_every_link_resolves_at_the_root(hosted: BuiltSite) -> None:
    assert_crawl_clean(crawl(hosted, LOCAL_BASE, SITE.config.site_url))


def test_every_link_resolves_and_stays_under_the_sub_path(subpath) -> None:
    site, url = subpath
    result = crawl(site, url, url)
    assert_crawl_clean(result)
    # Absolute links (canonical, hreflang, the 404 page's) name the sub-path.
    head = site.soup("redshift/index.html")
    assert head.find("link", rel="canonical")["href"] == url + "redshift/"


def test_the_crawl_finds_a_broken_link(tmp_path: Path) -> None:
    """The crawl reports a missing file, a missing fragment and a link above the sub-path."""
    (tmp_path / "index.html").write_text(
        '<a href="missing/">x</a><a href="#nowhere">y</a><a href="/elsewhere/">z</a>'
    )
    result = crawl(BuiltSite(tmp_path, ""), "http://h.invalid/sub/", "http://h.invalid/sub/")
    assert len(result.broken) == 2 and len(result.outside) == 1, result


# --- The sub-path site in the browser -----------------------------------------------------


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen: dict[str, list[str]] = {"requests": [], "failed": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    # A request the browser cancels because the test moves on (a lazy diagram still loading
    # when the next page opens) is no failure of the site: net::ERR_ABORTED. A missing file
    # shows as its 4xx response below.
    page.on(
        "requestfailed",
        lambda r: (
            seen["failed"].append(f"{r.failure} {r.url}")
            if r.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    page.on(
        "response", lambda r: seen["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else 0
    )
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.seen = seen  # type: ignore[attr-defined]
    yield page
    context.close()


def assert_stayed_under(tab, url: str) -> None:
    seen = tab.seen
    outside = [r for r in seen["requests"] if not r.startswith(url) and not r.startswith("data:")]
    assert not outside, f"requests outside {url}: {outside}"
    assert not seen["failed"], f"failed requests: {seen['failed']}"
    assert not seen["errors"], f"console errors: {seen['errors']}"


def test_sub_path_site_works_in_the_browser(tab, subpath) -> None:
    """Navigation, the language menu, search, the PDF book and the zip, all under /aws-notes/;
    the repository link in the header fetches nothing from GitHub."""
    _site, url = subpath
    home, redshift = SITE.home, SITE.page("redshift.md")
    ko, en = LANGUAGES[0], LANGUAGES[1]
    open_page(tab, url + home[ko].url)
    with tab.expect_navigation(wait_until="load"):
        tab.locator("nav.md-nav--primary a.md-nav__link", has_text="Amazon Redshift").first.click()
    assert tab.url == url + redshift[ko].url
    tab.hover(".md-header__option .md-select")
    with tab.expect_navigation(wait_until="load"):
        tab.click(f"a.md-select__link[hreflang='{en}']")
    assert tab.url == url + redshift[en].url
    tab.wait_for_load_state("networkidle")  # Material's sitemap fetches for the language menu
    open_search(tab, url + home[en].url)
    tab.keyboard.type("snapshots")
    tab.wait_for_selector(".md-search-result__item a", timeout=10_000)
    links = tab.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    assert links and all(link.startswith(url + en + "/") for link in links), links
    for lang in LANGUAGES:
        open_page(tab, url + home[lang].url)
        for selector in ("a.pdf-book", f"a[href$='{posixpath.basename(SITE.offline_zip)}']"):
            href = tab.eval_on_selector(selector, "a => a.href")
            assert href.startswith(url), href
            response = tab.request.get(href)
            assert response.status == 200, f"{selector}: {href} {response.status}"
    assert tab.eval_on_selector(".md-header a.md-source", "a => a.href") == REPOSITORY
    assert_stayed_under(tab, url)


# --- 404 pages, behind a host that serves /404.html for every miss ----------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_miss_shows_the_404_page_in_its_language(tab, subpath_pages, lang: str) -> None:
    _site, url = subpath_pages
    prefix = SITE.language(lang).prefix
    response = tab.goto(url + prefix + "no/such/page/", wait_until="load")
    assert response is not None
    tab.wait_for_function(f"document.documentElement.lang === {lang!r}", timeout=10_000)
    labels = SITE.labels(lang)
    assert tab.locator("article h1").inner_text() == labels.not_found_title
    # The language menu and the home link lead to the home pages, under the sub-path.
    menu = tab.eval_on_selector_all(
        "a.md-select__link", "els => els.map(e => [e.hreflang, e.href])"
    )
    assert dict(menu) == {code: url + SITE.home[code].url for code in LANGUAGES}
    home = tab.get_by_role("link", name=labels.not_found_home)
    assert home.evaluate("a => a.href") == url + SITE.home[lang].url


def test_the_404_status_and_page_files(subpath_pages) -> None:
    """The host answers a miss with 404 and the default language's page; each language has
    its own 404 page, marked noindex."""
    import urllib.error
    import urllib.request

    site, url = subpath_pages
    with pytest.raises(urllib.error.HTTPError) as miss:
        urllib.request.urlopen(url + "en/no-such-page/")
    assert miss.value.code == 404
    for language in SITE.languages:
        soup = site.soup(language.prefix + "404.html")
        assert soup.html["lang"] == language.code
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


# --- The head of every page ---------------------------------------------------------------


def head(site: BuiltSite, page: Page, lang: str) -> BeautifulSoup:
    return site.soup(page[lang].dest).head


def meta(soup: BeautifulSoup, key: str) -> str:
    attribute = "property" if key.startswith("og:") else "name"
    found = soup.find_all("meta", attrs={attribute: key})
    assert len(found) == 1, f"{len(found)} <meta {attribute}={key!r}>"
    return found[0]["content"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_head_has_its_sharing_metadata(subpath_pages, page: Page, lang: str) -> None:
    site, url = subpath_pages
    soup = head(site, page, lang)
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == url + page[lang].url
    description = meta(soup, "description")
    source = (SITE.docs_dir / page[lang].source).read_text(encoding="utf-8")
    assert f"description: {description}" in source  # the page's own, from its front matter
    assert 0 < len(description) <= 160
    assert meta(soup, "og:description") == meta(soup, "twitter:description") == description
    assert meta(soup, "og:url") == canonical
    assert meta(soup, "og:site_name") and meta(soup, "og:title") and meta(soup, "twitter:card")
    assert meta(soup, "og:locale").startswith(lang + "_")
    others = [m["content"] for m in soup.find_all("meta", property="og:locale:alternate")]
    assert sorted(o.split("_")[0] for o in others) == sorted(set(LANGUAGES) - {lang})
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    expected = {code: url + page[code].url for code in LANGUAGES}
    assert alternates == {**expected, "x-default": expected[SITE.default_language.code]}
    icons = {(tuple(link["rel"]), link["href"]) for link in soup.find_all("link", href=True)}
    assert any(rel == ("apple-touch-icon",) for rel, _ in icons)
    assert {href.rsplit(".", 1)[-1] for rel, href in icons if rel == ("icon",)} == {
        "svg",
        "png",
        "ico",
    }


def test_descriptions_and_titles_are_unique(subpath_pages) -> None:
    site, _url = subpath_pages
    descriptions = Counter()
    for page in PAGES:
        for lang in LANGUAGES:
            descriptions[meta(head(site, page, lang), "description")] += 1
    assert max(descriptions.values()) == 1, descriptions.most_common(3)
    assert len(descriptions) == len(PAGES) * len(LANGUAGES)


def test_local_build_names_no_placeholder_alternates(site: BuiltSite) -> None:
    """With the placeholder site_url of a local build, no hreflang links: Material would
    fetch sitemaps from the placeholder host."""
    soup = site.soup(SITE.page("redshift.md")[LANGUAGES[0]].dest).head
    assert soup.find_all("link", rel="alternate") == []
