"""The checker as a build gate, shared by the MkDocs hook across rebuilds.

`mkdocs serve` reloads hook files for every rebuild, but this module stays imported, so it
keeps the last result: the pages that are not UTF-8, which the hook leaves out of the build.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..model import build_site
from .config import CheckerConfig, settings
from .findings import Finding, Severity
from .report import summary
from .runner import check


@dataclass
class GateState:
    undecodable: set[Path] = field(default_factory=set)


state = GateState()


@dataclass(frozen=True)
class GateResult:
    findings: list[Finding]
    summary: str

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


def run(config_file: Path) -> GateResult:
    """Check the site of config_file: the site model the build hooks load (model.build_site),
    loaded once per build, not once for the gate and again for the hooks."""
    started = time.perf_counter()
    site = build_site(config_file)
    result = check(CheckerConfig(site, settings(site)))
    state.undecodable = result.undecodable
    return GateResult(
        result.findings,
        summary(result.findings, result.files_checked, time.perf_counter() - started),
    )
