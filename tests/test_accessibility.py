"""WCAG 2.2 AA, measured with axe-core (npm) in headless Chromium: every page in both
languages and both colour schemes, as loaded, with its review questions open, and with the
search dialog open and showing results.

Each page is loaded once per scheme and each of its states audited once (`states`): as
loaded, then with every question open (that audit scoped to the opened blocks, the only part
that changed). The schemes' tabs work side by side: loads and audits run in their renderer
processes at once, started in every tab before any is waited for. The light scheme runs every
WCAG AA rule. The dark scheme changes colours only, so it runs axe's colour rules over the
page, and every rule over the palette toggle, whose label changes with the scheme.
`test_the_dark_scheme_changes_colours_only` proves the premise on every page: the same
elements, attributes, text, boxes and visibility in both schemes."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page as Tab

from conftest import DOCS_DIR, LANGUAGES, PAGE_IDS, PAGES, SITE, missing
from studysite.model import Page
from studysite.probe.axe import Run, Violation, audit, audit_result, start_audit
from studysite.probe.search import load_queries, open_search
from studysite.probe.violations import violations as csp_violations
from studysite.probe.violations import watch

QUERIES = load_queries(Path(__file__).parent / "data" / "search-queries.yml")
# Material's body attribute for each scheme the browser can prefer (palette in mkdocs.yml).
SCHEMES = {"light": "default", "dark": "slate"}
FULL_SCHEME = "light"  # the scheme every rule runs in; the other runs the colour rules
COLOUR_RULES = "cat.color"  # axe's category of the rules that read colours
PALETTE = "form[data-md-component='palette']"  # Material's scheme toggle
# Everything but colour that axe's rules read, element by element: tag, attributes, own
# text, box and visibility. The palette toggle is left out: its labels change with the scheme.
LAYOUT = """(palette) => {
  const toggle = document.querySelector(palette);
  return [...document.body.querySelectorAll("*")]
    .filter(el => !(toggle && toggle.contains(el)))
    .map(el => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // Search's status line says whether its worker is ready yet: timing, not scheme.
      const text = el.matches(".md-search-result__meta") ? "" : [...el.childNodes]
        .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.data.trim()).join(" ");
      const attributes = [...el.attributes].map(a => `${a.name}=${a.value}`).join(" ");
      return [el.tagName, attributes, text, style.display, style.visibility, style.opacity,
        style.fontSize, style.fontWeight, [box.x, box.y, box.width, box.height]
          .map(Math.round).join(",")].join(" | ");
    });
}"""


def has_questions(page: Page, lang: str) -> bool:
    """Whether the page's source has a collapsible block (pymdownx.details: ??? or ???+)."""
    text = (DOCS_DIR / page[lang].source).read_text(encoding="utf-8")
    return any(line.lstrip().startswith("???") for line in text.splitlines())


QUESTION_PAGES = [
    pytest.param(page, lang, id=f"{page.name}-{lang}")
    for page in PAGES
    for lang in LANGUAGES
    if has_questions(page, lang)
]
SCHEME_PARAMS = pytest.mark.parametrize("scheme", list(SCHEMES))


@dataclass
class State:
    """What one load of a page in one scheme showed."""

    applied: str  # Material's scheme, as the body says
    lang: str  # the document's language
    layout: list[str]  # LAYOUT, as loaded
    loaded: list[Violation]  # the audit as loaded
    opened: list[Violation] | None = None  # the audit with every question open
    closed_after: int = 0  # questions still closed after opening them all
    refused: list[dict] = field(default_factory=list)  # Content-Security-Policy violations


@pytest.fixture(scope="module")
def axe_script() -> Path:
    from studysite.node import axe_script as find

    script = find()
    if script is None:
        missing("axe-core is not installed (npm; make installs it into node_modules)")
    return script


@pytest.fixture(scope="module")
def tabs(browser, axe_script: Path, base_url: str):
    """A tab per colour scheme, its browser preferring that scheme; axe-core in every page it
    opens (an init script: sent once, run through DevTools as audit() runs it).

    Each tab first opens every language's home page: the language's common font slice is
    drawn only if it is there for the first paint (`font-display: optional`), and a page
    opened first on a busy machine can miss it and draw in another width in one scheme than
    in the other. From the second page on it is in the cache, as for a reader."""
    contexts = {
        scheme: watch(
            browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        )
        for scheme in SCHEMES
    }
    for context in contexts.values():
        context.add_init_script(path=axe_script)
    tabs = {scheme: context.new_page() for scheme, context in contexts.items()}
    for tab in tabs.values():
        for lang in LANGUAGES:
            load(tab, base_url + SITE.home[lang].url)
    yield tabs
    for context in contexts.values():
        context.close()


