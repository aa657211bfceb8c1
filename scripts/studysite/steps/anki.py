"""Post-build step: one Anki deck per language, made from its question bank with genanki.

    studysite anki SITE_DIR        (the post-build hook runs it after every build)

Writes `download/aws-analytics-notes.ko.apkg` and `.en.apkg` (Site.anki_path) from the bank
the question-bank step has just written beside the practice page (never a copy of the items).

- A note per item: the front holds the stem and the lettered options, the back the key, every
  option's verdict, why and sources, and the link to the section that explains it. Links are
  absolute (site_url): a card cannot follow a link relative to a site.
- Stable ids: the deck and model ids are fixed per language (DECK_IDS, MODEL_IDS) and a note's
  GUID is genanki.guid_for of the language and the item id, so importing a newer deck updates
  the learner's notes (and keeps their reviews) instead of adding new ones.
- Reproducible: every time in the file (note and card ids, modification times, the zip's
  entries) comes from SOURCE_DATE_EPOCH, or without it from the newest `revised:` date of the
  pages (a page's stamp moves when it changes: a newer deck's notes are newer for Anki). genanki
  writes its zip with the clock's dates, so the package is zipped here, from an in-memory
  collection.
- Cheap: the finished bytes are kept in the content cache (derived.py) under the hash of the
  bank, this module, genanki's version, the time and the site URL; genanki is imported only on
  a miss.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import os
import re
import sqlite3
import zipfile
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from .. import derived
from ..bank import bank_dir, bank_path
from ..model import Site
from ..reading.document import parse_file
from ..reading.frontmatter import meta
from .job import Job

CACHE = derived.CACHE_ROOT / "anki"
# genanki wants ids in [2**30, 2**31): fixed here, once, per language. Never change them: a
# learner's imported deck is matched by them.
DECK_IDS = {"ko": 1_738_200_201, "en": 1_738_200_202}
MODEL_IDS = {"ko": 1_738_200_101, "en": 1_738_200_102}
FIELDS = ("Id", "Front", "Back")
TEMPLATE = {"name": "Card", "qfmt": "{{Front}}", "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}
CSS = """.card { font-family: sans-serif; font-size: 18px; line-height: 1.5; text-align: left; }
.letter { font-weight: bold; } .right { color: #1b5e20; } .wrong { color: #b71c1c; }
.why { margin: 0.2em 0 0.6em 1.6em; } .source { font-size: 0.85em; }"""
HREF_RE = re.compile(r'href="([^"]*)"')


def epoch(site: Site) -> int:
    """SOURCE_DATE_EPOCH, or the newest `revised:` date of the pages (midnight, UTC)."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return int(given)
    dates = []
    for page in site.pages:
        for made in page.versions.values():
            revised = meta(parse_file(site.docs_dir / made.source)).get("revised")
            if revised:
                dates.append(str(revised))
    day = max(dates) if dates else "2026-01-01"
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp())


def _absolute(text: str, base: str) -> str:
    return HREF_RE.sub(lambda m: f'href="{html.escape(urljoin(base, html.unescape(m[1])))}"', text)


def front(item: dict[str, Any], base: str) -> str:
    options = "".join(
        f'<p><span class="letter">{o["id"].upper()}.</span> {_absolute(o["text"], base)}</p>'
        for o in item["options"]
    )
    return f'<p class="stem">{_absolute(item["stem"], base)}</p>{options}'


def back(item: dict[str, Any], base: str, words: dict[str, str]) -> str:
    keys = ", ".join(o["id"].upper() for o in item["options"] if o["correct"])
    parts = [f"<p><b>{html.escape(words['key'])}: {keys}</b></p>"]
    for o in item["options"]:
        verdict = words["right"] if o["correct"] else words["wrong"]
        kind = "right" if o["correct"] else "wrong"
        parts.append(
            f'<p><span class="letter">{o["id"].upper()}.</span> '
            f'<b class="{kind}">{html.escape(verdict)}</b>: {_absolute(o["text"], base)}</p>'
        )
        parts += [f'<p class="why">{_absolute(t, base)}</p>' for t in o["why"]]
        parts += [f'<p class="why source">{_absolute(t, base)}</p>' for t in o["sources"]]
    section = html.escape(urljoin(base, item["section"]))
    title = html.escape(item["section_title"] or section)
    parts.append(f'<p>{html.escape(words["explained"])}: <a href="{section}">{title}</a></p>')
    return "".join(parts)


def _words(site: Site, lang: str) -> dict[str, str]:
    labels = site.labels(lang)
    return {"key": labels.quiz_key, "right": labels.quiz_right, "wrong": labels.quiz_wrong,
            "explained": labels.practice_ui["explained"]}  # fmt: skip


def deck_bytes(site: Site, lang: str, data: dict[str, Any], when: int) -> bytes:
    """The .apkg of one language's bank, every time in it `when` (seconds)."""
    import genanki  # imported here: only a deck whose inputs changed needs it

    base = urljoin(site.config.site_url or "", bank_dir(site, lang) or "")
    model = genanki.Model(
        MODEL_IDS[lang],
        f"{site.language(lang).site_name} ({lang})",
        fields=[{"name": name} for name in FIELDS],
        templates=[TEMPLATE],
        css=CSS,
        sort_field_index=0,
    )
    deck = genanki.Deck(DECK_IDS[lang], site.language(lang).site_name)
    words = _words(site, lang)
    for item in data["items"]:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[item["id"], front(item, base), back(item, base, words)],
                guid=genanki.guid_for("studysite", lang, item["id"]),
                tags=[item["service"], item["domain"]],
            )
        )
    connection = sqlite3.connect(":memory:")
    genanki.Package(deck).write_to_db(connection.cursor(), when, itertools.count(when * 1000))
    connection.commit()
    collection = connection.serialize()
    connection.close()
    return _zipped({"collection.anki2": collection, "media": b"{}"}, when)


def _zipped(files: dict[str, bytes], when: int) -> bytes:
    stamp = datetime.fromtimestamp(max(when, 315532800), UTC).timetuple()[:6]  # zip: >= 1980
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def run(job: Job) -> str:
    """Write every language's deck into the built site; return a one-line summary."""
    site, written = job.site, []
    if site.practice_page is None:  # no bank (and perhaps no page list to date it by)
        return "Anki decks: no practice page (extra.practice); nothing to write"
    when = epoch(site)
    code = Path(__file__).read_bytes()
    for lang in site.codes:
        path = bank_path(site, lang)
        assert path is not None
        text = (job.site_dir / path).read_bytes()
        key = derived.digest(
            [code, text, f"{version('genanki')}\0{when}\0{site.config.site_url}\0{lang}".encode()]
        )
        data = derived.cached(
            CACHE, f"{key}.apkg", lambda t=text, c=lang: deck_bytes(site, c, json.loads(t), when)
        )
        target = job.site_dir / site.anki_path(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        written.append(f"{site.anki_path(lang)} ({len(data) / 1024:.0f} KB)")
    return "Anki decks: " + ", ".join(written)
