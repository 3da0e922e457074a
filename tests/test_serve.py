"""`masterplan serve`: a real preview server on 127.0.0.1, rebuilt when the data changes."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import loopback
import pytest
from site_helpers import ROOT, make_project

from generator import site


def _get(url: str) -> tuple[int, str]:
    """Status and body; status 0 when the server did not answer in time (it answers once a rebuild,
    which holds its requests, is done: on a loaded machine that can take longer than the timeout)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except TimeoutError:
        return 0, ""


def _until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


def _up(url: str) -> bool:
    try:
        return _get(url)[0] == 200
    except OSError:
        return False


class Preview:
    def __init__(self, project: site.Project, *args: str) -> None:
        self.port = loopback.free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = project.config.parent / "serve.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "generator", "serve", "--regions", str(project.regions), "--config",
                 str(project.config), "--dev-addr", f"127.0.0.1:{self.port}", *args],
                cwd=project.config.parent, stdout=log, stderr=subprocess.STDOUT)

    def page(self, path: str) -> tuple[int, str]:
        return _get(self.base + path)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Callable[..., Preview]]:
    started: list[Preview] = []
    project = make_project(tmp_path, ROOT / "regions")

    def start(*args: str) -> Preview:
        server = Preview(project, *args)
        started.append(server)
        _until(lambda: server.process.poll() is not None or _up(server.base), 60, "preview server up")
        assert server.process.poll() is None, server.output()
        return server

    yield start
    for server in started:
        server.stop()


def test_preview_of_one_region_builds_only_that_region(preview: Callable[..., Preview], tmp_path: Path) -> None:
    """Other regions' pages left in content/ by a full build are not built: with 514 regions the preview
    would otherwise take the whole site's build time at every change."""
    project = site.Project(tmp_path / "regions", "regions", tmp_path / "mkdocs.yml")
    site.check_and_generate(project, site.build_date())  # every region's pages are in content/
    assert (project.content / "kabupaten-garut" / "index.md").is_file()
    server = preview("--region", "kota-tegal")
    assert server.page("kota-tegal/")[0] == 200
    assert server.page("kota-tegal/roadmap/")[0] == 200
    assert server.page("")[0] == 200
    assert server.page("panduan/")[0] == 200
    assert server.page("kabupaten-garut/")[0] == 404
    assert server.page("kota-harapan-jaya/quick-win/")[0] == 404


def test_preview_follows_data_edits_and_keeps_the_page_on_invalid_data(preview: Callable[..., Preview],
                                                                        tmp_path: Path) -> None:
    server = preview()
    assert server.page("kabupaten-garut/")[0] == 200  # without --region, every region
    masterplan = tmp_path / "regions" / "kota-tegal" / "masterplan.yaml"
    source = masterplan.read_text(encoding="utf-8")
    assert "status_dokumen: penyusunan" in source
    masterplan.write_text(source.replace("status_dokumen: penyusunan", "status_dokumen: final"), encoding="utf-8")
    _until(lambda: "<strong>Status dokumen:</strong> Final</li>" in server.page("kota-tegal/")[1], 30,
           "the edit shows in the preview")
    masterplan.write_text(source.replace("status_dokumen: penyusunan", "status_dokumen: selesai"), encoding="utf-8")
    _until(lambda: "Data tidak valid: halaman lama tetap dipakai." in server.output(), 30, "the problem is reported")
    assert "regions/kota-tegal/masterplan.yaml:" in server.output()
    assert "<strong>Status dokumen:</strong> Final</li>" in server.page("kota-tegal/")[1]


def test_preview_refuses_an_address_other_than_loopback(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    result = subprocess.run([sys.executable, "-m", "generator", "serve", "--regions", str(project.regions),
                             "--config", str(project.config), "--dev-addr", "0.0.0.0:8000"],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert "server pratinjau hanya boleh di 127.0.0.1" in result.stderr
