"""Screenshots of built pages, for reviewing the look of the site by eye.

    python scripts/screenshots.py SITE_DIR OUT_DIR [PATH ...]

Each PATH (default: the home page and the Redshift page in both languages) is shot at
1280 px (desktop) and 375 px (mobile) wide, full page, in light mode.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from browser import chromium
from staticserver import serve

DEFAULT_PATHS = ("", "redshift/", "en/", "en/redshift/")
WIDTHS = {"desktop": (1280, 900), "mobile": (375, 812)}


def shoot(site_dir: Path, out_dir: Path, paths: list[str], full_page: bool) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site_dir) as base_url, chromium() as browser:
        for name, (width, height) in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme="light"
            )
            page = context.new_page()
            for path in paths:
                page.goto(base_url + path.lstrip("/"), wait_until="networkidle")
                page.evaluate("document.fonts.ready")
                slug = path.strip("/").replace("/", "-") or "home"
                target = out_dir / f"{slug}-{name}.png"
                page.screenshot(path=str(target), full_page=full_page)
                written.append(target)
            context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    parser.add_argument("--viewport-only", action="store_true", help="not the full page")
    args = parser.parse_args()
    for path in shoot(args.site_dir, args.out_dir, args.paths, not args.viewport_only):
        print(path)


if __name__ == "__main__":
    main()
