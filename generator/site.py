"""The pipeline: check → render → write → MkDocs. Nothing is written unless every region is valid."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from generator import validate
from generator.errors import DataError, PublishError
from generator.model import Dataset
from generator.settings import load_settings
from generator.write import WriteReport, write_pages


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH so a build can be reproduced byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except ValueError as exc:
            raise PublishError(f"SOURCE_DATE_EPOCH tidak sah: {epoch!r}") from exc
    return dt.date.today()


@dataclass(frozen=True)
class Project:
    """Where things are."""

    regions: Path
    """Data directory."""
    regions_display: str
    """How to show the data directory in messages."""
    config: Path
    """mkdocs.yml."""

    @property
    def content(self) -> Path:
        """MkDocs docs_dir (``content/`` beside mkdocs.yml)."""
        return self.config.parent / "content"


def check(project: Project, today: dt.date, only: str | None = None) -> validate.Result:
    """Validate the data directory."""
    return validate.load_dataset(project.regions, project.regions_display, validate.Options(today), only)


def generate(project: Project, dataset: Dataset, today: dt.date, only: str | None = None) -> WriteReport:
    """Write the pages of a validated dataset into ``content/``; with ``only``, just that region's."""
    from generator import render  # Jinja is not needed by a plain check

    settings = load_settings(project.config)
    if only is None:
        return write_pages(project.content, render.render_site(dataset, today, settings))
    renderer = render.Renderer(today, settings)
    pages = [page for region in dataset.regions for page in renderer.region_pages(region)]
    return write_pages(project.content, pages, scope=only)


def check_and_generate(project: Project, today: dt.date, strict: bool = False,
                       only: str | None = None) -> WriteReport:
    """Validate, then write; raises DataError and writes nothing when the data is not publishable."""
    result = check(project, today, only)
    if result.dataset is None or (strict and result.warnings):
        raise DataError(list(result.problems))
    return generate(project, result.dataset, today, only)


class _MkDocsLog(logging.StreamHandler):  # type: ignore[type-arg]
    """Show MkDocs' warnings on stderr; its INFO chatter is hidden unless asked for."""

    def __init__(self, verbose: bool) -> None:
        super().__init__(sys.stderr)
        self.setLevel(logging.DEBUG if verbose else logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))


def mkdocs_build(project: Project, strict: bool, site_dir: Path, verbose: bool = False) -> None:
    """Run MkDocs into a fresh folder, then swap it in, so readers never see a half-built site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    staging = site_dir.with_name(site_dir.name + ".baru")
    shutil.rmtree(staging, ignore_errors=True)
    logger = logging.getLogger("mkdocs")
    handler = _MkDocsLog(verbose)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        config = load_config(str(project.config), strict=strict, site_dir=str(staging))
        build(config)
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PublishError(f"MkDocs gagal: {exc}") from exc
    finally:
        logger.removeHandler(handler)
    old = site_dir.with_name(site_dir.name + ".lama")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
