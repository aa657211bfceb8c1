"""The post-build steps run the same from the hook and as commands over a built site."""

from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

import pytest

from conftest import LANGUAGES, PROJECT_DIR, SITE, BuiltSite
from studysite.cli import main
from studysite.mkdocs_cli import build
from studysite.reading.document import parse_file
from studysite.reading.frontmatter import meta
from studysite.steps.registry import When, after_build


def same_files(a: Path, b: Path) -> list[str]:
    """Paths that differ between two built sites (missing on either side, or other bytes)."""
    names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(names_a ^ names_b)
    differ += [n for n in sorted(names_a & names_b) if not filecmp.cmp(a / n, b / n, shallow=False)]
    return differ


def test_commands_over_a_hookless_build_make_the_hooks_site(site: BuiltSite, tmp_path: Path):
    """A build without the post-build hook (as another generator would make it), then
    `studysite post-build`: byte for byte the site the hook makes."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {PROJECT_DIR / 'mkdocs.yml'}\n"
        f"docs_dir: {SITE.docs_dir}\n"
        f"theme:\n  custom_dir: {PROJECT_DIR / 'overrides'}\n"
        f"hooks:\n  - {PROJECT_DIR / 'scripts/studysite/hooks/pre_build.py'}\n"
        f"  - {PROJECT_DIR / 'scripts/studysite/hooks/theme.py'}\n"
        f"  - {PROJECT_DIR / 'scripts/studysite/hooks/page_terms.py'}\n"
        f"  - {PROJECT_DIR / 'scripts/studysite/hooks/page_questions.py'}\n",
        encoding="utf-8",
    )
    plain = tmp_path / "site"
    result = build(plain, tmp_path, PDF="false", OFFLINE="false")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Site font" not in result.stderr  # no post-build step ran
    assert same_files(site.root, plain), "the hookless build should differ before the steps"
    assert main(["post-build", "-f", str(config), str(plain)]) == 0
    assert same_files(site.root, plain) == []


def test_steps_are_idempotent(site: BuiltSite, tmp_path: Path) -> None:
    """Every step of every build, run again as its command over the built site: no change."""
    again = tmp_path / "site"
    shutil.copytree(site.root, again)
    steps = after_build(pdf_books=False)
    assert [step.when for step in steps] == [When.EVERY_BUILD] * len(steps)
    assert {"diagrams", "fonts", "search-index", "icons", "alternates", "csp"} <= {
        step.name for step in steps
    }
    for step in steps:
        assert main([step.name, "-f", str(PROJECT_DIR / "mkdocs.yml"), str(again)]) == 0
    assert same_files(site.root, again) == []


def searched_out(source: str) -> bool:
    """A page whose front matter leaves it out of search (Material's `search: exclude`)."""
    data = meta(parse_file(SITE.docs_dir / source))
    return bool((data.get("search") or {}).get("exclude"))


def test_one_search_index_per_language(site: BuiltSite) -> None:
    search = SITE.config.plugins["material/search"].config
    for language in SITE.languages:
        index = json.loads(
            (site.root / language.prefix / "search" / "search_index.json").read_text("utf-8")
        )
        assert index["config"]["separator"] == search.separator  # from mkdocs.yml
        assert index["config"]["pipeline"] == search.pipeline
        assert index["config"]["lang"][0] == language.code
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert pages == {
            page[language.code].url.removeprefix(language.prefix)
            for page in SITE.pages
            if not searched_out(page[language.code].source)
        }


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_translated_pages_search_their_own_index(site: BuiltSite, lang: str) -> None:
    for page in SITE.pages:
        script = site.soup(page[lang].dest).select_one("script#__config")
        base = json.loads(script.string)["base"]
        depth = page[lang].dest.count("/")
        assert base == "../" * depth + SITE.language(lang).prefix


def test_step_commands_name_what_is_missing(tmp_path: Path, capsys) -> None:
    assert main(["fonts", str(tmp_path)]) == 1
    assert f"{tmp_path} has no built site" in capsys.readouterr().err
