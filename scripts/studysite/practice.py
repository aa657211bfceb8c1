"""The practice page (extra.practice, in every language): the practice engine's controls and
dashboard, then every review item of the pages, grouped by page in navigation order (each group
folded), readable without JavaScript.

Made from the pages' own items (studysite.questions) when the page is built: no copy to keep
in step. The engine (overrides/javascripts/practice.js, which loads practice-engine.js, the
scheduler and the bank when the learner starts) finds here:
- its controls, rendered in their fresh-learner state and disabled until it runs (so nothing
  moves when it does: the page's layout does not shift);
- its words (`extra.labels.practice_ui`, with the services' and domains' names) as JSON;
- the URLs of both languages' banks (steps/question_bank.py writes `questions.js` beside
  `questions.json`: a script, which a page opened from disk can load where it cannot fetch);
- the characters the other language's items draw (its per-item language toggle), in a
  <template>, so the site font's spare slice covers them (steps/font_slices.py).
"""

from __future__ import annotations

import html
import json
import posixpath
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


def _practice_folder(site: Site, lang: str) -> str:
    """The site-relative folder the practice page's links are relative to: "practice/"
    ("en/practice/"), or the language's root in the offline copy (practice.html)."""
    assert site.practice_page is not None
    url = site.page(site.practice_page.as_posix())[lang].url
    return url[: url.rfind("/") + 1]


def _practice_item(data: dict, question: questions.Question, back: str, labels: Labels) -> str:
    """One item as on its page, but for the explanations of its options (its way back leads
    to them: all of them on one page were over its first-view budget). Raw HTML from the
    bank's texts (studysite.bank: markdown-it, links made relative to this page):
    Python-Markdown converting a hundred items again was 0.13 s per language."""
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
        # The item's id, service and domain are its .quiz's (practice.js reads them there).
        '<div class="practice-question">'
        + questions.quiz_open(data["id"], data["service"], data["domain"], data["kind"], False)
        + questions.stem_html(data["stem"], False)
        + f"{questions.options_open(False)}{options}</ol>"
        f'<details class="success quiz-answer"><summary>{html.escape(labels.quiz_answer)}'
        f"</summary><p><strong>{html.escape(labels.quiz_key)}: {keys}</strong></p>{explained}"
        "</details></div>"
        # The page's name is its group's heading: the same words on every item cost nothing.
        f'<p class="practice-source"><a href="{_attribute(back)}">'
        f"{html.escape(labels.practice_source)}</a></p></div>"
    )


def _relative(folder: str, target: str) -> str:
    """A site-relative path as seen from a site-relative folder ("" is the root)."""
    return posixpath.relpath(target, folder.rstrip("/") or ".")


def _other_characters(site: Site, lang: str) -> str:
    """Every character the other languages' items are written with (their Markdown: a
    superset of what their text draws), sorted."""
    chars: set[str] = set()
    for other in site.codes:
        if other == lang:
            continue
        for item in question_pages(site, other):
            for question in item.questions:
                texts = [question.stem]
                for option in question.options:
                    texts += [option.text, *option.why, *option.sources]
                chars.update("".join(texts))
    return "".join(sorted(c for c in chars if c.isprintable() and not c.isspace()))


# The words practice.js itself writes as the page loads; the engine's others travel with the
# bank script (engine_words, steps/question_bank.py): a first view does not carry them.
PAGE_WORDS = ("no_storage", "due_today", "seen", "not_yet", "history_line", "kind_short",
              "kind_full")  # fmt: skip


def engine_words(site: Site, lang: str) -> dict[str, object]:
    """The practice engine's words in lang, with the services' and domains' names."""
    labels = site.labels(lang)
    ui = labels.practice_ui
    return {
        **ui,
        "service_names": {
            item.page.name: item.page[lang].title for item in question_pages(site, lang)
        },
        "domain_names": {key: ui[f"domain_{key}"] for key in questions.DOMAINS},
        "right": labels.quiz_right,
        "wrong": labels.quiz_wrong,
        "key": labels.quiz_key,
    }


def _page_words(labels: Labels) -> str:
    """practice.js's words as JSON for a <script type="application/json">: no "</" in it."""
    data = {key: labels.practice_ui[key] for key in PAGE_WORDS}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _choice(kind: str, name: str, value: str, text: str, checked: bool = False) -> str:
    on = " checked" if checked else ""
    return (
        f'<label class="practice-choice"><input type="{kind}" name="{name}" '
        f'value="{_attribute(value)}"{on}> {html.escape(text)}</label>'
    )


