"""The practice engine in Chromium (overrides/javascripts/practice*.js on the practice page):
practice with feedback and scheduling, the scopes, the language toggle, the timed mock exam
across a reload and at time-out, the dashboard, the v1 marks' migration, export and import
(and every kind of bad file), the offline copy, a browser without storage or without
JavaScript, print, the keyboard, a narrow screen. Time is Playwright's fixed clock where it
matters; FSRS's intervals are compared with the pinned package's own, run under Node."""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import LANGUAGES, SITE, BuiltSite, missing
from studysite import PROJECT_DIR, bank
from studysite.node import NODE_MODULES, node
from studysite.probe.page import open_page

assert SITE.practice_page is not None
PRACTICE = SITE.page(SITE.practice_page.as_posix())
WORDS = {lang: SITE.labels(lang).practice_ui for lang in LANGUAGES}
KEY = "studysite.practice.v2"
OLD = "studysite.practice.v1"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DOMAIN_WEIGHTS = {"secure": 30, "resilient": 26, "performance": 24, "cost": 20}
TAG_RE = re.compile(r"<[^>]+>")


def text_of(markup: str) -> str:
    return " ".join(html.unescape(TAG_RE.sub("", markup)).split())


def fill(template: str, **values: Any) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m[1], m[0])), template)


@pytest.fixture(scope="module")
def banks(site: BuiltSite) -> dict[str, dict[str, dict]]:
    found = {}
    for lang in LANGUAGES:
        path = bank.bank_path(SITE, lang)
        assert path is not None
        data = json.loads((site.root / path).read_text(encoding="utf-8"))
        found[lang] = {item["id"]: item for item in data["items"]}
    return found


@pytest.fixture()
def context(browser):
    made = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield made
    made.close()


@pytest.fixture()
def tab(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"script errors: {errors}"


def url(base_url: str, lang: str) -> str:
    return base_url + PRACTICE[lang].url


def ready(tab, address: str) -> None:
    open_page(tab, address)
    tab.wait_for_selector(".practice-controls:not([disabled])", state="attached")


def button(tab, lang: str, word: str):
    return tab.get_by_role("button", name=WORDS[lang][word], exact=True)


def stored(tab) -> dict:
    return tab.evaluate(f"() => JSON.parse(localStorage.getItem({KEY!r}) || 'null')")


# Progress stored before the page's own scripts run, once per tab (its session storage
# remembers): the first load finds it, as a returning learner's does; reloads keep what the
# engine stored since.
SEED_ONCE = """([flag, key, data, oldKey, old]) => {
  if (sessionStorage.getItem(flag)) return;
  sessionStorage.setItem(flag, "1");
  localStorage.clear();
  if (data) localStorage.setItem(key, JSON.stringify(data));
  if (old) localStorage.setItem(oldKey, JSON.stringify(old));
}"""


def returning(tab, address: str, data: dict | None, old: dict | None = None) -> None:
    """Open the page as a learner whose browser holds this progress (and v1 marks): one load,
    where ready() then seed() took two."""
    arguments = json.dumps(["studysite.test.seeded", KEY, data, OLD, old])
    tab.add_init_script(script=f"({SEED_ONCE})({arguments})")
    ready(tab, address)


def seed(tab, data: dict | None, old: dict | None = None) -> None:
    """Store progress as an earlier visit left it, and load the page again."""
    tab.evaluate(
        """([key, data, oldKey, old]) => {
          localStorage.clear();
          if (data) localStorage.setItem(key, JSON.stringify(data));
          if (old) localStorage.setItem(oldKey, JSON.stringify(old));
        }""",
        [KEY, data, OLD, old],
    )
    tab.reload(wait_until="load")
    tab.wait_for_selector(".practice-controls:not([disabled])", state="attached")


def progress(items: dict[str, dict]) -> dict:
    return {"schema": "studysite.practice", "version": 2, "items": items, "exams": [],
            "exam": None}  # fmt: skip


def entry(correct: bool, updated: int = 1) -> dict:
    return {"seen": 1, "correct": int(correct), "last": correct, "updated": updated}


def start(tab, lang: str, scope: str = "all", service: str | None = None) -> None:
    form = tab.locator("form[data-practice-form=practice]")
    form.locator(f"input[name=scope][value={scope}]").check()
    if service:
        form.locator(f"input[name=service][value={service}]").check()
    form.get_by_role("button", name=WORDS[lang]["start"], exact=True).click()
    tab.wait_for_selector(".practice-item input")


def current(tab) -> str:
    return tab.locator(".practice-item").get_attribute("data-question-id")


def shown_order(tab) -> list[str]:
    return tab.locator(".practice-item input[name=answer]").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )


