"""The site as MkDocs sees it: languages, pages in navigation order, their URLs and titles,
the book name and the words of the book and footer in each language.

This is the one place that knows these facts. The hooks, the post-build steps, the benchmarks
and the tests ask it; nothing else reads mkdocs.yml. It is read with MkDocs' own
`load_config`, so `!ENV`, `INHERIT` and every plugin's option validation (static-i18n's
languages included) apply exactly as in a build, and the URLs come from MkDocs' own `File`.

    site = load_site(Path("mkdocs.yml"))
    for page in site.pages:
        print(page["en"].url, page["en"].title)     # en/athena/  Amazon Athena
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from . import PROJECT_DIR
from .reading.document import parse_file

# libyaml's loader (terms.py): composing mkdocs.yml with the pure-Python one took 15 ms on every
# build (tags stay unresolved in a composed tree, so !ENV and !!python are no matter).
from .terms import YAML_LOADER


class ConfigError(Exception):
    """mkdocs.yml cannot be used: the message names the file and the setting."""


# --- The project's settings in `extra`, validated with MkDocs' own config classes ----------------


# The practice engine's words (overrides/javascripts/practice*.js), per language: the English
# ones are these defaults, another language gives its own in `extra.labels.practice_ui`.
# "{name}" placeholders are filled by the engine. Validated like the other labels: a misspelt
# key stops the build.
PRACTICE_UI = {
    "noscript": (
        "Practice and the mock exam need JavaScript. The questions below stay readable, with "
        "their answers."
    ),
    "no_storage": (
        "This browser keeps no data for this page (a privacy setting): practice works, but "
        "your progress will not be kept."
    ),
    "scope": "What to practise",
    "scope_all": "All questions",
    "scope_services": "Chosen services",
    "scope_domain": "One domain",
    "scope_due": "Due for review",
    "scope_mistakes": "My mistakes",
    "services": "Services",
    "domain": "Domain",
    "start": "Start practice",
    "exam": "Mock exam",
    "exam_short": "Short: {count} questions in {minutes} minutes",
    "exam_full": "Full length: {count} questions in {minutes} minutes",
    "exam_extra": "+30 minutes (for non-native English speakers, as AWS grants)",
    "exam_start": "Start mock exam",
    "empty": "No question matches this choice.",
    "due_today": "Due today: {count}",
    "seen": "Seen {seen} of {total}, never seen {unseen}",
    "position": "Question {n} of {total}",
    "check": "Check answer",
    "choose": "Choose {count}.",
    "next": "Next question",
    "finish": "End practice",
    "finished": "Practice finished: {correct} of {total} correct.",
    "other_language": "Show in English",
    "explained": "Explained in",
    "rating": "Next review",
    "again": "Again",
    "hard": "Hard",
    "good": "Good",
    "easy": "Easy",
    "next_review": "Next review: {date}",
    "previous": "Previous question",
    "flag": "Flag for review",
    "navigator": "Questions",
    "answered": "answered",
    "flagged": "flagged",
    "unanswered": "not answered",
    "time_left": "Time left: {time}",
    "time_warning": "5 minutes left.",
    "time_up": "Time is up: the exam was submitted.",
    "submit": "Submit exam",
    "submit_confirm": "Submit the exam? {count} questions are not answered.",
    "result": "Result",
    "score": "Estimated score: {score} of 1,000 (pass line 720)",
    "pass": "Pass (estimated)",
    "fail": "Below the pass line (estimated)",
    "score_note": (
        "AWS reports a scaled score from 100 to 1,000 with 720 to pass, but does not publish "
        "how answers map to it. This estimate maps your share of correct answers linearly "
        "onto that scale (100 + 900 × share): about 69% correct reaches 720."
    ),
    "by_domain": "By domain",
    "by_service": "By service",
    "area": "Area",
    "correct": "Correct",
    "accuracy": "Accuracy",
    "due": "Due",
    "review": "Review of every question",
    "your_answer": "Your answer",
    "no_answer": "not answered",
    "history": "Past mock exams",
    "history_line": "{date}: {kind}, {correct} of {total} correct, estimated {score}",
    "kind_short": "short",
    "kind_full": "full length",
    "back": "Back to the start",
    "dashboard": "Your progress",
    "weakest": "Weakest first. Accuracy counts every answer given in practice and mock exams.",
    "practise": "Practise",
    "not_yet": "no answer yet",
    "export": "Export progress",
    "import": "Import progress",
    "import_merge": "Merge: keep the newer state of each question",
    "import_replace": "Replace all progress with the file",
    "replace_confirm": (
        "Replace all your progress in this browser with the file? A backup file is downloaded"
        " first."
    ),
    "imported": "Imported: {count} questions taken from the file.",
    "bad_json": "This file is not JSON ({detail}); your progress is unchanged.",
    "bad_schema": "This file is not a progress file of this site; your progress is unchanged.",
    "bad_version": (
        "This file was made by a newer version of this page (version {version}; this page "
        "reads version {supported}); your progress is unchanged."
    ),
    "bad_ids": (
        "This file names questions this site does not have ({ids}); your progress is "
        "unchanged."
    ),
    "bad_data": "This file's progress is damaged ({detail}); your progress is unchanged.",
    "reset": "Clear my progress",
    "reset_confirm": "Clear all your progress in this browser? A backup file is downloaded first.",
    "cleared": "Your progress was cleared; the backup file has been downloaded.",
    "domain_secure": "Design Secure Architectures",
    "domain_resilient": "Design Resilient Architectures",
    "domain_performance": "Design High-Performing Architectures",
    "domain_cost": "Design Cost-Optimized Architectures",
}  # fmt: skip


class PracticeLabelsConfig(Config):
    """The practice engine's words (PRACTICE_UI), `extra.labels.practice_ui`."""

    locals().update({key: c.Type(str, default=text) for key, text in PRACTICE_UI.items()})


