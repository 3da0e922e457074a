"""Shared helpers for tests that build pages or whole sites in a temporary project."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from generator import site, validate
from generator.model import Dataset

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_REGIONS = ROOT / "tests" / "data" / "golden" / "regions"
TODAY = dt.date(2026, 11, 22)


def load(regions: Path, today: dt.date = TODAY) -> Dataset:
    """Load a data directory that must be valid."""
    result = validate.load_dataset(regions, str(regions), validate.Options(today))
    assert result.dataset is not None, [p.format_text() for p in result.problems]
    return result.dataset


def make_project(tmp: Path, regions: Path) -> site.Project:
    """A throw-away copy of the site project (config, hand-written pages, theme) around a data directory."""
    site.copy_project(ROOT, tmp)
    target = tmp / "regions"
    shutil.copytree(regions, target)
    return site.Project(target, "regions", tmp / "mkdocs.yml")
