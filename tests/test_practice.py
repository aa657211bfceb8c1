"""The practice page in Chromium: marks survive a reload (on the site and from the offline copy
on disk), the keyboard alone does it, the reset asks first, and nothing of it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, SITE
from studysite.probe.page import open_page

assert SITE.practice_page is not None
PRACTICE = SITE.page(SITE.practice_page.as_posix())
BUTTONS = ".practice-question button.practice-got-it"
STATE = """() => [...document.querySelectorAll(".practice-question")].map(q => [
  q.dataset.questionId, q.querySelector("button.practice-got-it").getAttribute("aria-pressed")])"""
PROGRESS = """() => [...document.querySelectorAll("[data-practice-progress]")].map(p => [
  p.dataset.practiceProgress, p.textContent, p.hidden])"""


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def pressed(tab) -> set[str]:
    return {qid for qid, state in tab.evaluate(STATE) if state == "true"}


def overall(tab) -> str:
    return next(text for group, text, _ in tab.evaluate(PROGRESS) if group == "")


def known_line(lang: str, known: int, total: int) -> str:
    template = SITE.labels(lang).practice_progress
    return template.replace("{known}", str(known)).replace("{total}", str(total))


def open_groups(tab) -> None:
    """Each page's items are folded: open the first and the last group (whose buttons the
    tests press) as a learner does, by their summaries."""
    groups = tab.locator("details.practice-group")
    assert groups.count() >= 10 and not groups.first.evaluate("d => d.open")
    for group in (groups.first, groups.last):
        group.locator("> summary").click()
        assert group.evaluate("d => d.open")


def mark_reload_reset(tab, url: str, lang: str) -> None:
    open_page(tab, url)
    open_groups(tab)
    buttons = tab.locator(BUTTONS)
    total = buttons.count()
    assert total >= 40 and pressed(tab) == set()
    assert all(not hidden for _, _, hidden in tab.evaluate(PROGRESS))
    assert overall(tab) == known_line(lang, 0, total)
    first, last = buttons.first, buttons.last
    first.click()
    last.click()
    ids = pressed(tab)
    assert len(ids) == 2 and overall(tab) == known_line(lang, 2, total)
    tab.reload(wait_until="load")
    open_groups(tab)
    assert pressed(tab) == ids, "the marks did not survive a reload"
    assert overall(tab) == known_line(lang, 2, total)
    tab.once("dialog", lambda dialog: dialog.dismiss())  # a slip: nothing is lost
    tab.locator("button.practice-reset").click()
    assert pressed(tab) == ids
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator("button.practice-reset").click()
    assert pressed(tab) == set() and overall(tab) == known_line(lang, 0, total)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_mark_survives_a_reload_and_the_reset_clears_it(tab, base_url: str, lang: str) -> None:
    mark_reload_reset(tab, base_url + PRACTICE[lang].url, lang)


def test_the_same_works_in_the_offline_copy(tab, offline_dir: Path, offline_site) -> None:
    lang = LANGUAGES[0]
    assert offline_site.practice_page is not None
    page = offline_site.page(offline_site.practice_page.as_posix())[lang]
    mark_reload_reset(tab, (offline_dir / page.dest).as_uri(), lang)


def test_the_marks_are_shared_by_both_languages(tab, base_url: str) -> None:
    ko, en = (base_url + PRACTICE[lang].url for lang in LANGUAGES)
    open_page(tab, ko)
    open_groups(tab)
    tab.locator(BUTTONS).first.click()
    ids = pressed(tab)
    open_page(tab, en)
    assert pressed(tab) == ids


def tab_to(tab, target, presses: int, what: str) -> None:
    """Press Tab until target has the focus; fail after presses."""
    for _ in range(presses):
        tab.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {what}")


def test_the_keyboard_alone_marks_a_question(tab, base_url: str) -> None:
    """Tab reaches the question, Enter opens it, Tab reaches its button, Space and Enter
    toggle it; the button says which question it marks."""
    open_page(tab, base_url + PRACTICE[LANGUAGES[0]].url)
    group = tab.locator("details.practice-group > summary").first
    tab_to(tab, group, 200, "the first page's questions")
    tab.keyboard.press("Enter")
    summary = tab.locator(".practice-question summary").first
    tab_to(tab, summary, 40, "the first question's answer")
    tab.keyboard.press("Enter")
    assert tab.locator(".practice-question details").first.evaluate("d => d.open")
    stem = tab.locator(".practice-question .quiz-stem").first
    button = tab.locator(BUTTONS).first
    tab_to(tab, button, 20, "the question's button")
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") != "none"  # focus shows
    described = button.get_attribute("aria-describedby")
    assert described and tab.locator(f"#{described}").inner_text() == stem.inner_text()
    tab.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "true"
    tab.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "false"


def test_the_controls_do_not_print(tab, base_url: str) -> None:
    open_page(tab, base_url + PRACTICE[LANGUAGES[0]].url)
    visible = """() => [...document.querySelectorAll(
      ".practice-got-it, .practice-reset, .practice-progress")].filter(
      e => getComputedStyle(e).display !== "none").length"""
    assert tab.evaluate(visible) > 40
    tab.emulate_media(media="print")
    assert tab.evaluate(visible) == 0
    assert tab.locator(".practice-question .quiz-stem").first.is_visible()  # questions print
