"""MkDocs hook: the review questions (studysite.questions).

- Every page: each question's `{ #id }` is taken off its title before Markdown and put on the
  built <details> as data-question-id (pymdownx.details has no attribute syntax).
- The practice page (extra.practice, in every language) gets every service page's questions
  appended, with their controls (studysite.practice).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from studysite import practice, questions
from studysite.model import build_site

_IDS = "studysite_question_ids"  # page.meta key: the ids of the page's questions, in order


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = build_site(Path(config.config_file_path))
    lang, source = site.source_language(PurePosixPath(page.file.src_uri))
    if site.practice_page is not None and source == site.practice_page:
        generated = practice.page_markdown(site, lang, site.labels(lang))
        markdown = markdown.rstrip("\n") + "\n" + generated
    markdown, ids = questions.strip_ids(markdown)
    page.meta[_IDS] = ids
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    ids = page.meta.get(_IDS)
    return questions.mark_ids(html, ids) if ids else html
