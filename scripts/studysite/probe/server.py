"""Serve a built site on a free loopback port, for the browser tests and the benchmarks: the
same files a static host would serve, nothing else.

    with serve(site_dir) as url: ...                    # plain files, as the tests use it
    with serve(site_dir, gzip=True, prefix="/aws-notes/", pages_404=True) as url: ...

The options make it answer as a real host does (GitHub Pages, nginx, S3+CloudFront), for
measurements that depend on it (Lighthouse): `gzip` compresses text types on the fly for a
client that accepts it, names the charset of text and keeps connections alive (HTTP/1.1);
`prefix` serves the site under a sub-path, as a project site is; `pages_404` answers a missing
path with status 404 and the body of the site's own 404.html, as GitHub Pages does.
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

# Content types a static host compresses on the fly (nginx's gzip_types, GitHub Pages);
# studysite.probe.page uses them too, to estimate what such a host sends.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
GZIP_LEVEL = 6  # nginx's and most hosts' gzip_comp_level
# The text types a site has, named as hosts name them (Python's mimetypes varies with the
# system's /etc/mime.types and gives no charset).
TEXT_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain",
}
NOT_FOUND_PAGE = "404.html"  # GitHub Pages serves the site's 404.html for a missing path


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int, size: int) -> bytes:
    """A file's bytes gzipped; keyed on mtime and size, so a rebuilt file is compressed anew."""
    return gzip_module.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header accepts gzip: listed ("gzip", else "*") without q=0."""
    weights: dict[str, float] = {}
    for item in (header or "").split(","):
        name, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.lower()] = weight
    return weights.get("gzip", weights.get("*", 0.0)) > 0


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the callers report what matters; access logs would drown it


class _HostHandler(_QuietHandler):
    """A static host's answers: sub-path, gzip, charset, keep-alive, 404 page (see module)."""

    root: Path
    prefix: str  # "/" or "/aws-notes/"
    gzip: bool
    pages_404: bool
    timeout = 30  # an idle keep-alive connection is closed, so its thread ends

    def __init__(self, *args: object, root: Path, prefix: str, gzip: bool, pages_404: bool) -> None:
        self.root, self.prefix, self.gzip, self.pages_404 = root, prefix, gzip, pages_404
        if gzip:
            self.protocol_version = "HTTP/1.1"  # keep-alive, as every host; replies all sized
        super().__init__(*args, directory=str(root))  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        """A URL path under the prefix to its file; anything else to a path that is not."""
        url_path = urlsplit(path).path
        if url_path == self.prefix.rstrip("/"):  # "/aws-notes": redirected to "/aws-notes/"
            return str(self.root)
        if not url_path.startswith(self.prefix):
            return str(self.root / NOT_FOUND_PAGE / "outside-the-prefix")
        return super().translate_path("/" + path[len(self.prefix) :])

    def content_type(self, path: Path) -> str:
        kind = TEXT_TYPES.get(path.suffix.lower())
        if kind is None:
            return self.guess_type(str(path))
        return f"{kind}; charset=utf-8"

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        if not self.gzip:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            parts = urlsplit(self.path)
            if not parts.path.endswith("/"):
                location = parts.path + "/" + (f"?{parts.query}" if parts.query else "")
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"  # a host lists no directories: without one, 404
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return self._send_file(HTTPStatus.OK, path)

    def _send_file(self, status: HTTPStatus, path: Path) -> BinaryIO:
        """Send status and the headers of path's body (gzipped when both sides can); return
        the body for SimpleHTTPRequestHandler to copy (not on HEAD)."""
        content_type = self.content_type(path)
        stat = path.stat()
        compress = (
            self.gzip
            and content_type.startswith(COMPRESSIBLE)
            and accepts_gzip(self.headers.get("Accept-Encoding"))
        )
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size) if compress else path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.gzip and content_type.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.root / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not self.pages_404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = self._send_file(HTTPStatus.NOT_FOUND, page)
        if self.command != "HEAD":
            self.copyfile(body, self.wfile)


class _Server(ThreadingHTTPServer):
    # Keep-alive connections may outlive the client's last request; closing the server must not
    # wait for them (each handler thread is a daemon and times out on its own).
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that navigates on or closes drops its connections mid-reply; that is no
        # error of the server's, and socketserver would print a traceback for each.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(
    directory: Path,
    host: str = "127.0.0.1",
    *,
    gzip: bool = False,
    prefix: str = "/",
    pages_404: bool = False,
) -> Iterator[str]:
    """Serve directory over HTTP; yield its base URL (ending in '/', the prefix included).

    Without options: plain files as Python's http.server sends them. gzip, prefix and
    pages_404 answer as a static host does (see the module's description)."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    if gzip or prefix != "/" or pages_404:
        handler = functools.partial(
            _HostHandler, root=Path(directory), prefix=prefix, gzip=gzip, pages_404=pages_404
        )
    else:
        handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server((host, 0), handler)
    # A short poll interval: closing the server (every test, every benchmark) waits for it.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
