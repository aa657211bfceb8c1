"""ENC001: a page that is not valid UTF-8 (what MkDocs could not read either)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Tree
from .findings import FileProblem, Problem


def check_tree(tree: Tree) -> Iterator[FileProblem]:
    for path, failure in sorted(tree.undecodable.items()):
        guess = f"; it looks like {failure.guess.upper()}" if failure.guess else ""
        message = (
            f"not valid UTF-8{guess}. Convert it, e.g.: iconv -f "
            f"{(failure.guess or 'CP949').upper()} -t UTF-8"
        )
        yield path, Problem("ENC001", failure.line, failure.column, message)
