"""The checker's run: read the tree once, run every registered rule over it, keep the
findings of the enabled rules (in the given paths), sorted. It knows no rule: rules.py
lists them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..parallel import cpus, pool
from ..reading.document import Document, read_file
from ..reading.source import DecodeFailure
from .config import CheckerConfig
from .context import PageFile, Tree
from .findings import FileProblem, Finding, Problem
from .images import clear_cache
from .rules import RULES, RULES_IN_ORDER, Rule, Scope

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp"})
PARALLEL_FROM = 300  # pages; below this, starting worker processes costs more than it saves


@dataclass
class Result:
    findings: list[Finding]
    files_checked: int
    undecodable: set[Path] = field(default_factory=set)  # pages MkDocs could not read either


def walk(docs_dir: Path) -> tuple[list[Path], list[Path]]:
    """(Markdown pages, image files) under docs_dir, skipping hidden files as MkDocs does."""
    pages: list[Path] = []
    pictures: list[Path] = []
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            suffix = path.suffix.lower()
            if suffix == ".md":
                pages.append(path)
            elif suffix in IMAGE_SUFFIXES:
                pictures.append(path)
    return pages, pictures


def _read_all(paths: list[Path]) -> list[tuple[str, Document] | DecodeFailure]:
    """Read and parse every page; on big trees in one process per CPU (parsing is pure Python
    and dominates the run time), in the project's pool (parallel.pool: under `mkdocs serve`
    the parent has threads, which a worker must not inherit)."""
    workers = min(cpus(), 8)
    if workers < 2 or len(paths) < PARALLEL_FROM:
        return [read_file(path) for path in paths]
    chunk = max(16, len(paths) // (workers * 4))
    with pool(workers) as processes:
        return list(processes.map(read_file, paths, chunksize=chunk))


def load_tree(config: CheckerConfig, cwd: Path | None = None) -> Tree:
    """The docs tree of a site, read and parsed once for every rule."""
    docs_dir = config.docs_dir
    page_files, pictures = walk(docs_dir)
    tree = Tree(config.site, config.settings, cwd or Path.cwd(), {}, {}, pictures)
    for path, read in zip(page_files, _read_all(page_files), strict=True):
        if isinstance(read, DecodeFailure):
            tree.undecodable[path] = read
            continue
        page = PurePosixPath(path.relative_to(docs_dir).as_posix())
        lang, source = config.site.source_language(page)
        tree.pages[page] = PageFile(path, page, lang, source, *read)
    return tree


def _groups(enabled: set[str]) -> Iterator[tuple[Scope, object, set[str]]]:
    """(scope, function, its enabled codes) for each registered function with an enabled code,
    in registry order: related codes share one call."""
    seen: dict[object, set[str]] = {}
    order: list[Rule] = []
    for rule in RULES_IN_ORDER:
        if rule.check not in seen:
            seen[rule.check] = set()
            order.append(rule)
        if rule.code in enabled:
            seen[rule.check].add(rule.code)
    for rule in order:
        if seen[rule.check]:
            yield rule.scope, rule.check, seen[rule.check]


def _require_registered(problem: Problem, check: object) -> None:
    """A function reports only the codes registered with it: anything else is a bug in it."""
    rule = RULES.get(problem.code)
    if rule is None or rule.check is not check:
        raise AssertionError(f"{check}: problem {problem.code} is not registered with it")


def run_rules(tree: Tree) -> Iterator[FileProblem]:
    """Every problem of the enabled rules, with the file it is in."""
    enabled = set(RULES) - tree.settings.disable
    for scope, check, codes in _groups(enabled):
        if scope is Scope.PAGE:
            found: Iterable[FileProblem] = (
                (page.path, problem)
                for page in tree.pages.values()
                for problem in check(page, tree)
            )
        else:
            found = check(tree)
        for path, problem in found:
            _require_registered(problem, check)
            if problem.code in codes:
                yield path, problem


def _one_line(text: str) -> str:
    """Escape control characters (a %0A in a link, say): one finding, one report line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _selected(path: Path, selection: list[Path] | None) -> bool:
    if selection is None:
        return True
    resolved = path.resolve()
    return any(resolved == s or s in resolved.parents for s in selection)


def check(
    config: CheckerConfig,
    paths: Iterable[Path] | None = None,
    cwd: Path | None = None,
) -> Result:
    """Check the docs tree; report only findings in `paths` (files or folders), if given.

    Cross-file rules (unused images, translations) always look at the whole docs_dir.
    """
    clear_cache()  # the files may have changed since the last run (mkdocs serve)
    tree = load_tree(config, cwd)
    selection = [p.resolve() for p in paths] if paths else None
    findings = {
        Finding(
            tree.display(path),
            problem.line,
            problem.column,
            problem.code,
            _one_line(problem.message),
            RULES[problem.code].severity,
        )
        for path, problem in run_rules(tree)
        if _selected(path, selection)
    }
    return Result(sorted(findings), tree.files_checked, set(tree.undecodable))
