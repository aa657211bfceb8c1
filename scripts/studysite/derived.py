"""Bytes derived from content, kept on disk under a key that names every input.

The font subsets, the icons and the pages' parses are pure functions of their inputs: a key
made of those inputs' hashes (the content, and the code and library versions that make the
bytes) names one result for ever, so an entry never goes stale. An input that changes makes
another key; entries left unused for a month are pruned.

Written here rather than with a caching library: what is needed is a dozen lines (atomic
writes, mtime as last use), and no cache package on the index keys by content alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from . import PROJECT_DIR

CACHE_ROOT = PROJECT_DIR / ".cache"
T = TypeVar("T")
MAX_AGE_DAYS = 30


def digest(parts: Iterable[bytes], length: int = 20) -> str:
    """The SHA-256 of the parts, in hex, cut to length."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part)
    return hashed.hexdigest()[:length]


def cached(directory: Path, key: str, make: Callable[[], bytes]) -> bytes:
    """The bytes stored under key (a file name) in directory, or make()'s, stored. The key
    must name everything the bytes depend on. A directory that cannot be written (a read-only
    checkout) only costs the time of making the bytes again."""
    path = directory / key
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        with contextlib.suppress(OSError):
            path.touch()  # recently used: kept when pruning
        return data
    data = make()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # A name of its own, then an atomic rename: parallel builds (serve and a test run)
        # never collide or read half a file.
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        pass
    return data


def cached_value(
    directory: Path,
    key: str,
    make: Callable[[], T],
    encode: Callable[[T], bytes],
    decode: Callable[[bytes], T],
) -> T:
    """make()'s value, from its bytes stored under key (cached) when there are any. A value
    just made is returned as made; an entry that does not decode (a damaged file) is made
    again."""
    made: list[T] = []

    def produce() -> bytes:
        made.append(make())
        return encode(made[0])

    data = cached(directory, key, produce)
    if made:
        return made[0]
    try:
        return decode(data)
    except Exception:  # what decode raises is its own: any failure means make it again
        return make()


def prune(directory: Path, max_age_days: float = MAX_AGE_DAYS) -> int:
    """Delete the entries of directory unused for max_age_days; return how many."""
    if not directory.is_dir():
        return 0
    cutoff = time.time() - max_age_days * 86400
    stale = [p for p in directory.iterdir() if p.is_file() and p.stat().st_mtime < cutoff]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)
