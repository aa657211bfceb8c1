"""Shared fixtures: one strict build of the site per test session, a static server for it,
and headless Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

PROJECT_DIR = Path(__file__).resolve().parent.parent
DOCS_DIR = PROJECT_DIR / "docs"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


class BuiltSite:
    """A built site directory and the log of the build that made it."""

    def __init__(self, root: Path, log: str) -> None:
        self.root = root
        self.log = log
        self._soups: dict[str, BeautifulSoup] = {}

    def soup(self, relative: str) -> BeautifulSoup:
        if relative not in self._soups:
            html = (self.root / relative).read_text(encoding="utf-8")
            self._soups[relative] = BeautifulSoup(html, "html.parser")
        return self._soups[relative]


def build_site(site_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` into site_dir, as `make build` does."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT_DIR,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return BuiltSite(site_dir, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def base_url(site: BuiltSite) -> Iterator[str]:
    from staticserver import serve

    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium. Missing browser: skip on a workstation, fail in CI (CI=true)."""
    from browser import chromium, chromium_path

    if chromium_path() is None:
        message = "Chromium is not installed (Debian package 'chromium'; run make system-deps)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    with chromium() as instance:
        yield instance
