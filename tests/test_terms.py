"""The terminology data file (extra.terms): validated, every problem at its line, with the
entry's id, never a traceback; TERM002 stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SITE
from docstree import make_tree
from studysite.check.config import load_config
from studysite.check.runner import check
from studysite.terms import load_terms

LANGS = ("ko", "en")
GOOD = """\
- id: redshift
  ko: 레드시프트
  en: Amazon Redshift
  variants: {ko: [레드쉬프트], en: []}
  definition: {ko: 열 지향 데이터 웨어하우스, en: A columnar data warehouse}
  see: index.md#title
- id: rpu
  ko: RPU
  en: RPU
  expansion: {ko: 레드시프트 처리 단위, en: Redshift Processing Unit}
  definition: {ko: 서버리스 용량 단위, en: Serverless capacity unit}
  see: index.md#title
"""
PAGE_KO = "# 제목 { #title }\n\n내용.\n"
PAGE_EN = "# Title { #title }\n\nText.\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_terms_load(tmp_path: Path) -> None:
    loaded = load_terms(write(tmp_path, GOOD), LANGS)
    assert loaded.problems == ()
    redshift, rpu = loaded.terms
    assert redshift.forms == {"ko": "레드시프트", "en": "Amazon Redshift"}
    assert redshift.variants["ko"] == ("레드쉬프트",) and redshift.expansion is None
    assert rpu.expansion == {"ko": "레드시프트 처리 단위", "en": "Redshift Processing Unit"}
    assert (rpu.line, rpu.page, rpu.section) == (7, "index.md", "title")


@pytest.mark.parametrize(
    ("change", "line", "expected"),
    [
        (("- id: rpu", "- id: redshift"), 7, "duplicate id (line 1)"),
        (("[레드쉬프트]", "[아마존]"), None, None),  # a harmless variant: no problem
        (("en: []}", "en: [RPU]}"), 1, "variant 'RPU' is 'rpu''s preferred form"),
        (("en: A columnar data warehouse", "en: ''"), 5, "definition.en: missing"),
        (("  en: RPU\n", ""), 7, "en: the preferred form is missing"),
        (("see: index.md#title\n- id: rpu", "see: index\n- id: rpu"), 6, "see: expected"),
        (("- id: rpu", "- id: RPU!"), 7, "id: expected an ASCII slug"),
        (("  ko: RPU\n", "  ko: RPU\n  fr: RPU\n"), 9, "fr: unknown key"),
    ],
)
def test_bad_data_is_reported_at_its_line(tmp_path: Path, change, line, expected) -> None:
    loaded = load_terms(write(tmp_path, GOOD.replace(*change)), LANGS)
    if expected is None:
        assert loaded.problems == ()
        return
    messages = [(p.line, p.message) for p in loaded.problems]
    assert any(at == line and expected in text for at, text in messages), messages


def test_broken_yaml_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    loaded = load_terms(write(tmp_path, GOOD + "- id: [unclosed\n"), LANGS)
    assert loaded.terms == () and loaded.problems[0].line >= 13  # the entry, or just after it
    assert "not valid YAML" in loaded.problems[0].message


def test_checker_reports_a_missing_section_and_stops_the_build(tmp_path: Path) -> None:
    config = make_tree(
        tmp_path,
        {
            "index.md": PAGE_KO,
            "index.en.md": PAGE_EN,
            "terms.yml": GOOD.replace(
                "see: index.md#title\n- id: rpu", "see: index.md#nope\n- id: rpu"
            ),
        },
        languages=LANGS,
        extra={"terms": "terms.yml"},
    )
    result = check(load_config(config), cwd=tmp_path)
    found = [(f.path, f.line, f.code, f.message) for f in result.findings if f.code == "TERM002"]
    assert all(f.severity == "error" for f in result.findings if f.code == "TERM002")
    assert sorted(found) == [
        ("docs/terms.yml", 1, "TERM002", "term 'redshift': see: index.en.md has no section #nope"),
        ("docs/terms.yml", 1, "TERM002", "term 'redshift': see: index.md has no section #nope"),
    ]


def test_the_project_terms_are_valid() -> None:
    """The project's own terminology file loads with no problem (the gate would stop)."""
    assert SITE.terms_file is not None and SITE.terms_file.is_file()
    loaded = load_terms(SITE.terms_file, SITE.codes)
    assert loaded.problems == () and len(loaded.terms) >= 40


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """The schema's options are checked one by one: one run names every mistake."""
    bad = (
        "- id: x\n  ko: 엑스\n  en: 3\n  definition: {ko: 뜻, fr: y}\n"
        "  variants: {ko: [1], en: []}\n  see: index.md\n  extra: 1\n- 5\n"
    )
    problems = [(p.line, p.message) for p in load_terms(write(tmp_path, bad), LANGS).problems]
    assert problems == [
        (3, "term 'x': en: expected text, got 3"),
        (5, "term 'x': variants.ko: expected text, got 1"),
        (4, "term 'x': definition.fr: not a language of the site (ko, en)"),
        (6, "term 'x': see: expected 'page.md#section-id'"),
        (
            7,
            "term 'x': extra: unknown key "
            "(known: id, ko, en, variants, expansion, definition, see)",
        ),
        (8, "an entry must be a mapping (id, forms, definition, see)"),
    ]
