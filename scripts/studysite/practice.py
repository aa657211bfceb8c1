"""The practice page (extra.practice, in every language): every review question of the service
pages, grouped by page in navigation order, each with a "got it" button; progress per page and
overall is kept in the browser (overrides/javascripts/practice.js).

Made from the pages' own question blocks (studysite.questions) when the page is built: no copy
to keep in step. The controls are rendered here, hidden, and practice.js shows them once it
runs; the labels are the language's `extra.labels`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import questions
from .model import Labels, Page, Site
from .reading.document import parse_file
from .reading.frontmatter import meta

SAME_PAGE_LINK_RE = re.compile(r"\]\(#")


@dataclass(frozen=True)
class PageQuestions:
    page: Page
    source: PurePosixPath  # the page's source in the language
    questions: tuple[questions.Question, ...]


def service_pages(site: Site, lang: str) -> list[PageQuestions]:
    """The pages marked `kind: service` (in the default language's front matter), in
    navigation order, with their questions in lang."""
    found = []
    for page in site.pages:
        if meta(parse_file(site.docs_dir / page[site.codes[0]].source)).get("kind") != "service":
            continue
        source = PurePosixPath(page[lang].source)
        found.append(
            PageQuestions(page, source, tuple(parse_file(site.docs_dir / source).questions))
        )
    return found


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line.strip() else "" for line in text.split("\n"))


def _attribute(text: str) -> str:
    return html.escape(text, quote=True)


def _progress(group: str, labels: Labels) -> str:
    """A progress line: of one page's questions (group), or of all ("")."""
    template = _attribute(labels.practice_progress)
    return (
        f'<p class="practice-progress" data-practice-progress="{group}" '
        f'data-template="{template}" aria-live="polite" hidden></p>'
    )


def page_markdown(site: Site, lang: str, labels: Labels) -> str:
    """The practice page's questions and controls, as Markdown (with md_in_html blocks) to
    append to its source."""
    default = site.codes[0]
    lines = [
        "",
        '<div class="practice-overall" markdown="1">',
        "",
        _progress("", labels),
        "",
        f'<button type="button" class="md-button practice-reset" '
        f'data-confirm="{_attribute(labels.practice_reset_confirm)}" hidden>'
        f"{html.escape(labels.practice_reset)}</button>",
        "",
        "</div>",
        "",
    ]
    for item in service_pages(site, lang):
        group = PurePosixPath(item.page[default].source).stem
        version = item.page[lang]
        lines += [
            # Out of search: the questions are found on their own pages; the page's title and
            # introduction stay searchable (Material's data-search-exclude on the section).
            f"## {version.title} {{ #practice-{group} data-search-exclude }}",
            "",
            _progress(group, labels),
            "",
        ]
        page_file = PurePosixPath(item.page[default].source).name
        for question in item.questions:
            if question.id is None:
                continue  # cannot keep progress without an id: the checker reports it (QST001)
            # Links to the question's own page are written with its file name (CONTRIBUTING);
            # a bare "#section" would point into the practice page.
            body = SAME_PAGE_LINK_RE.sub(f"]({page_file}#", question.body)
            back = f"{page_file}#{question.section}" if question.section else page_file
            lines += [
                f'<div class="practice-question" data-question-id="{question.id}" '
                f'data-practice-group="{group}" markdown="1">',
                "",
                f'??? question "{question.title}"',
                _indent(body),
                "",
                f"    [{html.escape(labels.practice_source)}: {version.title}]({back})",
                "",
                f'<button type="button" class="md-button practice-got-it" aria-pressed="false" '
                f"hidden>{html.escape(labels.practice_got_it)}</button>",
                "",
                "</div>",
                "",
            ]
    return "\n".join(lines) + "\n"
