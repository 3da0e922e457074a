"""The ``masterplan`` command: parse arguments, call the library, turn errors into exit codes."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from generator import changes, changes_output, click_id, published, scaffold, site, validate
from generator.errors import DataError, MasterplanError, Problem, PublishError
from generator.gitsource import GitError
from generator.settings import Settings, load_settings, read_config

click_id.install()  # before the decorators below, which already read some of click's texts

REGIONS_OPTION = click.option(
    "--regions", "regions_dir", default="regions", show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder data wilayah (satu subfolder per kabupaten/kota).",
)


def _existing_dir(regions_dir: str) -> Path:
    path = Path(regions_dir)
    if not path.is_dir():
        raise click.UsageError(f'folder data "{regions_dir}" tidak ada di {Path.cwd()}; jalankan masterplan dari '
                               "folder proyek (yang berisi regions/ dan mkdocs.yml), atau sebutkan folder datanya "
                               "dengan --regions FOLDER")
    return path


def run_check(regions_dir: str, today: dt.date, strict: bool, output_format: str, only: str | None = None,
              keep_model: bool = True) -> validate.Result:
    """Check the data and print one line per problem plus a summary; used by check, generate and build."""
    root = _existing_dir(regions_dir)
    options = validate.Options(today=today)
    result = validate.load_dataset(root, regions_dir.rstrip("/") or ".", options, only, keep_model)
    fmt = Problem.format_github if output_format == "github" else Problem.format_text
    for problem in result.problems:
        shown = problem if not (strict and problem.severity == "warning") else Problem(
            problem.path, problem.line, problem.col, "error", problem.message)
        click.echo(fmt(shown))
    click.echo(_summary(result, strict), err=output_format == "github")
    return result


def _summary(result: validate.Result, strict: bool) -> str:
    counts = f"{result.region_count} wilayah, {result.program_count} program"
    if result.errors or (strict and result.warnings):
        errors = result.errors + (result.warnings if strict else 0)
        warnings = 0 if strict else result.warnings
        return f"Gagal: {errors} galat, {warnings} peringatan ({counts} diperiksa)."
    summary = f"Valid: {counts}, {result.warnings} peringatan."
    if result.warnings:
        # CI checks with --strict: "Valid" alone would let an editor open a pull request that fails.
        summary += (" CI memeriksa dengan --strict dan akan gagal karena peringatan itu: perbaiki, lalu "
                    "periksa lagi dengan masterplan check --strict.")
    return summary


def _failed(result: validate.Result, strict: bool) -> bool:
    return not result.valid or (strict and result.warnings > 0)


class _Command(click.Command):
    """A command whose usage line names its options in Indonesian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    """The ``masterplan`` group: Indonesian placeholders in usage lines, for itself and every command."""

    command_class = _Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        kwargs.setdefault("subcommand_metavar", "PERINTAH [ARGUMEN]...")
        super().__init__(*args, **kwargs)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="masterplan-publisher")
def cli() -> None:
    """Validasi masterplan smart city dan terbitkan sebagai situs web."""


@cli.command()
@REGIONS_OPTION
@click.option("--strict", is_flag=True, help="Peringatan dianggap galat.")
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text",
              show_default=True, help="text: path:baris:kolom; github: anotasi GitHub Actions.")
def check(regions_dir: str, strict: bool, output_format: str) -> None:
    """Periksa semua data wilayah dan laporkan setiap kesalahan beserta letaknya."""
    result = run_check(regions_dir, site.build_date(), strict, output_format, keep_model=False)
    sys.exit(1 if _failed(result, strict) else 0)


def _project(regions_dir: str, config: str) -> site.Project:
    config_path = Path(config)
    if not config_path.is_file():
        raise click.UsageError(f"berkas konfigurasi {config!r} tidak ada")
    return site.Project(_existing_dir(regions_dir), regions_dir.rstrip("/") or ".", config_path)


CONFIG_OPTION = click.option("--config", "config", default="mkdocs.yml", show_default=True,
                             help="Berkas konfigurasi MkDocs.")


PUBLISHED_OPTION = click.option(
    "--published", "published_ref", metavar="REF", default=None,
    help="Revisi git cabang utama, mis. origin/main: setiap alamat di published-urls.txt cabang itu harus "
         "tetap ada, dan cabang ini tidak boleh mengubah berkas itu. Tanpa opsi ini: berkas "
         "published-urls.txt di folder data. Dipakai CI; memerlukan seluruh riwayat git.")


