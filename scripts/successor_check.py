"""Successor readiness: build the site with each candidate successor of MkDocs + Material and
compare it with the supported build (make successor-check; not part of make test: it installs
packages).

    .venv/bin/python scripts/successor_check.py [--only properdocs|zensical]

Candidates, each in its own environment under .cache/successor/<name>/ (never the project's
.venv), building a copy of the project's site sources:

- ProperDocs, pinned (requirements-properdocs.txt, hash-checked): the declared fallback. It runs
  MkDocs hooks, so the checker gate and the post-build steps run inside its build.
- Zensical, the newest installable release, with zensical-i18n for the two languages. It runs
  no MkDocs hooks, so the project's steps run as commands around its build: `studysite check`
  before (the gate), `studysite post-build` after (diagrams, fonts, search index, icons).
  Each run asks uv, the installer, for the newest Zensical release on the package index and
  whether it installs with zensical-i18n; the report line names that release and, when it does
  not install, why (uv's resolution error in one line, e.g. a dependency the index does not
  have). The environment gets the newest pair that does install, pinned to what this run
  found, so that a new release makes a new environment.

Against the supported build (the project's .venv, `mkdocs build --strict`) each candidate is
checked for: its build, page URLs, <html lang>, each page's heading ids, the language
switcher's targets, one search index per language with the query set's recall@3 (in Chromium),
the site font and its licence, the diagrams, the same bytes everywhere, and that the checker
gate stops a page with a broken image. One line per candidate, details below it; the exit
status is 0 if and only if the fallback has no failed check.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from studysite import PROJECT_DIR
from studysite.model import Site, load_site
from studysite.probe.browser import chromium
from studysite.probe.search import load_queries, worker_results
from studysite.probe.server import serve

WORK_DIR = PROJECT_DIR / ".cache" / "successor"
SOURCES = ("mkdocs.yml", "docs", "overrides", "fonts")
VENV_BIN = PROJECT_DIR / ".venv" / "bin"
QUERIES = PROJECT_DIR / "tests" / "data" / "search-queries.yml"


@dataclass
class Candidate:
    name: str
    fallback: bool
    install: list[list[str]]  # uv pip install argument lists
    packages: tuple[str, ...]  # what the report line names, with versions
    command: str  # the generator's executable in the environment's bin/
    runs_hooks: bool
    unpinned: bool = False  # packages: the newest installable releases, looked up at each run
    versions: dict[str, str] = field(default_factory=dict)
    newest: Newest | None = None  # what the look-up found (unpinned candidates)

    @property
    def home(self) -> Path:
        return WORK_DIR / self.name

    @property
    def bin(self) -> Path:
        return self.home / "venv" / "bin"

    def label(self) -> str:
        named = [f"{p} {self.versions.get(p, '?')}" for p in self.packages]
        return " + ".join(named)

    def install_lists(self) -> list[list[str]]:
        """The uv pip install argument lists; an unpinned candidate's packages first, at the
        versions this run's look-up found (none found: whatever uv takes as newest)."""
        if not self.unpinned:
            return self.install
        found = list(self.newest.pins) if self.newest else []
        return [found or ["--upgrade", *self.packages], *self.install]


CANDIDATES = [
    Candidate(
        "properdocs",
        fallback=True,
        install=[
            ["--require-hashes", "-r", str(PROJECT_DIR / "requirements-properdocs.txt")],
            ["--no-deps", "--no-build-isolation", "--editable", str(PROJECT_DIR)],
        ],
        packages=("properdocs",),
        command="properdocs",
        runs_hooks=True,
    ),
    Candidate(
        "zensical",
        fallback=False,
        install=[
            # the tooling, for its Markdown extension (studysite.tooltips); built in isolation
            ["--no-deps", "--editable", str(PROJECT_DIR)],
        ],
        packages=("zensical", "zensical-i18n"),
        command="zensical",
        runs_hooks=False,
        # The newest releases that install from the index, on purpose not pinned in the
        # project: the check is there to tell the day Zensical can take over.
        unpinned=True,
    ),
]