class LabelsConfig(Config):
    """Words of the book and the footer, per language (`extra.labels`; static-i18n's
    `languages[*].extra.labels` gives another language its own)."""

    book_subtitle = c.Type(str)
    book_edition = c.Type(str)  # "한국어판" / "English edition"
    book_contents = c.Type(str)  # title of the table of contents
    pdf_book = c.Type(str)  # the footer's link to the book
    anki_deck = c.Type(str, default="Download the Anki deck")  # home and practice pages
    font_credit = c.Type(str)
    font_licence = c.Type(str)
    built_with = c.Type(str)
    not_found_title = c.Type(str)  # the 404 page: its heading,
    not_found_text = c.Type(str)  # what happened,
    not_found_home = c.Type(str)  # and the link to the home page
    # The practice page (extra.practice): the link to a question's page, the summary of a
    # page's folded items. English by default: a site without a practice page needs none.
    practice_source = c.Type(str, default="Question on its page")
    practice_group = c.Type(str, default="{count} questions")  # a page's folded group
    # A review question (studysite.questions): the title of its folded answer, the key's label,
    # an option's verdict, and the heading of a chapter's answer key in the books.
    quiz_answer = c.Type(str, default="Answer and explanations")
    quiz_key = c.Type(str, default="Answer")
    quiz_right = c.Type(str, default="Correct")
    quiz_wrong = c.Type(str, default="Incorrect")
    quiz_answer_key = c.Type(str, default="Answer key")
    practice_ui = c.SubConfig(PracticeLabelsConfig)  # the practice engine's words
    # The heading of a table column of exam keywords (the compare tables): search counts the
    # cell for the page its row links to (studysite.search_fields).
    search_keywords = c.Type(str, default="Exam keywords")


