"""Time ``masterplan export`` and ``import`` of one synthetic region, or round-trip a whole synthetic set.

Usage::

    python benchmarks/spreadsheet_bench.py [--programs 150] [--repeat 3]
    python benchmarks/spreadsheet_bench.py --round-trip DIR     # every region of a benchmarks/synth.py folder

The first form writes one region with N programmes (benchmarks/synth.py, first region of the register)
into a temporary folder and reports the best and median wall time of export and of import (library calls,
as the CLI makes them; the interpreter's start-up is not included). The second exports and imports every
region under DIR in place and checks that the programmes read back are equal to the original ones and that
a second pass leaves program.yaml byte-identical; it prints the totals and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import spreadsheet, validate, yaml_source

OPTIONS = validate.Options(today=dt.date(2025, 6, 30))  # synth.py's fixed "today"


def _programs(folder: Path) -> tuple[object, ...]:
    plan, problems = validate.load_plan(folder, "m", OPTIONS)
    if plan is None:
        raise SystemExit(f"{folder}: {problems}")
    source = yaml_source.load_file(folder / "program.yaml", "p")
    assert source.root is not None
    programs, problems = validate.check_program_tree(source.root, "p", plan, OPTIONS)
    if programs is None:
        raise SystemExit(f"{folder}: {[p for p in problems if p.severity == 'error']}")
    return programs


def _round_trip(root: Path, folder: Path, work: Path) -> bool:
    before = _programs(folder)
    written = b""
    for attempt in range(2):
        book = work / f"{folder.name}.xlsx"
        count, problems = spreadsheet.export_region(folder, folder.name, OPTIONS, book)
        if count != len(before):
            print(f"{folder.name}: export failed: {problems}")
            return False
        result = spreadsheet.import_workbook(book, book.name, root, root.name, OPTIONS)
        if result.errors or _programs(folder) != before:
            print(f"{folder.name}: import changed the data: {[p.format_text() for p in result.problems][:5]}")
            return False
        if attempt == 1 and (result.changed or (folder / "program.yaml").read_bytes() != written):
            print(f"{folder.name}: second import changed program.yaml")
            return False
        written = (folder / "program.yaml").read_bytes()
    return True


def round_trip_all(root: Path) -> int:
    """Round-trip every region under ``root``; returns the exit status."""
    folders = validate.region_folders(root)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        failed = [f.name for f in folders if not _round_trip(root, f, Path(work))]
    elapsed = time.perf_counter() - start
    programs = sum(len(_programs(f)) for f in folders)
    print(f"{len(folders)} regions, {programs} programmes: {len(folders) - len(failed)} round-tripped with no "
          f"data change and byte-identical second pass, {len(failed)} failed; {elapsed:.1f} s")
    return 1 if failed else 0


def bench(programs: int, repeat: int) -> None:
    """Time export and import of one region with ``programs`` programmes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "regions"
        subprocess.run([sys.executable, str(Path(__file__).with_name("synth.py")), str(out), "--regions", "1",
                        "--programs", str(programs)], check=True, capture_output=True)
        folder = validate.region_folders(out)[0]
        book = Path(tmp) / f"{folder.name}.xlsx"
        exports, imports = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            spreadsheet.export_region(folder, folder.name, OPTIONS, book)
            exports.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = spreadsheet.import_workbook(book, book.name, out, "regions", OPTIONS)
            imports.append(time.perf_counter() - start)
            assert result.errors == 0, result.problems
        size = book.stat().st_size
        print(f"{folder.name}: {programs} programmes, workbook {size / 1024:.0f} KiB")
        for name, times in (("export", exports), ("import", imports)):
            print(f"  {name}: best {min(times):.3f} s, median {statistics.median(times):.3f} s ({repeat} runs)")


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--programs", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--round-trip", type=Path, default=None, metavar="DIR")
    args = ap.parse_args()
    if args.round_trip is not None:
        raise SystemExit(round_trip_all(args.round_trip))
    bench(args.programs, args.repeat)


if __name__ == "__main__":
    main()
