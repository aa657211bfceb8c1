"""MkDocs hook: the terminology data (extra.terms) on the pages.

- The glossary page (extra.glossary, in every language) gets its entries appended
  (studysite.glossary.page_markdown): the page's source holds only its title and introduction.
- Every other page but the practice page gets the abbreviation definitions of its language,
  which studysite.tooltips turns into Material's tooltips. They go to Python-Markdown's abbr
  extension as its `glossary` option: MkDocs makes each page's Markdown from
  config.mdx_configs right after this event. (Appended to the page as `*[RA3]: ...` lines, as
  they once were, every block processor tested them again after each definition: 4 s of a
  6 s build.)

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
from studysite.terms import Term, Terms, cached_terms

# The definitions of each language, for the last version of the terms data read.
_definitions: tuple[Terms | None, dict[str, dict[str, str]]] = (None, {})


def site_terms(site: Site) -> tuple[Term, ...]:
    path = site.terms_file
    return cached_terms(path, site.codes).terms if path is not None else ()


def definitions(site: Site, lang: str) -> dict[str, str]:
    """The abbreviation definitions of a page in lang, made once per version of the data."""
    global _definitions
    path = site.terms_file
    data = cached_terms(path, site.codes) if path is not None else None
    if _definitions[0] is not data:
        _definitions = (data, {})
    made = _definitions[1]
    if lang not in made:
        terms = data.terms if data is not None else ()
        made[lang] = glossary.abbreviations(terms, lang, site.codes[0])
    return made[lang]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = build_site(Path(config.config_file_path))
    lang, source = site.source_language(PurePosixPath(page.file.src_uri))
    is_glossary = site.glossary_page is not None and source == site.glossary_page
    # The practice page is a drill whose items link the pages that explain their terms; its
    # hundreds of tooltips (the capitals are marked at every use) were 6.7 KB of its first view.
    is_practice = site.practice_page is not None and source == site.practice_page
    # This hook owns abbr's glossary option: the terms data is the one source of definitions.
    abbr = config.mdx_configs.setdefault("abbr", {})
    abbr.update(glossary={} if is_glossary or is_practice else definitions(site, lang))
    if is_glossary and (terms := site_terms(site)):
        here = PurePosixPath(page.file.src_uri)
        return markdown.rstrip("\n") + "\n" + glossary.page_markdown(site, terms, lang, here)
    return markdown
