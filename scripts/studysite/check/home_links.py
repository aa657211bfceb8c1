"""NAV001: the home page links every page of the navigation, in every language, so that a
reader (and the PDF book's first chapter) reaches each page from it."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..model import ConfigError
from ..urls import resolve
from .context import Tree
from .findings import FileProblem, Problem


def _targets(tree: Tree, home: PurePosixPath) -> set[str]:
    """The default-language sources of the pages the home page links ("athena.md")."""
    document = tree.document(home)
    linked: set[str] = set()
    for link in document.links if document else []:
        target = resolve(home.as_posix(), link.href)
        if target is not None and target.path.endswith(".md"):
            # Links name the default-language file (static-i18n serves the translation).
            source = tree.site.source_language(PurePosixPath(target.path))[1]
            linked.add(posixpath.normpath(source.as_posix()))
    return linked


def check_tree(tree: Tree) -> Iterator[FileProblem]:
    try:
        home_page, pages = tree.site.home, tree.site.pages
    except ConfigError:
        return  # no nav, or no home page in it: MkDocs and the model report that
    for lang in tree.languages:
        home = PurePosixPath(home_page[lang].source)
        if home not in tree.pages:
            continue  # missing or unreadable: I18N001, ENC001
        linked = _targets(tree, home)
        default = tree.default_language
        missing = [
            p[default].source
            for p in pages
            if p is not home_page and p[default].source not in linked
        ]
        if missing:
            message = f"the home page links no {', '.join(missing)}: link every page of the nav"
            yield tree.pages[home].path, Problem("NAV001", 1, 1, message)
