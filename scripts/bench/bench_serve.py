"""Benchmark: a page saved under `mkdocs serve`, until the browser shows it reloaded.

    python scripts/bench/bench_serve.py [--saves N] [--page SOURCE]     (make bench)

Serves a copy of the docs (the project's own files are never touched) with the project's
configuration, as `make serve` does, once with the project's hooks and once made stock
(bench_hooks.made_stock). For each, a browser opens the page; then, N times, the page's
source is saved with one word changed, and the time from the save to the reloaded page's
`load` event is taken, the new word checked on it. Prints the medians (the goal is 3 s).
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench_hooks import made_stock
from playwright.sync_api import Error as PlaywrightError

from studysite import PROJECT_DIR
from studysite.mkdocs_cli import command, environment, relocated
from studysite.model import project_site
from studysite.probe.browser import chromium

GOAL_S = 3.0
STARTUP_TIMEOUT_S = 120
RELOAD_TIMEOUT_MS = 60_000
MARKER = "benchmark-edit"  # the word each save changes, in an HTML comment at the page's end


def project_config(project: Path, docs: Path, target: Path, stock: bool) -> Path:
    """project's mkdocs.yml made to read docs from `docs` (and made stock, if asked), written
    to target: its hooks and theme folder absolute (they stay the project's)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = made_stock(text) if stock else text
    target.write_text(relocated(text, project, docs), encoding="utf-8")
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> bool:
    """Whether the server at url answers before it exits or the start-up timeout."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while server.poll() is None and time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


@contextmanager
def served(config: Path, cwd: Path) -> Iterator[str]:
    """`mkdocs serve --livereload` of config; yields its URL once it answers."""
    port = free_port()
    args = [*command(), "serve", "--livereload", "--config-file", str(config)]
    args += ["--dev-addr", f"127.0.0.1:{port}"]
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            args, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=environment()
        )
        try:
            if not wait_until_up(url, server):
                log.seek(0)
                sys.exit(f"mkdocs serve did not start:\n{log.read().decode(errors='replace')}")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


def save(source: Path, word: str) -> None:
    """Save the page with its benchmark word changed (appended at first)."""
    text = source.read_text(encoding="utf-8")
    text = re.sub(rf"\n<!-- {MARKER} \S+ -->\n$", "\n", text)
    source.write_text(f"{text}\n<!-- {MARKER} {word} -->\n", encoding="utf-8")


def reload_times(url: str, source: Path, saves: int) -> list[float]:
    """Seconds from each save of source to the browser's reloaded page with it."""
    times: list[float] = []
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto(url, wait_until="load")
        for index in range(saves):
            word = f"w{index}-{time.monotonic_ns()}"
            started = time.perf_counter()
            with tab.expect_event("load", timeout=RELOAD_TIMEOUT_MS):
                save(source, word)
            times.append(time.perf_counter() - started)
            shown = "word => document.documentElement.outerHTML.includes(word)"
            try:  # a second reload may follow the first: the check waits it out
                tab.wait_for_function(shown, arg=word, timeout=RELOAD_TIMEOUT_MS)
            except PlaywrightError:
                sys.exit(f"the reloaded page does not show the save ({word})")
            tab.wait_for_timeout(500)  # the server settles before the next save
    return times


def measure(page: str, saves: int, stock: bool) -> float:
    """Median seconds from save to reload, with the project's hooks or made stock."""
    site = project_site()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        shutil.copytree(site.docs_dir, docs)
        config = project_config(PROJECT_DIR, docs, Path(tmp) / "mkdocs.yml", stock)
        lang = site.default_language.code
        with served(config, PROJECT_DIR) as url:
            times = reload_times(url + site.page(page)[lang].url, docs / page, saves)
    print(f"  {'stock' if stock else 'project'}: " + " ".join(f"{t:.2f}" for t in times))
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=5, help="saves to time (default 5)")
    parser.add_argument("--page", help="the page saved (default: the first after the home page)")
    args = parser.parse_args()
    if args.page is None:
        site = project_site()
        args.page = site.pages[1][site.default_language.code].source
    print(f"Timing a save of {args.page} under mkdocs serve, until the browser reloads...")
    ours = measure(args.page, args.saves, stock=False)
    stock = measure(args.page, args.saves, stock=True)
    verdict = "met" if ours <= GOAL_S else "NOT met"
    print(f"Save to reload: {ours:.2f} s   stock: {stock:.2f} s   (medians of {args.saves})")
    print(f"Goal <= {GOAL_S:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
