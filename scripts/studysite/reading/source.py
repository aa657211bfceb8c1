"""Reading a page: UTF-8 (with or without BOM, LF or CRLF), or a clear ENC001 finding."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """A decoded page. Line endings are LF; columns count characters, as editors do."""

    path: Path
    text: str


class DecodeFailure(Exception):
    """The file is not valid UTF-8. `position` is where decoding failed (line, column)."""

    def __init__(self, guess: str | None, line: int, column: int) -> None:
        self.guess = guess
        self.line = line
        self.column = column
        super().__init__(guess, line, column)  # all args: it must pickle (worker processes)


def guess_encoding(data: bytes) -> str | None:
    """The encoding the bytes most likely are in (e.g. 'cp949'), via charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def _failure_position(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of the byte offset where UTF-8 decoding failed."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, column


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 with an optional BOM; CRLF/CR become LF. Raise DecodeFailure."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _failure_position(data, error.start)
        raise DecodeFailure(guess_encoding(data), line, column) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path) -> Source:
    return Source(path, decode(path.read_bytes()))


def content_hash(text: str) -> str:
    """A stable fingerprint of a page's text (NFC, LF), for translation freshness."""
    normalized = unicodedata.normalize("NFC", text)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]