def choose(tab, item: dict, right: bool) -> None:
    keys = [o["id"] for o in item["options"] if o["correct"]]
    wrong = [o["id"] for o in item["options"] if not o["correct"]]
    picks = keys if right else wrong[: len(keys)]
    for option in picks:
        tab.locator(f".practice-item input[value={option}]").check()


def answer(tab, lang: str, item: dict, right: bool) -> None:
    choose(tab, item, right)
    button(tab, lang, "check").click()
    tab.wait_for_selector(".practice-feedback .practice-verdict")


def position(tab, lang: str) -> tuple[int, int]:
    """The item's place in the session, read with the language's template."""
    pattern = re.escape(WORDS[lang]["position"])
    pattern = pattern.replace(r"\{n\}", r"(?P<n>\d+)").replace(r"\{total\}", r"(?P<total>\d+)")
    found = re.fullmatch(pattern, tab.locator(".practice-position").inner_text())
    assert found is not None
    return int(found["n"]), int(found["total"])


# --- Practice ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_answer_gets_its_feedback_and_its_next_review(tab, base_url, banks, lang) -> None:
    """Checked, an answer shows in the live region: correct or not, the key (by the letters
    as drawn), every option's explanation and the link to the section; it is stored, due
    again soon when wrong, and the dashboard counts it."""
    ready(tab, url(base_url, lang))
    words = WORDS[lang]
    assert tab.locator("[data-practice-due]").inner_text() == fill(words["due_today"], count=0)
    start(tab, lang)
    item = banks[lang][current(tab)]
    order = shown_order(tab)
    assert sorted(order) == [o["id"] for o in item["options"]]
    legend = tab.locator(".practice-item legend").inner_text()
    assert " ".join(legend.split()) == text_of(item["stem"])
    answer(tab, lang, item, right=False)
    feedback = tab.locator(".practice-feedback[role=status]")
    said = " ".join(feedback.inner_text().split())
    assert said.startswith(SITE.labels(lang).quiz_wrong)
    letters = ", ".join(
        sorted(chr(65 + order.index(o["id"])) for o in item["options"] if o["correct"])
    )
    assert f"{SITE.labels(lang).quiz_key}: {letters}" in said
    for option in item["options"]:
        for why in option["why"]:
            assert text_of(why) in said, f"{item['id']}: an explanation is missing"
    link = feedback.locator("a", has_text=item["section_title"]).last
    assert link.get_attribute("href").endswith(item["section"].lstrip("./").lstrip("."))
    assert button(tab, lang, "again").get_attribute("aria-pressed") == "true"
    saved = stored(tab)["items"][item["id"]]
    assert saved["seen"] == 1 and saved["correct"] == 0 and saved["last"] is False
    button(tab, lang, "next").click()
    tab.wait_for_function(
        "() => /2/.test(document.querySelector('.practice-position').textContent)"
    )
    second = banks[lang][current(tab)]
    answer(tab, lang, second, right=True)
    assert " ".join(feedback.inner_text().split()).startswith(SITE.labels(lang).quiz_right)
    assert button(tab, lang, "good").get_attribute("aria-pressed") == "true"
    button(tab, lang, "finish").click()
    due = tab.evaluate(
        """(key) => { const end = new Date(); end.setHours(24, 0, 0, 0);
          return Object.values(JSON.parse(localStorage.getItem(key)).items)
            .filter(e => Date.parse(e.card.due) < end).length; }""",
        KEY,
    )
    assert due >= 1  # the wrong one comes back in minutes (FSRS's learning steps)
    assert tab.locator("[data-practice-due]").inner_text() == fill(words["due_today"], count=due)
    total = len(banks[lang])
    seen = fill(words["seen"], seen=2, total=total, unseen=total - 2)
    assert tab.locator("[data-practice-seen]").inner_text() == seen
    assert tab.locator(".practice-note").inner_text() == fill(words["finished"], correct=1, total=2)


