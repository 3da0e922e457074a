"""Lighthouse 12 scores for the built site: a benchmark to read, not a test that gates.

    python3 benchmarks/lighthouse.py [--site DIR] [--runs N] [--json-dir DIR] [--page PATH ...]

Without ``--site`` the bundled sample site is built first (``python3 -m generator build --strict`` into a
temporary folder). Lighthouse (npm, pinned below; 13 needs Node 22) is installed once into
``benchmarks/.tools/``, a cache folder kept out of git. The site is served on loopback only with
``python3 -m http.server``, and Debian's ``/usr/bin/chromium`` is driven with the flags ``shared/QA.md``
says work on this project's machines. Each page is measured N times with the default (mobile) profile
and simulated throttling; the table gives the median and the min–max of each category, the goals, and
whether the median meets them. For every category below 100 the audits that lost points are listed
(id and title, and in how many runs they failed) so the team can act on them. Performance moves by
about ±4 points between runs on the same machine: read its median, not a single run.

Exit status: 0 when every run produced a report (whether or not the goals are met), 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test helpers: a loopback server
import loopback  # noqa: E402

TOOLS = Path(os.environ.get("MASTERPLAN_LIGHTHOUSE_TOOLS", Path(__file__).resolve().parent / ".tools"))

LIGHTHOUSE_VERSION = "12.8.2"
"""The newest 12.x in the npm registry (``npm view lighthouse@12 version``); 13 needs Node 22."""

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

PAGES = [
    ("region", "/kota-harapan-jaya/"),
    ("quick-win", "/kota-harapan-jaya/quick-win/qris-retribusi-pasar/"),
]

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
"""Minimum score (0–100) each category's median must reach."""

RUN_TIMEOUT = 240
"""Seconds one Lighthouse run may take (a run takes 15–40 s on a 2-core machine)."""

LOCAL_SERVER_ONLY = {"uses-text-compression", "uses-long-cache-ttl", "cache-insight"}
"""Audits that fail because ``http.server`` sends neither gzip nor Cache-Control, whatever the site does."""

IGNORED_MODES = {"notApplicable", "informative", "manual", "error"}
"""Audits with these display modes never cost points (``error`` ones are reported separately)."""


class Problem(Exception):
    """A setup or run failure, told to the user as one clear message."""


# --- tools ---------------------------------------------------------------------------------------


def check_prerequisites() -> None:
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        raise Problem(f"{CHROMIUM} is missing: install Debian's chromium "
                      "(apt-get update && apt-get install -y --no-install-recommends chromium)")
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise Problem(f"`{tool}` is not on PATH: install Node.js 20 with npm (apt-get install -y nodejs npm)")


