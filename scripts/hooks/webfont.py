"""MkDocs hook: after the last language is built, write the site font and embed it in SVGs.

mkdocs-static-i18n builds the other languages from inside the default language's
`on_post_build` (priority -100). This hook runs after it (priority -200) and does nothing while
the plugin is still building, so it works once, on the complete site of both languages.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

# Hooks are loaded by file path; make the project's scripts/ importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from i18nstate import inner_language_build
from svgfont import embed_font
from webfont import SiteFont, prune_cache, text_chars, write_site_fonts

log = get_plugin_logger("webfont")

FONT_DIR_IN_SITE = Path("assets") / "fonts"


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return  # an inner, per-language build: wait for the whole site
    started = time.perf_counter()
    site_dir = Path(config.site_dir)
    pages = sorted(site_dir.rglob("*.html"))
    diagrams = sorted(site_dir.rglob("*.svg"))
    texts = [p.read_text(encoding="utf-8") for p in pages + diagrams]
    font = SiteFont(text_chars(texts))

    missing = sorted(font.missing())
    if missing:
        # Not a build error: the browser falls back to a system font for these characters.
        log.info("No glyph in the site font for: %s", " ".join(missing))

    write_site_fonts(font, site_dir / FONT_DIR_IN_SITE)
    embedded = 0
    for diagram, text in zip(diagrams, texts[len(pages) :], strict=True):
        if "<text" in text:  # icons without labels need no font
            diagram.write_text(embed_font(text, font), encoding="utf-8")
            embedded += 1
    prune_cache()
    log.info(
        "Site font: %d characters; font embedded in %d diagrams; %.1f s",
        len(font.chars),
        embedded,
        time.perf_counter() - started,
    )
