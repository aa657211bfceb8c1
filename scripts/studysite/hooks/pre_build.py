"""MkDocs hook, before the build: the docs checker (studysite.check) gates every build.

- `mkdocs build` (and `make build`): findings are logged (warnings count under --strict) and
  any error aborts the build with a one-line summary, before MkDocs reads a page, so an
  undecodable page gives a finding instead of a traceback.
- `mkdocs serve`: findings are logged and the server keeps running; pages that are not UTF-8
  are left out of the build until fixed, and saving the fix triggers a rebuild.
- With mkdocs-static-i18n the build runs once per language; the check runs once per build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from studysite import buildstate
from studysite.check import gate
from studysite.check.findings import Severity
from studysite.model import ConfigError

log = get_plugin_logger("docscheck")


def on_startup(command: str, dirty: bool) -> None:
    buildstate.command = command


@event_priority(100)  # before every plugin: nothing should read a broken page first
def on_pre_build(config: MkDocsConfig) -> None:
    if buildstate.inner_language_build(config):
        return
    try:
        result = gate.run(Path(config.config_file_path))
    except ConfigError as error:
        raise PluginError(f"docscheck: {error}") from error
    for finding in result.findings:
        text = f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
        (log.error if finding.severity is Severity.ERROR else log.warning)(text)
    if result.errors and buildstate.command != "serve":
        raise PluginError(f"docscheck: {result.summary} Fix the errors above (make check).")
    if result.findings:
        log.info(result.summary)


@event_priority(100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Under serve, leave out pages MkDocs could not decode (it would stop with a traceback)."""
    if not gate.state.undecodable:
        return files
    for file in list(files):
        if Path(file.abs_src_path or "").resolve() in gate.state.undecodable:
            log.warning("Left out of this build until it is UTF-8: %s", file.src_uri)
            files.remove(file)
    return files
