"""MkDocs hook: what the theme's templates need from the site model.

1. A 404 page per language, whose language menu leads to the home pages. MkDocs renders the
   theme's 404.html once per build, at the site root. mkdocs-static-i18n builds every
   language into the same site folder, so each language's 404 overwrote the one before it
   (the last, English, won), and its language menu kept the links of whichever page
   static-i18n had rendered last (/redshift/, /en/redshift/). Here the default language's 404
   stays at /404.html, where hosts look for it, and another language's goes into its own
   folder (/en/404.html); overrides/404.html sends a miss under a language folder there.
2. For overrides/main.html: `offline_copy` (the OFFLINE=true build) and `public_site`,
   whether site_url is a real address (not the placeholder of a local build, not the offline
   copy). Only then does a page name its
   translations in its head (hreflang): Material fetches a sitemap next to each, which must
   not go to a placeholder host.
3. Jinja's bytecode cache for the theme's templates (`template_cache`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from studysite import PROJECT_DIR
from studysite.model import Site, build_site, public_site_url

NOT_FOUND = "404.html"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = template_cache(env)
    site = _site(config)
    env.globals["offline_copy"] = site.offline
    env.globals["public_site"] = not site.offline and public_site_url(config.site_url)
    return env


def template_cache(env: Environment) -> FileSystemBytecodeCache:
    """Jinja compiles every template again in every build: each language's (static-i18n), each
    rebuild of `mkdocs serve` (0.75 s of a 3.6 s rebuild here). Its bytecode cache keys a
    template on its name and on the checksum of its source, so an edited template is compiled
    again. It does not key on the environment's options, which shape the compiled code: they
    name the cache's folder."""
    options = (
        jinja2.__version__,
        sorted(env.extensions),
        env.autoescape if isinstance(env.autoescape, bool) else repr(env.autoescape),
        env.trim_blocks,
        env.lstrip_blocks,
        env.block_start_string,
        env.variable_start_string,
        env.comment_start_string,
        env.line_statement_prefix,
        env.newline_sequence,
        env.keep_trailing_newline,
    )
    key = hashlib.sha256(repr(options).encode()).hexdigest()[:16]
    folder = PROJECT_DIR / ".cache" / "jinja" / key
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    if template_name == NOT_FOUND:
        # static-i18n keeps the last rendered page's menu as an attribute of config.extra
        # (which Jinja reads before the key): replace both.
        homes = _home_pages(config)
        config.extra["alternate"] = homes
        config.extra.alternate = homes
    return template


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != NOT_FOUND:
        return output
    language = _site(config).language(config.theme["language"])
    if language.default:
        return output
    target = Path(config.site_dir) / language.prefix / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes nothing for an empty template: the root keeps the default's


def _home_pages(config: MkDocsConfig) -> list[dict[str, str]]:
    """The language menu's entries, each leading to that language's home page. Absolute
    paths: a host serves the 404 page at any depth."""
    site = _site(config)
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return [
        {"name": language.name, "link": root + language.prefix, "lang": language.code}
        for language in site.languages
    ]


def _site(config: MkDocsConfig) -> Site:
    return build_site(Path(config.config_file_path))
