"""Search synonyms, derived from the terminology data (studysite.terms): the Korean and English
names of a term, and its non-preferred spellings, find each other on both sites.

Material hands lunr one typed word at a time, so synonyms are word-level: lunr.ko.min.js looks
a typed word up in a map (written into the built file by the search-index step) and adds the
words it maps to as optional prefix terms. Per term, between its Korean and English names:

- names of as many words pair their words by position, both ways: 페더레이티드 쿼리 /
  federated query gives 페더레이티드 <-> federated and 쿼리 <-> query;
- otherwise each word of one name adds every word of the other and those words run together:
  columnar adds 열, 지향, 열지향; 열 and 지향 add columnar; 퀵사이트 adds quick, sight, quicksight;
- only pairs across scripts count (a Hangul word and a Latin one): RA3, EMR and Kinesis Data
  Streams are the same word in both languages.

A non-preferred spelling adds its preferred form's words and what those add (레드쉬프트 ->
레드시프트, redshift), unless it is another wording of several words (쿼리 파싱 / 구문 분석),
whose words do not pair up. "Amazon", "AWS", "Apache" and a final "Service" are left out (the
English site indexes "Amazon Athena" as two words and a reader types "athena"), and so are the
function words that make word order differ (in-application stream / 애플리케이션 내 스트림).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .hangul import HANGUL_RE
from .terms import Term

VENDOR_WORDS = frozenset({"amazon", "aws", "apache"})
TRAILING_WORDS = frozenset({"service"})
FUNCTION_WORDS = frozenset({"in", "of", "for", "and", "the", "to", "내"})
# Words as the search separator splits them (mkdocs.yml plugins.search.separator): hyphens
# and brackets split too.
WORD_SPLIT_RE = re.compile(r"[\s\-_,:;!?=\[\](){}\"'`/|·・…“”‘’<>]+")


@dataclass(frozen=True)
class SynonymGroup:
    """One term's names, as the words a reader types, and what each word adds."""

    term: str  # the term's id
    names: tuple[tuple[str, ...], ...]  # each name (preferred forms, then variants) as words
    adds: tuple[tuple[str, tuple[str, ...]], ...]  # word -> the words it adds


def words(name: str) -> tuple[str, ...]:
    """A name as lower-case search words, without vendor prefixes and a final 'Service'."""
    found = [w for w in WORD_SPLIT_RE.split(name.lower()) if w]
    while len(found) > 1 and found[0] in VENDOR_WORDS:
        found = found[1:]
    if len(found) > 1 and found[-1] in TRAILING_WORDS:
        found = found[:-1]
    return tuple(found)


def _hangul(text: str) -> bool:
    return bool(HANGUL_RE.search(text))


def _aligned(a: tuple[str, ...], b: tuple[str, ...]) -> Iterable[tuple[str, str]]:
    """(typed word, word it adds) for two names of one term, both ways. Names of as many
    words pair by position (페더레이티드 쿼리 / federated query); otherwise each word of one
    adds every word of the other and those words run together (열 지향 / columnar: columnar
    adds 열, 지향, 열지향; 열 and 지향 add columnar)."""
    if len(a) == len(b):
        for x, y in zip(a, b, strict=True):
            yield x, y
            yield y, x
        return
    for one, other in ((a, b), (b, a)):
        targets = (*other, "".join(other)) if len(other) > 1 else other
        for typed in one:
            for word in targets:
                yield typed, word


