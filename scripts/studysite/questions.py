"""Review questions: the exam-style items of the pages, each a collapsed `question` block.

    ??? question "한 회사가 … 어떤 서비스가 가장 적합합니까?" { #athena-log-queries domain=cost }
        - [ ] 레드시프트 스펙트럼(Redshift Spectrum)
            - 레드시프트 클러스터가 있어야 함: 가끔 하는 쿼리에는 관리할 것이 더 많음
        - [x] 아테나(Amazon Athena)
            - 서버리스; 스캔한 데이터 양만큼 과금
            - 출처: [Amazon Athena 요금](https://aws.amazon.com/athena/pricing/)
        - [ ] …

        설명: [아테나 개요](athena.md#overview)

- The title is the stem. `{ #id domain=... }` (the heading attribute syntax) names the item on
  the whole site, in both languages (a learner's progress is kept under the id), and its exam
  domain (DOMAINS).
- Options are a task list: `[x]` keyed. An option's id is its letter by position (a, b, c...).
  Its nested bullets say why it is right or wrong here; a nested bullet made only of a label
  and links (`출처: [..](..)`, `Source: [..](..)`) is a source.
- One key: a single-answer item (4 options); two or more: multiple response (5 or more
  options), whose stem says how many to choose (CHOOSE).
- The last line, `설명: [title](page.md#section)`, links the section that explains the item.

Read line by line rather than with markdown-it: an item is one line plus its indented body,
and the renderer needs the texts' Markdown verbatim. The checker's QST rules
(check/question_items.py) report what does not fit; this module parses whatever is written.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field

# The SAA-C03 exam domains, by the tag an item carries.
DOMAINS = {
    "secure": "Design Secure Architectures",
    "resilient": "Design Resilient Architectures",
    "performance": "Design High-Performing Architectures",
    "cost": "Design Cost-Optimized Architectures",
}
SINGLE_OPTIONS = 4  # a single-answer item has exactly this many options
MULTIPLE_OPTIONS = 5  # a multiple-response item at least this many
# How a multiple-response stem says how many to choose, per language: the exam's own words,
# and the words for two, three and four.
CHOOSE = {
    "en": ("(Choose {}.)", ("two", "three", "four")),
    "ko": ("({} 개를 선택하십시오.)", ("두", "세", "네")),
}


def choose_phrase(lang: str, count: int) -> str | None:
    """The phrase a stem ends with to ask for count options ("(Choose two.)")."""
    template, words = CHOOSE.get(lang, ("", ()))
    return template.format(words[count - 2]) if template and 2 <= count < len(words) + 2 else None


QUESTION_RE = re.compile(
    r'^(?P<indent>[ \t]*)(?P<marker>\?\?\?\+?)[ \t]+question\b(?P<classes>[^"\n]*)'
    r'"(?P<title>(?:[^"\\\n]|\\.)*)"'
    r"(?P<attrs>[ \t]*\{[ \t]*#(?P<id>[^\s}]*)(?P<rest>[^}\n]*)\})?[ \t]*$",
    re.MULTILINE,
)
ATTR_RE = re.compile(r'([A-Za-z][\w-]*)=("[^"]*"|[^\s"]+)')
OPTION_RE = re.compile(r"^- \[(?P<mark>[ xX])\][ \t]+(?P<text>\S.*)$")
NESTED_RE = re.compile(r"^(?P<indent>[ \t]+)- (?P<text>.*)$")
LINK_RE = re.compile(r"\[(?P<title>[^\]]+)\]\((?P<href>[^)\s]+)\)")
EXPLAINED_RE = re.compile(rf"^(?P<label>[^\[\]:\n]+):[ \t]*{LINK_RE.pattern}[ \t]*$")
PLAIN_LINK = r"\[[^\]]+\]\([^)\s]+\)"
SOURCE_RE = re.compile(rf"^[^\[\]:\n]+:[ \t]*{PLAIN_LINK}(?:,[ \t]*{PLAIN_LINK})*$")
FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
HEADING_RE = re.compile(
    r"^(#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]*\{[^{}]*#(?P<id>[^\s}]+)[^{}]*\})?[ \t]*$"
)


@dataclass(frozen=True)
class Option:
    id: str  # its letter, lower case: "a", "b", ...
    text: str  # Markdown, as written after `[ ]`
    correct: bool
    why: tuple[str, ...]  # the nested bullets that explain it (Markdown)
    sources: tuple[str, ...]  # the nested bullets that cite a source (Markdown)
    line: int  # 1-based, in the page
    column: int

    @property
    def letter(self) -> str:
        return self.id.upper()


@dataclass(frozen=True)
class Explained:
    label: str  # "설명", "Explained in"
    title: str
    href: str  # as written: "athena.md#overview"
    line: int


@dataclass(frozen=True)
class Question:
    id: str | None  # None: written without `{ #id }`
    title: str  # the stem, as written between the quotes (Markdown, \" escaped)
    body: str  # the item's body, dedented
    line: int  # 1-based line of the `???` line
    section: str | None  # id of the heading it sits under
    attrs: dict[str, str] = field(default_factory=dict)  # domain=...
    options: tuple[Option, ...] = ()
    explained: Explained | None = None
    stray: tuple[int, ...] = ()  # lines of the body that are neither options nor the link
    indent: str = ""  # of the `???` line
    end: int = 0  # 1-based line of the body's last line (the `???` line's, for no body)
    stem_column: int = 1  # 1-based columns, on the `???` line, of the stem
    attrs_column: int = 1  # ... and of its `{ #id ... }` (where it would go, if none)

    @property
    def stem(self) -> str:
        return self.title.replace('\\"', '"')

    @property
    def domain(self) -> str | None:
        return self.attrs.get("domain")

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options if option.correct)

    @property
    def kind(self) -> str:
        return "multiple" if len(self.keys) >= 2 else "single"

    def stated_count(self, lang: str) -> int | None:
        """How many options the stem asks to choose ("(Choose two.)"), if it says."""
        template, words = CHOOSE.get(lang, ("", ()))
        if not template:
            return None
        one_of = "|".join(map(re.escape, words))
        pattern = re.escape(template).replace(r"\{\}", f"(?P<count>{one_of})")
        found = re.search(pattern, self.stem)
        return words.index(found.group("count")) + 2 if found else None


def _indent_width(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())


def _lines_outside_code(lines: list[str]) -> Iterator[int]:
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE_RE.match(line)
        if match:
            fence = None if fence == match.group(1) else (fence or match.group(1))
            continue
        if fence is None:
            yield index


def _attrs(rest: str | None) -> dict[str, str]:
    return {key: value.strip('"') for key, value in ATTR_RE.findall(rest or "")}


def _body_lines(lines: list[str], index: int, width: int) -> list[str]:
    body: list[str] = []
    for following in lines[index + 1 :]:
        if following.strip() and _indent_width(following) <= width:
            break
        body.append(following)
    while body and not body[-1].strip():
        body.pop()
    return body


def parse(text: str) -> list[Question]:
    """The question blocks of a page's source, in order."""
    lines = text.split("\n")
    questions: list[Question] = []
    section: str | None = None
    for index in _lines_outside_code(lines):
        line = lines[index]
        heading = HEADING_RE.match(line)
        if heading and not line.startswith(" "):
            section = heading.group("id") or section
            continue
        match = QUESTION_RE.match(line)
        if match:
            body = _body_lines(lines, index, _indent_width(match.group("indent")))
            questions.append(_question(match, body, index + 1, section))
    return questions


