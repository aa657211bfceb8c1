"""Benchmark: Lighthouse scores of every page in every language, and of the 404 page.

    python scripts/bench/bench_lighthouse.py [--site DIR] [--runs N] [--pages NAME ...]
        [--langs CODE ...] [--prefix /PATH/] [--json OUT] [--reports DIR]    (make bench)

The site (built here with --strict, or --site DIR) is served as a static host serves it: gzip,
keep-alive, the site's 404.html for a missing path (studysite.probe.server). Lighthouse runs
one page at a time in headless Chromium with its defaults: mobile emulation and simulated
throttling, categories performance, accessibility, best practices and SEO. Printed per page:
the median of N runs of each score and of CLS, LCP and TBT; then the pages below the goals
(performance >= 98 and CLS <= 0.01, the others 100) and what to fix: every failing
accessibility, best-practice and SEO audit with its elements, and the performance diagnostics
(render-blocking resources, LCP element, layout shifts, unsized images, long tasks), each with
the pages it was seen on.
The 404 page is fetched at a missing path, with its 404 status; SEO's http-status-code audit
and the console's error for that status fail there by design and are not counted.
Exit status 1 when a page is below a goal or has no successful run.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studysite import PROJECT_DIR
from studysite.mkdocs_cli import build
from studysite.model import project_site
from studysite.node import node_bin
from studysite.probe.browser import CHROMIUM_ARGS, chromium_path
from studysite.probe.server import NOT_FOUND_PAGE, serve

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
GOALS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
CLS_GOAL = 0.01  # cumulative layout shift, at most
METRICS = {  # column: (audit id, format)
    "CLS": ("cumulative-layout-shift", "{:.3f}"),
    "LCP ms": ("largest-contentful-paint", "{:.0f}"),
    "TBT ms": ("total-blocking-time", "{:.0f}"),
}
# Performance audits whose details say where the time goes; listed when they are not passed,
# and ALWAYS_LISTED ones always (what the largest paint is, what shifts, what blocks).
DIAGNOSTICS = (
    "largest-contentful-paint-element",
    "layout-shifts",
    "render-blocking-resources",
    "unsized-images",
    "long-tasks",
    "bootup-time",
    "unused-css-rules",
    "unused-javascript",
    "legacy-javascript",
    "font-display",
    "uses-text-compression",
)
ALWAYS_LISTED = {"largest-contentful-paint-element", "layout-shifts", "long-tasks"}
NOT_FOUND = "404"  # the 404 page's name in the output and for --pages
MISSING_PATH = "no-such-page/at-depth/"  # fetched for the 404 page: nested, as a stale link is
RUN_TIMEOUT_S = 300
SCORED = {"binary", "numeric", "metricSavings"}  # scoreDisplayMode of audits that can fail
# Figures in audit details: item key -> (unit, scale).
FIGURES = {
    "wastedMs": ("ms", 1.0),
    "duration": ("ms", 1.0),
    "total": ("ms", 1.0),
    "wastedBytes": ("KiB", 1 / 1024),
    "score": ("shift", 1.0),  # a layout shift
}


@dataclass(frozen=True)
class Target:
    name: str  # model page name ("athena") or NOT_FOUND
    lang: str  # language code, "" for the 404 page (one for the whole site)
    path: str  # URL path below the base URL: "en/athena/"

    @property
    def label(self) -> str:
        return "404 page" if self.name == NOT_FOUND else f"/{self.path}"


@dataclass(frozen=True)
class Finding:
    """One thing an audit points at, keyed so that the same one groups across pages and runs."""

    key: str  # the element (selector, and why it fails) or the resource (URL)
    label: str = ""  # the element's text, which differs between pages and languages
    figures: tuple[tuple[str, float], ...] = ()  # ("ms", 316.0): what it costs there


def by_design(target: Target, audit: str, finding: Finding) -> bool:
    """A failure the 404 page has by design: its 404 status, the console's note of it, and a
    robots noindex (an error page is not to be indexed)."""
    if target.name != NOT_FOUND:
        return False
    own_404 = audit == "best-practices/errors-in-console" and finding.key.startswith(
        f"/{target.path}: "
    )
    noindex = audit == "seo/is-crawlable" and "noindex" in finding.key
    return audit == "seo/http-status-code" or own_404 or noindex


@dataclass
class Result:
    target: Target
    runs: list[dict[str, Any]] = field(default_factory=list)  # Lighthouse's JSON reports
    errors: list[str] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # the machine's 1-min load after each run

    def scores(self) -> dict[str, float]:
        """Median score per category, 0-100."""
        return {
            cat: statistics.median(
                100 * (run["categories"][cat]["score"] or 0) for run in self.runs
            )
            for cat in CATEGORIES
        }

    def metrics(self) -> dict[str, float]:
        return {
            column: statistics.median(run["audits"][audit]["numericValue"] for run in self.runs)
            for column, (audit, _) in METRICS.items()
        }

    def benchmark_index(self) -> float:
        """Lighthouse's measure of this machine's speed during the runs (median): the
        simulated throttling assumes a fast desktop, so a busy machine scores lower."""
        return statistics.median(run["environment"]["benchmarkIndex"] for run in self.runs)

    def failing(self, base_url: str) -> dict[str, list[Finding]]:
        """Accessibility, best-practice and SEO audits below 1 in any run: "category/audit" ->
        what fails there (elements, resources, messages)."""
        found: dict[str, list[Finding]] = {}
        for run in self.runs:
            for cat in CATEGORIES[1:]:
                for ref in run["categories"][cat]["auditRefs"]:
                    audit = run["audits"][ref["id"]]
                    if audit["scoreDisplayMode"] in SCORED and (audit["score"] or 0) < 1:
                        items = found.setdefault(f"{cat}/{ref['id']}", [])
                        new = findings(audit, base_url) or [Finding("(no details)")]
                        items += [f for f in new if f not in items]
        return found

    def to_fix(self, base_url: str) -> dict[str, list[Finding]]:
        """failing() without the failures the page has by design."""
        kept = {
            audit: [f for f in items if not by_design(self.target, audit, f)]
            for audit, items in self.failing(base_url).items()
        }
        return {audit: items for audit, items in kept.items() if items}

    def diagnostics(self, base_url: str) -> dict[str, list[Finding]]:
        """Performance diagnostics of the run with the median performance score."""
        ordered = sorted(self.runs, key=lambda run: run["categories"]["performance"]["score"])
        run = ordered[len(ordered) // 2]
        found = {}
        for audit_id in DIAGNOSTICS:
            audit = run["audits"].get(audit_id)
            if audit is None or audit["scoreDisplayMode"] in {"notApplicable", "error"}:
                continue
            passed = audit["score"] is not None and audit["score"] >= 1
            if (audit_id in ALWAYS_LISTED or not passed) and (items := findings(audit, base_url)):
                found[audit_id] = items
        return found

    def below_goals(self, base_url: str) -> list[str]:
        """The categories under their goal, not counting failures the page has by design."""
        to_fix = {audit.split("/")[0] for audit in self.to_fix(base_url)}
        below = [
            cat
            for cat, score in self.scores().items()
            if score < GOALS[cat] and (cat == "performance" or cat in to_fix)
        ]
        return below + (["CLS"] if self.metrics()["CLS"] > CLS_GOAL else [])


# --- Reading Lighthouse's audit details ------------------------------------------------------


def _short_url(url: str, base_url: str) -> str:
    return "/" + url.removeprefix(base_url) if url.startswith(base_url) else url


def _why(node: dict[str, Any]) -> str:
    """axe's explanation of a failing element, on one line, without its "Fix any of" lead."""
    lines = [line.strip() for line in (node.get("explanation") or "").splitlines()]
    return "; ".join(line for line in lines if line and not line.startswith("Fix "))


def findings(audit: dict[str, Any], base_url: str) -> list[Finding]:
    """What an audit's details point at: elements, resources, messages, with their figures."""
    details = audit.get("details") or {}
    if details.get("type") == "list":  # the LCP element: a table of its node, one of phases
        nodes = [f for sub in details.get("items", []) for f in _rows(sub, base_url)]
        phases = tuple(
            (f"{item['phase']} ms", float(item["timing"]))
            for sub in details.get("items", [])
            for item in sub.get("items", [])
            if "phase" in item
        )
        return [Finding(f.key, f.label, phases) for f in nodes if not f.key.startswith("?")]
    rows = _rows(details, base_url)
    if not rows and audit.get("displayValue"):
        rows = [Finding(str(audit["displayValue"]))]
    return rows


def _sub_items(item: dict[str, Any]) -> list[dict[str, Any]]:
    sub = item.get("subItems")
    return sub.get("items", []) if isinstance(sub, dict) else []


def _rows(details: dict[str, Any], base_url: str) -> list[Finding]:
    rows = []
    for item in details.get("items", []):
        if "phase" in item:
            continue
        key, label = [], ""
        # The element: "node" in most audits, "source" in is-crawlable's.
        nodes = [v for v in item.values() if isinstance(v, dict) and v.get("type") == "node"]
        if node := (nodes[0] if nodes else None):
            key.append(node.get("selector") or node.get("snippet") or "?")
            # In <head> the selector ("head > meta") says too little: add the element itself.
            if key[0].split(" > ")[0] == "head" and node.get("snippet"):
                key.append(node["snippet"])
            label = " ".join((node.get("nodeLabel") or "").split())[:60]
            if why := _why(node):
                key.append(why)
        if isinstance(item.get("url"), str):
            key.append(_short_url(item["url"], base_url))
        if isinstance(location := item.get("sourceLocation"), dict):  # a console message
            key.append(_short_url(str(location.get("url", "")), base_url))
        if isinstance(item.get("description"), str):
            key.append(item["description"])
        causes = {str(sub["cause"]) for sub in _sub_items(item) if sub.get("cause")}
        if causes:  # a layout shift's root causes, when Lighthouse found them
            key.append("cause: " + ", ".join(sorted(causes)))
        figures = tuple(
            (unit, float(item[name]) * scale)
            for name, (unit, scale) in FIGURES.items()
            if isinstance(item.get(name), int | float) and name in item
        )
        if key:
            rows.append(Finding(": ".join(key), label, figures))
    return rows