def load(tab, url: str) -> None:
    """Open a page as axe needs it: loaded, its fonts in (the search worker is not needed)."""
    tab.goto(url, wait_until="load")
    tab.evaluate("document.fonts.ready.then(() => true)")


def runs_in(scheme: str, include: str | None = None) -> list[Run]:
    """The audit of the scheme: every rule in FULL_SCHEME; else the colour rules, and every
    rule over the palette toggle (when in scope)."""
    if scheme == FULL_SCHEME:
        return [Run(include=include)]
    runs = [Run(only=COLOUR_RULES, include=include)]
    return runs if include is not None else [*runs, Run(include=PALETTE)]


def audits(
    tabs: dict[str, Tab], axe_script: Path, include: str | None = None
) -> dict[str, list[Violation]]:
    """Each scheme's audit of its tab, side by side: all started, then all collected (each
    tab's page runs axe in its own renderer process, on its own core)."""
    for scheme, tab in tabs.items():
        start_audit(tab, axe_script, runs_in(scheme, include))
    return {scheme: audit_result(tab) for scheme, tab in tabs.items()}


def load_all(tabs: dict[str, Tab], url: str) -> None:
    """Open url in every tab, the loads side by side: the other tabs navigate while the first
    loads (each waits for its own load event), then their fonts."""
    first, *others = tabs.values()
    with ExitStack() as waiting:
        for tab in others:
            waiting.enter_context(tab.expect_navigation(url=url, wait_until="load"))
            tab.evaluate("(address) => { location.href = address; }", url)
        first.goto(url, wait_until="load")
    for tab in tabs.values():
        tab.evaluate("document.fonts.ready.then(() => true)")


# What opening the questions changes: the collapsible blocks of the article and what they hold
# (the rest of the page was audited as loaded).
OPENED = "article details"
# Every collapsed question of the article opened as a click opens it (its summary's activation
# behaviour), in one round trip; nested ones too. Answers: how many stay closed.
OPEN_QUESTIONS = """() => {
  for (const summary of document.querySelectorAll("article details:not([open]) > summary")) {
    summary.click();
  }
  return document.querySelectorAll("article details:not([open])").length;
}"""


def record(tabs: dict[str, Tab], axe_script: Path, url: str, questions: bool) -> dict[str, State]:
    """One page in every scheme, its tabs side by side: loaded, laid out and audited; then,
    with every question open, the opened blocks audited."""
    load_all(tabs, url)
    made = {
        scheme: State(
            applied=tab.evaluate("() => document.body.dataset.mdColorScheme"),
            lang=tab.evaluate("document.documentElement.lang"),
            layout=tab.evaluate(LAYOUT, PALETTE),
            loaded=[],
        )
        for scheme, tab in tabs.items()
    }
    for scheme, found in audits(tabs, axe_script).items():
        made[scheme].loaded = found
    closed = tabs[FULL_SCHEME].locator("article details:not([open]) > summary").count() > 0
    if questions and closed:
        for scheme, tab in tabs.items():
            made[scheme].closed_after = tab.evaluate(OPEN_QUESTIONS)
        for scheme, found in audits(tabs, axe_script, include=OPENED).items():
            made[scheme].opened = found
    for scheme, tab in tabs.items():
        made[scheme].refused = csp_violations(tab)
    return made


@pytest.fixture(scope="module")
def states(tabs, axe_script: Path, base_url: str):
    """The states of a page in a scheme, loaded and audited on first use (in every scheme at
    once), then kept."""
    made: dict[tuple[str, str], State] = {}

    def state(scheme: str, path: str, questions: bool = False) -> State:
        if (scheme, path) not in made:
            recorded = record(tabs, axe_script, base_url + path, questions)
            made.update({(name, path): found for name, found in recorded.items()})
        return made[scheme, path]

    return state


def assert_clean(state: State, found: list[Violation] | None, scheme: str, what: str) -> None:
    assert state.applied == SCHEMES[scheme], f"the {scheme} scheme did not apply: {state.applied}"
    assert found is not None, f"{what}: the page has no collapsed question to open"
    report = "\n".join(str(v) for v in found)
    assert not found, f"{what} ({scheme}):\n{report}"
    # The same states, under the page's Content-Security-Policy: nothing refused.
    assert state.refused == [], what


