"""The checker's command line: formats, exit status, paths, the original notes, fuzzing."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT_DIR
from docstree import PNG, make_tree
from studysite.check.config import load_config
from studysite.check.context import studysite_command
from studysite.check.rules import RULES
from studysite.cli import main
from studysite.model import ConfigError

SEED = PROJECT_DIR / "tests" / "data" / "seed"
TEXT_LINE = re.compile(r"^[^:\n]+:\d+:\d+: [A-Z][A-Z0-9]*\d{3} .+$")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`studysite check ARGS` in cwd, run in this process (a new Python costs a second; one
    test below runs the installed command for real)."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(["check", *args])
            except SystemExit as exit_:  # argparse's usage errors
                status = int(exit_.code or 0)
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(
        ["studysite", "check", *args], status, out.getvalue(), err.getvalue()
    )


def test_the_installed_command_checks_and_exits_with_the_status(broken: Path) -> None:
    command = Path(sys.executable).with_name("studysite")
    result = subprocess.run(
        [str(command), "check", "--format", "json"], cwd=broken, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert {finding["code"] for finding in json.loads(result.stdout)} >= {"HDR001", "IMG001"}


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    make_tree(
        tmp_path,
        {
            "a.md": "## No title\n\n![Alt text](missing.png)\n",
            "b.md": "# Fine\n\n![A chart](https://example.com/x.png)\n",
            "unused.png": PNG,
        },
    )
    return tmp_path


def test_text_format_sorted_with_summary(broken: Path) -> None:
    result = run_cli(cwd=broken)
    assert result.returncode == 1
    lines = result.stdout.strip().split("\n")
    assert lines[:-1] == sorted(
        lines[:-1], key=lambda s: (s.split(":")[0], *map(int, s.split(":")[1:3]))
    )
    assert all(TEXT_LINE.match(line) for line in lines[:-1])
    assert lines[0].startswith("docs/a.md:1:1: HDR001 ")
    assert lines[-1].startswith("3 errors, 2 warnings in 3 files;")


def test_json_format(broken: Path) -> None:
    result = run_cli("--format", "json", cwd=broken)
    data = json.loads(result.stdout)
    assert {d["code"] for d in data} == {"HDR001", "IMG001", "IMG004", "IMG006", "IMG005"}
    assert all(set(d) == {"path", "line", "column", "code", "severity", "message"} for d in data)
    assert {
        d["severity"]
        for d in data
        if d["code"].startswith("IMG00") and d["code"] in ("IMG005", "IMG006")
    } == {"warning"}


def test_github_format(broken: Path) -> None:
    result = run_cli("--format", "github", cwd=broken)
    lines = result.stdout.strip().split("\n")
    assert "::error file=docs/a.md,line=1,col=1::HDR001 " in lines[0]
    assert any(
        line.startswith("::warning file=docs/unused.png,line=1,col=1::IMG005") for line in lines
    )


def test_exit_status(broken: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert run_cli(cwd=broken).returncode == 1
    assert run_cli("docs/b.md", cwd=broken).returncode == 0  # warnings only
    clean = tmp_path_factory.mktemp("clean")
    make_tree(clean, {"index.md": "# Title\n\nText.\n"})
    result = run_cli(cwd=clean)
    assert (result.returncode, result.stdout.startswith("No problems found")) == (0, True)
    assert run_cli("-f", "nope.yml", cwd=clean).returncode == 2
    assert run_cli("--format", "xml", cwd=clean).returncode == 2
    assert run_cli("no/such/path.md", cwd=clean).returncode == 2
    (clean / "bad.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    assert run_cli("-f", "bad.yml", cwd=clean).returncode == 2


def test_paths_limit_the_report_not_the_cross_file_rules(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            "a.md": "# A\n\n![Alt text](x.png)\n",
            "sub/b.md": "# B\n\n![A chart](../x.png)\n",
            "x.png": PNG,
        },
    )
    result = run_cli("--format", "json", "docs/sub", cwd=tmp_path)
    assert json.loads(result.stdout) == []  # x.png is used by sub/b.md: no IMG005 either
    result = run_cli("--format", "json", "docs/a.md", cwd=tmp_path)
    assert [d["code"] for d in json.loads(result.stdout)] == ["IMG004"]


def test_config_with_env_and_python_tags(tmp_path: Path) -> None:
    # With a site_url every page needs its description (PAGE002).
    make_tree(tmp_path, {"index.md": "---\ndescription: A page\n---\n\n# Title\n\nText.\n"})
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "site_url: !ENV [SITE_URL, 'https://example.org/']\n"
        + "markdown_extensions:\n  - toc:\n      slugify: !!python/name:pymdownx.slugs.slugify\n",
        encoding="utf-8",
    )
    assert run_cli(cwd=tmp_path).returncode == 0


def test_bad_checker_settings_name_the_file_and_the_key(tmp_path: Path) -> None:
    """The checker validates its own settings (extra.docscheck), against the registry."""
    for docscheck, where in (
        ({"disable": ["NOPE001"]}, "extra.docscheck"),
        ({"min_questions": "five"}, "extra.docscheck.min_questions"),
        ("all", "extra.docscheck"),
    ):
        config = make_tree(
            tmp_path, {"index.md": "# Title\n\nText.\n"}, extra={"docscheck": docscheck}
        )
        with pytest.raises(ConfigError) as error:
            load_config(config)
        assert str(config) in str(error.value) and where in str(error.value), error.value
        result = run_cli(cwd=tmp_path)
        assert result.returncode == 2 and where in result.stderr, result.stderr


def test_messages_name_the_command_as_it_is_typed(monkeypatch) -> None:
    """Not a fixed `.venv/bin/studysite`: the one installed with this Python, relative to where
    the report is read, or plain `studysite` when that one is on the PATH."""
    venv_bin = Path(sys.executable).parent
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert studysite_command("check", cwd=venv_bin.parent) == f"{venv_bin.name}/studysite check"
    assert studysite_command("check", "a b.md", cwd=venv_bin) == "studysite check 'a b.md'"
    monkeypatch.setenv("PATH", f"{venv_bin}:/usr/bin:/bin")
    assert studysite_command("check", "--fix", cwd=Path("/")) == "studysite check --fix"


def test_list_rules() -> None:
    result = run_cli("--list-rules", cwd=PROJECT_DIR)
    assert result.returncode == 0
    lines = result.stdout.strip().split("\n")
    assert [line.split()[0] for line in lines] == list(RULES)


def test_the_project_docs_pass_with_no_finding() -> None:
    result = run_cli(cwd=PROJECT_DIR)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("No problems found"), result.stdout


def test_the_original_notes() -> None:
    """The learner's notes as they came: 8 lost images, 8 placeholder alts, no title, and an
    empty last section."""
    notes = (SEED / "docs" / "aws-analytics-notes.md").read_text(encoding="utf-8").split("\n")
    image_lines = [n for n, line in enumerate(notes, 1) if "![Alt text](" in line]
    last_heading = max(n for n, line in enumerate(notes, 1) if line.startswith("## "))
    result = run_cli("-f", "original-notes.yml", "--format", "json", cwd=SEED)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    by_code: dict[str, list[dict]] = {}
    for finding in data:
        by_code.setdefault(finding["code"], []).append(finding)
    assert set(by_code) == {"IMG001", "IMG004", "HDR001", "HDR003"}
    assert [f["line"] for f in by_code["IMG001"]] == image_lines
    assert [f["line"] for f in by_code["IMG004"]] == image_lines
    assert len(image_lines) == 8
    decoded = [
        "행기반저장", "아테나페러데이티드쿼리", "레드시프트클러스터", "레드쉬프트스펙트럼",
        "글루카탈로그", "레이크포메이션", "키네시스분석도구SQL", "플링크",
    ]  # fmt: skip
    for finding, name in zip(by_code["IMG001"], decoded, strict=True):
        assert f"../etc/image2/{name}.png" in finding["message"]
    assert [(f["line"], f["column"]) for f in by_code["HDR001"]] == [(1, 1)]
    assert [f["line"] for f in by_code["HDR003"]] == [last_heading]


# --- Property-based: nothing crashes it --------------------------------------------------------

MARKDOWNISH = st.text(
    alphabet=st.sampled_from(
        list("#!?[]()<>`*_-=+:|/\\\"' \n\t\r{}%.")
        + list("ab가나다한글")
        + ["\ufeff", "\x00", "\u200b"]
    ),
    max_size=400,
)


def _assert_well_formed(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", "-f", str(config), "--format", "json"])
    out = capsys.readouterr().out
    assert status in (0, 1, 2)
    data = json.loads(out)
    for finding in data:
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert isinstance(finding["column"], int) and finding["column"] >= 1
        assert finding["severity"] in ("error", "warning")
    assert (status == 1) == any(f["severity"] == "error" for f in data)
    assert main(["check", "-f", str(config)]) == status
    lines = capsys.readouterr().out.rstrip("\n").split("\n")
    assert len(lines) == len(data) + 1
    assert all(TEXT_LINE.match(line) for line in lines[:-1]), lines
    assert lines[-1].endswith(" s.")


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=MARKDOWNISH)
def test_arbitrary_markdown_never_crashes(tmp_path: Path, capsys, text: str) -> None:
    config = make_tree(
        tmp_path, {"page.md": text, "page.en.md": text[::-1]}, languages=("ko", "en")
    )
    _assert_well_formed(config, capsys)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(tmp_path: Path, capsys, data: bytes) -> None:
    config = make_tree(tmp_path, {"page.md": data})
    _assert_well_formed(config, capsys)
