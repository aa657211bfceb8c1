"""The post-build steps, declared once, in the order they run: each with its command name,
its module (imported only when the step runs: fontTools, WeasyPrint and Pillow take seconds
to import, which `studysite check` never needs), when it runs and what it does, in the
README's two languages.

Every step module has one function, `run(job: Job) -> str`. The post-build hook runs the
steps of every build (and the PDF ones when extra.pdf_books is on); the `studysite` command
line has one subcommand per step and `post-build` for what the hook runs; the idempotency test
and the README's command table (scripts/doc_tables.py) read this list too. Adding a step: its
module, and one entry here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..bilingual import Text
from .job import Job


class When(StrEnum):
    EVERY_BUILD = "every build"  # from the post-build hook, after every build (serve too)
    PDF = "pdf"  # from the hook when extra.pdf_books is on (PDF=true: make build, make pdf)
    OFFLINE = "offline"  # a command once the offline copy is built (make build runs it)


WHEN_TEXT = {
    When.EVERY_BUILD: Text("every build (hook)", "모든 빌드 (훅)"),
    When.PDF: Text(
        "with PDF=true (hook: make build, make pdf)", "PDF=true일 때 (훅: make build, make pdf)"
    ),
    When.OFFLINE: Text("after the offline build (make build)", "오프라인 빌드 뒤 (make build)"),
}


@dataclass(frozen=True)
class Option:
    """A command-line option of a step, stored in the Job field `dest`."""

    flag: str
    dest: str
    help: str
    metavar: str
    many: bool = False  # nargs="+"
    path: bool = False  # a file or folder (pathlib.Path)


@dataclass(frozen=True)
class Step:
    name: str  # the command: `studysite NAME SITE_DIR`
    module: str  # studysite.steps.<module>, which has run(job)
    when: When
    help: Text
    operand: str = "SITE_DIR"
    options: tuple[Option, ...] = ()

    def run(self, job: Job) -> str:
        module: Any = importlib.import_module(f"{__package__}.{self.module}")
        return str(module.run(job))


STEPS = (
    Step("diagrams", "diagrams", When.EVERY_BUILD, Text(
        "give each diagram its size and lazy-load those below the fold",
        "다이어그램 `<img>`마다 크기를 적고, 첫 화면 아래는 `loading=\"lazy\"`로")),
    Step("fonts", "site_font", When.EVERY_BUILD, Text(
        "slice the site font for each page and embed each diagram's glyphs",
        "사이트 글꼴을 페이지마다 쓰는 글자로 나눠 쓰고, 다이어그램마다 제 글자를 넣음")),
    Step("search-index", "search_index", When.EVERY_BUILD, Text(
        "split the search index per language, with synonyms and ranking fields from the terms",
        "검색 색인을 언어마다 나누고, 용어의 동의어와 순위 필드를 넣음")),
    Step("question-bank", "question_bank", When.EVERY_BUILD, Text(
        "write each language's question bank by its practice page: JSON and the engine's script",
        "언어마다 문제 은행을 연습 페이지 옆에 씀: JSON과 엔진이 읽는 스크립트")),
    Step("anki", "anki", When.EVERY_BUILD, Text(
        "write each language's Anki deck (.apkg) from its question bank",
        "언어마다 문제 은행으로 Anki 덱(.apkg)을 만듦")),
    Step("icons", "icons", When.EVERY_BUILD, Text(
        "render the PNG and ICO icons from the SVG favicon",
        "SVG 파비콘으로 PNG, ICO 아이콘을 그림")),
    Step("alternates", "alternates", When.EVERY_BUILD, Text(
        "write the page sitemaps Material's language switch fetches (public site_url only)",
        "Material의 언어 전환이 가져가는 페이지별 사이트맵을 씀 (공개 `site_url`만)")),
    Step("csp", "csp", When.EVERY_BUILD, Text(
        "give every page its Content-Security-Policy, inline scripts and styles by hash",
        "모든 페이지에 Content-Security-Policy를 넣음 (인라인 스크립트·스타일은 해시로 허용)")),
    Step("pdf", "pdf", When.PDF, Text(
        "write the PDF books from a built site",
        "빌드한 사이트로 PDF 책을 만듦"),
        options=(Option("--lang", "languages", "languages to build (default: all built)",
                        "LANG", many=True),)),
    Step("offline", "offline", When.OFFLINE, Text(
        "zip the offline copy (an OFFLINE=true build) into the main site's download folder",
        "오프라인 사본(OFFLINE=true 빌드)을 zip으로 묶어 본 사이트의 download 폴더에 넣음"),
        operand="OFFLINE_DIR",
        options=(Option("--site-dir", "main_site", "the main site (default: site_dir setting)",
                        "SITE_DIR", path=True),)),
)  # fmt: skip

STEPS_BY_NAME = {step.name: step for step in STEPS}


def after_build(pdf_books: bool) -> tuple[Step, ...]:
    """The steps the post-build hook (and `studysite post-build`) runs, in order."""
    wanted = {When.EVERY_BUILD, When.PDF} if pdf_books else {When.EVERY_BUILD}
    return tuple(step for step in STEPS if step.when in wanted)
