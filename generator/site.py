"""The pipeline: check → render → write → MkDocs, with Pagefind indexing the rendered pages meanwhile. Nothing
is written unless every region is valid."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import processes, urls, validate
from generator.errors import DataError, Problem, PublishError
from generator.model import Dataset
from generator.published import Published, missing, read_published, register_edits

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.templating import Page
from generator.settings import load_settings, read_config
from generator.write import WriteReport, is_temporary, read_manifest, write_pages


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


PACKAGE = Path(__file__).resolve().parent
THEME = PACKAGE / "theme"
"""The theme (Material's ``custom_dir``), shipped in the package."""
PAGE_HOOK = PACKAGE / "mkdocs_pages.py"
"""The MkDocs hook that passes generated HTML pages through (mkdocs.yml ``hooks:``)."""


def engine_overrides(project: Project) -> dict[str, Any]:
    """MkDocs settings that point at this package's theme and page hook where mkdocs.yml names
    ``generator/theme`` or ``generator/mkdocs_pages.py`` and there is no such path beside it: a project
    set up around an installed package rather than a checkout. Empty in a checkout."""
    config = read_config(project.config)
    here = project.config.parent
    overrides: dict[str, Any] = {}
    theme = config.get("theme")
    if isinstance(theme, dict) and Path(str(theme.get("custom_dir", ""))).name == THEME.name \
            and not (here / str(theme["custom_dir"])).is_dir():
        overrides["theme"] = {**theme, "custom_dir": str(THEME)}
    hooks = [str(h) for h in config.get("hooks") or []]
    if any(Path(h).name == PAGE_HOOK.name and not (here / h).is_file() for h in hooks):
        overrides["hooks"] = [str(PAGE_HOOK) if Path(h).name == PAGE_HOOK.name else h for h in hooks]
    return overrides


ENGINES = ("mkdocs", "properdocs")
"""What builds the site from mkdocs.yml: MkDocs 1.6 (pinned), or ProperDocs, its maintained drop-in
fork (README "Engine policy"; tests/test_engines.py proves it builds the same pages)."""


def use_engine(engine: str) -> None:
    """Make ``engine`` the one every later ``mkdocs.*`` import of this process gets (ours and Material's).
    ProperDocs redirects those imports to itself, so this must run before anything imports MkDocs."""
    if engine == "mkdocs":
        return
    loaded = sorted(name for name in sys.modules if name == "mkdocs" or name.startswith("mkdocs."))
    try:
        import properdocs.replacement  # noqa: F401  (redirects mkdocs.* to properdocs.*)
    except ImportError as exc:
        raise PublishError("ProperDocs tidak terpasang (pasang dengan: pip install 'properdocs==1.6.7')") from exc
    mixed = [name for name in loaded if not getattr(sys.modules[name], "__name__", "").startswith("properdocs")]
    if mixed:
        raise PublishError(f"MkDocs sudah dimuat ({mixed[0]}); mesin ProperDocs harus dipilih sebelumnya")


def check(project: Project, today: dt.date, only: str | None = None) -> validate.Result:
    """Validate the data directory."""
    return validate.load_dataset(project.regions, project.regions_display, validate.Options(today), only)


@dataclass(frozen=True)
class Generated:
    """What writing the pages did, and which URLs they add to what was published."""

    report: WriteReport
    """Pages written, unchanged, removed."""
    new_urls: tuple[str, ...] = ()
    """Page URLs not published before, sorted: what ``record-urls`` adds once this site is deployed
    from the default branch (none for a single region's preview)."""


BeforeWrite = Callable[[Sequence["Page"], frozenset[str]], None]
"""Called with the rendered pages and every path of content/ that is the generator's (written before or
now) once the URL checks have passed, before any page is written: the build starts its search index
there (``SearchStart``) and cancels it if the writer then refuses."""


def generate(project: Project, dataset: Dataset, today: dt.date, only: str | None = None,
             published: Published | None = None, before_write: BeforeWrite | None = None) -> Generated:
    """Write the pages of a validated dataset into ``content/``; with ``only``, just that region's.

    ``published`` says which URLs must keep answering (default: the data folder's register file); the
    register itself is never written here, so a build or a preview cannot change what counts as published.
    """
    from generator import render  # Jinja is not needed by a plain check

    settings = load_settings(project.config)
    if only is None:
        if published is None:
            published = read_published(project.regions, project.regions_display)
        pages = render.render_site(dataset, today, settings, sorted(published.urls))
        ours = frozenset(read_manifest(project.content) | {p.path for p in pages})
        produced = _check_urls(project, dataset, pages, _hand_written(project.content, ours), published)
        if before_write is not None:
            before_write(pages, ours)
        return Generated(write_pages(project.content, pages), tuple(sorted(produced - published.urls)))
    # As in the full build: a published address of a section with nothing to show keeps answering.
    renderer = render.Renderer(today, settings, read_published(project.regions, project.regions_display).urls)
    pages = [page for region in dataset.regions for page in renderer.region_pages(region)]
    return Generated(write_pages(project.content, pages, scope=only))


def _hand_written(content: Path, ours: frozenset[str]) -> list[str]:
    """Pages in content/ that are not the generator's (guide, about); ``ours``: what it wrote before and
    writes now."""
    found = (p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    return sorted(p for p in found if p not in ours and not p.startswith("."))


def _check_urls(project: Project, dataset: Dataset, pages: list[Page], hand_written: list[str],
                published: Published) -> set[str]:
    """The page URLs the site will have; refuses a build that would drop a published URL, a removal
    notice over a live page, or a register this branch edited itself."""
    problems = []
    live = {p.path for p in pages if p.kind != "notice"}
    for removal in dataset.removed:
        if urls.path_of(removal.url) in live:
            problems.append(Problem(f"{project.regions_display}/dihapus.yaml", *removal.marks["url"], "error",
                                    f"url: {removal.url} masih diterbitkan; hapus butir ini dari dihapus.yaml"))
    produced = {urls.url_of(p.path) for p in pages if p.path.endswith(".md")}
    produced |= {urls.url_of(p) for p in hand_written}
    problems += register_edits(published)
    problems += missing(published, produced)
    if problems:
        raise DataError(problems)
    return produced


def check_and_generate(project: Project, today: dt.date, strict: bool = False,
                       only: str | None = None) -> Generated:
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


def _beside(site_dir: Path, suffix: str) -> Path:
    """A work folder next to the site folder: the site being built (``.baru``), the search index (``.cari``)."""
    site_dir = site_dir.absolute()
    return site_dir.with_name(site_dir.name + suffix)


def _staging(site_dir: Path) -> Path:
    return _beside(site_dir, ".baru")


def _load_config(project: Project, strict: bool, site_dir: Path) -> MkDocsConfig:
    from mkdocs.config import load_config

    # An absolute site_dir: MkDocs would take a relative one from mkdocs.yml's folder.
    return load_config(str(project.config), strict=strict, site_dir=str(_staging(site_dir)),
                       **engine_overrides(project))


class SearchStart:
    """Starts the search index from the rendered pages, before they are written (``generate``'s
    ``before_write``): the index is then made while the pages are written and MkDocs builds, instead of
    after the writing. Hand it to ``mkdocs_build``; ``cancel`` it when the build stops before that."""

    def __init__(self, project: Project, strict: bool, site_dir: Path, verbose: bool) -> None:
        self.project, self.strict, self.site_dir, self.verbose = project, strict, site_dir, verbose
        self.index: _SearchIndex | None = None

    def __call__(self, pages: Sequence[Page], generated: frozenset[str]) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return  # mkdocs_build indexes the built site
        previous = logging.root.manager.disable
        logging.disable(logging.CRITICAL)  # mkdocs_build loads the configuration again and reports its problems
        try:
            config = _load_config(self.project, self.strict, self.site_dir)
        except Exception:
            return  # mkdocs_build reports it
        finally:
            logging.disable(previous)
        self.index = _SearchIndex.start(config, _search_work(self.site_dir), self.verbose,
                                        _Rendered(pages, generated))

    def cancel(self) -> None:
        """Stop the index unless ``mkdocs_build`` has taken it over (then it does nothing)."""
        if self.index is not None:
            self.index.cancel()
            self.index = None


def _search_work(site_dir: Path) -> Path:
    return _beside(site_dir, ".cari")


def mkdocs_build(project: Project, strict: bool, site_dir: Path, verbose: bool = False,
                 early: SearchStart | None = None) -> None:
    """Run MkDocs into a fresh folder and index it for search, then swap it in, so readers never see a
    half-built site (nor one without its search). ``early``: the search index was started already."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.absolute()
    staging = _staging(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    logger = logging.getLogger("mkdocs")
    handler = _MkDocsLog(verbose)
    logger.addHandler(handler)
    # Not DEBUG unless asked: MkDocs only checks the anchors of Markdown links above DEBUG.
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    search = None
    if early is not None:  # taken over: from here on this function finishes or cancels it
        search, early.index = early.index, None
    try:
        config = _load_config(project, strict, site_dir)
        if early is None:
            search = _SearchIndex.start(config, _search_work(site_dir), verbose)
        build(config)
    except BaseException as exc:  # also Ctrl-C: no half-made index or site is left behind
        if search is not None:
            search.cancel()
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, MkDocsException):
            raise PublishError(f"MkDocs gagal: {exc}") from exc
        raise
    finally:
        logger.removeHandler(handler)
    try:
        if search is None:
            pagefind_index(staging, verbose)
        else:
            search.finish(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = _beside(site_dir, ".lama")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


class _SearchIndex:
    """The search index, built while MkDocs builds the site (MkDocs uses one core; Pagefind the others).

    A forked process writes, for every page the site will have and search indexes, a small HTML file
    at the page's place holding the article exactly as the built page will hold it (generated pages
    pass through MkDocs unchanged; hand-written ones are rendered by MkDocs' own Page), then runs
    Pagefind on those files. A test proves the index equals the one Pagefind makes from the built site.
    """

    def __init__(self, work: Path, process: multiprocessing.process.BaseProcess) -> None:
        self.work = work
        self.process = process

    @classmethod
    def start(cls, config: MkDocsConfig, work: Path, verbose: bool,
              rendered: _Rendered | None = None) -> _SearchIndex | None:
        """Start indexing in a forked process; None where processes cannot be forked. ``rendered``: the
        generated pages and the generator's paths, when content/ is still being written."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        process = multiprocessing.get_context("fork").Process(target=_index_articles,
                                                              args=(config, work, verbose, os.getpid(), rendered))
        process.start()
        return cls(work, process)

    def finish(self, staging: Path) -> None:
        """Wait for the index and put it into the built site as ``pagefind/``."""
        try:
            self.process.join()
        except BaseException:
            self.cancel()
            raise
        try:
            error = (self.work / _SEARCH_RESULT).read_text(encoding="utf-8")
        except FileNotFoundError:
            error = f"proses pembuat indeks berhenti (kode {self.process.exitcode})"
        try:
            if error:
                raise PublishError(error)
            (self.work / "pagefind").rename(staging / "pagefind")
        finally:
            shutil.rmtree(self.work, ignore_errors=True)

    def cancel(self) -> None:
        """Stop indexing (the build failed): the forked process and the Pagefind it started."""
        if self.process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # its own process group (_index_articles)
        self.process.kill()  # in case it had not made its group yet (then it had not started Pagefind)
        self.process.join()
        shutil.rmtree(self.work, ignore_errors=True)


_SEARCH_RESULT = "hasil.txt"


@dataclass(frozen=True)
class _Rendered:
    """What the search indexer takes from memory while content/ is being written."""

    pages: Sequence[Page]
    """The generated pages."""
    generated: frozenset[str]
    """Every path of content/ that is the generator's, written before or now: never read from disk."""


def _index_articles(config: MkDocsConfig, work: Path, verbose: bool, parent: int, rendered: _Rendered | None) -> None:
    """In the forked process: write the articles, index them, and leave the outcome in a file."""
    processes.die_with_parent(parent)  # a killed build leaves no indexer (and so no Pagefind) running
    os.setpgid(0, 0)  # a process group of its own with Pagefind, so a failed build can stop both
    logging.disable(logging.CRITICAL)  # MkDocs' build reports the pages' problems; this would repeat them
    try:
        _write_articles(config, work / "halaman", rendered)
        pagefind_index(work / "halaman", verbose, output=work / "pagefind")
        shutil.rmtree(work / "halaman")  # here, while MkDocs may still be building: the parent waits less
        outcome = ""
    except PublishError as exc:
        outcome = str(exc)
    except Exception as exc:  # reported to the parent, which fails the build
        outcome = f"indeks pencarian gagal dibuat: {exc!r}"
    (work / _SEARCH_RESULT).write_text(outcome, encoding="utf-8")


def _write_articles(config: MkDocsConfig, target: Path, rendered: _Rendered | None = None) -> None:
    """Each searchable page's article, as generator/theme/main.html and Material's content partial
    put it in the built page: the page's own title for the result, an h1 when the page has none.
    With ``rendered``, the generated pages come from memory (content/ is being written meanwhile)."""
    from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.pages import Page

    from generator.mkdocs_pages import HTML_FORMAT, front_matter

    files = get_files(config)
    generated: dict[str, bytes] = {}
    if rendered is not None:
        # Hand-written pages and files from content/ (the writer never touches them), the generator's
        # from memory: on disk they may be half written, or about to be removed.
        generated = {p.path: p.data for p in rendered.pages}
        files = Files([f for f in files if f.src_uri not in rendered.generated and not is_temporary(f.src_uri)]
                      + [File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
                         for path in sorted(generated)])
    set_exclusions(files, config)
    language = config.theme["language"]
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        data = generated.get(file.src_uri)
        if data is not None:
            file.content_string = data.decode("utf-8-sig")  # what Page.read_source reads, if it does
        source = file.content_string
        body, front = front_matter(source)
        if "noindex" in str(front.get("robots") or ""):
            continue
        page = Page(None, file, config)
        if front.get("format") == HTML_FORMAT:
            content = body
        else:
            page.read_source(config)
            page.render(config, files)
            content = page.content or ""
        if "<h1" not in content:
            content = f"<h1>{page.title or config.site_name}</h1>" + content
        title = front.get("title")
        meta_title = f' data-pagefind-meta="title[data-mp-title]" data-mp-title="{title}"' if title else ""
        out = target / file.dest_uri
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8"></head><body>'
                       f"<article data-pagefind-body{meta_title}>{content}</article></body></html>\n",
                       encoding="utf-8")


