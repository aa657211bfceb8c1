"""Post-build step: each diagram's size in its <img> tag, and lazy loading below the fold.

    studysite diagrams SITE_DIR        (the post-build hook runs it after every build)

Without width and height a browser lays a page out with every diagram 0 px high, then moves
the text down when the picture arrives (layout shift). With them, and the stylesheet's
`height: auto`, it reserves the diagram's box from the start. A diagram far down a page is
fetched only when the reader gets near it (loading="lazy"); one near the top is not, as that
would delay what the reader sees first.

The sizes come from the built SVG files (their width/height, else their viewBox). The HTML is
edited in place, one tag at a time: studysite.htmlscan finds the tags and their offsets,
and only the attributes are added, so the rest of each page stays byte for byte as MkDocs
wrote it (a parse-and-serialise round trip would rewrite the whole page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from xml.etree import ElementTree

from .. import htmlscan
from ..urls import resolve
from .job import Job

# Text of the page's article before a diagram, above which the diagram is "below the fold":
# about one phone screen of the site's Korean text (some 20 lines of 40 characters each).
# The browser still fetches a lazy image well before it scrolls into view.
FOLD_CHARS = 800
NUMBER_RE = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
SKIPPED_TEXT_TAGS = {"script", "style", "template"}


@dataclass(frozen=True)
class ImageTag:
    """An <img> start tag in a page: where it is, its attributes, the text before it."""

    start: int  # offset of "<img" in the page
    end: int  # offset just after its ">"
    attrs: dict[str, str | None]
    text_before: int  # characters of visible text in the <article> before it


def find_images(html: str) -> list[ImageTag]:
    """The page's <img> tags, each with the visible text of the <article> before it."""
    images: list[ImageTag] = []
    article_depth = skip_depth = text = 0
    last = html.lower().rfind("<img")  # nothing after it matters: most of a page, often
    for token in htmlscan.tokens(html):
        if token.start > last:
            break
        if isinstance(token, htmlscan.Text):
            if article_depth and not skip_depth:
                text += len(" ".join(htmlscan.text_of(html, token).split()))
        elif token.name == "article":
            article_depth += -1 if token.closing else 1
        elif token.name in SKIPPED_TEXT_TAGS:
            skip_depth = max(0, skip_depth - 1) if token.closing else skip_depth + 1
        elif token.name == "img" and not token.closing:
            images.append(ImageTag(token.start, token.end, dict(token.attrs), text))
    return images


def svg_size(path: Path) -> tuple[int, int] | None:
    """An SVG's intrinsic size in CSS pixels: its width and height, else its viewBox."""
    root = ElementTree.parse(path).getroot()
    width, height = (NUMBER_RE.match(root.get(name) or "") for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        return round(float(box[2])), round(float(box[3]))
    return None


def _local_file(page: Path, src: str, site_dir: Path) -> Path | None:
    """The built file an <img src> in page names, or None (another host, or no such file)."""
    target = resolve(page.relative_to(site_dir).as_posix(), src) if src else None
    path = site_dir / target.path if target else None
    return path if path is not None and path.is_file() else None


def _added_attributes(image: ImageTag, size: tuple[int, int] | None) -> str:
    """The attributes a tag lacks, as text to insert before its closing ">"."""
    wanted: dict[str, str] = {}
    if size is not None and "width" not in image.attrs and "height" not in image.attrs:
        wanted["width"], wanted["height"] = str(size[0]), str(size[1])
    if image.text_before > FOLD_CHARS and "loading" not in image.attrs:
        wanted["loading"] = "lazy"
    if "decoding" not in image.attrs:
        wanted["decoding"] = "async"
    return "".join(f' {name}="{escape(value)}"' for name, value in wanted.items())


def size_images(page: Path, site_dir: Path) -> int:
    """Add the missing sizes and loading hints to the SVG images of one built page; return
    how many tags changed. Running it again changes nothing."""
    html = page.read_text(encoding="utf-8")
    if "<img" not in html:  # most pages: nothing to parse
        return 0
    pieces: list[str] = []
    done = 0
    changed = 0
    for image in find_images(html):
        target = _local_file(page, image.attrs.get("src") or "", site_dir)
        if target is None or target.suffix.lower() != ".svg":
            continue
        added = _added_attributes(image, svg_size(target))
        if not added:
            continue
        tag = html[image.start : image.end]
        close = len(tag) - (2 if tag.endswith("/>") else 1)
        pieces += [html[done : image.start], tag[:close].rstrip() + added + tag[close:]]
        done = image.end
        changed += 1
    if changed:
        page.write_text("".join(pieces) + html[done:], encoding="utf-8")
    return changed


def run(job: Job) -> str:
    """Size the diagrams of every built page of the site."""
    site_dir = job.site_dir
    pages = sorted(site_dir.rglob("*.html"))
    changed = sum(size_images(page, site_dir) for page in pages)
    return f"Diagrams: {changed} <img> tags given their size and loading hints ({len(pages)} pages)"
