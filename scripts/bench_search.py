"""Benchmark search: the query set against stock Material search and against ours.

    python scripts/bench_search.py

Both sites are built from the same pages. "stock" is this project without its search work:
no per-language index split (scripts/hooks/search_i18n.py), lunr-languages' own lunr.ko, and
no input-event fix; "ours" is the project as it is. Each query of tests/search/queries.yml is
typed into Material's search box in headless Chromium (followed by one keyup, as a desktop
input method sends, so that stock Material searches Korean at all). Printed per language:
recall@1, recall@3, queries with a result from the other language, and the index size.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from browser import chromium
from searchprobe import Query, load_queries, result_pages
from staticserver import serve

PROJECT_DIR = Path(__file__).resolve().parent.parent
COPY = ("mkdocs.yml", "docs", "overrides", "scripts", "fonts")
STOCK_EDITS = (
    "  - scripts/hooks/search_i18n.py\n",
    "  - javascripts/search-input.js\n",
)


def make_stock(project: Path) -> None:
    """Remove this project's search work from a copy of it."""
    shutil.rmtree(project / "overrides" / "assets" / "javascripts" / "lunr")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for line in STOCK_EDITS:
        assert line in config, f"mkdocs.yml no longer has {line!r}"
        config = config.replace(line, "")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def build(project: Path, site: Path) -> None:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "WEBFONT_CACHE": str(PROJECT_DIR / ".cache" / "webfont"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stdout}{result.stderr}")


def index_sizes(site: Path) -> dict[str, int]:
    """Bytes of the search index each language's pages load."""
    root = site / "search" / "search_index.json"
    english = site / "en" / "search" / "search_index.json"
    return {"ko": root.stat().st_size, "en": (english if english.exists() else root).stat().st_size}


def run_queries(site: Path, queries: list[Query]) -> dict[str, dict[str, int]]:
    scores: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with serve(site) as base_url, chromium() as browser:
        tab = browser.new_page()
        for query in queries:
            prefix = "" if query.lang == "ko" else f"{query.lang}/"
            pages = result_pages(tab, base_url + prefix, query.text, final_keyup=True)
            expected = "/" + prefix + (f"{query.page}/" if query.page else "")
            score = scores[query.lang]
            score["queries"] += 1
            score["at1"] += pages[:1] == [expected]
            score["at3"] += expected in pages[:3]
            score["cross"] += any(p.startswith("/en/") != (query.lang == "en") for p in pages)
    return scores


def main() -> None:
    queries = load_queries()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("stock", "ours"):
            project = Path(tmp) / name
            project.mkdir()
            for item in COPY:
                source = PROJECT_DIR / item
                if source.is_dir():
                    shutil.copytree(
                        source, project / item, ignore=shutil.ignore_patterns("__pycache__")
                    )
                else:
                    shutil.copy2(source, project / item)
            if name == "stock":
                make_stock(project)
            site = project / "site"
            print(f"Building the {name} site and running {len(queries)} queries...", flush=True)
            build(project, site)
            scores, sizes = run_queries(site, queries), index_sizes(site)
            for lang in ("ko", "en"):
                rows.append((name, lang, scores[lang], sizes[lang]))
    print()
    header = (
        f"{'search':<7}{'lang':<6}{'queries':>8}{'recall@1':>10}{'recall@3':>10}"
        f"{'cross-lang':>12}{'index bytes':>13}"
    )
    print(header)
    print("-" * len(header))
    for name, lang, score, size in rows:
        n = score["queries"]
        print(
            f"{name:<7}{lang:<6}{n:>8}{score['at1'] / n:>10.1%}{score['at3'] / n:>10.1%}"
            f"{score['cross']:>12}{size:>13,}"
        )
    print("\ncross-lang: queries with at least one result from the other language.")


if __name__ == "__main__":
    main()
