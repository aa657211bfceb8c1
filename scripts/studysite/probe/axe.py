"""Accessibility audits with axe-core (npm), injected into a page driven by Playwright.

The rules are WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the site promises (WCAG 2.2 AA).
Best-practice rules are not part of that promise, so they are not asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
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


def audit(tab: Page, axe_script: Path, tags: list[str] = WCAG_AA_TAGS) -> list[Violation]:
    """Run axe-core on the page as it is now; return its violations."""
    if not tab.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
        # does not govern: a <script> tag (add_script_tag) is inline code the policy refuses,
        # and the audit must see the page under its own policy, not with the policy bypassed.
        tab.evaluate(f"() => {{ {axe_script.read_text(encoding='utf-8')}\n}}")
    found = tab.evaluate(RUN, tags)
    return [
        Violation(
            v["id"], v["impact"] or "", v["help"], [(n["target"], n["summary"]) for n in v["nodes"]]
        )
        for v in found
    ]
