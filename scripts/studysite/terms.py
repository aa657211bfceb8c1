"""The terminology data: one file of terms (extra.terms in mkdocs.yml, e.g. docs/terms.yml),
the one source for the glossary, tooltips, search synonyms and the spelling rule.

    - id: redshift                      # ASCII slug, unique
      ko: 레드시프트                      # the preferred form in each built language
      en: Amazon Redshift
      variants: {ko: [레드쉬프트], en: []}  # non-preferred spellings to flag
      expansion: {ko: ..., en: ...}     # abbreviations only: what they stand for
      definition: {ko: ..., en: ...}    # one line per language
      see: redshift.md#overview         # the default-language page and section explaining it

Each entry is validated with a schema of MkDocs' own config option types (made for the site's
languages, which are also keys of an entry); what one entry cannot know (duplicates,
a variant that is a preferred form) is checked across entries here, and whether `see` names a
real section by the checker, which has the pages (TERM002). Every problem is reported with the
file's line and the entry's id, all at once, never as a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .filecache import FileCache

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    id: str
    line: int  # where its entry starts in the data file, 1-based
    forms: dict[str, str]  # language -> preferred form
    variants: dict[str, tuple[str, ...]]  # language -> non-preferred spellings
    expansion: dict[str, str] | None  # language -> what the abbreviation stands for
    definition: dict[str, str]  # language -> one-line definition
    page: str  # default-language source of the explaining page: "redshift.md"
    section: str  # heading id on that page: "overview"


@dataclass(frozen=True)
class TermProblem:
    line: int
    message: str


@dataclass(frozen=True)
class Terms:
    terms: tuple[Term, ...]
    problems: tuple[TermProblem, ...]


def _key_lines(node: yaml.MappingNode) -> dict[str, int]:
    return {
        key.value: value.start_mark.line + 1
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode)
    }


class LanguageError(ValidationError):
    """A problem with one language's value: reported as `key.lang: ...`."""

    def __init__(self, lang: str, detail: str) -> None:
        super().__init__(f"{lang}: {detail}")
        self.lang = lang
        self.detail = detail


class PerLanguage(c.BaseConfigOption[dict]):
    """{language: value} with exactly the site's languages, each value valid for `item`."""

    def __init__(self, languages: Sequence[str], item: c.BaseConfigOption) -> None:
        super().__init__()
        self.languages = tuple(languages)
        self.item = item

    def run_validation(self, value: object) -> dict:
        names = ", ".join(self.languages)
        if not isinstance(value, dict):
            raise ValidationError(f"expected a mapping of {names}")
        for extra in sorted(set(value) - set(self.languages), key=str):
            raise LanguageError(str(extra), f"not a language of the site ({names})")
        for lang in self.languages:
            if lang not in value:
                raise LanguageError(lang, "missing (every language needs its own)")
            try:
                value[lang] = self.item.validate(value[lang])
            except ValidationError as error:
                raise LanguageError(lang, str(error)) from None
        return value


class Text(c.Type):
    """A non-empty line of text."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"expected text, got {value!r}")
        if not value.strip():
            raise ValidationError("missing (empty)")
        return value.strip()


class Spellings(c.ListOfItems):
    def __init__(self) -> None:
        super().__init__(Text(), default=[])


class SeeOption(c.Type):
    """page.md#section-id"""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if "#" not in text or not text.partition("#")[2]:
            raise ValidationError("expected 'page.md#section-id'")
        return text


class Slug(c.Type):
    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not ID_RE.match(value):
            raise ValidationError("expected an ASCII slug such as 'redshift' or 'data-lake'")
        return value


@cache
def schema(languages: tuple[str, ...]) -> dict[str, c.BaseConfigOption]:
    """The options of one entry, for a site built in these languages (the preferred forms'
    keys are the languages)."""
    options: dict[str, c.BaseConfigOption] = {"id": Slug()}
    for lang in languages:
        options[lang] = Text()  # the preferred form
    options |= {
        "variants": c.Optional(PerLanguage(languages, Spellings())),
        "expansion": c.Optional(PerLanguage(languages, Text())),
        "definition": PerLanguage(languages, Text()),
        "see": SeeOption(),
    }
    return options


def _entry(
    data: object, line: int, lines: dict[str, int], languages: Sequence[str]
) -> tuple[Term | None, list[TermProblem]]:
    if not isinstance(data, dict):
        return None, [TermProblem(line, "an entry must be a mapping (id, forms, definition, see)")]
    name = data.get("id")
    label = f"term {name!r}" if isinstance(name, str) else "a term without an id"
    options = schema(tuple(languages))
    # Each option on its own, not with a Config's validate(): that stops at the first error,
    # and every problem of the file is reported at once.
    errors: list[tuple[str, Exception]] = []
    values: dict[str, Any] = {}
    for key, option in options.items():
        if key not in data and not isinstance(option, c.Optional):
            errors.append((key, ValidationError("Required configuration not provided.")))
            continue
        try:
            values[key] = option.validate(data.get(key))
        except ValidationError as error:
            errors.append((key, error))
    for key in sorted(set(data) - set(options), key=str):
        errors.append((str(key), ValidationError("Unrecognised configuration name")))
    problems = [
        TermProblem(lines.get(key, line), f"{label}: {_message(key, error, languages)}")
        for key, error in errors
    ]
    if problems:
        return None, problems
    page, _, section = values["see"].partition("#")
    variants = values["variants"] or {lang: [] for lang in languages}
    term = Term(
        id=values["id"],
        line=line,
        forms={lang: values[lang] for lang in languages},
        variants={lang: tuple(variants[lang]) for lang in languages},
        expansion=dict(values["expansion"]) if values["expansion"] is not None else None,
        definition=dict(values["definition"]),
        page=page,
        section=section,
    )
    return term, []


