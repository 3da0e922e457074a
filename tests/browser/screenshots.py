"""Full-page screenshots of every page type at 360 and 1280 px wide, to look at (not committed).

    python tests/browser/screenshots.py OUT_DIR [--site SITE_DIR] [--dark]

Without ``--site`` the sample site is built into a temporary folder first. Files are named
``<page>-<width>[-dark].png``. Uses the same chromium, flags and local server as the browser tests,
and blocks any request to another origin.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/: loopback
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGES,
    VIEWPORTS,
    build_site,
    chromium_problem,
)
from loopback import serve


def take(site: Path, out: Path, dark: bool) -> list[Path]:
    """Save one PNG per page type and viewport into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with serve(site) as origin, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport,  # type: ignore[arg-type]
                                          color_scheme="dark" if dark else "light")

            def block(route: Route) -> None:
                print(f"blocked: {route.request.url}", file=sys.stderr)
                route.abort("blockedbyclient")

            context.route(re.compile(rf"^(?!{re.escape(origin)}/)(?!data:)(?!blob:)"), block)
            page = context.new_page()
            for spec in PAGES:
                page.goto(origin + spec.path, wait_until="load")
                if spec.lands_on:
                    page.wait_for_url(origin + spec.lands_on, wait_until="load")
                page.wait_for_timeout(150)
                path = out / f"{spec.name}-{name}{'-dark' if dark else ''}.png"
                page.screenshot(path=str(path), full_page=True)
                saved.append(path)
            context.close()
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--dark", action="store_true", help="prefer the dark colour scheme")
    args = parser.parse_args(argv)
    problem = chromium_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if args.site:
        saved = take(args.site.resolve(), args.out, args.dark)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            saved = take(build_site(Path(tmp) / "site"), args.out, args.dark)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
