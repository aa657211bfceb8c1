"""The glossary, derived from the terminology data (studysite.terms): one page per language
(extra.glossary names its default-language source; the hook appends the entries to it) and
the tooltips every other page gets (Material's abbreviations, see studysite.tooltips).

Korean entries are in 가나다 order under their initial consonant (ㄱ, ㄴ, ...; ㄲ under ㄱ),
then names written in Latin letters under theirs; English entries are alphabetical, "Amazon",
"AWS" and "Apache" not counted (Amazon Redshift under R). Each entry gives the definition and
a link to the section that explains the term, named as that section's heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from .model import Site
from .reading.document import parse_file
from .terms import Term

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
DOUBLE = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}  # filed under the plain one
VENDOR_RE = re.compile(r"^(?:Amazon|AWS|Apache)\s+")


@dataclass(frozen=True)
class Entry:
    term: Term
    name: str  # as the glossary lists it: "RPU (Redshift Processing Unit)"
    group: str  # "ㄹ", "R"
    sort_key: tuple[int, str]


def _initial(text: str) -> tuple[int, str]:
    """(order of the group, its heading): Hangul groups first, then letters, then the rest."""
    first = text[:1]
    code = ord(first) if first else 0
    if HANGUL_FIRST <= code <= HANGUL_LAST:
        initial = INITIALS[(code - HANGUL_FIRST) // 588]
        return 0, DOUBLE.get(initial, initial)
    if first.isascii() and first.isalpha():
        return 1, first.upper()
    return 2, "#"


def _sort_form(term: Term, lang: str) -> str:
    return VENDOR_RE.sub("", term.forms[lang])


def entries(terms: Iterable[Term], lang: str, default: str) -> list[Entry]:
    """The glossary's entries in lang, in its order."""
    found = []
    for term in terms:
        form = term.forms[lang]
        if term.expansion:
            name = f"{form} ({term.expansion[lang]})"
        elif lang == default and term.forms[lang] != _other_form(term, lang):
            name = f"{form} ({_other_form(term, lang)})"  # 레드시프트 (Amazon Redshift)
        else:
            name = form
        sort_form = _sort_form(term, lang)
        order, group = _initial(sort_form)
        found.append(Entry(term, name, group, (order, sort_form.casefold())))
    return sorted(found, key=lambda e: (e.sort_key, e.term.id))


def _other_form(term: Term, lang: str) -> str:
    """The term's name in the first other language (for the default language: English)."""
    others = [form for code, form in term.forms.items() if code != lang]
    return others[0] if others else term.forms[lang]


def section_title(site: Site, term: Term, lang: str) -> str:
    """ "Page title › section heading" of the section explaining the term, in lang."""
    source = site.translation_source(PurePosixPath(term.page), lang)
    headings = {h.id: h.text for h in parse_file(site.docs_dir / source).headings if h.id}
    title = site.page(term.page)[lang].title
    heading = headings.get(term.section, term.section)
    return title if heading == title else f"{title} › {heading}"


# Heading ids are ASCII (the site's rule): the initials by their names.
JAMO_NAMES = dict(
    zip(
        "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ",
        "giyeok nieun digeut rieul mieum bieup siot ieung jieut chieut kieuk tieut pieup hieut".split(),  # noqa: E501, SIM905
        strict=True,
    )
)


def _group_id(group: str) -> str:
    if group in JAMO_NAMES:
        return f"initial-{JAMO_NAMES[group]}"
    return f"letter-{group.lower()}" if group.isalpha() else "other"


def page_markdown(
    site: Site, terms: Sequence[Term], lang: str, glossary_source: PurePosixPath
) -> str:
    """The entries of the glossary page in lang, as Markdown to append to its source: a
    heading per initial, a definition list of the terms under it."""
    lines: list[str] = []
    group = None
    for entry in entries(terms, lang, site.codes[0]):
        if entry.group != group:
            group = entry.group
            lines += ["", f"## {group} {{ #{_group_id(group)} }}", ""]
        term = entry.term
        target = _link(glossary_source, PurePosixPath(term.page), term.section)
        lines += [
            f"{entry.name} {{ #term-{term.id} }}",
            f":   {term.definition[lang]}  ",
            f"    → [{section_title(site, term, lang)}]({target})",
            "",
        ]
    return "\n".join(lines) + "\n"


def _link(start: PurePosixPath, page: PurePosixPath, section: str) -> str:
    """A docs-relative Markdown link from the glossary's source to a page's section."""
    depth = len(start.parent.parts)
    prefix = "../" * depth
    return f"{prefix}{page.as_posix()}#{section}"


def tooltip(term: Term, lang: str) -> str:
    """The text of a term's tooltip: the expansion of an abbreviation, then the definition."""
    definition = term.definition[lang]
    if term.expansion:
        return f"{term.expansion[lang]}: {definition}"
    return definition


def abbreviations(terms: Iterable[Term], lang: str, default: str) -> dict[str, str]:
    """Every name a page in lang may write for a term, with its tooltip: the page's own
    form, and on default-language pages also the English one (레드시프트(Amazon Redshift))."""
    found: dict[str, str] = {}
    for term in terms:
        text = tooltip(term, lang)
        names = [term.forms[lang]]
        if lang == default:
            names += [form for code, form in term.forms.items() if code != lang]
        for name in names:
            found.setdefault(name, text)
    return found
