"""MkDocs hook: one search index per language, searched with Korean-aware settings.

mkdocs-static-i18n writes a single search index with the pages of every language, so the
Korean site's results mix in English pages and the other way round. After the last language
is built, this hook splits it: `search/search_index.json` keeps the default language's pages,
`<lang>/search/search_index.json` gets each other language's pages (their locations made
relative to `<lang>/`). Each page's Material config then points its search at its own
language's index (the "base" of pages under `<lang>/` becomes that folder). The Korean query
handling itself (particles, spellings, transliterations) lives in the lunr language file
overrides/assets/javascripts/lunr/min/lunr.ko.min.js, which the search worker loads.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from i18nstate import inner_language_build

log = get_plugin_logger("search_i18n")

# Split tokens at whitespace and punctuation. Material's default (`[\s\-]+`) keeps "아테나(Amazon"
# as one token, and the Korean trimmer of lunr-languages cannot trim Hangul words.
SEPARATOR = r"""[\s\-_,:;!?=\[\](){}"'`/|·・…“”‘’<>]+|\.(?!\d)|&[lg]t;"""
CONFIG_SCRIPT_RE = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


def _search_languages(lang: str) -> list[str]:
    # The Korean lunr file (ours) also rewrites queries; English pages load it too, so that
    # 레드시프트 typed on the English site finds the Redshift page.
    return ["ko"] if lang == "ko" else [lang, "ko"]


def split_index(index: dict[str, Any], lang: str, default: str, others: list[str]) -> dict:
    """The part of a combined index that belongs to lang, locations relative to its root."""
    docs = []
    for doc in index["docs"]:
        location = doc["location"]
        owner = next((o for o in others if location == o or location.startswith(f"{o}/")), default)
        if owner != lang:
            continue
        if lang != default:
            location = location[len(lang) :].lstrip("/")
        docs.append({**doc, "location": location})
    search_config = {
        **index["config"],
        "lang": _search_languages(lang),
        "separator": SEPARATOR,
        "pipeline": ["stopWordFilter", "trimmer", "stemmer"],
    }
    return {"config": search_config, "docs": docs}


# After static-i18n (-100) has built every language and merged the index, and after the
# offline plugin (-100) has inlined the merged one.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    plugin = _i18n(config)
    if plugin is None or inner_language_build(config):
        return
    site_dir = Path(config.site_dir)
    combined_file = site_dir / "search" / "search_index.json"
    if not combined_file.is_file():
        return
    combined = json.loads(combined_file.read_text(encoding="utf-8"))
    default = plugin.default_language
    others = [lang for lang in plugin.build_languages if lang != default]
    for lang in [default, *others]:
        target = site_dir / ("" if lang == default else lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        part = split_index(combined, lang, default, others)
        text = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, "utf-8")
        if target.with_suffix(".js").exists() or _offline(config):
            # Material's offline build reads the index from a script under file://.
            target.with_suffix(".js").write_text(f"var __index = {text}", "utf-8")
        log.debug("search index for %s: %d entries", lang, len(part["docs"]))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Point a translated page's search at its language's index (and result links)."""
    plugin = _i18n(config)
    if plugin is None:
        return output
    lang = plugin.current_language
    if lang == plugin.default_language:
        return output

    def rebase(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        # With a trailing slash: Material resolves result links against it as a URL.
        data["base"] = posixpath.join(data["base"], lang) + "/"
        text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")  # as Jinja's tojson
        return match.group(1) + text + match.group(3)

    return CONFIG_SCRIPT_RE.sub(rebase, output, count=1)
