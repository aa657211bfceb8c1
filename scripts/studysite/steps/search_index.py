"""Post-build step: one search index per language.

    studysite search-index SITE_DIR        (the post-build hook runs it after every build)

mkdocs-static-i18n writes a single search index with the pages of every language, so the
Korean site's results would mix in English pages and the other way round. This step splits it:
`search/search_index.json` keeps the default language's pages, `<prefix>/search/
search_index.json` gets each other language's pages (their locations made relative to the
language's folder). Each of those pages' Material config then points its search at its own
language's index (its "base" becomes the language's folder). The separator and pipeline come
from `plugins: search:` in mkdocs.yml; the default language's query handling (for Korean:
particles, spellings, transliterations) lives in the site's own lunr language file,
overrides/assets/javascripts/lunr/min/lunr.<default>.min.js, which the search worker loads for
every index whose languages include the default language. This step also writes into the
built copy of that file the synonyms derived from the terminology data (studysite.synonyms),
and adds to each language's index the fields derived from the terminology data and the
tables' exam keywords, with every field's weight (studysite.search_fields).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

from ..model import Language, Site
from ..reading.document import parse_file
from ..search_fields import (
    FIELD_BOOSTS,
    KEYWORDS_FIELD,
    TERMS_FIELD,
    keyword_location,
    table_keywords,
    term_texts,
)
from ..synonyms import explaining_locations, synonym_groups, synonym_map
from ..terms import Term, cached_terms
from ..urls import resolve
from .job import Job

LUNR_LANGUAGE = "assets/javascripts/lunr/min/lunr.{lang}.min.js"  # the site's own, in overrides/
SYNONYMS_RE = re.compile(r"^(\s*var SYNONYMS = )\{.*\};$", re.MULTILINE)
EXPLAINED_RE = re.compile(r"^(\s*var EXPLAINED = )\{.*\};$", re.MULTILINE)
CONFIG_SCRIPT_RE = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


def query_language_file(site: Site) -> Path:
    """The site-relative path of the default language's lunr file (lunr.ko.min.js)."""
    return Path(LUNR_LANGUAGE.format(lang=site.default_language.code))


def _search_languages(lang: str, site: Site) -> list[str]:
    # The default language's lunr file (ours) also rewrites queries; every other language's
    # pages load it too, so that 레드시프트 typed on the English site finds the Redshift page.
    default = site.default_language.code
    return [default] if lang == default else [lang, default]


def _owner(location: str, site: Site) -> Language:
    """The language whose folder holds a location of the combined index."""
    for language in site.languages[1:]:
        folder = language.prefix.rstrip("/")
        if location == folder or location.startswith(language.prefix):
            return language
    return site.default_language


def split_index(index: dict[str, Any], language: Language, site: Site) -> dict[str, Any]:
    """The part of a combined index that belongs to language, locations relative to its
    folder, searched with its own lunr languages."""
    docs = []
    for doc in index["docs"]:
        location = doc["location"]
        if _owner(location, site) != language:
            continue
        if not language.default:
            location = location[len(language.prefix.rstrip("/")) :].lstrip("/")
        docs.append({**doc, "location": location})
    languages = _search_languages(language.code, site)
    return {"config": {**index["config"], "lang": languages}, "docs": docs}


def _keyword_texts(site: Site, language: Language) -> dict[str, str]:
    """The `keywords` field of each location a table row of the language's pages links to."""
    found: dict[str, list[str]] = {}
    heading = site.labels(language.code).search_keywords
    for page in site.pages:
        version = page.versions.get(language.code)
        if version is None:
            continue
        for row in table_keywords(parse_file(site.docs_dir / version.source), heading):
            where = keyword_location(site, version, row.target)
            if where is not None:
                found.setdefault(where, []).append(row.text)
    return {where: " | ".join(texts) for where, texts in found.items()}


def add_fields(part: dict[str, Any], site: Site, language: Language) -> dict[str, Any]:
    """A language's index with the fields derived from the terminology data and the tables'
    exam keywords (studysite.search_fields), and every field's weight."""
    extra: dict[str, dict[str, str]] = {KEYWORDS_FIELD: _keyword_texts(site, language)}
    if site.terms_file is not None:
        terms = cached_terms(site.terms_file, site.codes).terms
        extra |= term_texts(terms, language.code, lambda t: term_location(site, t))
    docs = []
    for doc in part["docs"]:
        added = {name: texts[doc["location"]] for name, texts in extra.items()
                 if doc["location"] in texts}  # fmt: skip
        docs.append({**doc, **added})
    fields = {name: {"boost": boost} for name, boost in FIELD_BOOSTS.items()}
    return {"config": {**part["config"], "fields": fields}, "docs": docs}


