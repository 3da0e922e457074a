"""``masterplan diff``: every kind of change, on a real git repository made in the test.

The base revision is a commit of the copied test data; the change is made in the working tree
(never committed, as in a pull request's checkout), so the old files can only come from git's objects.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures_data import REPO, TODAY, CliRun, DataDir
from markdown_it import MarkdownIt

from generator import changes, render, validate
from generator.changes_output import FOLD_FROM, NO_CHANGE

QW = """  - id: {id}
    nama: {nama}
    dimensi: smart-living
    elemen: mobilitas
    jenis: quick-win
    opd: diskominfo
    tahun_mulai: 2026
    tahun_selesai: 2027
    status: rencana
"""


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "uji",
           "GIT_AUTHOR_EMAIL": "uji@example.id", "GIT_COMMITTER_NAME": "uji", "GIT_COMMITTER_EMAIL": "uji@example.id"}
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return proc.stdout.strip()


class Repo:
    """The test data as a git repository: commit the base, then change the working tree."""

    def __init__(self, data: DataDir) -> None:
        self.data = data
        self.root = data.root

    def commit(self, message: str = "data") -> str:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "--allow-empty", "-m", message)
        return git(self.root, "rev-parse", "HEAD")


@pytest.fixture
def repo(data: DataDir) -> Repo:
    git(data.root, "init", "-q", "-b", "main")
    r = Repo(data)
    r.commit("dasar")
    git(data.root, "switch", "-q", "-c", "usulan")
    return r


def head(repo: Repo) -> str:
    return git(repo.root, "rev-parse", "HEAD")[:12]


def intro(repo: Repo, label: str = "merge-base HEAD main") -> str:
    return f"Dibandingkan dengan {label} (commit {head(repo)}); tanggal build 22 November 2026."


# ---------------------------------------------------------------- no change


def test_no_change(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    result = run_cli("diff")
    assert (result.exit_code, result.lines, result.stderr) == (0, [intro(repo), NO_CHANGE], "")


def test_comment_and_layout_edits_are_no_change(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    repo.data.edit("kota-tegal/program.yaml", "# Tiga program uji.", "# Tiga program uji (disunting).")
    repo.data.edit("kota-tegal/masterplan.yaml", "opd:\n", "\nopd:   \n")
    result = run_cli("diff", "--format", "markdown")
    assert result.exit_code == 0
    assert f"**{NO_CHANGE}**" in result.lines


# ---------------------------------------------------------------- every kind of change, exactly


def _change_everything(data: DataDir) -> None:
    data.edit("kota-tegal/masterplan.yaml", "status_dokumen: penyusunan", "status_dokumen: ditetapkan")
    data.edit("kota-tegal/masterplan.yaml", "  selesai: 2032", "  selesai: 2033")
    data.edit("kota-tegal/masterplan.yaml", "opd:\n", "  - jenis: bimtek-1\n    tanggal: 2022-08-10\n"
              "    keterangan: Bimtek pertama.\nopd:\n")
    program = "kota-tegal/program.yaml"
    # status and progress, a new update with evidence
    data.edit(program, "    status: berjalan\n    progres: 40\n", "    status: berjalan\n    progres: 70\n")
    data.edit(program, "        catatan: Portal diluncurkan dalam versi beta.\n",
              "        catatan: Portal diluncurkan dalam versi beta.\n"
              "      - tanggal: 2026-10-05\n        progres: 70\n        catatan: Dataset ke-100 terbit.\n"
              "        bukti: https://data.tegalkota.go.id/berita/100\n")
    # budget of a programme
    data.edit(program, "        jumlah: 150000000", "        jumlah: 1350000000")
    # finished without evidence, and newly late (its last year moves into the past)
    data.edit(program, "    tahun_selesai: 2026\n    status: rencana", "    tahun_selesai: 2025\n    status: berjalan")
    # a renamed Quick Win (the old address redirects), a new one, a removed one
    data.edit(program, "  - id: lapor-tegal\n", "  - id: lapor-warga-tegal\n    id_lama:\n      - lapor-tegal\n")
    data.write(program, data.path(program).read_text(encoding="utf-8") + QW.format(id="wifi-taman", nama="WiFi Taman"))


def test_every_kind_of_change_in_text(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    _change_everything(repo.data)
    result = run_cli("diff")
    assert result.exit_code == 0, result.stderr
    assert result.lines == [
        intro(repo),
        "1 wilayah berubah: 1 program baru, 1 program berganti id, 2 program berubah, 1 baru terlambat, anggaran "
        "+Rp1,2 miliar",
        "",
        "Kota Tegal (/kota-tegal/): berubah",
        "  status dokumen: Dalam penyusunan → Ditetapkan",
        "  periode: 2023–2032 → 2023–2033",
        "  total anggaran: Rp150.000.000 → Rp1.350.000.000 (+Rp1.200.000.000)",
        "  tahapan baru: 10 Agustus 2022, Bimtek tahap 1: Bimtek pertama.",
        "  program baru: WiFi Taman (wifi-taman) /kota-tegal/quick-win/wifi-taman/: Quick Win, Rencana, "
        "belum ada data anggaran",
        "  program berganti id: lapor-tegal → Aplikasi Pengaduan Warga (lapor-warga-tegal) "
        "/kota-tegal/quick-win/lapor-warga-tegal/",
        "    anggaran: Rp150.000.000 → Rp1.350.000.000 (+Rp1.200.000.000)",
        "  program berubah: Bank Sampah Digital (bank-sampah-digital) "
        "/kota-tegal/smart-environment/#bank-sampah-digital",
        "    status: Rencana → Berjalan",
        "    tahun selesai: 2026 → 2025",
        "    terlambat: tahun selesai 2025 sudah lewat pada tanggal build 22 November 2026",
        "  program berubah: Portal Satu Data (satu-data-tegal) /kota-tegal/smart-governance/#satu-data-tegal",
        "    progres: 40% → 70%",
        "    pembaruan 5 Oktober 2026: Dataset ke-100 terbit. (progres 70%); bukti: https://data.tegalkota.go.id/berita/100",
        "  alamat baru: /kota-tegal/quick-win/lapor-warga-tegal/",
        "  alamat baru: /kota-tegal/quick-win/wifi-taman/",
        "  alamat baru: /kota-tegal/smart-living/",  # the dimension's first programme: its page appears
        "  alamat dialihkan: /kota-tegal/quick-win/lapor-tegal/ → /kota-tegal/quick-win/lapor-warga-tegal/",
    ]


def test_finished_without_evidence_and_status_change(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    repo.data.edit("kota-tegal/program.yaml", "    status: berjalan\n    progres: 40\n",
                   "    status: selesai\n    progres: 100\n")
    result = run_cli("diff")
    assert result.exit_code == 0
    assert result.lines[1] == "1 wilayah berubah: 1 program berubah, 1 selesai, 1 selesai tanpa bukti"
    assert result.lines[4:] == [
        "  program berubah: Portal Satu Data (satu-data-tegal) /kota-tegal/smart-governance/#satu-data-tegal",
        "    status: Berjalan → Selesai",
        "    progres: 40% → 100%",
        "    selesai tanpa bukti: tambahkan tautan bukti sebelum digabungkan",
    ]
    # the check's own warnings, located, as `masterplan check` prints them: no evidence, and a status and
    # progress that the newest update (still "berjalan", 40) contradicts
    assert result.stderr.splitlines() == [
        'regions/kota-tegal/program.yaml:31:13: warning: program "satu-data-tegal": berstatus selesai tetapi '
        "tidak punya bukti; tambahkan tautan di bukti",
        'regions/kota-tegal/program.yaml:31:13: warning: program "satu-data-tegal": status selesai tidak sesuai '
        "dengan pembaruan terbaru (pembaruan[0], 2024-03-01: status berjalan); ubah status program menjadi "
        "berjalan, atau perbaiki pembaruan itu bila pembaruannya yang keliru",
        'regions/kota-tegal/program.yaml:32:14: warning: program "satu-data-tegal": progres 100 tidak sesuai '
        "dengan pembaruan terbaru (pembaruan[0], 2024-03-01: progres 40); ubah progres program menjadi 40, "
        "atau perbaiki pembaruan itu bila pembaruannya yang keliru"]


def _remove_quick_win(data: DataDir) -> None:
    text = data.path("kota-tegal/program.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: lapor-tegal")
    end = text.index("  - id: satu-data-tegal")
    data.write("kota-tegal/program.yaml", text[:start] + text[end:])


def test_removed_quick_win_published_without_notice_fails(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    repo.data.write("published-urls.txt", "/kota-tegal/\n/kota-tegal/quick-win/lapor-tegal/\n")
    repo.commit("register")
    _remove_quick_win(repo.data)
    result = run_cli("diff")
    assert result.lines[1] == ("1 wilayah berubah: 1 program dihapus, 1 alamat terbit akan hilang, "
                               "anggaran -Rp150 juta")
    assert result.lines[5:] == [
        "  program dihapus: Aplikasi Pengaduan Warga (lapor-tegal): tidak tercatat di dihapus.yaml",
        "  alamat dihapus: /kota-tegal/quick-win/, belum pernah diterbitkan",  # the last Quick Win: no list
        "  alamat dihapus: /kota-tegal/quick-win/lapor-tegal/, pernah diterbitkan dan akan hilang: build akan gagal; "
        "catat di dihapus.yaml atau simpan id lamanya di id_lama",
    ]


def test_removed_quick_win_with_notice(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    repo.data.write("published-urls.txt", "/kota-tegal/quick-win/lapor-tegal/\n")
    repo.commit("register")
    _remove_quick_win(repo.data)
    repo.data.write("dihapus.yaml", "dihapus:\n  - url: /kota-tegal/quick-win/lapor-tegal/\n    judul: Lapor\n"
                                    "    tanggal: 2026-11-20\n")
    result = run_cli("diff")
    assert result.lines[1] == ("1 wilayah berubah: 1 program dihapus, 1 pemberitahuan penghapusan baru, "
                               "anggaran -Rp150 juta")
    assert result.lines[5:] == [
        "  program dihapus: Aplikasi Pengaduan Warga (lapor-tegal): alamatnya menampilkan pemberitahuan "
        "penghapusan (dihapus.yaml)",
        "  alamat dihapus: /kota-tegal/quick-win/, belum pernah diterbitkan",
        "  alamat dihapus: /kota-tegal/quick-win/lapor-tegal/, menampilkan pemberitahuan penghapusan (dihapus.yaml)",
        "",
        "Pemberitahuan penghapusan (dihapus.yaml):",
        "  baru: /kota-tegal/quick-win/lapor-tegal/, Lapor (20 November 2026)",
    ]


def test_removed_draft_that_was_never_published(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    _remove_quick_win(repo.data)
    result = run_cli("diff", "--format", "json")
    report = json.loads("\n".join(result.lines))
    [region] = report["wilayah"]
    assert region["alamat"] == [{"jenis": "dihapus", "keadaan": "belum-terbit", "tujuan": None,
                                 "url": "/kota-tegal/quick-win/"},  # the last Quick Win: no list any more
                                {"jenis": "dihapus", "keadaan": "belum-terbit", "tujuan": None,
                                 "url": "/kota-tegal/quick-win/lapor-tegal/"}]
    assert report["ringkasan"]["alamat_gagal"] == 0


def test_removal_notice_alone_is_a_change(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    repo.data.write("dihapus.yaml", "dihapus:\n  - url: /kota-lama/\n    judul: Kota Lama\n"
                                    "    tanggal: 2026-11-20\n    alasan: Data dipindahkan.\n")
    repo.commit("catatan")
    repo.data.write("dihapus.yaml", "dihapus:\n  - url: /kota-baru/quick-win/x/\n    judul: X <i>\n"
                                    "    tanggal: 2026-11-21\n")
    result = run_cli("diff", "--base", "HEAD", "--format", "markdown")
    assert result.exit_code == 0
    assert result.lines[2] == ("**Tidak ada wilayah yang berubah; 1 pemberitahuan penghapusan baru, "
                               "1 pemberitahuan penghapusan dicabut.**")
    assert result.lines[6:] == [
        "### Pemberitahuan penghapusan (dihapus.yaml)", "", "**Pemberitahuan (2)**", "",
        "- baru: `/kota-baru/quick-win/x/`, X &lt;i&gt; (21 November 2026)",
        "- dicabut: `/kota-lama/`, Kota Lama (20 November 2026)",
    ]


# ---------------------------------------------------------------- whole regions


def test_base_without_the_region(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    shutil.rmtree(repo.data.regions / "kota-tegal")
    repo.commit("tanpa kota-tegal")
    base = git(repo.root, "rev-parse", "HEAD")
    shutil.copytree(REPO / "tests" / "data" / "valid" / "kota-tegal", repo.data.regions / "kota-tegal")
    repo.data.edit("kota-tegal/program.yaml", "        jumlah: 150000000\n        sumber: APBD\n",
                   "        jumlah: 150000000\n        sumber: APBD\n        realisasi: 140000000\n")
    result = run_cli("diff", "--base", base)
    assert result.exit_code == 0
    assert result.lines[:6] == [
        f"Dibandingkan dengan {base} (commit {base[:12]}); tanggal build 22 November 2026.",
        "1 wilayah berubah: 1 wilayah baru, 3 program baru, 1 selesai, anggaran +Rp150 juta",
        "",
        "Kota Tegal (/kota-tegal/): wilayah baru",
        "  total anggaran: – → Rp150.000.000 (+Rp150.000.000)",
        "  total realisasi anggaran: – → Rp140.000.000 (+Rp140.000.000)",
    ]
    # a new programme says its type (not "program"), its budget and what was spent
    assert "  program baru: Bank Sampah Digital (bank-sampah-digital) /kota-tegal/smart-environment/"\
           "#bank-sampah-digital: Jangka pendek, Rencana, belum ada data anggaran" in result.lines
    assert "  program baru: Aplikasi Pengaduan Warga (lapor-tegal) /kota-tegal/quick-win/lapor-tegal/: Quick Win, " \
           "Selesai, anggaran Rp150.000.000, realisasi Rp140.000.000" in result.lines, result.lines
    report = json.loads("\n".join(run_cli("diff", "--base", base, "--format", "json").lines))
    region = report["wilayah"][0]
    assert region["realisasi"]["baru"] == 140_000_000 and region["realisasi"]["lama"] is None
    assert {p["id"]: (p["jenis_program"], p["realisasi"]) for p in region["program"]} == {
        "lapor-tegal": ("quick-win", 140_000_000), "satu-data-tegal": ("jangka-menengah", None),
        "bank-sampah-digital": ("jangka-pendek", None)}
    assert "  alamat baru: /kota-tegal/quick-win/lapor-tegal/" in result.lines
    assert "  alamat dialihkan: /kota-tegal/quick-win/portal-data-tegal/ → /kota-tegal/quick-win/satu-data-tegal/" \
        not in result.lines  # not a Quick Win: no page, so no redirect


def test_region_removed(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    repo.data.write("published-urls.txt", "/kota-tegal/\n/kota-tegal/roadmap/\n")
    repo.commit("register")
    shutil.rmtree(repo.data.regions / "kota-tegal")
    repo.data.write("dihapus.yaml", "dihapus:\n  - url: /kota-tegal/\n    judul: Kota Tegal\n"
                                    "    tanggal: 2026-11-20\n")
    result = run_cli("diff")
    assert result.lines[1] == "1 wilayah berubah: 1 wilayah dihapus, 1 pemberitahuan penghapusan baru, " \
                              "anggaran -Rp150 juta"
    assert result.lines[3] == "Kota Tegal (/kota-tegal/): wilayah dihapus"
    assert "  alamat dihapus: /kota-tegal/roadmap/, menampilkan pemberitahuan penghapusan (dihapus.yaml)" \
        in result.lines
    assert not any(line.startswith("  program") for line in result.lines)


def test_renamed_region_folder(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    old = repo.data.regions / "kota-contoh-makmur"
    old.rename(repo.data.regions / "kota-contoh-sejahtera")
    repo.data.edit("kota-contoh-sejahtera/masterplan.yaml", "nama: Kota Contoh Makmur", "nama: Kota Contoh Sejahtera")
    result = run_cli("diff", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [region] = json.loads("\n".join(result.lines))["wilayah"]
    assert (region["jenis"], region["slug"], region["slug_lama"]) == ("pindah", "kota-contoh-sejahtera",
                                                                     "kota-contoh-makmur")
    assert region["program"] == []  # the same programmes, compared by id
    kinds = {(u["jenis"], u["url"].split("/")[1]) for u in region["alamat"]}
    assert kinds == {("baru", "kota-contoh-sejahtera"), ("dihapus", "kota-contoh-makmur")}
    text = run_cli("diff").lines
    assert text[3] == "Kota Contoh Sejahtera (/kota-contoh-sejahtera/): folder berganti nama dari kota-contoh-makmur"


# ---------------------------------------------------------------- invalid data


def test_invalid_old_data_is_reported_and_what_can_be_read_is_compared(repo: Repo,
                                                                       run_cli: Callable[..., CliRun]) -> None:
    repo.data.edit("kota-tegal/program.yaml", "    status: rencana", "    status: direncanakan")
    base = repo.commit("data rusak")
    repo.data.edit("kota-tegal/program.yaml", "    status: direncanakan", "    status: rencana")
    repo.data.edit("kota-tegal/program.yaml", "    status: berjalan\n    progres: 40\n",
                   "    status: berjalan\n    progres: 45\n")
    result = run_cli("diff", "--base", "HEAD")
    assert result.exit_code == 0
    assert result.lines[3:] == [
        "Kota Tegal (/kota-tegal/): berubah",
        "  data lama tidak valid (1 galat); hanya bagian yang terbaca dibandingkan:",
        f'    {base[:12]}:regions/kota-tegal/program.yaml:46:13: error: program "bank-sampah-digital".status: harus '
        "salah satu dari: "
        'rencana, berjalan, selesai, tertunda, dibatalkan, tetapi ditemukan "direncanakan"; mungkin maksudnya '
        '"rencana"?',
        "  program baru: Bank Sampah Digital (bank-sampah-digital) /kota-tegal/smart-environment/#bank-sampah-digital:"
        " Jangka pendek, Rencana, belum ada data anggaran",
        "  program berubah: Portal Satu Data (satu-data-tegal) /kota-tegal/smart-governance/#satu-data-tegal",
        "    progres: 40% → 45%",
        "  alamat baru: /kota-tegal/smart-environment/",  # the unreadable programme was its only one
    ]


def test_invalid_new_data_exits_1_with_the_messages_of_check(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    repo.data.edit("kota-tegal/program.yaml", "        jumlah: 150000000", '        jumlah: "Rp 150.000.000"')
    check = run_cli("check")
    result = run_cli("diff")
    assert result.exit_code == 1
    assert check.exit_code == 1
    assert result.stderr.splitlines() == [check.lines[0], "Data baru tidak valid: perbaiki galat di atas "
                                                         "(masterplan check)."]
    # the invalid programme could not be read: it shows as removed, and the report says the data is invalid
    assert result.lines[1] == "1 wilayah berubah: 1 program dihapus, anggaran -Rp150 juta"
    assert result.lines[4] == ("  data baru tidak valid (1 galat, lihat pesan pemeriksaan); yang tidak terbaca "
                               "tampil sebagai dihapus")


def test_symlink_in_the_old_tree_is_refused_and_not_read(repo: Repo, tmp_path_factory: pytest.TempPathFactory,
                                                         run_cli: Callable[..., CliRun]) -> None:
    secret = tmp_path_factory.mktemp("luar") / "rahasia.yaml"
    secret.write_text("program: []\n# RAHASIA\n", encoding="utf-8")
    target = repo.data.path("kota-tegal/program.yaml")
    saved = target.read_bytes()
    target.unlink()
    target.symlink_to(secret)
    base = repo.commit("tautan")
    target.unlink()
    target.write_bytes(saved)
    result = run_cli("diff", "--base", base, "--format", "json")
    assert result.exit_code == 0
    assert "RAHASIA" not in "\n".join(result.lines)
    [region] = json.loads("\n".join(result.lines))["wilayah"]
    assert region["data_lama_tidak_valid"] == [{
        "baris": 0, "berkas": f"{base[:12]}:regions/kota-tegal/program.yaml", "kolom": 0, "tingkat": "error",
        "pesan": f"bukan berkas biasa di revisi {base[:12]} (mode git 120000: tautan simbolik); data hanya dibaca "
                 "dari berkas biasa di dalam folder data, jadi isinya tidak dibaca"}]


def test_region_folder_that_is_a_symlink_in_the_old_tree_is_refused(repo: Repo,
                                                                     tmp_path_factory: pytest.TempPathFactory,
                                                                     run_cli: Callable[..., CliRun]) -> None:
    folder = repo.data.regions / "kota-contoh-makmur"
    outside = tmp_path_factory.mktemp("luar") / "kota-contoh-makmur"
    shutil.move(folder, outside)
    folder.symlink_to(outside, target_is_directory=True)
    base = repo.commit("tautan folder")
    folder.unlink()
    shutil.move(outside, folder)
    result = run_cli("diff", "--base", base, "--format", "json")
    assert result.exit_code == 0
    [region] = json.loads("\n".join(result.lines))["wilayah"]
    assert region["slug"] == "kota-contoh-makmur"
    assert [p["berkas"] for p in region["data_lama_tidak_valid"]] == [f"{base[:12]}:regions/kota-contoh-makmur"]
    assert "tautan simbolik" in region["data_lama_tidak_valid"][0]["pesan"]


# ---------------------------------------------------------------- usage


@pytest.mark.parametrize(("args", "message"), [
    (["--base", "tidak-ada"], "revisi 'tidak-ada' tidak ditemukan di repositori ini"),
    (["--base", "--output=x"], "revisi '--output=x' tidak sah"),
])
def test_bad_revision_is_a_usage_error(repo: Repo, run_cli: Callable[..., CliRun], args: list[str],
                                       message: str) -> None:
    result = run_cli("diff", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_outside_a_repository_is_a_usage_error(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    result = run_cli("diff")
    assert result.exit_code == 2
    assert "folder data regions tidak berada di dalam repositori git" in result.stderr


def test_default_base_is_the_merge_base_with_main(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    fork = git(repo.root, "rev-parse", "HEAD")
    repo.data.edit("kota-tegal/masterplan.yaml", "angkatan: 2022", "angkatan: 2021")
    repo.commit("usulan")
    git(repo.root, "switch", "-q", "main")
    repo.data.edit("kota-tegal/masterplan.yaml", "status_dokumen: penyusunan", "status_dokumen: final")
    repo.commit("main maju")
    git(repo.root, "switch", "-q", "usulan")
    result = run_cli("diff")
    # only the proposal's own change: main's later change is not reported as undone
    assert result.lines[0] == intro(repo).replace(head(repo), fork[:12])
    assert result.lines[4:] == ["  angkatan: 2022 → 2021"]


# ---------------------------------------------------------------- what is read


def test_only_regions_whose_files_differ_are_read(repo: Repo, run_cli: Callable[..., CliRun],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    original = validate.read_region

    def spy(slug: str, *args: object, **kwargs: object) -> validate.RegionReading:
        read.append(slug)
        return original(slug, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "read_region", spy)
    repo.data.edit("kota-tegal/masterplan.yaml", "angkatan: 2022", "angkatan: 2021")
    run_cli("diff")
    assert read == ["kota-tegal", "kota-tegal"]  # old and new; kota-contoh-makmur never read
    read.clear()
    repo.data.edit("kota-tegal/masterplan.yaml", "angkatan: 2021", "angkatan: 2022")
    assert run_cli("diff").lines[1] == NO_CHANGE
    assert read == []


def test_page_urls_are_the_rendered_pages() -> None:
    result = validate.load_dataset(REPO / "regions", "regions", validate.Options(TODAY))
    assert result.dataset is not None
    renderer = render.Renderer(TODAY)
    for region in result.dataset.regions:
        rendered = {"/" + p.path.removesuffix(".md").removesuffix("index").rstrip("/") + "/"
                    for p in renderer.region_pages(region) if p.path.endswith(".md")}
        pages, redirects = changes.page_urls(region.slug, region.plan, region.program)
        assert pages | set(redirects) == rendered, region.slug


# ---------------------------------------------------------------- Markdown and JSON


def test_markdown_links_escapes_and_folds(repo: Repo, run_cli: Callable[..., CliRun],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    program = repo.data.path("kota-tegal/program.yaml")
    added = "".join(QW.format(id=f"qw-{i:02d}", nama=f"Layanan {i}") for i in range(FOLD_FROM + 1))
    program.write_text(program.read_text(encoding="utf-8") + added
                       + QW.format(id="aneh", nama='"<img src=x onerror=alert(1)> *tebal* [tautan](http://x)"'),
                       encoding="utf-8")
    monkeypatch.setenv("MASTERPLAN_SITE_URL", "https://smartcity.example.id/")
    lines = run_cli("diff", "--format", "markdown").lines
    assert lines[0] == "## Perubahan pada situs masterplan"
    assert lines[2] == "**1 wilayah berubah: 10 program baru**"
    assert lines[4].endswith("Tautan menuju https://smartcity.example.id/.")
    assert "### [Kota Tegal](https://smartcity.example.id/kota-tegal/): berubah" in lines
    assert ("- [&lt;img src=x onerror=alert\\(1\\)&gt; \\*tebal\\* \\[tautan\\]\\(http://x\\)]"
            "(https://smartcity.example.id/kota-tegal/quick-win/aneh/) (`aneh`): Quick Win, Rencana, "
            "belum ada data anggaran") in lines
    start = lines.index("<details><summary>Program baru (10)</summary>")
    assert lines[start + 1] == ""
    assert lines[start + 12:start + 14] == ["", "</details>"]


def test_markdown_without_site_url_says_so(repo: Repo, run_cli: Callable[..., CliRun],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MASTERPLAN_SITE_URL", raising=False)
    repo.data.edit("kota-tegal/masterplan.yaml", "angkatan: 2022", "angkatan: 2021")
    lines = run_cli("diff", "--format", "markdown").lines
    assert lines[4].endswith("Tautan berupa jalur di situs (MASTERPLAN_SITE_URL tidak diatur).")
    assert "### [Kota Tegal](/kota-tegal/): berubah" in lines


def test_json_is_versioned_sorted_and_deterministic(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    _change_everything(repo.data)
    first = run_cli("diff", "--format", "json").lines
    assert first == run_cli("diff", "--format", "json").lines
    report = json.loads("\n".join(first))
    assert "\n".join(first) == json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2)
    assert report["versi"] == 1
    assert report["ringkasan"]["selisih_anggaran"] == 1_200_000_000
    [region] = report["wilayah"]
    assert region["anggaran"] == {"baru": 1_350_000_000, "baru_teks": "Rp1.350.000.000", "kunci": "anggaran",
                                  "label": "total anggaran", "lama": 150_000_000, "lama_teks": "Rp150.000.000",
                                  "selisih": 1_200_000_000, "selisih_teks": "+Rp1.200.000.000"}
    renamed = next(p for p in region["program"] if p["jenis"] == "berganti-id")
    assert (renamed["id"], renamed["id_lama"]) == ("lapor-warga-tegal", "lapor-tegal")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = readme[readme.index("### The JSON report"):]
    for key in [*report, *report["ringkasan"], *region, *region["program"][0], *region["alamat"][0],
                *region["anggaran"]]:
        assert f"`{key}`" in documented, f"{key} is not documented in the README's JSON report section"


def github_html(markdown: str) -> str:
    """Markdown as GitHub renders it, near enough: CommonMark with tables and raw HTML (details/summary)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_markdown_renders_as_intended(repo: Repo, run_cli: Callable[..., CliRun],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _change_everything(repo.data)
    program = repo.data.path("kota-tegal/program.yaml")
    added = "".join(QW.format(id=f"qw-{i:02d}", nama=f"Layanan {i}") for i in range(FOLD_FROM))
    program.write_text(program.read_text(encoding="utf-8") + added
                       + QW.format(id="aneh", nama='"<img src=x onerror=alert(1)> *tebal*"'), encoding="utf-8")
    monkeypatch.setenv("MASTERPLAN_SITE_URL", "https://smartcity.example.id/")
    page = github_html("\n".join(run_cli("diff", "--format", "markdown").lines))
    assert "<img" not in page and "<em>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; *tebal*" in page
    assert '<h3><a href="https://smartcity.example.id/kota-tegal/">Kota Tegal</a>: berubah</h3>' in page
    # ten new programmes are folded; their list is a real list inside the fold
    assert "<details><summary>Program baru (10)</summary>\n<ul>\n<li><a href=" in page
    # details of a programme are a list nested in its item
    assert ('<li><a href="https://smartcity.example.id/kota-tegal/smart-governance/#satu-data-tegal">Portal Satu '
            'Data</a> (<code>satu-data-tegal</code>)\n<ul>\n<li>progres: 40% → 70%</li>') in page
    assert "<details><summary>Alamat publik (13)</summary>\n<ul>\n<li>baru: <code>/kota-tegal/quick-win/aneh/</code>" \
           "</li>" in page



def test_reported_realisation_is_a_change(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    """Money reported as spent (``anggaran[].realisasi``) is a change a reviewer sees, with the difference."""
    data = repo.data
    data.edit("kota-tegal/program.yaml", "        jumlah: 150000000\n        sumber: APBD\n",
              "        jumlah: 150000000\n        sumber: APBD\n        realisasi: 140000000\n")
    result = run_cli("diff")
    assert result.exit_code == 0, result.stderr
    assert "    realisasi anggaran: – → Rp140.000.000 (+Rp140.000.000)" in result.lines, result.lines
    # only the realisation changed: "anggaran" is not listed again among the other changes
    assert not [line for line in result.lines if "juga berubah" in line], result.lines
    assert "  total realisasi anggaran: – → Rp140.000.000 (+Rp140.000.000)" in result.lines
    assert result.lines[1] == "1 wilayah berubah: 1 program berubah"


def test_published_section_left_empty_is_redirected(repo: Repo, run_cli: Callable[..., CliRun]) -> None:
    """The build keeps a published section that has nothing left to show as a redirect to the overview."""
    repo.data.write("published-urls.txt", "/kota-tegal/\n/kota-tegal/quick-win/\n/kota-tegal/quick-win/lapor-tegal/\n")
    repo.commit("register")
    _remove_quick_win(repo.data)
    result = run_cli("diff")
    assert "  alamat dialihkan: /kota-tegal/quick-win/ → /kota-tegal/" in result.lines
