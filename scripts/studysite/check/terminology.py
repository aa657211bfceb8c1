"""TERM002: the terminology data (extra.terms) is valid, and each term's `see:` names a
section that exists on its page in every language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from .context import Tree
from .findings import FileProblem, Problem


def check_tree(tree: Tree) -> Iterator[FileProblem]:
    path, loaded = tree.site.terms_file, tree.terms
    if path is None or loaded is None:
        return
    for problem in loaded.problems:
        yield path, Problem("TERM002", problem.line, 1, problem.message)
    for term in loaded.terms:
        source = PurePosixPath(term.page)
        for lang in tree.languages:
            page = tree.site.translation_source(source, lang)
            document = tree.document(page)
            if document is None:
                yield (
                    path,
                    Problem("TERM002", term.line, 1, f"term {term.id!r}: see: no page {page}"),
                )
            elif term.section not in {heading.id for heading in document.headings}:
                message = f"term {term.id!r}: see: {page} has no section #{term.section}"
                yield path, Problem("TERM002", term.line, 1, message)
