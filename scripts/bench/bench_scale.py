"""Benchmark: the checker and the full build on the project grown tenfold.

    python scripts/bench/bench_scale.py [--times 10] [--runs 3]     (make bench)

Writes, into a temporary folder, the project's docs with every service page copied TIMES - 1
more times in both languages (each copy its own page in the nav, its questions with ids of
their own) and every term copied as often (forms of their own, explained on the copied
pages). Then times, at 1x and at TIMES x, `studysite check` and a clean `mkdocs build`
(PDF off), alternating, and prints the medians, their ratios (linear growth is a ratio of
about TIMES or less) and the bytes of the practice page and the search index.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from studysite import PROJECT_DIR
from studysite.mkdocs_cli import mkdocs, relocated
from studysite.model import Site, project_site

QUESTION_ID = re.compile(r'(?m)^(\?\?\?\+? question ".*" \{ #)([a-z0-9-]+)( \})$')


def service_pages(site: Site) -> list[str]:
    """The default-language sources of the pages with questions (the service pages)."""
    lang = site.default_language.code
    return [
        page[lang].source
        for page in site.pages
        if QUESTION_ID.search((site.docs_dir / page[lang].source).read_text(encoding="utf-8"))
    ]


def copy_name(source: str, copy: int) -> str:
    """athena.md -> athena-x2.md, athena.en.md -> athena-x2.en.md"""
    stem, _, suffix = source.partition(".")
    return f"{stem}-x{copy}.{suffix}"


def grow_pages(site: Site, docs: Path, times: int) -> tuple[dict[str, list[str]], list[Path]]:
    """The copies of every service page in both languages: {source: its copies}, and every
    file written."""
    copies: dict[str, list[str]] = {}
    written: list[Path] = []
    for source in service_pages(site):
        copies[source] = []
        for copy in range(2, times + 1):
            for version in docs.glob(source.replace(".md", ".*md")):
                text = QUESTION_ID.sub(rf"\g<1>\g<2>-x{copy}\g<3>", version.read_text("utf-8"))
                written.append(docs / copy_name(version.name, copy))
                written[-1].write_text(text, encoding="utf-8")
            copies[source].append(copy_name(source, copy))
    return copies, written


def grow_terms(terms_file: Path, times: int, copied: set[str]) -> None:
    """Every term copied times - 1 more times: forms of its own, explained on the copy of its
    page where that page was copied."""
    terms = yaml.safe_load(terms_file.read_text(encoding="utf-8"))
    grown = list(terms)
    for copy in range(2, times + 1):
        for term in terms:
            page, _, section = term["see"].partition("#")
            see = f"{copy_name(page, copy)}#{section}" if page in copied else term["see"]
            forms = {lang: f"{term[lang]} {copy}" for lang in ("ko", "en")}
            variants = {lang: [] for lang in term.get("variants", {})}
            grown.append({**term, "id": f"{term['id']}-x{copy}", **forms, "see": see,
                          "variants": variants})  # fmt: skip
    terms_file.write_text(yaml.safe_dump(grown, allow_unicode=True, sort_keys=False), "utf-8")


def grown_config(config: Path, copies: dict[str, list[str]]) -> None:
    """config's nav with a section per copy: its copied pages."""
    text = config.read_text(encoding="utf-8")
    count = max((len(c) for c in copies.values()), default=0)
    extra = "".join(
        f"  - Copy {index + 2}:\n" + "".join(f"      - {c[index]}\n" for c in copies.values())
        for index in range(count)
    )
    text, found = re.subn(r"(?m)^(nav:\n(?:  .*\n)+)", lambda m: m[1] + extra, text, count=1)
    if not found:
        sys.exit(f"{config}: no nav to grow")
    config.write_text(text, encoding="utf-8")


def link_from_home(site: Site, docs: Path, copies: dict[str, list[str]]) -> None:
    """The home page links every page of the nav (NAV001): a section listing the copies."""
    heading = {"ko": "사본", "en": "Copies"}
    for language in site.languages:
        home = docs / site.home[language.code].source
        links = "".join(f"- [{name}]({name})\n" for names in copies.values() for name in names)
        title = heading.get(language.code, "Copies")
        home.write_text(home.read_text("utf-8") + f"\n## {title} {{ #copies }}\n\n{links}", "utf-8")


def restamp(config: Path, changed: list[Path]) -> None:
    """The stamps of the changed pages (revision, translation), made with the checker's own
    commands."""
    translations = [p for p in changed if p.name.count(".") > 1]
    for flag, paths in (("--mark-revised", changed), ("--mark-translated", translations)):
        command = [sys.executable, "-m", "studysite", "check", "-f", str(config), flag]
        subprocess.run([*command, *map(str, paths)], capture_output=True, check=False)


def make_tree(root: Path, times: int) -> Path:
    """The project's docs grown times-fold under root; its mkdocs.yml."""
    site = project_site()
    docs = root / "docs"
    shutil.copytree(site.docs_dir, docs)
    config = root / "mkdocs.yml"
    text = (PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(relocated(text, PROJECT_DIR, docs), encoding="utf-8")
    if times > 1:
        copies, written = grow_pages(site, docs, times)
        if site.terms_file is not None:
            grow_terms(docs / site.terms_file.relative_to(site.docs_dir), times, set(copies))
        grown_config(config, copies)
        link_from_home(site, docs, copies)
        homes = [docs / site.home[lang].source for lang in site.codes]
        restamp(config, sorted([*homes, *written]))
    return config


def timed(*args: str, cwd: Path) -> float:
    started = time.perf_counter()
    result = mkdocs(*args, cwd=cwd, env={"PDF": "false"})
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return time.perf_counter() - started


def check_seconds(config: Path) -> float:
    """Seconds of `studysite check` on config (a process, as make check runs it)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "studysite", "check", "-f", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"studysite check found errors in {config}:\n{result.stdout[-3000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--times", type=int, default=10, help="how many times (default 10)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    args = parser.parse_args()
    print(f"Timing the checker and the build at 1x and {args.times}x...", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        configs = {n: make_tree(Path(tmp) / f"x{n}", n) for n in (1, args.times)}
        sites = {n: Path(tmp) / f"site-x{n}" for n in configs}
        builds: dict[int, list[float]] = {n: [] for n in configs}
        checks: dict[int, list[float]] = {n: [] for n in configs}
        for _ in range(args.runs):
            for n, config in configs.items():
                checks[n].append(check_seconds(config))
                build = ["build", "--clean", "-f", str(config), "--site-dir", str(sites[n])]
                builds[n].append(timed(*build, cwd=PROJECT_DIR))
        report(args.times, builds, checks, sites)
    return 0


def report(times: int, builds: dict, checks: dict, sites: dict[int, Path]) -> None:
    site = project_site()
    lang = site.default_language.code
    practice = site.practice_page.as_posix() if site.practice_page else None
    for kind, values in (("build", builds), ("check", checks)):
        one, grown = (statistics.median(values[n]) for n in (1, times))
        verdict = "linear or better" if grown / one <= times * 1.1 else "NOT linear"
        print(f"{kind}: 1x {one:.2f} s   {times}x {grown:.2f} s   ratio {grown / one:.1f} "
              f"({verdict})")  # fmt: skip
    for n, root in sites.items():
        index = root / "search" / "search_index.json"
        page = root / site.page(practice)[lang].dest if practice else None
        practice_bytes = page.stat().st_size if page and page.is_file() else 0
        print(f"{n}x: search index {index.stat().st_size:,} bytes, "
              f"practice page {practice_bytes:,} bytes")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
