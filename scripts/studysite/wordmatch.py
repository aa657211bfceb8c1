"""Finding many names in text at once, as whole words: one pattern of alternatives, with
the word boundary on the left tested in Python (the terms' tooltips and the spelling rule).

Why by hand: a look-behind in each of a few hundred alternatives makes Python's regex engine
slow to compile the pattern (0.3 s) and to run it (every branch is tried at every position).
Written so that each alternative starts with its first character as a literal or a
two-letter class, the engine skips at once the branches that cannot start at a position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def words(text: str) -> str:
    """text as a pattern in which any run of white space matches any other."""
    lead = r"\s+" if text[:1].isspace() else ""
    return lead + r"\s+".join(re.escape(word) for word in text.split())


def alternative(name: str, ignore_case: bool) -> str:
    """name as a pattern that starts with its first character (either case if ignore_case):
    the engine's fast test of a branch's first character needs a literal or a class there."""
    first, rest = name[0], words(name[1:])
    if ignore_case and first.lower() != first.upper():
        head = f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
    else:
        head = re.escape(first)
    if ignore_case and rest:
        rest = f"(?i:{rest})"
    return head + rest


def bounded(
    pattern: re.Pattern[str],
    text: str,
    word: re.Pattern[str],
    start: int = 0,
    end: int | None = None,
) -> Iterator[re.Match[str]]:
    """pattern's matches in text[start:end] that do not go on from a word on their left
    (`word` matches one character of a word). Every alternative that matches at a position
    begins with the same character, so a match refused for its left side refuses them all,
    and the search goes on at the next position, as a look-behind in each would."""
    end = len(text) if end is None else end
    while (match := pattern.search(text, start, end)) is not None:
        at = match.start()
        if at > 0 and word.match(text, at) and word.match(text, at - 1):
            start = at + 1
            continue
        yield match
        start = max(match.end(), at + 1)
