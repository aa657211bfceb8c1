"""What a post-build step is given: one signature for every step, `run(job) -> str` (a
one-line summary). The hook and the `studysite` commands make the Job; registry.py lists
the steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import Site


@dataclass(frozen=True)
class Job:
    site: Site  # the site model (mkdocs.yml)
    site_dir: Path  # the built site the step works on (the offline step: the offline build)
    progress: Callable[[str], None] = print  # progress lines of long steps (the PDF books)
    languages: tuple[str, ...] = ()  # the PDF books to write; () for every built language
    main_site: Path | None = None  # where the offline zip goes; None: the configured site_dir
    serving: bool = False  # under `mkdocs serve` (which injects its live-reload script)
