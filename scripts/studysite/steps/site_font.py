"""Post-build step: the site font, sliced for each page, and each diagram's glyphs.

    studysite fonts SITE_DIR        (the post-build hook runs it after every build)

The font subset to the characters of the built HTML and SVG files (fonts.py). A hosted page
gets its faces in a <style> of its own, one per slice (font_slices.py: the common slice of
its language, its page slice, its spare slice, in each weight), and preloads the slices it
draws at load. The offline copy gets the whole subset instead, as data: URIs in one
stylesheet (inline_fonts.py). Each labelled diagram gets its own subset embedded
(svgfont.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from . import font_slices
from .font_slices import PageText, common_chars, read_page, unicode_range
from .fonts import (
    FAMILY,
    FONT_DIR_IN_SITE,
    WEIGHTS,
    FontWeight,
    SiteFont,
    cached,
    prune_cache,
    text_chars,
    write_site_fonts,
)
from .inline_fonts import write_offline_faces
from .job import Job
from .svgfont import cuts_needed, embed_font

# Where a page's links to the site's assets start, as MkDocs wrote them ("../", "/aws-notes/").
ASSETS_RE = re.compile(r'<link rel="stylesheet" href="([^"]*?)assets/stylesheets/main\.')
FONT_BLOCK_RE = re.compile(r"<(?:link|style)\b[^>]*\bdata-site-font\b[^>]*>(?:[^<]*</style>)?\s*")
FIRST_STYLESHEET = '<link rel="stylesheet"'


@dataclass(frozen=True)
class Slice:
    """One font file: a weight's glyphs for some characters, and how the page uses it."""

    weight: FontWeight
    chars: frozenset[str]
    preload: bool  # drawn at load: preloaded
    shared: bool = False  # a language's common slice, which every page of it declares
    data: bytes = b""

    @cached_property
    def filename(self) -> str:
        digest = hashlib.sha256(self.data).hexdigest()[:12]
        return f"study-sans-{self.weight.weight}-{digest}.woff2"


def run(job: Job) -> str:
    """Write the site font into a built site and embed each diagram's glyphs into it; return
    a one-line summary. Running it again on the same site changes nothing."""
    site_dir = job.site_dir
    started = time.perf_counter()
    pages = sorted(site_dir.rglob("*.html"))
    diagrams = sorted(site_dir.rglob("*.svg"))
    texts = [p.read_text(encoding="utf-8") for p in pages + diagrams]
    page_chars = [text_chars([text]) for text in texts[: len(pages)]]
    font = SiteFont(frozenset().union(*page_chars, text_chars(texts[len(pages) :])))
    labelled = [(d, t) for d, t in zip(diagrams, texts[len(pages) :], strict=True) if "<text" in t]
    diagram_cuts = [cut for _, text in labelled for cut in cuts_needed(text)]
    if job.site.offline:
        font.prepare(diagram_cuts)
        write_site_fonts(font, site_dir / FONT_DIR_IN_SITE, woff2=False)
        fonts = {weight.weight: font.woff2(weight) for weight in WEIGHTS}
        write_offline_faces(site_dir / FONT_DIR_IN_SITE / "study-sans.css", fonts)
        done = "as data: URIs in assets/fonts/study-sans.css (offline copy)"
    else:
        done = _slice_pages(font, site_dir, pages, texts[: len(pages)], page_chars, diagram_cuts)
    for diagram, text in labelled:  # icons without labels need no font
        diagram.write_text(embed_font(text, font), encoding="utf-8")
    prune_cache()
    summary = (
        f"Site font: {len(font.chars)} characters, {done}; embedded in {len(labelled)} "
        f"diagrams; {time.perf_counter() - started:.1f} s"
    )
    if missing := sorted(font.missing()):
        # Not a build error: the browser falls back to a system font for these characters.
        summary += f". No glyph in the site font for: {' '.join(missing)}"
    return summary


