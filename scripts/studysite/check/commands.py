"""The checker's commands: check a docs tree, list the rules, mark translations up to date,
stamp pages' revisions.

    studysite check [-f CONFIG] [--format text|json|github] [PATH ...]
    studysite check --mark-translated docs/athena.en.md [...]
    studysite check --mark-revised docs/athena.md [docs/ ...]
    studysite check --fix [PATH ...]       (rewrite non-preferred spellings, then check)
    studysite check --list-rules

Exit status: 0 no error (warnings allowed), 1 at least one error, 2 usage or config error.
Switch a rule off for the whole site in mkdocs.yml:  extra: {docscheck: {disable: [IMG005]}}
"""

from __future__ import annotations

import sys
import time
from pathlib import Path, PurePosixPath

from ..model import ConfigError
from ..reading.source import DecodeFailure, read_source
from . import revisions, spelling
from .config import load_config
from .findings import Severity
from .report import render
from .rules import RULES_IN_ORDER
from .runner import check, load_tree
from .translations import stamp

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def list_rules() -> str:
    return "\n".join(f"{r.code:<8} {r.severity.value:<8} {r.summary.en}" for r in RULES_IN_ORDER)


def mark_translated(config_file: Path, pages: list[Path]) -> int:
    """Stamp each translation with its source page's fingerprint (I18N003)."""
    config = load_config(config_file)
    if not pages:
        print("error: name the translation pages to mark, e.g. docs/athena.en.md", file=sys.stderr)
        return EXIT_USAGE
    for page in pages:
        try:
            relative = page.resolve().relative_to(config.docs_dir)
        except ValueError:
            print(f"error: {page} is not under {config.docs_dir}", file=sys.stderr)
            return EXIT_USAGE
        lang, source = config.site.source_language(PurePosixPath(relative.as_posix()))
        source_file = config.docs_dir / source
        if lang == config.default_language or not source_file.is_file():
            print(f"error: {page} is not a translation of an existing page", file=sys.stderr)
            return EXIT_USAGE
        try:
            text = read_source(page).text
            fingerprint = revisions.translation_fingerprint(read_source(source_file).text)
        except DecodeFailure:
            print(f"error: {page} or its source is not valid UTF-8", file=sys.stderr)
            return EXIT_ERRORS
        # Bringing a translation up to date is a revision of it: stamp that too.
        marked = revisions.stamp(stamp(text, fingerprint), revisions.stamp_date())
        page.write_text(marked, encoding="utf-8")
        print(f"{page}: marked up to date with {source.as_posix()} ({fingerprint})")
    return EXIT_OK


def mark_revised(config_file: Path, paths: list[Path]) -> int:
    """Stamp each page (or every page under a folder) whose revision stamp is missing or
    older than its text with today's date (REV001); pages whose stamp is right stay as
    they are."""
    config = load_config(config_file)
    if not paths:
        print("error: name the pages (or folders) to stamp, e.g. docs/", file=sys.stderr)
        return EXIT_USAGE
    pages: list[Path] = []
    for path in paths:
        if not path.exists() or config.docs_dir not in (path.resolve(), *path.resolve().parents):
            print(f"error: {path} is not a file or folder under {config.docs_dir}", file=sys.stderr)
            return EXIT_USAGE
        if path.is_dir():  # hidden files and folders are not pages, as for MkDocs
            for page in sorted(path.rglob("*.md")):
                if not any(n.startswith(".") for n in page.relative_to(path).parts):
                    pages.append(page)
        else:
            pages.append(path)
    today = revisions.stamp_date()
    changed = 0
    for page in pages:
        try:
            text = read_source(page).text
        except DecodeFailure:
            print(f"error: {page} is not valid UTF-8", file=sys.stderr)
            return EXIT_ERRORS
        marked = revisions.stamp(text, today)
        if marked != text:
            page.write_text(marked, encoding="utf-8")
            changed += 1
            print(f"{page}: revised {today.isoformat()}")
    print(f"{changed} of {len(pages)} pages stamped; the others were up to date.")
    return EXIT_OK


def fix_spelling(config_file: Path, paths: list[Path]) -> int:
    """Rewrite every non-preferred spelling (TERM001) in the pages and diagrams under paths
    (the whole docs tree when empty) with the preferred form."""
    try:
        config = load_config(config_file)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    selection = [p.resolve() for p in paths]
    fixed = files = 0
    for scanned in spelling.scan(load_tree(config)):
        resolved = scanned.path.resolve()
        if selection and not any(s == resolved or s in resolved.parents for s in selection):
            continue
        text, count = spelling.fix(scanned.text, scanned.misspellings)
        if count:
            scanned.path.write_text(text, encoding="utf-8")
            fixed, files = fixed + count, files + 1
            print(f"{scanned.path}: {count} spelling(s) rewritten")
    print(f"{fixed} non-preferred spelling(s) rewritten in {files} file(s).")
    return EXIT_OK


def run(config_file: Path, paths: list[Path], fmt: str) -> int:
    """Check the docs tree of config_file, report findings in paths (all when empty)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {missing[0]}", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = load_config(config_file)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    result = check(config, paths or None)
    output = render(result.findings, fmt, result.files_checked, time.perf_counter() - started)
    if output:
        print(output)
    errors = any(f.severity is Severity.ERROR for f in result.findings)
    return EXIT_ERRORS if errors else EXIT_OK
