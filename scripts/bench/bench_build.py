"""Benchmark: clean build time, PDF time and the first-view weight of every page, per language.

    python scripts/bench/bench_build.py [--runs N]        (make bench)

The build is timed cold (empty font cache, as on a new machine) and warm (font cache kept, as
on a developer's machine), median of N. The weight of a page is every byte its first view
fetches, compressed as a static server sends it (studysite.probe.page). The budget, 150 KB,
counts what the first screen asks for: HTML, CSS, JS, fonts and the search index (which
waits for the reader: search-on-demand.js); images are listed apart.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from pypdf import PdfReader

from studysite import PROJECT_DIR
from studysite.mkdocs_cli import build
from studysite.model import Site, project_site
from studysite.probe.browser import chromium
from studysite.probe.page import FIRST_VIEW_BUDGET, Transfer, budgeted, first_view, total_sent
from studysite.probe.server import serve

BUDGET_KB = FIRST_VIEW_BUDGET // 1024
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


def timed_build(site_dir: Path, font_cache: Path) -> float:
    """Build the site into site_dir with --strict; return the wall time in seconds."""
    started = time.perf_counter()
    result = build(site_dir, PROJECT_DIR, WEBFONT_CACHE=str(font_cache), PDF="false")
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout}{result.stderr}")
    return elapsed


def time_builds(site_dir: Path, font_cache: Path, runs: int) -> tuple[float, float]:
    """(cold, warm median) clean-build times; the font cache starts empty."""
    cold = timed_build(site_dir, font_cache)
    warm = [timed_build(site_dir, font_cache) for _ in range(runs)]
    return cold, statistics.median(warm)


def time_pdfs(site: Site, site_dir: Path) -> None:
    """PDF book build time per language, on the site just built."""
    from studysite.steps.pdf import build_book

    print("\nPDF books (studysite pdf, WeasyPrint):")
    for lang in site.codes:
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            out = build_book(site, site_dir, lang)
        elapsed = time.perf_counter() - started
        pages, size = len(PdfReader(out).pages), out.stat().st_size / 1024
        print(f"  {lang}: {elapsed:.2f} s, {pages} pages, {size:.0f} KB")


def by_kind(transfers: list[Transfer]) -> dict[str, int]:
    sizes: dict[str, int] = defaultdict(int)
    for transfer in transfers:
        sizes[KINDS.get(transfer.content_type, "other")] += transfer.sent
    return sizes


def print_weights(site: Site, site_dir: Path) -> bool:
    """Print the weight table; return whether every page is within the budget."""
    columns = ("html", "css", "js", "font", "image", "search", "other")
    header = f"{'page':<26}" + "".join(f"{c:>8}" for c in columns) + f"{'budget':>9}"
    print(f"\nFirst-view weight, KB compressed (budget {BUDGET_KB} KB: all but images)")
    print(header)
    print("-" * len(header))
    worst = 0
    with serve(site_dir) as base_url, chromium() as browser:
        for lang in site.codes:
            for page in site.pages:
                transfers = first_view(browser, base_url + page[lang].url).transfers
                sizes = by_kind(transfers)
                total = total_sent(budgeted(transfers))
                worst = max(worst, total)
                print(
                    f"{page[lang].path:<26}"
                    + "".join(f"{sizes.get(c, 0) / 1024:>8.1f}" for c in columns)
                    + f"{total / 1024:>9.1f}"
                )
    print(f"\nHeaviest page: {worst / 1024:.1f} KB of {BUDGET_KB} KB")
    return worst <= BUDGET_KB * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="warm builds to time (default 3)")
    args = parser.parse_args()
    site = project_site()
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        print("Timing clean builds (mkdocs build --strict, both languages)...", flush=True)
        cold, warm = time_builds(site_dir, Path(tmp) / "font-cache", args.runs)
        print(f"Clean build, cold font cache: {cold:.2f} s")
        print(f"Clean build, warm font cache: {warm:.2f} s (median of {args.runs})")
        time_pdfs(site, site_dir)
        within = print_weights(site, site_dir)
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
