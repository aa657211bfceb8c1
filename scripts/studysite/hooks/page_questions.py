"""MkDocs hook: the review questions (studysite.questions).

- Every page: each item (`??? question "…" { #id domain=… }` with its options) is rendered
  before Markdown into its block: the stem and lettered options visible, the key and the
  explanations folded, data-question-id on the item and data-option-id on each option.
- The practice page (extra.practice, in every language) gets every service page's items
  appended, with their controls (studysite.practice).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from studysite import practice, questions
from studysite.model import build_site

PRACTICE_META = "studysite_practice"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = build_site(Path(config.config_file_path))
    lang, source = site.source_language(PurePosixPath(page.file.src_uri))
    labels = site.labels(lang)
    if site.practice_page is not None and source == site.practice_page:
        generated = practice.page_markdown(site, lang, labels)
        markdown = markdown.rstrip("\n") + "\n" + generated
        page.meta[PRACTICE_META] = True  # main.html loads practice.js on this page only
    if "question" not in markdown:  # most of a page's Markdown is not an item: no parse
        return markdown
    return questions.render_page(markdown, practice.words(labels), source.stem)
