"""Headless Chromium for tests and tools: Debian's chromium driven by Playwright.

`playwright install` cannot download browsers here, so we always launch an installed
executable (CHROMIUM, default /usr/bin/chromium).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium phones home at start-up (update checks,
# component downloads), which a closed network refuses and which the tests would count.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--allow-file-access-from-files",
]


def chromium_path() -> Path | None:
    """The Chromium executable to use, or None when it is not installed."""
    path = Path(os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM)
    return path if path.is_file() and os.access(path, os.X_OK) else None


@contextmanager
def chromium() -> Iterator[Browser]:
    """Launch headless Chromium; raise RuntimeError naming the package when it is missing."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(
            "Chromium not found: install the Debian package 'chromium' "
            "(make system-deps does it as root) or set CHROMIUM=/path/to/chromium"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(path), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
