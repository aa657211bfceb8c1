"""Image rules: IMG001 to IMG004 and IMG006 per page (check_page); IMG005, unused files, across
the tree (unused)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..model import Site
from ..reading.document import Image
from ..urls import resolve
from .context import PageFile, Tree
from .findings import FileProblem, Problem

PLACEHOLDER_ALTS = frozenset(
    {"alt text", "alt", "image", "img", "picture", "photo", "screenshot", "diagram", "figure"}
    | {"이미지", "그림", "사진", "스크린샷", "캡처", "대체 텍스트"}
)


class Match(Enum):
    EXACT = "exact"
    CASE = "case"  # only with other letter case
    NORMALIZATION = "normalization"  # only in another Unicode normalization
    MISSING = "missing"


@dataclass(frozen=True)
class Located:
    match: Match
    path: Path | None  # the file found (its real name), when there is one


@cache
def _entries(directory: str) -> tuple[str, ...]:
    try:
        return tuple(entry.name for entry in os.scandir(directory))
    except OSError:
        return ()


# Each image's resolution, made once per run: the page rules and IMG005 both need it.
_resolved: dict[tuple[PurePosixPath, str, str], Verdict] = {}


def clear_cache() -> None:
    """Forget directory listings and resolutions (the files may have changed since the last
    run: mkdocs serve)."""
    _entries.cache_clear()
    locate.cache_clear()
    _resolved.clear()


@cache  # many pages show the same diagrams
def locate(target: Path) -> Located:
    """Find target component by component, telling a letter-case or NFC/NFD near miss apart.

    Path.exists() cannot: it follows the file system's own rules, which are case-insensitive
    on macOS and Windows, where such a link works locally and breaks on the host.
    """
    current = Path(target.anchor)
    worst = Match.EXACT
    for part in target.parts[1:]:
        entries = _entries(str(current))
        if part in entries:
            current = current / part
            continue
        nfc = unicodedata.normalize("NFC", part)
        same_text = [e for e in entries if unicodedata.normalize("NFC", e) == nfc]
        if same_text:
            current, worst = current / same_text[0], Match.NORMALIZATION
            continue
        same_letters = [
            e for e in entries if unicodedata.normalize("NFC", e).casefold() == nfc.casefold()
        ]
        if same_letters:
            current = current / same_letters[0]
            worst = worst if worst is Match.NORMALIZATION else Match.CASE
            continue
        return Located(Match.MISSING, None)
    return Located(worst, current) if current.is_file() else Located(Match.MISSING, None)


def candidates(target: PurePosixPath, lang: str, default: str) -> list[PurePosixPath]:
    """Files that satisfy a link from a page in lang: mkdocs-static-i18n serves `x.en.svg` to
    English pages linking `x.svg`, and falls back to the default language's file."""
    suffix = target.suffix
    stem = target.name[: -len(suffix)] if suffix else target.name
    localized = [
        target.with_name(f"{stem}.{code}{suffix}") for code in dict.fromkeys((lang, default))
    ]
    return [*localized, target] if suffix else [target]


def image_target(page: PurePosixPath, src: str) -> PurePosixPath | None:
    """The docs-relative path an image link points to, or None for external/data/anchor links."""
    target = resolve(page.as_posix(), src)
    if target is None or not urlsplit(src).path:
        return None
    return PurePosixPath(target.path)


# (code, message) of what is wrong with an image link, or None; and the files it uses.
Verdict = tuple[tuple[str, str] | None, list[Path]]


def _resolve(image: Image, page: PageFile, tree: Tree) -> tuple[Problem | None, list[Path]]:
    """Check one image's target; return a problem (or None) and the files it uses. Made once
    per run for each link from each folder and language: many pages show the same diagrams,
    and the page rules and IMG005 both ask."""
    key = (page.page.parent, page.lang, image.src)
    if key not in _resolved:
        _resolved[key] = _verdict(image.src, page.page, page.lang, tree)
    found, files = _resolved[key]
    problem = Problem(found[0], image.line, image.column, found[1]) if found else None
    return problem, files


