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

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..model import Site
from ..reading.document import Document
from ..reading.frontmatter import set_front_matter
from .context import PageFile, Tree
from .findings import FileProblem, Problem
from .revisions import translation_fingerprint

STAMP_KEY = "source_hash"


def missing(tree: Tree) -> Iterator[FileProblem]:
    """I18N001: a page without its page in another built language."""
    if len(tree.languages) < 2:
        return
    languages = {page: (f.lang, f.source) for page, f in tree.pages.items()}
    for path in tree.undecodable:  # present, though unreadable (ENC001)
        page = PurePosixPath(path.relative_to(tree.docs_dir).as_posix())
        languages[page] = tree.site.source_language(page)
    for page, lang, expected in missing_pages(languages, tree.site):
        yield (
            tree.docs_dir / page,
            Problem("I18N001", 1, 1, f"no {lang} page: {expected} is missing"),
        )


def _translations(tree: Tree) -> Iterator[tuple[PageFile, PageFile]]:
    """(translation, its source page) for every translation whose source was read."""
    if len(tree.languages) < 2:
        return
    for page in tree.pages.values():
        source = tree.pages.get(page.source)
        if page.lang != tree.default_language and source is not None:
            yield page, source


def structure(tree: Tree) -> Iterator[FileProblem]:
    """I18N002: a translation's structure differs from its source's."""
    for page, source in _translations(tree):
        for problem in structure_problems(source.document, page.document, source.page.name):
            yield page.path, problem


def freshness(tree: Tree) -> Iterator[FileProblem]:
    """I18N003: a translation not marked up to date with its source's current text."""
    for page, source in _translations(tree):
        recorded = recorded_hash(page)
        if recorded == translation_fingerprint(source.text):
            continue
        why = (
            f"{source.page.name} changed since this translation was marked up to date"
            if recorded
            else f"not marked as a translation of {source.page.name} ({STAMP_KEY} missing)"
        )
        command = tree.command("check", "--mark-translated", tree.display(page.path))
        yield page.path, Problem("I18N003", 1, 1, f"{why}; update it, then run: {command}")


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


def recorded_hash(page: PageFile) -> str | None:
    """The source fingerprint recorded in a translation's front matter, if any."""
    field = page.field(STAMP_KEY)
    return str(field.value) if field is not None and field.value is not None else None


def stamp(text: str, source_hash: str) -> str:
    """Return a translation's text with its front matter recording source_hash."""
    return set_front_matter(text, {STAMP_KEY: source_hash})
