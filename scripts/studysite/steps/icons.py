"""Post-build step: PNG and ICO icons made from the SVG favicon.

    studysite icons SITE_DIR        (the post-build hook runs it after every build)

Browsers that take an SVG favicon use the theme's favicon (mkdocs.yml: theme.favicon). For
the others, this step renders it beside the SVG, in the same folder:

- favicon.ico: 16, 32 and 48 px, for browsers and tools that want an ICO;
- favicon-96.png: a PNG fallback; 96 px because Google Search asks for a multiple of 48 px;
- apple-touch-icon.png: 180×180, what iOS shows on the home screen. iOS fills transparent
  pixels with black, so the icon is flattened onto an opaque background: the colour of the
  icon's own edge (the rounded square's corners get its fill), or white if its edge is
  transparent.

resvg (Rust, from a wheel) renders without system libraries and without the machine's fonts
(the favicon has no text), so two builds on any machine write the same bytes; Pillow writes
the ICO and the flattened PNG. Running it again rewrites nothing that is unchanged.

The icons are cached by content (fonts.cached): the key names the SVG, this module's source and
the versions of resvg and Pillow, all the bytes depend on. A build whose favicon is unchanged
copies them, without importing Pillow (a third of this step's time).
"""

from __future__ import annotations

import hashlib
import io
import time
from collections import Counter
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..model import Site
from .fonts import cached
from .job import Job

if TYPE_CHECKING:
    from PIL import Image

ICO_SIZES = (16, 32, 48)
PNG_SIZE = 96
TOUCH_SIZE = 180
ICO_NAME = "favicon.ico"
PNG_NAME = f"favicon-{PNG_SIZE}.png"
TOUCH_NAME = "apple-touch-icon.png"
WHITE = (255, 255, 255)


def favicon(site: Site) -> PurePosixPath | None:
    """The site-relative path of the SVG favicon (theme.favicon), if it is an SVG."""
    name = site.config.theme.get("favicon")
    if not isinstance(name, str) or "://" in name or not name.lower().endswith(".svg"):
        return None
    return PurePosixPath(name)


def outputs(svg: PurePosixPath) -> dict[str, PurePosixPath]:
    """The icons this step writes, site-relative, beside the SVG."""
    return {name: svg.parent / name for name in (ICO_NAME, PNG_NAME, TOUCH_NAME)}


def _pillow() -> None:
    """Import Pillow's two format plugins by name: they register themselves, and Pillow then
    skips importing every plugin (a quarter of a second) on the first open and save."""
    from PIL import IcoImagePlugin, PngImagePlugin  # noqa: F401


def render(svg: str, size: int) -> Image.Image:
    """The SVG as a size×size RGBA image."""
    import resvg_py  # imported here: only this step needs it
    from PIL import Image

    _pillow()
    data = resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size, skip_system_fonts=True)
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGBA")


def edge_colour(image: Image.Image) -> tuple[int, int, int]:
    """The most frequent opaque colour on the image's border, or white if there is none."""
    width, height = image.size
    border = [(x, y) for x in range(width) for y in (0, height - 1)]
    border += [(x, y) for y in range(1, height - 1) for x in (0, width - 1)]
    pixels = (image.getpixel(point) for point in border)
    opaque = Counter(pixel[:3] for pixel in pixels if pixel[3] == 255)
    return opaque.most_common(1)[0][0] if opaque else WHITE


def ico_bytes(svg: str) -> bytes:
    frames = [render(svg, size) for size in ICO_SIZES]  # each size drawn for itself
    out = io.BytesIO()
    frames[-1].save(out, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1])
    return out.getvalue()


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def touch_icon_bytes(svg: str) -> bytes:
    from PIL import Image

    image = render(svg, TOUCH_SIZE)
    flat = Image.new("RGB", image.size, edge_colour(image))
    flat.paste(image, mask=image)
    return png_bytes(flat)


def renderers(svg: str) -> dict[str, Callable[[], bytes]]:
    """How each icon is made from the SVG's text, by file name."""
    return {
        ICO_NAME: lambda: ico_bytes(svg),
        PNG_NAME: lambda: png_bytes(render(svg, PNG_SIZE)),
        TOUCH_NAME: lambda: touch_icon_bytes(svg),
    }


def cache_key(svg: str) -> str:
    """Everything the icons' bytes depend on: the SVG, this code, resvg and Pillow."""
    digest = hashlib.sha256(svg.encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(f"{version('resvg_py')} {version('pillow')}".encode())
    return f"icons-{digest.hexdigest()[:20]}"


def _write(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def run(job: Job) -> str:
    """Write the icons of the built site in job.site_dir; return a one-line summary."""
    site, site_dir = job.site, job.site_dir
    started = time.perf_counter()
    svg_path = favicon(site)
    if svg_path is None:
        return "Icons: the favicon is not an SVG file; nothing to render"
    source = site_dir / svg_path
    if not source.is_file():
        raise FileNotFoundError(f"{source}: the favicon (theme.favicon) is not in the site")
    svg = source.read_text(encoding="utf-8")
    targets = outputs(svg_path)
    key = cache_key(svg)
    for name, make in renderers(svg).items():
        _write(site_dir / targets[name], cached(f"{key}-{name}", make))
    names = ", ".join(str(path) for path in targets.values())
    return f"Icons from {svg_path}: {names}; {time.perf_counter() - started:.2f} s"
