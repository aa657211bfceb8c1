"""The exam items (studysite.questions): their parsing, their rendering, and the checker's
rules for them (QST003-QST010, check/question_items.py), each with a tree that fails it."""

from __future__ import annotations

from pathlib import Path

import pytest

from docstree import make_tree
from studysite import questions
from studysite.check.config import load_config
from studysite.check.runner import check

WORDS = questions.Words("정답과 해설", "정답", "정답", "오답")


def item(
    *,
    id_: str = "a-item",
    stem: str = "한 회사가 로그를 SQL로 분석하려고 합니다. 어떤 서비스가 가장 적합합니까?",
    attrs: str = " domain=cost",
    options: tuple[tuple[str, str, str], ...] = (
        (" ", "레드시프트", "클러스터가 있어야 함"),
        ("x", "아테나", "서버리스"),
        (" ", "EMR", "클러스터를 관리해야 함"),
        (" ", "글루 크롤러", "쿼리를 하지 않음"),
    ),
    explained: str = "설명: [절](a.md#t)",
) -> str:
    lines = [f'??? question "{stem}" {{ #{id_}{attrs} }}']
    for mark, text, why in options:
        lines.append(f"    - [{mark}] {text}")
        if why:
            lines.append(f"        - {why}")
    if explained:
        lines += ["", f"    {explained}"]
    return "\n".join(lines) + "\n"


def page(*items: str) -> str:
    return "# 제목 { #t }\n\n## 문제 { #review }\n\n" + "\n".join(items)


MULTIPLE = dict(
    stem="어떤 두 가지를 해야 합니까? (두 개를 선택하십시오.)",
    options=(
        ("x", "파케이로 바꿈", "스캔량이 줆"),
        (" ", "CSV로 바꿈", "스캔량이 그대로"),
        ("x", "파티셔닝", "필요한 파티션만 읽음"),
        (" ", "작은 파일로 나눔", "느려짐"),
        (" ", "압축을 끔", "스캔량이 늘어남"),
    ),
)


# --- Parsing -----------------------------------------------------------------------------------


def test_an_item_is_parsed_with_its_options_keys_and_link() -> None:
    text = item().replace(
        "        - 서버리스\n", "        - 서버리스\n        - 출처: [요금](https://a.example/p)\n"
    )
    (found,) = questions.parse(page(text))
    assert (found.id, found.domain, found.kind, found.keys) == ("a-item", "cost", "single", ("b",))
    assert [(o.id, o.letter, o.line, o.column) for o in found.options] == [
        ("a", "A", 6, 5),
        ("b", "B", 8, 5),
        ("c", "C", 11, 5),
        ("d", "D", 13, 5),
    ]
    assert found.options[1].why == ("서버리스",)
    assert found.options[1].sources == ("출처: [요금](https://a.example/p)",)
    assert found.explained == questions.Explained("설명", "절", "a.md#t", 16)
    assert found.stray == () and found.section == "review"


def test_a_multiple_response_item_states_its_count() -> None:
    (found,) = questions.parse(page(item(**MULTIPLE)))
    assert (found.kind, found.keys, found.stated_count("ko")) == ("multiple", ("a", "c"), 2)
    (english,) = questions.parse(page(item(stem="Which two? (Choose two.)")))
    assert english.stated_count("en") == 2 and english.stated_count("ko") is None


def test_rendering_shows_stem_and_options_and_folds_the_answer() -> None:
    (found,) = questions.parse(page(item()))
    rendered = "\n".join(questions.render(found, WORDS, "athena"))
    assert 'data-question-id="a-item"' in rendered and 'data-domain="cost"' in rendered
    assert rendered.count("data-option-id=") == 4
    assert '<span class="quiz-letter">B.</span> 아테나' in rendered
    assert '??? success quiz-answer "정답과 해설"' in rendered and "**정답: B**" in rendered
    assert "    - **A.** 오답\n        - 클러스터가 있어야 함" in rendered
    assert rendered.rstrip().endswith("</div>")