def _practice_form(ui: dict, pages: list[PageQuestions], lang: str) -> str:
    scopes = ("all", "services", "domain", "due", "mistakes")
    radios = "".join(
        _choice("radio", "scope", scope, ui[f"scope_{scope}"], scope == "all") for scope in scopes
    )
    services = "".join(
        _choice("checkbox", "service", item.page.name, item.page[lang].title) for item in pages
    )
    domains = "".join(
        f'<option value="{key}">{html.escape(ui[f"domain_{key}"])}</option>'
        for key in questions.DOMAINS
    )
    return (
        '<form class="practice-setup" data-practice-form="practice">'
        '<fieldset class="practice-controls" disabled>'
        f"<legend>{html.escape(ui['scope'])}</legend>{radios}"
        f'<fieldset class="practice-services"><legend>{html.escape(ui["services"])}</legend>'
        f"{services}</fieldset>"
        f'<p><label for="practice-domain">{html.escape(ui["domain"])}</label> '
        f'<select id="practice-domain" name="domain">{domains}</select></p>'
        f'<p><button type="submit" class="md-button md-button--primary">'
        f"{html.escape(ui['start'])}</button></p></fieldset></form>"
    )


# The mock exams: (name, items, minutes): the real pace of two minutes an item.
EXAMS = (("short", 20, 40), ("full", 65, 130))


def _exam_form(ui: dict) -> str:
    radios = "".join(
        _choice(
            "radio",
            "exam",
            name,
            ui[f"exam_{name}"].replace("{count}", str(count)).replace("{minutes}", str(minutes)),
            name == "short",
        )
        for name, count, minutes in EXAMS
    )
    return (
        '<form class="practice-setup" data-practice-form="exam">'
        '<fieldset class="practice-controls" disabled>'
        f"<legend>{html.escape(ui['exam'])}</legend>{radios}"
        f"{_choice('checkbox', 'extra', '30', ui['exam_extra'])}"
        f'<p><button type="submit" class="md-button">{html.escape(ui["exam_start"])}</button>'
        "</p></fieldset></form>"
    )


def _area_table(caption: str, areas: list[tuple[str, str]], ui: dict) -> str:
    """A dashboard table, one row per area (service:NAME or domain:NAME), in its fresh-learner
    state: the engine fills in the figures and orders the rows, weakest first."""
    head = "".join(
        f'<th scope="col">{html.escape(ui[k])}</th>' for k in ("area", "correct", "accuracy", "due")
    )
    rows = "".join(
        f'<tr data-area="{key}"><th scope="row">{html.escape(name)}</th><td>0 / 0</td>'
        f"<td>{html.escape(ui['not_yet'])}</td><td>0</td>"
        f'<td><button type="button" class="md-button practice-area-start" data-start="{key}" '
        f'aria-label="{_attribute(ui["practise"] + ": " + name)}" disabled>'
        f"{html.escape(ui['practise'])}</button></td></tr>"
        for key, name in areas
    )
    return (
        f'<table class="practice-areas"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}<td></td></tr></thead><tbody>{rows}</tbody></table>"
    )


def _dashboard(ui: dict, pages: list[PageQuestions], lang: str, total: int) -> str:
    services = [(f"service:{item.page.name}", item.page[lang].title) for item in pages]
    domains = [(f"domain:{key}", ui[f"domain_{key}"]) for key in questions.DOMAINS]
    seen = ui["seen"].format(seen=0, total=total, unseen=total)
    return (
        '<section class="practice-dashboard" aria-labelledby="my-progress">'
        f'<h2 id="my-progress">{html.escape(ui["dashboard"])}</h2>'
        f'<p class="practice-summary"><strong data-practice-due>'
        f"{html.escape(ui['due_today'].format(count=0))}</strong> · "
        f"<span data-practice-seen>{html.escape(seen)}</span></p>"
        # The tables and the past exams folded: a fresh learner's are empty, and their
        # glyphs would cost the first view some 2 KB of font.
        + '<details class="practice-areas-fold">'
        f"<summary>{html.escape(ui['accuracy'])}: {html.escape(ui['by_service'])} · "
        f"{html.escape(ui['by_domain'])}</summary><p>{html.escape(ui['weakest'])}</p>"
        + _area_table(ui["by_service"], services, ui)
        + _area_table(ui["by_domain"], domains, ui)
        + f'<h3 id="my-exams">{html.escape(ui["history"])}</h3>'
        '<ol class="practice-history" aria-labelledby="my-exams"></ol></details></section>'
    )


