"""TERM001: one spelling per term. Finds the terminology data's non-preferred spellings
(`variants` in docs/terms.yml) in the pages' prose (paragraphs, headings, lists, tables,
admonitions and their titles, image alt texts) and in the diagrams' text, and can rewrite
them (`studysite check --fix`).

Not searched: front matter, fenced and indented code, code spans, URLs (link and image
targets, autolinks, bare URLs, reference definitions, href/src attributes), HTML comments,
heading attribute lists; in an SVG, markup, comments and <style>. Everything is blanked out
in place, so an offset into the masked text is an offset into the file.

Written by hand rather than by walking markdown-it's inline tokens: those carry no columns,
and a finding needs its line and column in the source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import derived, wordmatch
from ..hangul import HANGUL, HANGUL_RE
from ..reading import document
from ..reading.document import Document, mask_code_spans
from ..reading.source import DecodeFailure, read_source
from ..terms import Term, Terms
from .context import Tree
from .findings import FileProblem, Problem

WORD_CHARS = f"0-9A-Za-z{HANGUL}"
LATIN_WORD = "0-9A-Za-z"
WORD_RE = re.compile(f"[{WORD_CHARS}]")

URL_PATTERNS = (
    r"(?<=\]\()[^)\s]+",  # [text](target "title"), ![alt](target)
    r"<[a-z][a-z0-9+.-]*:[^>\s]*>",  # <https://...>
    r"\b(?:https?|ftp|mailto|file):[^\s<>()\"'`]+",  # bare URLs
    r"(?m:^ {0,3}\[[^\]\n]+\]:[ \t]*\S+)",  # [ref]: target
    r"\b(?:href|src|srcset|xlink:href)\s*=\s*(?:\"[^\"]*\"|'[^']*')",  # HTML attributes
    r"(?s:<!--.*?-->)",  # HTML comments
    r"(?m:\{[ \t]*[#.:][^{}\n]*\}[ \t]*$)",  # heading attribute lists { #id }
)
URL_RE = re.compile("|".join(f"(?:{p})" for p in URL_PATTERNS), re.IGNORECASE)
SVG_HIDDEN_RE = re.compile(r"<!--.*?-->|<style\b.*?</style>|<!\[CDATA\[.*?\]\]>|<[^>]*>", re.S)
BLOCK_SPLIT_RE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Misspelling:
    start: int  # offset into the file's text
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    found: str  # as the file writes it (markup and line breaks left out when not fixable)
    preferred: str  # what to write instead
    term: Term
    fixable: bool  # one line, no markup inside: --fix can rewrite it


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def masked_markdown(text: str, document: Document) -> str:
    """The page's text with everything but prose blanked out, offsets unchanged."""
    lines = text.split("\n")
    for first, last in document.code_blocks:
        for index in range(first, min(last, len(lines))):
            lines[index] = " " * len(lines[index])
    joined = "\n".join(lines)
    # Code spans never cross a blank line: mask them block by block, so one stray backtick
    # cannot hide the rest of the page.
    blocks, position = [], 0
    for separator in BLOCK_SPLIT_RE.finditer(joined):
        blocks.append(mask_code_spans(joined[position : separator.start()]))
        blocks.append(separator.group(0))
        position = separator.end()
    blocks.append(mask_code_spans(joined[position:]))
    return URL_RE.sub(_blank, "".join(blocks))


def masked_svg(text: str) -> str:
    """An SVG's text content (text, tspan, title, desc), markup blanked out."""
    return SVG_HIDDEN_RE.sub(_blank, text)


@dataclass(frozen=True)
class Vocabulary:
    """Every non-preferred spelling of the terminology, as one pattern."""

    pattern: re.Pattern[str] | None
    owners: dict[str, tuple[Term, str]]  # normalised variant -> (term, its language)

    @classmethod
    def of(cls, terms: Sequence[Term]) -> Vocabulary:
        owners: dict[str, tuple[Term, str]] = {}
        for term in terms:
            for lang, variants in term.variants.items():
                for variant in variants:
                    owners.setdefault(_key(variant), (term, lang))
        if not owners:
            return cls(None, owners)
        spellings = sorted(
            {variant for term in terms for vs in term.variants.values() for variant in vs},
            key=len,
            reverse=True,
        )
        return cls(re.compile("|".join(_variant_pattern(v) for v in spellings)), owners)


def _key(spelling: str) -> str:
    """Spellings compare with runs of whitespace as one space; Latin ones without case."""
    return re.sub(r"\s+", " ", spelling.strip()).casefold()


def _variant_pattern(variant: str) -> str:
    """A variant as a whole word: not inside a longer word on the left; on the right, a
    Korean word may go on with a particle (데이터 주입은), a Latin one may not (zero ETLs)."""
    body = wordmatch.alternative(variant.strip(), ignore_case=not HANGUL_RE.search(variant))
    right = f"(?![{LATIN_WORD}])" if re.search(f"[{LATIN_WORD}]$", variant) else ""
    return f"{body}{right}"  # the left boundary: wordmatch.bounded


def _preferred(found: str, term: Term, lang: str) -> str:
    preferred = term.forms[lang]
    # A Latin spelling at the start of a sentence keeps its capital (Zero ETL -> Zero-ETL).
    if found[:1].isupper() and preferred[:1].islower():
        preferred = preferred[0].upper() + preferred[1:]
    return preferred


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def find(text: str, masked: str, vocabulary: Vocabulary) -> Iterator[Misspelling]:
    """Every non-preferred spelling in masked (the file's text with non-prose blanked)."""
    if vocabulary.pattern is None:
        return
    starts = _line_starts(text)
    line = 0
    for match in wordmatch.bounded(vocabulary.pattern, masked, WORD_RE):
        found = text[match.start() : match.end()]
        owner = vocabulary.owners.get(_key(match.group(0)))
        if owner is None:  # cannot happen: the pattern is made of the owners' spellings
            continue
        term, lang = owner
        while line + 1 < len(starts) and starts[line + 1] <= match.start():
            line += 1
        fixable = found == match.group(0) and "\n" not in found
        yield Misspelling(
            start=match.start(),
            end=match.end(),
            line=line + 1,
            column=match.start() - starts[line] + 1,
            found=found if fixable else " ".join(match.group(0).split()),
            preferred=_preferred(found, term, lang),
            term=term,
            fixable=fixable,
        )