class ExtraConfig(Config):
    """The keys of `extra` this project reads; Material's own (generator, polyfills...) are
    left to Material."""

    book = c.Optional(c.Type(str))  # file name of the books and the offline copy
    pdf_books = c.Type(bool, default=False)  # the post-build hook also writes the books
    deploy = c.Type(bool, default=False)  # the published build: site_url must be real
    labels = c.Optional(c.Type(dict))  # validated per language with LabelsConfig
    terms = c.Optional(c.Type(str))  # the terminology file, docs-relative (studysite.terms)
    glossary = c.Optional(c.Type(str))  # the glossary page's source; its entries come from terms
    practice = c.Optional(c.Type(str))  # the practice page's source; its questions come from pages
    # The checker's settings (rules switched off...), validated by the checker, which owns
    # them (studysite.check.config): the model knows no rule.
    docscheck = c.Optional(c.Type(dict))


def validated(schema: type[Config], data: Mapping[str, Any], where: str, path: Path) -> Config:
    """Validate data with a MkDocs Config class; raise ConfigError naming file and key."""
    config = schema(config_file_path=str(path))
    config.load_dict(dict(data))
    errors, warnings = config.validate()
    # Warnings too: an unknown key here is a misspelt label or rule list, not a plugin's option.
    for key, problem in [*errors, *warnings]:
        raise ConfigError(f"{path}: {where}.{key}: {problem}")
    return config


# --- The model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    book_subtitle: str
    book_edition: str
    book_contents: str
    pdf_book: str
    anki_deck: str
    font_credit: str
    font_licence: str
    built_with: str
    not_found_title: str
    not_found_text: str
    not_found_home: str
    practice_source: str
    practice_group: str
    quiz_answer: str
    quiz_key: str
    quiz_right: str
    quiz_wrong: str
    quiz_answer_key: str
    practice_ui: Mapping[str, str]
    search_keywords: str


@dataclass(frozen=True)
class Language:
    code: str  # "ko"
    name: str  # "한국어", as in the language menu
    default: bool
    prefix: str  # where its pages live in the site: "" or "en/" (static-i18n's `link`)
    site_name: str
    site_author: str
    site_description: str
    labels: Labels | None  # None when mkdocs.yml has no extra.labels


@dataclass(frozen=True)
class PageVersion:
    """One page in one language."""

    lang: str
    source: str  # Markdown file, docs-relative: "athena.en.md"
    url: str  # site-relative URL: "" for the home page, "en/athena/" ("en/athena.html" offline)
    dest: str  # the built file, site-relative: "en/athena/index.html"
    title: str  # the page's level-1 heading, as written in its source

    @property
    def path(self) -> str:
        """The URL path on a site served at its root: "/en/athena/"."""
        return "/" + self.url


@dataclass(frozen=True)
class Page:
    """A page of the navigation, in every built language."""

    name: str  # its default-language source without ".md": "index", "athena"
    versions: Mapping[str, PageVersion]

    def __getitem__(self, lang: str) -> PageVersion:
        return self.versions[lang]


