"""Search fields derived from the project's data, which the search-index step adds to each
language's index so that lunr scores them apart from the body text:

- `terms`: on the section that explains a term (its `see:`), the term's names in every
  language, its other spellings and its expansion: a query that names a term finds the
  explaining section through this field first;
- `definitions`: on the same section, the term's definition in the index's language: a query
  that says what a term is ("scanned data": Athena is "billed by the amount of data
  scanned") finds it too, with less weight than a name;
- `keywords`: on the page or section a row of a table links to in its first cell, that row's
  cell under the exam-keywords heading (`extra.labels.search_keywords`: the compare tables'
  "시험 키워드" / "Exam keywords"). A page that names a service's keywords only in passing
  ranks below the service's own page.

FIELD_BOOSTS weigh every field of the index (Material's own are title 1000, text 1, tags
1,000,000: a common word in a title outweighed everything else, so "data" found every
section titled "... Data ...").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from .model import PageVersion, Site
from .reading.document import Document
from .terms import Term
from .urls import resolve

TERMS_FIELD = "terms"
DEFINITIONS_FIELD = "definitions"
KEYWORDS_FIELD = "keywords"
FIELD_BOOSTS: dict[str, float] = {
    "title": 100.0,
    "text": 1.0,
    "tags": 1000.0,
    TERMS_FIELD: 100.0,
    DEFINITIONS_FIELD: 10.0,
    KEYWORDS_FIELD: 10.0,
}
# Markdown a table cell's source may hold around its words: emphasis, code, a link's target.
CELL_MARKUP_RE = re.compile(r"\]\([^)]*\)|[*_`\[\]]|==")


@dataclass(frozen=True)
class Keywords:
    """One table row's exam keywords and the page (and section) its first cell links to."""

    line: int
    target: str  # the first cell's link as written: "athena.md", "redshift.md#spectrum"
    text: str


def term_texts(
    terms: Iterable[Term], lang: str, location: Callable[[Term], str]
) -> dict[str, dict[str, str]]:
    """The `terms` and `definitions` fields of each explaining location: the names of every
    term it explains (all languages, other spellings, expansions), and their definitions in
    lang."""
    names: dict[str, list[str]] = defaultdict(list)
    definitions: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        found = [*term.forms.values(), *(v for vs in term.variants.values() for v in vs)]
        found += list((term.expansion or {}).values())
        where = location(term)
        names[where].append("; ".join(dict.fromkeys(found)))
        definitions[where].append(term.definition[lang])
    return {
        TERMS_FIELD: {where: " | ".join(texts) for where, texts in names.items()},
        DEFINITIONS_FIELD: {where: " | ".join(texts) for where, texts in definitions.items()},
    }


def table_keywords(document: Document, heading: str) -> list[Keywords]:
    """The rows of the page's tables that have a column headed `heading` and a link in their
    first cell: that column's cell, as plain words."""
    found = []
    for table in document.tables:
        if heading not in table.header:
            continue
        column = table.header.index(heading)
        for row in table.rows:
            if row.link and column < len(row.cells):
                text = " ".join(CELL_MARKUP_RE.sub("", row.cells[column]).split())
                found.append(Keywords(row.line, row.link, text))
    return found


def keyword_location(site: Site, version: PageVersion, target: str) -> str | None:
    """The search location a table link of a page points to, in the page's language ("athena/",
    "redshift/#spectrum"), with the project's one link resolver; None for another site's
    link or a file that is not a page."""
    found = resolve(version.source, target)
    if found is None:
        return None
    _, default_source = site.source_language(PurePosixPath(found.path or version.source))
    try:
        page = site.page(default_source.as_posix())[version.lang]
    except KeyError:
        return None
    url = page.url.removeprefix(site.language(version.lang).prefix)
    return f"{url}#{found.fragment}" if found.fragment else url
