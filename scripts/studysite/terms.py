"""The terminology data: one file of terms (extra.terms in mkdocs.yml, e.g. docs/terms.yml),
the one source for the glossary, tooltips, search synonyms and the spelling rule.

    - id: redshift                      # ASCII slug, unique
      ko: 레드시프트                      # the preferred form in each built language
      en: Amazon Redshift
      variants: {ko: [레드쉬프트], en: []}  # non-preferred spellings to flag
      expansion: {ko: ..., en: ...}     # abbreviations only: what they stand for
      definition: {ko: ..., en: ...}    # one line per language
      see: redshift.md#overview         # the default-language page and section explaining it

Validated by hand rather than with a schema class: the per-language keys are the site's
languages (studysite.model), which a fixed schema cannot name. Every problem is reported with
the file's line and the entry's id, all at once, never as a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"id", "variants", "expansion", "definition", "see"}  # plus one key per language


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


def _per_language(
    value: object, languages: Sequence[str], where: str, *, lists: bool = False
) -> Iterator[str]:
    """Problems of a {language: text} (or {language: [text, ...]}) mapping."""
    if not isinstance(value, dict):
        yield f"{where}: expected a mapping of {', '.join(languages)}"
        return
    for lang in languages:
        item = value.get(lang)
        if lists:
            if not isinstance(item, list) or not all(isinstance(v, str) and v for v in item):
                yield f"{where}.{lang}: expected a list of spellings (may be empty)"
        elif not isinstance(item, str) or not item.strip():
            yield f"{where}.{lang}: missing (every language needs its own)"
    for extra in sorted(set(value) - set(languages), key=str):
        yield f"{where}.{extra}: not a language of the site ({', '.join(languages)})"


def _entry(
    data: object, line: int, lines: dict[str, int], languages: Sequence[str]
) -> tuple[Term | None, list[TermProblem]]:
    if not isinstance(data, dict):
        return None, [TermProblem(line, "an entry must be a mapping (id, forms, definition, see)")]
    name = data.get("id")
    label = f"term {name!r}" if isinstance(name, str) else "a term without an id"
    problems: list[TermProblem] = []

    def problem(key: str, message: str) -> None:
        problems.append(TermProblem(lines.get(key, line), f"{label}: {message}"))

    if not isinstance(name, str) or not ID_RE.match(name):
        problem("id", "id: expected an ASCII slug such as 'redshift' or 'data-lake'")
    for lang in languages:
        if not isinstance(data.get(lang), str) or not data[lang].strip():
            problem(lang, f"{lang}: the preferred form is missing")
    for key in sorted(set(data) - KEYS - set(languages), key=str):
        problem(key, f"{key}: unknown key (known: {', '.join(sorted(KEYS | set(languages)))})")
    for message in _per_language(data.get("definition"), languages, "definition"):
        problem("definition", message)
    if "variants" in data:
        for message in _per_language(data["variants"], languages, "variants", lists=True):
            problem("variants", message)
    if data.get("expansion") is not None:
        for message in _per_language(data["expansion"], languages, "expansion"):
            problem("expansion", message)
    see = data.get("see")
    if not isinstance(see, str) or "#" not in see:
        problem("see", "see: expected 'page.md#section-id'")
    if problems:
        return None, problems
    page, _, section = see.partition("#")
    variants = data.get("variants") or {lang: [] for lang in languages}
    term = Term(
        id=name,
        line=line,
        forms={lang: data[lang].strip() for lang in languages},
        variants={lang: tuple(v.strip() for v in variants[lang]) for lang in languages},
        expansion=dict(data["expansion"]) if data.get("expansion") is not None else None,
        definition={lang: data["definition"][lang].strip() for lang in languages},
        page=page,
        section=section,
    )
    return term, []


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


def load_terms(path: Path, languages: Sequence[str]) -> Terms:
    """Read and validate the terminology file. Sections are checked by the caller, who has
    the pages (studysite.check)."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
        data = yaml.safe_load(text)
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
