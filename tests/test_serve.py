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
        # Generous: on a shared, loaded machine the first build of the whole preview has taken over 3 minutes.
        _until(lambda: server.process.poll() is not None or _up(server.base), 300, "preview server up")
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
    # The address to open is the region's own page.
    _until(lambda: "Pratinjau siap" in server.output(), 30, "the address is printed")
    assert (f"Pratinjau siap: buka {server.base}kota-tegal/ di peramban. Ctrl+C untuk berhenti.\n"
            in server.output())


def test_preview_follows_data_edits_and_keeps_the_page_on_invalid_data(preview: Callable[..., Preview],
                                                                        tmp_path: Path) -> None:
    server = preview()
    assert server.page("kabupaten-garut/")[0] == 200  # without --region, every region
    masterplan = tmp_path / "regions" / "kota-tegal" / "masterplan.yaml"
    source = masterplan.read_text(encoding="utf-8")
    assert "status_dokumen: penyusunan" in source
    masterplan.write_text(source.replace("status_dokumen: penyusunan", "status_dokumen: final"), encoding="utf-8")
    _until(lambda: "<strong>Status dokumen:</strong> Final (" in server.page("kota-tegal/")[1], 30,
           "the edit shows in the preview")
    masterplan.write_text(source.replace("status_dokumen: penyusunan", "status_dokumen: selesai"), encoding="utf-8")
    _until(lambda: "Data tidak valid: halaman lama tetap dipakai." in server.output(), 30, "the problem is reported")
    assert "regions/kota-tegal/masterplan.yaml:" in server.output()
    assert "<strong>Status dokumen:</strong> Final (" in server.page("kota-tegal/")[1]
    assert "Data valid lagi" not in server.output()
    # Fixed: the editor is told, and the page follows.
    masterplan.write_text(source.replace("status_dokumen: penyusunan", "status_dokumen: ditetapkan"), encoding="utf-8")
    _until(lambda: "Data valid lagi: pratinjau memakai data terbaru." in server.output(), 30, "valid again is said")
    _until(lambda: "<strong>Status dokumen:</strong> Ditetapkan (" in server.page("kota-tegal/")[1], 30,
           "the fixed data shows in the preview")
    output = server.output()
    assert "\nValid: 5 wilayah, 20 program, 0 peringatan.\n" in output
    assert "Membangun pratinjau; alamatnya muncul di sini bila sudah siap.\n" in output
    assert output.count(f"Pratinjau siap: buka {server.base} di peramban. Ctrl+C untuk berhenti.\n") == 1


def test_preview_of_an_unknown_region_lists_the_regions(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    result = subprocess.run([sys.executable, "-m", "generator", "serve", "--regions", str(project.regions),
                             "--config", str(project.config), "--region", "kota-tegall"],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    known = ", ".join(sorted(p.name for p in project.regions.iterdir() if p.is_dir()))
    assert result.stderr.endswith(f'Galat: wilayah "kota-tegall" tidak ada di {project.regions}/; pilih salah satu: '
                                  f"{known}\n")


def test_preview_refuses_an_address_other_than_loopback(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    result = subprocess.run([sys.executable, "-m", "generator", "serve", "--regions", str(project.regions),
                             "--config", str(project.config), "--dev-addr", "0.0.0.0:8000"],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert "server pratinjau hanya boleh di 127.0.0.1" in result.stderr


def test_one_region_preview_hides_mkdocs_warnings_about_pages_it_does_not_build() -> None:
    """Only the region's pages exist in its preview: MkDocs' (English) warnings about the national pages are
    expected there and dropped; a broken link inside the region still shows."""
    import logging

    from generator.cli import OtherPagesFilter

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.masterplan", logging.WARNING, __file__, 1, message, None, None)

    quiet = OtherPagesFilter("kota-tegal")
    assert not quiet.filter(record("A reference to 'data/index.md' is included in the 'nav' configuration, which is "
                                   "not found in the documentation files."))
    assert not quiet.filter(record("Doc file 'kota-tegal/data/index.md' contains a link '../../data/', but the "
                                   "target 'data/' is not a page or file of the site."))
    assert quiet.filter(record("Doc file 'kota-tegal/index.md' contains a link 'roadmap/x.md', but the target "
                               "'kota-tegal/roadmap/x.md' is not a page or file of the site."))
