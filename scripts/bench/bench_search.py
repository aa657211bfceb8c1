"""Benchmark search: the query sets against stock Material search and against ours.

    python scripts/bench/bench_search.py [--queries tests/data/search-queries.yml]  (make bench)

Both sites are built from the same pages. "stock" is this project without its search work: no
per-language index split (the post-build hook is left out; the font step runs as a command),
lunr-languages' own lunr.ko,
Material's default separator and pipeline, no input-event fix; "ours" is the project as it is.
Every query runs through each site's own search worker in headless Chromium (as the tests do,
studysite.probe.search), from its language's home page. Three sets: the project's
(--queries), the terms set (every term of the terminology data typed in each language,
expecting its `see:` page; studysite.probe.search.term_queries) and the unseen set
(tests/data/search-unseen.yml: written without looking at the ranking, never tuned to).
Printed per set and language: recall@1, recall@3, queries with a result from the other
language, the median and slowest time from a query's message to the worker to its result,
and the index size.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from studysite import PROJECT_DIR
from studysite.mkdocs_cli import build
from studysite.model import Site, load_site
from studysite.probe.browser import chromium
from studysite.probe.search import Query, load_queries, term_queries, worker_answers
from studysite.probe.server import serve
from studysite.steps import site_font
from studysite.steps.job import Job
from studysite.terms import load_terms

COPY = ("mkdocs.yml", "docs", "overrides", "fonts")
HOOKS_DIR = PROJECT_DIR / "scripts" / "studysite" / "hooks"


def make_project(target: Path, stock: bool) -> None:
    """A copy of the project's site sources; stock: without this project's search work."""
    for item in COPY:
        source = PROJECT_DIR / item
        if source.is_dir():
            shutil.copytree(source, target / item)
        else:
            shutil.copy2(source, target / item)
    text = (target / "mkdocs.yml").read_text(encoding="utf-8")
    # Hooks by absolute path: the copy has no scripts/ of its own.
    text = text.replace("  - scripts/studysite/hooks/", f"  - {HOOKS_DIR}/")
    if stock:
        shutil.rmtree(target / "overrides" / "assets" / "javascripts" / "lunr")
        # Material's default separator and pipeline: drop the search plugin's settings.
        start, end = text.index("  - search:\n"), text.index("  - i18n:")
        text = text[:start] + "  - search\n" + text[end:]
        for line in (f"  - {HOOKS_DIR}/post_build.py\n", "  - javascripts/search-input.js\n"):
            assert line in text, f"mkdocs.yml no longer has {line!r}"
            text = text.replace(line, "")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")


def index_sizes(site: Site, site_dir: Path) -> dict[str, int]:
    """Bytes of the search index each language's pages load."""
    sizes = {}
    for language in site.languages:
        own = site_dir / language.prefix / "search" / "search_index.json"
        sizes[language.code] = (
            (own if own.exists() else site_dir / "search" / "search_index.json").stat().st_size
        )
    return sizes


def run_queries(
    site: Site, site_dir: Path, sets: dict[str, list[Query]]
) -> dict[tuple[str, str], dict[str, float]]:
    """Per (set, language): queries, hits at 1 and 3, cross-language answers, milliseconds."""
    scores: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    with serve(site_dir) as base_url, chromium() as browser:
        tab = browser.new_page()
        for name, queries in sets.items():
            for lang in site.codes:
                asked = [q for q in queries if q.lang == lang]
                home = base_url + site.language(lang).prefix
                answers = worker_answers(tab, home, [q.text for q in asked])
                score = scores[name, lang]
                for query, answer in zip(asked, answers, strict=True):
                    expected, pages = site.page(query.page)[lang].path, answer.pages
                    found = [site.page_by_url(p.lstrip("/")) for p in pages]
                    score["queries"] += 1
                    score["at1"] += pages[:1] == [expected]
                    score["at3"] += expected in pages[:3]
                    score["cross"] += any(v is None or v.lang != lang for v in found)
                times = [answer.ms for answer in answers]
                score["median_ms"], score["max_ms"] = statistics.median(times), max(times)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--queries",
        type=Path,
        default=PROJECT_DIR / "tests" / "data" / "search-queries.yml",
        help="the query set (YAML: {lang: [{query, page}]})",
    )
    args = parser.parse_args()
    queries = load_queries(args.queries)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("stock", "ours"):
            project = Path(tmp) / name
            project.mkdir()
            make_project(project, stock=name == "stock")
            site_dir = project / "site"
            print(f"Building the {name} site and running the query sets...", flush=True)
            result = build(site_dir, project, PDF="false")
            if result.returncode != 0:
                sys.exit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
            site = load_site(project / "mkdocs.yml")
            if name == "stock":  # the one post-build step that is not about search
                site_font.run(Job(site, site_dir))
            terms = load_terms(site.terms_file, site.codes).terms if site.terms_file else []
            sets = {
                "project": queries,
                "terms": term_queries(terms, site.codes),
                "unseen": load_queries(PROJECT_DIR / "tests" / "data" / "search-unseen.yml"),
            }
            scores, sizes = run_queries(site, site_dir, sets), index_sizes(site, site_dir)
            for (set_name, lang), score in scores.items():
                rows.append((name, set_name, lang, score, sizes[lang]))
    print()
    header = (
        f"{'search':<7}{'set':<9}{'lang':<6}{'queries':>8}{'recall@1':>10}{'recall@3':>10}"
        f"{'cross-lang':>12}{'ms (median/max)':>17}{'index bytes':>13}"
    )
    print(header)
    print("-" * len(header))
    for name, set_name, lang, score, size in rows:
        n = score["queries"]
        ms = f"{score['median_ms']:.1f}/{score['max_ms']:.1f}"
        print(
            f"{name:<7}{set_name:<9}{lang:<6}{n:>8.0f}{score['at1'] / n:>10.1%}"
            f"{score['at3'] / n:>10.1%}{score['cross']:>12.0f}{ms:>17}{size:>13,}"
        )
    print("\ncross-lang: queries with at least one result from another language.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