def test_render_page_keeps_what_is_not_an_item() -> None:
    text = page(item()) + "\n```markdown\n" + item(id_="in-code") + "```\n"
    rendered = questions.render_page(text, WORDS, "a")
    assert rendered.count('class="quiz"') == 1
    assert "??? question" in rendered  # the one inside the code block
    assert rendered.startswith("# 제목 { #t }\n\n## 문제 { #review }\n\n<div")


# --- The checker -------------------------------------------------------------------------------


def findings(tmp_path: Path, ko: str, en: str | None = None) -> list[tuple[str, int, int, str]]:
    config = make_tree(
        tmp_path, {"a.md": ko, "a.en.md": en if en is not None else ko}, languages=("ko", "en")
    )
    result = check(load_config(config), cwd=tmp_path)
    return [
        (f.path, f.line, f.column, f.code)
        for f in result.findings
        if (f.code.startswith("QST") and f.path == "docs/a.md") or f.code == "QST010"
    ]


def test_a_well_formed_page_has_no_findings(tmp_path: Path) -> None:
    assert findings(tmp_path, page(item(), item(id_="a-two", **MULTIPLE))) == []


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (item(stem=""), [(5, 15, "QST003")]),
        (item(options=item.__kwdefaults__["options"][:3]), [(5, 15, "QST004")]),
        (item(**{**MULTIPLE, "options": MULTIPLE["options"][:4]}), [(5, 15, "QST004")]),
        (
            item(options=tuple((" ", t, w) for _, t, w in item.__kwdefaults__["options"])),
            [(5, 15, "QST005")],
        ),
        (item(**{**MULTIPLE, "stem": "어떤 두 가지입니까?"}), [(5, 15, "QST005")]),
        (item(stem="하나를 고르십시오. (두 개를 선택하십시오.)"), [(5, 15, "QST005")]),
        (
            item(
                options=((" ", "A", "이유"), ("x", "B", ""), (" ", "C", "이유"), (" ", "D", "이유"))
            ),
            [(8, 5, "QST006")],
        ),
        (
            item(
                options=((" ", "같음", "1"), ("x", "B", "2"), (" ", "같음", "3"), (" ", "D", "4"))
            ),
            [(10, 5, "QST007")],
        ),
        (item(attrs=""), [(5, 15 + 2 + len(item.__kwdefaults__["stem"]), "QST008")]),
        (item(attrs=" domain=speed"), [(5, 15 + 2 + len(item.__kwdefaults__["stem"]), "QST008")]),
        (item(explained=""), [(5, 1, "QST009")]),
        (item(explained="설명은 위에 있음"), [(5, 1, "QST009"), (15, 1, "QST009")]),
    ],
    ids=[
        "no stem",
        "three options",
        "multiple with four",
        "no key",
        "multiple without its count",
        "single asking for two",
        "option without why",
        "same text twice",
        "no domain",
        "unknown domain",
        "no link",
        "stray line",
    ],
)
def test_each_rule_stops_its_fault(
    tmp_path: Path, written: str, expected: list[tuple[int, int, str]]
) -> None:
    assert [
        (line, column, code) for _, line, column, code in findings(tmp_path, page(written))
    ] == (expected)


@pytest.mark.parametrize(
    "english",
    [
        item(attrs=" domain=secure"),  # another domain
        item(**MULTIPLE),  # another kind, options and keys
        item(
            options=(("x", "A", "1"), (" ", "B", "2"), (" ", "C", "3"), (" ", "D", "4"))
        ),  # another key
    ],
    ids=["domain", "kind", "key"],
)
def test_a_translation_keeps_its_sources_item(tmp_path: Path, english: str) -> None:
    found = findings(tmp_path, page(item()), page(english))
    assert [(path, line, code) for path, line, _, code in found if code == "QST010"] == [
        ("docs/a.en.md", 5, "QST010")
    ]