def not_found_path(lang: str) -> str:
    return SITE.language(lang).prefix + "404.html"


@SCHEME_PARAMS
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_has_no_axe_violations(states, scheme: str, page: Page, lang: str) -> None:
    state = states(scheme, page[lang].url, has_questions(page, lang))
    assert_clean(state, state.loaded, scheme, page[lang].url)


@SCHEME_PARAMS
@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_has_no_axe_violations(states, scheme: str, lang: str) -> None:
    state = states(scheme, not_found_path(lang))
    assert state.lang == lang
    assert_clean(state, state.loaded, scheme, not_found_path(lang))


@SCHEME_PARAMS
@pytest.mark.parametrize(("page", "lang"), QUESTION_PAGES)
def test_open_review_questions_have_no_axe_violations(
    states, scheme: str, page: Page, lang: str
) -> None:
    state = states(scheme, page[lang].url, True)
    assert state.closed_after == 0, "a question stayed closed"
    assert_clean(state, state.opened, scheme, page[lang].url + " (questions open)")


def _differences(light: list[str], dark: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(light, dark, strict=False) if a != b] or (
        [("count", f"{len(light)} vs {len(dark)}")] if len(light) != len(dark) else []
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", [*PAGES, None], ids=[*PAGE_IDS, "404"])
def test_the_dark_scheme_changes_colours_only(
    states, tabs, base_url: str, page: Page | None, lang: str
) -> None:
    """The premise of the dark scheme's shorter audit, page by page. A difference is looked
    at again in a fresh load of both: the common font slice is `font-display: optional`, and
    on a busy machine one load may miss its first paint and lay text out in the fallback
    font (a reader's browser does the same; it is not the scheme). A real difference stays."""
    path = not_found_path(lang) if page is None else page[lang].url
    questions = page is not None and has_questions(page, lang)
    light, dark = (states(scheme, path, questions).layout for scheme in SCHEMES)
    assert len(light) > 100, "the layout probe saw almost nothing"
    differ = _differences(light, dark)
    if differ:
        for tab in tabs.values():
            load(tab, base_url + path)
        light, dark = (tabs[scheme].evaluate(LAYOUT, PALETTE) for scheme in SCHEMES)
        differ = _differences(light, dark)
    assert not differ, f"/{path}: {len(light)} vs {len(dark)} elements; first: {differ[:3]}"


@SCHEME_PARAMS
@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_search_with_results_has_no_axe_violations(
    tabs, axe_script: Path, base_url: str, scheme: str, lang: str
) -> None:
    """Every rule in both schemes: the search dialog is not covered by the layout proof."""
    tab = tabs[scheme]
    query = next(q for q in QUERIES if q.lang == lang)
    open_search(tab, base_url + SITE.home[lang].url)
    tab.keyboard.type(query.text)
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    # The results' colours fade in: audit what the reader sees once they have.
    tab.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
    assert tab.locator(".md-search__inner").is_visible()
    applied = tab.evaluate("() => document.body.dataset.mdColorScheme")
    assert applied == SCHEMES[scheme], f"the {scheme} scheme did not apply: {applied}"
    found = audit(tab, axe_script)
    assert not found, "\n".join(str(v) for v in found)
    assert csp_violations(tab) == [], tab.url


def test_question_pages_are_found() -> None:
    """The question test above runs on at least one page per language."""
    assert {lang for _page, lang in (p.values for p in QUESTION_PAGES)} == set(LANGUAGES)


# The practice engine's states, each as a learner reaches it (studysite.practice and
# javascripts/practice*.js): drawn by script after the load, so the layout proof does not
# cover them and every rule runs in both schemes.
PRACTICE = SITE.page(SITE.practice_page.as_posix()) if SITE.practice_page else None
ANSWER_KEYS = """() => {
  const form = document.querySelector(".practice-item");
  const bank = self.studysiteBanks[form.lang];
  const item = bank.items.find(i => i.id === form.dataset.questionId);
  return item.options.filter(o => o.correct).map(o => o.id);
}"""


# No animation running: Material's colour transitions take 0.25 s at most. Polled, not
# awaited: a transition whose element a scheme switch hides may never settle its promise.
STILL = "() => document.getAnimations().every(a => a.playState !== 'running')"


def prefer(tab, scheme: str) -> None:
    """The browser prefers scheme; Material's automatic palette follows."""
    tab.emulate_media(color_scheme=scheme)
    tab.wait_for_function("(s) => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])


# Transitions run this many times faster: the audits wait for the end of each (STILL), and
# what they see then is the same.
ANIMATION_RATE = 50


def hurry_animations(tab) -> None:
    """The page's animations and transitions at ANIMATION_RATE (DevTools protocol)."""
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("Animation.enable")
    cdp.send("Animation.setPlaybackRate", {"playbackRate": ANIMATION_RATE})


def settled(tab, axe_script: Path) -> list[str]:
    """The engine's part of the page audited once it is still, in both colour schemes: the
    pointer moved off the button it pressed, the buttons' colour transitions run to their end;
    then the same in the other scheme (the browser's preference, which Material's automatic
    palette follows at once). The page stays in that scheme: the next state is audited in it
    first, so each state costs one switch. One walk, two audits per state."""
    found = []
    tab.mouse.move(0, 0)
    current = tab.evaluate("() => document.body.dataset.mdColorScheme")
    order = sorted(SCHEMES, key=lambda scheme: SCHEMES[scheme] != current)
    for scheme in order:
        prefer(tab, scheme)
        tab.wait_for_function(STILL)
        found.append([f"{scheme}: {v}" for v in audit(tab, axe_script, include=".practice-app")])
    return [v for violations in found for v in violations]


def practice_states(tab, axe_script: Path, lang: str, bad_file: Path):
    """Walk the engine's states; yield each one's name and its violations."""
    words = SITE.labels(lang).practice_ui
    tab.wait_for_selector(".practice-controls:not([disabled])", state="attached")
    for fold in ("details.practice-areas-fold", "details.practice-data"):
        tab.locator(f"{fold} > summary").click()
    yield "dashboard", settled(tab, axe_script)
    tab.get_by_role("button", name=words["start"], exact=True).click()
    tab.wait_for_selector(".practice-item input")
    yield "practice question", settled(tab, axe_script)
    tab.get_by_role("button", name=words["check"], exact=True).click()  # nothing chosen
    yield "answer refused (its count)", settled(tab, axe_script)
    for key in tab.evaluate(ANSWER_KEYS):
        tab.locator(f".practice-item input[value={key}]").check()
    tab.get_by_role("button", name=words["check"], exact=True).click()
    tab.wait_for_selector(".practice-feedback .practice-verdict")
    yield "feedback", settled(tab, axe_script)
    tab.get_by_role("button", name=words["finish"], exact=True).click()
    tab.get_by_role("button", name=words["exam_start"], exact=True).click()
    tab.wait_for_selector(".practice-exam .practice-item input")
    tab.locator(".practice-item input[name=answer]").first.check()
    tab.get_by_role("button", name=words["flag"], exact=True).click()
    yield "exam with its navigator", settled(tab, axe_script)
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.get_by_role("button", name=words["submit"], exact=True).click()
    tab.wait_for_selector(".practice-result")
    yield "result", settled(tab, axe_script)
    tab.get_by_role("button", name=words["back"], exact=True).click()
    tab.locator("#practice-import").set_input_files(bad_file)
    tab.wait_for_function("() => document.querySelector('.practice-alert').textContent")
    yield "import error", settled(tab, axe_script)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_state_of_the_practice_engine_has_no_axe_violations(
    browser, axe_script: Path, base_url: str, tmp_path: Path, lang: str
) -> None:
    """Every rule, in both schemes, in every state a learner reaches."""
    assert PRACTICE is not None
    context = watch(
        browser.new_context(color_scheme=FULL_SCHEME, viewport={"width": 1280, "height": 900})
    )
    try:
        context.add_init_script(path=axe_script)
        tab = context.new_page()
        hurry_animations(tab)
        load(tab, base_url + PRACTICE[lang].url)
        bad = tmp_path / "bad.json"
        bad.write_text("{ not json", encoding="utf-8")
        walked = dict(practice_states(tab, axe_script, lang, bad))
        assert len(walked) == 7
        found = {name: v for name, v in walked.items() if v}
        assert not found, "\n".join(
            f"{name}:\n" + "\n".join(violations) for name, violations in found.items()
        )
        assert csp_violations(tab) == []
    finally:
        context.close()
