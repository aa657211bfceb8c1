"""Where a link found in a page points: one resolver for the checker, the PDF books and tests."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit


class Target(NamedTuple):
    path: str  # root-relative, percent-decoded, no leading "/": "en/athena/", "images/a.svg"
    fragment: str


def resolve(base: str, href: str) -> Target | None:
    """The target of href found in the file at root-relative path base ("en/athena/",
    "sub/page.md"); None for a link to another host or scheme (https:, data:, mailto:...).
    A path starting with "/" is relative to the root; ".." never leaves it."""
    url = urlsplit(href)
    if url.scheme or url.netloc:
        return None
    joined = urlsplit(urljoin("/" + base, href))
    return Target(unquote(joined.path).lstrip("/"), joined.fragment)
