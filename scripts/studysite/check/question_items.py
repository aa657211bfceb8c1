"""QST003-QST010: every review question is a well-formed exam item (studysite.questions), the
same item in every language.

- QST003: a stem (the quoted title) that is empty.
- QST004: fewer or more options than the item's kind takes (single answer: 4; multiple
  response: 5 or more).
- QST005: the wrong number of keyed options: none; or a multiple-response stem that does not
  say how many to choose, or says another number; or a single-answer stem that says one.
- QST006: an option without its explanation (a nested bullet under it).
- QST007: two options of one item with the same text.
- QST008: no domain, or one the exam does not have (questions.DOMAINS).
- QST009: no explaining link (`설명: [..](page.md#section)`), or a line of the body that is
  neither an option, its explanation, nor that link.
- QST010: a translation whose item differs from its source's in kind, domain, options (their
  number: an option's id is its letter) or keys. Ids themselves are I18N002's.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..questions import (
    CHOOSE,
    DOMAINS,
    MULTIPLE_OPTIONS,
    SINGLE_OPTIONS,
    Question,
    choose_phrase,
)
from .context import PageFile, Tree
from .findings import FileProblem, Problem


def check_page(page: PageFile, tree: Tree) -> Iterator[Problem]:
    for question in page.document.questions:
        yield from _stem_and_options(question, page.lang, question.stem_column)
        yield from _explanations(question)
        yield from _domain(question, question.attrs_column)
        yield from _format(question)


def _stem_and_options(question: Question, lang: str, column: int) -> Iterator[Problem]:
    line, count, keys = question.line, len(question.options), len(question.keys)
    if not question.stem.strip():
        yield Problem("QST003", line, column, "review question without a stem (its title)")
    if keys == 0:
        yield Problem("QST005", line, column, "no keyed option: mark the answer `- [x]`")
    elif keys == 1 and count != SINGLE_OPTIONS:
        yield Problem(
            "QST004",
            line,
            column,
            f"a single-answer item has {SINGLE_OPTIONS} options (`- [ ]`/`- [x]`); "
            f"this one has {count}",
        )
    elif keys >= 2 and count < MULTIPLE_OPTIONS:
        yield Problem(
            "QST004",
            line,
            column,
            f"a multiple-response item ({keys} keys) has at least {MULTIPLE_OPTIONS} options; "
            f"this one has {count}",
        )
    yield from _stated(question, lang, column)


def _stated(question: Question, lang: str, column: int) -> Iterator[Problem]:
    """A multiple-response stem says how many to choose, and it is the number of keys."""
    if lang not in CHOOSE or not question.keys:
        return
    stated, keys = question.stated_count(lang), len(question.keys)
    if keys >= 2 and stated != keys:
        said = "does not say how many to choose" if stated is None else f"says {stated}"
        wanted = choose_phrase(lang, keys)
        how = f": end it with {wanted!r}" if wanted else ""
        yield Problem(
            "QST005", question.line, column, f"{keys} keyed options, but the stem {said}{how}"
        )
    elif keys == 1 and stated is not None:
        yield Problem(
            "QST005",
            question.line,
            column,
            f"the stem asks to choose {stated}, but one option is keyed",
        )


def _explanations(question: Question) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for option in question.options:
        if not option.why:
            yield Problem(
                "QST006",
                option.line,
                option.column,
                f"option {option.letter} has no explanation: a nested bullet under it saying "
                "why it is right or wrong here",
            )
        key = " ".join(option.text.split()).casefold()
        if key in seen:
            yield Problem(
                "QST007",
                option.line,
                option.column,
                f"option {option.letter} has the same text as option {seen[key]}",
            )
        seen.setdefault(key, option.letter)


def _domain(question: Question, column: int) -> Iterator[Problem]:
    domain = question.domain
    if domain not in DOMAINS:
        known = ", ".join(DOMAINS)
        said = "no domain" if domain is None else f"unknown domain {domain!r}"
        yield Problem(
            "QST008",
            question.line,
            column,
            f"{said}: add domain=<{known}> to its {{ #id ... }}",
        )


def _format(question: Question) -> Iterator[Problem]:
    for line in question.stray:
        yield Problem(
            "QST009",
            line,
            1,
            "not part of the item: options are `- [ ]`/`- [x]` with nested bullets, and the "
            "last line is the explaining link (`설명: [절](page.md#section)`)",
        )
    if question.explained is None and question.options:
        yield Problem(
            "QST009",
            question.line,
            1,
            "no explaining link: end the item with `설명: [절 제목](page.md#section)` / "
            "`Explained in: [Section](page.md#section)`",
        )


def _shape(question: Question) -> tuple[str, str | None, int, tuple[str, ...]]:
    return question.kind, question.domain, len(question.options), question.keys


def translations(tree: Tree) -> Iterator[FileProblem]:
    """QST010: each item of a translation is its source's item: kind, domain, options, keys."""
    for page in tree.pages.values():
        source = tree.pages.get(page.source)
        if page.lang == tree.default_language or source is None:
            continue
        theirs = {q.id: q for q in source.document.questions if q.id}
        for question in page.document.questions:
            original = theirs.get(question.id or "")
            if original is None or _shape(original) == _shape(question):
                continue
            yield page.path, Problem("QST010", question.line, 1, _difference(original, question))


def _difference(original: Question, question: Question) -> str:
    names = ("kind", "domain", "options", "keys")
    parts = [
        f"{name} {mine!r} (source: {theirs!r})"
        for name, mine, theirs in zip(names, _shape(question), _shape(original), strict=True)
        if mine != theirs
    ]
    return f"item #{question.id} differs from its source: " + "; ".join(parts)
