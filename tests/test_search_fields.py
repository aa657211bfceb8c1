"""The search fields derived from the terminology data and the tables' exam keywords
(studysite.search_fields), in the built index of each language."""

from __future__ import annotations

import json

import pytest

from conftest import LANGUAGES, SITE, BuiltSite
from studysite.reading.document import parse
from studysite.search_fields import (
    DEFINITIONS_FIELD,
    FIELD_BOOSTS,
    KEYWORDS_FIELD,
    TERMS_FIELD,
    keyword_location,
    table_keywords,
)
from studysite.steps.search_index import term_location
from studysite.terms import load_terms

TABLE = """# Compare

| Service | Exam keywords | Latency |
| --- | --- | --- |
| [Athena](athena.md) | pay per **data scanned**, `SQL` | none |
| [Spectrum](redshift.md#spectrum) | S3 and warehouse tables | none |
| Plain text | no link, no keywords | none |

| Service | Other heading |
| --- | --- |
| [Glue](glue.md) | not keywords |
"""


def test_a_table_gives_its_rows_keywords_to_the_pages_they_link() -> None:
    rows = table_keywords(parse(TABLE), "Exam keywords")
    assert [(row.target, row.text, row.line) for row in rows] == [
        ("athena.md", "pay per data scanned, SQL", 5),
        ("redshift.md#spectrum", "S3 and warehouse tables", 6),
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_table_link_is_resolved_from_its_page(lang: str) -> None:
    compare = SITE.page("compare.md")[lang]
    assert keyword_location(SITE, compare, "athena.md") == "athena/"
    assert keyword_location(SITE, compare, "redshift.md#spectrum") == "redshift/#spectrum"
    assert keyword_location(SITE, compare, "./guide/../athena.md#x") == "athena/#x"
    assert keyword_location(SITE, compare, "#etl") == "compare/#etl"
    assert keyword_location(SITE, compare, "https://aws.amazon.com/athena/") is None
    assert keyword_location(SITE, compare, "images/nothing.svg") is None


def built_index(site: BuiltSite, lang: str) -> dict:
    path = site.root / SITE.language(lang).prefix / "search" / "search_index.json"
    return json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_term_is_in_its_explaining_section(site: BuiltSite, lang: str) -> None:
    index = built_index(site, lang)
    assert {name: spec["boost"] for name, spec in index["config"]["fields"].items()} == (
        FIELD_BOOSTS
    )
    docs = {doc["location"]: doc for doc in index["docs"]}
    for term in load_terms(SITE.terms_file, SITE.codes).terms:
        doc = docs[term_location(SITE, term)]
        assert term.definition[lang] in doc[DEFINITIONS_FIELD], term.id
        assert all(form in doc[TERMS_FIELD] for form in term.forms.values()), term.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compare_tables_keywords_are_on_the_service_pages(site: BuiltSite, lang: str) -> None:
    keywords = {
        doc["location"]: doc[KEYWORDS_FIELD]
        for doc in built_index(site, lang)["docs"]
        if KEYWORDS_FIELD in doc
    }
    scanned = {"ko": "스캔한 만큼 과금", "en": "pay per data scanned"}[lang]
    assert (
        scanned
        in keywords[SITE.page("athena.md")[lang].url.removeprefix(SITE.language(lang).prefix)]
    )
    assert any(where.endswith("#spectrum") for where in keywords)
    assert not any(where.startswith("compare") for where in keywords)
