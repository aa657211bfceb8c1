"""The Anki decks (steps/anki.py): one per language in the built site, its notes the bank's
items, their GUIDs stable, the ids fixed, the file byte-identical when made again at the same
SOURCE_DATE_EPOCH, and linked from the home and practice pages."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import genanki
import pytest

from conftest import LANGUAGES, SITE, BuiltSite
from studysite import bank
from studysite.steps import anki
from studysite.steps.job import Job
from studysite.urls import resolve

EPOCH = "1790000000"


def published(site: BuiltSite, lang: str) -> dict[str, Any]:
    path = bank.bank_path(SITE, lang)
    assert path is not None
    return json.loads((site.root / path).read_text(encoding="utf-8"))


def read_deck(path: Path, tmp_path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert archive.read("media") == b"{}"
        database = tmp_path / f"{path.name}.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        notes = connection.execute("select guid, mid, mod, flds, tags from notes order by id")
        decks = json.loads(connection.execute("select decks from col").fetchone()[0])
        models = json.loads(connection.execute("select models from col").fetchone()[0])
        cards = connection.execute("select did from cards").fetchall()
        return {"notes": notes.fetchall(), "decks": decks, "models": models, "cards": cards}
    finally:
        connection.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_deck_holds_every_item_of_the_bank(site: BuiltSite, lang: str, tmp_path) -> None:
    deck = read_deck(site.root / SITE.anki_path(lang), tmp_path)
    items = published(site, lang)["items"]
    assert len(deck["notes"]) == len(items) == len(deck["cards"])
    assert str(anki.DECK_IDS[lang]) in deck["decks"]
    assert list(deck["models"]) == [str(anki.MODEL_IDS[lang])]
    assert {did for (did,) in deck["cards"]} == {anki.DECK_IDS[lang]}
    labels = SITE.labels(lang)
    for (guid, mid, _, fields, tags), item in zip(deck["notes"], items, strict=True):
        note_id, front, back = fields.split("\x1f")
        assert note_id == item["id"] and mid == anki.MODEL_IDS[lang]
        assert guid == genanki.guid_for("studysite", lang, item["id"])
        assert set(tags.split()) == {item["service"], item["domain"]}
        for option in item["options"]:
            letter = option["id"].upper()
            assert f'<span class="letter">{letter}.</span>' in front
            assert option["text"].split("<")[0] in front
            for why in option["why"]:
                assert why.split('href="')[0] in back
        keys = ", ".join(o["id"].upper() for o in item["options"] if o["correct"])
        assert f"{labels.quiz_key}: {keys}</b>" in back
        assert 'href="http' in back  # the section, absolute: a card follows no relative link
        assert 'href="../' not in front + back
    assert len({note[0] for note in deck["notes"]}) == len(items)  # one GUID per item


def test_the_decks_are_reproducible_and_their_notes_dated_by_the_epoch(
    site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made again at the same SOURCE_DATE_EPOCH, byte for byte; at a later one, the same
    GUIDs with later modification times (so Anki updates the learner's notes)."""
    copy = tmp_path / "site"
    for lang in LANGUAGES:
        path = bank.bank_path(SITE, lang)
        assert path is not None
        (copy / path).parent.mkdir(parents=True, exist_ok=True)
        (copy / path).write_bytes((site.root / path).read_bytes())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    made = {
        lang: anki.deck_bytes(SITE, lang, published(site, lang), int(EPOCH)) for lang in LANGUAGES
    }
    anki.run(Job(SITE, copy))
    for lang in LANGUAGES:
        assert (copy / SITE.anki_path(lang)).read_bytes() == made[lang]
        again = anki.deck_bytes(SITE, lang, published(site, lang), int(EPOCH))
        assert again == made[lang]
    lang = LANGUAGES[0]
    later = copy / "later.apkg"
    later.write_bytes(anki.deck_bytes(SITE, lang, published(site, lang), int(EPOCH) + 86400))
    first, second = (read_deck(p, tmp_path)["notes"] for p in (copy / SITE.anki_path(lang), later))
    assert [n[0] for n in first] == [n[0] for n in second]
    assert all(b[2] > a[2] for a, b in zip(first, second, strict=True))
    changed = published(site, lang)
    changed["items"][0]["stem"] += " (changed)"
    assert anki.deck_bytes(SITE, lang, changed, int(EPOCH)) != made[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_and_practice_pages_link_their_language_s_deck(site: BuiltSite, lang: str) -> None:
    assert SITE.practice_page is not None
    for version in (SITE.home[lang], SITE.page(SITE.practice_page.as_posix())[lang]):
        links = [
            a["href"] for a in site.soup(version.dest).select("a[download]") if ".apkg" in a["href"]
        ]
        assert len(links) == 1, f"{version.url}: {links}"
        target = resolve(version.url, links[0])
        assert target is not None and target.path == SITE.anki_path(lang)
        assert (site.root / target.path).is_file()
