"""``masterplan diff`` at national scale: 514 regions in a git repository, one of them changed.

Usage::

    python benchmarks/diff_bench.py WORK_DIR [--runs N]

Makes ``WORK_DIR/repo`` (a git repository holding ``regions/`` from ``benchmarks/synth.py``, committed
on ``main``), then times, as a user would run them (a fresh ``python -m generator`` process each):

- ``diff`` with nothing changed,
- ``diff --format markdown`` with one region's programme statuses and budgets changed,
- ``check`` of the whole data set, for scale.

The target is ``diff`` ≤ 3 s with one region changed: only regions whose files differ are read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHANGED = "kabupaten-garut"


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "bench",
           "GIT_AUTHOR_EMAIL": "bench@example.id", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "bench@example.id"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def _timed(repo: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1751241600"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator", *args], cwd=repo, env=env, capture_output=True,
                          text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"masterplan {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed, proc.stdout


def _change_one_region(regions: Path) -> None:
    program = regions / CHANGED / "program.yaml"
    text = program.read_text(encoding="utf-8")
    text = text.replace("status: rencana", "status: berjalan", 3).replace("jumlah: 1", "jumlah: 2", 5)
    program.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the repository, time the commands, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("work_dir", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    repo = args.work_dir / "repo"
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    subprocess.run([sys.executable, str(HERE / "synth.py"), str(repo / "regions")], check=True, capture_output=True)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "data nasional")
    regions = sum(1 for p in (repo / "regions").iterdir() if p.is_dir())
    print(f"{regions} regions in {repo}")
    figures: list[tuple[str, list[float]]] = []
    times = [_timed(repo, "diff")[0] for _ in range(args.runs)]
    figures.append(("diff, nothing changed", times))
    _change_one_region(repo / "regions")
    runs = [_timed(repo, "diff", "--format", "markdown") for _ in range(args.runs)]
    figures.append((f"diff --format markdown, {CHANGED} changed", [t for t, _ in runs]))
    figures.append(("check (whole data set, for scale)", [_timed(repo, "check")[0]]))
    for label, values in figures:
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"{label}: {shown} s")
    print("\nReport headline:", runs[-1][1].splitlines()[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
