"""Check a MkDocs docs tree: image links, section headers, translations, encodings.

    python scripts/check_docs.py [-f CONFIG] [--format text|json|github] [PATH ...]
    python scripts/check_docs.py --mark-translated docs/athena.en.md [...]

Exit status: 0 no error (warnings allowed), 1 at least one error, 2 usage or config error.
Rules are listed with --list-rules; switch one off for the whole site in mkdocs.yml:
    extra: {docscheck: {disable: [IMG005]}}
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docscheck.config import ConfigError, load_config
from docscheck.findings import RULES, Severity
from docscheck.report import FORMATS, render
from docscheck.runner import check
from docscheck.source import DecodeFailure, content_hash, read_source
from docscheck.translations import page_language, stamp

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its message short
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(
        prog="check_docs.py",
        description="Check image links, section headers and translations of a MkDocs site.",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the mkdocs.yml to read (default: ./mkdocs.yml)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format")
    parser.add_argument(
        "--mark-translated",
        action="store_true",
        help="record that the given translation pages are up to date with their sources",
    )
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    return parser.parse_args(argv)


def list_rules() -> str:
    return "\n".join(f"{r.code:<8} {r.severity.value:<8} {r.summary}" for r in RULES.values())


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
        lang, source = page_language(PurePosixPath(relative.as_posix()), config.languages)
        source_file = config.docs_dir / source
        if lang == config.default_language or not source_file.is_file():
            print(f"error: {page} is not a translation of an existing page", file=sys.stderr)
            return EXIT_USAGE
        try:
            text = read_source(page).text
            fingerprint = content_hash(read_source(source_file).text)
        except DecodeFailure:
            print(f"error: {page} or its source is not valid UTF-8", file=sys.stderr)
            return EXIT_ERRORS
        page.write_text(stamp(text, fingerprint), encoding="utf-8")
        print(f"{page}: marked up to date with {source.as_posix()} ({fingerprint})")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list_rules:
        print(list_rules())
        return EXIT_OK
    try:
        if args.mark_translated:
            return mark_translated(args.config_file, args.paths)
        missing = [p for p in args.paths if not p.exists()]
        if missing:
            print(f"error: no such file or folder: {missing[0]}", file=sys.stderr)
            return EXIT_USAGE
        config = load_config(args.config_file)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    result = check(config, args.paths or None)
    output = render(
        result.findings, args.format, result.files_checked, time.perf_counter() - started
    )
    if output:
        print(output)
    errors = any(f.severity is Severity.ERROR for f in result.findings)
    return EXIT_ERRORS if errors else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
