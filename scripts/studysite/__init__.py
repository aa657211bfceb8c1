"""studysite: the build tooling of the AWS analytics study notes, in the order it runs.

1. check (before the build): `check/`, the docs checker; `hooks/pre_build.py` makes it gate
   every `mkdocs build` and `mkdocs serve`.
2. MkDocs build: Material for MkDocs and mkdocs-static-i18n, configured in mkdocs.yml.
3. post-build steps over the built site, in `steps/`, listed in order in
   `steps/registry.py`. `hooks/post_build.py` runs them after a build; each also runs as a
   command over a built site directory: `studysite fonts site/` and so on (`cli.py`).

`model.py` is the one source of the site's facts (languages, pages, URLs, titles, book, labels),
read from mkdocs.yml by MkDocs itself; `reading/` reads a page, below the model and the
checker. `probe/` measures a built site in a browser, for the tests and the benchmarks only
(it needs the `test` extra's Playwright; no runtime module imports it).
"""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]

# The layers of the package, lowest first: a module imports only from lower layers, or from
# its own module or subpackage (tests/test_architecture.py holds the code to it; the
# contributor guide draws it). `probe` stands apart: only the tests and benchmarks use it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("project", ("studysite",)),
    ("utilities", ("studysite.bilingual", "studysite.buildstate", "studysite.derived",
                   "studysite.filecache",
                   "studysite.hangul", "studysite.htmlscan", "studysite.mkdocs_cli",
                   "studysite.node", "studysite.parallel", "studysite.rendermemo",
                   "studysite.urls",
                   "studysite.wordmatch")),
    ("data", ("studysite.questions", "studysite.terms")),
    ("reading", ("studysite.reading",)),
    ("model", ("studysite.model",)),
    ("question bank", ("studysite.bank",)),
    ("content", ("studysite.glossary", "studysite.practice", "studysite.search_fields",
                 "studysite.synonyms", "studysite.tooltips")),
    ("pipeline", ("studysite.check", "studysite.steps")),
    ("entry points", ("studysite.hooks", "studysite.cli")),
    ("python -m studysite", ("studysite.__main__",)),
    ("measuring", ("studysite.probe",)),
)  # fmt: skip
