"""What every rule is given: the docs tree, read once (the pages parsed, the files listed,
the terms data loaded), and the site it belongs to.

A page rule is called with one PageFile and the Tree; a tree-wide rule with the Tree alone
(rules.py). Nothing here knows a rule.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from ..model import Site
from ..reading.document import Document
from ..reading.frontmatter import Field, fields
from ..reading.source import DecodeFailure
from ..terms import Terms, cached_terms


@dataclass(frozen=True)
class Settings:
    """The checker's settings (`extra.docscheck` in mkdocs.yml, validated in config.py)."""

    disable: frozenset[str] = frozenset()  # rule codes switched off for the whole site
    min_questions: int = 5  # review questions a service page (`kind: service`) has at least


@dataclass(frozen=True)
class PageFile:
    """One Markdown page of the tree, decoded and parsed."""

    path: Path  # absolute
    page: PurePosixPath  # docs-relative: "athena.en.md"
    lang: str  # its language, by static-i18n's suffix rule
    source: PurePosixPath  # the default-language page it translates (itself in the default)
    text: str  # decoded, LF line endings
    document: Document

    @cached_property
    def front_matter(self) -> tuple[list[Field], str | None]:
        """The front matter's keys with their positions, or why it cannot be read; read once
        for all the rules that look at it."""
        return fields(self.document)

    def field(self, key: str) -> Field | None:
        return next((f for f in self.front_matter[0] if f.key == key), None)


class OnSite:
    """What the checker's configuration and the tree both say of their site."""

    site: Site

    @property
    def docs_dir(self) -> Path:
        return self.site.docs_dir.resolve()

    @property
    def languages(self) -> tuple[str, ...]:
        """Every built language, the default first."""
        return self.site.codes

    @property
    def default_language(self) -> str:
        return self.site.codes[0]


@dataclass
class Tree(OnSite):
    """The docs tree of a site, as the rules see it."""

    site: Site
    settings: Settings
    cwd: Path  # findings are reported relative to it
    pages: dict[PurePosixPath, PageFile]  # every decodable page, by docs-relative path
    undecodable: dict[Path, DecodeFailure] = field(default_factory=dict)
    pictures: list[Path] = field(default_factory=list)  # every image file, sorted

    @property
    def files_checked(self) -> int:
        return len(self.pages) + len(self.undecodable) + len(self.pictures)

    @cached_property
    def terms(self) -> Terms | None:
        """The site's terminology data (extra.terms), validated (once per version of the
        file); None when the site has none."""
        path = self.site.terms_file
        return cached_terms(path, self.site.codes) if path is not None else None

    def document(self, page: PurePosixPath) -> Document | None:
        found = self.pages.get(page)
        return found.document if found is not None else None

    @cached_property
    def _program(self) -> str:
        return studysite_command(cwd=self.cwd)  # one PATH search per run, not per message

    def command(self, *args: str) -> str:
        """`studysite ARGS` as the person reading the report would type it."""
        return shlex.join([*shlex.split(self._program), *args])

    def display(self, path: Path) -> str:
        """A path as reports show it: relative to the working directory when possible."""
        try:
            return Path(os.path.relpath(path, self.cwd)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()


def studysite_command(*args: str, cwd: Path | None = None) -> str:
    """How to run `studysite ARGS` from cwd (default: the working directory), for messages:
    `studysite` when that is the one on the PATH (an activated venv), else the path of the
    one installed next to this Python (`.venv/bin/studysite`)."""
    installed = Path(sys.executable).with_name("studysite")
    on_path = shutil.which("studysite")
    if on_path is not None and Path(on_path).resolve() == installed.resolve():
        program = "studysite"
    else:
        try:
            program = os.path.relpath(installed, cwd)
        except ValueError:  # another drive on Windows
            program = str(installed)
    return shlex.join([program, *args])
