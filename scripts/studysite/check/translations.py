"""Translation rules: I18N001 (missing page), I18N002 (structure), I18N003 (freshness).

Freshness without git history: when a translator brings a translation up to date, the
translation records a fingerprint of its source page in its front matter:

    ---
    source_hash: 3f2a9c1e4b7d5a60
    ---

`studysite check --mark-translated docs/athena.en.md` writes it. When the source page changes,
its fingerprint no longer matches and I18N003 says the translation is older than its source.
A shallow clone or a tarball carries the fingerprint with the file. The fingerprint covers the
source's whole text but its revision stamp (revisions.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..model import Site
from .document import Document, meta
from .findings import Problem

STAMP_KEY = "source_hash"
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def missing_pages(
    pages: dict[PurePosixPath, tuple[str, PurePosixPath]], site: Site
) -> Iterator[tuple[PurePosixPath, str, PurePosixPath]]:
    """I18N001: (page, missing language, expected path) for every page lacking a language."""
    by_source: dict[PurePosixPath, dict[str, PurePosixPath]] = {}
    for page, (lang, source) in pages.items():
        by_source.setdefault(source, {})[lang] = page
    for source, present in sorted(by_source.items()):
        anchor = present.get(site.codes[0]) or next(iter(sorted(present.values())))
        for lang in site.codes:
            if lang not in present:
                yield anchor, lang, site.translation_source(source, lang)


def structure_problems(
    source: Document, translation: Document, source_name: str
) -> Iterator[Problem]:
    """I18N002: headings (count, levels, order, explicit ids), review question ids (studysite.
    questions) and image count must match."""
    for index, (a, b) in enumerate(zip(source.headings, translation.headings, strict=False)):
        if a.level != b.level:
            yield Problem(
                "I18N002",
                b.line,
                b.column,
                f"heading {index + 1} is level {b.level}; in {source_name} it is level "
                f"{a.level} ({a.text!r})",
            )
            return
        if a.id and b.id and a.id != b.id:
            yield Problem(
                "I18N002",
                b.line,
                b.column,
                f"heading {index + 1} has id #{b.id}; in {source_name} it is #{a.id}",
            )
            return
    if len(source.headings) != len(translation.headings):
        extra = translation.headings[len(source.headings) :]
        line, column = (extra[0].line, extra[0].column) if extra else (1, 1)
        yield Problem(
            "I18N002",
            line,
            column,
            f"{len(translation.headings)} headings; {source_name} has {len(source.headings)}",
        )
    theirs = [q.id for q in source.questions]
    ours = [q.id for q in translation.questions]
    if theirs != ours:
        where = next(
            (q for q, id_ in zip(translation.questions, theirs, strict=False) if q.id != id_),
            translation.questions[-1] if translation.questions else None,
        )
        yield Problem(
            "I18N002",
            where.line if where else 1,
            1,
            f"review questions {ours}; {source_name} has {theirs} (same ids, same order)",
        )
    if len(source.images) != len(translation.images):
        yield Problem(
            "I18N002",
            1,
            1,
            f"{len(translation.images)} images; {source_name} has {len(source.images)}",
        )


def recorded_hash(document: Document) -> str | None:
    """The source fingerprint recorded in a translation's front matter, if any."""
    value = meta(document).get(STAMP_KEY)
    return str(value) if value is not None else None


def stamp(text: str, source_hash: str) -> str:
    """Return a translation's text with its front matter recording source_hash."""
    return set_front_matter(text, {STAMP_KEY: source_hash})


def set_front_matter(text: str, values: dict[str, str]) -> str:
    """Return text with each `key: value` of values set in its front matter (added at its
    end, or replacing the key's line), everything else as it was; a page without front
    matter gets one, followed by a blank line.

    A line edit rather than a YAML round trip, which would reorder and restyle the author's
    front matter.
    """
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        lines = "".join(f"{key}: {value}\n" for key, value in values.items())
        return f"---\n{lines}---\n\n{text}"
    # group(1) is None for an empty front matter: insert after the opening line.
    start = match.start(1) if match.group(1) is not None else text.index("\n") + 1
    end = match.end(1) if match.group(1) is not None else start
    body = text[start:end]
    for key, value in values.items():
        line = f"{key}: {value}"
        pattern = re.compile(rf"^{re.escape(key)}[ \t]*:.*$", re.MULTILINE)
        if pattern.search(body):
            body = pattern.sub(lambda _match, line=line: line, body, count=1)
        else:
            body += line + "\n"
    return text[:start] + body + text[end:]
