"""The offline copy's font stylesheet (steps/inline_fonts.py): each weight whole, as a data:
URI, displayed with `block`."""

from __future__ import annotations

import base64
from pathlib import Path

from studysite.steps.inline_fonts import offline_faces, write_offline_faces

FONTS = {700: b"wOF2 bold", 400: b"wOF2 regular"}


def test_each_weight_is_a_data_uri_displayed_with_block() -> None:
    css = offline_faces(FONTS)
    regular, bold = css.split("@font-face")[1:]  # in weight order
    for face, weight, data in ((regular, 400, FONTS[400]), (bold, 700, FONTS[700])):
        encoded = base64.b64encode(data).decode()
        assert f'url("data:font/woff2;base64,{encoded}") format("woff2")' in face
        assert f"font-weight: {weight};" in face and 'font-family: "Study Sans";' in face
        assert "font-display: block;" in face and "unicode-range" not in face


def test_the_stylesheet_is_written_and_rewritten_the_same(tmp_path: Path) -> None:
    sheet = tmp_path / "assets" / "fonts" / "study-sans.css"
    write_offline_faces(sheet, FONTS)
    once = sheet.read_text(encoding="utf-8")
    write_offline_faces(sheet, FONTS)
    assert sheet.read_text(encoding="utf-8") == once == offline_faces(FONTS)
