"""The offline copy's site font, in its stylesheets as data: URIs (site_font.py calls it).

Opened from file://, Chromium (Chrome, Edge, Whale, Samsung Internet) gives a page the origin
"null", and a web font is a CORS request: `url("../assets/fonts/study-sans-400.woff2")` and
its `crossorigin` preload are blocked ("has been blocked by CORS policy"), so every page
logged two errors and drew its text in whatever font the system had (boxes for Hangul on a
machine without a Korean font). A data: URI is no request at all. The offline build therefore
writes each weight whole (not sliced: the copy is read from disk) into one stylesheet,
assets/fonts/study-sans.css, which its pages link instead of preloading fonts
(overrides/main.html), and they allow `font-src data:` (csp.py).

Those faces also get `font-display: block`. The site's `optional` draws a page in the
fallback for its whole life if the font is not ready at the first paint; a preloaded file
is, but a data: URI is decoded only once the stylesheet is parsed, after that paint (Chromium
drew the offline copy in Liberation Sans). With no network, `block` waits a few milliseconds
and draws the text once, in the site font: no swap, no layout shift.
"""

from __future__ import annotations

import base64
from pathlib import Path

from .fonts import FAMILY

DATA_URI_PREFIX = "data:font/woff2;base64,"


def data_uri(font: bytes) -> str:
    return DATA_URI_PREFIX + base64.b64encode(font).decode("ascii")


def offline_faces(fonts: dict[int, bytes]) -> str:
    """The @font-face rules of the site font, each weight (weight: WOFF2 bytes) a data: URI."""
    return "".join(
        f'@font-face {{\n  font-family: "{FAMILY}";\n  font-style: normal;\n'
        f"  font-weight: {weight};\n  font-display: block;\n"
        f'  src: url("{data_uri(data)}") format("woff2");\n}}\n'
        for weight, data in sorted(fonts.items())
    )


def write_offline_faces(path: Path, fonts: dict[int, bytes]) -> None:
    """Write the offline copy's font stylesheet (see offline_faces)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(offline_faces(fonts), encoding="utf-8")
