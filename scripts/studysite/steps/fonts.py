"""Post-build step: the self-hosted site font, subset to the characters the site uses.

The step that writes it into a built site is site_font.py (`studysite fonts SITE_DIR`).

A complete Korean font is 2.7 MB per weight; the site uses a few hundred Hangul syllables. We
collect the characters of the built HTML and SVG files and subset the source fonts to them
(fontTools): the first view of a page stays small and the text looks the same on every OS,
offline too. Each diagram gets its own smaller subset embedded (svgfont.py).

Pretendard is licensed under the SIL OFL 1.1 with the Reserved Font Name "Pretendard". A subset
is a modified version, so the OFL forbids it to carry that name: the subsets are renamed
"Study Sans" and ship with the licence file.

Speed: the sources are TrueType (WOFF2 would cost seconds of decoding on every cold start),
results are cached by content hash, and what the cache lacks is made in one process per weight.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

from .. import PROJECT_DIR, derived
from ..filecache import FileCache
from ..parallel import cpus, pool

FONT_DIR = PROJECT_DIR / "fonts"
# Subsets are cached by content hash; WEBFONT_CACHE points elsewhere (the benchmark uses it).
CACHE_DIR = Path(os.environ.get("WEBFONT_CACHE") or derived.CACHE_ROOT / "webfont")
FAMILY = "Study Sans"
LICENSE_FILE = FONT_DIR / "OFL.txt"
FONT_DIR_IN_SITE = Path("assets") / "fonts"
# Bump when the subsetting options change, to invalidate the cache.
CACHE_VERSION = "1"

# Characters every page may need even if no page shows them yet: printable ASCII (search box
# input, code) and common typographic punctuation.
BASELINE_CHARS = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset(
    "\u00a0\u00b7\u00d7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2190\u2191\u2192\u2193\u2264\u2265"
)


@dataclass(frozen=True)
class FontWeight:
    """One weight of the site font: its source file and the name of its built subset."""

    weight: int
    source: Path

    @property
    def filename(self) -> str:
        return f"study-sans-{self.weight}.woff2"


WEIGHTS = (
    FontWeight(400, FONT_DIR / "Pretendard-Regular.ttf"),
    FontWeight(700, FONT_DIR / "Pretendard-Bold.ttf"),
)
WEIGHT_BY_VALUE = {weight.weight: weight for weight in WEIGHTS}


def text_chars(texts: Iterable[str]) -> frozenset[str]:
    """Return the characters of the given HTML/SVG sources, entities decoded.

    Markup characters are all ASCII, which the baseline covers anyway, so no parsing is needed.
    """
    chars: set[str] = set(BASELINE_CHARS)
    for text in texts:
        chars.update(html.unescape(text))
    return frozenset(c for c in chars if c.isprintable() or c == "\u00a0")


def _sha256(*parts: bytes) -> str:
    return derived.digest(parts)


_hashes: FileCache[str] = FileCache(size=16)


def _file_hash(path: Path) -> str:
    """A source font's hash, read once per version of the file."""
    return _hashes.get(path, lambda file: _sha256(file.read_bytes()))


def cached(key: str, make: Callable[[], bytes]) -> bytes:
    """The bytes cached under key in the font cache (derived.cached), or make()'s, stored."""
    return derived.cached(CACHE_DIR, key, make)


def prune_cache(max_age_days: float = derived.MAX_AGE_DAYS) -> int:
    """Delete font cache entries unused for max_age_days; return how many were deleted."""
    return derived.prune(CACHE_DIR, max_age_days)


def _rename(font: TTFont, weight: int) -> None:
    """Give the subset its own family name, as the OFL's Reserved Font Name clause requires."""
    style = "Bold" if weight >= 700 else "Regular"
    postscript = FAMILY.replace(" ", "") + "-" + style
    names = {
        1: FAMILY,
        2: style,
        3: f"{postscript};subset",
        4: f"{FAMILY} {style}",
        6: postscript,
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
    table.setName("Subset of Pretendard 1.3.9 (SIL OFL 1.1) made for this site.", 10, 3, 1, 0x409)


def subset_font(data: bytes, chars: Iterable[str], weight: int, flavor: str | None) -> bytes:
    """Subset a font (bytes) to chars, rename it, and return it as WOFF2 or TrueType."""
    # Imported here: fontTools.subset takes 0.2 s to import, and a build whose subsets are all
    # in the cache (every build but the first) never needs it.
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data))
    options = subset.Options()
    options.flavor = flavor
    options.hinting = False  # browsers on high-DPI screens ignore it; it is dead weight
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 10, 13, 14, 16, 17]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    _rename(font, weight)
    font.flavor = flavor
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def covered_chars(data: bytes) -> frozenset[str]:
    """The characters a font has glyphs for (cached with the subsets, by the font's hash)."""

    def read_cmap() -> bytes:
        from fontTools.ttLib import TTFont  # see subset_font

        cmap = TTFont(io.BytesIO(data)).getBestCmap()
        return "".join(chr(c) for c in sorted(cmap)).encode("utf-8", "surrogatepass")

    return frozenset(
        cached(f"cmap-{_sha256(data)}.txt", read_cmap).decode("utf-8", "surrogatepass")
    )


