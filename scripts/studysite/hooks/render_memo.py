"""MkDocs hook, under `mkdocs serve` only: a page whose inputs did not change since the last
rebuild is not converted from Markdown again (studysite.rendermemo says how that stays exact).
`mkdocs build` converts every page, as before.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from studysite import buildstate, rendermemo


def on_startup(command: str, dirty: bool) -> None:
    buildstate.command = command


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if buildstate.command == "serve":
        rendermemo.begin_build(files, config)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The key is taken when MkDocs renders the page: after every hook has changed the Markdown.
    if buildstate.command == "serve":
        rendermemo.memoize(page)
    return markdown


@event_priority(-300)  # after static-i18n has built the other languages (-100)
def on_post_build(config: MkDocsConfig) -> None:
    if buildstate.command == "serve" and not buildstate.inner_language_build(config):
        rendermemo.end_build()
