"""National-scale benchmark: prints the figures the scale targets are judged by.

    python3 benchmarks/bench.py DATA_DIR [--work DIR] [--skip-build]

DATA_DIR is a data directory such as the one ``benchmarks/synth.py`` writes (514 regions × 40
programmes by default). The project (mkdocs.yml, hand-written pages, theme) is copied into a work
folder so the repository's own content/ and site/ are left alone. Each step runs as its own
process, timed from outside, with its peak memory (maximum resident set size) from the kernel.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN = ("tentang.md", "panduan", "assets")


def _project(work: Path, data: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    (work / "content").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    for name in HAND_WRITTEN:
        source = ROOT / "content" / name
        if source.is_dir():
            shutil.copytree(source, work / "content" / name)
        else:
            shutil.copy(source, work / "content" / name)
    (work / "generator").symlink_to(ROOT / "generator")
    (work / "regions").symlink_to(data.resolve())


def _run(label: str, args: list[str], cwd: Path) -> tuple[float, float]:
    """Run one step; return (seconds, peak MB) and stop on failure."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    output = process.stdout.read() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{label} failed:\n{output}")
    # Linux reports the largest of the process and its reaped workers, in KiB.
    return seconds, usage.ru_maxrss / 1024


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "masterplan-bench")
    parser.add_argument("--skip-build", action="store_true", help="only check and generate")
    args = parser.parse_args()
    work: Path = args.work
    _project(work, args.data)
    masterplan = [sys.executable, "-m", "generator"]
    env_note = f"{os.cpu_count()} CPU, Python {sys.version.split()[0]}"

    figures: list[tuple[str, str]] = []
    check_s, check_mb = _run("check", [*masterplan, "check", "--regions", "regions"], work)
    figures.append(("check", f"{check_s:.2f} s, peak {check_mb:.0f} MB"))
    gen_s, gen_mb = _run("generate", [*masterplan, "generate", "--regions", "regions"], work)
    figures.append(("generate (check + pages)", f"{gen_s:.2f} s, peak {gen_mb:.0f} MB"))
    regen_s, _ = _run("generate again", [*masterplan, "generate", "--regions", "regions"], work)
    figures.append(("generate again (nothing changed)", f"{regen_s:.2f} s"))
    if not args.skip_build:
        build_s, build_mb = _run("build", [*masterplan, "build", "--strict", "--regions", "regions"], work)
        figures.append(("build --strict (check + pages + MkDocs)", f"{build_s:.2f} s, peak {build_mb:.0f} MB"))
        figures.append(("generation share of build", f"{100 * gen_s / build_s:.1f}%"))
        site = work / "site"
        pages = sorted(p.stat().st_size for p in site.rglob("*.html"))
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        figures.append(("HTML pages", f"{len(pages):,}"))
        figures.append(("median HTML page", _kb(statistics.median(pages))))
        figures.append(("largest HTML page", _kb(pages[-1])))
        figures.append(("site size", f"{total / 1024 / 1024:,.1f} MB"))
        lunr = site / "search" / "search_index.json"
        if lunr.is_file():
            raw = lunr.read_bytes()
            figures.append(("search: lunr index (first query downloads all)",
                            f"{len(raw) / 1024 / 1024:.1f} MB, {len(gzip.compress(raw)) / 1024 / 1024:.1f} MB gzip"))
        pagefind = site / "pagefind"
        if pagefind.is_dir():
            entry = pagefind / "pagefind-entry.json"
            meta = json.loads(entry.read_text(encoding="utf-8")) if entry.is_file() else {}
            index_size = sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
            figures.append(("search: pagefind bundle on disk", f"{index_size / 1024 / 1024:.1f} MB"))
            figures.append(("search: pagefind languages", ", ".join(sorted(meta.get("languages", {})))))
    print(f"Benchmark on {args.data} ({env_note})")
    width = max(len(label) for label, _ in figures)
    for label, value in figures:
        print(f"  {label:<{width}}  {value}")


if __name__ == "__main__":
    main()