def lighthouse_cli() -> Path:
    """The pinned Lighthouse CLI under ``benchmarks/.tools/``, installed there first if missing."""
    cli = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
    manifest = TOOLS / "node_modules" / "lighthouse" / "package.json"
    installed = ""
    if manifest.is_file():
        with contextlib.suppress(OSError, ValueError):
            installed = json.loads(manifest.read_text(encoding="utf-8")).get("version", "")
    if cli.is_file() and installed == LIGHTHOUSE_VERSION:
        return cli
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {TOOLS} ...", file=sys.stderr, flush=True)
    TOOLS.mkdir(parents=True, exist_ok=True)
    package_json = TOOLS / "package.json"
    if not package_json.is_file():
        # A package.json of its own keeps npm from walking up into the repository.
        package_json.write_text('{"name": "masterplan-benchmark-tools", "private": true}\n', encoding="utf-8")
    proc = subprocess.run(
        ["npm", "install", "--prefix", str(TOOLS), "--no-save", "--no-audit", "--no-fund", "--ignore-scripts",
         f"lighthouse@{LIGHTHOUSE_VERSION}"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    if proc.returncode != 0 or not cli.is_file():
        raise Problem(f"npm install lighthouse@{LIGHTHOUSE_VERSION} failed ({proc.returncode}):\n"
                      f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return cli


# --- site ----------------------------------------------------------------------------------------


def build_site(site_dir: Path) -> Path:
    print("building the sample site (masterplan build --strict) ...", file=sys.stderr, flush=True)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    if proc.returncode != 0 or not (site_dir / "index.html").is_file():
        raise Problem(f"masterplan build --strict failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return site_dir


# --- lighthouse ----------------------------------------------------------------------------------


def run_lighthouse(cli: Path, url: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile, simulated throttling); its JSON report."""
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    args = [
        "node", str(cli), url,
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={out}", "--quiet",
    ]
    # Its own process group, so the terminal's Ctrl-C reaches only this script, which then stops the run.
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        _stop_lighthouse(proc)
        raise Problem(f"lighthouse {url} took longer than {RUN_TIMEOUT} s") from exc
    except BaseException:
        _stop_lighthouse(proc)
        raise
    if proc.returncode != 0 or not out.is_file():
        raise Problem(f"lighthouse {url} failed ({proc.returncode}):\n{stdout[-2000:]}\n{stderr[-3000:]}")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise Problem(f"lighthouse {url}: {report['runtimeError'].get('message', report['runtimeError'])}")
    return report


def _stop_lighthouse(proc: subprocess.Popen[str]) -> None:
    """End one Lighthouse run and the chromium it started.

    chrome-launcher starts chromium in a process group of its own and kills it on SIGINT, so SIGINT comes
    first; only if Lighthouse is still there after 15 s is its own group killed."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGINT)
        try:
            proc.communicate(timeout=15)
            return
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


@dataclass
class Failure:
    """One audit that lost points on a page, gathered over the runs."""

    title: str
    runs: int = 0
    values: list[str] = field(default_factory=list)
    """Its display value in each run that failed (a metric's time, a saving)."""
    nodes: list[str] = field(default_factory=list)
    """The elements it names (first run only, a few): where to look."""


@dataclass
class PageResult:
    name: str
    path: str
    scores: dict[str, list[int]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    failing: dict[str, dict[str, Failure]] = field(default_factory=lambda: {c: {} for c in CATEGORIES})
    warnings: set[str] = field(default_factory=set)
    foreign: set[str] = field(default_factory=set)

    def add(self, report: dict[str, Any], origin: str) -> None:
        audits = report["audits"]
        for cat in CATEGORIES:
            category = report["categories"][cat]
            if category.get("score") is None:
                raise Problem(f"{self.path}: Lighthouse gave no {cat} score (an audit errored)")
            score = round(category["score"] * 100)
            self.scores[cat].append(score)
            if score >= 100:
                continue
            for ref in category["auditRefs"]:
                audit = audits[ref["id"]]
                mode = audit.get("scoreDisplayMode")
                if mode == "error":
                    self.warnings.add(f"audit {ref['id']} errored: {audit.get('errorMessage', '')}")
                    continue
                if mode in IGNORED_MODES or audit.get("score") is None or audit["score"] >= 1:
                    continue
                # Performance: the weighted metrics and the visible diagnostics that explain them; the
                # "hidden" group repeats the diagnostics as insights. Elsewhere weight 0 costs nothing.
                if ref.get("group") == "hidden" or (ref.get("weight", 0) == 0 and cat != "performance"):
                    continue
                failure = self.failing[cat].setdefault(ref["id"], Failure(audit["title"]))
                failure.runs += 1
                failure.values.append(str(audit.get("displayValue", "")))
                if failure.runs == 1:
                    failure.nodes = _nodes(audit)
        for warning in report.get("runWarnings", []):
            self.warnings.add(" ".join(str(warning).split()))
        requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
        for item in requests:
            url = str(item.get("url", ""))
            if not url.startswith((origin + "/", "data:", "blob:")):
                self.foreign.add(url)


def _nodes(audit: dict[str, Any], limit: int = 3) -> list[str]:
    """The first few elements (or URLs) an audit's table names."""
    found = []
    for item in audit.get("details", {}).get("items", []) or []:
        node = item.get("node") if isinstance(item, dict) else None
        if isinstance(node, dict):
            found.append(f"{node.get('selector', '')}  {' '.join(str(node.get('snippet', '')).split())[:140]}")
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            found.append(item["url"])
        if len(found) == limit:
            break
    return found


def _cell(values: list[int]) -> str:
    median = statistics.median(values)
    text = f"{median:g}"
    if min(values) != max(values):
        text += f" ({min(values)}–{max(values)})"
    return text


def print_report(results: list[PageResult], runs: int) -> None:
    headers = ["page", *CATEGORIES]
    rows = [[f"{r.name} {r.path}", *(_cell(r.scores[c]) for c in CATEGORIES)] for r in results]
    rows.append(["goal", *(("= 100" if GOALS[c] == 100 else f"≥ {GOALS[c]}") for c in CATEGORIES)])
    for r in results:
        met = ["met" if statistics.median(r.scores[c]) >= GOALS[c] else "MISSED" for c in CATEGORIES]
        rows.append([f"goal met? {r.name}", *met])
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(cells))

    print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile profile (simulated throttling), {runs} run(s) per page: "
          "median (min–max)")
    print(line(headers))
    print(line(["-" * w for w in widths]))
    for row in rows[: len(results)]:
        print(line(row))
    print(line(["-" * w for w in widths]))
    for row in rows[len(results):]:
        print(line(row))

    for r in results:
        shown = False
        for cat in CATEGORIES:
            if not r.failing[cat]:
                continue
            if not shown:
                print(f"\nAudits that lost points on {r.name} ({r.path}):")
                shown = True
            print(f"  {cat} (median {statistics.median(r.scores[cat]):g}):")
            ordered = sorted(r.failing[cat].items(), key=lambda kv: (-kv[1].runs, kv[0]))
            for audit_id, failure in ordered:
                values = list(dict.fromkeys(v for v in failure.values if v))
                suffix = f" [{' / '.join(values)}]" if values else ""
                print(f"    {failure.runs}/{runs}  {audit_id}: {failure.title}{suffix}")
                if cat != "performance":
                    for node in failure.nodes:
                        print(f"            {node}")
        if r.foreign:
            print(f"\nRequests to another origin on {r.name} (the site must make none):")
            for url in sorted(r.foreign):
                print(f"  {url}")
        for warning in sorted(r.warnings):
            print(f"  warning ({r.name}): {warning}")
    if not any(r.foreign for r in results):
        print("\nRequests to another origin: none.")
    local = sorted({a for r in results for a in r.failing["performance"] if a in LOCAL_SERVER_ONLY})
    if local:
        print(f"\nNote: {', '.join(local)} come from python's http.server (no gzip, no Cache-Control); the "
              "production web server decides these, and performance here is measured without them.")


# --- main ----------------------------------------------------------------------------------------


def _raise_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks: the server is stopped


def measure(site: Path, runs: int, json_dir: Path | None, pages: list[tuple[str, str]],
            compress: bool = False) -> list[PageResult]:
    cli = lighthouse_cli()
    results = [PageResult(name, path) for name, path in pages]
    with loopback.serve(site, compress) as origin, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        reports = json_dir or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        print(f"serving {site} at {origin}", file=sys.stderr, flush=True)
        for run in range(1, runs + 1):  # alternate pages so drift on the machine hits both alike
            for result in results:
                url = origin + result.path
                start = time.perf_counter()
                report = run_lighthouse(cli, url, reports / f"{result.name}-{run}.json")
                result.add(report, origin)
                scores = ", ".join(f"{c} {result.scores[c][-1]}" for c in CATEGORIES)
                print(f"  run {run}/{runs} {result.path}: {scores} ({time.perf_counter() - start:.0f} s)",
                      file=sys.stderr, flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site (default: build the sample site)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default: 3)")
    parser.add_argument("--json-dir", type=Path,
                        help="keep each run's Lighthouse JSON report here (e.g. benchmarks/out/lighthouse)")
    parser.add_argument("--page", action="append", metavar="PATH",
                        help="a page to measure instead of the sample pages, e.g. / or /provinsi/jawa-timur/ "
                             "on a national --site (repeatable)")
    parser.add_argument("--gzip", action="store_true",
                        help="serve text files gzipped, as GitHub Pages, GitLab Pages and nginx do (default: "
                             "python's http.server, which sends everything uncompressed)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    try:
        check_prerequisites()
        with tempfile.TemporaryDirectory(prefix="masterplan-site-") as tmp:
            if args.site is not None:
                site = args.site.resolve()
                if not (site / "index.html").is_file():
                    raise Problem(f"{args.site} has no index.html: build the site first")
            else:
                site = build_site(Path(tmp) / "site")
            pages = PAGES if not args.page else [(path.strip("/").replace("/", "-") or "home", path)
                                                 for path in args.page]
            for _name, path in pages:
                if not (site / path.strip("/") / "index.html").is_file():
                    raise Problem(f"{site} has no page {path}")
            results = measure(site, args.runs, args.json_dir, pages, args.gzip)
    except (Problem, RuntimeError) as exc:
        sys.exit(f"lighthouse benchmark: {exc}")
    except KeyboardInterrupt:
        sys.exit("lighthouse benchmark: interrupted")
    print_report(results, args.runs)


if __name__ == "__main__":
    main()
