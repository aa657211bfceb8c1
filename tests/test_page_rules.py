"""The page rules that lived only in tests, now checker rules run by every build: front matter
keys and values (PAGE001), the description (PAGE002), a service page's review questions
(QST002), a home page that links every page (NAV001); and the registry's mechanics."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SITE
from docstree import make_tree
from studysite.check import runner
from studysite.check.config import load_config
from studysite.check.context import PageFile, Tree
from studysite.check.findings import Problem
from studysite.check.front_matter import DESCRIPTION_MAX
from studysite.check.rules import RULES, Rule, Scope, Severity
from studysite.check.runner import check

TEXT = "# Title { #title }\n\nText.\n"


def page(front: str = "", body: str = TEXT) -> str:
    return f"---\n{front}---\n\n{body}" if front else body


def found(tmp_path: Path, files: dict, codes: set[str], **options) -> set:
    config = make_tree(tmp_path, files, **options)
    result = check(load_config(config), cwd=tmp_path)
    return {
        (f.path.removeprefix("docs/"), f.line, f.column, f.code, f.message)
        for f in result.findings
        if f.code in codes
    }


def test_page001_unknown_keys_and_wrong_values_at_their_line(tmp_path: Path) -> None:
    files = {
        "ok.md": page("title: T\ndescription: D\nkind: service\nsearch:\n  boost: 0.5\n"),
        "typo.md": page("description: D\nkidn: service\n"),  # 3
        "kind.md": page("kind: servce\n"),  # 2
        "hide.md": page("hide: [navigation, sidebar]\n"),
        "search.md": page("search:\n  exclude: sometimes\n"),
        "yaml.md": page("description: [unclosed\n"),
        "list.md": page("- a\n- b\n"),
    }
    got = {(path, line, column): message for path, line, column, _, message in
           found(tmp_path, files, {"PAGE001"})}  # fmt: skip
    assert set(got) == {
        ("typo.md", 3, 1),
        ("kind.md", 2, 1),
        ("hide.md", 2, 1),
        ("search.md", 2, 1),
        ("yaml.md", 1, 1),
        ("list.md", 1, 1),
    }
    assert "unknown front matter key 'kidn'" in got[("typo.md", 3, 1)]
    assert "kind" in got[("kind.md", 2, 1)] and "service" in got[("kind.md", 2, 1)]
    assert "not valid YAML" in got[("yaml.md", 1, 1)]


def test_page002_description_length_and_presence(tmp_path: Path) -> None:
    files = {
        "short.md": page("description: A page about one thing\n"),
        "long.md": page(f"description: {'x' * (DESCRIPTION_MAX + 1)}\n"),  # 2
        "exact.md": page(f"description: {'가' * DESCRIPTION_MAX}\n"),
        "empty.md": page("description: ''\n"),
        "none.md": page(),
    }
    local = {(p, line) for p, line, *_ in found(tmp_path / "a", files, {"PAGE002"})}
    assert local == {("long.md", 2), ("empty.md", 2)}  # no site_url: a description may be missing
    site_url = {"site_url": "https://notes.example.org/"}
    hosted = make_tree(tmp_path / "b", files)
    hosted.write_text(hosted.read_text("utf-8") + f"site_url: {site_url['site_url']}\n", "utf-8")
    result = check(load_config(hosted), cwd=tmp_path / "b")
    assert {(f.path, f.line) for f in result.findings if f.code == "PAGE002"} == {
        ("docs/long.md", 2),
        ("docs/empty.md", 2),
        ("docs/none.md", 1),
    }


QUESTION = '??? question "Q{n}?" {{ #q-{n} }}\n    Answer.\n\n'


def service_page(questions: int, kind: str = "service") -> str:
    body = (
        TEXT
        + "\n## Review { #review }\n\n"
        + "".join(QUESTION.format(n=n) for n in range(questions))
    )
    return page(f"kind: {kind}\n", body.replace("#q-", f"#q{questions}-"))


def test_qst002_a_service_page_has_its_minimum_of_questions(tmp_path: Path) -> None:
    files = {"few.md": service_page(4), "enough.md": service_page(5)}
    assert {
        (p, line, code) for p, line, _, code, _ in found(tmp_path / "a", files, {"QST002"})
    } == {("few.md", 2, "QST002")}
    fewer = found(tmp_path / "b", files, {"QST002"}, extra={"docscheck": {"min_questions": 6}})
    assert {p for p, *_ in fewer} == {"few.md", "enough.md"}
    assert any("at least 6" in message and "has 5" in message for *_, message in fewer)
    not_a_service = {"about.md": page("description: D\n")}
    assert found(tmp_path / "c", not_a_service, {"QST002"}) == set()


NAV = ["index.md", "a.md", "b.md"]


def test_nav001_the_home_page_links_every_page(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n\n- [A](a.md)\n",
        "index.en.md": '# Home\n\n- [A](a.md)\n- <a href="b.md#top">B</a>\n',
        "a.md": TEXT,
        "a.en.md": TEXT,
        "b.md": TEXT,
        "b.en.md": TEXT,
    }
    got = found(tmp_path / "a", files, {"NAV001"}, languages=("ko", "en"), nav=NAV)
    assert {(p, line) for p, line, *_ in got} == {("index.md", 1)}  # en links b by raw HTML
    assert "links no b.md" in next(iter(got))[4]
    files["index.md"] += "\nSee [the other page][b].\n\n[b]: b.md\n"  # a reference link
    assert found(tmp_path / "b", files, {"NAV001"}, languages=("ko", "en"), nav=NAV) == set()


def test_the_project_passes_its_page_rules() -> None:
    result = check(load_config(SITE.config_file))
    assert [
        f for f in result.findings if f.code in {"PAGE001", "PAGE002", "QST002", "NAV001"}
    ] == []


def test_each_new_rule_fails_the_build_gate() -> None:
    for code in ("PAGE001", "PAGE002", "QST002", "NAV001"):
        assert RULES[code].severity is Severity.ERROR


def test_a_function_reporting_an_unregistered_code_is_a_bug(monkeypatch, tmp_path: Path) -> None:
    def stray(page: PageFile, tree: Tree):
        yield Problem("NOPE001", 1, 1, "not registered")

    rule = Rule("HDR001", Severity.ERROR, Scope.PAGE, stray, RULES["HDR001"].summary)
    monkeypatch.setattr(runner, "RULES_IN_ORDER", (rule,))
    monkeypatch.setattr(runner, "RULES", {"HDR001": rule})
    config = make_tree(tmp_path, {"index.md": TEXT})
    with pytest.raises(AssertionError, match="NOPE001 is not registered"):
        check(load_config(config), cwd=tmp_path)


def test_one_function_several_codes_called_once(monkeypatch, tmp_path: Path) -> None:
    """Related codes share one call; switching one off keeps the others."""
    calls: list[str] = []
    images = RULES["IMG001"].check

    def counting(page: PageFile, tree: Tree):
        calls.append(page.page.name)
        yield from images(page, tree)

    rules = tuple(
        Rule(r.code, r.severity, r.scope, counting if r.check is images else r.check, r.summary)
        for r in runner.RULES_IN_ORDER
    )
    monkeypatch.setattr(runner, "RULES_IN_ORDER", rules)
    monkeypatch.setattr(runner, "RULES", {r.code: r for r in rules})
    files = {"index.md": TEXT + "\n![](missing.png)\n"}
    config = make_tree(tmp_path, files, extra={"docscheck": {"disable": ["IMG004"]}})
    result = check(load_config(config), cwd=tmp_path)
    assert calls == ["index.md"]
    assert {f.code for f in result.findings} == {"IMG001"}