PAGEFIND_ARGS = ("--exclude-selectors", ".headerlink")
"""Pagefind indexes only the articles marked ``data-pagefind-body`` (generator/theme/main.html), in
the language of ``<html lang>`` (``id``: Indonesian stemming); the headings' "¶" links are left out."""


def pagefind_index(site: Path, verbose: bool = False, output: Path | None = None) -> None:
    """Write the search index and its scripts into ``site/pagefind/`` (or ``output``) with Pagefind
    (PyPI ``pagefind[bin]``)."""
    bundle = output or site / "pagefind"
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle), *PAGEFIND_ARGS]
    try:
        proc = subprocess.run(processes.with_parent(command), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PublishError(f"Pagefind tidak dapat dijalankan: {exc}") from exc
    log = (proc.stdout + proc.stderr).strip()
    if verbose and log:
        print(log, file=sys.stderr)
    if proc.returncode != 0:
        detail = "\n".join(log.splitlines()[-15:]) or "tanpa keluaran"
        hint = " (pasang dengan: pip install 'pagefind[bin]==1.5.2')" if "No module named" in log else ""
        raise PublishError(f"Pagefind gagal membuat indeks pencarian{hint} (kode {proc.returncode}):\n{detail}")
    entry = bundle / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    except (OSError, ValueError) as exc:
        raise PublishError(f"Pagefind tidak menulis {entry.name}: {exc}") from exc
    # Without any data-pagefind-body, Pagefind would index every page whole: header, menus and all.
    pages = sum(int(lang.get("page_count", 0)) for lang in languages.values())
    if pages == 0 or "Did not find a data-pagefind-body" in log:
        raise PublishError("Pagefind tidak menemukan isi halaman untuk diindeks (elemen data-pagefind-body "
                           "dari generator/theme/main.html):\n" + log)
