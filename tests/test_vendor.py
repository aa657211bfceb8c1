"""The browser libraries the site ships, vendored from their pinned npm packages (make vendor):
ts-fsrs, the spaced-repetition scheduler of the practice engine. The copy is the package's
built file byte for byte, with its licence, and it schedules as FSRS does."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import missing
from studysite import PROJECT_DIR
from studysite.node import NODE_MODULES, node

VENDOR = PROJECT_DIR / "overrides" / "javascripts" / "vendor"
COPIES = {  # vendored file -> its file in the package
    "ts-fsrs.umd.js": NODE_MODULES / "ts-fsrs" / "dist" / "index.umd.js",
    "ts-fsrs.LICENSE": NODE_MODULES / "ts-fsrs" / "LICENSE",
}


@pytest.mark.parametrize("name", COPIES)
def test_the_vendored_file_is_the_pinned_packages(name: str) -> None:
    package = COPIES[name]
    if not package.is_file():
        missing("ts-fsrs is not installed (npm; make installs it into node_modules)")
    assert (VENDOR / name).read_bytes() == package.read_bytes(), f"run make vendor: {name}"


def test_the_package_is_pinned_exactly() -> None:
    pinned = json.loads((PROJECT_DIR / "package.json").read_text("utf-8"))["devDependencies"]
    installed = NODE_MODULES / "ts-fsrs" / "package.json"
    if not installed.is_file():
        missing("ts-fsrs is not installed (npm; make installs it into node_modules)")
    assert pinned["ts-fsrs"] == json.loads(installed.read_text("utf-8"))["version"]
    assert pinned["ts-fsrs"][0].isdigit()  # an exact version, no range
    assert "MIT License" in (VENDOR / "ts-fsrs.LICENSE").read_text("utf-8")


SCHEDULE = """
const FSRS = require(process.argv[1]);
const now = new Date("2026-12-01T00:00:00Z");
const scheduler = FSRS.fsrs();
const card = FSRS.createEmptyCard(now);
const next = (rating) => scheduler.next(card, now, rating).card;
const days = (c) => (c.due - now) / 86400000;
console.log(JSON.stringify({
  again: days(next(FSRS.Rating.Again)), good: days(next(FSRS.Rating.Good)),
  easy: days(next(FSRS.Rating.Easy)), reps: next(FSRS.Rating.Good).reps,
}));
"""


def test_the_vendored_scheduler_schedules() -> None:
    """Loaded from the vendored file, as the site will: a new card answered Again comes back
    soonest and Easy latest, and the review is counted."""
    executable = node()
    if executable is None:
        missing("Node.js is not installed (make system-deps)")
    result = subprocess.run(
        [str(executable), "-e", SCHEDULE, str(VENDOR / "ts-fsrs.umd.js")],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout)
    assert 0 <= found["again"] < found["good"] < found["easy"] and found["reps"] == 1
