"""Serving a built site on 127.0.0.1 for the browser tests, the benchmarks and Lighthouse.

Only loopback: nothing here listens on another address or reaches the internet.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def answers(url: str, proc: subprocess.Popen[Any], seconds: float = 10) -> bool:
    """Whether ``url`` answers 200 before ``proc`` exits or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                response.read()
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    return False


def stop(proc: subprocess.Popen[Any]) -> None:
    """Terminate a server, killing it if it does not stop within 5 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".xsl", ".txt", ".csv"}
"""What GitHub Pages, GitLab Pages and nginx's usual set-up send gzipped to a browser that accepts it."""


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """http.server's static files, text ones gzipped as a production web server sends them."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):  # without the slash: http.server redirects
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site_dir: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``site_dir`` with ``python -m http.server`` on 127.0.0.1; yield its origin; always stop it.
    With ``compress``, text files are sent gzipped, as a production web server does (this module's
    own server, for the Lighthouse benchmark).

    The server logs every request: that goes to a file, since an unread pipe fills up and stalls it."""
    last_error = ""
    for _attempt in range(3):  # the free port can be taken between probing and binding
        origin = f"http://127.0.0.1:{(port := free_port())}"
        server = [__file__, "--gzip"] if compress else ["-m", "http.server"]
        with tempfile.TemporaryFile() as log:
            proc = subprocess.Popen(
                [sys.executable, *server, str(port), "--bind", "127.0.0.1", "--directory", str(site_dir)],
                stdout=subprocess.DEVNULL, stderr=log,
            )
            try:
                if answers(origin + "/", proc):
                    yield origin
                    return
                log.seek(0)
                last_error = log.read().decode(errors="replace")
            finally:
                stop(proc)
    raise RuntimeError(f"http.server did not start: {last_error}")


def _main() -> None:
    """``python tests/loopback.py --gzip PORT --bind 127.0.0.1 --directory DIR``: the gzipping server."""
    import argparse
    import functools

    parser = argparse.ArgumentParser()
    parser.add_argument("--gzip", action="store_true", required=True)
    parser.add_argument("port", type=int)
    parser.add_argument("--bind", choices=["127.0.0.1"], required=True)
    parser.add_argument("--directory", required=True)
    args = parser.parse_args()
    handler = functools.partial(_GzipHandler, directory=args.directory)
    with http.server.ThreadingHTTPServer((args.bind, args.port), handler) as httpd:
        httpd.serve_forever()


if __name__ == "__main__":
    _main()