def fix(text: str, misspellings: Iterable[Misspelling]) -> tuple[str, int]:
    """text with every fixable misspelling rewritten; and how many were."""
    fixed = 0
    for item in sorted(misspellings, key=lambda m: m.start, reverse=True):
        if item.fixable:
            text = text[: item.start] + item.preferred + text[item.end :]
            fixed += 1
    return text, fixed


@dataclass(frozen=True)
class ScannedFile:
    path: Path
    text: str
    misspellings: tuple[Misspelling, ...]


def scan(tree: Tree) -> Iterator[ScannedFile]:
    """The misspellings of every page and every SVG diagram of the tree (none when the site
    has no terminology data or it is invalid: TERM002 reports that). Files that cannot be
    read are the encoding rule's business (ENC001) and are skipped."""
    terms = tree.terms
    if terms is None or terms.problems:
        return
    memo = _Memo.of(terms)
    for page in tree.pages.values():
        found = memo.found(page.text, lambda p=page: masked_markdown(p.text, p.document))
        yield ScannedFile(page.path, page.text, found)
    for path in tree.pictures:
        if path.suffix.lower() != ".svg":
            continue
        try:
            text = read_source(path).text
        except DecodeFailure:
            continue
        yield ScannedFile(path, text, memo.found(text, lambda t=text: masked_svg(t)))
    memo.forget_unused()


# Each file's misspellings on disk (derived.py), keyed by its text, the vocabulary and this
# rule's code: a cold build scans only the files that changed (the scan was most of the gate).
SPELLING_CACHE = derived.CACHE_ROOT / "spelling"


def vocabulary_key(terms: Sequence[Term]) -> bytes:
    """What a file's misspellings depend on besides its text: every term's forms and
    variants, and the code that masks and finds."""
    data = [(t.id, sorted(t.forms.items()), sorted(t.variants.items())) for t in terms]
    code = [Path(__file__).read_bytes(), Path(document.__file__).read_bytes()]
    return derived.digest([*code, json.dumps(data, ensure_ascii=False).encode()]).encode()


class _Memo:
    """Each file's misspellings, kept for its text and the version of the terms data. Under
    `mkdocs serve` the checker runs on every save and this rule was its largest part: now a
    save rescans the files it changed, and a cold build those the disk cache lacks. A file's
    misspellings depend on its text and the vocabulary only, so the findings are a fresh
    scan's (test_spelling proves it)."""

    current: _Memo | None = None

    def __init__(self, terms: Terms) -> None:
        self.terms = terms  # kept: the identity of a version of the data (terms.cached_terms)
        self.vocabulary = Vocabulary.of(terms.terms)
        self.by_id = {term.id: term for term in terms.terms}
        self.key = vocabulary_key(terms.terms)
        self.kept: dict[str, tuple[Misspelling, ...]] = {}
        self.used: dict[str, tuple[Misspelling, ...]] = {}

    @classmethod
    def of(cls, terms: Terms) -> _Memo:
        if cls.current is None or cls.current.terms is not terms:
            cls.current = cls(terms)
        return cls.current

    def found(self, text: str, masked: Callable[[], str]) -> tuple[Misspelling, ...]:
        result = self.kept.get(text)
        if result is None:
            result = self._stored(text, masked)
        self.used[text] = result
        return result

    def _stored(self, text: str, masked: Callable[[], str]) -> tuple[Misspelling, ...]:
        key = derived.digest([self.key, text.encode("utf-8", "surrogatepass")])
        return derived.cached_value(
            SPELLING_CACHE,
            f"{key}.json",
            lambda: tuple(find(text, masked(), self.vocabulary)),
            self._encode,
            self._decode,
        )

    @staticmethod
    def _encode(found: tuple[Misspelling, ...]) -> bytes:
        rows = [
            [m.start, m.end, m.line, m.column, m.found, m.preferred, m.term.id, m.fixable]
            for m in found
        ]
        return json.dumps(rows, ensure_ascii=False).encode()

    def _decode(self, data: bytes) -> tuple[Misspelling, ...]:
        rows = json.loads(data)
        return tuple(Misspelling(*row[:6], self.by_id[row[6]], row[7]) for row in rows)

    def forget_unused(self) -> None:
        """Keep only the texts of this run: the memo holds one version of each file."""
        self.kept, self.used = self.used, {}


def check_tree(tree: Tree) -> Iterator[FileProblem]:
    """TERM001: the terminology's non-preferred spellings in pages and SVG diagrams."""
    terms_file = tree.site.terms_file
    if terms_file is None:
        return
    shown = tree.display(terms_file)
    for scanned in scan(tree):
        for item in scanned.misspellings:
            yield scanned.path, Problem("TERM001", item.line, item.column, message(item, shown))


def message(item: Misspelling, terms_file: str) -> str:
    how = "" if item.fixable else " (across markup or lines: fix it by hand)"
    return (
        f"non-preferred spelling {item.found!r}: write {item.preferred!r} "
        f"(term {item.term.id!r}, {terms_file}:{item.term.line}){how}"
    )
