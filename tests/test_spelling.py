"""TERM001: the terminology's non-preferred spellings, reported at path:line:col in prose
(paragraphs, headings, lists, tables, admonitions, alt texts) and diagrams, never in code,
URLs or front matter; switched off like any rule; rewritten by --fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PROJECT_DIR, SITE
from docstree import make_tree
from studysite.check.config import load_config
from studysite.check.findings import Severity
from studysite.check.rules import RULES
from studysite.check.runner import check
from studysite.cli import main

TERMS = """\
- id: redshift
  ko: 레드시프트
  en: Amazon Redshift
  variants: {ko: [레드쉬프트], en: []}
  definition: {ko: 데이터 웨어하우스, en: A data warehouse}
  see: index.md#title
- id: data-ingestion
  ko: 데이터 수집
  en: data ingestion
  variants: {ko: [데이터 주입], en: []}
  definition: {ko: 데이터를 모으는 일, en: Collecting data}
  see: index.md#title
- id: zero-etl
  ko: 제로 ETL
  en: zero-ETL
  variants: {ko: [], en: [zero ETL]}
  definition: {ko: ETL 없는 복제, en: Replication without ETL}
  see: index.md#title
"""
EN_PAGE = "# Title { #title }\n\nText.\n"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<title>{title}</title><text x="1" y="5">{text}</text></svg>\n'
)


def findings(tmp_path: Path, page: str, extra: dict | None = None, **files: str):
    config = make_tree(
        tmp_path,
        {"index.md": page, "index.en.md": EN_PAGE, "terms.yml": TERMS, **files},
        languages=("ko", "en"),
        extra={"terms": "terms.yml", **(extra or {})},
    )
    result = check(load_config(config), cwd=tmp_path)
    return [(f.path, f.line, f.column, f.message) for f in result.findings if f.code == "TERM001"]


def page(body: str) -> str:
    return f"# 제목 {{ #title }}\n\n{body}\n"


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        ("레드쉬프트는 빠름.", 3, 1),  # prose, with a particle
        ("- 목록: 데이터 주입 경로", 3, 7),  # list
        ("| 열 | 값 |\n| --- | --- |\n| 서비스 | 레드쉬프트 |", 5, 9),  # table cell
        ('!!! note "레드쉬프트 요약"\n    본문', 3, 11),  # admonition title
        ("!!! note\n    내용은 데이터 주입임", 4, 9),  # admonition body
        ("## 레드쉬프트 { #r }\n\n내용", 3, 4),  # heading
        ("[레드쉬프트 문서](https://example.com/a)", 3, 2),  # link text
        ("![레드쉬프트 구조](a.png)", 3, 3),  # alt text
        ("The zero ETL route.", 3, 5),  # an English variant
        ("Zero ETL first.", 3, 1),  # at a sentence start
    ],
)
def test_a_variant_in_prose_is_reported_at_its_place(
    tmp_path: Path, body: str, line: int, column: int
) -> None:
    found = findings(tmp_path, page(body), **{"a.png": ""})
    assert [(path, at, col) for path, at, col, _ in found] == [("docs/index.md", line, column)]


@pytest.mark.parametrize(
    "body",
    [
        "`레드쉬프트` 코드 스팬",
        "```text\n레드쉬프트\n```",
        "    레드쉬프트 들여쓴 코드",
        "[문서](https://example.com/레드쉬프트/데이터 주입)",
        "<https://example.com/레드쉬프트>",
        "https://example.com/레드쉬프트 주소",
        "[ref]: https://example.com/레드쉬프트",
        '<img src="레드쉬프트.png" alt="그림">',
        "<!-- 레드쉬프트 메모 -->",
        "나레드쉬프트 zero ETLs",  # inside a longer word: not this term
    ],
)
def test_code_urls_and_comments_are_not_prose(tmp_path: Path, body: str) -> None:
    assert findings(tmp_path, page(body), **{"레드쉬프트.png": ""}) == []


def test_front_matter_is_not_checked(tmp_path: Path) -> None:
    text = "---\ndescription: 레드쉬프트 설명\n---\n\n" + page("내용")
    assert findings(tmp_path, text) == []


def test_the_message_names_the_preferred_form_and_the_term(tmp_path: Path) -> None:
    [(path, line, column, message)] = findings(tmp_path, page("데이터 주입 경로"))
    assert (path, line, column) == ("docs/index.md", 3, 1)
    assert message == (
        "non-preferred spelling '데이터 주입': write '데이터 수집' "
        "(term 'data-ingestion', docs/terms.yml:7)"
    )


def test_diagram_text_is_checked_but_not_its_markup(tmp_path: Path) -> None:
    svg = SVG.format(title="레드쉬프트 구조", text='<tspan id="레드쉬프트">데이터</tspan> 주입')
    found = findings(tmp_path, page("![그림](d.svg)"), **{"d.svg": svg})
    assert [(p, line) for p, line, _, _ in found] == [("docs/d.svg", 1), ("docs/d.svg", 1)]
    spelt = sorted(message.split("'")[1] for *_, message in found)
    assert spelt == ["데이터 주입", "레드쉬프트"]
    assert "fix it by hand" in next(m for *_, m in found if "데이터 주입" in m)


def test_the_rule_can_be_switched_off(tmp_path: Path) -> None:
    text = page("레드쉬프트")
    assert findings(tmp_path, text, extra={"docscheck": {"disable": ["TERM001"]}}) == []


def test_the_rule_is_listed_as_an_error(capsys) -> None:
    assert RULES["TERM001"].severity is Severity.ERROR
    assert main(["check", "--list-rules"]) == 0
    assert "TERM001  error" in capsys.readouterr().out


def test_fix_rewrites_in_place(tmp_path: Path, monkeypatch, capsys) -> None:
    body = "레드쉬프트는 `레드쉬프트` 코드와 다름. The Zero ETL way.\n\n- 데이터 주입 경로"
    svg = SVG.format(title="레드쉬프트", text="<tspan>데이터</tspan> 주입")
    findings(tmp_path, page(body), **{"d.svg": svg, "a.md": "# A { #a }\n\n![x](d.svg)\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--fix"]) == 1  # the diagram's split spelling is left: an error
    fixed = (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")
    assert fixed == page(
        "레드시프트는 `레드쉬프트` 코드와 다름. The Zero-ETL way.\n\n- 데이터 수집 경로"
    )
    diagram = (tmp_path / "docs" / "d.svg").read_text(encoding="utf-8")
    assert "<title>레드시프트</title>" in diagram and "<tspan>데이터</tspan> 주입" in diagram
    out = capsys.readouterr().out
    assert "4 non-preferred spelling(s) rewritten in 2 file(s)." in out
    assert "d.svg:1:" in out and "fix it by hand" in out


def test_the_project_has_no_non_preferred_spelling() -> None:
    result = check(load_config(PROJECT_DIR / "mkdocs.yml"), cwd=PROJECT_DIR)
    assert [f for f in result.findings if f.code.startswith("TERM")] == []
    assert SITE.terms_file is not None


def test_a_save_rescans_only_its_file_and_finds_what_a_fresh_run_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under `mkdocs serve` the checker runs on every save; each file's misspellings are kept
    for its text and the terms data's version (spelling._Memo). After a save, or an edit of
    the terms data, the findings are those of a fresh run."""
    from studysite.check import spelling

    monkeypatch.setattr(spelling, "SPELLING_CACHE", tmp_path / "cache")  # a cold disk cache
    scanned: list[str] = []
    real_find = spelling.find
    monkeypatch.setattr(
        spelling, "find", lambda text, *rest: scanned.append(text) or real_find(text, *rest)
    )
    config = make_tree(
        tmp_path,
        {
            "index.md": page("레드쉬프트 클러스터."),
            "index.en.md": EN_PAGE,
            "terms.yml": TERMS,
            "diagram.svg": SVG.format(title="데이터 주입", text="x"),
        },
        languages=("ko", "en"),
        extra={"terms": "terms.yml"},
    )

    def run(fresh: bool = False) -> list[tuple[str, int, int, str]]:
        if fresh:
            spelling._Memo.current = None
        scanned.clear()
        result = check(load_config(config), cwd=tmp_path)
        return [(f.path, f.line, f.column, f.message) for f in result.findings]

    first = run(fresh=True)
    misspelt = [finding for finding in first if "non-preferred" in finding[3]]
    assert len(scanned) == 3 and len(misspelt) == 2  # every file; the page's and the diagram's
    assert run() == first and scanned == []  # nothing changed: nothing rescanned
    (tmp_path / "docs" / "index.md").write_text(page("데이터 주입과 zero ETL."), "utf-8")
    after_save = run()
    assert len(scanned) == 1  # the saved page only
    assert after_save == run(fresh=True) != first
    terms = tmp_path / "docs" / "terms.yml"
    terms.write_text(TERMS.replace("variants: {ko: [데이터 주입]", "variants: {ko: []"), "utf-8")
    after_terms = run()
    assert len(scanned) == 3  # a new vocabulary: every file again
    assert after_terms == run(fresh=True) != after_save


