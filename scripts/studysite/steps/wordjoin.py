"""Keep Korean words whole in a PDF engine that ignores `word-break: keep-all`.

WeasyPrint breaks Hangul between any two syllables ("포맷입 / 니다"). Unicode's line-breaking
rules forbid a break on either side of U+2060 WORD JOINER, so we put one between every two
non-space characters of which one is Hangul, including across inline elements
(`<strong>엔진</strong>임`). The spaces between words stay the only break opportunities, as
with keep-all. WORD JOINER is invisible and not extracted as text. Code is left alone.
"""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag
from bs4.element import Comment, PreformattedString

from ..hangul import HANGUL, HANGUL_RE

WORD_JOINER = "\u2060"
# A position between two non-space characters where at least one of them is Hangul.
JOIN_RE = re.compile(
    rf"(?<=[{HANGUL}])(?=[^\s{WORD_JOINER}])|(?<=[^\s{WORD_JOINER}])(?=[{HANGUL}])"
)
SKIP_TAGS = frozenset({"pre", "code", "kbd", "script", "style", "svg", "math", "title"})


def _is_hangul(char: str) -> bool:
    return bool(HANGUL_RE.match(char))


def _skipped(node: NavigableString) -> bool:
    return isinstance(node, PreformattedString) or any(
        isinstance(parent, Tag) and parent.name in SKIP_TAGS for parent in node.parents
    )


def join_korean_words(root: Tag) -> int:
    """Insert word joiners inside root's Korean words; return how many text nodes changed."""
    changed = 0
    previous = " "  # last character of the text before the current node, in document order
    for node in list(root.find_all(string=True)):
        if isinstance(node, Comment):
            continue
        text = str(node)
        if _skipped(node):
            previous = " "
            continue
        if not text:
            continue
        joined = JOIN_RE.sub(WORD_JOINER, text)
        first = text[0]
        if (
            not first.isspace()
            and not previous.isspace()
            and (_is_hangul(first) or _is_hangul(previous))
        ):
            joined = WORD_JOINER + joined
        previous = text[-1]
        if joined != text:
            node.replace_with(NavigableString(joined))
            changed += 1
    return changed
