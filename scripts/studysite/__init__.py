"""studysite: the build tooling of the AWS analytics study notes, in the order it runs.

1. check (before the build): `check/`, the docs checker; `hooks/pre_build.py` makes it gate
   every `mkdocs build` and `mkdocs serve`.
2. MkDocs build: Material for MkDocs and mkdocs-static-i18n, configured in mkdocs.yml.
3. post-build steps over the built site, in `steps/`: the font subset (`fonts.py`), one
   search index per language (`search_index.py`), the PDF books (`pdf.py`) and the offline
   copy's zip (`offline.py`). `hooks/post_build.py` runs them after a build; each also runs as a
   command over a built site directory: `studysite fonts site/` and so on (`cli.py`).

`model.py` is the one source of the site's facts (languages, pages, URLs, titles, book, labels),
read from mkdocs.yml by MkDocs itself. `probe/` measures a built site in a browser (tests and
benchmarks).
"""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
