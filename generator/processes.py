"""Child processes that end with the build: a build killed with SIGKILL (a CI runner's timeout) leaves no
process behind, neither the search indexer nor Pagefind nor a worker, still running and writing."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a child process: have Linux kill it with SIGKILL once ``parent`` (its parent's pid) ends.

    The setting survives ``exec`` (``python -m pagefind`` execs the Pagefind binary), so it also holds for
    what the child becomes. Elsewhere than Linux this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return  # pragma: no cover - prctl does not fail for these arguments
    if os.getppid() != parent:  # the parent ended before the request was made: no signal will come
        os._exit(1)
