"""Links never break: the register of published URLs, redirects and removal notices."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from site_helpers import ROOT, make_project

from generator import published, site, urls
from generator.cli import cli

QW = "kota-harapan-jaya/quick-win"



def _build(project: site.Project, site_dir: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--strict", "--regions", str(project.regions),
                                      "--config", str(project.config), "--site-dir", str(site_dir)])
    return result.exit_code, result.output


def _drop_program(project: site.Project, program_id: str) -> None:
    path = project.regions / "kota-harapan-jaya" / "program.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {program_id}\n")
    end = text.find("\n  - id: ", start + 1)
    path.write_text(text[:start] + (text[end + 1:] if end != -1 else ""), encoding="utf-8")


@pytest.mark.parametrize(("path", "url"), [
    ("index.md", "/"),
    ("kota-tegal/index.md", "/kota-tegal/"),
    ("kota-tegal/roadmap.md", "/kota-tegal/roadmap/"),
    ("kota-tegal/quick-win/index.md", "/kota-tegal/quick-win/"),
    ("kota-tegal/quick-win/lapor.md", "/kota-tegal/quick-win/lapor/"),
    ("panduan/index.md", "/panduan/"),
])
def test_url_mapping(path: str, url: str) -> None:
    assert urls.url_of(path) == url
    if not path.endswith("quick-win/index.md") and path != "panduan/index.md":
        assert urls.path_of(url) == path


def test_register_lists_every_published_page() -> None:
    registered = published.read_register(ROOT / "regions" / published.REGISTER_NAME)
    assert registered == sorted(registered)
    assert "/kota-harapan-jaya/quick-win/aplikasi-pengaduan-warga/" in registered  # the redirect
    assert "/panduan/" in registered and "/tentang/" in registered and "/" in registered


def test_dropping_a_published_url_fails_and_names_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    site_dir = tmp_path / "site"
    assert _build(project, site_dir)[0] == 0
    before = sorted(p.name for p in site_dir.rglob("*"))
    _drop_program(project, "pju-tenaga-surya")
    code, output = _build(project, site_dir)
    assert code == 1
    register = published.read_register(project.regions / published.REGISTER_NAME)
    line = register.index("/kota-harapan-jaya/quick-win/pju-tenaga-surya/") + 4  # after the 3-line header
    assert (f"{project.regions}/published-urls.txt:{line}:1: error: alamat "
            "/kota-harapan-jaya/quick-win/pju-tenaga-surya/ pernah diterbitkan tetapi tidak akan ada lagi; bila "
            "programnya berganti id, tambahkan id lama ke "
            "id_lama program itu, bila dihapus dari rencana, catat di dihapus.yaml") in output.splitlines()
    assert (project.content / QW / "pju-tenaga-surya.md").is_file(), "nothing is written by a failed build"
    assert sorted(p.name for p in site_dir.rglob("*")) == before


def test_removed_quick_win_answers_with_a_notice(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    site_dir = tmp_path / "site"
    assert _build(project, site_dir)[0] == 0
    _drop_program(project, "pju-tenaga-surya")
    (project.regions / "dihapus.yaml").write_text(
        "dihapus:\n"
        "  - url: /kota-harapan-jaya/quick-win/pju-tenaga-surya/\n"
        "    judul: PJU Tenaga Surya\n"
        "    tanggal: 2026-11-20\n"
        "    alasan: Digabung ke program penerangan jalan provinsi.\n", encoding="utf-8")
    code, output = _build(project, site_dir)
    assert code == 0, output
    html = (site_dir / QW / "pju-tenaga-surya" / "index.html").read_text(encoding="utf-8")
    assert "Dihapus dari rencana: PJU Tenaga Surya" in html
    assert "Isinya dihapus dari masterplan pada 20 November 2026." in html
    assert "Digabung ke program penerangan jalan provinsi." in html
    assert 'href="../../">ringkasan masterplan Kota Harapan Jaya</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "/kota-harapan-jaya/quick-win/pju-tenaga-surya/" in published.read_register(
        project.regions / published.REGISTER_NAME)


def test_builds_never_write_the_register(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    register = project.regions / published.REGISTER_NAME
    before = register.read_bytes()
    path = project.regions / "kota-harapan-jaya" / "program.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: pju-tenaga-surya\n",
                                                             "  - id: pju-surya\n    id_lama: [pju-tenaga-surya]\n"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", "--regions", str(project.regions), "--config", str(project.config)])
    assert result.exit_code == 0, result.output
    assert register.read_bytes() == before


def test_record_urls_adds_the_deployed_pages(tmp_path: Path) -> None:
    regions = tmp_path / "regions"
    regions.mkdir()
    published.write_register(regions / published.REGISTER_NAME, ["/", "/kota-tegal/"])
    deployed = tmp_path / "terbit"
    for folder in ("", "kota-tegal", "kota-tegal/quick-win/lapor", "assets/css"):
        (deployed / folder).mkdir(parents=True, exist_ok=True)
        if folder != "assets/css":
            (deployed / folder / "index.html").write_text("<!doctype html>", encoding="utf-8")
    (deployed / "404.html").write_text("<!doctype html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["record-urls", "--regions", str(regions), "--site-dir", str(deployed)])
    assert result.exit_code == 0, result.output
    assert result.output == (f"1 alamat baru dicatat di {regions}/published-urls.txt:\n"
                             "  + /kota-tegal/quick-win/lapor/\n")
    assert published.read_register(regions / published.REGISTER_NAME) == [
        "/", "/kota-tegal/", "/kota-tegal/quick-win/lapor/"]
    again = CliRunner().invoke(cli, ["record-urls", "--regions", str(regions), "--site-dir", str(deployed)])
    assert again.output == f"Tidak ada alamat baru; {regions}/published-urls.txt tidak berubah.\n"
    missing = CliRunner().invoke(cli, ["record-urls", "--regions", str(regions), "--site-dir", str(tmp_path / "x")])
    assert missing.exit_code == 1
    assert f"galat: folder situs {tmp_path / 'x'} tidak ada; bangun dulu dengan masterplan build" in missing.output


def test_removed_region_keeps_every_page_as_a_notice(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    site_dir = tmp_path / "site"
    assert _build(project, site_dir)[0] == 0
    for path in (project.regions / "kota-tegal").iterdir():
        path.unlink()
    (project.regions / "kota-tegal").rmdir()
    assert _build(project, site_dir)[0] == 1
    (project.regions / "dihapus.yaml").write_text(
        "dihapus:\n  - url: /kota-tegal/\n    judul: Masterplan Smart City Kota Tegal\n    tanggal: 2026-11-21\n",
        encoding="utf-8")
    code, output = _build(project, site_dir)
    assert code == 0, output
    for page in ("index.html", "smart-living/index.html", "roadmap/index.html", "quick-win/index.html"):
        html = (site_dir / "kota-tegal" / page).read_text(encoding="utf-8")
        assert "Dihapus dari rencana: Masterplan Smart City Kota Tegal" in html, page
        assert "daftar kabupaten/kota</a>" in html


def test_renamed_quick_win_redirects(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    site_dir = tmp_path / "site"
    assert _build(project, site_dir)[0] == 0
    path = project.regions / "kota-harapan-jaya" / "program.yaml"
    text = path.read_text(encoding="utf-8").replace("  - id: pju-tenaga-surya\n",
                                                    "  - id: pju-surya\n    id_lama: [pju-tenaga-surya]\n")
    path.write_text(text, encoding="utf-8")
    code, output = _build(project, site_dir)
    assert code == 0, output
    html = (site_dir / QW / "pju-tenaga-surya" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../pju-surya/">' in html


def test_notice_over_a_live_page_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    (project.regions / "dihapus.yaml").write_text(
        "dihapus:\n  - url: /kota-harapan-jaya/quick-win/pju-tenaga-surya/\n    judul: PJU\n"
        "    tanggal: 2026-11-20\n", encoding="utf-8")
    code, output = _build(project, tmp_path / "site")
    assert code == 1
    assert (f"{project.regions}/dihapus.yaml:2:10: error: url: /kota-harapan-jaya/quick-win/pju-tenaga-surya/ masih "
            "diterbitkan; hapus butir ini dari dihapus.yaml") in output.splitlines()


def test_removals_file_is_validated(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    (project.regions / "dihapus.yaml").write_text(
        "dihapus:\n  - url: kota-tegal\n    judul: X\n    tanggal: 2026-02-30\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--regions", str(project.regions)])
    assert result.exit_code == 1
    # The demo region's late programme is listed as information; only the problems matter here.
    lines = [line for line in result.output.splitlines() if ": info: " not in line]
    assert lines[:-1] == [
        f"{project.regions}/dihapus.yaml:2:10: error: dihapus[0].url: harus berformat alamat halaman situs yang "
        "diawali dan diakhiri '/', mis. /kota-tegal/quick-win/aplikasi-lama/, tetapi ditemukan \"kota-tegal\"",
        f'{project.regions}/dihapus.yaml:4:14: error: dihapus[0].tanggal: tanggal "2026-02-30" tidak ada di '
        "kalender; periksa bulan dan harinya",
    ]