def test_misspellings_from_the_disk_cache_are_a_fresh_scans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build reads each unchanged file's misspellings from the disk cache (keyed by
    its text, the vocabulary and the rule's code): they are what a scan finds."""
    from studysite.check import spelling

    monkeypatch.setattr(spelling, "SPELLING_CACHE", tmp_path / "cache")
    config = make_tree(
        tmp_path,
        {"index.md": page("레드쉬프트와 데이터 주입."), "index.en.md": EN_PAGE, "terms.yml": TERMS},
        languages=("ko", "en"),
        extra={"terms": "terms.yml"},
    )

    def run() -> list[tuple[str, int, int, str]]:
        spelling._Memo.current = None  # a new process: nothing kept in memory
        result = check(load_config(config), cwd=tmp_path)
        return [(f.path, f.line, f.column, f.message) for f in result.findings]

    first = run()
    assert any("non-preferred" in finding[3] for finding in first)
    assert list((tmp_path / "cache").iterdir())
    monkeypatch.setattr(spelling, "find", lambda *args: pytest.fail("scanned again"))
    assert run() == first
    for entry in (tmp_path / "cache").iterdir():
        entry.write_text("[[1, 2]]", encoding="utf-8")  # damaged: scanned again
    monkeypatch.undo()
    monkeypatch.setattr(spelling, "SPELLING_CACHE", tmp_path / "cache")
    assert run() == first
