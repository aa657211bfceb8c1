"""One setting switches the site generator (GENERATOR in the Makefile, read by the tests'
build runner too), and make refuses an unknown generator or an unsupported Python. The real
ProperDocs build and its comparison with MkDocs' are `make successor-check`'s."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_DIR
from studysite import mkdocs_cli


def make(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """make ARGS in the project, dry-run unless asked otherwise, output captured."""
    # Without the GENERATOR of the run itself (make test GENERATOR=properdocs exports it):
    # each test says which one it means.
    inherited = {k: v for k, v in os.environ.items() if k not in {"GENERATOR", "MAKEFLAGS"}}
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=PROJECT_DIR,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("target", "runs"),
    [
        ("build", "/bin/properdocs build --strict"),
        ("serve", "/bin/properdocs serve"),
        ("pdf", "/bin/properdocs build --strict"),
    ],
)
def test_properdocs_is_one_setting_for_the_site_targets(target: str, runs: str) -> None:
    result = make("-n", "-B", target, "GENERATOR=properdocs")
    assert result.returncode == 0, result.stderr
    assert runs in result.stdout
    assert "requirements-properdocs.txt" in result.stdout  # its own lock, hash-checked
    assert "/bin/mkdocs " not in result.stdout


def test_properdocs_is_one_setting_for_the_tests() -> None:
    result = make("-n", "-B", "test", "GENERATOR=properdocs")
    assert result.returncode == 0, result.stderr
    assert "--require-hashes -r requirements-properdocs.txt" in result.stdout
    assert "-m pytest" in result.stdout


def test_the_default_is_mkdocs() -> None:
    result = make("-n", "-B", "build")
    assert "/bin/mkdocs build --strict" in result.stdout and "properdocs" not in result.stdout


def test_the_tests_build_with_the_generator_setting(monkeypatch) -> None:
    monkeypatch.setenv("GENERATOR", "properdocs")
    assert mkdocs_cli.command("build")[1:3] == ["-m", "properdocs"]
    monkeypatch.delenv("GENERATOR")
    assert mkdocs_cli.command("build")[1:3] == ["-m", "mkdocs"]
    monkeypatch.setenv("GENERATOR", "hugo")
    with pytest.raises(ValueError, match="GENERATOR=hugo"):
        mkdocs_cli.command("build")


def test_an_unknown_generator_is_refused() -> None:
    result = make("-n", "build", "GENERATOR=hugo")
    assert result.returncode != 0
    assert "GENERATOR=hugo: use mkdocs (supported) or properdocs (the fallback)" in result.stderr


def fake_python(tmp_path: Path, version: str) -> Path:
    """An interpreter that answers like another Python version would."""
    major, minor, micro = (int(part) for part in version.split("."))
    script = tmp_path / "python"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then echo "Python {version}"; exit 0; fi\n'
        'if [ "$1" = "-c" ]; then\n'
        f'  exec {sys.executable} -c "import sys; sys.version_info = ({major}, {minor}, {micro}); '
        'exec(sys.argv[1])" "$2"\n'
        "fi\n"
        f'exec {sys.executable} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@pytest.mark.parametrize("version", ["3.10.13", "3.11.4", "3.14.0"])
def test_make_refuses_an_unsupported_python(tmp_path: Path, version: str) -> None:
    venv = tmp_path / "venv"
    result = make(f"{venv}/bin/python", f"VENV={venv}", f"PYTHON={fake_python(tmp_path, version)}")
    assert result.returncode != 0 and not venv.exists()
    assert "Python 3.11.5 to 3.13.x is needed" in result.stderr
    assert f"found Python {version}" in result.stderr


@pytest.mark.parametrize("version", ["3.11.7", "3.13.0"])
def test_make_accepts_a_supported_python(tmp_path: Path, version: str) -> None:
    venv = tmp_path / "venv"
    result = make(f"{venv}/bin/python", f"VENV={venv}", f"PYTHON={fake_python(tmp_path, version)}")
    assert result.returncode == 0, result.stderr
    assert (venv / "bin" / "python").exists()
