"""The offline copy's font in its stylesheets (steps/inline_fonts.py): which url()s become
data: URIs, the display they get, and a stylesheet that no longer names the font."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from studysite.steps.inline_fonts import inline_fonts, inline_site_fonts

FONTS = {"assets/fonts/study-sans-400.woff2": b"wOF2 regular"}
CSS = """@font-face {
  font-family: "Study Sans";
  font-display: optional;
  src: url("../assets/fonts/study-sans-400.woff2") format("woff2");
}
@font-face { font-family: "Other"; src: url(../assets/fonts/other.woff2); }
.logo { background: url('../assets/images/logo.svg'); }
"""


def test_the_named_font_becomes_a_data_uri_displayed_with_block() -> None:
    written, replaced = inline_fonts(CSS, "stylesheets/extra.css", FONTS)
    assert replaced == 1
    encoded = base64.b64encode(b"wOF2 regular").decode()
    first, other = written.split("@font-face")[1:3]
    assert f'url("data:font/woff2;base64,{encoded}")' in first
    assert "font-display: block;" in first and "optional" not in first
    assert "url(../assets/fonts/other.woff2)" in other and "font-display" not in other
    assert "url('../assets/images/logo.svg')" in written  # not a font: left alone


def test_a_face_without_a_display_gets_one() -> None:
    css = "@font-face { src: url(../assets/fonts/study-sans-400.woff2); }"
    written, replaced = inline_fonts(css, "stylesheets/extra.css", FONTS)
    assert replaced == 1 and written.endswith("font-display: block;\n}")


def test_the_site_step_runs_twice_and_fails_without_a_reference(tmp_path: Path) -> None:
    sheet = tmp_path / "stylesheets" / "extra.css"
    sheet.parent.mkdir()
    sheet.write_text(CSS, encoding="utf-8")
    assert inline_site_fonts(tmp_path, FONTS) == 1
    once = sheet.read_text(encoding="utf-8")
    assert inline_site_fonts(tmp_path, FONTS) == 0  # again: nothing changes
    assert sheet.read_text(encoding="utf-8") == once
    sheet.write_text("body { margin: 0 }", encoding="utf-8")
    with pytest.raises(ValueError, match="no stylesheet names the site font"):
        inline_site_fonts(tmp_path, FONTS)