def _slice_pages(
    font: SiteFont,
    site_dir: Path,
    pages: list[Path],
    texts: list[str],
    page_chars: list[frozenset[str]],
    diagram_cuts: list,
) -> str:
    """Plan every page's slices, make them (one process per weight), write the files and
    each page's faces; return what was done, for the summary."""
    covered = font.chars - font.missing()
    read = [_read_page(text) for text in texts]
    commons = _commons(read, covered)
    plans = [
        _plan(page, chars & covered, commons, covered)
        for page, chars in zip(read, page_chars, strict=True)
    ]
    cuts = [(piece.weight, piece.chars) for plan in plans for piece in plan]
    font.prepare([*diagram_cuts, *cuts], site_woff2=False)
    out_dir = site_dir / FONT_DIR_IN_SITE
    write_site_fonts(font, out_dir, woff2=False)  # the licence
    written: set[str] = set()
    heaviest = 0
    for path, text, plan in zip(pages, texts, plans, strict=True):
        made = [replace(s, data=font.cut(s.weight, s.chars)) for s in plan]
        for piece in made:
            if piece.filename not in written:
                (out_dir / piece.filename).write_bytes(piece.data)
                written.add(piece.filename)
        heaviest = max(heaviest, sum(len(s.data) for s in made if s.preload))
        path.write_text(_with_faces(text, made), encoding="utf-8")
    return f"in {len(written)} slices, at most {heaviest / 1024:.1f} KB preloaded by a page"


# read_page's results are cached by the page's HTML and by font_slices.py's own source, so a
# change to either reads the page again: a rebuild reads only the pages whose HTML changed.
READER_HASH = hashlib.sha256(Path(font_slices.__file__).read_bytes()).hexdigest()[:12]


def _read_page(html: str) -> PageText:
    def read() -> bytes:
        page = read_page(html)
        drawn = {str(w): "".join(sorted(chars)) for w, chars in page.drawn.items()}
        return json.dumps({"lang": page.lang, "drawn": drawn}, ensure_ascii=False).encode()

    digest = hashlib.sha256(html.encode()).hexdigest()[:20]
    data = json.loads(cached(f"page-{READER_HASH}-{digest}.json", read))
    return PageText(data["lang"], {int(w): frozenset(c) for w, c in data["drawn"].items()})


def _commons(
    pages: list[PageText], covered: frozenset[str]
) -> dict[tuple[str, int], frozenset[str]]:
    """Each language's common slice in each weight."""
    by_lang: dict[str, list[PageText]] = defaultdict(list)
    for page in pages:
        by_lang[page.lang].append(page)
    return {
        (lang, weight.weight): common_chars(group, weight.weight) & covered
        for lang, group in by_lang.items()
        for weight in WEIGHTS
    }


def _plan(
    page: PageText,
    possible: frozenset[str],
    commons: dict[tuple[str, int], frozenset[str]],
    covered: frozenset[str],
) -> list[Slice]:
    """A page's slices: per weight, its language's common slice, what else it draws (its page
    slice) and every other character it may draw later (its spare slice)."""
    slices = []
    for weight in WEIGHTS:
        common = commons[page.lang, weight.weight]
        drawn = page.drawn[weight.weight] & covered
        own = drawn - common
        spare = possible - common - own
        pieces = ((common, bool(drawn & common), True), (own, True, False), (spare, False, False))
        for chars, preload, shared in pieces:
            if chars:
                slices.append(Slice(weight, chars, preload, shared))
    return slices


def _with_faces(html: str, slices: list[Slice]) -> str:
    """The page with its font preloads and faces before its first stylesheet, in place of
    any written before (the step may run again on its own output)."""
    html = FONT_BLOCK_RE.sub("", html)
    match = ASSETS_RE.search(html)
    if match is None:
        return html  # not a Material page (a redirect): it draws nothing in the site font
    root = match.group(1) + FONT_DIR_IN_SITE.as_posix() + "/"
    links = "".join(
        f'<link rel="preload" href="{root}{s.filename}" as="font" type="font/woff2" '
        "crossorigin data-site-font>\n"
        for s in slices
        if s.preload
    )
    faces = "".join(_face(s, root) for s in slices)
    block = f"{links}<style data-site-font>{faces}</style>\n"
    at = html.index(FIRST_STYLESHEET)
    return html[:at] + block + html[at:]


def _face(piece: Slice, root: str) -> str:
    """One slice's @font-face.

    The common slice is shown only if it is there for the first paint (`optional`, never a
    layout shift): preloaded, it is, and from the second page on it is in the cache. A page's
    own slices are new to the browser on every page; as `optional` they would miss that
    paint whenever the network is slower than the cache, and leave those syllables in a
    system font for the page's life, mixed with the site font. So they are swapped in:
    mostly Hangul, as wide in every Korean font, so the swap moves little. The spare slice is
    fetched only when a tooltip, an opened answer or a script draws one of its characters."""
    display = "optional" if piece.shared else "swap"
    return (
        f'@font-face{{font-family:"{FAMILY}";font-style:normal;font-weight:{piece.weight.weight};'
        f'font-display:{display};src:url("{root}{piece.filename}") format("woff2");'
        f"unicode-range:{unicode_range(piece.chars)}}}"
    )