class Site:
    """mkdocs.yml, loaded by MkDocs and read for what the project's tools need."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.config_file = Path(config.config_file_path)
        self.docs_dir = Path(config.docs_dir)
        self.site_dir = Path(config.site_dir)  # as configured; a build may be told otherwise
        self.extra = validated(ExtraConfig, _our_keys(config.extra), "extra", self.config_file)
        _check_site_url(config, self.config_file, deploy=self.extra.deploy)
        self.languages = tuple(_languages(config, self.config_file, self.extra))

    # Languages -------------------------------------------------------------------------------

    @property
    def default_language(self) -> Language:
        return self.languages[0]

    @property
    def codes(self) -> tuple[str, ...]:
        """The built languages' codes, the default first."""
        return tuple(language.code for language in self.languages)

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(f"{code!r} is not a built language of {self.config_file}")

    def source_language(self, source: PurePosixPath) -> tuple[str, PurePosixPath]:
        """(language, default-language source) of a docs-relative Markdown path, by
        static-i18n's suffix rule: "a.en.md" -> ("en", "a.md"); "a.md" -> (default, "a.md")."""
        parts = source.name.split(".")
        if len(parts) >= 3 and parts[-2] in self.codes[1:]:
            return parts[-2], source.with_name(".".join(parts[:-2] + parts[-1:]))
        return self.codes[0], source

    def translation_source(self, source: PurePosixPath, lang: str) -> PurePosixPath:
        """The Markdown file of a default-language page in lang: "a.md" -> "a.en.md"."""
        if lang == self.codes[0]:
            return source
        return source.with_name(f"{source.stem}.{lang}{source.suffix}")

    # Pages -----------------------------------------------------------------------------------

    @property
    def offline(self) -> bool:
        """Whether this is the offline copy's build (Material's offline plugin enabled)."""
        plugin = self.config.plugins.get("material/offline") or self.config.plugins.get("offline")
        return bool(plugin is not None and plugin.config.enabled)

    @property
    def use_directory_urls(self) -> bool:
        # Material's offline plugin turns directory URLs off in its on_config, which a loaded
        # (not built) configuration has not run.
        return bool(self.config.use_directory_urls) and not self.offline

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        """Every page of the navigation, in navigation order, in every built language."""
        if not self.config.nav:
            raise ConfigError(f"{self.config_file}: no nav: the site's page list is its nav")
        pages = []
        for source in _nav_sources(self.config.nav):
            versions = {
                language.code: self._version(PurePosixPath(source), language)
                for language in self.languages
            }
            pages.append(Page(PurePosixPath(source).with_suffix("").as_posix(), versions))
        return tuple(pages)

    def _version(self, source: PurePosixPath, language: Language) -> PageVersion:
        # The URL is MkDocs' own for the default-language file; static-i18n puts the other
        # languages' pages at the same URL under their `link`.
        file = File(
            source.as_posix(), str(self.docs_dir), str(self.site_dir), self.use_directory_urls
        )
        url = "" if file.url in (".", "./") else file.url
        markdown = self.translation_source(source, language.code)
        return PageVersion(
            lang=language.code,
            source=markdown.as_posix(),
            url=language.prefix + url,
            dest=language.prefix + file.dest_uri,
            title=_title(self.docs_dir / markdown),
        )

    @property
    def home(self) -> Page:
        """The page at each language's root (its built file is the root's index.html)."""
        for page in self.pages:
            if page[self.codes[0]].dest == "index.html":
                return page
        raise ConfigError(f"{self.config_file}: the nav has no home page (index.md)")

    def page(self, source: str) -> Page:
        """The page whose default-language source (as in the nav) is source: "athena.md"."""
        for page in self.pages:
            if page[self.codes[0]].source == source:
                return page
        raise KeyError(f"{source} is not a page of the nav in {self.config_file}")

    def page_by_url(self, url: str) -> PageVersion | None:
        """The page version at a site-relative URL ("en/athena/"), if any."""
        for page in self.pages:
            for version in page.versions.values():
                if version.url == url:
                    return version
        return None

    # The books and the offline copy ----------------------------------------------------------

    @property
    def book(self) -> str:
        name = self.extra.book
        if not name:
            raise ConfigError(
                f"{self.config_file}: extra.book is not set: the PDF books and the offline copy "
                "are named after it"
            )
        return str(name)

    def pdf_path(self, lang: str) -> str:
        """Site-relative path of the book in lang: "pdf/aws-analytics-notes.ko.pdf"."""
        return f"pdf/{self.book}.{lang}.pdf"

    @property
    def terms_file(self) -> Path | None:
        """The terminology data file (extra.terms), or None when the site has none."""
        return self.docs_dir / self.extra.terms if self.extra.terms else None

    @property
    def glossary_page(self) -> PurePosixPath | None:
        """The default-language source of the glossary page (extra.glossary), or None."""
        return PurePosixPath(self.extra.glossary) if self.extra.glossary else None

    @property
    def practice_page(self) -> PurePosixPath | None:
        """The default-language source of the practice page (extra.practice), or None."""
        return PurePosixPath(self.extra.practice) if self.extra.practice else None

    @property
    def offline_zip(self) -> str:
        """Site-relative path of the offline copy: "download/aws-analytics-notes-offline.zip"."""
        return f"download/{self.book}-offline.zip"

    def anki_path(self, lang: str) -> str:
        """Site-relative path of the Anki deck in lang: "download/aws-analytics-notes.ko.apkg"."""
        return f"download/{self.book}.{lang}.apkg"

    @property
    def offline_folder(self) -> str:
        """The one folder inside the offline zip."""
        return self.book

    def labels(self, lang: str) -> Labels:
        labels = self.language(lang).labels
        if labels is None:
            raise ConfigError(f"{self.config_file}: extra.labels is not set")
        return labels


