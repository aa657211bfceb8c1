"""The checker as a build gate: `mkdocs build` stops on errors, `mkdocs serve` keeps going."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import PROJECT_DIR
from docstree import make_tree
from studysite.mkdocs_cli import command, environment, mkdocs

HOOK = str(PROJECT_DIR / "scripts" / "studysite" / "hooks" / "pre_build.py")
GOOD_KO = "# 제목 { #title }\n\n내용.\n"
GOOD_EN = "# Title { #title }\n\nText.\n"


def test_build_stops_on_an_error_without_a_traceback(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {"index.md": "# Home\n\n<img src='gone.png' alt='A chart of costs'>\n"},
        hooks=[HOOK],
    )
    result = mkdocs("build", cwd=tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "docs/index.md:3:1: IMG001 image not found: gone.png" in log
    assert "Traceback" not in log


def test_build_reports_a_cp949_page_instead_of_crashing(tmp_path: Path) -> None:
    page = "# 레드시프트\n\n열 지향 데이터 웨어하우스입니다.\n".encode("cp949")
    make_tree(tmp_path, {"index.md": GOOD_EN, "redshift.md": page}, hooks=[HOOK])
    result = mkdocs("build", cwd=tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "docs/redshift.md:1:3: ENC001 not valid UTF-8" in log
    assert "Traceback" not in log and "UnicodeDecodeError" not in log


def test_warnings_fail_a_strict_build_only(tmp_path: Path) -> None:
    make_tree(tmp_path, {"index.md": GOOD_EN, "unused.svg": "<svg/>"}, hooks=[HOOK])
    assert mkdocs("build", cwd=tmp_path).returncode == 0
    strict = mkdocs("build", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "IMG005" in strict.stdout + strict.stderr


def test_runs_once_per_build_not_once_per_language(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {"index.md": GOOD_KO, "index.en.md": GOOD_EN, "orphan.svg": "<svg/>"},
        languages=("ko", "en"),
        hooks=[HOOK],
    )
    result = mkdocs("build", cwd=tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert log.count("IMG005 image file that no page uses") == 1
    assert "en" in log and (tmp_path / "site" / "en" / "index.html").is_file()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _wait_for(condition, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_serve_prints_findings_keeps_running_and_rebuilds(tmp_path: Path) -> None:
    broken = "## No title\n\n![Alt text](gone.png)\n"
    make_tree(tmp_path, {"index.md": GOOD_EN, "page.md": broken}, hooks=[HOOK])
    port = _free_port()
    log_file = tmp_path / "serve.log"
    with log_file.open("w") as log:
        server = subprocess.Popen(
            command("serve", "--livereload", "-a", f"127.0.0.1:{port}"),
            cwd=tmp_path,
            env=environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(lambda: _get(base) == 200), log_file.read_text()
        first = log_file.read_text()
        assert "docs/page.md:3:1: IMG001 image not found: gone.png" in first
        assert "docs/page.md:1:1: HDR001" in first
        assert server.poll() is None, "the server stopped"

        (tmp_path / "docs" / "page.md").write_text("# Fixed\n\nText.\n", encoding="utf-8")
        assert _wait_for(lambda: log_file.read_text().count("Building documentation") >= 2)
        assert _wait_for(lambda: "Reloading browsers" in log_file.read_text())
        rebuilt = log_file.read_text()[len(first) :]
        assert "IMG001" not in rebuilt and "HDR001" not in rebuilt
        assert _get(base + "page/") == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_project_config_registers_the_hook() -> None:
    """make build / make serve run mkdocs on mkdocs.yml, whose hooks include the checker."""
    from mkdocs.config import load_config

    config = load_config(str(PROJECT_DIR / "mkdocs.yml"))
    assert any(name.endswith("hooks/pre_build.py") for name in config.plugins), list(config.plugins)
