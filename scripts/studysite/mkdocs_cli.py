"""Run MkDocs (or the generator GENERATOR names, as in the Makefile) as a command, the way `make`
does: one runner for the tests and the benchmarks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

GENERATORS = ("mkdocs", "properdocs")  # the supported one, and the declared fallback


def generator() -> str:
    """The site generator to run: GENERATOR, as the Makefile sets it (default mkdocs)."""
    name = os.environ.get("GENERATOR") or "mkdocs"
    if name not in GENERATORS:
        raise ValueError(f"GENERATOR={name}: use one of {', '.join(GENERATORS)}")
    return name


def command(*args: str) -> list[str]:
    """The command line of `mkdocs ARGS` (or of the GENERATOR), with this interpreter."""
    return [sys.executable, "-m", generator(), *args]


def environment(**env: str) -> dict[str, str]:
    """This process's environment plus env, with Material's end-of-life banner silenced
    (NO_MKDOCS_2_WARNING) as in the Makefile."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}


def mkdocs(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs ARGS` in cwd; capture its output; never raise."""
    return subprocess.run(
        command(*args),
        cwd=cwd,
        env=environment(**(env or {})),
        capture_output=True,
        text=True,
        check=False,
    )


def build(site_dir: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict --site-dir site_dir`, as `make build` runs it."""
    return mkdocs("build", "--strict", "--site-dir", str(site_dir), cwd=cwd, env=env)


def relocated(text: str, project: Path, docs: Path) -> str:
    """project's mkdocs.yml text, for a copy of it written elsewhere: its hooks and theme folder
    stay the project's (made absolute), its docs come from `docs`. A text edit, not a YAML
    round trip: the file holds !ENV and !!python tags that a dump would not keep."""
    text = re.sub(r"(?m)^(  - )(scripts/\S+\.py)$", lambda m: m[1] + str(project / m[2]), text)
    text = re.sub(r"(?m)^  custom_dir: .*$", f"  custom_dir: {project / 'overrides'}", text)
    return re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {docs}", text)
