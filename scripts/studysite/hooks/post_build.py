"""MkDocs hook, after the build: the post-build steps (studysite.steps.registry), once per
build, in the registry's order: those of every build, and the PDF ones when extra.pdf_books
is on (PDF=true: make build, make pdf). The offline step zips a second build (OFFLINE=true)
into the main site, so it runs as a command once both exist (`studysite offline`, make build).

mkdocs-static-i18n builds the other languages from inside the default language's
`on_post_build` (priority -100), and Material's offline plugin inlines the search index at
-100 too. This hook runs after both (priority -200) and does nothing while static-i18n is
still building, so the steps see the complete site of every language. They are the same
functions the `studysite` commands run over a built site directory.

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
from studysite.steps.job import Job
from studysite.steps.registry import after_build

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
    serving = buildstate.command == "serve"
    job = Job(site, Path(config.site_dir), progress=log.info, serving=serving)
    for step in after_build(site.extra.pdf_books):
        log.info(step.run(job))
    if serving:
        _copy_last_build_products(site, job.site_dir)


def _copy_last_build_products(site: Site, serve_dir: Path) -> None:
    """`mkdocs serve` builds into a temporary folder: copy in the PDF books and the offline
    zip of the last `make build`, which live in the configured site_dir (a site without
    extra.book has neither)."""
    if not site.extra.book:
        return
    products = [site.pdf_path(lang) for lang in site.codes] + [site.offline_zip]
    built = [name for name in products if (site.site_dir / name).is_file()]
    for name in built:
        target = serve_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site.site_dir / name, target)
    if len(built) < len(products):
        log.info("No PDF books or offline zip yet: `make build` makes them (pages link to them).")
