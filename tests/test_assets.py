"""Diagrams, the self-hosted font and the configuration."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from conftest import DOCS_DIR, LANGUAGES, PAGES, PROJECT_DIR, SITE, BuiltSite
from studysite import bank
from studysite.hangul import HANGUL_RE
from studysite.model import load_mkdocs_config
from studysite.steps.fonts import WEIGHTS
from studysite.steps.svgfont import MARKER, rendered_text

SVG = "{http://www.w3.org/2000/svg}"
DIAGRAM_FILES = sorted((DOCS_DIR / "images").glob("*.svg"))
DIAGRAMS = sorted({path.name.split(".")[0] for path in DIAGRAM_FILES})
EXTERNAL = re.compile(
    r"(?:href|src)\s*=\s*[\"'](?!#)|url\((?!#|data:)|@import|<image\b|<foreignObject|<script", re.I
)


def font_cmap(data: bytes) -> set[str]:
    return {chr(c) for c in TTFont(io.BytesIO(data)).getBestCmap()}


def test_ten_diagrams_each_with_an_english_variant() -> None:
    # The nine of the notes and the Kinesis page's.
    assert len(DIAGRAMS) == 10
    names = {path.name for path in DIAGRAM_FILES}
    assert names == {f"{name}{suffix}.svg" for name in DIAGRAMS for suffix in ("", ".en")}


@pytest.mark.parametrize("path", DIAGRAM_FILES, ids=lambda p: p.name)
def test_diagram_is_self_contained_real_text(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    root = ET.fromstring(source)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox", "").startswith("0 0 800 ")
    assert root.get("font-family", "").startswith("'Study Sans'")
    assert [child.tag for child in root[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert not EXTERNAL.search(source), "external reference"
    text = rendered_text(source)
    assert len(text.strip()) > 30, "labels must be <text>, not paths"
    korean = not path.name.endswith(".en.svg")
    assert bool(HANGUL_RE.search(text)) == korean, "labels in the wrong language"
    sizes = [float(s) for s in re.findall(r"font-size\s*[:=]\s*[\"']?([\d.]+)", source)]
    assert sizes and min(sizes) >= 14, f"text smaller than 14 units: {min(sizes)}"
    prefix = path.name.split(".")[0]
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert all(i.startswith(prefix) for i in ids), f"ids must start with {prefix}: {ids}"


@pytest.mark.parametrize("name", DIAGRAMS)
def test_built_diagrams_embed_their_glyphs(site: BuiltSite, name: str) -> None:
    for language in SITE.languages:
        built = site.root / language.prefix / "images" / f"{name}.svg"
        source = built.read_text(encoding="utf-8")
        assert MARKER in source
        fonts = re.findall(r"base64,([A-Za-z0-9+/=]+)", source)
        assert fonts, "no embedded font"
        covered = font_cmap(base64.b64decode(fonts[0]))
        needed = set(rendered_text(source)) - {" ", "\n"}
        assert needed <= covered, f"glyphs missing: {sorted(needed - covered)}"


FACE_RE = re.compile(
    r'@font-face\{[^}]*font-weight:(\d+);[^}]*src:url\("([^"]+)"\)[^}]*unicode-range:([^}]*)\}'
)


def _declared(site: BuiltSite, dest: str) -> dict[int, set[str]]:
    """The characters of the faces a built page declares, per weight (their unicode-ranges);
    each face's file must have a glyph for every one."""
    html = (site.root / dest).read_text(encoding="utf-8")
    declared: dict[int, set[str]] = {weight.weight: set() for weight in WEIGHTS}
    for weight, url, ranges in FACE_RE.findall(html):
        cmap = font_cmap((site.root / dest).parent.joinpath(url).resolve().read_bytes())
        wanted = set()
        for part in ranges.split(","):
            first, _, last = part.removeprefix("U+").partition("-")
            wanted.update(chr(c) for c in range(int(first, 16), int(last or first, 16) + 1))
        # The file may map more (two code points can share a glyph), never fewer.
        assert wanted <= cmap, f"{dest}: {url} lacks {sorted(wanted - cmap)} of its range"
        declared[int(weight)] |= wanted
    return declared


def test_site_font_covers_every_page_in_every_weight(site: BuiltSite) -> None:
    """Whatever text a page shows, and in either weight, one of its faces has the glyph."""
    for page in PAGES:
        for lang in LANGUAGES:
            text = site.soup(page[lang].dest).get_text()
            needed = {c for c in text if c.isprintable() and not c.isspace()}
            for weight, chars in _declared(site, page[lang].dest).items():
                missing = needed - chars
                assert not missing, f"{page[lang].path}, weight {weight}: {sorted(missing)}"


PRELOAD_RE = re.compile(r'<link rel="preload" href="([^"]+)" as="font"[^>]*data-site-font>')


def test_english_pages_use_no_korean_slice(site: BuiltSite) -> None:
    """An English page's faces hold no Hangul but its language menu's ("한국어"). The practice
    page's spare slice holds the Korean items' too (its per-item language toggle draws them),
    which the page never preloads: a first view does not pay for them."""
    english = next(language for language in SITE.languages if not language.default).code
    korean = SITE.codes[0]
    menu = set("".join(language.name for language in SITE.languages))
    practice = SITE.page(SITE.practice_page.as_posix()) if SITE.practice_page else None
    for page in PAGES:
        dest = page[english].dest
        chars = "".join(c for cs in _declared(site, dest).values() for c in cs)
        hangul = set(HANGUL_RE.findall(chars))
        allowed = set(menu)
        if page == practice:
            items = (site.root / (bank.bank_dir(SITE, korean) or "") / bank.BANK_FILE).read_text(
                encoding="utf-8"
            )
            allowed |= set(HANGUL_RE.findall(items))
            html = (site.root / dest).read_text(encoding="utf-8")
            for url in PRELOAD_RE.findall(html):
                cmap = font_cmap((site.root / dest).parent.joinpath(url).resolve().read_bytes())
                preloaded = set(HANGUL_RE.findall("".join(cmap)))
                assert preloaded <= menu, f"{dest}: {url} preloads Korean"
        assert hangul and hangul <= allowed, (
            f"{page[english].path}: {''.join(sorted(hangul - allowed))}"
        )


def test_site_font_is_renamed_and_licensed(site: BuiltSite) -> None:
    fonts = site.root / "assets" / "fonts"
    assert "SIL OPEN FONT LICENSE" in (fonts / "OFL.txt").read_text(encoding="utf-8").upper()
    slices = sorted(fonts.glob("study-sans-*.woff2"))
    assert len(slices) > 2 * len(WEIGHTS)
    for path in slices:
        font = TTFont(path)
        family = font["name"].getDebugName(1)
        assert family == "Study Sans"  # OFL Reserved Font Name: a subset may not say Pretendard
        assert "Pretendard" not in (font["name"].getDebugName(4) or "")
        assert font.flavor == "woff2"


def test_site_url_has_a_placeholder_and_an_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    config_file = PROJECT_DIR / "mkdocs.yml"
    assert load_mkdocs_config(config_file).site_url == "https://aws-analytics-notes.example/"
    monkeypatch.setenv("SITE_URL", "https://notes.example.org/aws/")
    assert load_mkdocs_config(config_file).site_url == "https://notes.example.org/aws/"


def test_navigation_instant_is_off() -> None:
    config = load_mkdocs_config(PROJECT_DIR / "mkdocs.yml")
    assert "navigation.instant" not in config.theme["features"]
    assert config.theme["font"] is False