def _content(name: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words without the function words that make word order differ between the
    languages (in-application stream / 애플리케이션 내 스트림)."""
    kept = tuple(word for word in name if word not in FUNCTION_WORDS)
    return kept or name


def group(term: Term) -> SynonymGroup | None:
    """The term's synonym group, or None when its names need none (same words everywhere)."""
    adds: dict[str, list[str]] = {}

    def add(typed: str, added: str) -> None:
        targets = adds.setdefault(typed, [])
        if added != typed and added not in targets:
            targets.append(added)

    forms = [_content(words(form)) for form in term.forms.values()]
    for i, a in enumerate(forms):
        for b in forms[i + 1 :]:
            for typed, added in _aligned(a, b):
                if _hangul(typed) != _hangul(added):  # the other script: another language
                    add(typed, added)
    # A non-preferred spelling adds its preferred form's words, and what those add.
    for lang, variants in term.variants.items():
        preferred = _content(words(term.forms[lang]))
        for variant in variants:
            spelt = _content(words(variant))
            differing = sum(x != y for x, y in zip(spelt, preferred, strict=False))
            if len(spelt) == len(preferred) and differing > 1:
                continue  # another wording (쿼리 파싱 / 구문 분석): its words do not pair up
            for typed, added in _aligned(spelt, preferred):
                if typed not in preferred and added in preferred:
                    add(typed, added)
                    for further in list(adds.get(added, ())):
                        add(typed, further)
    adds = {typed: added for typed, added in adds.items() if added}
    if not adds:
        return None
    names = tuple(words(name) for name in [*term.forms.values(), *_all_variants(term)])
    return SynonymGroup(term.id, names, tuple((t, tuple(a)) for t, a in adds.items()))


def _all_variants(term: Term) -> list[str]:
    return [variant for variants in term.variants.values() for variant in variants]


def synonym_groups(terms: Iterable[Term]) -> list[SynonymGroup]:
    return [g for g in (group(term) for term in terms) if g is not None]


def synonym_map(groups: Iterable[SynonymGroup]) -> dict[str, list[str]]:
    """Every typed word with what it adds, over all groups, in a stable order."""
    merged: dict[str, list[str]] = {}
    for item in groups:
        for typed, added in item.adds:
            targets = merged.setdefault(typed, [])
            targets.extend(word for word in added if word not in targets)
    return {typed: merged[typed] for typed in sorted(merged)}


def _typed_keys(name: str) -> set[str]:
    """The ways a reader types a name, as the search query's words: all its words, and
    without a vendor prefix or a final "Service" ("amazon athena", "athena")."""
    every = " ".join(w for w in WORD_SPLIT_RE.split(name.lower()) if w)
    return {key for key in (every, " ".join(words(name))) if key}


def _parts(key: str) -> set[str]:
    """The runs of two or more words inside a name of three or more ("소스 커넥터" of "데이터
    소스 커넥터"): a reader often types a term without its first or last word."""
    found = key.split(" ")
    return {
        " ".join(found[start:end])
        for start in range(len(found))
        for end in range(start + 2, len(found) + 1)
        if end - start < len(found)
    }


def _locations(
    terms: Iterable[Term], location: Callable[[Term], str], keys: Callable[[str], set[str]]
) -> dict[str, str]:
    """keys(name) of every name of every term -> its explaining location; a key two terms
    explain in different places is left out: it names neither."""
    found: dict[str, str] = {}
    ambiguous: set[str] = set()
    for term in terms:
        where = location(term)
        names = [*term.forms.values(), *(v for vs in term.variants.values() for v in vs)]
        names += list((term.expansion or {}).values())
        for name in names:
            for key in keys(name):
                if found.setdefault(key, where) != where:
                    ambiguous.add(key)
    return {key: where for key, where in found.items() if key not in ambiguous}


def explaining_locations(terms: Iterable[Term], location: Callable[[Term], str]) -> dict[str, str]:
    """Every typed name of every term (its forms in each language, their other spellings, an
    abbreviation's expansion) -> the search location of the section that explains it (`see:`);
    then the word runs inside longer names that name one term only (_parts). lunr.ko.min.js
    ranks that section, then its page, first for a query that is such a name."""
    terms = list(terms)
    whole = _locations(terms, location, _typed_keys)
    parts = _locations(
        terms, location, lambda name: {p for key in _typed_keys(name) for p in _parts(key)}
    )
    return dict(sorted({**parts, **whole}.items()))
