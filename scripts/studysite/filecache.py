"""A cache of what is derived from files, one entry per file: its latest version only.

`mkdocs serve` rebuilds for every save. A cache keyed on (path, modification time) would keep
every version of every file ever saved, for as long as the server runs. This one keeps, for
each path, the value of the version last asked for, and at most `size` paths (the least
recently used go first), so it is bounded by the tree, not by the number of saves.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from threading import Lock
from typing import Generic, TypeVar

T = TypeVar("T")


def version(path: Path) -> tuple[int, int]:
    """What identifies a file's version: modification time and size (an editor that saves
    twice within the clock's resolution still changes the size, mostly)."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


class FileCache(Generic[T]):
    """`get(path, make)`: make(path)'s value for the file's current version, made once. A
    `tag` names what else the value depends on (the languages a file was validated for): a
    value made for another tag is made again."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._entries: OrderedDict[Path, tuple[object, T]] = OrderedDict()
        self._lock = Lock()  # the hooks may be called from the server's threads

    def get(self, path: Path, make: Callable[[Path], T], tag: Hashable = None) -> T:
        key = (version(path), tag)
        with self._lock:
            entry = self._entries.get(path)
            if entry is not None and entry[0] == key:
                self._entries.move_to_end(path)
                return entry[1]
        value = make(path)
        with self._lock:
            self._entries[path] = (key, value)
            self._entries.move_to_end(path)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
