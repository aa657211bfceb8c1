"""The PNG and ICO icons rendered from the SVG favicon (steps/icons.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from conftest import SITE, BuiltSite
from studysite.cli import main
from studysite.steps import icons
from studysite.steps.job import Job

SVG = icons.favicon(SITE)
assert SVG is not None, "the theme's favicon is an SVG file"
PATHS = icons.outputs(SVG)


def test_the_build_writes_every_icon_at_its_size(site: BuiltSite) -> None:
    with Image.open(site.root / PATHS[icons.ICO_NAME]) as ico:
        assert ico.format == "ICO"
        assert sorted(ico.info["sizes"]) == [(16, 16), (32, 32), (48, 48)]
        svg = (site.root / SVG).read_text(encoding="utf-8")
        for size in icons.ICO_SIZES:  # each size drawn for itself, not scaled from another
            ico.size = (size, size)
            ico.load()
            assert ico.convert("RGBA").tobytes() == icons.render(svg, size).tobytes()
    with Image.open(site.root / PATHS[icons.PNG_NAME]) as png:
        assert (png.format, png.size, png.mode) == ("PNG", (96, 96), "RGBA")
    with Image.open(site.root / PATHS[icons.TOUCH_NAME]) as touch:
        # iOS wants it opaque: no alpha, and the corners take the icon's own edge colour
        assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")
        assert touch.getpixel((0, 0)) == touch.getpixel((0, 90)) != icons.WHITE


def test_deterministic_and_idempotent(site: BuiltSite, tmp_path: Path) -> None:
    """A second site with the same favicon gets the same bytes; running the step again
    rewrites nothing."""
    other = tmp_path / "site"
    (other / SVG).parent.mkdir(parents=True)
    shutil.copy(site.root / SVG, other / SVG)
    (other / "index.html").write_text("<!doctype html>", encoding="utf-8")
    assert main(["icons", "-f", str(SITE.config_file), str(other)]) == 0
    for path in PATHS.values():
        assert (other / path).read_bytes() == (site.root / path).read_bytes(), path
    times = {path: (other / path).stat().st_mtime_ns for path in PATHS.values()}
    icons.run(Job(SITE, other))
    assert {path: (other / path).stat().st_mtime_ns for path in PATHS.values()} == times


def test_edge_colour() -> None:
    assert icons.edge_colour(Image.new("RGBA", (4, 4), (0, 0, 0, 0))) == icons.WHITE
    square = Image.new("RGBA", (4, 4), (10, 20, 30, 255))
    square.putpixel((0, 0), (0, 0, 0, 0))  # a rounded corner
    assert icons.edge_colour(square) == (10, 20, 30)


def test_the_command_needs_a_built_site(tmp_path: Path) -> None:
    assert main(["icons", "-f", str(SITE.config_file), str(tmp_path)]) == 1


def test_cached_icons_are_the_ones_rendered_afresh(site: BuiltSite) -> None:
    """The build copies the icons from the cache: they are the bytes a fresh render makes,
    and another favicon has another key."""
    svg = (site.root / SVG).read_text(encoding="utf-8")
    for name, make in icons.renderers(svg).items():
        assert make() == (site.root / PATHS[name]).read_bytes(), name
    assert icons.cache_key(svg) != icons.cache_key(svg.replace("<svg", "<svg ", 1))
