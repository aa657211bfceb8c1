"""Benchmark: what the project's pipeline costs a build, against stock MkDocs + Material.

    python scripts/bench/bench_hooks.py [--runs N]        (make bench)

Times, side by side and alternating (the machine's noise falls on both), a clean
`mkdocs build --strict` of the project and of the same configuration made stock: `hooks: []`
(no checker gate, no terms, no questions, no post-build steps) and plain `abbr` in place of
`studysite.tooltips`. Prints the medians and their ratio (the goal is at most 1.3).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from studysite import PROJECT_DIR
from studysite.mkdocs_cli import mkdocs, relocated

GOAL = 1.3


def made_stock(text: str) -> str:
    """A mkdocs.yml's text with no hooks and no tooltips extension. A text edit, not a YAML
    round trip: the file holds !ENV and !!python tags that a dump would not keep."""
    text = re.sub(r"(?m)^hooks:\n(?:(?:  .*)?\n)*", "hooks: []\n", text, count=1)
    return re.sub(r"(?m)^  - studysite\.tooltips\n", "", text)


def stock_config(project: Path, target: Path) -> Path:
    """project's mkdocs.yml made stock, written to target (its relative paths made absolute,
    as it lives elsewhere)."""
    text = made_stock((project / "mkdocs.yml").read_text(encoding="utf-8"))
    target.write_text(relocated(text, project, project / "docs"), encoding="utf-8")
    return target


def timed(config: Path | None, site_dir: Path) -> float:
    """Seconds of one clean strict build (of config, else the project's)."""
    args = ["build", "--strict", "--clean", "--site-dir", str(site_dir)]
    if config is not None:
        args += ["--config-file", str(config)]
    started = time.perf_counter()
    result = mkdocs(*args, cwd=PROJECT_DIR, env={"PDF": "false"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed ({config or 'mkdocs.yml'}):\n{result.stdout}{result.stderr}")
    return elapsed


def compare(runs: int) -> tuple[float, float]:
    """(project, stock) median build seconds, alternating runs after one warm-up each."""
    with tempfile.TemporaryDirectory() as tmp:
        stock = stock_config(PROJECT_DIR, Path(tmp) / "mkdocs.stock.yml")
        site_dir = Path(tmp) / "site"
        timed(None, site_dir), timed(stock, site_dir)  # warm the font cache and the disk
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(runs):
            ours.append(timed(None, site_dir))
            theirs.append(timed(stock, site_dir))
    return statistics.median(ours), statistics.median(theirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds of each to time (default 3)")
    args = parser.parse_args()
    print("Timing the project's build against stock (hooks: [], plain abbr)...", flush=True)
    ours, stock = compare(args.runs)
    ratio = ours / stock
    print(f"Project build: {ours:.2f} s   stock: {stock:.2f} s   (medians of {args.runs})")
    print(f"Ratio: {ratio:.2f}x (goal <= {GOAL}x: {'met' if ratio <= GOAL else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
