"""Child processes that end with the build: a build killed with SIGKILL (a CI runner's timeout) leaves no
process behind, neither the search indexer nor Pagefind nor a worker, still running and writing.

Linux's ``PR_SET_PDEATHSIG`` has the kernel send SIGKILL to a process once its parent ends. Forked children
(the indexer, the worker pools) ask for it first thing; a program the build starts (Pagefind) is started
through a fresh Python that asks for it and then execs the program, since the setting survives ``exec``.
That avoids ``preexec_fn``, which is unsafe in a process with threads (``masterplan serve`` has them).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Sequence

_PR_SET_PDEATHSIG = 1
_LINUX = sys.platform.startswith("linux")
# Looked up once, in the parent: a forked child then only calls it (no dlopen after a fork).
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if _LINUX else None

_EXEC_WITH_PARENT = (
    "import ctypes, os, sys\n"
    f"ctypes.CDLL(None, use_errno=True).prctl({_PR_SET_PDEATHSIG}, {int(signal.SIGKILL)}, 0, 0, 0)\n"
    "if os.getppid() != int(sys.argv[1]):\n"
    "    os._exit(1)\n"
    "os.execvp(sys.argv[2], sys.argv[2:])\n"
)


def die_with_parent(parent: int) -> None:
    """In a forked child: have Linux kill it with SIGKILL once ``parent`` (its parent's pid) ends.

    Elsewhere than Linux this does nothing."""
    if _PRCTL is None:
        return
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the request was made: no signal will come
        os._exit(1)


def with_parent(command: Sequence[str]) -> list[str]:
    """``command``, started so that it is killed when the process that starts it ends (on Linux)."""
    if not _LINUX:
        return list(command)
    return [sys.executable, "-c", _EXEC_WITH_PARENT, str(os.getpid()), *command]
