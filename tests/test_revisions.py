"""Revision stamps (REV001, `studysite check --mark-revised`): the sitemap's <lastmod> comes
from them, so they must say when a page's text last changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docstree import make_tree
from studysite.check import revisions
from studysite.check.config import load_config
from studysite.check.context import studysite_command
from studysite.check.rules import RULES
from studysite.check.runner import check
from studysite.cli import main

KO = "# 제목 { #title }\n\n내용.\n"
EN = "# Title { #title }\n\nText.\n"
EPOCH = 1790000000  # 2026-09-21 UTC
DAY = "2026-09-21"


def tree(root: Path, files: dict[str, str], site_url: bool = True, **options) -> Path:
    config = make_tree(root, files, **options)
    if site_url:  # the sitemap lists pages only with a site_url: REV001 needs one
        with config.open("a", encoding="utf-8") as out:
            out.write("site_url: https://example.org/\n")
    return config


def findings(config: Path, root: Path, code: str = "REV001") -> list[tuple[str, int, int, str]]:
    return [
        (f.path, f.line, f.column, f.message)
        for f in check(load_config(config), cwd=root).findings
        if f.code == code
    ]


def mark(config: Path, *paths: Path | str, flag: str = "--mark-revised") -> int:
    return main(["check", "-f", str(config), flag, *map(str, paths)])


def stamped(body: str, date: str = DAY) -> str:
    return f"---\nrevised: {date}\nrevised_hash: {revisions.body_hash(body)}\n---\n\n{body}"


def test_same_severity_as_translation_freshness() -> None:
    assert RULES["REV001"].severity is RULES["I18N003"].severity


def test_missing_stamp_names_the_command(tmp_path: Path) -> None:
    config = tree(tmp_path, {"a.md": EN, "b.md": "---\ndescription: B\n---\n\n" + EN})
    got = findings(config, tmp_path)
    assert [(path, line, column) for path, line, column, _ in got] == [
        ("docs/a.md", 1, 1),
        ("docs/b.md", 1, 1),
    ]
    # The command as typed where the report is read (here tmp_path): the venv's studysite.
    assert got[0][3] == (
        "no revision stamp (revised, revised_hash missing); run: "
        f"{studysite_command(cwd=tmp_path)} check --mark-revised docs/a.md"
    )


def test_stale_and_malformed_stamps(tmp_path: Path) -> None:
    config = tree(
        tmp_path,
        {
            "changed.md": stamped(EN).replace("Text.", "Other text."),
            "no-hash.md": f"---\nrevised: {DAY}\n---\n\n{EN}",
            "no-date.md": stamped(EN).replace(f"revised: {DAY}\n", ""),
            "bad-date.md": stamped(EN, "yesterday"),
            "datetime.md": stamped(EN, "2026-09-21T10:00:00"),
        },
    )
    messages = {path: message.split(";")[0] for path, _, _, message in findings(config, tmp_path)}
    assert messages == {
        "docs/changed.md": f"changed since its revision stamp (revised: {DAY})",
        "docs/no-hash.md": "revised_hash missing",
        "docs/no-date.md": "revised missing",
        "docs/bad-date.md": "revised: 'yesterday' is not a date (YYYY-MM-DD)",
        "docs/datetime.md": "revised: '2026-09-21T10:00:00' is not a date (YYYY-MM-DD)",
    }


def test_fresh_stamps(tmp_path: Path) -> None:
    quoted = stamped(EN).replace(f"revised: {DAY}", f"revised: '{DAY}'")
    with_description = stamped(EN).replace("---\n\n", "description: Other words\n---\n\n", 1)
    config = tree(
        tmp_path,
        {
            "a.md": stamped(EN),
            "quoted.md": quoted,
            # other front matter and the blank lines around the text are not the text
            "described.md": with_description,
            "spaced.md": stamped(EN).replace("---\n\n", "---\n\n\n\n", 1) + "\n\n",
        },
    )
    assert findings(config, tmp_path) == []


def test_only_sites_with_a_sitemap_and_switchable_off(tmp_path: Path) -> None:
    assert findings(tree(tmp_path / "a", {"a.md": EN}, site_url=False), tmp_path / "a") == []
    off = tree(tmp_path / "b", {"a.md": EN}, extra={"docscheck": {"disable": ["REV001"]}})
    assert findings(off, tmp_path / "b") == []


def test_mark_revised_writes_once_and_keeps_front_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "---\ntitle: Custom  # a comment\ndescription: 'About A'\n---\n\n" + EN
    config = tree(tmp_path, {"a.md": page, "sub/b.md": EN, ".hidden/c.md": EN})
    a = tmp_path / "docs" / "a.md"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert mark(config, a) == 0
    assert a.read_text(encoding="utf-8") == (
        "---\ntitle: Custom  # a comment\ndescription: 'About A'\n"
        f"revised: {DAY}\nrevised_hash: {revisions.body_hash(EN)}\n---\n\n{EN}"
    )
    assert [path for path, *_ in findings(config, tmp_path)] == ["docs/sub/b.md"]
    first = a.read_text(encoding="utf-8")

    # A day later, the same text: the stamp stays (idempotent), the date does not move.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 86400))
    assert mark(config, a) == 0
    assert a.read_text(encoding="utf-8") == first

    # A folder stamps every page under it, hidden ones excepted, as MkDocs skips them.
    assert mark(config, tmp_path / "docs") == 0
    assert (
        (tmp_path / "docs/sub/b.md")
        .read_text(encoding="utf-8")
        .startswith("---\nrevised: 2026-09-22\nrevised_hash: ")
    )
    assert (tmp_path / "docs/.hidden/c.md").read_text(encoding="utf-8") == EN
    assert findings(config, tmp_path) == []

    # The text changes: the next stamp has the new day, in place of the old lines.
    a.write_text(first.replace("Text.", "New text."), encoding="utf-8")
    assert [m.split(";")[0] for *_, m in findings(config, tmp_path)] == [
        f"changed since its revision stamp (revised: {DAY})"
    ]
    assert mark(config, a) == 0
    text = a.read_text(encoding="utf-8")
    assert "revised: 2026-09-22\n" in text and text.count("revised") == 2
    assert text.startswith("---\ntitle: Custom  # a comment\ndescription: 'About A'\nrevised:")
    assert findings(config, tmp_path) == []


def test_mark_revised_usage_errors(tmp_path: Path) -> None:
    config = tree(tmp_path, {"a.md": EN})
    (tmp_path / "elsewhere.md").write_text(EN, encoding="utf-8")
    assert mark(config) == 2
    assert mark(config, tmp_path / "elsewhere.md") == 2
    assert mark(config, tmp_path / "docs" / "nope.md") == 2


def test_stamping_a_source_keeps_its_translation_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    files = {"a.md": KO, "a.en.md": EN, "b.md": "---\ndescription: 비\n---\n\n" + KO}
    files["b.en.md"] = EN
    config = tree(tmp_path, files, languages=("ko", "en"))
    docs = tmp_path / "docs"
    assert mark(config, docs / "a.en.md", docs / "b.en.md", flag="--mark-translated") == 0
    # --mark-translated also stamps the translation's revision
    assert findings(config, tmp_path, "I18N003") == []
    assert {path for path, *_ in findings(config, tmp_path)} == {"docs/a.md", "docs/b.md"}
    assert f"revised: {DAY}\n" in (docs / "a.en.md").read_text(encoding="utf-8")

    assert mark(config, docs) == 0  # stamps a.md (no front matter yet) and b.md
    assert (docs / "a.md").read_text(encoding="utf-8").startswith("---\nrevised: ")
    assert findings(config, tmp_path, "I18N003") == []
    assert findings(config, tmp_path) == []

    # Still sensitive to the rest of the source's front matter: its description is translated.
    b = docs / "b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("비", "다른 설명"), encoding="utf-8")
    assert [path for path, *_ in findings(config, tmp_path, "I18N003")] == ["docs/b.en.md"]
    assert findings(config, tmp_path) == []  # the body did not change: no new revision


BODY = st.text(alphabet=st.sampled_from(list("#-:ab 한글\n{}'\"")), max_size=60).filter(
    lambda text: not text.startswith("-")
)  # a leading --- would be front matter
FRONT = st.lists(st.sampled_from(["description: x", "title: 'y'", "source_hash: 00ff"]))


@settings(deadline=None)  # a busy machine's first example can be slow
@given(body=BODY, front=FRONT)
def test_the_translation_fingerprint_ignores_the_stamp(body: str, front: list[str]) -> None:
    text = f"---\n{''.join(line + chr(10) for line in front)}---\n\n{body}" if front else body
    marked = revisions.stamp(text, dt.date(2026, 9, 21))
    assert revisions.revision(marked).fresh
    assert revisions.translation_fingerprint(marked) == revisions.translation_fingerprint(text)
    assert revisions.stamp(marked, dt.date(2027, 1, 1)) == marked