# Top-level domains reserved for examples and tests (RFC 2606): a site_url there is a placeholder.
RESERVED_DOMAINS = ("example", "test", "invalid", "localhost")


def _placeholder(url: str) -> bool:
    labels = (urlsplit(url).hostname or "").split(".")
    return labels[-1] in ("", *RESERVED_DOMAINS) or ".".join(labels[-2:]) in {
        "example.com",
        "example.net",
        "example.org",
    }


def public_site_url(url: str | None) -> bool:
    """Whether url is a site's real address: absolute http(s), not a placeholder domain."""
    return bool(url) and urlsplit(url).scheme in ("http", "https") and not _placeholder(url)


def _check_site_url(config: MkDocsConfig, path: Path, *, deploy: bool) -> None:
    """A site_url given through the environment is an absolute http(s) URL ending in "/" (as
    given: MkDocs would quietly add the "/"); a published build (extra.deploy) has a real one."""
    variable = env_variable(path, "site_url")
    given = os.environ.get(variable) if variable else None
    if given:
        parts = urlsplit(given)
        if parts.scheme not in ("http", "https") or not parts.netloc or not given.endswith("/"):
            raise ConfigError(
                f"{path}: site_url: {variable}={given!r} is not an absolute http(s) URL ending "
                f"in '/', e.g. {variable}=https://owner.github.io/repo/"
            )
    url = config.site_url or ""
    if deploy and not public_site_url(url):
        setting = variable or "site_url"
        deploy_variable = env_variable(path, "extra", "deploy") or "extra.deploy"
        raise ConfigError(
            f"{path}: extra.deploy is true ({deploy_variable}) but site_url is a placeholder "
            f"({url or 'not set'}): set {setting} to the address the site is served from, e.g. "
            f"{deploy_variable}=true {setting}=https://owner.github.io/repo/ make build"
        )


def env_variable(path: Path, *keys: str) -> str | None:
    """The environment variable a setting of mkdocs.yml reads (`key: !ENV [NAME, default]`),
    if it reads one: found in the YAML's nodes, since the loaded config keeps only the value."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError):
        return None
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((value for name, value in node.value if name.value == key), None)
    return _env_name(node) if node is not None else None


def _env_name(node: yaml.Node) -> str | None:
    """The variable an `!ENV` node names: `!ENV NAME` or `!ENV [NAME, default]`."""
    if node.tag != "!ENV":
        return None
    first = node.value[0] if isinstance(node, yaml.SequenceNode) else node
    return str(first.value) if isinstance(first, yaml.ScalarNode) else None


def environment_variables(path: Path) -> list[str]:
    """Every environment variable mkdocs.yml reads (`!ENV NAME` or `!ENV [NAME, ...]`), in
    the order they appear."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError):
        return []
    found: list[str] = []
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop(0)
        if node.tag == "!ENV":
            name = _env_name(node)
            if name is not None and name not in found:
                found.append(name)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(value for _key, value in node.value)
    return found


