"""The Content-Security-Policy of every page (steps/csp.py): what it allows, that the browser
reports no violation anywhere a reader goes, and that neither the search box nor the ?h=
highlight turns text into markup. Every page of both languages with search open and its
results shown is visited once, by test_browser.py's first views, which record violations too;
every state the accessibility tests reach (questions open, search, both schemes) as well."""

from __future__ import annotations

import re
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import LANGUAGES, PAGES, PROJECT_DIR, SITE, BuiltSite
from docstree import make_tree
from studysite.mkdocs_cli import command, environment
from studysite.probe.page import open_page
from studysite.probe.search import open_search
from studysite.probe.violations import violations, watch
from studysite.steps import csp
from studysite.steps.job import Job

META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HASH_RE = re.compile(r"'sha256-[A-Za-z0-9+/]+=*'")
INLINE_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
INLINE_STYLE_RE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
SEARCH = {"ko": ("레드시프트", "redshift.md"), "en": ("redshift", "redshift.md")}
# Markup in a query or a highlight parameter, each with a way to notice it was inserted.
PAYLOADS = [
    '<img src=x id=pwn1 onerror="window.__pwned=1">',
    '"><svg id=pwn2 onload="window.__pwned=2">',
    "<b id=pwn3>bold</b> redshift",
]
INSERTED = "() => !!document.querySelector('#pwn1, #pwn2, #pwn3, img[src=x]') || !!window.__pwned"


def directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {name: sources for name, *sources in parts}


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def check_policy(page: Path, own: str) -> dict[str, list[str]]:
    """The page's one policy, first in its head, allowing nothing but `own` and hashes."""
    html = page.read_text(encoding="utf-8")
    found = META_RE.findall(html)
    assert len(found) == 1, page
    head = html[html.index("<head") : html.index("</head>")]
    assert head.index("Content-Security-Policy") < min(
        head.find(tag) if tag in head else len(head) for tag in ("<script", "<style", "<link")
    ), page
    policy = directives(found[0])
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in found[0]
    for name, sources in policy.items():
        data = name == "img-src" or (name == "font-src" and own == "file:")  # offline font
        allowed = {own, "'none'"} | ({"data:"} if data else set())
        others = [s for s in sources if s not in allowed and not HASH_RE.fullmatch(s)]
        assert others in ([], ["'unsafe-hashes'"]), (page, name, others)  # no host, no scheme
    for attrs, text in INLINE_SCRIPT_RE.findall(html):
        if "application/json" not in attrs:
            assert csp.source_hash(text) in policy["script-src"], (page, text[:60])
    for text in INLINE_STYLE_RE.findall(html):
        assert csp.source_hash(text) in policy["style-src"], (page, text[:60])
    return policy


def test_every_page_has_its_policy(site: BuiltSite) -> None:
    pages = html_files(site.root)
    assert len(pages) >= len(PAGES) * len(LANGUAGES) + len(LANGUAGES)  # and the 404 pages
    hashes = [
        len(HASH_RE.findall(" ".join(check_policy(p, "'self'")["script-src"]))) for p in pages
    ]
    assert min(hashes) >= 2  # Material's inline scripts, allowed one by one


def test_the_offline_copy_allows_file_and_the_search_iframe(offline_dir: Path) -> None:
    shim = (offline_dir / csp.IFRAME_WORKER).read_text(encoding="utf-8")
    for page in html_files(offline_dir):
        policy = check_policy(page, "file:")
        assert policy["font-src"] == ["data:"], page  # its font is in its stylesheet
        script = csp.iframe_worker_script(shim, worker_url(page))
        assert csp.source_hash(script) in policy["script-src"]


def test_iframe_worker_script_is_what_the_shim_writes() -> None:
    shim = (PROJECT_DIR / "overrides" / csp.IFRAME_WORKER).read_text(encoding="utf-8")
    script = csp.iframe_worker_script(shim, "../w.js")
    assert script.startswith("postMessage=function c(")
    assert ";importScripts=function d(...s){" in script and 'filename:"../w.js"' in script
    assert "${" not in script
    with pytest.raises(ValueError, match=r"update steps/csp\.py"):
        csp.iframe_worker_script("var x = 1;", "../w.js")


