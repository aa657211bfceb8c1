"""The study course as built: review questions on every service page (with their ids), the
practice page made of them, exam points, links between pages, the compare and Kinesis pages;
and the question parsing and checker rules behind them."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from bs4 import Tag

from conftest import LANGUAGES, SITE, BuiltSite
from docstree import make_tree
from studysite import practice, questions
from studysite.check.config import load_config
from studysite.check.runner import check
from studysite.model import Page
from studysite.urls import resolve

MIN_QUESTIONS = 6  # on every service page (issue 19); the pipeline page 4
SERVICE = [item.page for item in practice.service_pages(SITE, LANGUAGES[0])]
SERVICE_IDS = [page.name for page in SERVICE]
assert SITE.practice_page is not None
PRACTICE = SITE.page(SITE.practice_page.as_posix())


def article(site: BuiltSite, relative: str) -> Tag:
    node = site.soup(relative).select_one("article.md-content__inner")
    assert node is not None
    return node


def test_the_service_pages_are_the_ten_services() -> None:
    names = set(SERVICE_IDS)
    assert len(names) >= 10 and {"kinesis", "redshift", "msk", "quicksight"} <= names
    assert not names & {"index", "ingestion-pipeline", "glossary", "practice", "compare"}


# --- Questions on the service pages ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", SERVICE, ids=SERVICE_IDS)
def test_every_service_page_has_its_questions_with_ids(
    site: BuiltSite, page: Page, lang: str
) -> None:
    """Each item renders as its block: the stem and every lettered option visible (with
    data-option-id), the key and the explanations folded, a link to the explaining section."""
    body = article(site, page[lang].dest)
    blocks = body.select("div.quiz")
    source = questions.parse((SITE.docs_dir / page[lang].source).read_text(encoding="utf-8"))
    assert len(blocks) >= MIN_QUESTIONS
    assert [b.get("data-question-id") for b in blocks] == [q.id for q in source]
    for block, question in zip(blocks, source, strict=True):
        stem = block.select_one(".quiz-stem")
        assert stem is not None and "{" not in stem.get_text()  # no id in the stem
        options = block.select("ol.quiz-options > li[data-option-id]")
        assert [o["data-option-id"] for o in options] == [o.id for o in question.options]
        assert [o.select_one(".quiz-letter").get_text() for o in options] == [
            f"{o.letter}." for o in question.options
        ]
        answer = block.select_one("details.quiz-answer")
        assert answer is not None and not answer.has_attr("open")  # the key stays folded
        keys = ", ".join(o.letter for o in question.options if o.correct)
        assert f"{SITE.labels(lang).quiz_key}: {keys}" in answer.get_text()
        assert answer.select("a[href]"), f"{question.id}: no link to a section"
        assert not block.find("input")  # no task-list checkbox gives the key away


@pytest.mark.parametrize("page", SERVICE, ids=SERVICE_IDS)
def test_questions_have_the_same_ids_in_both_languages(site: BuiltSite, page: Page) -> None:
    ids = {
        lang: [
            (
                b["data-question-id"],
                b["data-domain"],
                b["data-kind"],
                len(b.select("li[data-option-id]")),
            )
            for b in article(site, page[lang].dest).select("div.quiz")
        ]
        for lang in LANGUAGES
    }
    assert ids[LANGUAGES[0]] == ids[LANGUAGES[1]]


def test_the_enhanced_vpc_routing_question_is_kept(site: BuiltSite) -> None:
    page = SITE.page("redshift.md")
    for lang, answer in (("ko", "향상된 VPC 라우팅"), ("en", "Enhanced VPC Routing")):
        block = article(site, page[lang].dest).select_one(
            'div.quiz[data-question-id="redshift-enhanced-vpc-routing"]'
        )
        assert block is not None and answer in block.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", SERVICE, ids=SERVICE_IDS)
def test_every_service_page_has_exam_points(site: BuiltSite, page: Page, lang: str) -> None:
    boxes = article(site, page[lang].dest).select(".admonition.exam")
    assert len(boxes) == 1 and boxes[0].select("li")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", SERVICE, ids=SERVICE_IDS)
def test_every_service_page_links_two_other_pages(site: BuiltSite, page: Page, lang: str) -> None:
    version = page[lang]
    others = set()
    for link in article(site, version.dest).select("a[href]"):
        target = resolve(version.url, link["href"])
        linked = SITE.page_by_url(target.path) if target else None
        if linked is not None and linked.source != version.source:
            others.add(linked.source)
    assert len(others) >= 2, others


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_lists_the_new_pages(site: BuiltSite, lang: str) -> None:
    home = SITE.home[lang]
    linked = {
        resolve(home.url, a["href"]).path
        for a in article(site, home.dest).select("a[href]")
        if resolve(home.url, a["href"]) is not None
    }
    for name in ("kinesis.md", "compare.md", "practice.md", "glossary.md"):
        assert SITE.page(name)[lang].url in linked, name


# --- The practice page -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_practice_page_holds_every_question_of_the_pages(site: BuiltSite, lang: str) -> None:
    body = article(site, PRACTICE[lang].dest)
    shown = [
        (item["data-service"], item["data-question-id"])
        for item in body.select(".practice-question > .quiz")
    ]
    expected = [
        (PurePosixPath(item.page[LANGUAGES[0]].source).stem, q.id)
        for item in practice.question_pages(SITE, lang)
        for q in item.questions
    ]
    assert shown == expected and len(shown) >= MIN_QUESTIONS * len(SERVICE)
    with_items = [item.page for item in practice.question_pages(SITE, lang)]
    names = [page.name for page in with_items]
    assert {page.name for page in SERVICE} <= set(names)  # the pipeline and compare's too
    groups = [h["id"] for h in body.select("h2[id^='practice-']")]
    assert groups == [f"practice-{name}" for name in names]
    folded = body.select("details.practice-group")
    assert [d["data-practice-group"] for d in folded] == names
    assert not any(d.has_attr("open") for d in folded)  # drawn when opened: not in the first view


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_practice_question_has_its_answer_and_way_back(site: BuiltSite, lang: str) -> None:
    version = PRACTICE[lang]
    for item in article(site, version.dest).select(".practice-question"):
        quiz = item.select_one("div.quiz[data-question-id][data-service][data-domain]")
        assert quiz is not None and quiz.select_one("details.quiz-answer > summary") is not None
        back = item.select_one(".practice-source a")
        assert back is not None and back.get_text(strip=True) == SITE.labels(lang).practice_source
        targets = [resolve(version.url, a["href"]) for a in item.select("a[href]")]
        pages = {SITE.page_by_url(t.path) for t in targets if t is not None}
        group = SITE.page(f"{quiz['data-service']}.md")[lang]
        assert group in pages, f"{quiz['data-question-id']}: no link back to {group.url}"
        for target in targets:  # no link points into the practice page itself
            assert target is None or target.path != version.url


# --- Compare and Kinesis pages -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compare_page_has_three_tables(site: BuiltSite, lang: str) -> None:
    body = article(site, SITE.page("compare.md")[lang].dest)
    tables = body.select("table")
    assert len(tables) >= 3
    for table in tables:
        assert len(table.select("tbody tr")) >= 3
    external = [a["href"] for a in body.select("a[href^='https://docs.aws.amazon.com']")]
    assert len(external) >= 3  # numbers and limits have their AWS documentation source


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_kinesis_page_covers_both_services(site: BuiltSite, lang: str) -> None:
    page = SITE.page("kinesis.md")
    body = article(site, page[lang].dest)
    text = body.get_text(" ")
    assert "Kinesis Data Streams" in text and "Firehose" in text
    assert body.select("img[src$='.svg']"), "the page's diagram"
    assert not body.select(".admonition.correction")  # added to the notes, not a correction
    assert body.select_one(".admonition.note") is not None
    assert len(body.select("a[href^='https://docs.aws.amazon.com']")) >= 5


# --- Parsing and checking the questions --------------------------------------------------------

PAGE = """# 제목 { #title }

