"""MkDocs hooks used by ``masterplan serve``: regenerate pages before each rebuild, index them for
search after it.

Pages are written before MkDocs reads its files and only when their bytes change, so the rebuild
that a YAML edit triggers settles after one extra pass instead of looping (mkdocs#1933). Invalid
data is reported and the pages already written stay as they were.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from generator import site
from generator.errors import DataError, PublishError

log = logging.getLogger("mkdocs.masterplan")


def on_pre_build(config: Any) -> None:
    """Regenerate ``content/`` from the data directory named by ``masterplan serve``."""
    regions = Path(os.environ.get("MASTERPLAN_REGIONS", "regions"))
    only = os.environ.get("MASTERPLAN_ONLY") or None
    project = site.Project(regions, str(regions), Path(config["config_file_path"]))
    try:
        report = site.check_and_generate(project, site.build_date(), only=only)
    except DataError as exc:
        for problem in exc.problems:
            log.warning(problem.format_text())
        log.warning("Data tidak valid: halaman lama tetap dipakai.")
        return
    if report.written or report.removed:
        log.info("Halaman dibuat ulang: %d ditulis, %d dihapus.", len(report.written), len(report.removed))


def on_post_build(config: Any) -> None:
    """Index the preview for search with Pagefind, as ``masterplan build`` does; if that fails the
    preview works on without search."""
    try:
        site.pagefind_index(Path(config["site_dir"]))
    except PublishError as exc:
        log.warning("Pencarian tidak tersedia di pratinjau: %s", exc)
