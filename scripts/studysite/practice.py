"""The practice page (extra.practice, in every language): every review question of the pages,
grouped by page in navigation order (each group folded), each with a "got it" button; progress
per page and overall is kept in the browser (overrides/javascripts/practice.js).

Made from the pages' own items (studysite.questions), rendered as on their pages, when the page
is built: no copy to keep in step. The controls are rendered here, hidden, and practice.js
shows them once it runs; the labels are the language's `extra.labels`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import bank, questions
from .model import Labels, Page, Site
from .reading.document import parse_file
from .reading.frontmatter import meta


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


def question_pages(site: Site, lang: str) -> list[PageQuestions]:
    """Every page of the navigation with review items, in navigation order (the service
    pages, the pipeline and compare pages), with its items in lang."""
    found = []
    for page in site.pages:
        source = PurePosixPath(page[lang].source)
        items = tuple(q for q in parse_file(site.docs_dir / source).questions if q.id)
        if items and source != site.translation_source(site.practice_page or source, lang):
            found.append(PageQuestions(page, source, items))
    return found


def _attribute(text: str) -> str:
    return html.escape(text, quote=True)


def words(labels: Labels) -> questions.Words:
    """The words an item is rendered with, in the labels' language."""
    return questions.Words(
        labels.quiz_answer, labels.quiz_key, labels.quiz_right, labels.quiz_wrong
    )


def _progress(group: str, labels: Labels) -> str:
    """A progress line: of one page's questions (group), or of all ("")."""
    template = _attribute(labels.practice_progress)
    return (
        f'<p class="practice-progress" data-practice-progress="{group}" '
        f'data-template="{template}" aria-live="polite" hidden></p>'
    )


def _practice_folder(site: Site, lang: str) -> str:
    """The site-relative folder the practice page's links are relative to: "practice/"
    ("en/practice/"), or the language's root in the offline copy (practice.html)."""
    assert site.practice_page is not None
    url = site.page(site.practice_page.as_posix())[lang].url
    return url[: url.rfind("/") + 1]


def _practice_item(
    data: dict, question: questions.Question, back: str, title: str, labels: Labels
) -> str:
    """One item as on its page, but for the explanations of its options (its way back leads
    to them: all of them on one page were over its first-view budget), with its "got it"
    button. Raw HTML from the bank's texts (studysite.bank: markdown-it, links made relative
    to this page): Python-Markdown converting a hundred items again was 0.13 s per language."""
    keys = ", ".join(o["id"].upper() for o in data["options"] if o["correct"])
    options = "".join(questions.option_html(o["id"], o["text"], False) for o in data["options"])
    label = question.explained.label if question.explained else ""
    explained = (
        f'<p>{html.escape(label)}: <a href="{_attribute(data["section"])}">'
        f"{html.escape(data['section_title'])}</a></p>"
        if question.explained
        else ""
    )
    return (
        f'<div class="practice-question" data-question-id="{data["id"]}" '
        f'data-practice-group="{data["service"]}">'
        + questions.quiz_open(data["id"], data["service"], data["domain"], data["kind"], False)
        + questions.stem_html(data["stem"], False)
        + f"{questions.options_open(False)}{options}</ol>"
        f'<details class="success quiz-answer"><summary>{html.escape(labels.quiz_answer)}'
        f"</summary><p><strong>{html.escape(labels.quiz_key)}: {keys}</strong></p>{explained}"
        "</details></div>"
        f'<p class="practice-source"><a href="{_attribute(back)}">'
        f"{html.escape(labels.practice_source)}: {html.escape(title)}</a></p>"
        f'<button type="button" class="md-button practice-got-it" aria-pressed="false" '
        f"hidden>{html.escape(labels.practice_got_it)}</button></div>"
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
    folder = _practice_folder(site, lang)
    for item in question_pages(site, lang):
        group = PurePosixPath(item.page[default].source).stem
        version = item.page[lang]
        count = labels.practice_group.replace("{count}", str(len(item.questions)))
        lines += [
            # Out of search: the questions are found on their own pages; the page's title and
            # introduction stay searchable (Material's data-search-exclude on the section).
            f"## {version.title} {{ #practice-{group} data-search-exclude }}",
            "",
            _progress(group, labels),
            "",
            # Folded per page: a page's items are drawn when the learner opens them, so their
            # text is not in the first view (its fonts included: steps/font_slices.py).
            f'<details class="practice-group" data-practice-group="{group}">',
            f"<summary>{html.escape(count)}</summary>",
        ]
        where = bank.Where(site, lang, version.source, folder)
        for question in item.questions:
            data = bank.item(question, group, where, version.url)
            back = where.url(version.url, question.section or "")
            lines.append(_practice_item(data, question, back, version.title, labels))
        lines += ["</details>", ""]
    return "\n".join(lines) + "\n"
