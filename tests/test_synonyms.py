"""Search synonyms derived from the terminology data (studysite.synonyms), and the built Korean
search file that carries them. Whether they find the pages: test_search.py."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SITE, BuiltSite
from studysite.steps.search_index import query_language_file
from studysite.synonyms import synonym_groups, synonym_map, words
from studysite.terms import load_terms

assert SITE.terms_file is not None
TERMS = load_terms(SITE.terms_file, SITE.codes).terms


def test_the_built_korean_search_carries_the_generated_synonyms(site: BuiltSite) -> None:
    script = (site.root / query_language_file(SITE)).read_text(encoding="utf-8")
    [data] = re.findall(r"^\s*var SYNONYMS = (\{.*\});$", script, re.MULTILINE)
    assert json.loads(data) == synonym_map(synonym_groups(TERMS))
    source = (SITE.config_file.parent / "overrides" / query_language_file(SITE)).read_text(
        encoding="utf-8"
    )
    assert re.search(r"^\s*var SYNONYMS = \{\};$", source, re.MULTILINE)  # nothing by hand


@pytest.mark.parametrize(
    ("typed", "adds"),
    [
        ("federated", {"페더레이티드"}),
        ("페더레이티드", {"federated"}),
        ("레드쉬프트", {"레드시프트", "redshift"}),
        ("redshift", {"레드시프트"}),
        ("퀵사이트", {"quick", "sight", "quicksight"}),
        ("columnar", {"열", "지향", "열지향"}),
        ("주입", {"수집", "ingestion"}),
    ],
)
def test_synonyms_derived_from_the_terms(typed: str, adds: set[str]) -> None:
    assert adds <= set(synonym_map(synonym_groups(TERMS))[typed])


def test_words_drop_vendor_prefixes_and_split_like_the_index() -> None:
    assert words("Amazon OpenSearch Service") == ("opensearch",)
    assert words("in-application stream") == ("in", "application", "stream")
    assert words("AWS Glue Data Catalog") == ("glue", "data", "catalog")


def test_words_that_do_not_line_up_add_nothing() -> None:
    mapping = synonym_map(synonym_groups(TERMS))
    assert "쿼리" in mapping and "구문" not in mapping["쿼리"]  # 쿼리 파싱 is no 구문 분석
    assert "in" not in mapping  # 애플리케이션 내 스트림 / in-application stream


# --- Explaining sections (the ranking's terms data) ---------------------------------------------


def test_the_built_korean_search_carries_the_explaining_sections(site: BuiltSite) -> None:
    from studysite.steps.search_index import term_location
    from studysite.synonyms import explaining_locations

    script = (site.root / query_language_file(SITE)).read_text(encoding="utf-8")
    [data] = re.findall(r"^\s*var EXPLAINED = (\{.*\});$", script, re.MULTILINE)
    expected = explaining_locations(TERMS, lambda term: term_location(SITE, term))
    assert json.loads(data) == expected
    assert expected["capacity reservation"] == expected["용량 예약"] == "athena/#overview"
    assert expected["소스 커넥터"] == "athena/#federated-query"  # a run inside a longer name
    source = (SITE.config_file.parent / "overrides" / query_language_file(SITE)).read_text(
        encoding="utf-8"
    )
    assert re.search(r"^\s*var EXPLAINED = \{\};$", source, re.MULTILINE)  # nothing by hand


def test_a_name_two_terms_explain_elsewhere_names_neither() -> None:
    from dataclasses import replace

    from studysite.synonyms import explaining_locations

    one = next(term for term in TERMS if term.id == "capacity-reservation")
    other = replace(one, id="other", page="redshift.md", section="x")
    where = {one.id: "athena/#overview", other.id: "redshift/#x"}
    found = explaining_locations([one, other], lambda term: where[term.id])
    assert "capacity reservation" not in found and "용량 예약" not in found
    assert explaining_locations([one], lambda term: where[term.id])["용량 예약"] == where[one.id]
