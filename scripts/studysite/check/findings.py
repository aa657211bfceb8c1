"""Findings: what a rule found (a Problem), and where (a Finding, as reported). The rules
themselves, with their codes and severities, are declared in rules.py."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """A finding before it knows its file: code, position, message."""

    code: str
    line: int
    column: int
    message: str


# What a tree-wide rule yields: the file a problem is in, and the problem.
FileProblem = tuple[Path, Problem]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Ordered by path, line, column, code: the report order."""

    path: str  # relative to the working directory, with "/" separators
    line: int  # 1-based
    column: int  # 1-based, in characters
    code: str
    message: str
    severity: Severity

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }
