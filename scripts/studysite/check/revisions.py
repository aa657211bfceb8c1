"""Revision stamps: REV001 (a page's stamp is missing or older than its text).

A page records when its content last changed in its front matter, so that the sitemap can
tell search engines (`<lastmod>`, overrides/sitemap.xml) without git history, the way
translations record their source's fingerprint (translations.py):

    ---
    revised: 2026-11-24
    revised_hash: 3f2a9c1e4b7d5a60
    ---

`revised_hash` is a fingerprint of the page's body, the text after the front matter, so
writing the stamp never makes the stamp stale, and neither does editing other front matter.
`studysite check --mark-revised docs/athena.md` writes it (today's date, UTC, or
SOURCE_DATE_EPOCH's); it leaves a page whose stamp is still right as it is, so running it
over every page only moves the dates of the pages that changed. `--mark-translated` stamps
the translation too: bringing a translation up to date is a revision.

The translation fingerprint (I18N003) leaves these lines out of the source's text: stamping
a Korean page must not make its English page look out of date.

Only sites with a `site_url` have a sitemap with their pages (MkDocs lists none without
one), so only they get REV001.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..reading.frontmatter import FRONT_MATTER_RE, set_front_matter
from ..reading.source import content_hash
from .context import PageFile, Tree
from .findings import Problem

DATE_KEY = "revised"
HASH_KEY = "revised_hash"
KEYS = (DATE_KEY, HASH_KEY)
# A stamp line inside the front matter: `revised: 2026-11-24`, quoted or not.
_LINE_RE = {
    key: re.compile(rf"^{key}[ \t]*:[ \t]*['\"]?([^'\"\n]*?)['\"]?[ \t]*$", re.MULTILINE)
    for key in KEYS
}
_STAMP_LINES_RE = re.compile(rf"^(?:{'|'.join(KEYS)})[ \t]*:.*\n", re.MULTILINE)


@dataclass(frozen=True)
class Revision:
    """What a page's stamp says and what its body is now (computed where it is parsed)."""

    date: str | None  # as recorded
    recorded: str | None  # the recorded body fingerprint
    current: str  # the body fingerprint now

    @property
    def valid_date(self) -> bool:
        try:
            dt.date.fromisoformat(self.date or "")
        except ValueError:
            return False
        return len(self.date or "") == 10  # YYYY-MM-DD, as the sitemap wants it

    @property
    def fresh(self) -> bool:
        return self.valid_date and self.recorded == self.current


def body(text: str) -> str:
    """The page without its front matter and the blank lines around its content."""
    match = FRONT_MATTER_RE.match(text)
    rest = text[match.end() :] if match else text
    return rest.lstrip("\n").rstrip()


def body_hash(text: str) -> str:
    return content_hash(body(text))


def revision(text: str) -> Revision:
    match = FRONT_MATTER_RE.match(text)
    front = (match.group(1) or "") if match else ""
    date, recorded = (_recorded(front, key) for key in KEYS)
    return Revision(date, recorded, body_hash(text))


def _recorded(front: str, key: str) -> str | None:
    found = _LINE_RE[key].search(front)
    return found.group(1) if found else None


def without_stamp(text: str) -> str:
    """The text as it was before its revision stamp was written (the inverse of stamp())."""
    match = FRONT_MATTER_RE.match(text)
    if match is None or match.group(1) is None:
        return text
    kept = _STAMP_LINES_RE.sub("", match.group(1))
    if kept == match.group(1):
        return text
    if not kept:  # the stamp was the whole front matter: stamp() added it and a blank line
        rest = text[match.end() :]
        return rest.removeprefix("\n")
    return text[: match.start(1)] + kept + text[match.end(1) :]


def translation_fingerprint(text: str) -> str:
    """A source page's fingerprint for I18N003: all of its text (front matter included, its
    description is translated too) except the revision stamp."""
    return content_hash(without_stamp(text))


def stamp_date() -> dt.date:
    """Today in UTC, or SOURCE_DATE_EPOCH's day (reproducible builds and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date()


def stamp(text: str, date: dt.date) -> str:
    """The text with a revision stamp of date, unless its stamp is still right."""
    current = revision(text)
    if current.fresh:
        return text
    return set_front_matter(text, {DATE_KEY: date.isoformat(), HASH_KEY: current.current})


def check_page(page: PageFile, tree: Tree) -> Iterator[Problem]:
    """REV001, on sites with a site_url: revision stamps feed the sitemap, which lists pages
    only on such a site."""
    current = revision(page.text)
    if tree.site.config.site_url and not current.fresh:
        command = tree.command("check", "--mark-revised", tree.display(page.path))
        yield stamp_problem(current, command)


def stamp_problem(current: Revision, command: str) -> Problem | None:
    """REV001 for a page whose stamp is missing, malformed or older than its body."""
    if current.fresh:
        return None
    if current.date is None and current.recorded is None:
        why = f"no revision stamp ({DATE_KEY}, {HASH_KEY} missing)"
    elif current.date is None:
        why = f"{DATE_KEY} missing"
    elif not current.valid_date:
        why = f"{DATE_KEY}: {current.date!r} is not a date (YYYY-MM-DD)"
    elif current.recorded is None:
        why = f"{HASH_KEY} missing"
    else:
        why = f"changed since its revision stamp ({DATE_KEY}: {current.date})"
    return Problem("REV001", 1, 1, f"{why}; run: {command}")
