"""Files for search engines: sitemap.xml (<lastmod> from the revision stamps, hreflang and
x-default alternates) and robots.txt, at the site root only."""

from __future__ import annotations

import gzip
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import DOCS_DIR, PROJECT_DIR, SITE, BuiltSite
from docstree import make_tree
from studysite.check.revisions import revision
from studysite.mkdocs_cli import mkdocs
from studysite.reading.source import read_source

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE_URL = SITE.config.site_url


def sitemap(root: Path) -> dict[str, dict]:
    """{loc: {"lastmod": str | None, "alternates": {hreflang: href}, "tags": [...]}}."""
    entries = {}
    for url in ET.parse(root / "sitemap.xml").getroot().findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        lastmod = url.find("s:lastmod", NS)
        entries[url.findtext("s:loc", namespaces=NS)] = {
            "lastmod": None if lastmod is None else lastmod.text,
            "alternates": alternates,
            "tags": [child.tag.split("}")[1] for child in url],
        }
    return entries


def test_sitemap_lists_every_page_with_its_revision_and_alternates(site: BuiltSite) -> None:
    entries = sitemap(site.root)
    default = SITE.codes[0]
    expected = {}
    for page in SITE.pages:
        alternates = {lang: SITE_URL + page[lang].url for lang in SITE.codes}
        alternates["x-default"] = SITE_URL + page[default].url
        for lang in SITE.codes:
            stamp = revision(read_source(DOCS_DIR / page[lang].source).text)
            expected[SITE_URL + page[lang].url] = {
                "lastmod": stamp.date,  # the stamp, or nothing: never the build date
                "alternates": alternates,
            }
    assert {loc: {k: v for k, v in e.items() if k != "tags"} for loc, e in entries.items()} == (
        expected
    )
    assert all(
        "changefreq" not in e["tags"] and "priority" not in e["tags"] for e in entries.values()
    )
    assert gzip.decompress((site.root / "sitemap.xml.gz").read_bytes()) == (
        (site.root / "sitemap.xml").read_bytes()
    )


def test_robots_txt_at_the_root_only(site: BuiltSite) -> None:
    assert (site.root / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
    )
    for language in SITE.languages[1:]:
        assert not (site.root / language.prefix / "robots.txt").exists()
        assert not (site.root / language.prefix / "sitemap.xml").exists()


def test_lastmod_is_the_stamp_whatever_the_build_date(tmp_path: Path) -> None:
    """A small bilingual site with the project's two templates: a stamped page gets its
    stamp's day, an unstamped page no <lastmod>, whatever the build's date; no site_url, no
    robots.txt."""
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    for name in ("sitemap.xml", "robots.txt"):
        shutil.copy(PROJECT_DIR / "overrides" / name, overrides / name)
    theme = {"name": "mkdocs", "custom_dir": "overrides", "static_templates": ["robots.txt"]}
    files = {
        "index.md": "---\nrevised: 2025-01-02\nrevised_hash: 0\n---\n\n# 홈\n",
        "index.en.md": "# Home\n",
    }
    config = make_tree(tmp_path, files, languages=("ko", "en"), theme=theme)
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "site_url: https://example.org/notes/\n", encoding="utf-8")
    # Not --strict: the mkdocs theme has no Korean words, a warning here
    epoch = {"SOURCE_DATE_EPOCH": "1790000000"}
    result = mkdocs("build", "--site-dir", str(tmp_path / "site"), cwd=tmp_path, env=epoch)
    assert result.returncode == 0, result.stderr
    entries = sitemap(tmp_path / "site")
    assert {loc: e["lastmod"] for loc, e in entries.items()} == {
        "https://example.org/notes/": "2025-01-02",
        "https://example.org/notes/en/": None,
    }
    assert entries["https://example.org/notes/en/"]["alternates"] == {
        "ko": "https://example.org/notes/",
        "en": "https://example.org/notes/en/",
        "x-default": "https://example.org/notes/",
    }
    assert (
        (tmp_path / "site" / "robots.txt")
        .read_text(encoding="utf-8")
        .endswith("Sitemap: https://example.org/notes/sitemap.xml\n")
    )

    config.write_text(text, encoding="utf-8")  # no site_url
    result = mkdocs("build", "--site-dir", str(tmp_path / "bare"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "bare" / "robots.txt").exists()
