"""Shared fixtures: a copy of small valid regions to break, and the CLI run in-process on a fixed date."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures_data import TODAY, VALID_DATA, CliRun, DataDir, invoke

import generator.cli


def pytest_configure(config: pytest.Config) -> None:
    """Let Hypothesis report a failing example under ``filterwarnings = error``.

    On failure its pytest plugin imports libcst to write a patch, and libcst's import warns about
    ``mypy_extensions.TypedDict``; as an error that turns the real failure into an INTERNALERROR.
    """
    config.addinivalue_line("filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Pin the CLI's notion of today."""
    monkeypatch.setattr(generator.cli, "_today", lambda: TODAY)
    return TODAY


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataDir:
    """Copy the valid regions into ``tmp_path/regions`` and make ``tmp_path`` the working directory."""
    regions = tmp_path / "regions"
    shutil.copytree(VALID_DATA, regions)
    monkeypatch.chdir(tmp_path)
    return DataDir(tmp_path, regions)


@pytest.fixture
def run_cli() -> Callable[..., CliRun]:
    """Run ``masterplan <args>`` in-process (see ``fixtures_data.invoke``)."""
    return invoke
