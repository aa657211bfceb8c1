"""QST002: a service page (`kind: service`) has at least extra.docscheck.min_questions review
questions: they are what its learners practise, on the page and on the practice page."""

from __future__ import annotations

from collections.abc import Iterator

from .context import PageFile, Tree
from .findings import Problem


def check_page(page: PageFile, tree: Tree) -> Iterator[Problem]:
    kind = page.field("kind")
    if kind is None or kind.value != "service":
        return
    wanted, have = tree.settings.min_questions, len(page.document.questions)
    if have < wanted:
        yield Problem(
            "QST002",
            kind.line,
            kind.column,
            f"a service page has at least {wanted} review questions (`??? question`); "
            f"this one has {have}",
        )
