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

from generator.site import PAGEFIND_ARGS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test helpers: a loopback server, a throw-away project
import loopback  # noqa: E402
from site_helpers import copy_project  # noqa: E402


def _project(work: Path, data: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    copy_project(ROOT, work)
    # A copy, not a link: the data folder must be a real folder (links are refused, never followed).
    shutil.copytree(data, work / "regions")


def _run(label: str, args: list[str], cwd: Path) -> tuple[float, float]:
    """Run one step; return (seconds, peak MB) and stop on failure."""
    seconds, peak, _output = _run_output(label, args, cwd)
    return seconds, peak


def _run_output(label: str, args: list[str], cwd: Path) -> tuple[float, float, str]:
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read() if process.stdout else ""
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{label} failed:\n{output}")
    # Linux reports the largest of the process and its reaped children (workers, Pagefind), in KiB.
    return seconds, usage.ru_maxrss / 1024, output


# Runs the CLI and prints the peak memory of the masterplan process itself, without its children
# (the render workers and Pagefind, whose peaks are measured on their own).
_SELF_PEAK = (
    "import resource, runpy, sys\n"
    "sys.argv = ['masterplan', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('generator', run_name='__main__')\n"
    "finally:\n"
    "    print(f'SELF_PEAK_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\n"
)


def _self_peak(output: str) -> float:
    return int(output.rsplit("SELF_PEAK_KB ", 1)[1].split()[0]) / 1024


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def _sizes(files: list[Path]) -> tuple[int, int]:
    """Bytes on disk and bytes sent by a server that gzips (Pagefind's index files are gzipped already)."""
    raw = gz = 0
    for path in files:
        data = path.read_bytes()
        raw += len(data)
        gz += len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data))
    return raw, gz


def _pagefind_figures(site: Path) -> list[tuple[str, str]]:
    """Pagefind's bundle, and what a reader's first query downloads, computed from the files.

    Opening the search loads the search script, pagefind.js (no worker), the entry, and the
    language's metadata and WebAssembly; a query word then loads its index chunk and, when it is
    inflected ("membangun"), its stem's chunk too ("bangun"); then the fragments of the ten results
    shown first (more as the list is scrolled). Which chunks depends on the word: the median and the
    largest chunks give a typical and a worst case for a one-word query (measured in chromium at
    national scale: "membangun" 261 KB, "melayani" 281 KB)."""
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    figures = []
    files = [p for p in bundle.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    figures.append(("search: pagefind bundle on disk", f"{total / 1024 / 1024:.1f} MB in {len(files):,} files"))
    for code, lang in sorted(entry["languages"].items()):
        figures.append((f"search: pagefind language {code}", f"{lang['page_count']:,} pages indexed"))
    code, lang = max(entry["languages"].items(), key=lambda item: item[1]["page_count"])
    fixed = [site / "assets" / "javascripts" / "pagefind-search.js", bundle / "pagefind.js",
             bundle / "pagefind-entry.json", bundle / f"pagefind.{lang['hash']}.pf_meta",
             bundle / f"wasm.{lang['wasm']}.pagefind"]
    fixed = [p for p in fixed if p.is_file()]
    fixed_raw, fixed_gz = _sizes(fixed)
    figures.append(("search: opening it", f"{_kb(fixed_raw)} ({_kb(fixed_gz)} gzip): "
                    + ", ".join(f"{p.name} {_kb(p.stat().st_size)}" for p in fixed)))
    chunks = sorted(p.stat().st_size for p in (bundle / "index").glob(f"{code}_*.pf_index"))
    fragments = sorted(p.stat().st_size for p in (bundle / "fragment").glob(f"{code}_*.pf_fragment"))
    if chunks and fragments:
        chunk_median, fragment_median = chunks[len(chunks) // 2], fragments[len(fragments) // 2]
        figures.append(("search: index chunks", f"{len(chunks):,}, median {_kb(chunk_median)}, "
                        f"largest {_kb(chunks[-1])}"))
        figures.append(("search: result fragments", f"{len(fragments):,}, median {_kb(fragment_median)}"))
        typical = 2 * chunk_median + 10 * fragment_median
        worst = sum(chunks[-2:]) + sum(fragments[-10:])
        figures.append(("search: first query, one word (typical)",
                        f"{_kb(fixed_raw + typical)} ({_kb(fixed_gz + typical)} gzip)"))
        figures.append(("search: first query, one word (worst)",
                        f"{_kb(fixed_raw + worst)} ({_kb(fixed_gz + worst)} gzip)"))
    return figures


def _serve_figure(work: Path, masterplan: list[str]) -> tuple[str, str]:
    """Seconds from starting ``masterplan serve --region`` (every region's pages in content/) until
    that region's page is served."""
    slug = sorted(p.parent.name for p in (work / "regions").glob("*/masterplan.yaml"))[0]
    port = loopback.free_port()
    start = time.perf_counter()
    process = subprocess.Popen([*masterplan, "serve", "--regions", "regions", "--region", slug,
                                "--dev-addr", f"127.0.0.1:{port}"], cwd=work,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not loopback.answers(f"http://127.0.0.1:{port}/{slug}/", process, seconds=300):
            sys.exit("serve --region did not answer")
        return (f"serve --region {slug}: first page", f"{time.perf_counter() - start:.2f} s")
    finally:
        loopback.stop(process)


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
        _project(work, args.data)  # a clean project, as CI builds: every page is written anew
        build_s, build_mb, output = _run_output(
            "build", [sys.executable, "-c", _SELF_PEAK, "build", "--strict", "--regions", "regions"], work)
        figures.append(("build --strict (check + pages + MkDocs + Pagefind)",
                        f"{build_s:.2f} s, peak {build_mb:.0f} MB (masterplan process itself "
                        f"{_self_peak(output):.0f} MB; the rest is Pagefind)"))
        figures.append(("generation share of build (generate / build)", f"{100 * gen_s / build_s:.1f}%"))
        # The two later steps on their own, on the pages the build just wrote.
        alone = work / "site-mkdocs"
        mkdocs_s, mkdocs_mb = _run("mkdocs", [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                              "--site-dir", str(alone)], work)
        figures.append(("  of which MkDocs alone (mkdocs build --strict)",
                        f"{mkdocs_s:.2f} s, peak {mkdocs_mb:.0f} MB"))
        pagefind_s, pagefind_mb = _run("pagefind", [sys.executable, "-m", "pagefind", "--site", str(alone),
                                                    *PAGEFIND_ARGS, "--quiet"], work)
        figures.append(("  of which Pagefind alone", f"{pagefind_s:.2f} s, peak {pagefind_mb:.0f} MB"))
        shutil.rmtree(alone)
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
        if (site / "pagefind").is_dir():
            figures += _pagefind_figures(site)
    if not args.skip_build:
        figures.append(_serve_figure(work, masterplan))
    print(f"Benchmark on {args.data} ({env_note})")
    width = max(len(label) for label, _ in figures)
    for label, value in figures:
        print(f"  {label:<{width}}  {value}")


if __name__ == "__main__":
    main()