def _data_controls(ui: dict) -> str:
    """Export, import and reset, folded: a learner's first visit needs none of them (and its
    first view none of their glyphs)."""
    modes = _choice("radio", "import-mode", "merge", ui["import_merge"], True) + _choice(
        "radio", "import-mode", "replace", ui["import_replace"]
    )
    return (
        '<details class="practice-data">'
        f"<summary>{html.escape(ui['export'])} · {html.escape(ui['import'])}</summary>"
        '<fieldset class="practice-controls" disabled>'
        f"<legend>{html.escape(ui['import'])}</legend>{modes}"
        f'<p><button type="button" class="md-button" data-practice-export>'
        f"{html.escape(ui['export'])}</button> "
        '<input type="file" id="practice-import" class="practice-file" '
        'accept=".json,application/json">'
        f'<label class="md-button practice-import" for="practice-import">'
        f"{html.escape(ui['import'])}</label> "
        f'<button type="button" class="md-button" data-practice-reset>'
        f"{html.escape(ui['reset'])}</button></p></fieldset></details>"
        '<p class="practice-alert" role="alert"></p>'
        '<p class="practice-note" role="status"></p>'
    )


def _anki_link(labels: Labels, href: str) -> str:
    """The link to the language's Anki deck (steps/anki.py)."""
    return (
        f'<p class="practice-anki"><a href="{_attribute(href)}" download>'
        f"{html.escape(labels.anki_deck)}</a></p>"
    )


def _app(site: Site, lang: str, labels: Labels, pages: list[PageQuestions]) -> str:
    """The engine's controls, words and dashboard: one raw HTML block (no blank line in it)."""
    ui = labels.practice_ui
    folder = _practice_folder(site, lang)
    banks = {code: bank.bank_dir(site, code) or "" for code in site.codes}
    others = [code for code in site.codes if code != lang]
    total = sum(len(item.questions) for item in pages)
    return (
        f'<div class="practice-app" data-lang="{lang}" '
        f'data-bank="{_attribute(_relative(folder, banks[lang] + bank.BANK_SCRIPT))}" '
        + "".join(
            f'data-bank-{code}="{_attribute(_relative(folder, banks[code] + bank.BANK_SCRIPT))}" '
            for code in site.codes
        )
        + f'data-other-lang="{others[0] if others else ""}">'
        f'<script type="application/json" class="practice-words">'
        f"{_page_words(labels)}</script>"
        f'<template class="practice-glyphs">{html.escape(_other_characters(site, lang))}</template>'
        f'<noscript><p class="practice-noscript">{html.escape(ui["noscript"])}</p></noscript>'
        '<p class="practice-storage" role="status" hidden></p>'
        '<div class="practice-home">'
        + _practice_form(ui, pages, lang)
        + _exam_form(ui)
        + _anki_link(labels, _relative(folder, site.anki_path(lang)))
        + _dashboard(ui, pages, lang, total)
        + _data_controls(ui)
        + '</div><div class="practice-stage" hidden></div></div>'
    )


def page_markdown(site: Site, lang: str, labels: Labels) -> str:
    """The practice page's engine and questions, as Markdown (raw HTML blocks) to append to its
    source."""
    default = site.codes[0]
    pages = question_pages(site, lang)
    lines = ["", _app(site, lang, labels, pages), ""]
    folder = _practice_folder(site, lang)
    for item in pages:
        group = PurePosixPath(item.page[default].source).stem
        version = item.page[lang]
        count = labels.practice_group.replace("{count}", str(len(item.questions)))
        lines += [
            # Out of search: the questions are found on their own pages; the page's title and
            # introduction stay searchable (Material's data-search-exclude on the section).
            f"## {version.title} {{ #practice-{group} data-search-exclude }}",
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
            lines.append(_practice_item(data, question, back, labels))
        lines += ["</details>", ""]
    return "\n".join(lines) + "\n"