def _site_url_note(project: site.Project) -> None:
    """Say so when the build does not know the site's public address (and so leaves out what needs it)."""
    from generator.settings import NO_SITE_URL_NOTE, load_settings

    try:
        known = bool(load_settings(project.config).site_url)
    except PublishError:
        return  # the build itself reports an unreadable configuration
    if not known:
        click.echo(NO_SITE_URL_NOTE, err=True)


def _generate(project: site.Project, today: dt.date, strict: bool, only: str | None = None,
              published_ref: str | None = None, before_write: site.BeforeWrite | None = None) -> site.Generated:
    """Check and write the pages, or exit with the problems."""
    result = run_check(project.regions_display, today, strict, "text", only)
    if _failed(result, strict):
        click.echo("Tidak ada yang ditulis: perbaiki galat di atas lalu jalankan lagi.", err=True)
        sys.exit(1)
    assert result.dataset is not None
    known = None
    try:
        if only is None:
            known = published.read_published(project.regions, project.regions_display, published_ref)
        generated = site.generate(project, result.dataset, today, only, known, before_write)
    except DataError as exc:
        for problem in exc.problems:
            click.echo(problem.format_text())
        click.echo("Tidak ada yang ditulis: perbaiki galat di atas lalu jalankan lagi.", err=True)
        sys.exit(1)
    except PublishError as exc:
        click.echo(f"galat: {exc}", err=True)
        sys.exit(1)
    report = generated.report
    click.echo(f"Halaman: {len(report.written)} ditulis, {report.unchanged} tidak berubah, "
               f"{len(report.removed)} dihapus.")
    return generated


@cli.command()
@REGIONS_OPTION
@CONFIG_OPTION
@click.option("--strict", is_flag=True, help="Peringatan dianggap galat.")
@PUBLISHED_OPTION
def generate(regions_dir: str, config: str, strict: bool, published_ref: str | None) -> None:
    """Periksa data lalu tulis halaman ke content/ (hanya yang berubah)."""
    project = _project(regions_dir, config)
    _generate(project, site.build_date(), strict, published_ref=published_ref)
    _site_url_note(project)


@cli.command()
@REGIONS_OPTION
@CONFIG_OPTION
@click.option("--strict", is_flag=True, help="Peringatan data dan MkDocs dianggap galat.")
@click.option("--site-dir", default="site", show_default=True, help="Folder hasil situs.")
@PUBLISHED_OPTION
@click.option("-v", "--verbose", is_flag=True, help="Tampilkan semua pesan MkDocs.")
@click.option("--engine", type=click.Choice(site.ENGINES), default="mkdocs", show_default=True,
              help="Pembangun situs: MkDocs 1.6, atau ProperDocs, penerusnya yang masih dipelihara.")
def build(regions_dir: str, config: str, strict: bool, site_dir: str, published_ref: str | None, verbose: bool,
          engine: str) -> None:
    """Periksa data, tulis halaman, lalu bangun situs lengkap dengan MkDocs."""
    try:
        site.use_engine(engine)
    except PublishError as exc:
        click.echo(f"galat: {exc}", err=True)
        sys.exit(1)
    project = _project(regions_dir, config)
    # The search index starts from the rendered pages while they are written and MkDocs builds.
    search = site.SearchStart(project, strict, Path(site_dir), verbose)
    try:
        generated = _generate(project, site.build_date(), strict, published_ref=published_ref, before_write=search)
        _site_url_note(project)
        site.mkdocs_build(project, strict, Path(site_dir), verbose, search)
    except PublishError as exc:
        click.echo(f"galat: {exc}", err=True)
        sys.exit(1)
    finally:  # also the exit after a located problem, or Ctrl-C: no indexer is left running
        search.cancel()  # (nothing to do once mkdocs_build has taken the index over)
    click.echo(f"Situs selesai dibangun di {site_dir}/.")
    if generated.new_urls:
        # Exactly what `record-urls` will add once this site is deployed from the default branch.
        register = f"{project.regions_display}/{published.REGISTER_NAME}"
        click.echo(f"Alamat baru ({len(generated.new_urls)}), dicatat di {register} saat situs ini diterbitkan "
                   "dari cabang utama; sebelum itu masih boleh diganti:")
        for url in generated.new_urls:
            click.echo(f"  + {url}")


@cli.command("record-urls")
@REGIONS_OPTION
@click.option("--site-dir", default="site", show_default=True, help="Folder situs yang baru saja diterbitkan.")
def record_urls(regions_dir: str, site_dir: str) -> None:
    """Catat alamat situs yang baru diterbitkan ke published-urls.txt (hanya untuk proses terbit di cabang utama)."""
    register = _existing_dir(regions_dir) / published.REGISTER_NAME
    try:
        added = published.record(register, Path(site_dir))
    except PublishError as exc:
        click.echo(f"galat: {exc}", err=True)
        sys.exit(1)
    shown = f"{regions_dir.rstrip('/') or '.'}/{published.REGISTER_NAME}"
    if not added:
        click.echo(f"Tidak ada alamat baru; {shown} tidak berubah.")
        return
    click.echo(f"{len(added)} alamat baru dicatat di {shown}:")
    for url in added:
        click.echo(f"  + {url}")


