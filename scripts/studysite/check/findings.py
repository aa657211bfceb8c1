"""Rules and findings. The rule codes are part of the interface: never reuse or renumber."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("IMG001", Severity.ERROR, "image target does not exist"),
        Rule("IMG002", Severity.ERROR, "image target exists only with different letter case"),
        Rule("IMG003", Severity.ERROR, "image target exists only in another Unicode normalization"),
        Rule("IMG004", Severity.ERROR, "alt text missing or a placeholder"),
        Rule("IMG005", Severity.WARNING, "image file that no page uses"),
        Rule("IMG006", Severity.WARNING, "image loaded from an external URL"),
        Rule("HDR001", Severity.ERROR, "not exactly one level-1 heading, first"),
        Rule("HDR002", Severity.ERROR, "heading level skipped"),
        Rule("HDR003", Severity.ERROR, "empty section"),
        Rule("HDR004", Severity.WARNING, "duplicate heading (anchor collision)"),
        Rule("I18N001", Severity.ERROR, "page missing in another built language"),
        Rule("I18N002", Severity.ERROR, "translation structure differs from the source"),
        Rule("I18N003", Severity.WARNING, "translation older than its source"),
        Rule("ENC001", Severity.ERROR, "file is not valid UTF-8"),
        Rule("REV001", Severity.WARNING, "revision stamp missing or older than the page"),
        Rule("QST001", Severity.ERROR, "review question without a valid id, or an id used twice"),
        Rule("TERM001", Severity.ERROR, "non-preferred spelling of a term (extra.terms)"),
        Rule("TERM002", Severity.ERROR, "terminology data invalid (extra.terms)"),
    )
}


@dataclass(frozen=True)
class Problem:
    """A finding before it knows its file: code, position, message."""

    code: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Ordered by path, line, column, code: the report order."""

    path: str  # relative to the working directory, with "/" separators
    line: int  # 1-based
    column: int  # 1-based, in characters
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }
