"""Benchmark: clean build time and the first-view weight of every page, in both languages.

    python scripts/bench.py [--runs N]

The build is timed cold (empty font cache, as on a new machine) and warm (font cache kept, as
on a developer's machine). The weight of a page is every byte its first view fetches, compressed
as a static server sends it (see pageweight.py); the budget is 300 KB.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from browser import chromium
from build_pdf import nav_slugs
from docscheck.config import load_yaml
from pageweight import Transfer, first_view, total_sent
from pypdf import PdfReader
from staticserver import serve

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUDGET_KB = 300
KINDS = {
    "text/html": "html",
    "text/css": "css",
    "text/javascript": "js",
    "application/javascript": "js",
    "font/woff2": "font",
    "image/svg+xml": "image",
    "image/png": "image",
    "application/json": "search",
}


def build(site_dir: Path, font_cache: Path) -> float:
    """Build the site into site_dir with --strict; return the wall time in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WEBFONT_CACHE": str(font_cache)}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout}{result.stderr}")
    return elapsed


def time_builds(site_dir: Path, font_cache: Path, runs: int) -> tuple[float, float]:
    """(cold, warm median) clean-build times; the font cache starts empty."""
    cold = build(site_dir, font_cache)
    warm = [build(site_dir, font_cache) for _ in range(runs)]
    return cold, statistics.median(warm)


def time_pdfs(site_dir: Path) -> None:
    """PDF book build time per language, on the site just built."""
    from build_pdf import build_book
    from docscheck.config import load_config

    config_file = PROJECT_DIR / "mkdocs.yml"
    checker_config, config = load_config(config_file), load_yaml(config_file)
    print("\nPDF books (scripts/build_pdf.py, WeasyPrint):")
    for lang in checker_config.languages:
        prefix = "" if lang == checker_config.default_language else f"{lang}/"
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            out = build_book(site_dir, config, lang, prefix)
        elapsed = time.perf_counter() - started
        pages, size = len(PdfReader(out).pages), out.stat().st_size / 1024
        print(f"  {lang}: {elapsed:.2f} s, {pages} pages, {size:.0f} KB")


def by_kind(transfers: list[Transfer]) -> dict[str, int]:
    sizes: dict[str, int] = defaultdict(int)
    for transfer in transfers:
        sizes[KINDS.get(transfer.content_type, "other")] += transfer.sent
    return sizes


def print_weights(site_dir: Path) -> bool:
    """Print the weight table; return whether every page is within the budget."""
    columns = ("html", "css", "js", "font", "image", "search", "other")
    header = f"{'page':<26}" + "".join(f"{c:>8}" for c in columns) + f"{'total':>9}"
    print(f"\nFirst-view weight, KB compressed (budget {BUDGET_KB} KB)")
    print(header)
    print("-" * len(header))
    worst = 0
    with serve(site_dir) as base_url, chromium() as browser:
        slugs = nav_slugs(load_yaml(PROJECT_DIR / "mkdocs.yml")["nav"])
        for prefix in ("", "en/"):
            for slug in slugs:
                path = prefix + (f"{slug}/" if slug else "")
                transfers = first_view(browser, base_url + path)
                sizes = by_kind(transfers)
                total = total_sent(transfers)
                worst = max(worst, total)
                print(
                    f"{'/' + path:<26}"
                    + "".join(f"{sizes.get(c, 0) / 1024:>8.1f}" for c in columns)
                    + f"{total / 1024:>9.1f}"
                )
    print(f"\nHeaviest page: {worst / 1024:.1f} KB of {BUDGET_KB} KB")
    return worst <= BUDGET_KB * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="warm builds to time (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        print("Timing clean builds (mkdocs build --strict, both languages)...", flush=True)
        cold, warm = time_builds(site_dir, Path(tmp) / "font-cache", args.runs)
        print(f"Clean build, cold font cache: {cold:.2f} s")
        print(f"Clean build, warm font cache: {warm:.2f} s (median of {args.runs})")
        time_pdfs(site_dir)
        within = print_weights(site_dir)
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
