"""One error root, and problems (errors and warnings) as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Problem:
    """A located finding in the data; printed as ``path:line:col: severity: message``."""

    path: str
    """File path as the editor knows it, relative to the working directory when possible."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    col: int
    """1-based column; 0 when the problem concerns the whole file."""
    severity: Severity
    """``error`` blocks publishing; ``warning`` blocks it only with ``--strict``; ``info`` never does (it says
    what readers will see, e.g. a late programme)."""
    message: str
    """What is wrong, in Bahasa Indonesia, naming the key, what was expected and what was found."""

    def format_text(self) -> str:
        """Format as one compiler-style line; a problem of a whole file or folder (line 0, e.g. a link that
        is not followed) has no line and column."""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"

    def format_github(self) -> str:
        """Format as a GitHub Actions workflow annotation."""
        props = f"file={_gh_prop(self.path)},line={max(self.line, 1)},col={max(self.col, 1)}"
        level = "notice" if self.severity == "info" else self.severity
        return f"::{level} {props}::{_gh_data(self.message)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class MasterplanError(Exception):
    """Root of every error this package raises on purpose."""


class DataError(MasterplanError):
    """Data that cannot be published; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        errors = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(f"{errors} galat dalam data")


class PublishError(MasterplanError):
    """The build cannot go on for a reason outside the YAML data (config, links, MkDocs)."""
