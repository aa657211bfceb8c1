"""MkDocs hook: under `mkdocs serve`, serve the PDF books of the last `make build`.

The books are written by scripts/build_pdf.py after a full build (make build / make pdf), into
site/pdf/. `mkdocs serve` builds into a temporary directory, so without this the footer's
"PDF" link would 404 while studying offline with `make serve`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docscheck import gate  # remembers the command across serve's rebuilds
from i18nstate import inner_language_build

log = get_plugin_logger("pdf_books")


@event_priority(-200)  # after static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if gate.state.command != "serve" or inner_language_build(config):
        return
    built = Path(config.config_file_path).parent / "site" / "pdf"
    books = sorted(built.glob("*.pdf"))
    if not books:
        log.info("No PDF books yet: run `make pdf` to make them (the footer links to them).")
        return
    target = Path(config.site_dir) / "pdf"
    target.mkdir(exist_ok=True)
    for book in books:
        shutil.copy2(book, target / book.name)
