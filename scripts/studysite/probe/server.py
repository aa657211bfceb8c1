"""Serve a built site on a free loopback port, for the browser tests and the benchmarks: the
same files a static host would serve, nothing else."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the callers report what matters; access logs would drown it


@contextmanager
def serve(directory: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve directory over HTTP; yield its base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
