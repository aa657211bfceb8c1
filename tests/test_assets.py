"""Diagrams, the self-hosted font and the configuration."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import DOCS_DIR, PROJECT_DIR, BuiltSite
from fontTools.ttLib import TTFont
from pages import PAGES
from svgfont import MARKER, rendered_text

SVG = "{http://www.w3.org/2000/svg}"
DIAGRAMS = (
    "row-vs-column-storage",
    "athena-federated-query",
    "redshift-cluster",
    "redshift-spectrum",
    "glue-data-catalog",
    "lake-formation",
    "kda-sql-application",
    "managed-flink",
    "ingestion-pipeline",
)
DIAGRAM_FILES = [
    DOCS_DIR / "images" / f"{name}{suffix}.svg" for name in DIAGRAMS for suffix in ("", ".en")
]
EXTERNAL = re.compile(
    r"(?:href|src)\s*=\s*[\"'](?!#)|url\((?!#|data:)|@import|<image\b|<foreignObject|<script", re.I
)
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def font_cmap(data: bytes) -> set[str]:
    return {chr(c) for c in TTFont(io.BytesIO(data)).getBestCmap()}


def test_nine_diagrams_each_with_an_english_variant() -> None:
    names = sorted(p.name for p in (DOCS_DIR / "images").glob("*.svg"))
    assert names == sorted(p.name for p in DIAGRAM_FILES)


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
    assert bool(HANGUL.search(text)) == korean, "labels in the wrong language"
    sizes = [float(s) for s in re.findall(r"font-size\s*[:=]\s*[\"']?([\d.]+)", source)]
    assert sizes and min(sizes) >= 14, f"text smaller than 14 units: {min(sizes)}"
    prefix = path.name.split(".")[0]
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert all(i.startswith(prefix) for i in ids), f"ids must start with {prefix}: {ids}"


@pytest.mark.parametrize("name", DIAGRAMS)
def test_built_diagrams_embed_their_glyphs(site: BuiltSite, name: str) -> None:
    for built in (
        site.root / "images" / f"{name}.svg",
        site.root / "en" / "images" / f"{name}.svg",
    ):
        source = built.read_text(encoding="utf-8")
        assert MARKER in source
        fonts = re.findall(r"base64,([A-Za-z0-9+/=]+)", source)
        assert fonts, "no embedded font"
        covered = font_cmap(base64.b64decode(fonts[0]))
        needed = set(rendered_text(source)) - {" ", "\n"}
        assert needed <= covered, f"glyphs missing: {sorted(needed - covered)}"


def test_site_font_covers_every_page(site: BuiltSite) -> None:
    fonts = site.root / "assets" / "fonts"
    regular = font_cmap((fonts / "study-sans-400.woff2").read_bytes())
    for page in PAGES:
        for lang in ("ko", "en"):
            text = site.soup(page.html_file(lang)).get_text()
            missing = {c for c in text if c.isprintable() and not c.isspace()} - regular
            assert not missing, f"{page.path(lang)}: {sorted(missing)}"


def test_site_font_is_renamed_and_licensed(site: BuiltSite) -> None:
    fonts = site.root / "assets" / "fonts"
    assert "SIL OPEN FONT LICENSE" in (fonts / "OFL.txt").read_text(encoding="utf-8").upper()
    for weight in (400, 700):
        font = TTFont(fonts / f"study-sans-{weight}.woff2")
        family = font["name"].getDebugName(1)
        assert family == "Study Sans"  # OFL Reserved Font Name: a subset may not say Pretendard
        assert "Pretendard" not in (font["name"].getDebugName(4) or "")
        assert font.flavor == "woff2"


def test_site_url_has_a_placeholder_and_an_override(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    monkeypatch.chdir(PROJECT_DIR)
    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_config("mkdocs.yml").site_url == "https://aws-analytics-notes.example/"
    monkeypatch.setenv("SITE_URL", "https://notes.example.org/aws/")
    assert load_config("mkdocs.yml").site_url == "https://notes.example.org/aws/"


def test_navigation_instant_is_off() -> None:
    from mkdocs.config import load_config

    config = load_config(str(PROJECT_DIR / "mkdocs.yml"))
    assert "navigation.instant" not in config.theme["features"]
    assert config.theme["font"] is False