def run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> tuple[int, str]:
    """Run a command; (exit status, its output, stdout and stderr together)."""
    result = subprocess.run(
        args,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        input=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout


def last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "(no output)"


def copy_sources(target: Path) -> Path:
    """The site sources in a folder of their own (its site/ is the candidate's); the
    tooling by link, so hooks and extensions are the project's own."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for item in SOURCES:
        source = PROJECT_DIR / item
        if source.is_dir():
            shutil.copytree(source, target / item)
        else:
            shutil.copy2(source, target / item)
    (target / "scripts").symlink_to(PROJECT_DIR / "scripts")
    return target


# --- The newest release on the index -----------------------------------------------------------

# Asked of uv, the installer, rather than of the index by hand: it reads the index the install
# will read (UV_INDEX_URL, UV_DEFAULT_INDEX, uv.toml; a mirror, its credentials), skips yanked
# files and releases this Python cannot use, and its resolution error says why a release does
# not install. `uv pip compile --no-deps` names the newest release even when its dependencies
# are missing. pip index versions reads pip's configuration, not uv's (not the same here), and
# PyPI's JSON API is PyPI's alone; a Simple API client would repeat uv's index settings.


@dataclass(frozen=True)
class Newest:
    """What the package index offers an unpinned candidate."""

    release: str | None  # the newest release of its first package (None: the look-up failed)
    pins: tuple[str, ...]  # the newest set of its packages that installs, name==version
    why_not: str | None = None  # why that release does not install, or the look-up failed

    def note(self, package: str) -> str:
        """For the report line: the newest release, and why it is not the one tested."""
        if self.release is None:
            return f"newest on the index: unknown, {self.why_not}"
        if self.why_not is None:
            return "newest on the index"
        return f"newest on the index: {package} {self.release}, not installable: {self.why_not}"


PIN_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def canonical(name: str) -> str:
    """A distribution name as indexes compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(output: str) -> dict[str, str]:
    """{name: version} of the `name==version` lines of uv pip compile's output."""
    return {canonical(m[1]): m[2] for m in PIN_RE.finditer(output)}


def uv_compile(requirements: list[str], *options: str) -> tuple[int, str]:
    """uv's resolution of the requirements for a new environment of this Python (the one the
    candidates' environments are made with): (exit status, the pins or uv's error). Installs
    nothing; index pages come from uv's cache while the index lets it keep them."""
    return run(
        [str(VENV_BIN / "uv"), "pip", "compile", "-", "--quiet", "--no-header", "--no-annotate",
         "--python", sys.executable, *options],
        PROJECT_DIR,
        stdin="".join(f"{r}\n" for r in requirements),
    )  # fmt: skip


def newest(packages: tuple[str, ...]) -> Newest:
    """The newest release of the first package on the index (no pre-release), and the newest
    set of the packages that installs: with that release if it resolves, else uv's choice."""
    main = canonical(packages[0])
    status, output = uv_compile([main], "--no-deps", "--prerelease", "disallow")
    release = pins(output).get(main) if status == 0 else None
    if release is None:
        return Newest(None, (), reason(output, main))
    status, output = uv_compile([f"{main}=={release}", *packages[1:]])
    why_not = None if status == 0 else reason(output, main)
    if why_not:
        status, output = uv_compile(list(packages))
    found = pins(output) if status == 0 else {}
    chosen = tuple(f"{p}=={found[canonical(p)]}" for p in packages if canonical(p) in found)
    return Newest(release, chosen, why_not)


# uv's account of a failed resolution: "Because <clause>, we can conclude that ...", one or
# more times. The clauses that name a cause, each made a short "[<who>] requires ...".
WHO = r"(?:all versions of )?(?P<who>[A-Za-z0-9][\w.-]*?)(?:[=<>!~]=?[^\s,]*)? depends? on "
MISSING = r"^(?P<dep>\S+) was not found in the (?:package registry|provided package locations)"
NO_VERSION = r"^there (?:is|are) no versions? of (?P<dep>\S+)"
CAUSES = [
    (re.compile(MISSING + " and you require "), "the index does not have {dep}"),
    (re.compile(NO_VERSION + " and you require "), "the index does not have {dep}"),
    (re.compile(MISSING + " and " + WHO), "requires {dep}, which the index does not have"),
    (re.compile(NO_VERSION + " and " + WHO), "requires {dep}, which the index does not have"),
    (
        re.compile(r"^only (?P<have>.+?) (?:is|are) available and " + WHO + r"(?P<dep>\S+)"),
        "requires {dep}, the index has only {have}",
    ),
    (
        re.compile(
            r"^the (?:current|requested) Python version \((?P<py>[^)]+)\) does not satisfy "
            r"(?P<need>\S+) and " + WHO
        ),
        "requires {need}, this is Python {py}",
    ),
]
MARK_RE = re.compile(r"^(?:[×╰├│─▶\s]+|(?:error|cause|caused by):\s*)+", re.IGNORECASE)


def reason(output: str, package: str) -> str:
    """uv's failure output in one line: the cause of a failed resolution, as 'requires ...'
    (led by who requires it when that is not the package), else its first clause; else uv's
    first and last message lines (a network error, say, and its cause). Hints left out."""
    lines = [MARK_RE.sub("", line).strip() for line in output.splitlines()]
    lines = [line for line in lines if line and not line.lower().startswith("hint:")]
    clauses = re.findall(r"\b[Bb]ecause (.+?), we can conclude", " ".join(lines))
    for pattern, text in CAUSES:
        for clause in clauses:
            if found := pattern.search(clause):
                said = text.format(**found.groupdict())
                who = found.groupdict().get("who")
                return f"{who} {said}" if who and canonical(who) != canonical(package) else said
    if clauses:
        return clauses[0][:200]
    if not lines:
        return "uv said nothing"
    return (lines[0] if len(lines) == 1 else f"{lines[0]}: {lines[-1]}")[:200]


# --- Environments and builds -------------------------------------------------------------------


def install(candidate: Candidate, progress: Callable[[str], None]) -> str | None:
    """Make the candidate's environment (reused while its install lists stay the same);
    return why it failed, or None."""
    stamp = candidate.home / "venv" / ".installed"
    wanted = hashlib.sha256(json.dumps(candidate.install_lists()).encode()).hexdigest()
    lock = PROJECT_DIR / "requirements-properdocs.txt"
    wanted += hashlib.sha256(lock.read_bytes()).hexdigest() if candidate.fallback else ""
    if not (stamp.is_file() and stamp.read_text() == wanted):
        progress(f"[{candidate.name}] installing into {candidate.home / 'venv'}")
        shutil.rmtree(candidate.home / "venv", ignore_errors=True)
        status, output = run(
            [sys.executable, "-m", "venv", "--without-pip", str(candidate.home / "venv")],
            PROJECT_DIR,
        )
        if status:
            return f"cannot make its environment: {last_line(output)}"
        for arguments in candidate.install_lists():
            status, output = run(
                [str(VENV_BIN / "uv"), "pip", "install", "--quiet", "--python",
                 str(candidate.bin / "python"), *arguments],
                PROJECT_DIR,
            )  # fmt: skip
            if status:
                return f"does not install: {last_line(output)}"
        stamp.write_text(wanted)
    for package in candidate.packages:
        status, output = run(
            [str(candidate.bin / "python"), "-c",
             f"from importlib.metadata import version; print(version({package!r}))"],
            PROJECT_DIR,
        )  # fmt: skip
        candidate.versions[package] = output.strip() if status == 0 else "?"
    return None


@dataclass(frozen=True)
class Build:
    status: int  # the generator's (or, without hooks, the checker's) exit status
    output: str
    steps_failed: str | None = None  # why the post-build steps could not finish the site

    @property
    def failure(self) -> str | None:
        if self.status:
            return f"build failed: {last_line(self.output)}"
        return self.steps_failed


def generator_build(candidate: Candidate, tree: Path, site_dir: Path) -> Build:
    """The candidate's whole pipeline on a source tree: for a generator without hooks, the
    checker before and the post-build steps after, as commands. When only the steps fail,
    the site is there: the build says why and the other checks still look at it."""
    studysite = str(VENV_BIN / "studysite")
    config = str(tree / "mkdocs.yml")
    log = ""
    if not candidate.runs_hooks:
        status, output = run([studysite, "check", "-f", config], tree)
        log += output
        if status:
            return Build(status, log)
    if candidate.name == "zensical":
        # Zensical has no --site-dir: it builds into the config's site_dir (site/).
        args = [str(candidate.bin / "zensical"), "build", "-f", config, "--clean"]
        status, output = run(args, tree)
        if status == 0:
            shutil.rmtree(site_dir, ignore_errors=True)
            shutil.move(tree / "site", site_dir)
    else:
        args = [str(candidate.bin / candidate.command), "build", "--strict", "-d", str(site_dir)]
        status, output = run(args, tree)
    log += output
    if status or candidate.runs_hooks:
        return Build(status, log)
    status, output = run([studysite, "post-build", "-f", config, str(site_dir)], tree)
    failed = f"studysite post-build failed on this site: {last_line(output)}" if status else None
    return Build(0, log + output, failed)


# --- Checks ------------------------------------------------------------------------------------


def pages(site_dir: Path) -> set[str]:
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}


