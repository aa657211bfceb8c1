"""Review questions: the collapsed `question` blocks of the pages, each with its id.

    ??? question "레드시프트에서 … 기능은 무엇입니까?" { #redshift-enhanced-vpc-routing }
        **향상된 VPC 라우팅(Enhanced VPC Routing)**
        ...

The id after the title (the heading attribute syntax) names the question on the whole site
and in both languages: the practice page is made from these blocks, and a learner's progress
is kept under the ids. pymdownx.details has no attribute syntax, so the hook
(hooks/page_questions.py) takes the id off before Markdown and puts it on the built
<details> as data-question-id.

Read line by line rather than with markdown-it: a question is one line plus its indented body,
and what the practice page needs is that body's source, verbatim.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

QUESTION_RE = re.compile(
    r'^(?P<indent>[ \t]*)(?P<marker>\?\?\?\+?)[ \t]+question\b(?P<classes>[^"\n]*)'
    r'"(?P<title>(?:[^"\\\n]|\\.)*)"'
    r"(?P<attrs>[ \t]*\{[ \t]*#(?P<id>[^\s}]*)[ \t]*\})?[ \t]*$",
    re.MULTILINE,
)
FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
HEADING_RE = re.compile(
    r"^(#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]*\{[^{}]*#(?P<id>[^\s}]+)[^{}]*\})?[ \t]*$"
)


@dataclass(frozen=True)
class Question:
    id: str | None  # None: written without `{ #id }`
    title: str  # as written between the quotes (Markdown)
    body: str  # the answer's Markdown, dedented
    line: int  # 1-based line of the `???` line
    section: str | None  # id of the heading it sits under


def _indent_width(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())


def _lines_outside_code(lines: list[str]) -> Iterator[int]:
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE_RE.match(line)
        if match:
            fence = None if fence == match.group(1) else (fence or match.group(1))
            continue
        if fence is None:
            yield index


def parse(text: str) -> list[Question]:
    """The question blocks of a page's source, in order."""
    lines = text.split("\n")
    questions: list[Question] = []
    section: str | None = None
    outside = list(_lines_outside_code(lines))
    for index in outside:
        line = lines[index]
        heading = HEADING_RE.match(line)
        if heading and not line.startswith(" "):
            section = heading.group("id") or section
            continue
        match = QUESTION_RE.match(line)
        if not match:
            continue
        width = _indent_width(match.group("indent"))
        body: list[str] = []
        for following in lines[index + 1 :]:
            if following.strip() and _indent_width(following) <= width:
                break
            body.append(following)
        while body and not body[-1].strip():
            body.pop()
        questions.append(
            Question(
                id=match.group("id"),
                title=match.group("title"),
                body=textwrap.dedent("\n".join(body)),
                line=index + 1,
                section=section,
            )
        )
    return questions


def strip_ids(text: str) -> tuple[str, list[str | None]]:
    """The page's Markdown without the questions' `{ #id }`, and the ids in order (None for a
    question written without one)."""
    ids: list[str | None] = []

    def strip(match: re.Match[str]) -> str:
        ids.append(match.group("id"))
        if match.group("attrs") is None:
            return match.group(0)
        return match.group(0)[: match.start("attrs") - match.start(0)]

    lines = text.split("\n")
    outside = set(_lines_outside_code(lines))
    for index in sorted(outside):
        if "question" in lines[index]:
            lines[index] = QUESTION_RE.sub(strip, lines[index])
    return "\n".join(lines), ids


DETAILS_RE = re.compile(r'<details class="question"')


def mark_ids(html: str, ids: list[str | None]) -> str:
    """Put each id on its question's <details> as data-question-id, in order."""
    found = iter(ids)

    def mark(match: re.Match[str]) -> str:
        question_id = next(found, None)
        if question_id is None:
            return match.group(0)
        return f'{match.group(0)} data-question-id="{question_id}"'

    return DETAILS_RE.sub(mark, html)
