"""Under `mkdocs serve`, pages whose inputs did not change are not converted again
(studysite.rendermemo): a rebuild after a save must be the build a fresh process makes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import PROJECT_DIR, SITE
from studysite import buildstate, rendermemo


def project_copy(root: Path) -> Path:
    """The project's mkdocs.yml over a copy of its docs (hooks and theme stay the project's)."""
    shutil.copytree(SITE.docs_dir, root / "docs")
    text = (PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  - )(scripts/\S+\.py)$", lambda m: m[1] + str(PROJECT_DIR / m[2]), text)
    text = re.sub(r"(?m)^  custom_dir: .*$", f"  custom_dir: {PROJECT_DIR / 'overrides'}", text)
    text = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {root / 'docs'}", text)
    config = root / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
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


def test_a_rebuild_after_a_save_converts_that_page_only_and_equals_a_fresh_build(
    tmp_path: Path, serving: None
) -> None:
    config = project_copy(tmp_path)
    source = tmp_path / "docs" / SITE.pages[1][SITE.default_language.code].source
    rendermemo.stats.hits = rendermemo.stats.misses = 0
    served_build(config, tmp_path / "first")
    pages = rendermemo.stats.misses
    assert pages >= len(SITE.pages) * len(SITE.codes) and rendermemo.stats.hits == 0

    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\n- ", "\n- 저장한 뒤 바뀐 줄.\n- ", 1), encoding="utf-8")
    rendermemo.stats.hits = rendermemo.stats.misses = 0
    after_save = served_build(config, tmp_path / "second")
    assert rendermemo.stats.misses == 1, "only the saved page is converted again"
    assert rendermemo.stats.hits == pages - 1

    rendermemo.memo.kept, rendermemo.memo.used = {}, {}
    fresh = served_build(config, tmp_path / "fresh")
    assert after_save.keys() == fresh.keys()
    differ = [name for name in fresh if after_save[name] != fresh[name]]
    assert not differ, f"a rebuild with the memo differs from a fresh one: {differ[:5]}"
    page = SITE.pages[1][SITE.default_language.code].dest
    assert "저장한 뒤 바뀐 줄." in after_save[page].decode("utf-8")
