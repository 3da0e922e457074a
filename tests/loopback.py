"""Serving a built site on 127.0.0.1 for the browser tests, the benchmarks and Lighthouse.

Only loopback: nothing here listens on another address or reaches the internet.
"""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` with ``python -m http.server`` on 127.0.0.1; yield its origin; always stop it.

    The server logs every request: that goes to a file, since an unread pipe fills up and stalls it."""
    last_error = ""
    for _attempt in range(3):  # the free port can be taken between probing and binding
        origin = f"http://127.0.0.1:{(port := free_port())}"
        with tempfile.TemporaryFile() as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site_dir)],
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
