"""The pipeline: check → render → write → MkDocs → Pagefind. Nothing is written unless every region is valid."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator import urls, validate
from generator.errors import DataError, Problem, PublishError
from generator.model import Dataset

if TYPE_CHECKING:
    from generator.render import Page
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
        register = project.regions / urls.REGISTER_NAME
        pages = render.render_site(dataset, today, settings, urls.read_register(register))
        _check_urls(project, dataset, pages, register)
        report = write_pages(project.content, pages)
        published = {urls.url_of(p) for p in _hand_written(project.content, {p.path for p in pages})}
        urls.write_register(register, published | {urls.url_of(p.path) for p in pages if p.path.endswith(".md")})
        return report
    renderer = render.Renderer(today, settings)
    pages = [page for region in dataset.regions for page in renderer.region_pages(region)]
    return write_pages(project.content, pages, scope=only)


def copy_project(root: Path, target: Path) -> None:
    """Copy a project's mkdocs.yml and hand-written content (never generated pages) into ``target``,
    with ``generator/`` linked for the theme: a throw-away project for tests and benchmarks."""
    from generator.write import read_manifest

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


def _hand_written(content: Path, generated: set[str]) -> list[str]:
    """Pages in content/ that the generator did not write (guide, about)."""
    from generator.write import read_manifest

    ours = read_manifest(content) | generated
    found = (p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    return sorted(p for p in found if p not in ours and not p.startswith("."))


def _check_urls(project: Project, dataset: Dataset, pages: list[Page], register: Path) -> None:
    """Refuse a build that would drop a published URL, or a removal notice over a live page."""
    problems = []
    live = {p.path for p in pages if p.kind != "notice"}
    for removal in dataset.removed:
        if urls.path_of(removal.url) in live:
            problems.append(Problem(f"{project.regions_display}/dihapus.yaml", *removal.marks["url"], "error",
                                    f"url: {removal.url} masih diterbitkan; hapus butir ini dari dihapus.yaml"))
    produced = {urls.url_of(p.path) for p in pages if p.path.endswith(".md")}
    produced |= {urls.url_of(p) for p in _hand_written(project.content, {p.path for p in pages})}
    problems += urls.missing(register, f"{project.regions_display}/{urls.REGISTER_NAME}", produced)
    if problems:
        raise DataError(problems)


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
    """Run MkDocs into a fresh folder and index it for search, then swap it in, so readers never see a
    half-built site (nor one without its search)."""
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
    try:
        pagefind_index(staging, verbose)
    except PublishError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = site_dir.with_name(site_dir.name + ".lama")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


PAGEFIND_ARGS = ("--exclude-selectors", ".headerlink")
"""Pagefind indexes only the articles marked ``data-pagefind-body`` (generator/theme/main.html), in
the language of ``<html lang>`` (``id``: Indonesian stemming); the headings' "¶" links are left out."""


def pagefind_index(site: Path, verbose: bool = False) -> None:
    """Write the search index and its scripts into ``site/pagefind/`` with Pagefind (PyPI ``pagefind[bin]``)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), *PAGEFIND_ARGS]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PublishError(f"Pagefind tidak dapat dijalankan: {exc}") from exc
    output = (proc.stdout + proc.stderr).strip()
    if verbose and output:
        print(output, file=sys.stderr)
    if proc.returncode != 0:
        detail = "\n".join(output.splitlines()[-15:]) or "tanpa keluaran"
        hint = " (pasang dengan: pip install 'pagefind[bin]==1.5.2')" if "No module named" in output else ""
        raise PublishError(f"Pagefind gagal membuat indeks pencarian{hint} (kode {proc.returncode}):\n{detail}")
    entry = site / "pagefind" / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    except (OSError, ValueError) as exc:
        raise PublishError(f"Pagefind tidak menulis {entry.name}: {exc}") from exc
    # Without any data-pagefind-body, Pagefind would index every page whole: header, menus and all.
    pages = sum(int(lang.get("page_count", 0)) for lang in languages.values())
    if pages == 0 or "Did not find a data-pagefind-body" in output:
        raise PublishError("Pagefind tidak menemukan isi halaman untuk diindeks (elemen data-pagefind-body "
                           "dari generator/theme/main.html):\n" + output)
