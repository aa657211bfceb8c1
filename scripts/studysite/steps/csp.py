"""Post-build step: a Content-Security-Policy on every page.

    studysite csp SITE_DIR        (the post-build hook runs it after every build)

Each built page gets, first in its <head> (a policy applies only to what follows it), a
`<meta http-equiv="Content-Security-Policy">` that lets the page load scripts, styles, fonts,
images and data from the site itself and from nowhere else. Inline scripts and styles, Material's
and the site's own, are allowed one by one by the sha256 hash of their text, computed here from
the page as built: no 'unsafe-inline' and no 'unsafe-eval' for scripts. An inline event handler
(onclick=...) cannot be allowed that way and stops the step, naming the page and the line.

- img-src allows data: too: Material's stylesheet draws its icons as data: SVG images.
- The offline copy (OFFLINE=true), opened from disk, has no origin to call 'self': it allows
  file: instead. Its search runs in iframe-worker's iframe, an about:blank document that
  inherits this policy and runs one inline script, written by the shim with the page's worker
  URL: that script's hash is computed from the shim's own source (iframe_worker_script).
- Under `mkdocs serve`, MkDocs appends its live-reload script inline to every response, with a
  per-request id that no hash can know: there, scripts are allowed inline ('unsafe-inline')
  and the rest of the policy stays as built. A built site never gets that.

The page is edited as text: the meta tag goes in after <meta charset>, or replaces the one a
previous run wrote, so running the step again changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import htmlscan
from .job import Job
from .search_index import CONFIG_SCRIPT_RE

META_RE = re.compile(r'[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
CHARSET_RE = re.compile(r"<meta charset=[^>]*>\n?", re.IGNORECASE)
HEAD_RE = re.compile(r"<head\b[^>]*>\n?", re.IGNORECASE)
# Script types a browser runs (the HTML standard's JavaScript MIME types, and modules); the rest
# (application/json: Material's __config) are data, which no policy governs.
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
IFRAME_WORKER = Path("assets/javascripts/iframe-worker/shim.js")  # extra.polyfills, site-relative


@dataclass
class InlineCode:
    """What a page runs or applies inline, as written in it."""

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)
    handlers: list[tuple[int, str]] = field(default_factory=list)  # (line, attribute)


# An attribute the policy allows by hash or forbids. A tag's attributes are consumed up to
# the first of them without backtracking, so a tag without one fails at once.
POLICY_ATTRIBUTE = r"""(?:on[^\s"'>/=]*|style)\s*="""
# What the policy depends on, found in one pass of the regex engine (most of a page's tags
# are neither: Python never sees them): a comment (skipped), a <script> or <style> start tag,
# or a start tag with an event handler or a style attribute.
INLINE_RE = re.compile(
    rf"""{htmlscan.COMMENT}
      | <(?P<raw>script|style)(?=[\s/>])(?P<raw_attrs>{htmlscan.ATTRS})>
      | <(?P<tag>[a-zA-Z][^\s/>]*)
        (?P<attrs>(?:[^>"'\s]++|"[^"]*+"|'[^']*+'|\s++(?!{POLICY_ATTRIBUTE}))*+
                  \s++{POLICY_ATTRIBUTE}{htmlscan.ATTRS})>""",
    re.S | re.X | re.I,
)


def inline_code(html: str) -> InlineCode:
    """The inline scripts and styles of a page, their text exactly as in the file; its style
    attributes; and any inline event handler (with its line)."""
    found = InlineCode()
    position = 0
    while (match := INLINE_RE.search(html, position)) is not None:
        position = match.end()
        if match.group("tag"):
            _attributes(match.start(), htmlscan.attributes(match.group("attrs")), html, found)
        elif raw := match.group("raw"):
            name = raw.lower()
            attrs = htmlscan.attributes(match.group("raw_attrs"))
            _attributes(match.start(), attrs, html, found)
            end = htmlscan.raw_text_end(html, name, position)
            values = dict(attrs)
            runs = name == "script" and "src" not in values
            if runs and (values.get("type") or "").lower() not in SCRIPT_TYPES:
                runs = False
            if (runs or name == "style") and end < len(html):  # unclosed: html.parser drops it
                (found.scripts if name == "script" else found.styles).append(html[position:end])
            position = end
    return found


def _attributes(
    start: int, attrs: tuple[tuple[str, str | None], ...], html: str, found: InlineCode
) -> None:
    for name, value in attrs:
        if name.startswith("on"):
            found.handlers.append((html.count("\n", 0, start) + 1, f"{name}={value!r}"))
        elif name == "style" and value is not None:
            found.style_attributes.append(value)


def source_hash(text: str) -> str:
    """A CSP hash source: 'sha256-<base64 of the SHA-256 of the UTF-8 text>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _function_source(js: str, name: str) -> str:
    """The text of `function NAME(...){...}` in js, as Function.prototype.toString gives it.
    By brace counting: the shim's functions hold no brace inside a string."""
    start = js.find(f"function {name}(")
    if start < 0:
        raise ValueError(f"no function {name} in iframe-worker's shim")
    depth = 0
    for position in range(js.index("{", start), len(js)):
        depth += {"{": 1, "}": -1}.get(js[position], 0)
        if depth == 0:
            return js[start : position + 1]
    raise ValueError(f"function {name} of iframe-worker's shim does not end")


def iframe_worker_script(shim: str, worker_url: str) -> str:
    """The inline script iframe-worker's shim writes into its iframe for a worker at
    worker_url: its template literal, with each ${function} replaced by that function's
    source and the one other value, ${url}, by worker_url."""
    template = re.search(r"document\.write\(`(.*?)`\)", shim, re.S)
    script = re.search(r"<script>(.*?)<\\/script>", template.group(1), re.S) if template else None
    if script is None:
        raise ValueError(
            f"iframe-worker's shim ({IFRAME_WORKER}) writes no inline script the way 1.0.4 "
            "does: update steps/csp.py for the new version"
        )

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return _function_source(shim, name) if f"function {name}(" in shim else worker_url

    return re.sub(r"\$\{(\w+)\}", value, script.group(1))


@dataclass(frozen=True)
class Context:
    offline: bool  # the offline copy, opened from file:
    serving: bool  # under mkdocs serve
    shim: str | None  # iframe-worker's source, when the page loads it (offline copy)


def policy(code: InlineCode, context: Context, extra_scripts: list[str]) -> str:
    """The page's policy: its own files, and its inline code by hash."""
    own = "file:" if context.offline else "'self'"
    scripts = sorted({source_hash(text) for text in [*code.scripts, *extra_scripts]})
    styles = sorted({source_hash(text) for text in code.styles})
    attributes = sorted({source_hash(text) for text in code.style_attributes})
    script_src = ["'unsafe-inline'"] if context.serving else scripts
    style_src = [*styles, *(["'unsafe-hashes'", *attributes] if attributes else [])]
    directives = [
        "default-src 'none'",
        " ".join(["script-src", own, *script_src]),
        " ".join(["style-src", own, *style_src]),
        f"img-src {own} data:",
        # The offline copy's font is in its stylesheet as data: URIs (inline_fonts.py).
        "font-src data:" if context.offline else f"font-src {own}",
        f"connect-src {own}",
        f"worker-src {own}",
        f"manifest-src {own}",
        f"base-uri {own}",
        f"form-action {own}",
    ]
    return "; ".join(directives)


def worker_url(html: str) -> str | None:
    """The search worker a page starts: the "search" of Material's __config."""
    config = CONFIG_SCRIPT_RE.search(html)
    return None if config is None else json.loads(config.group(2))["search"]


def _worker_scripts(html: str, context: Context) -> list[str]:
    """The inline script of the iframe-worker iframe the page will open, if it loads the shim."""
    if context.shim is None or IFRAME_WORKER.as_posix() not in html:
        return []
    url = worker_url(html)
    return [] if url is None else [iframe_worker_script(context.shim, url)]


def with_policy(html: str, page: Path, context: Context) -> tuple[str, int]:
    """The page with its policy meta tag, first in its head; and how many hashes it allows."""
    bare = META_RE.sub("", html, count=1)
    code = inline_code(bare)
    if code.handlers:
        line, attribute = code.handlers[0]
        raise ValueError(
            f"{page}:{line}: inline event handler {attribute}: a Content-Security-Policy "
            "cannot allow it by hash; attach the handler from a script file instead"
        )
    content = policy(code, context, _worker_scripts(bare, context))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">\n'
    anchor = CHARSET_RE.search(bare) or HEAD_RE.search(bare)
    if anchor is None:
        raise ValueError(f"{page}: no <head>: cannot give it a Content-Security-Policy")
    indent = re.search(r"[ \t]*\Z", bare[: anchor.start()])
    prefix = indent.group(0) if indent and anchor.re is CHARSET_RE else ""
    return bare[: anchor.end()] + prefix + tag + bare[anchor.end() :], content.count("'sha256-")


def run(job: Job) -> str:
    """Write the policy into every built page; return a one-line summary."""
    shim_file = job.site_dir / IFRAME_WORKER
    offline = job.site.offline
    shim = shim_file.read_text(encoding="utf-8") if offline and shim_file.is_file() else None
    context = Context(offline=offline, serving=job.serving, shim=shim)
    pages = sorted(job.site_dir.rglob("*.html"))
    hashes = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        written, allowed = with_policy(html, page, context)
        hashes += allowed
        if written != html:
            page.write_text(written, encoding="utf-8")
    how = "scripts inline under serve (live reload)" if job.serving else "inline code by hash"
    where = "file: (offline copy)" if offline else "the site itself"
    return f"Content-Security-Policy: {len(pages)} pages, {where} only, {how} ({hashes} hashes)"
