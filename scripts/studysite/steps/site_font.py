"""Post-build step: the site font and each diagram's glyphs.

    studysite fonts SITE_DIR        (the post-build hook runs it after every build)

The font subset to the characters of the built HTML and SVG files (fonts.py), written into
the site with its licence, and each labelled diagram's own subset embedded into it
(svgfont.py).
"""

from __future__ import annotations

import time
from pathlib import Path

from .fonts import (
    FONT_DIR_IN_SITE,
    WEIGHTS,
    SiteFont,
    prune_cache,
    text_chars,
    write_site_fonts,
)
from .inline_fonts import inline_site_fonts
from .job import Job
from .svgfont import cuts_needed, embed_font


def run(job: Job) -> str:
    """Write the site font into a built site and embed each diagram's glyphs into it; return
    a one-line summary. Running it again on the same site changes nothing."""
    site_dir = job.site_dir
    started = time.perf_counter()
    pages = sorted(site_dir.rglob("*.html"))
    diagrams = sorted(site_dir.rglob("*.svg"))
    texts = [p.read_text(encoding="utf-8") for p in pages + diagrams]
    font = SiteFont(text_chars(texts))
    labelled = [(d, t) for d, t in zip(diagrams, texts[len(pages) :], strict=True) if "<text" in t]
    font.prepare(cut for _, text in labelled for cut in cuts_needed(text))
    missing = sorted(font.missing())
    offline = job.site.offline
    write_site_fonts(font, site_dir / FONT_DIR_IN_SITE, woff2=not offline)
    inlined = _inline_for_file_urls(site_dir, font) if offline else 0
    for diagram, text in labelled:  # icons without labels need no font
        diagram.write_text(embed_font(text, font), encoding="utf-8")
    prune_cache()
    summary = (
        f"Site font: {len(font.chars)} characters; font embedded in {len(labelled)} diagrams"
        + (f" and, as data: URIs, in the stylesheets ({inlined})" if inlined else "")
        + f"; {time.perf_counter() - started:.1f} s"
    )
    if missing:
        # Not a build error: the browser falls back to a system font for these characters.
        summary += f". No glyph in the site font for: {' '.join(missing)}"
    return summary


def _inline_for_file_urls(site_dir: Path, font: SiteFont) -> int:
    """The offline copy: the weights go into the stylesheets (inline_fonts.py), not into
    files of their own, which no page would ask for."""
    fonts = {(FONT_DIR_IN_SITE / w.filename).as_posix(): font.woff2(w) for w in WEIGHTS}
    return inline_site_fonts(site_dir, fonts)
