"""QST001: every review question has an ASCII id, used once per language on the site (the
translation repeats its source's ids; I18N002 checks they match). A learner's progress on the
practice page is kept under these ids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..terms import ID_RE
from .context import Tree
from .findings import FileProblem, Problem


def check_tree(tree: Tree) -> Iterator[FileProblem]:
    seen: dict[tuple[str, str], PurePosixPath] = {}
    for name in sorted(tree.pages):
        page = tree.pages[name]
        questions = page.document.questions
        for question in questions:
            if question.id is None or not ID_RE.match(question.id):
                shown = "no id" if question.id is None else f"the id #{question.id}"
                message = (
                    f"review question with {shown}: end its line with {{ #page-topic }}, an "
                    f"ASCII id used nowhere else (progress on the practice page is kept "
                    f"under it)"
                )
                yield page.path, Problem("QST001", question.line, 1, message)
                continue
            first = seen.setdefault((page.lang, question.id), name)
            if first != name or sum(q.id == question.id for q in questions) > 1:
                message = f"review question id #{question.id} is also used in {first.as_posix()}"
                yield page.path, Problem("QST001", question.line, 1, message)
