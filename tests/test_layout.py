"""The project's layout keeps the promises of its docs: one package, no path hacks, unique
file names, each fact in one place, every documented command real, the README short and in
both languages, the contributor guide's tables true to the tree and the registries."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
from collections import Counter
from pathlib import Path

from conftest import PAGES, PROJECT_DIR, SITE
from studysite.cli import _parser


def project_files() -> list[Path]:
    """Tracked files, and new ones git does not ignore: what a commit would hold."""
    names = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    return [PROJECT_DIR / name for name in names if name and (PROJECT_DIR / name).is_file()]


def python_files() -> list[Path]:
    return [p for p in project_files() if p.suffix == ".py"]


def test_no_two_files_share_a_name() -> None:
    counts = Counter(p.name for p in project_files() if p.name != "__init__.py")
    assert [name for name, count in counts.items() if count > 1] == []


def test_no_code_changes_the_import_path() -> None:
    """Code imports the installed package; nothing edits sys.path or pytest's pythonpath."""
    pattern = re.compile(r"sys\.path\.(insert|append)|PYTHONPATH|pythonpath")
    found = [p for p in python_files() if pattern.search(p.read_text(encoding="utf-8"))]
    assert [p.relative_to(PROJECT_DIR).as_posix() for p in found] == ["tests/test_layout.py"]
    assert "pythonpath" not in (PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8")


def string_constants(path: Path) -> list[str]:
    """The string literals of a module's code: docstrings and comments are prose."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_page_is_spelled_out_in_the_tooling() -> None:
    """The page list is the nav: no code in scripts/ names a page; tests name one only where
    they are about that page."""
    # "index" is MkDocs' own name for a folder's page, not one of ours.
    names = {page.name for page in PAGES if page.name != "index"}
    spelled = re.compile("|".join(rf"(^|/){re.escape(name)}(\.md|/|$)" for name in sorted(names)))
    found = [
        (p.relative_to(PROJECT_DIR).as_posix(), text)
        for p in python_files()
        if p.is_relative_to(PROJECT_DIR / "scripts")
        for text in string_constants(p)
        if spelled.search(text)
    ]
    assert found == []


def test_mkdocs_yml_hooks_are_the_package_s() -> None:
    hooks = [Path(name) for name in SITE.config.plugins if name.endswith(".py")]
    assert hooks, "no hooks registered"
    assert all(h.parent.as_posix() == "scripts/studysite/hooks" for h in hooks), hooks


DOCS = {  # the README and the contributor guide, each in Korean (the default) and English
    name: {lang: PROJECT_DIR / f"{name}{suffix}.md" for lang, suffix in (("ko", ""), ("en", ".en"))}
    for name in ("README", "CONTRIBUTING")
}
MAX_README_LINES = 300


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def headings(markdown: str) -> list[tuple[int, str, int]]:
    """(level, title, offset) of each heading outside code blocks."""
    found, fenced, offset = [], False, 0
    for line in markdown.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (match := re.match(r"(#{1,6}) (.+)", line)):
            found.append((len(match.group(1)), match.group(2).strip(), offset))
        offset += len(line)
    return found


def section(name: str, lang: str, english_title: str) -> str:
    """The section of a document in lang that stands where the English one has english_title
    (the two have the same structure, so the same heading index)."""
    english = [title for _, title, _ in headings(text(DOCS[name]["en"]))]
    index = english.index(english_title)
    own = text(DOCS[name][lang])
    marks = headings(own)
    start = marks[index][2]
    end = marks[index + 1][2] if index + 1 < len(marks) else len(own)
    return own[start:end]


def test_readmes_are_short_and_link_each_other() -> None:
    for name, files in DOCS.items():
        for lang, path in files.items():
            lines = text(path).splitlines()
            if name == "README":
                assert len(lines) <= MAX_README_LINES, (path.name, len(lines))
            other = files["en" if lang == "ko" else "ko"].name
            assert f"]({other})" in "\n".join(lines[:4]), (path.name, other)


def test_both_languages_have_the_same_structure() -> None:
    for files in DOCS.values():
        ko, en = (headings(text(files[lang])) for lang in ("ko", "en"))
        assert [level for level, *_ in ko] == [level for level, *_ in en], files["ko"].name
        assert [t for _, t, _ in ko] != [t for _, t, _ in en]  # translated, not copied


def test_the_generated_tables_are_up_to_date() -> None:
    script = PROJECT_DIR / "scripts" / "doc_tables.py"
    spec = importlib.util.spec_from_file_location("doc_tables", script)
    doc_tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(doc_tables)
    for files in DOCS.values():
        for path in files.values():
            assert "<!-- end generated -->" not in text(path) or "| --- |" in text(path), path
    assert doc_tables.stale() == [], "run make format"


def test_layout_table_matches_the_tree() -> None:
    tables = {
        lang: re.findall(r"^\| `([^`]+)`", section("CONTRIBUTING", lang, "Layout"), re.MULTILINE)
        for lang in ("ko", "en")
    }
    paths = tables["en"]
    assert paths and tables["ko"] == paths
    for path in paths:
        assert list(PROJECT_DIR.glob(path.rstrip("/"))), path  # requirements*.txt: a pattern
    listed = set(paths)
    unlisted = [
        p.relative_to(PROJECT_DIR).as_posix()
        for p in python_files()
        if p.is_relative_to(PROJECT_DIR / "scripts")
        and p.relative_to(PROJECT_DIR).as_posix() not in listed
        and p.parent.relative_to(PROJECT_DIR).as_posix() + "/" not in listed
    ]
    assert unlisted == [], "every module's folder (or the module) is in the layout table"


def test_readme_documents_every_make_target_and_command() -> None:
    makefile = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z-]+):.*## ", makefile, re.MULTILINE)
    assert len(targets) >= 10
    usage = _parser().format_usage()  # usage: studysite [-h] {check,fonts,...} ...
    commands = re.search(r"\{([a-z,-]+)\}", usage).group(1).split(",")
    assert len(commands) >= 7
    for path in DOCS["README"].values():
        readme = text(path)
        for target in targets:
            assert f"`make {target}`" in readme, (path.name, target)
        for command in commands:
            assert f"studysite {command}" in readme, (path.name, command)
