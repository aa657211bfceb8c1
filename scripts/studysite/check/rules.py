"""The checker's rules: each declared once, here, with its code, severity, what it checks (in
the README's two languages) and the function that checks it.

A page rule's function is called for every readable page, `check(page, tree)`, and yields
Problems; a tree rule's once per run, `check(tree)`, and yields (path, Problem). One function
may check several related codes (the image rules); it is called once, and each of its
problems must carry one of the codes registered with it. Adding a rule: a module with its
function, and one line here. The codes are part of the interface: never reuse or renumber.

Everything else reads this list: the runner, `studysite check --list-rules`, the validation of
`extra.docscheck.disable`, the rule tables of the contributor guide (scripts/doc_tables.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..bilingual import Text
from . import (
    encoding,
    front_matter,
    headings,
    home_links,
    images,
    question_count,
    question_ids,
    question_items,
    revisions,
    spelling,
    terminology,
    translations,
)
from .findings import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


class Scope(StrEnum):
    PAGE = "page"  # check(page: PageFile, tree: Tree) -> Iterable[Problem]
    TREE = "tree"  # check(tree: Tree) -> Iterable[FileProblem]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    scope: Scope
    check: Callable[..., Iterable[Any]]
    summary: Text


PAGE, TREE = Scope.PAGE, Scope.TREE
T = Text

RULES_IN_ORDER = (
    Rule("IMG001", ERROR, PAGE, images.check_page, T(
        "image target does not exist (percent-decoded; relative to the page, or to docs_dir "
        "for a leading /)",
        "이미지 파일이 없음 (퍼센트 인코딩을 풀고, 페이지 기준 또는 `/`로 시작하면 "
        "`docs_dir` 기준)")),
    Rule("IMG002", ERROR, PAGE, images.check_page, T(
        "image target exists only with different letter case (breaks on case-sensitive hosts)",
        "대소문자만 다른 파일이 있음 (대소문자를 가리는 호스트에서 깨짐)")),
    Rule("IMG003", ERROR, PAGE, images.check_page, T(
        "image target exists only in another Unicode normalization (NFD vs NFC, as with Korean "
        "names made on macOS)",
        "유니코드 정규화(NFC/NFD)만 다른 파일이 있음 (macOS에서 만든 한글 파일 이름)")),
    Rule("IMG004", ERROR, PAGE, images.check_page, T(
        'alt text missing or a placeholder ("Alt text", "image", "이미지", "그림", the file name)',
        '대체 텍스트가 없거나 자리 표시자("Alt text", "이미지", "그림", 파일 이름 등)')),
    Rule("IMG005", WARNING, TREE, images.unused, T(
        "image file that no page uses (`x.en.svg` counts as used when `x.svg` is)",
        "어느 페이지도 쓰지 않는 이미지 파일 (`x.svg`를 쓰면 `x.en.svg`도 쓴 것으로 봄)")),
    Rule("IMG006", WARNING, PAGE, images.check_page, T(
        "image loaded from an external URL (breaks offline use)",
        "외부 URL에서 불러오는 이미지 (오프라인에서 깨짐)")),
    Rule("HDR001", ERROR, PAGE, headings.check_page, T(
        "page does not have exactly one level-1 heading as its first heading",
        "첫 제목이 유일한 1단계 제목이 아님")),
    Rule("HDR002", ERROR, PAGE, headings.check_page, T(
        "heading level skipped (`##` then `####`)",
        "제목 단계를 건너뜀 (`##` 다음 `####`)")),
    Rule("HDR003", ERROR, PAGE, headings.check_page, T(
        "empty section: no content before the next heading of the same or higher level, or "
        "the end",
        "빈 절 (다음 같은·상위 단계 제목이나 파일 끝까지 내용 없음)")),
    Rule("HDR004", WARNING, PAGE, headings.check_page, T(
        "two headings with the same text and level in one page (anchor collision)",
        "한 페이지에 같은 단계·같은 글의 제목 두 개 (앵커 충돌)")),
    Rule("I18N001", ERROR, TREE, translations.missing, T(
        "a page lacks its page in another built language",
        "빌드하는 다른 언어의 페이지가 없음")),
    Rule("I18N002", ERROR, TREE, translations.structure, T(
        "a translation's headings (count, levels, order, explicit ids), review question ids "
        "or image count differ from the source",
        "번역의 제목 구조(개수, 단계, 순서, 명시한 id), 확인 문제 id, 이미지 수가 원문과 다름")),
    Rule("I18N003", WARNING, TREE, translations.freshness, T(
        "a translation is older than its source page (`source_hash`; "
        "`studysite check --mark-translated`)",
        "번역이 원문보다 오래됨 (`source_hash`; `studysite check --mark-translated`)")),
    Rule("ENC001", ERROR, TREE, encoding.check_tree, T(
        "file is not valid UTF-8 (names the likely encoding, e.g. CP949); other files are "
        "still checked",
        "UTF-8이 아님 (CP949/EUC-KR 등 추정 인코딩을 알려 줌). 다른 파일은 계속 검사")),
    Rule("REV001", WARNING, PAGE, revisions.check_page, T(
        "a page's revision stamp (`revised`, `revised_hash`) is missing, or its text changed "
        "since (sites with a `site_url` only; `studysite check --mark-revised`)",
        "페이지의 수정 표시(`revised`, `revised_hash`)가 없거나 그 뒤에 본문이 바뀜 "
        "(`site_url`이 있는 사이트만; `studysite check --mark-revised`)")),
    Rule("QST001", ERROR, TREE, question_ids.check_tree, T(
        'a review question (`??? question "…" { #id }`) without an id or with one that is not '
        "an ASCII slug, or an id used twice in one language",
        '확인 문제(`??? question "…" { #id }`)에 id가 없거나 ASCII id가 아님, 또는 한 언어 '
        "안에서 id를 두 번 씀")),
    Rule("QST002", ERROR, PAGE, question_count.check_page, T(
        "a service page (`kind: service`) with fewer review questions than "
        "`extra.docscheck.min_questions` (default 5)",
        "서비스 페이지(`kind: service`)의 확인 문제가 `extra.docscheck.min_questions`(기본 5)보다 "
        "적음")),
    Rule("QST003", ERROR, PAGE, question_items.check_page, T(
        "a review question without a stem (its quoted title)",
        "확인 문제에 문제 글(따옴표 안의 제목)이 없음")),
    Rule("QST004", ERROR, PAGE, question_items.check_page, T(
        "an item with fewer or more options than its kind takes (single answer: 4; multiple "
        "response: 5 or more)",
        "문제 종류에 맞지 않는 보기 수 (단일 정답: 4개, 복수 정답: 5개 이상)")),
    Rule("QST005", ERROR, PAGE, question_items.check_page, T(
        "the wrong number of keyed options (`- [x]`): none, or not the number a "
        "multiple-response stem asks for (\"(Choose two.)\", \"(두 개를 선택하십시오.)\")",
        "정답 표시(`- [x]`)의 수가 틀림: 없거나, 복수 정답 문제 글이 말하는 수(\"(두 개를 "
        "선택하십시오.)\", \"(Choose two.)\")와 다름")),
    Rule("QST006", ERROR, PAGE, question_items.check_page, T(
        "an option without its explanation (a nested bullet saying why it is right or wrong)",
        "보기에 해설(맞거나 틀린 이유를 적은 하위 항목)이 없음")),
    Rule("QST007", ERROR, PAGE, question_items.check_page, T(
        "two options of one item with the same text",
        "한 문제에 글이 같은 보기 두 개")),
    Rule("QST008", ERROR, PAGE, question_items.check_page, T(
        "an item without a domain, or with one the exam does not have (`domain=secure`, "
        "`resilient`, `performance`, `cost`)",
        "문제에 시험 영역이 없거나 모르는 영역 (`domain=secure`, `resilient`, `performance`, "
        "`cost`)")),
    Rule("QST009", ERROR, PAGE, question_items.check_page, T(
        "an item without its explaining link (`설명: [..](page.md#section)`), or a body line "
        "that is neither an option, its explanation, nor that link",
        "문제에 설명하는 절로 가는 링크(`설명: [..](page.md#section)`)가 없거나, 보기·해설·그 "
        "링크가 아닌 줄이 있음")),
    Rule("QST010", ERROR, TREE, question_items.translations, T(
        "a translation's item differs from its source's in kind, domain, number of options "
        "or keys",
        "번역의 문제가 원문과 종류, 영역, 보기 수, 정답이 다름")),
    Rule("PAGE001", ERROR, PAGE, front_matter.check_keys, T(
        "a front matter key the site does not know, or a value of the wrong type (`kind` is "
        "one of: service)",
        "사이트가 모르는 머리말 키, 또는 형식이 틀린 값 (`kind`는 service 중 하나)")),
    Rule("PAGE002", ERROR, PAGE, front_matter.check_description, T(
        "description empty or longer than 160 characters; on a site with a `site_url`, "
        "missing",
        "설명(`description`)이 비었거나 160자보다 김. `site_url`이 있는 사이트에서는 빠져도 오류")),
    Rule("NAV001", ERROR, TREE, home_links.check_tree, T(
        "the home page does not link every page of the nav (in each language)",
        "홈 페이지가 내비게이션의 모든 페이지를 링크하지 않음 (언어마다)")),
    Rule("TERM001", ERROR, TREE, spelling.check_tree, T(
        "a non-preferred spelling of a term (`variants` in `docs/terms.yml`) in prose, "
        "headings, lists, tables, admonitions, alt texts or an SVG diagram's text; names the "
        "preferred form (`studysite check --fix` rewrites it)",
        "용어의 비표준 표기(`docs/terms.yml`의 `variants`): 본문, 제목, 목록, 표, 알림 상자, "
        "대체 텍스트, SVG 다이어그램의 글자에서 찾아 표준 표기를 알려 줌 "
        "(`studysite check --fix`로 고침)")),
    Rule("TERM002", ERROR, TREE, terminology.check_tree, T(
        "the terminology file (`extra.terms`) is invalid: a missing translation, a duplicate "
        "id or form, a variant that is another term's preferred form, a `see` naming a page "
        "or section that does not exist",
        "용어 데이터 파일(`extra.terms`)이 잘못됨: 빠진 번역, 중복된 id·표기, 다른 용어의 표준 "
        "표기와 같은 비표준 표기, 없는 페이지나 절을 가리키는 `see`")),
)  # fmt: skip

RULES: dict[str, Rule] = {rule.code: rule for rule in RULES_IN_ORDER}
