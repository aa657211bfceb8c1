"""Work in parallel processes, safely from inside MkDocs: one pool recipe for the steps."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def cpus() -> int:
    """The CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def pool(workers: int) -> ProcessPoolExecutor:
    """A process pool that starts its workers fresh (spawn): under `mkdocs serve` the parent
    has threads (file watcher, server), and forking a threaded process can deadlock."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