def _already_split(index: dict[str, Any], site: Site) -> bool:
    return all(_owner(doc["location"], site).default for doc in index["docs"])


def rebase_page(html: str, page_url: str, language: Language) -> str:
    """Point a translated page's search at its language's index (and its result links)."""

    def rebase(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        target = resolve(page_url, data["base"])
        if target is None or target.path == language.prefix:
            return match.group(0)  # done already
        # With a trailing slash: Material resolves result links against it as a URL.
        data["base"] = posixpath.join(data["base"], language.prefix.rstrip("/")) + "/"
        text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")  # as Jinja's tojson
        return match.group(1) + text + match.group(3)

    return CONFIG_SCRIPT_RE.sub(rebase, html, count=1)


def term_location(site: Site, term: Term) -> str:
    """Where a term's explaining section (`see:`) is in the search index of every language:
    its page's URL from the language's folder, and the section. The same in every language
    (static-i18n builds each language's pages at the same paths under its folder), which one
    map in the shared lunr file needs; a site where it is not stops here."""
    page = site.page(term.page)
    found = {v.url.removeprefix(site.language(code).prefix) for code, v in page.versions.items()}
    if len(found) != 1:
        raise ValueError(f"{term.page}: its pages are at different paths per language: {found}")
    return f"{found.pop()}#{term.section}"


def _fill(text: str, pattern: re.Pattern[str], data: object, target: Path, name: str) -> str:
    json_text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    written, count = pattern.subn(lambda m: f"{m.group(1)}{json_text};", text, count=1)
    if count != 1:
        raise ValueError(f"{target}: no `var {name} = {{}};` line to fill in")
    return written


def write_synonyms(site: Site, site_dir: Path) -> int | None:
    """Put the terminology's synonym map and its explaining sections into the built lunr file
    of the default language; return how many words the synonyms map (None: no such file or
    no terminology data in this build)."""
    target = site_dir / query_language_file(site)
    if site.terms_file is None or not target.is_file():
        return None
    # Invalid data stops the build at the checker gate (TERM002): only valid terms get here.
    terms = cached_terms(site.terms_file, site.codes).terms
    mapping = synonym_map(synonym_groups(terms))
    explained = explaining_locations(terms, lambda term: term_location(site, term))
    text = target.read_text(encoding="utf-8")
    written = _fill(text, SYNONYMS_RE, mapping, target, "SYNONYMS")
    written = _fill(written, EXPLAINED_RE, explained, target, "EXPLAINED")
    if written != text:
        target.write_text(written, encoding="utf-8")
    return len(mapping)


def run(job: Job) -> str:
    """Split the built site's search index per language; return a one-line summary."""
    site, site_dir = job.site, job.site_dir
    combined_file = site_dir / "search" / "search_index.json"
    if not combined_file.is_file():
        return "Search index: none in this build (no search plugin?)"
    combined = json.loads(combined_file.read_text(encoding="utf-8"))
    # Material's offline plugin has inlined the index into a script: do the same per language.
    offline = combined_file.with_suffix(".js").is_file()
    counts = []
    if not _already_split(combined, site):
        for language in site.languages:
            target = site_dir / language.prefix / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            part = add_fields(split_index(combined, language, site), site, language)
            text = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
            target.write_text(text, "utf-8")
            if offline:
                target.with_suffix(".js").write_text(f"var __index = {text}", "utf-8")
            fielded = sum(1 for doc in part["docs"] if KEYWORDS_FIELD in doc or TERMS_FIELD in doc)
            counts.append(f"{language.code} {len(part['docs'])} ({fielded} with derived fields)")
    for language in site.languages[1:]:
        for page in sorted((site_dir / language.prefix).rglob("*.html")):
            page_url = page.relative_to(site_dir).as_posix()
            html = page.read_text(encoding="utf-8")
            rebased = rebase_page(html, page_url, language)
            if rebased != html:
                page.write_text(rebased, encoding="utf-8")
    synonyms = write_synonyms(site, site_dir)
    also = f"; {synonyms} synonym words" if synonyms is not None else ""
    if not counts:
        return f"Search index: already one per language{also}"
    return f"Search index per language (entries): {', '.join(counts)}{also}"
