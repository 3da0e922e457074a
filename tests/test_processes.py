"""A build killed with SIGKILL, as a CI runner kills one on timeout, leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from site_helpers import ROOT, make_project


def _session(sid: int) -> dict[int, str]:
    """Processes of a session: pid → command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getsid(int(entry.name)) != sid:
                continue
            found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_sigkill_of_a_build_leaves_no_pagefind_running(tmp_path: Path) -> None:
    """Kill the build while Pagefind indexes: Pagefind and the indexer that started it end with it, before
    either writes anything more (a survivor would finish the index and leave its outcome in the work folder)."""
    project = make_project(tmp_path, ROOT / "regions")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1795305600"}
    build = subprocess.Popen([sys.executable, "-m", "generator", "build", "--regions", str(project.regions),
                              "--config", str(project.config), "--site-dir", str(tmp_path / "site")],
                             cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        pagefind: dict[int, str] = {}
        while not pagefind and build.poll() is None and time.monotonic() < deadline:
            pagefind = {pid: cmd for pid, cmd in _session(build.pid).items() if "pagefind" in cmd}
            time.sleep(0.005)
        assert pagefind, "the build ended before Pagefind was seen running"
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _session(build.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _session(build.pid) == {}
        # Left running, Pagefind would have finished its index (its entry file is written last), and the
        # indexer, once Pagefind was done, would have written its outcome.
        time.sleep(3)
        assert not (tmp_path / "site.cari" / "pagefind" / "pagefind-entry.json").exists()
        assert not (tmp_path / "site.cari" / "hasil.txt").exists()
        assert not (tmp_path / "site").exists()
    finally:
        for pid in _session(build.pid):  # only if the test failed: do not leave them to the next test
            os.kill(pid, signal.SIGKILL)
