"""MkDocs hooks used by ``masterplan serve``: regenerate pages before each rebuild, index them for
search after it.

``serve`` hands its settings over in the MkDocs configuration it starts the server with, under
``extra`` → ``PREVIEW_KEY``: the data folder, the one region previewed (or none) and the build date.

Pages are written before MkDocs reads its files and only when their bytes change, so the rebuild
that a YAML edit triggers settles after one extra pass instead of looping (mkdocs#1933). Invalid
data is reported and the pages already written stay as they were.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from generator import site
from generator.errors import DataError, PublishError

log = logging.getLogger("mkdocs.masterplan")

PREVIEW_KEY = "masterplan_preview"


def preview_settings(regions: Path, only: str | None, today: dt.date) -> dict[str, str]:
    """What ``serve`` puts under ``extra`` → ``PREVIEW_KEY`` for these hooks."""
    return {"regions": str(regions), "only": only or "", "today": today.isoformat()}


STATE_KEY = "masterplan_preview_state"


def preview_state() -> dict[str, bool]:
    """What ``serve`` puts under ``extra`` → ``STATE_KEY``: whether the data was invalid at the last rebuild,
    and whether the address was shown."""
    return {"invalid": False, "announced": False}


def _state(config: Any) -> dict[str, bool]:
    # MkDocs executes this file anew whenever it reloads its config (at every rebuild of `serve`), so the state
    # lives in the dict serve created: each reloaded config holds that same object.
    found: dict[str, bool] = (config["extra"] or {}).get(STATE_KEY) or preview_state()
    return found


def on_pre_build(config: Any) -> None:
    """Regenerate ``content/`` from the data directory ``masterplan serve`` names."""
    preview = (config["extra"] or {}).get(PREVIEW_KEY) or {}
    regions = Path(preview.get("regions") or "regions")
    today = dt.date.fromisoformat(preview["today"]) if preview.get("today") else site.build_date()
    project = site.Project(regions, str(regions), Path(config["config_file_path"]))
    try:
        report = site.check_and_generate(project, today, only=preview.get("only") or None).report
    except DataError as exc:
        for problem in exc.problems:
            log.warning(problem.format_text())
        log.warning("Data tidak valid: halaman lama tetap dipakai.")
        _state(config)["invalid"] = True
        return
    state = _state(config)
    if state["invalid"]:
        state["invalid"] = False
        log.info("Data valid lagi: pratinjau memakai data terbaru.")
    if report.written or report.removed:
        log.info("Halaman dibuat ulang: %d ditulis, %d dihapus.", len(report.written), len(report.removed))


def on_post_build(config: Any) -> None:
    """Index the preview for search with Pagefind, as ``masterplan build`` does; if that fails the
    preview works on without search."""
    try:
        site.pagefind_index(Path(config["site_dir"]))
    except PublishError as exc:
        log.warning("Pencarian tidak tersedia di pratinjau: %s", exc)
    # MkDocs' serve sets site_url to the address it serves on; the preview of one region opens at its page.
    only = ((config["extra"] or {}).get(PREVIEW_KEY) or {}).get("only")
    address = str(config["site_url"] or "") + (f"{only}/" if only else "")
    state = _state(config)
    if address and not state["announced"]:
        state["announced"] = True
        log.info("Pratinjau siap: buka %s di peramban. Ctrl+C untuk berhenti.", address)
