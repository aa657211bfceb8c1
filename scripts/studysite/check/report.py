"""Report formats: text (for people), json (for tools), github (workflow annotations)."""

from __future__ import annotations

import json

from .findings import Finding, Severity

FORMATS = ("text", "json", "github")


def summary(findings: list[Finding], files_checked: int, seconds: float) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    files = len({f.path for f in findings})
    timing = f"{files_checked} file{'s' * (files_checked != 1)} checked in {seconds:.2f} s"
    if not findings:
        return f"No problems found; {timing}."
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {files} file{'s' * (files != 1)}; {timing}."
    )


def _escape_github(value: str, property_value: bool = False) -> str:
    """Escape per GitHub's workflow-command rules (%, CR, LF; also : and , in properties)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render(findings: list[Finding], fmt: str, files_checked: int, seconds: float) -> str:
    if fmt == "json":
        return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)
    if fmt == "github":
        lines = [
            f"::{'error' if f.severity is Severity.ERROR else 'warning'} "
            f"file={_escape_github(f.path, True)},line={f.line},col={f.column}"
            f"::{_escape_github(f'{f.code} {f.message}')}"
            for f in findings
        ]
        return "\n".join(lines)
    lines = [f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in findings]
    lines.append(summary(findings, files_checked, seconds))
    return "\n".join(lines)