# --- Running Lighthouse ----------------------------------------------------------------------


def default_lighthouse() -> Path | None:
    """LIGHTHOUSE from the environment, else the project's (package.json, node_modules/.bin)."""
    if os.environ.get("LIGHTHOUSE"):
        return Path(os.environ["LIGHTHOUSE"])
    return node_bin("lighthouse")


def lighthouse(tool: Path, chrome: Path, url: str, ignore_status: bool) -> dict[str, Any]:
    """One Lighthouse run over url; its JSON report. Raises RuntimeError on a failed run."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        str(tool),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    if ignore_status:
        command.append("--ignore-status-code")
    process = subprocess.Popen(
        command,
        env={**os.environ, "CHROME_PATH": str(chrome)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=RUN_TIMEOUT_S)
    except BaseException:  # a timeout, Ctrl-C, SIGTERM (see main)
        stop(process)
        raise
    if process.returncode != 0 or not stdout.strip():
        raise RuntimeError(f"lighthouse exited {process.returncode}: {stderr.strip()[-800:]}")
    report = json.loads(stdout)
    if report.get("runtimeError"):
        error = report["runtimeError"]
        raise RuntimeError(f"{error.get('code')}: {error.get('message')}")
    missing = [cat for cat in CATEGORIES if report["categories"][cat]["score"] is None]
    if missing:
        raise RuntimeError(f"no score for {', '.join(missing)}")
    return report


def stop(process: subprocess.Popen[str]) -> None:
    """Stop a Lighthouse run and its Chrome. Chrome runs in a session of its own
    (chrome-launcher), so killing Lighthouse would orphan it; on SIGINT, chrome-launcher
    closes it first."""
    process.send_signal(signal.SIGINT)
    try:
        process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


def targets(names: Iterable[str] | None, langs: Iterable[str] | None) -> list[Target]:
    """Every page in every language (navigation order, the default language first), then the
    404 page; restricted to names and langs when given."""
    site = project_site()
    wanted = set(names) if names else None
    known = {page.name for page in site.pages} | {NOT_FOUND}
    if wanted and wanted - known:
        sys.exit(f"--pages: unknown {sorted(wanted - known)}; pages are {sorted(known)}")
    codes = tuple(langs) if langs else site.codes
    if unknown := set(codes) - set(site.codes):
        sys.exit(f"--langs: unknown {sorted(unknown)}; languages are {list(site.codes)}")
    chosen = [
        Target(page.name, lang, page[lang].url)
        for lang in codes
        for page in site.pages
        if wanted is None or page.name in wanted
    ]
    if wanted is None or NOT_FOUND in wanted:
        chosen.append(Target(NOT_FOUND, "", MISSING_PATH))
    return chosen


def check_built(site_dir: Path, chosen: list[Target]) -> None:
    """Stop, naming the file, when the site lacks a page to audit."""
    site = project_site()
    for target in chosen:
        if target.name == NOT_FOUND:
            dest = NOT_FOUND_PAGE
        else:
            dest = next(p for p in site.pages if p.name == target.name)[target.lang].dest
        if not (site_dir / dest).is_file():
            sys.exit(f"{site_dir}: no {dest} (page {target.label})")


def measure(
    tool: Path, chrome: Path, base_url: str, chosen: list[Target], runs: int, reports: Path | None
) -> list[Result]:
    """Run Lighthouse runs times on each target, one run at a time (the scores depend on a
    machine left to one browser); a failed run is reported and left out of the medians."""
    results = []
    for number, target in enumerate(chosen, 1):
        result = Result(target)
        for run in range(1, runs + 1):
            started = time.perf_counter()
            try:
                report = lighthouse(tool, chrome, base_url + target.path, target.name == NOT_FOUND)
            except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
                result.errors.append(str(error))
                progress(f"[{number}/{len(chosen)}] {target.label} run {run}/{runs}: {error}")
                continue
            result.runs.append(report)
            result.loads.append(os.getloadavg()[0])
            if reports is not None:
                name = f"{target.lang or 'site'}-{target.name}-{run}.json"
                (reports / name).write_text(json.dumps(report), encoding="utf-8")
            scores = "  ".join(
                f"{SHORT[cat]} {100 * report['categories'][cat]['score']:.0f}" for cat in CATEGORIES
            )
            elapsed = time.perf_counter() - started
            where = f"[{number}/{len(chosen)}] {target.label} run {run}/{runs}"
            progress(f"{where}: {scores}  ({elapsed:.0f} s)")
        results.append(result)
    return results


def progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# --- Printing --------------------------------------------------------------------------------


def print_table(results: list[Result], runs: int) -> None:
    header = f"{'page':<34}" + "".join(f"{SHORT[c]:>6}" for c in CATEGORIES)
    header += "".join(f"{column:>9}" for column in METRICS) + f"{'cpu':>7}"
    print(header)
    print("-" * len(header))
    for result in results:
        line = f"{result.target.label:<34}"
        if not result.runs:
            print(line + "  no successful run")
            continue
        line += "".join(f"{score:>6.0f}" for score in result.scores().values())
        for column, value in result.metrics().items():
            line += f"{METRICS[column][1].format(value):>9}"
        line += f"{result.benchmark_index():>7.0f}"
        if len(result.runs) < runs:
            line += f"  ({len(result.runs)} of {runs} runs)"
        print(line)
    print(
        "cpu: the machine's speed during the page's runs (Lighthouse's benchmarkIndex, median); "
        "a busy machine lowers it and the performance score with it"
    )


def pages_text(labels: list[str], every: list[str]) -> str:
    if len(labels) == len(every) and len(every) > 3:
        return f"all {len(every)} pages"
    missing = [label for label in every if label not in labels]
    if len(every) > 6 and len(missing) <= 3:
        return f"{len(labels)} pages (all but {', '.join(missing)})"
    return ", ".join(labels)


@dataclass
class Group:
    """One finding across pages: where it was seen, the element texts, the figures."""

    pages: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    figures: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, page: str, finding: Finding) -> None:
        if page not in self.pages:
            self.pages.append(page)
        if finding.label and finding.label not in self.labels:
            self.labels.append(finding.label)
        for name, value in finding.figures:
            self.figures[name].append(value)

    def text(self) -> str:
        parts = []
        for name, values in self.figures.items():  # "ms", "TTFB ms", "KiB", "shift"
            digits = 3 if name == "shift" else 1 if name == "KiB" else 0
            low, high = (f"{value:.{digits}f}" for value in (min(values), max(values)))
            span = low if low == high else f"{low}-{high}"
            what, _, unit = name.rpartition(" ") if name != "shift" else ("shift", "", "")
            parts.append(" ".join(part for part in (what, span, unit) if part))
        if self.labels:
            more = f" and {len(self.labels) - 1} more" if len(self.labels) > 1 else ""
            parts.append(f"«{self.labels[0]}»{more}")
        return "  [" + "; ".join(parts) + "]" if parts else ""


Grouped = dict[str, dict[str, Group]]  # audit -> finding key -> group


def grouped(per_page: Iterable[tuple[str, dict[str, list[Finding]]]]) -> Grouped:
    found: Grouped = defaultdict(lambda: defaultdict(Group))
    for page, audits in per_page:
        for audit, items in audits.items():
            for finding in items or [Finding("(no details)")]:
                found[audit][finding.key].add(page, finding)
    return found


def print_grouped(title: str, found: Grouped, every: list[str]) -> None:
    """Each audit with the pages it fails on, then each finding: the element or resource,
    [figures (min-max over pages), an example text], and its pages if not all of them."""
    print(f"\n{title}")
    if not found:
        print("  none")
        return
    for audit, items in sorted(found.items()):
        pages = sorted({page for group in items.values() for page in group.pages}, key=every.index)
        print(f"  {audit}: {pages_text(pages, every)}")
        for key, group in items.items():
            where = (
                "" if len(group.pages) == len(pages) else f"  ({pages_text(group.pages, every)})"
            )
            print(f"      {key}{group.text()}{where}")


def as_json(found: dict[str, list[Finding]]) -> dict[str, list[dict[str, Any]]]:
    return {
        audit: [{"key": f.key, "label": f.label, "figures": dict(f.figures)} for f in items]
        for audit, items in found.items()
    }


def print_goals(results: list[Result], base_url: str) -> bool:
    """Print the lowest medians and the pages below the goals; return whether all are met."""
    measured = [r for r in results if r.runs]
    failed_runs = [r for r in results if not r.runs]
    # A score below its goal only through failures by design (the 404 page's SEO) is left out.
    counted = [
        (cat, score)
        for r in measured
        for cat, score in r.scores().items()
        if score >= GOALS[cat] or cat in r.below_goals(base_url)
    ]
    if counted:
        lowest = {cat: min(s for c, s in counted if c == cat) for cat, _ in counted}
        print(
            "\nLowest median (failures by design aside): "
            + ", ".join(f"{c} {s:.0f}" for c, s in lowest.items())
        )
    goals = ", ".join(f"{cat} >= {goal}" for cat, goal in GOALS.items()) + f", CLS <= {CLS_GOAL}"
    below = [(r, r.below_goals(base_url)) for r in measured]
    below = [(r, cats) for r, cats in below if cats]
    print(f"Below the goals ({goals}): {len(below) + len(failed_runs)} of {len(results)} pages")
    for result, cats in below:
        scores = result.scores()
        shown = {**scores, "CLS": result.metrics()["CLS"]}
        print(f"  {result.target.label}: " + ", ".join(f"{c} {shown[c]:.3g}" for c in cats))
    for result in failed_runs:
        print(f"  {result.target.label}: no successful run: {result.errors[-1]}")
    by_design_seen = sorted(
        {
            f"{audit} on the {r.target.label}"
            for r in measured
            for audit, items in r.failing(base_url).items()
            if any(by_design(r.target, audit, f) for f in items)
        }
    )
    if by_design_seen:
        print(f"  Not counted, failing by design: {'; '.join(by_design_seen)}")
    return not below and not failed_runs


def page_record(r: Result, base_url: str) -> dict[str, Any]:
    return {
        "page": r.target.name,
        "lang": r.target.lang,
        "path": "/" + r.target.path,
        "runs": len(r.runs),
        "errors": r.errors,
        "scores": r.scores() if r.runs else None,
        "metrics": r.metrics() if r.runs else None,
        "benchmark_index": r.benchmark_index() if r.runs else None,
        "load_average": r.loads,
        "below_goals": r.below_goals(base_url) if r.runs else list(CATEGORIES),
        "failing": as_json(r.failing(base_url)) if r.runs else {},
        "diagnostics": as_json(r.diagnostics(base_url)) if r.runs else {},
    }


def summarise(results: list[Result], base_url: str, runs: int) -> tuple[bool, dict[str, Any]]:
    """Print the summary and the to-do lists; return (all goals met, the JSON record)."""
    measured = [r for r in results if r.runs]
    every = [r.target.label for r in results]
    ok = print_goals(results, base_url)
    failing = grouped((r.target.label, r.to_fix(base_url)) for r in measured)
    diagnostics = grouped((r.target.label, r.diagnostics(base_url)) for r in measured)
    print_grouped("Failing audits (accessibility, best practices, SEO; any run):", failing, every)
    print_grouped("Performance diagnostics (each page's median run):", diagnostics, every)

    first = measured[0].runs[0] if measured else None
    record = {
        "lighthouse": first["lighthouseVersion"] if first else None,
        "user_agent": first["environment"]["hostUserAgent"] if first else None,
        "benchmark_index": statistics.median(
            run["environment"]["benchmarkIndex"] for r in measured for run in r.runs
        )
        if measured
        else None,
        "runs": runs,
        "goals": GOALS,
        "pages": [page_record(r, base_url) for r in results],
    }
    return ok, record


# --- Main ------------------------------------------------------------------------------------


def built_site(tmp: Path) -> Path:
    site_dir = tmp / "site"
    progress("Building the site (mkdocs build --strict, both languages)...")
    result = build(site_dir, PROJECT_DIR, PDF="false")
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout}{result.stderr}")
    return site_dir


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to audit (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page, median (default 3)")
    parser.add_argument("--pages", nargs="+", metavar="NAME", help=f"page names, '{NOT_FOUND}'")
    parser.add_argument("--langs", nargs="+", metavar="CODE", help="languages (default all)")
    parser.add_argument("--prefix", default="/", help="serve under this sub-path: /aws-notes/")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the medians as JSON")
    parser.add_argument("--reports", type=Path, metavar="DIR", help="keep each run's report")
    parser.add_argument(
        "--lighthouse",
        type=Path,
        default=default_lighthouse(),
        help="Lighthouse executable (default: $LIGHTHOUSE, else node_modules/.bin/lighthouse)",
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def print_header(results: list[Result], chosen: list[Target], runs: int, elapsed: float) -> None:
    """What measured, how, on which machine; how many pages in how long."""
    measured = [r for r in results if r.runs]
    if measured:
        first = measured[0].runs[0]
        indexes = [run["environment"]["benchmarkIndex"] for r in measured for run in r.runs]
        loads = [load for r in measured for load in r.loads]
        print(
            f"Lighthouse {first['lighthouseVersion']}, "
            f"{first['environment']['hostUserAgent'].split(') ')[-1]}, "
            f"{first['configSettings']['formFactor']} emulation, "
            f"{first['configSettings']['throttlingMethod']}d throttling; "
            f"median of {runs} run{'s' if runs > 1 else ''} per page; "
            f"this machine's benchmarkIndex {min(indexes):.0f}-{max(indexes):.0f} "
            f"(load average {statistics.median(loads):.1f})"
        )
    not_found = any(t.name == NOT_FOUND for t in chosen)
    print(
        f"{len(chosen)} page{'s' if len(chosen) > 1 else ''} in {elapsed / 60:.1f} min, "
        "served with gzip"
        + (f"; the 404 page at /{MISSING_PATH} (status 404)" if not_found else "")
        + "\n"
    )


def main() -> int:
    args = arguments()
    # SIGTERM unwinds like Ctrl-C, so that the running Lighthouse and its Chrome are stopped.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(128 + signal.SIGTERM))
    if args.lighthouse is None or not args.lighthouse.is_file():
        sys.exit(
            f"Lighthouse not found ({args.lighthouse or 'node_modules/.bin/lighthouse'}): "
            "install the project's Node tools with make node-tools"
        )
    chrome = chromium_path()
    if chrome is None:
        sys.exit("Chromium not found: install the Debian package 'chromium' (make system-deps)")
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        chosen = targets(args.pages, args.langs)
        site_dir = args.site or built_site(Path(tmp))
        check_built(site_dir, chosen)
        started = time.perf_counter()
        with serve(site_dir, gzip=True, prefix=args.prefix, pages_404=True) as base_url:
            results = measure(args.lighthouse, chrome, base_url, chosen, args.runs, args.reports)
            elapsed = time.perf_counter() - started
            print_header(results, chosen, args.runs, elapsed)
            print_table(results, args.runs)
            ok, record = summarise(results, base_url, args.runs)
    if args.json:
        record["seconds"] = round(elapsed)
        args.json.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
