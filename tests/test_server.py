"""The static server answers as a host does: gzip for text, charset, a sub-path, the 404 page;
and without options it is the plain file server the browser tests use."""

from __future__ import annotations

import gzip
import http.client
import socket
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from studysite.probe.server import accepts_gzip, serve

HTML = "<!doctype html><title>홈</title><p>" + "반복되는 본문. " * 200
NOT_FOUND = "<!doctype html><title>404</title><p>찾을 수 없는 페이지"
FONT = bytes(range(256)) * 8


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "404.html").write_text(NOT_FOUND, encoding="utf-8")
    (tmp_path / "en" / "athena").mkdir(parents=True)
    (tmp_path / "en" / "athena" / "index.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.css").write_text("body{margin:0}\n" * 50, encoding="utf-8")
    (tmp_path / "assets" / "app.js").write_text("console.log(1);\n" * 50, encoding="utf-8")
    (tmp_path / "assets" / "font.woff2").write_bytes(FONT)
    return tmp_path


def get(
    url: str, path: str, method: str = "GET", accept: str | None = "gzip, deflate, br"
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, raw body) of one request, no decoding."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, path, headers={"Accept-Encoding": accept} if accept else {})
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        connection.close()


def test_gzip_sends_text_types_compressed_with_charset(root: Path):
    with serve(root, gzip=True) as url:
        for path, kind, text in [
            ("/", "text/html", HTML),
            ("/en/athena/", "text/html", HTML),
            ("/assets/main.css", "text/css", (root / "assets/main.css").read_text()),
            ("/assets/app.js", "text/javascript", (root / "assets/app.js").read_text()),
        ]:
            status, headers, body = get(url, path)
            assert status == 200, path
            assert headers["content-type"] == f"{kind}; charset=utf-8", path
            assert headers["content-encoding"] == "gzip", path
            assert headers["vary"] == "Accept-Encoding", path
            assert int(headers["content-length"]) == len(body), path
            assert len(body) < len(text.encode()), path
            assert gzip.decompress(body).decode("utf-8") == text, path


def test_gzip_leaves_binary_files_and_clients_without_gzip_alone(root: Path):
    with serve(root, gzip=True) as url:
        status, headers, body = get(url, "/assets/font.woff2")
        assert (status, body) == (200, FONT)
        assert "content-encoding" not in headers
        for accept in (None, "identity", "gzip;q=0, br", "*;q=0"):
            status, headers, body = get(url, "/", accept=accept)
            assert status == 200, accept
            assert "content-encoding" not in headers, accept
            assert body.decode("utf-8") == HTML, accept


def test_gzip_head_sends_the_headers_without_a_body(root: Path):
    with serve(root, gzip=True) as url:
        _, got, _ = get(url, "/")
        status, headers, body = get(url, "/", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["content-length"] == got["content-length"]
    assert headers["content-encoding"] == "gzip"


def test_gzip_keeps_the_connection_alive(root: Path):
    """One connection, several requests: a host's HTTP/1.1 keep-alive (the browser's timing of
    a page depends on it)."""
    with serve(root, gzip=True) as url:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        try:
            for path in ("/", "/assets/main.css", "/en/athena/"):
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                assert response.version == 11, path
                assert connection.sock is not None, path  # the server did not close it
        finally:
            connection.close()


def test_directory_without_slash_is_redirected(root: Path):
    with serve(root, gzip=True) as url:
        status, headers, _ = get(url, "/en/athena?q=1")
    assert status == 301
    assert headers["location"] == "/en/athena/?q=1"


@pytest.mark.parametrize("gzip_on", [True, False], ids=["gzip", "plain"])
def test_prefix_serves_the_site_under_a_sub_path(root: Path, gzip_on: bool):
    with serve(root, gzip=gzip_on, prefix="/aws-notes/") as url:
        assert urlsplit(url).path == "/aws-notes/"
        status, headers, body = get(url, "/aws-notes/en/athena/", accept=None)
        assert (status, body.decode("utf-8")) == (200, HTML)
        assert get(url, "/aws-notes/assets/main.css")[0] == 200
        status, headers, _ = get(url, "/aws-notes")
        assert (status, headers["location"]) == (301, "/aws-notes/")
        # The site's files are not at the host's root, nor under a prefix-like path.
        assert get(url, "/en/athena/")[0] == 404
        assert get(url, "/index.html")[0] == 404
        assert get(url, "/aws-notes-old/")[0] == 404


def test_prefix_must_be_a_directory_path(root: Path):
    with pytest.raises(ValueError, match="prefix"), serve(root, prefix="aws-notes"):
        pass


@pytest.mark.parametrize("gzip_on", [True, False], ids=["gzip", "plain"])
def test_pages_404_answers_a_missing_path_with_the_sites_404_page(root: Path, gzip_on: bool):
    with serve(root, gzip=gzip_on, prefix="/aws-notes/", pages_404=True) as url:
        for path in ("/aws-notes/no-such-page/", "/aws-notes/assets/none.css", "/elsewhere"):
            status, headers, body = get(url, path, accept=None)
            assert status == 404, path
            assert headers["content-type"].startswith("text/html"), path
            assert body.decode("utf-8") == NOT_FOUND, path
        status, headers, body = get(url, "/aws-notes/no-such-page/")
        assert status == 404
        if gzip_on:
            assert headers["content-encoding"] == "gzip"
            body = gzip.decompress(body)
        assert body.decode("utf-8") == NOT_FOUND


def test_without_options_it_is_the_plain_file_server(root: Path):
    """What the browser tests rely on: files as they are, Python's own 404 page."""
    with serve(root) as url:
        assert urlsplit(url).path == "/"
        status, headers, body = get(url, "/")
        assert (status, body.decode("utf-8")) == (200, HTML)
        assert "content-encoding" not in headers
        status, _, body = get(url, "/no-such-page/")
        assert status == 404
        assert NOT_FOUND.encode() not in body


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("identity", False),
        ("", False),
        (None, False),
        ("gzip;q=0", False),
        ("*, gzip;q=0", False),
        ("gzip;q=0.0, *", False),
        ("gzip;q=x", False),
    ],
)
def test_accepts_gzip(header: str | None, expected: bool):
    assert accepts_gzip(header) is expected


@pytest.mark.parametrize("gzip_on", [True, False], ids=["gzip", "plain"])
def test_a_dropped_connection_prints_no_traceback(
    root: Path, gzip_on: bool, capsys: pytest.CaptureFixture[str]
):
    """A browser that navigates on drops its connections mid-reply; the server stays quiet."""
    (root / "big.bin").write_bytes(bytes(range(256)) * 64 * 1024)  # 16 MiB: more than buffers
    with serve(root, gzip=gzip_on) as url:
        parts = urlsplit(url)
        for _ in range(3):
            with socket.create_connection((parts.hostname, parts.port), timeout=10) as client:
                client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
                client.recv(1024)
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        assert get(url, "/")[0] == 200  # still serving
    assert "Traceback" not in capsys.readouterr().err
