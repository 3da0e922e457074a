"""The ``masterplan`` command: parse arguments, call the library, turn errors into exit codes."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator import validate
from generator.errors import MasterplanError, Problem

REGIONS_OPTION = click.option(
    "--regions", "regions_dir", default="regions", show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder data wilayah (satu subfolder per kabupaten/kota).",
)


def _today() -> dt.date:
    return dt.date.today()


def _existing_dir(regions_dir: str) -> Path:
    path = Path(regions_dir)
    if not path.is_dir():
        raise click.UsageError(f"folder data {regions_dir!r} tidak ada")
    return path


def run_check(regions_dir: str, strict: bool, output_format: str, only: str | None = None) -> validate.Result:
    """Check the data and print one line per problem plus a summary; used by check, generate and build."""
    root = _existing_dir(regions_dir)
    result = validate.load_dataset(root, regions_dir.rstrip("/") or ".", validate.Options(today=_today()), only)
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
    return f"Valid: {counts}, {result.warnings} peringatan."


def _failed(result: validate.Result, strict: bool) -> bool:
    return result.dataset is None or (strict and result.warnings > 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    result = run_check(regions_dir, strict, output_format)
    sys.exit(1 if _failed(result, strict) else 0)


def main() -> None:
    """Entry point of the console script."""
    try:
        cli.main(prog_name="masterplan")
    except MasterplanError as exc:  # pragma: no cover - each command handles its own
        click.echo(f"galat: {exc}", err=True)
        sys.exit(1)