def _verdict(src: str, page: PurePosixPath, lang: str, tree: Tree) -> Verdict:
    target = image_target(page, src)
    if target is None:
        scheme = urlsplit(src).scheme.lower()
        if scheme in ("http", "https") or src.startswith("//"):
            why = f"image loaded from another host: {src} (breaks offline use; copy it into docs/)"
            return ("IMG006", why), []
        return None, []
    near_miss: Located | None = None
    for candidate in candidates(target, lang, tree.default_language):
        found = locate(tree.docs_dir / candidate)
        if found.match is Match.EXACT:
            return None, [found.path] if found.path else []
        if found.match is not Match.MISSING and near_miss is None:
            near_miss = found
    shown = unquote(urlsplit(src).path)
    if near_miss is None or near_miss.path is None:
        return ("IMG001", f"image not found: {shown}"), []
    if near_miss.match is Match.CASE:
        real = _relative(near_miss.path, tree.docs_dir / page.parent)
        message = f"image {shown} exists only as {real}: letter case differs"
        return ("IMG002", message + " (breaks on case-sensitive hosts)"), [near_miss.path]
    form = "NFD" if unicodedata.is_normalized("NFD", str(near_miss.path)) else "NFC"
    message = (
        f"image {shown} exists only in another Unicode normalization ({form} on disk; "
        "rename the file to NFC, e.g. a name made on macOS)"
    )
    return ("IMG003", message), [near_miss.path]


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def _alt_problem(image: Image) -> Problem | None:
    alt = (image.alt or "").strip()
    name = PurePosixPath(unquote(urlsplit(image.src).path)).name
    stem = name.rsplit(".", 1)[0]
    if not alt:
        what = "no alt attribute" if image.alt is None else "empty alt text"
        return Problem("IMG004", image.line, image.column, f"{what}: say what the image shows")
    folded = unicodedata.normalize("NFC", alt).casefold()
    names = {unicodedata.normalize("NFC", n).casefold() for n in (name, stem) if n}
    if folded in PLACEHOLDER_ALTS or folded in names:
        return Problem(
            "IMG004",
            image.line,
            image.column,
            f"placeholder alt text {alt!r}: say what the image shows",
        )
    return None


def check_page(page: PageFile, tree: Tree) -> Iterator[Problem]:
    """IMG001-IMG004, IMG006: each image of the page, its target and its alt text."""
    for image in page.document.images:
        problem, _ = _resolve(image, page, tree)
        if problem is not None:
            yield problem
        alt_problem = _alt_problem(image)
        if alt_problem is not None:
            yield alt_problem


def used_files(tree: Tree) -> set[Path]:
    """The image files the pages show, and those the configuration names."""
    used: set[Path] = set()
    for page in tree.pages.values():
        for image in page.document.images:
            used.update(_resolve(image, page, tree)[1])
    used.update(tree.docs_dir / asset for asset in config_assets(tree.site))
    return used


def config_assets(site: Site) -> frozenset[str]:
    """Files the configuration itself references (favicon, logo, extra CSS), docs-relative:
    they count as used images."""
    theme = site.config.theme
    assets = [theme.get("favicon"), theme.get("logo"), *site.config.extra_css]
    return frozenset(str(a) for a in assets if isinstance(a, str) and "://" not in a)


def unused(tree: Tree) -> Iterator[FileProblem]:
    """IMG005: image files no page uses. `x.en.svg` counts as used when `x.svg` is."""
    for picture in unused_images(tree.pictures, used_files(tree), tree.languages):
        yield picture, Problem("IMG005", 1, 1, "image file that no page uses")


def unused_images(
    all_images: Iterable[Path], used: set[Path], languages: Iterable[str]
) -> Iterator[Path]:
    """IMG005: image files no page uses. `x.en.svg` counts as used when `x.svg` is."""
    used_resolved = {p.resolve() for p in used}
    codes = tuple(languages)
    for image in sorted(all_images):
        if image.resolve() in used_resolved:
            continue
        parts = image.name.split(".")
        if len(parts) >= 3 and parts[-2] in codes:
            base = image.with_name(".".join(parts[:-2] + parts[-1:]))
            if base.resolve() in used_resolved:
                continue
        yield image