def _our_keys(extra: Mapping[str, Any]) -> dict[str, Any]:
    return {key: extra[key] for key, _option in ExtraConfig._schema if key in extra}


def _languages(config: MkDocsConfig, path: Path, extra: Config) -> Iterator[Language]:
    """The built languages, the default first: static-i18n's, or the theme's one language."""
    plugin = config.plugins.get("i18n")

    def labels(data: Any, where: str) -> Labels | None:
        if data is None:
            return None
        if not isinstance(data, Mapping):
            raise ConfigError(f"{path}: {where}: expected a mapping of labels")
        checked = dict(validated(LabelsConfig, data, where, path))
        checked["practice_ui"] = dict(checked["practice_ui"])
        return Labels(**checked)

    default_labels = labels(extra.labels, "extra.labels")
    if plugin is None:
        code = str(config.theme.get("language") or "en")
        yield Language(
            code,
            code,
            True,
            "",
            config.site_name,
            config.site_author or "",
            config.site_description or "",
            default_labels,
        )
        return
    if plugin.config.docs_structure != "suffix":
        # The page naming below (a.md beside a.en.md) is the suffix layout's.
        raise ConfigError(f"{path}: plugins.i18n.docs_structure: only 'suffix' is supported")
    entries = [lang for lang in plugin.config.languages if lang.build]
    entries.sort(key=lambda lang: not lang.default)
    for entry in entries:
        # static-i18n updates `extra` with a language's own `extra`, key by key.
        own = (entry.extra or {}).get("labels")
        where = f"plugins.i18n.languages[{entry.locale}].extra.labels"
        yield Language(
            code=entry.locale,
            name=entry.name,
            default=bool(entry.default),
            prefix=entry.link.lstrip("/"),
            site_name=entry.site_name or config.site_name,
            site_author=entry.site_author or config.site_author or "",
            site_description=entry.site_description or config.site_description or "",
            labels=default_labels if own is None else labels(own, where),
        )


def _nav_sources(nav: Any) -> Iterator[str]:
    """The Markdown files of a nav, in order (titles and external links skipped)."""
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, dict):
            for value in item.values():
                yield from _nav_sources(value)
        elif isinstance(item, str) and item.endswith(".md") and "://" not in item:
            yield item


def _title(source: Path) -> str:
    """The text of a page's level-1 heading (without its `{ #id }`), or its file name."""
    headings = [h for h in parse_file(source).headings if h.level == 1]
    return headings[0].text.strip() if headings else source.name


class _Collect(logging.Handler):
    """Collects what MkDocs logs while loading a configuration (its errors say what is wrong)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_mkdocs_config(path: Path) -> MkDocsConfig:
    """mkdocs.yml loaded and validated by MkDocs; ConfigError with MkDocs' own messages."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    collect = _Collect()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(collect)
    try:
        return load_config(str(path))
    except (Abort, ConfigurationError, OSError, ValueError) as error:  # Abort: MkDocs logged why
        details = "; ".join(collect.messages) or str(error)
        raise ConfigError(f"{path}: {details}") from error
    finally:
        logger.removeHandler(collect)


def load_site(path: Path) -> Site:
    """The site described by a mkdocs.yml."""
    return Site(load_mkdocs_config(path))


def build_site(path: Path) -> Site:
    """The site of the mkdocs.yml being built, for the hooks: loaded once (0.2 s) however many
    hooks and per-language builds ask, and again when the file changes (mkdocs serve)."""
    return _load_version(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=1)
def _load_version(path: Path, _mtime_ns: int) -> Site:
    return load_site(path)


@cache
def project_site() -> Site:
    """This project's site (its mkdocs.yml), loaded once per process."""
    return load_site(PROJECT_DIR / "mkdocs.yml")
