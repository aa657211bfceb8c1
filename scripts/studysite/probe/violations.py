"""Content-Security-Policy violations as a page reports them: every `securitypolicyviolation`
event of a browser context's pages, from the first byte of each page on."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

# Registered before any script of the page runs (an init script), so that no violation of
# the page's first moments goes unseen.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: event.sourceFile,
    line: event.lineNumber,
  });
});
"""


def watch(context: BrowserContext) -> BrowserContext:
    """Record the violations of every page the context opens from now on."""
    context.add_init_script(LISTEN)
    return context


def violations(tab: Page) -> list[dict[str, object]]:
    """The violations the page in tab has reported so far (in its frames too)."""
    found: list[dict[str, object]] = []
    for frame in tab.frames:
        try:
            found += frame.evaluate("() => window.__cspViolations || []")
        except Exception:  # a frame that went away meanwhile reports nothing
            continue
    return found
