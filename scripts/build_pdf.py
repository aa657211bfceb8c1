"""Build the printable study book in every language from the built site.

    python scripts/build_pdf.py [--site-dir site] [-f mkdocs.yml] [--lang ko en]

Writes SITE_DIR/pdf/aws-analytics-notes.<lang>.pdf: a cover, a table of contents with page
numbers, then every page of the navigation, each on a new sheet (see scripts/pdfbook/).
Run `mkdocs build` first; `make pdf` and `make build` do both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docscheck.config import ConfigError, i18n_language_entries, load_config, load_yaml
from pdfbook.book import BookBuilder, BookInfo, assemble
from pdfbook.render import font_faces, render_pdf, stylesheet

PROJECT_DIR = Path(__file__).resolve().parent.parent
BOOK_NAME = "aws-analytics-notes"
# Words of the book itself (not of any page), per language.
LABELS = {
    "ko": {
        "subtitle": "AWS 솔루션스 아키텍트 어소시에이트(SAA) 강의 노트, 최신 AWS 문서로 고침",
        "edition": "한국어판",
        "contents": "목차",
    },
    "en": {
        "subtitle": "Notes from the AWS Solutions Architect Associate course, "
        "checked against current AWS documentation",
        "edition": "English edition",
        "contents": "Contents",
    },
}


def pdf_name(lang: str) -> str:
    return f"{BOOK_NAME}.{lang}.pdf"


def nav_slugs(nav: Any) -> list[str]:
    """Page slugs in navigation order: "index.md" -> "", "athena.md" -> "athena"."""
    slugs: list[str] = []

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, dict):
                for value in item.values():
                    walk(value)
            elif isinstance(item, str) and item.endswith(".md"):
                stem = item.removesuffix(".md")
                slugs.append("" if stem in ("index", "README") else stem.removesuffix("/index"))

    walk(nav)
    return slugs


def language_settings(config: dict[str, Any], lang: str) -> dict[str, Any]:
    """The i18n plugin's settings for lang (site_name, ...), if any."""
    for language in i18n_language_entries(config.get("plugins")) or []:
        if language.get("locale") == lang:
            return language
    return {}


def version() -> str:
    """The git commit being built, or 'unversioned' outside a checkout."""
    try:
        result = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unversioned"
    return result.stdout.strip() or "unversioned"


def build_date() -> str:
    """Today (UTC), or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()


def build_book(site_dir: Path, config: dict[str, Any], lang: str, prefix: str) -> Path:
    started = time.perf_counter()
    slugs = nav_slugs(config.get("nav"))
    settings = language_settings(config, lang)
    labels = LABELS.get(lang, LABELS["en"])
    builder = BookBuilder(site_dir, prefix, slugs)
    chapters = []
    for index, slug in enumerate(slugs, 1):
        chapters.append(builder.chapter(slug))
        print(f"[{lang}] {index:>2}/{len(slugs)} {chapters[-1].title}", flush=True)
    info = BookInfo(
        lang=lang,
        title=settings.get("site_name") or config.get("site_name", "Study notes"),
        subtitle=labels["subtitle"],
        edition=labels["edition"],
        author=settings.get("site_author") or config.get("site_author", ""),
        description=settings.get("site_description") or config.get("site_description", ""),
        built=build_date(),
        version=version(),
        contents_label=labels["contents"],
    )
    book = assemble(chapters, info, stylesheet())
    out = site_dir / "pdf" / pdf_name(lang)
    with tempfile.TemporaryDirectory() as fonts:
        book = book.replace("<head>", f"<head><style>{font_faces(book, Path(fonts))}</style>", 1)
        print(f"[{lang}] rendering with WeasyPrint...", flush=True)
        pages = render_pdf(book, out, site_dir)
    size = out.stat().st_size / 1024
    print(
        f"[{lang}] wrote {out} ({pages} pages, {size:.0f} KB) in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--lang", nargs="+", help="languages to build (default: all built)")
    args = parser.parse_args(argv)
    try:
        checker_config = load_config(args.config_file)
        config = load_yaml(args.config_file)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not (args.site_dir / "index.html").is_file():
        print(f"error: {args.site_dir} has no built site; run mkdocs build first", file=sys.stderr)
        return 2
    languages = args.lang or list(checker_config.languages)
    for lang in languages:
        if lang not in checker_config.languages:
            print(f"error: {lang} is not a built language", file=sys.stderr)
            return 2
        prefix = "" if lang == checker_config.default_language else f"{lang}/"
        build_book(args.site_dir, config, lang, prefix)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
