"""Post-build step: the small sitemaps Material's language switch fetches.

    studysite alternates SITE_DIR        (the post-build hook runs it after every build)

Every page names its translations in its head (<link rel="alternate" hreflang>, for search
engines; overrides/main.html). Material's JavaScript reads those links and fetches
`sitemap.xml` next to each one (/en/redshift/sitemap.xml) to map pages between languages;
absent, that is a 404 on every page view. So each page's folder gets the sitemap Material
asks for: the page in every language, each with its alternates, in the sitemaps format.
The site's own /sitemap.xml (overrides/sitemap.xml) stays the one that robots.txt names.

Only for a public site_url, as the links themselves (scripts/studysite/hooks/theme.py): not for
the placeholder of a local build, not in the offline copy.
"""

from __future__ import annotations

import posixpath
from xml.sax.saxutils import quoteattr

from ..model import Page, public_site_url
from .job import Job

SITEMAP = "sitemap.xml"


def page_sitemap(page: Page, site_url: str) -> str:
    """A sitemap of one page: its URL in each language, each with all its alternates."""
    links = "".join(
        f'\n    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} '
        f"href={quoteattr(site_url + version.url)}/>"
        for lang, version in page.versions.items()
    )
    urls = "".join(
        f"\n  <url>\n    <loc>{site_url + version.url}</loc>{links}\n  </url>"
        for version in page.versions.values()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{urls}\n</urlset>\n'
    )


def run(job: Job) -> str:
    """Write a page sitemap into every page folder that lacks the site's own sitemap."""
    site, site_dir = job.site, job.site_dir
    site_url = site.config.site_url
    if site.offline or not public_site_url(site_url) or not site.use_directory_urls:
        return "Page sitemaps: none (offline copy, or no public site_url)"
    written = 0
    for page in site.pages:
        text = page_sitemap(page, site_url)
        for version in page.versions.values():
            target = site_dir / posixpath.join(version.url, SITEMAP)
            if version.url == "":  # the site root: its sitemap is the site's own
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written += 1
    return f"Page sitemaps: {written} written (Material's language switch reads them)"
