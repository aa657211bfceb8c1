"""First-view weight of a page: every byte a browser fetches to show it, compressed as a
static server would send it (gzip level 6 for text types; fonts and raster images as they are).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass

from playwright.sync_api import Browser, Response

# Content types a static server (nginx, GitHub Pages, S3+CloudFront) compresses on the fly.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
GZIP_LEVEL = 6  # nginx's and most hosts' setting for gzip_comp_level


@dataclass(frozen=True)
class Transfer:
    """One fetched resource."""

    url: str
    content_type: str
    size: int  # bytes of the file
    sent: int  # bytes on the wire after compression


def _transfer(response: Response) -> Transfer:
    body = response.body()
    content_type = (response.header_value("content-type") or "").split(";")[0].strip()
    compressible = content_type.startswith(COMPRESSIBLE)
    sent = len(gzip.compress(body, GZIP_LEVEL, mtime=0)) if compressible else len(body)
    return Transfer(response.url, content_type, len(body), sent)


def first_view(browser: Browser, url: str, width: int = 1280, height: int = 800) -> list[Transfer]:
    """Open url in a fresh context (empty cache) and return every resource it fetched."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        responses: list[Response] = []
        context.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        return [_transfer(r) for r in responses if r.status == 200]
    finally:
        context.close()


def total_sent(transfers: list[Transfer]) -> int:
    return sum(t.sent for t in transfers)
