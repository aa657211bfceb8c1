"""The tables of the README and the contributor guide that are derived from the code: the
`studysite` commands (from the step registry), the checker's rules (from the rule registry)
and the package's layers (studysite.LAYERS), in Korean and English.

    python scripts/doc_tables.py            rewrite them (make format does)
    python scripts/doc_tables.py --check    exit 1 naming each file whose tables are stale
                                            (make lint does; so does tests/test_layout.py)

A table lives between `<!-- generated: NAME -->` and `<!-- end generated -->`; the text around
it is written by hand. A file's language is its suffix: README.en.md is English, README.md
Korean (the site's default language, as for the pages).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from studysite import LAYERS, PROJECT_DIR
from studysite.check.rules import RULES_IN_ORDER
from studysite.steps.registry import STEPS, WHEN_TEXT, Step

FILES = ("README.md", "README.en.md", "CONTRIBUTING.md", "CONTRIBUTING.en.md")
BLOCK_RE = re.compile(
    r"(<!-- generated: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- end generated -->)", re.S
)
HEADERS = {
    "steps": {"en": ("command", "runs", "what it does"), "ko": ("명령", "실행", "하는 일")},
    "rules": {"en": ("code", "severity", "finding"), "ko": ("코드", "심각도", "내용")},
    "layers": {"en": ("layer", "modules and subpackages"), "ko": ("층", "모듈과 하위 패키지")},
}
SEVERITY = {
    "en": {"error": "error", "warning": "warning"},
    "ko": {"error": "오류", "warning": "경고"},
}
FIXED_COMMANDS = {
    "check": ("check [PATH ...]", "—", ("the docs checker (below)", "문서 검사기 (아래)")),
    "post-build": (
        "post-build SITE_DIR",
        "—",
        ("every step the hook runs after a build", "훅이 빌드 뒤에 실행하는 모든 단계"),
    ),
    "pages": ("pages", "—", ("the site model: languages, pages, URLs, titles",
                              "사이트 모델: 언어, 페이지, URL, 제목")),
}  # fmt: skip


def _row(*cells: str) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _table(name: str, lang: str, rows: list[tuple[str, ...]]) -> str:
    header = HEADERS[name][lang]
    lines = [_row(*header), _row(*("---",) * len(header)), *(_row(*row) for row in rows)]
    return "\n".join(lines) + "\n"


def _usage(step: Step) -> str:
    options = " ".join(f"[{o.flag} {o.metavar}{' ...' if o.many else ''}]" for o in step.options)
    return " ".join(part for part in (step.name, step.operand, options) if part)


def steps_table(lang: str) -> str:
    check, post_build, pages = (FIXED_COMMANDS[n] for n in ("check", "post-build", "pages"))
    rows = [(f"`studysite {check[0]}`", check[1], check[2][lang == "ko"])]
    rows += [(f"`studysite {_usage(s)}`", WHEN_TEXT[s.when][lang], s.help[lang]) for s in STEPS]
    rows += [
        (f"`studysite {cmd}`", when, text[lang == "ko"]) for cmd, when, text in (post_build, pages)
    ]
    return _table("steps", lang, rows)


def rules_table(lang: str) -> str:
    rows = [(r.code, SEVERITY[lang][r.severity.value], r.summary[lang]) for r in RULES_IN_ORDER]
    return _table("rules", lang, rows)


# The layers' names in the Korean guide (studysite.LAYERS names them in English).
LAYER_NAMES_KO = {
    "project": "프로젝트",
    "utilities": "공용 도구",
    "data": "데이터 읽기",
    "reading": "페이지 읽기",
    "model": "사이트 모델",
    "question bank": "문제 은행",
    "content": "파생 콘텐츠",
    "pipeline": "파이프라인",
    "entry points": "진입점",
    "python -m studysite": "python -m studysite",
    "measuring": "측정 (테스트·벤치마크 전용)",
}


def layers_table(lang: str) -> str:
    rows = [
        (name if lang == "en" else LAYER_NAMES_KO[name], ", ".join(f"`{part}`" for part in parts))
        for name, parts in reversed(LAYERS)  # drawn top-down: what imports, over what it uses
    ]
    return _table("layers", lang, rows)


TABLES: dict[str, Callable[[str], str]] = {
    "steps": steps_table,
    "rules": rules_table,
    "layers": layers_table,
}


def language(path: Path) -> str:
    return "en" if path.name.endswith(".en.md") else "ko"


def rendered(path: Path) -> str:
    """The file's text with every generated table made anew; ValueError for an unknown one."""
    text = path.read_text(encoding="utf-8")
    lang = language(path)

    def table(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in TABLES:
            raise ValueError(
                f"{path}: unknown generated table {name!r} (known: {', '.join(TABLES)})"
            )
        return match.group(1) + TABLES[name](lang) + match.group(4)

    return BLOCK_RE.sub(table, text)


def stale(root: Path = PROJECT_DIR) -> list[Path]:
    """The files whose generated tables differ from what the registries say."""
    paths = [root / name for name in FILES if (root / name).is_file()]
    return [path for path in paths if rendered(path) != path.read_text(encoding="utf-8")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say which files are stale")
    args = parser.parse_args()
    found = stale()
    if args.check:
        for path in found:
            print(f"{path.relative_to(PROJECT_DIR)}: generated tables are stale; run make format")
        return 1 if found else 0
    for path in found:
        path.write_text(rendered(path), encoding="utf-8")
        print(f"{path.relative_to(PROJECT_DIR)}: tables rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