def _question(match: re.Match[str], body: list[str], line: int, section: str | None) -> Question:
    attrs_at = match.group(0).find("{", match.end("title")) if match.group("attrs") else -1
    dedented = textwrap.dedent("\n".join(body))
    # The columns the dedent took off: those of the body's first non-blank line.
    first = next((b for b in body if b.strip()), "")
    shift = len(first) - len(first.lstrip())
    options, explained, stray = _items(dedented.split("\n"), line + 1, shift)
    return Question(
        id=match.group("id"),
        title=match.group("title"),
        body=dedented,
        line=line,
        section=section,
        attrs=_attrs(match.group("rest")),
        options=options,
        explained=explained,
        stray=stray,
        indent=match.group("indent"),
        end=line + len(body),
        stem_column=match.start("title") + 1,
        attrs_column=(attrs_at if attrs_at >= 0 else match.end("title")) + 1,
    )


@dataclass
class _Draft:
    """An option being read: its line, and its nested bullets so far."""

    mark: str
    text: str
    line: int
    column: int
    bullets: list[str] = field(default_factory=list)


def _items(
    lines: list[str], first_line: int, shift: int
) -> tuple[tuple[Option, ...], Explained | None, tuple[int, ...]]:
    """The options, the explaining link and the stray lines of a dedented body whose first
    line is the page's first_line (shift: the columns the dedent took off)."""
    drafts: list[_Draft] = []
    explained: Explained | None = None
    stray: list[int] = []
    for offset, raw in enumerate(lines):
        number = first_line + offset
        if not raw.strip():
            continue
        option = OPTION_RE.match(raw)
        nested = NESTED_RE.match(raw)
        link = EXPLAINED_RE.match(raw)
        if option:
            drafts.append(_Draft(option["mark"], option["text"].strip(), number, shift + 1))
        elif nested and drafts:
            drafts[-1].bullets.append(nested["text"].strip())
        elif raw[:1].isspace() and drafts and drafts[-1].bullets:
            drafts[-1].bullets[-1] += " " + raw.strip()  # a bullet's continuation line
        elif link and explained is None:
            explained = Explained(link["label"].strip(), link["title"], link["href"], number)
        else:
            stray.append(number)
    options = tuple(_option(index, draft) for index, draft in enumerate(drafts))
    return options, explained, tuple(stray)