FSRS = """
const FSRS = require(process.argv[1]);
const now = new Date(process.argv[2]);
const scheduler = FSRS.fsrs();
const card = (rating) => {
  const c = scheduler.next(FSRS.createEmptyCard(now), now, FSRS.Rating[rating]).card;
  return {due: c.due.toISOString(), stability: c.stability, difficulty: c.difficulty,
          state: c.state, reps: c.reps, lapses: c.lapses, scheduled_days: c.scheduled_days};
};
console.log(JSON.stringify({Good: card("Good"), Easy: card("Easy"), Again: card("Again")}));
"""


def library_cards() -> dict[str, dict]:
    executable = node()
    package = NODE_MODULES / "ts-fsrs" / "dist" / "index.cjs"
    if executable is None or not package.is_file():
        missing("Node.js and ts-fsrs are needed (make system-deps node-tools)")
    done = subprocess.run(
        [str(executable), "-e", FSRS, str(package), T0.isoformat()],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_the_next_review_is_the_librarys_on_a_fixed_clock(tab, base_url, banks) -> None:
    """A right answer is rated Good, a wrong one Again, and the learner's own rating
    overrides it: each card is what the pinned ts-fsrs makes of a new card at that time."""
    expected = library_cards()
    lang = LANGUAGES[0]
    tab.clock.set_fixed_time(T0)
    ready(tab, url(base_url, lang))
    start(tab, lang)
    item = banks[lang][current(tab)]
    answer(tab, lang, item, right=True)
    fields = ("due", "stability", "difficulty", "state", "reps", "lapses", "scheduled_days")

    def card() -> dict:
        saved = stored(tab)["items"][item["id"]]["card"]
        return {name: saved[name] for name in fields}

    assert card() == expected["Good"]
    button(tab, lang, "easy").click()
    assert card() == expected["Easy"]
    assert button(tab, lang, "easy").get_attribute("aria-pressed") == "true"
    button(tab, lang, "again").click()
    assert card() == expected["Again"]
    assert stored(tab)["items"][item["id"]]["seen"] == 1  # a new rating is not a new answer


def test_each_scope_draws_what_it_names(tab, base_url, banks) -> None:
    lang = LANGUAGES[0]
    ready(tab, url(base_url, lang))
    items = banks[lang]
    msk = [i for i in items.values() if i["service"] == "msk"]
    start(tab, lang, "services", "msk")
    assert position(tab, lang) == (1, len(msk)) and items[current(tab)]["service"] == "msk"
    button(tab, lang, "finish").click()
    tab.locator("#practice-domain").select_option("cost")
    start(tab, lang, "domain")
    cost = [i for i in items.values() if i["domain"] == "cost"]
    assert position(tab, lang) == (1, len(cost)) and items[current(tab)]["domain"] == "cost"
    button(tab, lang, "finish").click()
    wrong, right = list(items)[:2]
    seed(tab, progress({wrong: entry(False), right: entry(True)}))
    start(tab, lang, "mistakes")
    assert position(tab, lang) == (1, 1) and current(tab) == wrong
    button(tab, lang, "finish").click()
    tab.locator("form[data-practice-form=practice] input[value=due]").check()
    tab.locator("form[data-practice-form=practice] button[type=submit]").click()
    assert tab.locator(".practice-alert").inner_text() == WORDS[lang]["empty"]  # no cards yet


def test_a_multiple_response_item_takes_exactly_its_count(tab, base_url, banks) -> None:
    lang = LANGUAGES[-1]
    item = next(i for i in banks[lang].values() if i["kind"] == "multiple")
    returning(tab, url(base_url, lang), progress({item["id"]: entry(False)}))
    start(tab, lang, "mistakes")
    assert current(tab) == item["id"]
    inputs = tab.locator(".practice-item input[name=answer]")
    assert inputs.count() == len(item["options"])
    assert set(inputs.evaluate_all("l => l.map(i => i.type)")) == {"checkbox"}
    first_key = next(o["id"] for o in item["options"] if o["correct"])
    tab.locator(f".practice-item input[value={first_key}]").check()
    button(tab, lang, "check").click()
    count = sum(o["correct"] for o in item["options"])
    assert tab.locator(".practice-problem[role=alert]").inner_text() == fill(
        WORDS[lang]["choose"], count=count
    )
    assert stored(tab)["items"][item["id"]]["seen"] == 1  # not checked: not counted
    tab.locator(f".practice-item input[value={first_key}]").uncheck()
    answer(tab, lang, item, right=True)
    assert stored(tab)["items"][item["id"]]["last"] is True


def test_an_item_shows_in_the_other_language_with_one_progress(tab, base_url, banks) -> None:
    lang, other = LANGUAGES[0], LANGUAGES[-1]
    ready(tab, url(base_url, lang))
    start(tab, lang)
    item_id = current(tab)
    order = shown_order(tab)
    toggle = button(tab, lang, "other_language")
    toggle.click()
    tab.wait_for_selector(f".practice-item[lang={other}]")
    assert toggle.get_attribute("aria-pressed") == "true"
    legend = " ".join(tab.locator(".practice-item legend").inner_text().split())
    assert legend == text_of(banks[other][item_id]["stem"])
    assert shown_order(tab) == order  # the same drawing, in the other words
    answer(tab, lang, banks[other][item_id], right=True)
    said = " ".join(tab.locator(".practice-feedback").inner_text().split())
    assert text_of(banks[other][item_id]["options"][0]["why"][0]) in said
    assert stored(tab)["items"][item_id]["correct"] == 1
    open_page(tab, url(base_url, other))  # the other language's page: the same progress
    tab.wait_for_selector(".practice-controls:not([disabled])", state="attached")
    total = len(banks[other])
    assert tab.locator("[data-practice-seen]").inner_text() == fill(
        WORDS[other]["seen"], seen=1, total=total, unseen=total - 1
    )


# --- Mock exam -----------------------------------------------------------------------------


def paused_at(tab, moment: datetime) -> None:
    """Playwright's clock, installed just before the moment and stopped at it (time moves
    between the calls: pausing at the installed time itself may already be the past)."""
    tab.clock.install(time=moment - timedelta(minutes=1))
    tab.clock.pause_at(moment)


def start_exam(tab, lang: str, kind: str = "short", extra: bool = False) -> dict:
    form = tab.locator("form[data-practice-form=exam]")
    form.locator(f"input[name=exam][value={kind}]").check()
    if extra:
        form.locator("input[name=extra]").check()
    form.get_by_role("button", name=WORDS[lang]["exam_start"], exact=True).click()
    tab.wait_for_selector(".practice-exam .practice-item input")
    return stored(tab)["exam"]


def timer(tab) -> str:
    return tab.locator(".practice-timer[role=timer]").inner_text()


def domain_counts(exam: dict, items: dict) -> dict[str, int]:
    return dict(Counter(items[entry["id"]]["domain"] for entry in exam["items"]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_short_exam_survives_a_reload_and_submits_at_time_out(tab, base_url, banks, lang):
    words = WORDS[lang]
    items = banks[lang]
    paused_at(tab, T0)
    ready(tab, url(base_url, lang))
    exam = start_exam(tab, lang)
    assert len(exam["items"]) == 20 and len({e["id"] for e in exam["items"]}) == 20
    assert domain_counts(exam, items) == {"secure": 6, "resilient": 5, "performance": 5, "cost": 4}
    for drawn in exam["items"]:  # options shuffled, keeping their ids
        assert sorted(drawn["order"]) == [o["id"] for o in items[drawn["id"]]["options"]]
    assert any(d["order"] != sorted(d["order"]) for d in exam["items"])
    assert timer(tab) == fill(words["time_left"], time="40:00")
    assert tab.locator(".practice-feedback").count() == 0  # no feedback in an exam
    first = items[exam["items"][0]["id"]]
    choose(tab, first, right=True)
    button(tab, lang, "flag").click()
    navigator = tab.get_by_role("navigation", name=words["navigator"])
    buttons = navigator.locator("button")
    assert buttons.count() == 20
    said = buttons.first.inner_text()
    assert words["answered"] in said and words["flagged"] in said
    assert buttons.first.get_attribute("aria-current") == "step"
    buttons.nth(1).click()
    tab.wait_for_function("() => document.querySelectorAll('[aria-current=step]').length === 1")
    assert buttons.nth(1).get_attribute("aria-current") == "step"
    other = LANGUAGES[-1] if lang == LANGUAGES[0] else LANGUAGES[0]
    button(tab, lang, "other_language").click()  # the other language, as the exam allows
    tab.wait_for_selector(f".practice-exam .practice-item[lang={other}]")
    assert " ".join(tab.locator(".practice-item legend").inner_text().split()) == text_of(
        banks[other][exam["items"][1]["id"]]["stem"]
    )
    tab.clock.run_for(10 * 60 * 1000)
    tab.reload(wait_until="load")
    tab.wait_for_selector(".practice-exam .practice-item input")
    resumed = stored(tab)["exam"]
    assert [e["id"] for e in resumed["items"]] == [e["id"] for e in exam["items"]]
    assert resumed["flags"] == {first["id"]: True} and resumed["index"] == 1
    assert sorted(resumed["answers"][first["id"]]) == sorted(
        o["id"] for o in first["options"] if o["correct"]
    )
    assert timer(tab) == fill(words["time_left"], time="30:00")
    warning = tab.locator(".practice-warning[role=alert]")
    assert warning.inner_text() == ""
    tab.clock.run_for(25 * 60 * 1000 + 1000)
    assert warning.inner_text() == words["time_warning"]
    tab.clock.run_for(5 * 60 * 1000)
    tab.wait_for_selector(".practice-result")
    result = tab.locator(".practice-result")
    assert words["time_up"] in result.inner_text()
    score = round(100 + 900 * 1 / 20)
    assert fill(words["score"], score=score) in result.inner_text()
    assert words["fail"] in result.inner_text() and words["score_note"] in result.inner_text()
    assert result.locator(".practice-review > li").count() == 20
    captions = result.locator("caption").all_inner_texts()
    assert captions == [words["by_domain"], words["by_service"]]
    history = stored(tab)["exams"]
    assert len(history) == 1 and history[0]["score"] == score and history[0]["timeUp"] is True
    assert stored(tab)["exam"] is None
    button(tab, lang, "back").click()
    tab.locator("details.practice-areas-fold > summary").click()
    assert tab.locator(".practice-history li").count() == 1
    assert str(score) in tab.locator(".practice-history li").inner_text()
    assert stored(tab)["items"][first["id"]]["correct"] == 1  # the exam's answers count


def test_the_full_exam_with_extra_time_draws_by_domain_weight(tab, base_url, banks) -> None:
    lang = LANGUAGES[-1]
    paused_at(tab, T0)
    ready(tab, url(base_url, lang))
    exam = start_exam(tab, lang, "full", extra=True)
    assert len(exam["items"]) == 65
    # Largest remainders of 65 x 30/26/24/20 %: 19.5, 16.9, 15.6, 13.0 -> 19, 17, 16, 13.
    assert domain_counts(exam, banks[lang]) == {
        "secure": 19, "resilient": 17, "performance": 16, "cost": 13}  # fmt: skip
    assert timer(tab) == fill(WORDS[lang]["time_left"], time="2:40:00")
    tab.once("dialog", lambda dialog: dialog.dismiss())  # 65 unanswered: asked first
    button(tab, lang, "submit").click()
    assert stored(tab)["exam"] is not None
    tab.once("dialog", lambda dialog: dialog.accept())
    button(tab, lang, "submit").click()
    tab.wait_for_selector(".practice-result")
    assert fill(WORDS[lang]["score"], score=100) in tab.locator(".practice-score").inner_text()


def test_the_exam_weights_are_the_exam_guides() -> None:
    """The domains the engine weighs are the bank's, with SAA-C03's weights."""
    engine = (PROJECT_DIR / "overrides/javascripts/practice-engine.js").read_text("utf-8")
    weights = re.search(r"const WEIGHTS = \{([^}]*)\}", engine)
    assert weights is not None
    found = dict(re.findall(r"(\w+): (\d+)", weights.group(1)))
    assert {k: int(v) for k, v in found.items()} == DOMAIN_WEIGHTS


# --- Progress: migration, export, import, reset --------------------------------------------


def test_the_v1_marks_become_reviewed_cards_and_stay(tab, base_url, banks) -> None:
    lang = LANGUAGES[0]
    first, second = list(banks[lang])[:2]
    old = {first: True, second: True, "a-removed-item": True}
    returning(tab, url(base_url, lang), None, old)
    tab.wait_for_function(f"() => JSON.parse(localStorage.getItem({KEY!r}) || '{{}}').migrated")
    data = stored(tab)
    assert set(data["items"]) == {first, second}
    for item in (first, second):
        card = data["items"][item]["card"]
        assert card["reps"] == 1 and card["state"] != 0 and data["items"][item]["from"] == "v1"
    assert tab.evaluate(f"() => JSON.parse(localStorage.getItem({OLD!r}))") == old  # kept
    total = len(banks[lang])
    assert tab.locator("[data-practice-seen]").inner_text() == fill(
        WORDS[lang]["seen"], seen=2, total=total, unseen=total - 2
    )
    tab.reload(wait_until="load")  # once: the marks are not taken again
    tab.wait_for_selector(".practice-controls:not([disabled])", state="attached")
    assert stored(tab)["items"] == data["items"]


def open_data(tab) -> None:
    fold = tab.locator("details.practice-data")
    if not fold.evaluate("d => d.open"):
        fold.locator("> summary").click()


def test_export_reset_and_import_give_back_the_same_progress(
    tab, base_url, banks, tmp_path
) -> None:
    lang = LANGUAGES[0]
    ready(tab, url(base_url, lang))
    start(tab, lang)
    for _ in range(2):  # answer two items
        answer(tab, lang, banks[lang][current(tab)], right=False)
        button(tab, lang, "next").click()
        tab.wait_for_selector(".practice-item input:not([disabled])")
    button(tab, lang, "finish").click()
    before = stored(tab)
    assert len(before["items"]) == 2
    open_data(tab)
    with tab.expect_download() as made:
        button(tab, lang, "export").click()
    exported = tmp_path / "progress.json"
    made.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["schema"] == "studysite.practice" and data["version"] == 2
    assert data["items"] == before["items"]
    tab.once("dialog", lambda dialog: dialog.dismiss())  # a slip: nothing is lost
    button(tab, lang, "reset").click()
    assert stored(tab)["items"] == before["items"]
    tab.once("dialog", lambda dialog: dialog.accept())
    with tab.expect_download() as backup:  # the reset saves a backup first
        button(tab, lang, "reset").click()
    assert json.loads(Path(backup.value.path()).read_text("utf-8"))["items"] == before["items"]
    assert stored(tab)["items"] == {}
    open_data(tab)
    tab.locator("#practice-import").set_input_files(exported)
    tab.wait_for_function("() => document.querySelector('.practice-note').textContent")
    assert stored(tab)["items"] == before["items"]
    assert tab.locator(".practice-note").inner_text() == fill(WORDS[lang]["imported"], count=2)
    # Merging keeps each item's newer state: an older copy of one item changes nothing.
    older = json.loads(exported.read_text("utf-8"))
    some = next(iter(older["items"]))
    older["items"][some] = {**older["items"][some], "seen": 9, "updated": 1}
    exported.write_text(json.dumps(older), encoding="utf-8")
    tab.locator("#practice-import").set_input_files(exported)
    tab.wait_for_function(
        "(t) => document.querySelector('.practice-note').textContent === t",
        arg=fill(WORDS[lang]["imported"], count=0),
    )
    assert stored(tab)["items"] == before["items"]


BAD_FILES = {
    "not JSON": ("{ not json", "bad_json"),
    "another schema": (json.dumps({"schema": "anki", "version": 2, "items": {}}), "bad_schema"),
    "a future version": (json.dumps({**progress({}), "version": 3}), "bad_version"),
    "unknown ids": (json.dumps(progress({"no-such-item": entry(True)})), "bad_ids"),
    "damaged entries": (None, "bad_data"),
}


def test_a_bad_file_changes_nothing_and_says_why(tab, base_url, banks, tmp_path, subtests) -> None:
    """Each kind of bad file, imported one after another into the same stored progress (one
    load for all): the alert says what is wrong, and storage stays byte for byte as it was."""
    lang = LANGUAGES[-1]
    some = next(iter(banks[lang]))
    returning(tab, url(base_url, lang), progress({some: entry(True, updated=5)}))
    raw = tab.evaluate(f"() => localStorage.getItem({KEY!r})")
    open_data(tab)
    alert = tab.locator(".practice-alert[role=alert]")
    for number, (kind, (text, word)) in enumerate(BAD_FILES.items()):
        with subtests.test(kind=kind):
            if text is None:
                text = json.dumps(progress({some: {"seen": "many", "correct": 1}}))
            bad = tmp_path / f"bad-{number}.json"
            bad.write_text(text, encoding="utf-8")
            before = alert.text_content() or ""
            tab.locator("#practice-import").set_input_files(bad)
            tab.wait_for_function(
                "(before) => (document.querySelector('.practice-alert').textContent || '') "
                "!== before",
                arg=before,
            )
            assert_says(alert.inner_text(), WORDS[lang][word])
            if word == "bad_ids":
                assert "no-such-item" in alert.inner_text()
            if word == "bad_version":
                assert "3" in alert.inner_text()
            assert tab.evaluate(f"() => localStorage.getItem({KEY!r})") == raw


def assert_says(shown: str, template: str) -> None:
    """The alert is the template's message, whatever its {placeholders} were filled with."""
    pattern = re.escape(template)
    for name in re.findall(r"\\\{(\w+)\\\}", pattern):
        pattern = pattern.replace(rf"\{{{name}\}}", ".+")
    assert re.fullmatch(pattern, shown), shown


# --- Where it runs, and how ----------------------------------------------------------------


def test_practice_works_in_the_offline_copy(tab, offline_dir: Path, offline_site, banks) -> None:
    lang = LANGUAGES[0]
    assert offline_site.practice_page is not None
    page = offline_site.page(offline_site.practice_page.as_posix())[lang]
    ready(tab, (offline_dir / page.dest).as_uri())
    start(tab, lang)
    answer(tab, lang, banks[lang][current(tab)], right=True)
    link = tab.locator(".practice-feedback a").last.get_attribute("href")
    assert link.startswith("file://")
    target = Path(re.sub(r"^file://", "", link.split("#")[0]))
    assert target.is_file(), f"the section's link leads nowhere: {link}"
    assert stored(tab)["items"][current(tab)]["correct"] == 1


NO_STORAGE = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The user denied storage", "SecurityError"); } });"""


def test_without_storage_practice_works_and_says_so(browser, base_url, banks) -> None:
    context = browser.new_context()
    try:
        context.add_init_script(NO_STORAGE)
        tab = context.new_page()
        lang = LANGUAGES[0]
        ready(tab, url(base_url, lang))
        notice = tab.locator(".practice-storage")
        assert notice.is_visible() and notice.inner_text() == WORDS[lang]["no_storage"]
        start(tab, lang)
        answer(tab, lang, banks[lang][current(tab)], right=True)
        assert tab.locator(".practice-feedback .practice-verdict").is_visible()
    finally:
        context.close()


def test_without_javascript_the_items_stay_readable(browser, base_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        lang = LANGUAGES[0]
        tab.goto(url(base_url, lang), wait_until="load")
        assert tab.locator(".practice-noscript").inner_text() == WORDS[lang]["noscript"]
        assert tab.locator(".practice-controls[disabled]").count() >= 3
        group = tab.locator("details.practice-group").first
        group.locator("> summary").click()
        assert group.locator(".quiz-stem").first.is_visible()
        assert group.locator("details.quiz-answer").first.count() == 1
    finally:
        context.close()


def test_nothing_of_the_engine_prints(tab, base_url) -> None:
    lang = LANGUAGES[0]
    ready(tab, url(base_url, lang))
    start_exam(tab, lang)
    tab.emulate_media(media="print")
    assert not tab.locator(".practice-app").is_visible()
    assert tab.locator(".practice-question .quiz-stem").first.is_visible()  # the items print


def tab_to(tab, target, presses: int, what: str) -> None:
    for _ in range(presses):
        tab.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {what}")


def test_the_keyboard_alone_practises(tab, base_url, banks) -> None:
    lang = LANGUAGES[0]
    ready(tab, url(base_url, lang))
    submit = tab.locator("form[data-practice-form=practice] button[type=submit]")
    tab_to(tab, submit, 80, "the start button")
    assert submit.evaluate("b => getComputedStyle(b).outlineStyle") != "none"  # focus shows
    tab.keyboard.press("Enter")
    tab.wait_for_selector(".practice-item input")
    # The draw is random: a multiple-response item needs its count of boxes, each a Tab apart.
    needed = sum(o["correct"] for o in banks[lang][current(tab)]["options"])
    inputs = tab.locator(".practice-item input[name=answer]")
    for n in range(needed):
        tab_to(tab, inputs.nth(n), 10, f"option {n + 1}")
        tab.keyboard.press("Space")
        assert inputs.nth(n).is_checked()
    check = button(tab, lang, "check")
    tab_to(tab, check, 10, "the check button")
    tab.keyboard.press("Enter")
    tab.wait_for_selector(".practice-feedback .practice-verdict")
    assert button(tab, lang, "next").evaluate("b => b === document.activeElement")
    tab.keyboard.press("Enter")
    tab.wait_for_function(
        "() => /2/.test(document.querySelector('.practice-position').textContent)"
    )


def test_no_state_scrolls_sideways_at_360_px(browser, base_url, banks) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    wide = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    try:
        tab = context.new_page()
        lang = LANGUAGES[0]
        ready(tab, url(base_url, lang))
        tab.locator("details.practice-areas-fold > summary").click()
        open_data(tab)
        assert tab.evaluate(wide) <= 0, "the start page"
        start(tab, lang)
        answer(tab, lang, banks[lang][current(tab)], right=False)
        assert tab.evaluate(wide) <= 0, "a question with its feedback"
        button(tab, lang, "finish").click()
        start_exam(tab, lang, "full")
        assert tab.evaluate(wide) <= 0, "the exam and its navigator"
        tab.once("dialog", lambda dialog: dialog.accept())
        button(tab, lang, "submit").click()
        tab.wait_for_selector(".practice-result")
        assert tab.evaluate(wide) <= 0, "the result"
    finally:
        context.close()
