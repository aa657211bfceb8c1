"""Post-build step: the printable study book in every language, from the built site.

    studysite pdf SITE_DIR [--lang ko en]
    (the post-build hook runs it when extra.pdf_books is on: PDF=true, make build, make pdf)

Writes SITE_DIR/<pdf path of each language> (site.pdf_path): a cover, a table of contents with
page numbers, then every page of the navigation but the practice page, each on a new sheet,
the glossary (extra.glossary) last as an appendix (pdf_book.py), rendered
by WeasyPrint in the site's own font (pdf_render.py).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .. import PROJECT_DIR
from ..model import ConfigError, Page, Site, load_site
from ..parallel import cpus, pool
from .job import Job
from .pdf_book import BookBuilder, BookInfo, assemble, chapter_key
from .pdf_render import font_faces, render_pdf, stylesheet


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


def book_info(site: Site, lang: str) -> BookInfo:
    language, labels = site.language(lang), site.labels(lang)
    return BookInfo(
        lang=lang,
        title=language.site_name,
        subtitle=labels.book_subtitle,
        edition=labels.book_edition,
        author=language.site_author,
        description=language.site_description,
        built=build_date(),
        version=version(),
        contents_label=labels.book_contents,
    )


def book_pages(site: Site) -> list[Page]:
    """The pages of the books, in navigation order: all but the practice page, which repeats
    the chapters' questions with buttons to press (on paper every answer is open anyway)."""
    practice = site.practice_page.as_posix() if site.practice_page else None
    return [page for page in site.pages if page[site.codes[0]].source != practice]


def build_book(
    site: Site, site_dir: Path, lang: str, progress: Callable[[str], None] = print
) -> Path:
    """Write the book of one language into site_dir; return its path."""
    started = time.perf_counter()
    default = site.default_language.code
    pages = book_pages(site)
    keys = {page[lang].url: chapter_key(page[default].url) for page in pages}
    left_out = {page[lang].url for page in site.pages if page not in pages}
    builder = BookBuilder(site_dir, keys, left_out, site.labels(lang).quiz_answer_key)
    chapters = []
    glossary = site.glossary_page.as_posix() if site.glossary_page else None
    for index, page in enumerate(pages, 1):
        appendix = page[default].source == glossary
        chapters.append(builder.chapter(page[lang], appendix=appendix))
        progress(f"[{lang}] {index:>2}/{len(pages)} {chapters[-1].title}")
    book = assemble(chapters, book_info(site, lang), stylesheet())
    out = site_dir / site.pdf_path(lang)
    with tempfile.TemporaryDirectory() as fonts:
        book = book.replace("<head>", f"<head><style>{font_faces(book, Path(fonts))}</style>", 1)
        progress(f"[{lang}] rendering with WeasyPrint...")
        pages = render_pdf(book, out, site_dir)
    size = out.stat().st_size / 1024
    progress(
        f"[{lang}] wrote {out} ({pages} pages, {size:.0f} KB) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return out


def _build_in_worker(config_file: Path, site_dir: Path, lang: str) -> Path:
    return build_book(load_site(config_file), site_dir, lang, lambda line: print(line, flush=True))


def run(job: Job) -> str:
    """Write the books of job.languages (default: every built language), one process per book
    when there are CPUs to spare (their progress lines are printed)."""
    started = time.perf_counter()
    site, site_dir, progress = job.site, job.site_dir, job.progress
    unknown = sorted(set(job.languages) - set(site.codes))
    if unknown:
        raise ConfigError(f"{', '.join(unknown)}: not a built language of {site.config_file}")
    languages = list(job.languages or site.codes)
    if len(languages) < 2 or cpus() < 2:
        written = [build_book(site, site_dir, lang, progress) for lang in languages]
    else:
        with pool(len(languages)) as workers:
            jobs = [
                workers.submit(_build_in_worker, site.config_file, site_dir, lang)
                for lang in languages
            ]
            written = [job.result() for job in jobs]
    return f"PDF books: {len(written)} written in {time.perf_counter() - started:.1f} s"