@cli.command()
@REGIONS_OPTION
@CONFIG_OPTION
@click.option("--region", "region", default=None, help="Pratinjau satu wilayah saja (slug), lebih cepat.")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Alamat server pratinjau.")
def serve(regions_dir: str, config: str, region: str | None, dev_addr: str) -> None:
    """Pratinjau situs di komputer sendiri; halaman dibuat ulang saat berkas YAML berubah."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator import mkdocs_hooks

    project = _project(regions_dir, config)
    if not dev_addr.startswith(("127.0.0.1:", "localhost:")):
        raise click.UsageError("server pratinjau hanya boleh di 127.0.0.1")
    if region is not None and not (project.regions / region).is_dir():
        known = ", ".join(f.name for f in validate.region_folders(project.regions))
        raise click.UsageError(f'wilayah "{region}" tidak ada di {project.regions_display}/; pilih salah satu: {known}')
    today = site.build_date()
    _generate(project, today, False, region)
    # The preview's hook is told what to regenerate in the configuration MkDocs hands it (mkdocs_hooks.py).
    extra = dict(read_config(project.config).get("extra") or {})
    extra[mkdocs_hooks.PREVIEW_KEY] = mkdocs_hooks.preview_settings(project.regions.resolve(), region, today)
    extra[mkdocs_hooks.STATE_KEY] = mkdocs_hooks.preview_state()
    # The hooks' messages (invalid data, valid again, the address) on stderr, without MkDocs' English chatter.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    hook_log = logging.getLogger("mkdocs.masterplan")
    hook_log.addHandler(handler)
    hook_log.setLevel(logging.INFO)
    hook_log.propagate = False
    click.echo("Membangun pratinjau; alamatnya muncul di sini bila sudah siap.", err=True)
    # Passing hooks replaces mkdocs.yml's list: keep the page hook it names, add the preview's own.
    hooks = [str(site.PAGE_HOOK), str(Path(mkdocs_hooks.__file__).resolve())]
    options: dict[str, Any] = {**site.engine_overrides(project), "extra": extra, "hooks": hooks}
    if region:
        # MkDocs would warn (in English) about every link to the national pages, which are not built here.
        quiet = OtherPagesFilter(region)
        logging.getLogger("mkdocs.structure.nav").addFilter(quiet)
        hook_log.addFilter(quiet)
        click.echo("Pratinjau satu wilayah: halaman nasional dan wilayah lain tidak dibuat, jadi tautan ke sana "
                   "tidak terbuka di pratinjau.", err=True)
        # Only this region's pages are built (and the national and hand-written ones): other regions'
        # pages left in content/ by an earlier full build would make each rebuild take the full site's time.
        options["exclude_docs"] = f"/kabupaten-*/\n/kota-*/\n!/{region}/\n"
    mkdocs_serve(str(project.config), dev_addr=dev_addr, watch=[str(project.regions)], **options)
    click.echo("Pratinjau dihentikan.", err=True)


class OtherPagesFilter(logging.Filter):
    """Drops MkDocs' warnings about pages outside the previewed region: expected when only it is built."""

    def __init__(self, region: str) -> None:
        super().__init__()
        self.region = region

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every message but those about the national or other regions' pages."""
        text = record.getMessage()
        if "is included in the 'nav' configuration, which is not found" in text:
            return False
        target = re.search(r"but the target '([^']*)' is not a page or file of the site", text)
        return target is None or target[1].startswith(self.region + "/")


@cli.command()
@click.argument("kode_wilayah")
@REGIONS_OPTION
@CONFIG_OPTION
def new(kode_wilayah: str, regions_dir: str, config: str) -> None:
    """Buat folder wilayah baru dari daftar Kemendagri, mis. masterplan new 33.76."""
    try:
        # The guide's address in the new files' comment: this deployment's, when its mkdocs.yml is here.
        site_url = load_settings(Path(config)).site_url if Path(config).is_file() else Settings.site_url
        folder = scaffold.new_region(Path(regions_dir), kode_wilayah, site.build_date(), site_url)
    except (scaffold.ScaffoldError, PublishError) as exc:
        click.echo(f"galat: {exc}", err=True)
        sys.exit(1)
    option = "" if regions_dir == "regions" else f" --regions {regions_dir}"
    click.echo(f"Wilayah baru dibuat di {folder}/. Lengkapi isinya, lalu jalankan: masterplan check --strict{option}")
    click.echo(f"Lewat lembar kerja: isi daftar opd di {folder}/masterplan.yaml, lalu jalankan "
               f"masterplan export {folder.name}{option}, bagikan berkas {folder.name}.xlsx ke OPD, "
               f"dan masukkan hasilnya dengan masterplan import {folder.name}.xlsx{option}")