def same_pages(a: set[str], b: set[str]) -> str | None:
    return f"missing {sorted(a - b)[:3]}, extra {sorted(b - a)[:3]}" if a != b else None


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def compare_pages(base: Path, other: Path, read: Callable[[BeautifulSoup], object]) -> str | None:
    differ = []
    for page in sorted(pages(base) & pages(other)):
        if read(soup(base / page)) != read(soup(other / page)):
            differ.append(page)
    return f"{len(differ)} pages differ, e.g. {differ[:3]}" if differ else None


def html_lang(page: BeautifulSoup) -> str | None:
    return page.html.get("lang") if page.html else None


def heading_ids(page: BeautifulSoup) -> list[str]:
    article = page.select_one("article") or page
    return [h.get("id", "") for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def switcher(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [(a.get("hreflang", ""), a.get("href", "")) for a in page.select("a[hreflang]")]


def same_files(base: Path, other: Path, pattern: str) -> str | None:
    a = {p.relative_to(base).as_posix() for p in base.glob(pattern)}
    b = {p.relative_to(other).as_posix() for p in other.glob(pattern)}
    if not a:
        return f"the supported build has no {pattern}"
    missing, extra = sorted(a - b), sorted(b - a)
    differ = [n for n in sorted(a & b) if not filecmp.cmp(base / n, other / n, shallow=False)]
    if missing or extra or differ:
        return f"missing {missing[:3]}, extra {extra[:3]}, other bytes {differ[:3]}"
    return None


GENERATOR_META_RE = re.compile(rb'<meta name="generator" content="[^"]*">')


def same_bytes(a: Path, b: Path) -> bool:
    """Equal files; in HTML the generator's own name and version (the one expected
    difference) does not count."""
    if filecmp.cmp(a, b, shallow=False):
        return True
    if a.suffix != ".html":
        return False
    return GENERATOR_META_RE.sub(b"", a.read_bytes()) == GENERATOR_META_RE.sub(b"", b.read_bytes())


def every_byte(base: Path, other: Path) -> str | None:
    a = {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()}
    b = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    differ = sorted(a ^ b) + [n for n in sorted(a & b) if not same_bytes(base / n, other / n)]
    return f"{len(differ)} files differ, e.g. {differ[:3]}" if differ else None


def recall(site: Site, site_dir: Path) -> dict[str, tuple[int, int]]:
    """(found in the first 3, queries) per language, through the site's own search worker."""
    queries = load_queries(QUERIES)
    scores = {}
    with serve(site_dir) as base_url, chromium() as browser:
        tab = browser.new_page()
        for lang in site.codes:
            asked = [q for q in queries if q.lang == lang]
            home = base_url + site.language(lang).prefix
            found = worker_results(tab, home, [q.text for q in asked])
            hits = sum(
                site.page(q.page)[lang].path in pages_[:3]
                for q, pages_ in zip(asked, found, strict=True)
            )
            scores[lang] = (hits, len(asked))
    return scores


def search_check(site: Site, base: Path, other: Path, baseline: dict) -> str | None:
    missing = [
        lang
        for lang in site.codes
        if not (other / site.language(lang).prefix / "search" / "search_index.json").is_file()
    ]
    if missing:
        return f"no search index of its own for {missing}"
    try:
        scores = recall(site, other)
    except Exception as error:  # the candidate's search may not answer at all
        return f"search does not run: {str(error).splitlines()[0][:160]}"
    worse = {
        lang: f"{scores[lang][0]}/{scores[lang][1]} (supported {baseline[lang][0]})"
        for lang in site.codes
        if scores[lang][0] < baseline[lang][0]
    }
    return f"recall@3 lower: {worse}" if worse else None


def gate_check(candidate: Candidate, site: Site, work: Path) -> str | None:
    tree = copy_sources(work / "gate-tree")
    page = tree / "docs" / site.pages[-1][site.codes[0]].source  # any page will do
    page.write_text(
        page.read_text(encoding="utf-8") + "\n![깨진 그림](images/no-such-file.svg)\n",
        encoding="utf-8",
    )
    build = generator_build(candidate, tree, work / "gate-site")
    if build.status == 0:
        return "a page with a missing image was built"
    if "IMG001" not in build.output:
        return f"the build failed, but not at the checker: {last_line(build.output)}"
    return None


# --- The report --------------------------------------------------------------------------------


def checks(
    candidate: Candidate, site: Site, base: Path, site_dir: Path, baseline: dict
) -> list[tuple[str, Callable[[], str | None]]]:
    """Every check but the build's, by name, to run on a built candidate site."""
    return [
        ("page URLs", lambda: same_pages(pages(base), pages(site_dir))),
        ("<html lang>", lambda: compare_pages(base, site_dir, html_lang)),
        ("heading ids", lambda: compare_pages(base, site_dir, heading_ids)),
        ("language switcher", lambda: compare_pages(base, site_dir, switcher)),
        ("search", lambda: search_check(site, base, site_dir, baseline)),
        ("font and licence", lambda: same_files(base, site_dir, "assets/fonts/*")),
        ("diagrams", lambda: same_files(base, site_dir, "**/*.svg")),
        ("same bytes", lambda: every_byte(base, site_dir)),
        ("checker gate", lambda: gate_check(candidate, site, candidate.home)),
    ]


def check_candidate(
    candidate: Candidate,
    site: Site,
    base: Path,
    baseline: dict,
    progress: Callable[[str], None],
) -> list[tuple[str, str | None]]:
    """(check, why it failed or None) for one candidate."""
    site_dir = candidate.home / "site"
    if candidate.unpinned:
        progress(f"[{candidate.name}] looking up the newest release on the index")
        candidate.newest = newest(candidate.packages)
        progress(f"[{candidate.name}] {candidate.newest.note(candidate.packages[0])}")
    why = install(candidate, progress)
    built = False
    if why is None:
        progress(f"[{candidate.name}] building with {candidate.label()}")
        tree = copy_sources(candidate.home / "tree")
        shutil.rmtree(site_dir, ignore_errors=True)
        build = generator_build(candidate, tree, site_dir)
        why = build.failure
        if build.status and ".html:" in build.output:
            # A template of overrides/ the candidate cannot render: build without the
            # project's theme overrides, so that the other checks still tell something.
            progress(f"[{candidate.name}] {why}; building again without overrides/")
            config = tree / "mkdocs.yml"
            config.write_text(
                config.read_text(encoding="utf-8").replace("  custom_dir: overrides\n", ""),
                encoding="utf-8",
            )
            build = generator_build(candidate, tree, site_dir)
            if build.status == 0:
                why += "; the checks below: built without overrides/"
                why += f"; {build.steps_failed}" if build.steps_failed else ""
        built = build.status == 0
    results = [("build", why)]
    for name, check in checks(candidate, site, base, site_dir, baseline):
        if built:
            progress(f"[{candidate.name}] {name}")
        results.append((name, check() if built else "no site to compare"))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=[c.name for c in CANDIDATES])
    args = parser.parse_args()
    started = time.perf_counter()

    def progress(line: str) -> None:
        print(f"  {time.perf_counter() - started:5.0f} s  {line}", flush=True)

    site = load_site(PROJECT_DIR / "mkdocs.yml")
    base = WORK_DIR / "mkdocs" / "site"
    progress("[mkdocs] the supported build (project .venv)")
    shutil.rmtree(base, ignore_errors=True)
    status, output = run(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", "-d", str(base)], PROJECT_DIR
    )
    if status:
        print(f"error: the supported build fails: {last_line(output)}", file=sys.stderr)
        return 2
    baseline = recall(site, base)
    chosen = [c for c in CANDIDATES if args.only in (None, c.name)]
    reports = [(c, check_candidate(c, site, base, baseline, progress)) for c in chosen]
    print()
    searched = ", ".join(f"{lang} {hit}/{n}" for lang, (hit, n) in baseline.items())
    print(f"mkdocs (supported): recall@3 {searched}")
    for candidate, results in reports:
        failed = [(name, why) for name, why in results if why is not None]
        role = " (fallback)" if candidate.fallback else ""
        role += f" ({candidate.newest.note(candidate.packages[0])})" if candidate.newest else ""
        print(f"{candidate.label()}: {len(failed)} failed checks{role}")
        for name, why in results:
            print(f"    {'FAIL' if why else 'ok  '} {name}{': ' + why if why else ''}")
    print(f"\n{time.perf_counter() - started:.0f} s")
    fallback = [results for c, results in reports if c.fallback]
    return 0 if all(why is None for results in fallback for _, why in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