## 문제 { #review }

??? question "첫 질문은 \\"무엇\\"입니까?" { #page-first }
    **답**

    - 이유: [절](#title)

```markdown
??? question "코드 안의 예시" { #not-a-question }
```

??? question "둘째 질문" { #page-second }
    **답 2**
"""


def test_questions_are_parsed_with_their_ids_bodies_and_sections() -> None:
    found = questions.parse(PAGE)
    assert [(q.id, q.line, q.section) for q in found] == [
        ("page-first", 5, "review"),
        ("page-second", 14, "review"),
    ]
    assert found[0].title == '첫 질문은 \\"무엇\\"입니까?'
    assert found[0].body == "**답**\n\n- 이유: [절](#title)"


def findings(tmp_path: Path, ko: str, en: str) -> list[tuple[str, int, str, str]]:
    config = make_tree(tmp_path, {"a.md": ko, "a.en.md": en}, languages=("ko", "en"))
    result = check(load_config(config), cwd=tmp_path)
    return [
        (f.path, f.line, f.code, f.message)
        for f in result.findings
        if f.code in {"QST001", "I18N002"}
    ]


def page(*ids: str | None) -> str:
    blocks = [
        f'??? question "질문 {n}"' + (f" {{ #{i} }}" if i else "") + "\n    답\n"
        for n, i in enumerate(ids)
    ]
    return "# 제목 { #t }\n\n" + "\n".join(blocks)


def test_a_question_without_an_id_is_an_error(tmp_path: Path) -> None:
    found = findings(tmp_path, page("a-one", None), page("a-one", None))
    assert [(p, line, code) for p, line, code, _ in found] == [
        ("docs/a.en.md", 6, "QST001"),
        ("docs/a.md", 6, "QST001"),
    ]
    assert "{ #page-topic }" in found[0][3]


def test_an_id_used_twice_is_an_error(tmp_path: Path) -> None:
    found = findings(tmp_path, page("a-one", "a-one"), page("a-one", "a-one"))
    assert {(p, line) for p, line, code, _ in found if code == "QST001"} == {
        ("docs/a.md", 3),
        ("docs/a.md", 6),
        ("docs/a.en.md", 3),
        ("docs/a.en.md", 6),
    }


def test_a_translation_must_keep_its_sources_question_ids(tmp_path: Path) -> None:
    found = findings(tmp_path, page("a-one", "a-two"), page("a-two", "a-one"))
    assert [(p, code) for p, _, code, _ in found] == [("docs/a.en.md", "I18N002")]
    assert "same ids, same order" in found[0][3]
