"""The question bank: every review item of the site, in one language, as data.

The build publishes it beside the practice page (steps/question_bank.py): `practice/
questions.json`, `en/practice/questions.json`, and the same as a script (`questions.js`, see
`script`) that the practice engine loads. Made from the pages' items (studysite.questions)
in navigation order; what reads the bank (the practice engine, the Anki decks, the tests)
reads that file or calls `bank()`, never a copy.

    {"schema": 1, "language": "ko", "domains": {"secure": "Design Secure Architectures", ...},
     "items": [{"id", "page", "section", "section_title", "service", "domain", "kind",
                "stem", "options": [{"id", "text", "correct", "why", "sources"}]}]}

- `page` and `section` are URLs relative to the bank's own folder (so they work on the
  hosted site and in the offline copy alike); `service` is the page's name ("athena").
- Texts (`stem`, `text`, `why`, `sources`) are minimal HTML: the Markdown of the item rendered
  inline by markdown-it, so only `<a href>`, `<code>`, `<strong>` and `<em>` occur, with raw
  HTML escaped. `why` and `sources` are lists: one entry per nested bullet of the option.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from .model import Site
from .questions import DOMAINS, LINK_RE, Question
from .reading.document import parse_file
from .urls import resolve

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SCHEMA = 1
BANK_FILE = "questions.json"
# The same bank as a script, for the practice engine: a page opened from disk (the offline
# copy) may load a script beside it, but Chromium refuses it a fetch of a file: URL.
BANK_SCRIPT = "questions.js"
SAME_PAGE_RE = re.compile(r"^#")


def bank_dir(site: Site, lang: str) -> str | None:
    """The site-relative folder of a language's bank ("practice/", "en/practice/"), or None
    without a practice page (extra.practice)."""
    if site.practice_page is None:
        return None
    return f"{site.language(lang).prefix}{site.practice_page.with_suffix('').as_posix()}/"


def bank_path(site: Site, lang: str) -> str | None:
    """The site-relative path of a language's bank file."""
    folder = bank_dir(site, lang)
    return None if folder is None else folder + BANK_FILE


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported here: only the bank step needs it

    return MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class Where:
    """Where an item's links are resolved from, and made relative to."""

    site: Site
    lang: str
    source: str  # the page's docs-relative Markdown file: "athena.en.md"
    folder: str  # the bank's site-relative folder: "en/practice/"

    def url(self, site_url: str, fragment: str = "") -> str:
        """A site-relative URL ("en/athena/") made relative to the bank's folder."""
        relative = posixpath.relpath(site_url or ".", self.folder.rstrip("/") or ".")
        if site_url.endswith("/") or not site_url:
            relative = relative.rstrip("/") + "/"
        return relative + (f"#{fragment}" if fragment else "")

    def href(self, href: str) -> str:
        """A Markdown link's target ("athena.md#overview") as a URL from the bank's folder;
        another host's link as it is."""
        target = resolve(self.source, href)
        if target is None:
            return href
        path = target.path or self.source
        _, default_source = self.site.source_language(PurePosixPath(path))
        try:
            version = self.site.page(default_source.as_posix())[self.lang]
        except KeyError:  # not a page (an image, a file): relative to the docs as built
            return self.url(path, target.fragment)
        return self.url(version.url, target.fragment)


def _html(text: str, where: Where) -> str:
    """Markdown, inline, as minimal HTML, its links made relative to the bank's folder."""
    rewritten = LINK_RE.sub(lambda m: f"[{m['title']}]({where.href(m['href'])})", text)
    return _markdown().renderInline(rewritten).strip()


def item(question: Question, service: str, where: Where, page_url: str) -> dict[str, Any]:
    """One item of the bank."""
    explained = question.explained
    section = where.href(explained.href) if explained else where.url(page_url)
    return {
        "id": question.id,
        "page": where.url(page_url),
        "section": section,
        "section_title": explained.title if explained else "",
        "service": service,
        "domain": question.domain,
        "kind": question.kind,
        "stem": _html(question.stem, where),
        "options": [
            {
                "id": option.id,
                "text": _html(option.text, where),
                "correct": option.correct,
                "why": [_html(text, where) for text in option.why],
                "sources": [_html(text, where) for text in option.sources],
            }
            for option in question.options
        ],
    }


def bank(site: Site, lang: str) -> dict[str, Any]:
    """A language's bank: every item with an id of every page, in navigation order."""
    folder = bank_dir(site, lang) or ""
    items = []
    for page in site.pages:
        version = page[lang]
        where = Where(site, lang, version.source, folder)
        for question in parse_file(site.docs_dir / version.source).questions:
            if question.id is not None:
                items.append(item(question, page.name, where, version.url))
    return {"schema": SCHEMA, "language": lang, "domains": DOMAINS, "items": items}


def script(json_text: str, lang: str, words: dict[str, Any]) -> str:
    """The bank's JSON text as the script the practice engine loads: it files the bank under
    its language in `studysiteBanks`, and the engine's words in that language (words) in
    `studysiteWords` (JSON is valid JavaScript: nothing is evaluated)."""
    text = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    return (
        f"(self.studysiteBanks ||= {{}})[{json.dumps(lang)}] = {json_text.rstrip()};\n"
        f"(self.studysiteWords ||= {{}})[{json.dumps(lang)}] = {text};\n"
    )
