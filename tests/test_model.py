"""The site model: every tool's one source for languages, pages, URLs, book and labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from conftest import LANGUAGES, PAGES, PROJECT_DIR, SITE
from docstree import make_tree
from studysite.cli import main
from studysite.model import ConfigError, load_site

LABELS = {
    "book_subtitle": "Notes",
    "book_edition": "Edition",
    "book_contents": "Contents",
    "pdf_book": "PDF",
    "font_credit": "Font",
    "font_licence": "OFL",
    "built_with": "MkDocs",
    "not_found_title": "Not found",
    "not_found_text": "No page here.",
    "not_found_home": "Home",
}
PAGE_KO = "# 제목 { #title }\n\n내용.\n"
PAGE_EN = "# Title { #title }\n\nText.\n"


def test_languages_are_static_i18n_s_built_languages() -> None:
    entries = [lang for lang in SITE.config.plugins["i18n"].config.languages if lang.build]
    assert SITE.codes == LANGUAGES
    assert sorted(SITE.codes) == sorted(lang.locale for lang in entries)
    assert SITE.default_language.default and SITE.default_language.prefix == ""
    for language in SITE.languages[1:]:
        entry = next(e for e in entries if e.locale == language.code)
        assert "/" + language.prefix == entry.link


def test_pages_are_mkdocs_navigation_in_order() -> None:
    """The default language's pages and URLs are what MkDocs' own navigation makes of the nav
    (static-i18n adds the translations); the other languages sit under their prefix."""
    files = get_files(SITE.config)
    navigation = get_navigation(files, SITE.config)
    assert [page[LANGUAGES[0]].url for page in PAGES] == [p.url for p in navigation.pages]
    for page in PAGES:
        for language in SITE.languages[1:]:
            version = page[language.code]
            assert version.url == language.prefix + page[LANGUAGES[0]].url
            assert (SITE.docs_dir / version.source).is_file()
            assert version.source.endswith(f".{language.code}.md")


def test_offline_build_has_file_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFFLINE", "true")
    offline = load_site(PROJECT_DIR / "mkdocs.yml")
    assert offline.offline and not offline.use_directory_urls
    assert offline.home[LANGUAGES[0]].url == "index.html"
    for page in offline.pages:
        for version in page.versions.values():
            assert version.url == version.dest and version.url.endswith(".html")


def test_book_paths_and_labels_per_language() -> None:
    i18n_languages = SITE.config.plugins["i18n"].config.languages
    english = next(lang for lang in i18n_languages if lang.locale == LANGUAGES[1])
    assert SITE.labels(LANGUAGES[1]).book_edition == english.extra["labels"]["book_edition"]
    assert SITE.labels(LANGUAGES[0]).book_edition == SITE.config.extra["labels"]["book_edition"]
    assert SITE.labels(LANGUAGES[0]) != SITE.labels(LANGUAGES[1])
    assert SITE.pdf_path(LANGUAGES[1]) == f"pdf/{SITE.book}.{LANGUAGES[1]}.pdf"
    assert SITE.offline_zip == f"download/{SITE.book}-offline.zip"


def test_the_pages_command_prints_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pages", "-f", str(PROJECT_DIR / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    for page in PAGES:
        for version in page.versions.values():
            assert version.path in out and version.source in out and version.title in out


def _tree(tmp_path: Path, extra: dict | None = None, nav: list | None = None) -> Path:
    return make_tree(
        tmp_path,
        {"index.md": PAGE_KO, "index.en.md": PAGE_EN},
        languages=("ko", "en"),
        extra=extra,
        nav=nav if nav is not None else ["index.md"],
    )


def test_a_minimal_site_loads(tmp_path: Path) -> None:
    site = load_site(_tree(tmp_path, {"book": "notes", "labels": LABELS}))
    assert site.codes == ("ko", "en")
    assert [page["en"].url for page in site.pages] == ["en/"]
    assert site.labels("en") == site.labels("ko")  # no English labels: the default's
    assert site.pdf_path("en") == "pdf/notes.en.pdf"


@pytest.mark.parametrize(
    ("extra", "nav", "where"),
    [
        ({"labels": {**LABELS, "typo": "x"}}, None, "extra.labels.typo"),
        (
            {"labels": {k: v for k, v in LABELS.items() if k != "book_edition"}},
            None,
            "extra.labels.book_edition",
        ),
        ({"labels": "words"}, None, "extra.labels"),
        ({"pdf_books": "sometimes"}, None, "extra.pdf_books"),
        ({"docscheck": "off"}, None, "extra.docscheck"),  # its keys: the checker's (its tests)
    ],
)
def test_bad_settings_name_the_file_and_the_key(tmp_path: Path, extra, nav, where) -> None:
    config = _tree(tmp_path, extra, nav)
    with pytest.raises(ConfigError) as error:
        load_site(config)
    assert str(config) in str(error.value) and where in str(error.value), error.value


def test_missing_facts_are_clear_errors(tmp_path: Path, capsys) -> None:
    site = load_site(_tree(tmp_path, nav=[]))
    with pytest.raises(ConfigError, match="no nav"):
        _ = site.pages
    with pytest.raises(ConfigError, match=r"extra\.book is not set"):
        _ = site.book
    assert main(["pages", "-f", str(tmp_path / "missing.yml")]) == 2
    assert "configuration file not found" in capsys.readouterr().err
