"""The offline copy's site font, in its stylesheets as data: URIs (site_font.py calls it).

Opened from file://, Chromium (Chrome, Edge, Whale, Samsung Internet) gives a page the origin
"null", and a web font is a CORS request: `url("../assets/fonts/study-sans-400.woff2")` and
its `crossorigin` preload are blocked ("has been blocked by CORS policy"), so every page
logged two errors and drew its text in whatever font the system had (boxes for Hangul on a
machine without a Korean font). A data: URI is no request at all. The offline build therefore
writes each weight into the stylesheet that names it, and its pages carry no font preload
(overrides/main.html) and allow `font-src data:` (csp.py).

Those faces also get `font-display: block`. The site's `optional` draws a page in the
fallback for its whole life if the font is not ready at the first paint; a preloaded file
is, but a data: URI is decoded only once the stylesheet is parsed, after that paint (Chromium
drew the offline copy in Liberation Sans). With no network, `block` waits a few milliseconds
and draws the text once, in the site font: no swap, no layout shift.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import urljoin

CSS_URL_RE = re.compile(r"""url\(\s*(?P<quote>["']?)(?P<url>[^"')\s]+)(?P=quote)\s*\)""")
FONT_FACE_RE = re.compile(r"@font-face\s*\{[^}]*\}")
FONT_DISPLAY_RE = re.compile(r"font-display\s*:\s*[^;}]*")


DATA_URI_PREFIX = "data:font/woff2;base64,"


def data_uri(font: bytes) -> str:
    return DATA_URI_PREFIX + base64.b64encode(font).decode("ascii")


def inline_fonts(css: str, css_path: str, fonts: dict[str, bytes]) -> tuple[str, int]:
    """css (the site-relative file css_path) with every @font-face url() that names one of
    fonts (by site-relative path) replaced by its data: URI, that face displayed with `block`;
    and how many it replaced."""
    replaced = 0

    def url(match: re.Match[str]) -> str:
        nonlocal replaced
        target = urljoin(css_path, match.group("url")).split("#")[0].split("?")[0]
        if target not in fonts:
            return match.group(0)
        replaced += 1
        return f'url("{data_uri(fonts[target])}")'

    def face(match: re.Match[str]) -> str:
        before = replaced
        rule = CSS_URL_RE.sub(url, match.group(0))
        if replaced == before:
            return rule
        if FONT_DISPLAY_RE.search(rule):
            return FONT_DISPLAY_RE.sub("font-display: block", rule)
        return rule[:-1].rstrip() + "\n  font-display: block;\n}"

    return FONT_FACE_RE.sub(face, css), replaced


def inline_site_fonts(site_dir: Path, fonts: dict[str, bytes]) -> int:
    """Replace the references to fonts (site-relative path: WOFF2 bytes) in every stylesheet
    of the built site; return how many were replaced. Fails if none was: then the offline
    copy would have no site font (the stylesheet no longer names the files)."""
    total = 0
    inlined_before = False  # the step ran on this site already: running it again changes nothing
    for path in sorted(site_dir.rglob("*.css")):
        css = path.read_text(encoding="utf-8")
        inlined_before = inlined_before or DATA_URI_PREFIX in css
        if not any(Path(name).name in css for name in fonts):
            continue  # Material's own stylesheets: nothing to do
        written, replaced = inline_fonts(css, path.relative_to(site_dir).as_posix(), fonts)
        if replaced:
            path.write_text(written, encoding="utf-8")
            total += replaced
    if total == 0 and not inlined_before:
        names = ", ".join(sorted(fonts))
        raise ValueError(f"{site_dir}: no stylesheet names the site font ({names})")
    return total
