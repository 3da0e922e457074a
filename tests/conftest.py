"""Shared fixtures: a copy of small valid regions to break, and the CLI run in-process on a fixed date."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixtures_data import TODAY, VALID_DATA, CliRun, DataDir, invoke


def pytest_configure(config: pytest.Config) -> None:
    """Let Hypothesis report a failing example under ``filterwarnings = error``.

    On failure its pytest plugin imports libcst to write a patch, and libcst's import warns about
    ``mypy_extensions.TypedDict``; as an error that turns the real failure into an INTERNALERROR.
    """
    config.addinivalue_line("filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


@pytest.fixture(autouse=True, scope="session")
def build_date() -> Iterator[None]:
    """Pin the build date of every command the tests run, as a deployment pins it: SOURCE_DATE_EPOCH."""
    midnight = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))
        yield


@pytest.fixture
def fixed_today() -> dt.date:
    """The date every test's build runs on."""
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
