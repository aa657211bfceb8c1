"""Every checker rule: cases that must be reported, at their exact line and column, and
look-alikes that must not."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from docstree import PNG, make_tree
from studysite.check.config import load_config
from studysite.check.runner import check

TITLE = "# Title { #title }\n\nText.\n\n"


def findings(tmp_path: Path, files: dict, codes: set[str] | None = None, **options) -> set:
    """(file, line, column, code) of every finding, file relative to docs/."""
    config = make_tree(tmp_path, files, **options)
    result = check(load_config(config), cwd=tmp_path)
    return {
        (f.path.removeprefix("docs/"), f.line, f.column, f.code)
        for f in result.findings
        if codes is None or f.code in codes
    }


# --- IMG001: missing targets ------------------------------------------------------------------


def test_img001_reports_missing_targets_where_they_are(tmp_path: Path) -> None:
    page = (
        TITLE
        + "![A diagram of the flow](missing.png)\n"  # 5
        + "\n"
        + "!!! note\n"
        + "    See ![A diagram of the flow](gone/inside-admonition.png)\n"  # 8
        + "\n"
        + "- item\n"
        + "\n"
        + "    ![A diagram of the flow](in-list.png)\n"  # 12
        + "\n"
        + '=== "Tab"\n'
        + "\n"
        + "    ![A diagram of the flow](in-tab.png)\n"  # 16
        + "\n"
        + '??? question "Q"\n'
        + '    <img src="raw.png" alt="A raw HTML image">\n'  # 19
        + "\n"
        + "![A diagram of the flow][ref]\n"  # 21
        + "\n"
        + "[ref]: <refs/with space.png>\n"
        + "\n"
        + "![A diagram of the flow](/rooted/x.png)\n"  # 25
        + "\n"
        + "![A diagram of the flow](%ED%96%89%EA%B8%B0%EB%B0%98.png)\n"  # 27
    )
    assert findings(tmp_path, {"index.md": page}, {"IMG001"}) == {
        ("index.md", 5, 1, "IMG001"),
        ("index.md", 8, 9, "IMG001"),
        ("index.md", 12, 5, "IMG001"),
        ("index.md", 16, 5, "IMG001"),
        ("index.md", 19, 5, "IMG001"),
        ("index.md", 21, 1, "IMG001"),
        ("index.md", 25, 1, "IMG001"),
        ("index.md", 27, 1, "IMG001"),
    }


def test_img001_message_names_the_decoded_file(tmp_path: Path) -> None:
    config = make_tree(tmp_path, {"a.md": TITLE + "![A diagram](%ED%96%89%EA%B8%B0.png)\n"})
    (finding,) = [f for f in check(load_config(config), cwd=tmp_path).findings]
    assert "행기.png" in finding.message


def test_img001_look_alikes_that_resolve_or_are_not_images(tmp_path: Path) -> None:
    page = (
        TITLE
        + "![A diagram of the flow](img/a.png)\n"
        + '![A diagram of the flow](img/a.png "with a title")\n'
        + "![A diagram of the flow](img/a.png?raw=1#frag)\n"
        + "![A diagram of the flow](<img/with space.png>)\n"
        + "![A diagram of the flow](img/%ED%96%89.png)\n"
        + "![A diagram of the flow](/img/a.png)\n"
        + "![A diagram of the flow](../img/a.png)\n"
        + "Inline code: `![x](missing.png)` and escaped \\![x](missing.png)\n"
        + "\n"
        + "```markdown\n![x](missing-in-fence.png)\n```\n"
        + "\n"
        + "    ![x](missing-in-indented-code.png)\n"
        + "\n"
        + "<!-- ![x](missing-in-comment.png) -->\n"
        + "\n"
        + "<!--\n<img src='missing-in-comment.png'>\n-->\n"
        + "\n"
        + "[a link, not an image](missing.png)\n"
        + "\n"
        + "![A diagram of the flow][defined]\n"
        + "\n"
        + '[defined]: <../img/with space.png> "A title"\n'
    )
    files = {
        "sub/page.md": page,
        "img/a.png": PNG,
        "img/with space.png": PNG,
        "img/행.png": PNG,
    }
    files["sub/img/a.png"] = PNG
    files["sub/img/with space.png"] = PNG
    files["sub/img/행.png"] = PNG
    assert findings(tmp_path, files, {"IMG001"}) == set()


# --- IMG002 / IMG003: near misses --------------------------------------------------------------


def test_img002_letter_case(tmp_path: Path) -> None:
    files = {"a.md": TITLE + "![A diagram](Images/Chart.PNG)\n![A diagram](images/chart.png)\n"}
    files["images/chart.png"] = PNG
    assert findings(tmp_path, files, {"IMG001", "IMG002"}) == {("a.md", 5, 1, "IMG002")}


def test_img003_unicode_normalization(tmp_path: Path) -> None:
    nfc = "행기반저장.png"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    files = {
        "a.md": TITLE + f"![A diagram]({nfc})\n",
        nfd: PNG,
        "b.md": TITLE + "![A diagram](ok.png)\n",
        "ok.png": PNG,
    }
    assert findings(tmp_path, files, {"IMG001", "IMG002", "IMG003"}) == {("a.md", 5, 1, "IMG003")}


# --- IMG004: alt text ---------------------------------------------------------------------------


def test_img004_placeholders(tmp_path: Path) -> None:
    page = (
        TITLE
        + "![Alt text](a.png)\n"  # 5
        + "![이미지](a.png)\n"
        + "![그림](a.png)\n"
        + "![image](a.png)\n"
        + "![a.png](a.png)\n"  # 9: the file name
        + "![a](a.png)\n"  # 10: the file name without extension
        + "![](a.png)\n"  # 11
        + '<img src="a.png">\n'  # 12: no alt at all
        + "\n"
        + "Good: ![Alt text describing the flow of data](a.png)\n"
        + "![레드시프트 클러스터 구조: 리더 노드와 컴퓨팅 노드](a.png)\n"
        + '<img src="a.png" alt="A chart of monthly cost">\n'
    )
    got = findings(tmp_path, {"p.md": page, "a.png": PNG}, {"IMG004"})
    assert got == {("p.md", line, 1, "IMG004") for line in range(5, 13)}


# --- IMG005 / IMG006 ---------------------------------------------------------------------------


def test_img005_unused_files(tmp_path: Path) -> None:
    files = {
        "p.md": TITLE + "![A diagram](used.svg)\n",
        "p.en.md": "# Title { #title }\n\nText.\n\n![A diagram](used.svg)\n",
        "used.svg": "<svg/>",
        "used.en.svg": "<svg/>",
        "unused.png": PNG,
        "nested/orphan.svg": "<svg/>",
        "assets/logo.png": PNG,
        "notes.txt": "not an image",
    }
    got = findings(
        tmp_path,
        files,
        {"IMG005"},
        languages=("ko", "en"),
        theme={"name": "mkdocs", "logo": "assets/logo.png"},
    )
    assert got == {("unused.png", 1, 1, "IMG005"), ("nested/orphan.svg", 1, 1, "IMG005")}


def test_img005_localized_variant_counts_as_used(tmp_path: Path) -> None:
    files = {"p.md": TITLE + "![A diagram](x.svg)\n", "x.svg": "<svg/>", "x.en.svg": "<svg/>"}
    files["p.en.md"] = "# Title { #title }\n\nText.\n\n![A diagram](x.svg)\n"
    assert findings(tmp_path, files, {"IMG005"}, languages=("ko", "en")) == set()


def test_img006_external_images(tmp_path: Path) -> None:
    page = (
        TITLE
        + "![A chart](https://example.com/a.png)\n"  # 5
        + '<img alt="A chart" src="//cdn.example.com/b.png">\n'  # 6
        + "[a link to another host](https://example.com/a.png)\n"
        + "![A chart](data:image/png;base64,iVBORw0KGgo=)\n"
    )
    assert findings(tmp_path, {"p.md": page}, {"IMG006"}) == {
        ("p.md", 5, 1, "IMG006"),
        ("p.md", 6, 1, "IMG006"),
    }


# --- HDR001 to HDR004 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("## Only a section\n\nText.\n", {(1, 1)}),
        ("Intro.\n\n## Section\n\nText.\n\n# Title\n\nText.\n", {(3, 1)}),
        ("# One\n\nText.\n\n# Two\n\nText.\n", {(5, 1)}),
        ("Just text.\n", {(1, 1)}),
    ],
)
def test_hdr001_reported(tmp_path: Path, page: str, expected: set) -> None:
    got = findings(tmp_path, {"p.md": page}, {"HDR001"})
    assert got == {("p.md", line, col, "HDR001") for line, col in expected}


@pytest.mark.parametrize(
    "page",
    [
        "---\ntitle: x\n# a YAML comment, not a heading\n---\n\n# Title\n\nText.\n",
        "Title\n=====\n\nText.\n",
        "# Title\n\n```bash\n# a comment in code\n```\n",
        "# Title\n\n    # indented code\n",
        "# Title\n\n<!--\n# commented out\n-->\nText.\n",
        "\ufeff# Title with a BOM\r\n\r\nText.\r\n",
    ],
)
def test_hdr001_look_alikes(tmp_path: Path, page: str) -> None:
    assert findings(tmp_path, {"p.md": page}, {"HDR001"}) == set()


def test_hdr002_skipped_level(tmp_path: Path) -> None:
    page = "# T\n\nx\n\n## A\n\nx\n\n#### Deep\n\nx\n\n## B\n\nx\n\n### C\n\nx\n\n# \n"
    page = "# T\n\nx\n\n## A\n\nx\n\n#### Deep\n\nx\n\n## B\n\nx\n\n### C\n\nx\n"
    assert findings(tmp_path, {"p.md": page}, {"HDR002"}) == {("p.md", 9, 1, "HDR002")}


def test_hdr002_inside_admonition_has_its_column(tmp_path: Path) -> None:
    page = "# T\n\nx\n\n!!! note\n    ### Deep\n\n    x\n"
    assert findings(tmp_path, {"p.md": page}, {"HDR002"}) == {("p.md", 6, 5, "HDR002")}


def test_hdr003_empty_sections(tmp_path: Path) -> None:
    page = (
        "# T\n\nx\n\n"
        "## Empty\n\n"  # 5
        "## Only a comment\n\n<!-- later -->\n\n"  # 7
        "## Parent\n\n### Child\n\nchild text\n\n"  # 11: not empty, its child has text
        "## Admonition\n\n!!! note\n    text\n\n"  # 17: not empty
        "## Setext-free code\n\n```\ncode\n```\n\n"  # not empty
        "## Last\n\n\n"  # 28
    )
    assert findings(tmp_path, {"p.md": page}, {"HDR003"}) == {
        ("p.md", 5, 1, "HDR003"),
        ("p.md", 7, 1, "HDR003"),
        ("p.md", 28, 1, "HDR003"),
    }


def test_hdr004_duplicates(tmp_path: Path) -> None:
    page = (
        "# T\n\nx\n\n## Setup\n\nx\n\n### Setup\n\nx\n\n## Setup\n\nx\n\n"  # 13: dup
        "## Twice { #first }\n\nx\n\n## Twice { #second }\n\nx\n"  # distinct ids: fine
    )
    assert findings(tmp_path, {"p.md": page}, {"HDR004"}) == {("p.md", 13, 1, "HDR004")}


# --- I18N001 to I18N003 -------------------------------------------------------------------------

KO = "# 제목 { #title }\n\n내용.\n\n## 절 { #section }\n\n![그림 설명입니다](x.png)\n"
EN = "# Title { #title }\n\nText.\n\n## Section { #section }\n\n![A described picture](x.png)\n"


def test_i18n001_missing_pages(tmp_path: Path) -> None:
    files = {"a.md": KO, "b.en.md": EN, "c.md": KO, "c.en.md": EN, "x.png": PNG}
    got = findings(tmp_path, files, {"I18N001"}, languages=("ko", "en"))
    assert got == {("a.md", 1, 1, "I18N001"), ("b.en.md", 1, 1, "I18N001")}


def test_i18n001_needs_no_translation_without_i18n(tmp_path: Path) -> None:
    assert findings(tmp_path, {"a.md": KO, "x.png": PNG}, {"I18N001"}) == set()


@pytest.mark.parametrize(
    ("english", "line"),
    [
        (EN.replace("## Section", "### Section"), 5),  # level differs
        (EN.replace("{ #section }", "{ #other }"), 5),  # id differs
        (EN + "\n## Extra { #extra }\n\nMore.\n", 9),  # one heading more
        (EN.replace("![A described picture](x.png)\n", "No picture.\n"), 1),  # image count
    ],
)
def test_i18n002_structure_differs(tmp_path: Path, english: str, line: int) -> None:
    files = {"a.md": KO, "a.en.md": english, "x.png": PNG}
    got = findings(tmp_path, files, {"I18N002"}, languages=("ko", "en"))
    assert {(f, ln, code) for f, ln, _, code in got} == {("a.en.md", line, "I18N002")}


def test_i18n002_same_structure_other_words(tmp_path: Path) -> None:
    files = {"a.md": KO, "a.en.md": EN.replace("Section", "Part"), "x.png": PNG}
    assert findings(tmp_path, files, {"I18N002"}, languages=("ko", "en")) == set()


def test_i18n003_freshness(tmp_path: Path) -> None:
    from studysite.cli import main

    files = {"a.md": KO, "a.en.md": EN, "x.png": PNG}
    config = make_tree(tmp_path, files, languages=("ko", "en"))
    codes = lambda: {  # noqa: E731
        (f.path, f.code) for f in check(load_config(config), cwd=tmp_path).findings
    }
    assert codes() == {("docs/a.en.md", "I18N003")}  # never marked
    assert (
        main(["check", "-f", str(config), "--mark-translated", str(tmp_path / "docs/a.en.md")]) == 0
    )
    assert codes() == set()
    assert (tmp_path / "docs/a.en.md").read_text(encoding="utf-8").startswith("---\nsource_hash: ")
    (tmp_path / "docs/a.md").write_text(KO + "\n더 많은 내용.\n", encoding="utf-8")
    assert codes() == {("docs/a.en.md", "I18N003")}  # the source moved on
    main(["check", "-f", str(config), "--mark-translated", str(tmp_path / "docs/a.en.md")])
    assert codes() == set()
    # Marking again keeps the author's other front matter and a single stamp.
    text = (tmp_path / "docs/a.en.md").read_text(encoding="utf-8")
    assert text.count("source_hash") == 1


# --- ENC001, line endings, BOM -----------------------------------------------------------------


def test_enc001_names_the_encoding_and_other_files_are_still_checked(tmp_path: Path) -> None:
    korean = "# 제목\n\n레드시프트는 열 지향 데이터 웨어하우스입니다. 스냅샷은 S3에 저장됩니다.\n"
    config = make_tree(
        tmp_path,
        {"cp949.md": korean.encode("cp949"), "ok.md": "# Fine\n\n![Alt text](nope.png)\n"},
    )
    result = check(load_config(config), cwd=tmp_path)
    by_code = {f.code: f for f in result.findings}
    assert set(by_code) == {"ENC001", "IMG001", "IMG004"}
    assert (by_code["ENC001"].path, by_code["ENC001"].line, by_code["ENC001"].column) == (
        "docs/cp949.md",
        1,
        3,
    )
    assert any(name in by_code["ENC001"].message for name in ("CP949", "EUC_KR", "EUC-KR"))


def test_crlf_and_bom_keep_positions(tmp_path: Path) -> None:
    page = "\ufeff# T\r\n\r\nx\r\n\r\n## A\r\n\r\n#### Deep\r\n\r\n  ![Alt text](x.png)\r\n"
    assert findings(tmp_path, {"p.md": page.encode("utf-8")}, {"HDR002", "IMG001", "ENC001"}) == {
        ("p.md", 7, 1, "HDR002"),
        ("p.md", 9, 3, "IMG001"),
    }


# --- Configuration: rules switched off ----------------------------------------------------------


def test_rules_can_be_switched_off_in_mkdocs_yml(tmp_path: Path) -> None:
    files = {"p.md": "## No title\n\n![Alt text](missing.png)\n"}
    got = findings(tmp_path, files, extra={"docscheck": {"disable": ["IMG004", "HDR001"]}})
    assert {code for *_, code in got} == {"IMG001"}