def _prepare_weight(chars: frozenset[str], weight: int, cuts: list[str], site_woff2: bool) -> None:
    """Fill the cache for one weight: master, site WOFF2, cuts (in a worker process)."""
    font, font_weight = SiteFont(chars), WEIGHT_BY_VALUE[weight]
    if site_woff2:
        font.woff2(font_weight)
    for wanted in cuts:
        font.cut(font_weight, wanted)


class SiteFont:
    """The site font subset to one set of characters, in every weight.

    `master(weight)` is the TrueType subset, from which smaller subsets (one SVG's text) are
    cut; `woff2(weight)` is what the site serves. Every result is cached by content hash.
    `prepare()` makes what the cache lacks, one process per weight; the other methods then
    only read the cache.
    """

    def __init__(self, chars: Iterable[str]) -> None:
        self.chars = frozenset(chars)
        self._text = "".join(sorted(self.chars))
        self._key = _sha256(CACHE_VERSION.encode(), self._text.encode())
        self._masters: dict[int, bytes] = {}
        self._master_hashes: dict[int, hashlib._Hash] = {}
        self._cuts: dict[tuple[int, str], bytes] = {}  # the same slice serves many pages

    def _master_key(self, weight: FontWeight) -> str:
        return f"{weight.weight}-{self._key}-{_file_hash(weight.source)}.ttf"

    def _woff2_key(self, weight: FontWeight, master: bytes) -> str:
        return f"{weight.weight}-{_sha256(master)}.woff2"

    def _wanted(self, chars: Iterable[str]) -> str:
        return "".join(sorted(set(chars) & self.chars))

    def _cut_key(self, weight: FontWeight, master: bytes, wanted: str) -> str:
        # _sha256(master, wanted), with the master hashed once: a build asks for hundreds of
        # cuts (every page's font slices), and hashing the master each time added up.
        started = self._master_hashes.get(weight.weight)  # master(weight) is one per instance
        if started is None:
            started = self._master_hashes[weight.weight] = hashlib.sha256(master)
        digest = started.copy()
        digest.update(wanted.encode())
        return f"{weight.weight}-{digest.hexdigest()[:20]}.woff2"

    def master(self, weight: FontWeight) -> bytes:
        if weight.weight not in self._masters:
            self._masters[weight.weight] = cached(
                self._master_key(weight),
                lambda: subset_font(weight.source.read_bytes(), self._text, weight.weight, None),
            )
        return self._masters[weight.weight]

    def woff2(self, weight: FontWeight) -> bytes:
        master = self.master(weight)
        return cached(
            self._woff2_key(weight, master),
            lambda: subset_font(master, self._text, weight.weight, "woff2"),
        )

    def cut(self, weight: FontWeight, chars: Iterable[str]) -> bytes:
        """A WOFF2 with only chars, cut from the master subset (cached: WOFF2's Brotli pass
        is the slow part, and most builds cut the same diagrams again)."""
        master, wanted = self.master(weight), self._wanted(chars)
        if (weight.weight, wanted) not in self._cuts:
            self._cuts[weight.weight, wanted] = cached(
                self._cut_key(weight, master, wanted),
                lambda: subset_font(master, wanted, weight.weight, "woff2"),
            )
        return self._cuts[weight.weight, wanted]

    def _complete(self, weight: FontWeight, cuts: list[str], site_woff2: bool) -> bool:
        """Whether the cache holds everything prepare() would make for weight."""
        master_file = CACHE_DIR / self._master_key(weight)
        if not master_file.is_file():
            return False
        master = master_file.read_bytes()
        keys = [self._cut_key(weight, master, wanted) for wanted in cuts]
        if site_woff2:
            keys.append(self._woff2_key(weight, master))
        return all((CACHE_DIR / key).is_file() for key in keys)

    def prepare(
        self, cuts: Iterable[tuple[FontWeight, Iterable[str]]] = (), site_woff2: bool = True
    ) -> None:
        """Make the masters, the site WOFF2s and the given cuts where the cache lacks them."""
        wanted: dict[int, list[str]] = {weight.weight: [] for weight in WEIGHTS}
        for weight, chars in cuts:
            wanted[weight.weight].append(self._wanted(chars))
        tasks = [
            (self.chars, weight.weight, wanted[weight.weight], site_woff2)
            for weight in WEIGHTS
            if not self._complete(weight, wanted[weight.weight], site_woff2)
        ]
        if len(tasks) < 2 or cpus() < 2:
            for task in tasks:
                _prepare_weight(*task)
            return
        with pool(len(tasks)) as workers:
            for future in [workers.submit(_prepare_weight, *task) for task in tasks]:
                future.result()

    def missing(self) -> frozenset[str]:
        """Characters of the site that the source font has no glyph for."""
        return self.chars - covered_chars(self.master(WEIGHTS[0]))


def write_site_fonts(font: SiteFont, out_dir: Path, woff2: bool = True) -> list[Path]:
    """Write every weight's WOFF2 (unless woff2 is false: the offline copy has its font in its
    stylesheet) and the licence into out_dir; return the written files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for weight in WEIGHTS if woff2 else ():
        path = out_dir / weight.filename
        path.write_bytes(font.woff2(weight))
        written.append(path)
    licence = out_dir / "OFL.txt"
    licence.write_bytes(LICENSE_FILE.read_bytes())
    written.append(licence)
    return written