def tree_site(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<!doctype html>\n<html>\n<head>\n  <meta charset="utf-8">\n  <title>T</title>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n",
        encoding="utf-8",
    )
    return site


def test_an_inline_handler_stops_the_step_at_its_line(tmp_path: Path) -> None:
    site = tree_site(tmp_path, '<p>ok</p>\n<button onclick="go()">Go</button>')
    with pytest.raises(ValueError, match=r"index\.html:9: inline event handler onclick="):
        csp.run(Job(SITE, site))


def test_style_attributes_and_serve(tmp_path: Path) -> None:
    site = tree_site(tmp_path, '<p style="color: red">x</p><script>var a = 1;</script>')
    csp.run(Job(SITE, site))
    built = (site / "index.html").read_text(encoding="utf-8")
    policy = directives(META_RE.search(built).group(1))
    assert policy["style-src"][-2:] == ["'unsafe-hashes'", csp.source_hash("color: red")]
    assert csp.source_hash("var a = 1;") in policy["script-src"]
    assert built.count("Content-Security-Policy") == 1
    assert '  <meta charset="utf-8">\n  <meta http-equiv=' in built
    csp.run(Job(SITE, site, serving=True))  # MkDocs' live reload: scripts inline, no hashes
    served = directives(META_RE.search((site / "index.html").read_text("utf-8")).group(1))
    assert served["script-src"] == ["'self'", "'unsafe-inline'"]
    assert served["style-src"] == policy["style-src"]


@pytest.fixture(scope="module")
def tab(browser):
    context = watch(browser.new_context(viewport={"width": 1280, "height": 900}))
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_violation_on_the_404_page(tab, base_url: str, lang: str) -> None:
    open_page(tab, f"{base_url}{SITE.language(lang).prefix}404.html")
    assert tab.locator("h1").count() == 1
    assert violations(tab) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_box_and_highlight_insert_no_markup(tab, base_url: str, payload: str) -> None:
    open_search(tab, base_url + SITE.home["en"].url)
    tab.keyboard.type(payload)
    tab.wait_for_timeout(300)  # the worker answers within a few ms; let the results render
    assert not tab.evaluate(INSERTED)
    target = SITE.page("redshift.md")["en"].url
    open_page(tab, f"{base_url}{target}?h={quote(payload)}")
    assert tab.locator("article h1").count() == 1
    assert not tab.evaluate(INSERTED)
    assert tab.evaluate("() => document.querySelectorAll('article mark').length") >= 1
    assert violations(tab) == []


def worker_url(page: Path) -> str:
    """The search worker a page of the offline copy starts (its __config "search")."""
    url = csp.worker_url(page.read_text(encoding="utf-8"))
    assert url is not None, page
    return url


# The offline copy's pages are checked for violations from disk, search opened on one page of
# each worker URL, in test_offline.py (one load of each page for every check of it).


def test_live_reload_runs_under_the_policy_in_serve(browser, tmp_path: Path) -> None:
    """Under `mkdocs serve` the post-build hook writes the policy with inline scripts allowed:
    MkDocs' live-reload script, injected inline into every response, runs."""
    hook = PROJECT_DIR / "scripts/studysite/hooks/post_build.py"
    make_tree(tmp_path, {"index.md": "# Home\n\nText.\n"}, hooks=[str(hook)],
              theme={"name": "material", "font": False})  # fmt: skip
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        command("serve", "--livereload", "-a", f"127.0.0.1:{port}"),
        cwd=tmp_path,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    context = watch(browser.new_context())
    try:
        tab = context.new_page()
        deadline = time.monotonic() + 60
        while True:
            try:
                tab.goto(f"http://127.0.0.1:{port}/", wait_until="load", timeout=5000)
                break
            except Exception:  # not listening yet
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.5)
        html = tab.content()
        assert "Content-Security-Policy" in html and "'unsafe-inline'" in html
        assert tab.evaluate("() => typeof window.livereload") == "function"
        assert violations(tab) == []
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=10)
