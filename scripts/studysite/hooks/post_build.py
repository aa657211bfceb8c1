"""MkDocs hook, after the build: the post-build steps (studysite.steps), once per build.

mkdocs-static-i18n builds the other languages from inside the default language's
`on_post_build` (priority -100), and Material's offline plugin inlines the search index at
-100 too. This hook runs after both (priority -200) and does nothing while static-i18n is
still building, so the steps see the complete site of every language. They are the same
functions the `studysite` commands run over a built site directory:

1. diagrams: each diagram's size in its <img> tag, lazy loading below the fold;
2. fonts: the site font and each diagram's glyphs;
3. search index: one index per language;
4. icons: PNG and ICO icons from the SVG favicon;
5. alternates: the page sitemaps Material's language switch fetches;
6. PDF books, when extra.pdf_books is on (PDF=true: make build, make pdf).

The seventh step, zipping the offline copy, packs a second build (OFFLINE=true) into the main
site's download folder: it runs as a command once both exist (`studysite offline`, make build).

Under `mkdocs serve`, it also copies in the books and the zip of the last `make build`, so
their links work while studying with `make serve`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studysite import buildstate
from studysite.model import ConfigError, Site, build_site
from studysite.steps import alternates, diagrams, fonts, icons, search_index

log = get_plugin_logger("studysite")


def on_startup(command: str, dirty: bool) -> None:
    buildstate.command = command


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if buildstate.inner_language_build(config):
        return  # an inner, per-language build: wait for the whole site
    # The model is read from mkdocs.yml, not from this config: static-i18n has left it set
    # to the last language it built.
    try:
        site = build_site(Path(config.config_file_path))
    except ConfigError as error:
        raise PluginError(str(error)) from error
    site_dir = Path(config.site_dir)
    log.info(diagrams.run(site_dir))
    log.info(fonts.run(site_dir))
    log.info(search_index.run(site, site_dir))
    log.info(icons.run(site, site_dir))
    log.info(alternates.run(site, site_dir))
    if site.extra.pdf_books:
        from studysite.steps import pdf  # BeautifulSoup and WeasyPrint: only when asked for

        log.info(pdf.run(site, site_dir, progress=log.info))
    if buildstate.command == "serve":
        _copy_last_build_products(site, site_dir)


def _copy_last_build_products(site: Site, serve_dir: Path) -> None:
    """`mkdocs serve` builds into a temporary folder: copy in the PDF books and the offline
    zip of the last `make build`, which live in the configured site_dir."""
    products = [site.pdf_path(lang) for lang in site.codes] + [site.offline_zip]
    built = [name for name in products if (site.site_dir / name).is_file()]
    for name in built:
        target = serve_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site.site_dir / name, target)
    if len(built) < len(products):
        log.info("No PDF books or offline zip yet: `make build` makes them (pages link to them).")