def _option(index: int, draft: _Draft) -> Option:
    sources = tuple(b for b in draft.bullets if SOURCE_RE.match(b))
    return Option(
        id=chr(ord("a") + index),
        text=draft.text,
        correct=draft.mark != " ",
        why=tuple(b for b in draft.bullets if b not in sources),
        sources=sources,
        line=draft.line,
        column=draft.column,
    )


# --- Rendering ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """The renderer's words in one language (extra.labels)."""

    answer: str  # the folded block's title: "정답과 해설"
    key: str  # "정답"
    right: str  # an option's verdict: "정답"
    wrong: str  # "오답"


def _attribute(text: str) -> str:
    return html.escape(text, quote=True)


# The item's markup, shared by render (Markdown in HTML, `markdown` set) and the practice page
# (HTML from the bank's texts): the stem and the options, each option with its letter.
def quiz_open(question_id: str, service: str, domain: str, kind: str, markdown: bool) -> str:
    return (
        f'<div class="quiz" data-question-id="{_attribute(question_id)}" '
        f'data-service="{_attribute(service)}" data-domain="{_attribute(domain)}" '
        f'data-kind="{kind}"{" markdown" if markdown else ""}>'
    )


def stem_html(stem: str, markdown: bool) -> str:
    return f'<p class="quiz-stem"{" markdown" if markdown else ""}>{stem}</p>'


def options_open(markdown: bool) -> str:
    # Out of search (Material's data-search-exclude): a distractor names another service,
    # which the page does not explain.
    return f'<ol class="quiz-options" data-search-exclude=""{" markdown" if markdown else ""}>'


def option_html(option_id: str, text: str, markdown: bool) -> str:
    return (
        f'<li data-option-id="{option_id}"{" markdown" if markdown else ""}>'
        f'<span class="quiz-letter">{option_id.upper()}.</span> {text}</li>'
    )


def render(question: Question, words: Words, service: str) -> list[str]:
    """The item as Markdown (md_in_html): the stem and the lettered options visible, the key
    and every option's explanation folded. The item's element carries data-question-id, each
    option's data-option-id. The options stay out of search; the stem and the explanations
    are searched, as the answers were before options."""
    keys = ", ".join(option.letter for option in question.options if option.correct)
    lines = [
        quiz_open(question.id or "", service, question.domain or "", question.kind, True),
        stem_html(question.stem, True),
        options_open(True),
        *(option_html(o.id, o.text, True) for o in question.options),
        "</ol>",
        "",
        f'??? success quiz-answer "{words.answer}"',
        f"    **{words.key}: {keys}**",
        "",
    ]
    for option in question.options:
        verdict = words.right if option.correct else words.wrong
        lines.append(f"    - **{option.letter}.** {verdict}")
        lines += [f"        - {bullet}" for bullet in (*option.why, *option.sources)]
    if question.explained is not None:
        link = question.explained
        lines += ["", f"    {link.label}: [{link.title}]({link.href})"]
    lines += ["", "</div>"]
    return [f"{question.indent}{line}" if line else "" for line in lines]


def render_page(text: str, words: Words, service: str) -> str:
    """The page's Markdown with every item that has an id rendered (render); an item without
    one is left as written (the checker reports it, QST001)."""
    lines = text.split("\n")
    out: list[str] = []
    done = 0  # lines written so far
    for question in parse(text):
        if question.id is None:
            continue
        out += lines[done : question.line - 1]
        out += render(question, words, service)
        done = question.end
    return "\n".join(out + lines[done:])