def _message(key: str, error: Exception, languages: Sequence[str]) -> str:
    """One problem as `key: ...` (`key.lang: ...` for one language's value), with MkDocs'
    own two messages in this file's terms."""
    if isinstance(error, LanguageError):
        return f"{key}.{error.lang}: {error.detail}"
    message = str(error)
    if message == "Required configuration not provided.":
        message = "the preferred form is missing" if key in languages else "missing"
    elif message.startswith("Unrecognised configuration name"):
        known = ", ".join(["id", *languages, "variants", "expansion", "definition", "see"])
        message = f"unknown key (known: {known})"
    return f"{key}: {message}"


def _conflicts(terms: list[Term], languages: Sequence[str]) -> Iterator[TermProblem]:
    """Duplicate ids and forms; a variant that is a preferred form (its own or another's)."""
    ids: dict[str, Term] = {}
    preferred: dict[tuple[str, str], Term] = {}
    for term in terms:
        if term.id in ids:
            yield TermProblem(
                term.line, f"term {term.id!r}: duplicate id (line {ids[term.id].line})"
            )
        ids.setdefault(term.id, term)
        for lang in languages:
            key = (lang, term.forms[lang])
            if key in preferred:
                other = preferred[key]
                yield TermProblem(
                    term.line,
                    f"term {term.id!r}: {lang} form {term.forms[lang]!r} is already the form of "
                    f"{other.id!r} (line {other.line})",
                )
            preferred.setdefault(key, term)
    every_form = {form: term for term in terms for form in term.forms.values()}
    for term in terms:
        for lang in languages:
            for variant in term.variants[lang]:
                owner = every_form.get(variant)
                if owner is not None:
                    whose = "its own" if owner is term else f"{owner.id!r}'s"
                    yield TermProblem(
                        term.line,
                        f"term {term.id!r}: variant {variant!r} is {whose} preferred form",
                    )
                    continue
                # The spelling rule would then flag every use of the other form.
                inside = _words_pattern(variant)
                for form, other in every_form.items():
                    if inside.search(form):
                        yield TermProblem(
                            term.line,
                            f"term {term.id!r}: variant {variant!r} occurs in {other.id!r}'s "
                            f"preferred form {form!r}",
                        )


def _words_pattern(part: str) -> re.Pattern[str]:
    """part's occurrences, not starting inside a word (a Korean word may go on after it);
    compiled once per variant: it is tried on every preferred form."""
    pattern = r"\s+".join(re.escape(word) for word in part.split())
    return re.compile(rf"(?<!\w){pattern}(?![A-Za-z0-9])", re.IGNORECASE)


# libyaml's loader where PyYAML has it (its wheels do): the same data and line marks as the
# pure-Python SafeLoader, several times faster on a file of this size (0.17 s -> 0.02 s here).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_loaded: FileCache[Terms] = FileCache(size=8)


def cached_terms(path: Path, languages: Sequence[str]) -> Terms:
    """load_terms, once per version of the file and languages: the checker, the terms hook
    and the search-index step of one build read the same data (and mkdocs serve rebuilds on
    every save)."""
    codes = tuple(languages)
    if not path.is_file():  # nothing to cache: load_terms says why
        return load_terms(path, codes)
    return _loaded.get(path, lambda file: load_terms(file, codes), tag=codes)


def load_terms(path: Path, languages: Sequence[str]) -> Terms:
    """Read and validate the terminology file. Sections are checked by the caller, who has
    the pages (studysite.check)."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=YAML_LOADER)
        data = yaml.load(text, Loader=YAML_LOADER)
    except (OSError, UnicodeDecodeError) as error:
        return Terms((), (TermProblem(1, f"cannot read the terminology file: {error}"),))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return Terms((), (TermProblem(line, f"not valid YAML: {error}".splitlines()[0]),))
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        return Terms((), (TermProblem(1, "expected a list of terms"),))
    terms: list[Term] = []
    problems: list[TermProblem] = []
    for node, entry in zip(root.value, data, strict=True):
        lines = _key_lines(node) if isinstance(node, yaml.MappingNode) else {}
        term, found = _entry(entry, node.start_mark.line + 1, lines, languages)
        problems += found
        if term is not None:
            terms.append(term)
    problems += _conflicts(terms, languages)
    return Terms(tuple(terms), tuple(problems))
