"""MkDocs hook: the terminology data (extra.terms) on the pages.

- The glossary page (extra.glossary, in every language) gets its entries appended
  (studysite.glossary.page_markdown): the page's source holds only its title and introduction.
- Every other page gets the abbreviation definitions of its language appended, which
  Python-Markdown's abbr extension and studysite.tooltips turn into Material's tooltips.

Invalid terminology data never gets here: the checker gate (pre_build.py, TERM002) stops the
build first.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from studysite import glossary
from studysite.model import Site, build_site
from studysite.terms import Term, cached_terms


def site_terms(site: Site) -> tuple[Term, ...]:
    path = site.terms_file
    return cached_terms(path, site.codes).terms if path is not None else ()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = build_site(Path(config.config_file_path))
    terms = site_terms(site)
    if not terms:
        return markdown
    lang, source = site.source_language(PurePosixPath(page.file.src_uri))
    if site.glossary_page is not None and source == site.glossary_page:
        own = PurePosixPath(page.file.src_uri)
        return markdown.rstrip("\n") + "\n" + glossary.page_markdown(site, terms, lang, own)
    definitions = glossary.abbreviations(terms, lang, site.codes[0])
    return markdown + glossary.abbreviation_markdown(definitions)
