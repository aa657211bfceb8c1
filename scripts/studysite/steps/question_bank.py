"""Post-build step: each language's question bank as JSON, beside its practice page.

    studysite question-bank SITE_DIR        (the post-build hook runs it after every build)

Writes `practice/questions.json` and `en/practice/questions.json` (studysite.bank: the
format, and where the items come from), and beside each the same as the script the
practice engine loads (`questions.js`, bank.script), with the engine's words in that
language. Running it again rewrites nothing that is unchanged.

Rendering the items' Markdown is most of this step's time (markdown-it, some two thousand
texts): each bank is kept in the content cache (derived.py) under the hash of all it is made
of (the code that makes it, markdown-it's version, the pages' URLs and sources, and the text
of each page of the language), so a build whose items did not change only copies it.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from .. import bank as bank_module
from .. import derived, practice, questions, urls
from ..bank import BANK_SCRIPT, bank, bank_path, script
from ..model import Site
from .job import Job

CACHE = derived.CACHE_ROOT / "bank"
KIND = b'"kind":'  # once per item: the summary counts the items without parsing the JSON


def _key(site: Site, lang: str, path: str) -> str:
    """Everything a language's bank is made of, hashed."""
    code = [Path(m.__file__).read_bytes() for m in (bank_module, questions, urls, derived)]
    parts = [*code, f"{version('markdown-it-py')}\0{lang}\0{path}".encode()]
    for page in site.pages:
        for code_, made in sorted(page.versions.items()):
            parts.append(f"\0{page.name}\0{code_}\0{made.url}\0{made.source}".encode())
        parts.append((site.docs_dir / page[lang].source).read_bytes())
    return derived.digest(parts)


def _text(site: Site, lang: str) -> str:
    return json.dumps(bank(site, lang), ensure_ascii=False, separators=(",", ":")) + "\n"


def _write(target: Path, data: bytes) -> None:
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)


def run(job: Job) -> str:
    """Write every language's bank into the built site; return a one-line summary."""
    written = []
    for lang in job.site.codes:
        path = bank_path(job.site, lang)
        if path is None:
            return "Question bank: no practice page (extra.practice); nothing to write"
        key = _key(job.site, lang, path)
        data = derived.cached(CACHE, f"{key}.json", lambda c=lang: _text(job.site, c).encode())
        target = job.site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, data)
        words = practice.engine_words(job.site, lang)
        _write(target.with_name(BANK_SCRIPT), script(data.decode(), lang, words).encode())
        items = data.count(KIND)
        written.append(f"{path} and {BANK_SCRIPT} ({items} items)")
    return "Question bank: " + ", ".join(written)
