"""Under `mkdocs serve`, pages whose inputs did not change are not converted again
(studysite.rendermemo): a rebuild after a save must be the build a fresh process makes."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import PROJECT_DIR, SITE
from studysite import buildstate, rendermemo
from studysite.mkdocs_cli import relocated


def project_copy(root: Path) -> Path:
    """The project's mkdocs.yml over a copy of its docs (hooks and theme stay the project's)."""
    shutil.copytree(SITE.docs_dir, root / "docs")
    text = (PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(relocated(text, PROJECT_DIR, root / "docs"), encoding="utf-8")
    return config


@pytest.fixture()
def serving() -> Iterator[None]:
    """Builds in this process as `mkdocs serve` makes them; the memo empty before and after."""
    before = buildstate.command
    rendermemo.memo.kept, rendermemo.memo.used = {}, {}
    yield
    buildstate.command = before
    rendermemo.memo.kept, rendermemo.memo.used = {}, {}


def served_build(config: Path, site_dir: Path) -> dict[str, bytes]:
    """One rebuild of `mkdocs serve` (in this process); every file it wrote."""
    settings = load_config(str(config), site_dir=str(site_dir))
    settings.plugins.on_startup(command="serve", dirty=False)
    build(settings)
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def warned(caplog: pytest.LogCaptureFixture, text: str) -> int:
    """MkDocs' own warnings naming text (the checker's findings are logged by the gate)."""
    return sum(
        text in r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("mkdocs.structure")
    )


def test_a_rebuild_after_a_save_converts_that_page_only_and_changes_that_page_only(
    tmp_path: Path, serving: None, caplog: pytest.LogCaptureFixture
) -> None:
    """The save repeats a line of the page (no new character: the font subset stays), so the
    rebuild may differ from the build before it in that page and the search index only; every
    other page comes from the memo, and must be what the first build converted afresh. What
    a kept page's conversion warned (a link to a missing page) is warned on every rebuild."""
    config = project_copy(tmp_path)
    version = SITE.pages[1][SITE.default_language.code]
    source = tmp_path / "docs" / version.source
    linking = tmp_path / "docs" / SITE.pages[2][SITE.default_language.code].source
    linking.write_text(linking.read_text("utf-8") + "\n[gone](no-such-page.md)\n", "utf-8")
    rendermemo.stats.hits = rendermemo.stats.misses = 0
    before = served_build(config, tmp_path / "first")
    pages = rendermemo.stats.misses
    assert pages >= len(SITE.pages) * len(SITE.codes) and rendermemo.stats.hits == 0
    assert warned(caplog, "no-such-page.md") == 1
    caplog.clear()

    text = source.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("- "))
    source.write_text(text.replace(line, f"{line}\n{line}", 1), encoding="utf-8")
    rendermemo.stats.hits = rendermemo.stats.misses = 0
    after = served_build(config, tmp_path / "second")
    assert rendermemo.stats.misses == 1, "only the saved page is converted again"
    assert rendermemo.stats.hits == pages - 1
    assert warned(caplog, "no-such-page.md") == 1, "the kept page's warning, replayed"

    assert after.keys() == before.keys()
    differ = {name for name in after if after[name] != before[name]}
    index = SITE.language(SITE.default_language.code).prefix + "search/search_index.json"
    assert differ == {version.dest, index}, sorted(differ)
    item = line.removeprefix("- ").split("**")[0][:12]
    assert after[version.dest].decode().count(item) > before[version.dest].decode().count(item)
