"""Work in parallel processes, safely from inside MkDocs: one pool recipe for the checker and
the steps."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

# Imported once by the fork server, so that each worker it forks has them already: what the
# checker's workers run (parsing a page). The steps' workers import their own (fontTools...).
PRELOAD = ["studysite.reading.document"]


def cpus() -> int:
    """The CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """Workers that never inherit a threaded parent: under `mkdocs serve` the parent has
    threads (file watcher, server), and forking a threaded process can deadlock. A fork server
    (a fresh, single-threaded process that forks the workers) where the platform has one, so
    that a worker starts in milliseconds with PRELOAD imported; else a fresh interpreter per
    worker (spawn), which re-imports everything the worker needs."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers start fresh (see _context)."""
    return ProcessPoolExecutor(workers, mp_context=_context())
