"""Shared helpers for tests that build pages or whole sites in a temporary project."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from generator import site, validate
from generator.model import Dataset
from generator.write import read_manifest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_REGIONS = ROOT / "tests" / "data" / "golden" / "regions"
TODAY = dt.date(2026, 11, 22)


def load(regions: Path, today: dt.date = TODAY) -> Dataset:
    """Load a data directory that must be valid."""
    result = validate.load_dataset(regions, str(regions), validate.Options(today))
    assert result.dataset is not None, [p.format_text() for p in result.problems]
    return result.dataset


def copy_project(root: Path, target: Path) -> None:
    """Copy a project's mkdocs.yml and hand-written content (never generated pages) into ``target``,
    with ``generator/`` linked for the theme: a throw-away project for tests and benchmarks."""
    content = root / "content"
    generated = read_manifest(content)
    (target / "content").mkdir(parents=True)
    shutil.copy(root / "mkdocs.yml", target / "mkdocs.yml")
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content).as_posix()
        if path.is_file() and relative not in generated and not relative.startswith("."):
            (target / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target / "content" / relative)
    (target / "generator").symlink_to(root / "generator")


def make_project(tmp: Path, regions: Path) -> site.Project:
    """A throw-away copy of the site project (config, hand-written pages, theme) around a data directory."""
    copy_project(ROOT, tmp)
    target = tmp / "regions"
    shutil.copytree(regions, target)
    return site.Project(target, "regions", tmp / "mkdocs.yml")
