"""The project's layout keeps the promises of the README: one package, no path hacks, unique
file names, each fact in one place, every documented command real."""

from __future__ import annotations

import ast
import re
import subprocess
from collections import Counter
from pathlib import Path

from conftest import PAGES, PROJECT_DIR, SITE
from studysite.cli import _parser

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


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


def section(title: str) -> str:
    """The README's English section under a `## title` heading."""
    english = README[README.index("# AWS Data Analytics Study Notes") :]
    start = english.index(f"## {title}")
    end = english.find("\n## ", start + 1)
    return english[start : end if end > 0 else None]


def test_readme_layout_table_matches_the_tree() -> None:
    layout = section("Layout")
    paths = re.findall(r"^\| `([^`]+)`", layout, re.MULTILINE)
    assert paths
    for path in paths:
        assert (PROJECT_DIR / path.split(" ")[0]).exists(), path
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
    for target in targets:
        assert f"`make {target}`" in README, target
    usage = _parser().format_usage()  # usage: studysite [-h] {check,fonts,...} ...
    commands = re.search(r"\{([a-z,-]+)\}", usage).group(1).split(",")
    assert len(commands) >= 7
    for command in commands:
        assert f"studysite {command}" in README, command
