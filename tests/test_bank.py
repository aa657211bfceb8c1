"""The question bank: the published questions.json of each language (steps/question_bank.py,
studysite.bank), held equal to the pages' items; and the bank's shape as the exam asks it
(counts per page, kind and domain; position of the key; the same items in both languages)."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from typing import Any

import pytest

from conftest import LANGUAGES, SITE, BuiltSite, missing
from studysite import bank, practice, questions
from studysite.node import node
from studysite.urls import resolve

SERVICE = [item.page for item in practice.service_pages(SITE, LANGUAGES[0])]
PIPELINE = SITE.page("ingestion-pipeline.md")
PER_SERVICE_PAGE, PER_PIPELINE_PAGE, PER_LANGUAGE = 6, 4, 80
ALLOWED_TAG_RE = re.compile(r"</?(?!(?:a|code|strong|em)\b)[a-z]")


def published(site: BuiltSite, lang: str) -> dict[str, Any]:
    path = bank.bank_path(SITE, lang)
    assert path is not None
    return json.loads((site.root / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_published_bank_is_the_pages_items(site: BuiltSite, lang: str) -> None:
    """One source: the file the build publishes is what the parser reads from the pages."""
    data = published(site, lang)
    assert data == json.loads(json.dumps(bank.bank(SITE, lang)))
    assert data["schema"] == bank.SCHEMA and data["language"] == lang
    parsed = [
        q.id
        for page in SITE.pages
        for q in questions.parse((SITE.docs_dir / page[lang].source).read_text(encoding="utf-8"))
    ]
    assert [item["id"] for item in data["items"]] == parsed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_bank_matches_the_built_pages(site: BuiltSite, lang: str) -> None:
    """Each item's options and keys as the built page shows them; its page and section URLs
    lead to built pages and their sections."""
    folder = bank.bank_dir(SITE, lang)
    assert folder is not None
    for item in published(site, lang)["items"]:
        page = resolve(folder, item["page"])
        version = SITE.page_by_url(page.path)
        assert version is not None, item["id"]
        block = site.soup(version.dest).select_one(f'div.quiz[data-question-id="{item["id"]}"]')
        assert block is not None, item["id"]
        options = [li["data-option-id"] for li in block.select("li[data-option-id]")]
        assert options == [option["id"] for option in item["options"]]
        assert (block["data-domain"], block["data-kind"]) == (item["domain"], item["kind"])
        section = resolve(folder, item["section"])
        target = SITE.page_by_url(section.path)
        assert target is not None and section.fragment, item["id"]
        assert site.soup(target.dest).find(id=section.fragment) is not None, item["section"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_item_has_its_fields_in_minimal_html(site: BuiltSite, lang: str) -> None:
    for item in published(site, lang)["items"]:
        assert set(item) >= {
            "id", "page", "section", "service", "domain", "kind", "stem", "options"
        }  # fmt: skip
        assert item["domain"] in questions.DOMAINS and item["kind"] in ("single", "multiple")
        texts = [item["stem"]]
        for option in item["options"]:
            assert set(option) >= {"id", "text", "correct", "why"}
            assert option["why"], (item["id"], option["id"])
            texts += [option["text"], *option["why"], *option["sources"]]
        for text in texts:
            assert text.strip() and not ALLOWED_TAG_RE.search(text), (item["id"], text)
            assert not re.search(r'href="[^"]*\.md[#"]', text), text  # links made URLs


# --- The bank as the exam asks it (issue 19's counts) -----------------------------------------


def items(lang: str) -> list[dict[str, Any]]:
    return bank.bank(SITE, lang)["items"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_share_of_items(lang: str) -> None:
    per_page = Counter(item["service"] for item in items(lang))
    for page in SERVICE:
        assert per_page[page.name] >= PER_SERVICE_PAGE, page.name
    assert per_page[PIPELINE.name] >= PER_PIPELINE_PAGE
    assert sum(per_page.values()) >= PER_LANGUAGE


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kinds_domains_and_key_positions(lang: str) -> None:
    found = items(lang)
    kinds = Counter(item["kind"] for item in found)
    assert kinds["multiple"] >= 0.1 * len(found)  # at least 10% multiple response
    domains = Counter(item["domain"] for item in found)
    assert all(domains[domain] >= 5 for domain in questions.DOMAINS), domains
    first = sum(item["options"][0]["correct"] for item in found)
    assert first <= 0.4 * len(found), f"{first} of {len(found)} items keyed first"
    for item in found:
        keys = sum(option["correct"] for option in item["options"])
        if item["kind"] == "single":
            assert (len(item["options"]), keys) == (4, 1), item["id"]
        else:
            assert len(item["options"]) >= 5 and keys >= 2, item["id"]


def test_both_languages_hold_the_same_items() -> None:
    def shape(lang: str) -> list[tuple]:
        return [
            (i["id"], i["service"], i["domain"], i["kind"], [o["correct"] for o in i["options"]])
            for i in items(lang)
        ]

    assert shape(LANGUAGES[0]) == shape(LANGUAGES[1])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_the_stems_but_not_the_options(site: BuiltSite, lang: str) -> None:
    """A learner typing a scenario's words finds its page; the options are out of search
    (Material's data-search-exclude): a distractor names a service the page does not explain."""
    prefix = SITE.language(lang).prefix
    index = json.loads((site.root / prefix / "search/search_index.json").read_text("utf-8"))
    texts = {doc["location"]: re.sub("<[^>]+>", "", doc["text"]) for doc in index["docs"]}
    for page in SERVICE:
        review = texts.get(f"{page[lang].url.removeprefix(prefix)}#review", "")
        for item in (q for q in items(lang) if q["service"] == page.name):
            assert re.sub("<[^>]+>", "", item["stem"])[:30] in review, item["id"]
        for options in site.soup(page[lang].dest).select("ol.quiz-options"):
            assert options.has_attr("data-search-exclude")
            assert not options.find_parent(attrs={"data-search-exclude": True})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_engine_s_script_is_the_same_bank_with_the_engine_s_words(
    site: BuiltSite, lang: str
) -> None:
    """questions.js (what the practice engine loads, from disk too) files the same bank under
    its language, and the engine's words of that language: run under Node, it gives both."""
    executable = node()
    if executable is None:
        missing("Node.js is not installed (make system-deps)")
    path = site.root / (bank.bank_dir(SITE, lang) or "") / bank.BANK_SCRIPT
    run = (
        "const self = globalThis; require(process.argv[1]);"
        "console.log(JSON.stringify([self.studysiteBanks, self.studysiteWords]))"
    )
    done = subprocess.run(
        [str(executable), "-e", run, str(path)], capture_output=True, text=True, check=True
    )
    banks, words = json.loads(done.stdout)
    assert banks == {lang: published(site, lang)}
    assert words == {lang: json.loads(json.dumps(practice.engine_words(SITE, lang)))}
    assert words[lang]["check"] == SITE.labels(lang).practice_ui["check"]
