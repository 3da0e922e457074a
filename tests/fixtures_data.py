"""Test data locations, the pinned date, and the small helpers tests use to break a copy of the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli

TESTS = Path(__file__).parent
VALID_DATA = TESTS / "data" / "valid"
"""Two valid regions: the real ``kota-tegal`` (33.76, 2 OPD, 3 programmes) and a demo ``kota-contoh-makmur``."""
REPO = TESTS.parent
TODAY = dt.date(2026, 11, 22)
"""The date every CLI run in the tests sees, so cohort and lateness checks do not drift with the calendar."""


@dataclass(frozen=True)
class CliRun:
    """What one CLI invocation produced."""

    exit_code: int
    lines: list[str]
    """Standard output, one entry per line."""
    stderr: str


@dataclass(frozen=True)
class DataDir:
    """A writable copy of the valid regions at ``<tmp>/regions``; the working directory is ``<tmp>``."""

    root: Path
    regions: Path

    def path(self, relpath: str) -> Path:
        """A file under the regions folder, e.g. ``kota-tegal/program.yaml``."""
        return self.regions / relpath

    def edit(self, relpath: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in a region file by ``new``."""
        file = self.path(relpath)
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {relpath}"
        file.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, relpath: str, content: str | bytes) -> None:
        """Replace a region file's whole content (bytes are written as they are)."""
        file = self.path(relpath)
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")


def invoke(*args: str) -> CliRun:
    """Run ``masterplan <args>`` in-process; an unexpected exception propagates instead of being hidden."""
    result = CliRunner().invoke(cli, list(args), prog_name="masterplan", catch_exceptions=False)
    return CliRun(result.exit_code, result.stdout.splitlines(), result.stderr)