@cli.command()
@click.argument("slug")
@REGIONS_OPTION
@click.option("--output", "-o", "output", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="Berkas hasil (.xlsx). Bawaan: <slug>.xlsx di folder kerja.")
def export(slug: str, regions_dir: str, output: str | None) -> None:
    """Tulis program satu wilayah sebagai lembar kerja Excel (.xlsx) untuk diisi OPD."""
    from generator import spreadsheet  # openpyxl and its imports cost half a second other commands need not pay

    root = _existing_dir(regions_dir)
    folder = root / slug
    if not folder.is_dir() or slug.startswith(".") or "/" in slug or "\\" in slug:
        raise click.UsageError(f"wilayah {slug!r} tidak ada di {regions_dir}/")
    target = Path(output or f"{slug}.xlsx")
    if target.suffix.lower() != ".xlsx":
        raise click.UsageError("berkas hasil harus berakhiran .xlsx")
    display = f"{regions_dir.rstrip('/') or '.'}/{slug}"
    try:
        count, problems = spreadsheet.export_region(folder, display, validate.Options(today=site.build_date()), target)
    except spreadsheet.SpreadsheetError as exc:
        click.echo(f"galat: {exc}", err=True)
        sys.exit(2)
    for problem in problems:
        click.echo(problem.format_text())
    if count is None:
        click.echo("Tidak ada yang ditulis: perbaiki galat di atas lalu jalankan lagi.", err=True)
        sys.exit(1)
    click.echo(f"Lembar kerja ditulis: {target} ({count} program).")


@cli.command("import")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=str))
@REGIONS_OPTION
@click.option("--region", "region", default=None,
              help="Folder wilayah tujuan (slug). Bawaan: yang tercatat di lembar Petunjuk.")
def import_(workbook: str, regions_dir: str, region: str | None) -> None:
    """Baca lembar kerja (.xlsx atau .ods), periksa, lalu tulis program.yaml bila semuanya benar."""
    from generator import spreadsheet

    root = _existing_dir(regions_dir)
    path = Path(workbook)
    if not path.is_file():
        raise click.UsageError(f"berkas {workbook!r} tidak ada")
    result = spreadsheet.import_workbook(path, workbook, root, regions_dir.rstrip("/") or ".",
                                         validate.Options(today=site.build_date()), region)
    for problem in result.problems:
        click.echo(problem.format_text())
    if result.target is None:
        click.echo(f"Gagal: {result.errors} galat, {result.warnings} peringatan. Tidak ada yang ditulis: "
                   "perbaiki lembar kerja lalu impor lagi.", err=True)
        sys.exit(1)
    state = "ditulis" if result.changed else "tidak berubah"
    click.echo(f"Valid: {result.program_count} program, {result.warnings} peringatan; {result.target} {state}.")


@cli.command()
@click.option("--base", "base", default=None, metavar="REF",
              help="Revisi git pembanding. Bawaan: titik cabang dari cabang utama (merge-base), atau HEAD.")
@click.option("--format", "output_format", type=click.Choice(sorted(changes_output.FORMATS)), default="text",
              show_default=True, help="text: untuk terminal; markdown: untuk pull request; json: untuk alat lain.")
@REGIONS_OPTION
def diff(base: str | None, output_format: str, regions_dir: str) -> None:
    """Laporkan apa yang diubah data kerja terhadap situs yang diterbitkan, dibanding revisi git."""
    root = _existing_dir(regions_dir)
    try:
        report = changes.compare(root, regions_dir.rstrip("/") or ".", base, site.build_date())
    except GitError as exc:
        raise click.UsageError(str(exc)) from exc
    for problem in report.problems:
        click.echo(problem.format_text(), err=True)
    click.echo(changes_output.FORMATS[output_format](report, os.environ.get("MASTERPLAN_SITE_URL") or None), nl=False)
    if not report.valid:
        click.echo("Data baru tidak valid: perbaiki galat di atas (masterplan check).", err=True)
        sys.exit(1)


def main() -> None:
    """Entry point of the console script."""
    try:
        cli.main(prog_name="masterplan")
    except MasterplanError as exc:  # pragma: no cover - each command handles its own
        click.echo(f"galat: {exc}", err=True)
        sys.exit(1)
