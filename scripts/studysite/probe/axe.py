"""Accessibility audits with axe-core (npm), injected into a page driven by Playwright.

The rules are WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the site promises (WCAG 2.2 AA).
Best-practice rules are not part of that promise, so they are not asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# `only`: a category of axe's rules ("cat.color"), narrowed to the WCAG AA ones, so that the
# list of rules comes from axe itself and follows its versions; `include`: a CSS selector.
RUN = """async ({tags, only, include}) => {
  const runOnly = only === null
    ? {type: "tag", values: tags}
    : {type: "rule", values: axe.getRules([only])
        .filter(rule => rule.tags.some(tag => tags.includes(tag))).map(rule => rule.ruleId)};
  if (runOnly.values.length === 0) throw new Error(`axe has no WCAG AA rule in ${only}`);
  const context = include === null ? document : {include: [include]};
  // Only violations are read: axe then stops each passing or inapplicable rule at its first
  // node instead of recording (and building selectors for) every one, a third of its time.
  const result = await axe.run(context, {runOnly, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    """One axe rule that failed, with the elements that fail it."""

    rule: str
    impact: str
    help: str
    nodes: list[tuple[str, str]]  # (CSS selector, axe's failure summary)

    def __str__(self) -> str:
        lines = [f"{self.rule} ({self.impact}): {self.help}"]
        for target, summary in self.nodes[:5]:
            lines.append(f"    {target}: {' '.join(summary.split())[:300]}")
        if len(self.nodes) > 5:
            lines.append(f"    ... and {len(self.nodes) - 5} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class Run:
    """One axe run: the rules of category `only` (None: every WCAG AA rule), over the
    elements `include` selects (None: the document)."""

    only: str | None = None
    include: str | None = None


# The runs one after another in the page, their violations together. They begin in a task of
# their own, so that the call that starts them returns at once (start_audit), and the result
# waits in a page global (audit_result).
START = f"""({{tags, runs}}) => {{
  const run = {RUN};
  window.__studysiteAudit = new Promise(resolve => setTimeout(resolve, 0)).then(async () => {{
    const found = [];
    for (const {{only, include}} of runs) found.push(...await run({{tags, only, include}}));
    return found;
  }});
}}"""


def _load_axe(tab: Page, axe_script: Path) -> None:
    if not tab.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
        # does not govern: a <script> tag (add_script_tag) is inline code the policy refuses,
        # and the audit must see the page under its own policy, not with the policy bypassed.
        tab.evaluate(f"() => {{ {axe_script.read_text(encoding='utf-8')}\n}}")


def start_audit(
    tab: Page, axe_script: Path, runs: list[Run], tags: list[str] = WCAG_AA_TAGS
) -> None:
    """Start axe-core's runs on the page as it is now, without waiting for them: the pages of
    other tabs can be audited meanwhile, in their own renderer processes (audit_result)."""
    _load_axe(tab, axe_script)
    runs_data = [{"only": r.only, "include": r.include} for r in runs]
    tab.evaluate(START, {"tags": tags, "runs": runs_data})


def audit_result(tab: Page) -> list[Violation]:
    """The violations of the runs start_audit began on the page."""
    found = tab.evaluate("() => window.__studysiteAudit")
    return [
        Violation(
            v["id"], v["impact"] or "", v["help"], [(n["target"], n["summary"]) for n in v["nodes"]]
        )
        for v in found
    ]


def audit(
    tab: Page,
    axe_script: Path,
    tags: list[str] = WCAG_AA_TAGS,
    only: str | None = None,
    include: str | None = None,
) -> list[Violation]:
    """Run axe-core on the page as it is now (or on the elements `include` selects, with only
    the rules of category `only`); return its violations."""
    start_audit(tab, axe_script, [Run(only, include)], tags)
    return audit_result(tab)
