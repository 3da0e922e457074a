"""Links that never break, replayed as people and CI really do it, on a real git repository.

Story 1: a Quick Win added from the web editor is published by the deploy job, which records its
URL on main; a later pull request that deletes it is refused (and a deploy of it anyway publishes
nothing), while renaming it with ``id_lama`` or recording its removal in ``dihapus.yaml`` passes.
Story 2: an editor previews a draft region locally; nothing they build locally counts as
published, so renaming the draft before it is merged passes; a register line a branch adds itself
is refused. The jobs run the workflow files' own commands (tests/ci_replay.py).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from ci_replay import Forge

from generator.published import read_register, write_register

REGISTER = "regions/published-urls.txt"
PROGRAMS = "regions/kota-harapan-jaya/program.yaml"
WIFI = "/kota-harapan-jaya/quick-win/wifi-taman-kota/"
WIFI_PROGRAM = """\
  - id: wifi-taman-kota
    nama: WiFi Gratis Taman Kota
    dimensi: smart-society
    elemen: interaksi-masyarakat
    jenis: quick-win
    opd: diskominfo
    tahun_mulai: 2026
    tahun_selesai: 2027
    status: rencana
"""
KEEP_ALIVE = ("pernah diterbitkan tetapi tidak akan ada lagi; bila programnya berganti id, tambahkan id lama ke "
              "id_lama program itu, bila dihapus dari rencana, catat di dihapus.yaml")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _register_line(text: str, url: str) -> int:
    return text.splitlines().index(url) + 1


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Forge:
    """Story 1 up to the publication: the Quick Win added in the web editor, checked, merged, deployed."""
    forge = Forge(tmp_path_factory.mktemp("terbit"))
    work = forge.clone("web-editor", "tambah-wifi")
    _edit(work / PROGRAMS, "program:\n", "program:\n" + WIFI_PROGRAM)
    forge.push(work, "Tambah Quick Win WiFi taman kota")  # the only file the web editor changed

    check = forge.github("pull_request", "tambah-wifi")
    assert check.ok, check.output
    assert check.jobs == ("check",)
    # The check says which URLs become permanent once this is published, and does not record them.
    assert f"  + {WIFI}" in check.output.splitlines()
    assert WIFI not in forge.read("tambah-wifi", REGISTER)

    forge.merge("tambah-wifi")
    deploy = forge.github("push")
    assert deploy.ok, deploy.output
    assert deploy.jobs == ("build", "deploy", "record")
    assert (forge.live / WIFI.strip("/") / "index.html").is_file()
    # The record job alone wrote the register, in a commit of its own on main.
    assert WIFI in forge.read("main", REGISTER).splitlines()
    assert forge.git(forge.origin, "log", "-1", "--format=%s", "main").startswith("Catat alamat yang terbit dari ")
    assert forge.git(forge.origin, "diff", "--name-only", "main~1", "main").split() == [REGISTER]
    return forge


def test_deleting_a_published_quick_win_is_refused(published: Forge) -> None:
    forge = published
    work = forge.clone("hapus", "hapus-wifi")
    _edit(work / PROGRAMS, WIFI_PROGRAM, "")
    forge.push(work, "Hapus Quick Win WiFi")
    line = _register_line(forge.read("main", REGISTER), WIFI)

    check = forge.github("pull_request", "hapus-wifi")
    assert not check.ok
    assert f"regions/published-urls.txt:{line}:1: error: alamat {WIFI} {KEEP_ALIVE}" in check.output.splitlines()
    assert "Tidak ada yang ditulis: perbaiki galat di atas lalu jalankan lagi." in check.output

    # Deleting the register line as well changes nothing: main's register counts, and the branch's
    # own edit of it is refused too (merged, it would leave the URL unprotected).
    _edit(work / REGISTER, WIFI + "\n", "")
    forge.push(work, "Hapus juga dari daftar alamat")
    check = forge.github("pull_request", "hapus-wifi")
    assert not check.ok
    assert [line for line in check.output.splitlines() if line.startswith("regions/published-urls.txt:")] == [
        f"regions/published-urls.txt:1:1: error: alamat {WIFI} {KEEP_ALIVE}",
        f"regions/published-urls.txt:1:1: error: baris {WIFI} dihapus dari berkas ini; berkas ini hanya diisi "
        "oleh proses terbit di cabang utama, kembalikan baris itu",
    ]

    # Merged anyway (an admin overrides the check): the build on main fails, nothing is deployed or
    # recorded, and the published page keeps answering.
    register_before, main_before = forge.read("main", REGISTER), forge.sha("main")
    forge.merge("hapus-wifi")
    deploy = forge.github("push")
    assert not deploy.ok
    assert deploy.jobs == ("build",)
    assert f"alamat {WIFI} {KEEP_ALIVE}" in deploy.output
    assert (forge.live / WIFI.strip("/") / "index.html").is_file()
    assert forge.read("main", REGISTER) == register_before.replace(WIFI + "\n", "")
    forge.git(forge.origin, "update-ref", "refs/heads/main", main_before)  # main as the other tests expect it


@pytest.mark.parametrize("change", ["id_lama", "dihapus.yaml"])
def test_renamed_or_recorded_removal_passes(published: Forge, change: str) -> None:
    forge = published
    branch = f"ubah-{change.replace('.', '-').replace('_', '-')}"
    work = forge.clone(branch, branch)
    if change == "id_lama":
        _edit(work / PROGRAMS, "  - id: wifi-taman-kota\n",
              "  - id: wifi-publik-taman\n    id_lama: [wifi-taman-kota]\n")
    else:
        _edit(work / PROGRAMS, WIFI_PROGRAM, "")
        (work / "regions" / "dihapus.yaml").write_text(
            f"dihapus:\n  - url: {WIFI}\n    judul: WiFi Gratis Taman Kota\n    tanggal: 2026-11-20\n"
            "    alasan: Digabung ke program WiFi publik provinsi.\n", encoding="utf-8")
    forge.push(work, f"Quick Win WiFi: {change}")
    check = forge.github("pull_request", branch)
    assert check.ok, check.output
    if change == "id_lama":
        assert "  + /kota-harapan-jaya/quick-win/wifi-publik-taman/" in check.output.splitlines()


def test_gitlab_records_on_the_default_branch_and_refuses_the_deletion(tmp_path: Path) -> None:
    forge = Forge(tmp_path)
    work = forge.clone("web-editor", "tambah-wifi")
    _edit(work / PROGRAMS, "program:\n", "program:\n" + WIFI_PROGRAM)
    forge.push(work, "Tambah Quick Win WiFi taman kota")
    check = forge.gitlab("merge_request", "tambah-wifi")
    assert check.ok, check.output
    assert check.jobs == ("check",)
    forge.merge("tambah-wifi")
    deploy = forge.gitlab("push")
    assert deploy.ok, deploy.output
    assert deploy.jobs == ("pages", "record-urls")
    assert WIFI in forge.read("main", REGISTER).splitlines()
    assert "[skip ci]" in forge.git(forge.origin, "log", "-1", "--format=%s", "main")

    work = forge.clone("hapus", "hapus-wifi")
    _edit(work / PROGRAMS, WIFI_PROGRAM, "")
    forge.push(work, "Hapus Quick Win WiFi")
    check = forge.gitlab("merge_request", "hapus-wifi")
    assert not check.ok
    line = _register_line(forge.read("main", REGISTER), WIFI)
    assert f"regions/published-urls.txt:{line}:1: error: alamat {WIFI} {KEEP_ALIVE}" in check.output.splitlines()


def test_local_previews_never_count_and_drafts_can_be_renamed(tmp_path: Path) -> None:
    forge = Forge(tmp_path)
    work = forge.clone("laptop", "wilayah-baru")

    def masterplan(*args: str) -> subprocess.CompletedProcess[str]:  # the editor's own shell: no CI variables
        return subprocess.run(["masterplan", *args], cwd=work, env=forge.env(), capture_output=True, text=True,
                              check=False)

    assert masterplan("new", "33.28").returncode == 0
    region = work / "regions" / "kabupaten-tegal"
    _edit(region / "masterplan.yaml", "opd: []\n",
          "opd:\n  - kode: diskominfo\n    nama: Dinas Komunikasi dan Informatika\n")
    _edit(region / "program.yaml", "program: []\n", "program:\n" + WIFI_PROGRAM.replace("2026", "2027").replace(
        "2027\n    status", "2028\n    status"))
    draft = "/kabupaten-tegal/quick-win/wifi-taman-kota/"
    built = masterplan("build", "--strict")
    assert built.returncode == 0, built.stdout + built.stderr
    assert f"  + {draft}" in built.stdout.splitlines()
    assert forge.git(work, "status", "--porcelain", "--", REGISTER) == "", "a local build wrote the register"

    _edit(region / "program.yaml", "id: wifi-taman-kota", "id: wifi-alun-alun")
    built = masterplan("build", "--strict")
    assert built.returncode == 0, built.stdout + built.stderr
    forge.push(work, "Wilayah baru Kabupaten Tegal")
    check = forge.github("pull_request", "wilayah-baru")
    assert check.ok, check.output
    assert "  + /kabupaten-tegal/quick-win/wifi-alun-alun/" in check.output.splitlines()
    assert draft not in check.output

    # A register line the branch adds itself (an older tool wrote drafts there) would count once
    # merged: the check refuses it and says where.
    text = (work / REGISTER).read_text(encoding="utf-8")
    write_register(work / REGISTER, [*read_register(work / REGISTER), draft])
    line = _register_line((work / REGISTER).read_text(encoding="utf-8"), draft)
    assert text != (work / REGISTER).read_text(encoding="utf-8")
    forge.push(work, "Daftar alamat dari pratinjau")
    check = forge.github("pull_request", "wilayah-baru")
    assert not check.ok
    assert (f"regions/published-urls.txt:{line}:1: error: alamat {draft} tidak pernah tercatat terbit di "
            "origin/main; berkas ini hanya diisi oleh proses terbit di cabang utama, hapus baris ini"
            ) in check.output.splitlines()


@pytest.mark.parametrize(("how", "message"), [
    ("shallow", "galat: riwayat git tidak lengkap (clone dangkal), jadi titik cabang ini dari cabang utama tidak "
                "diketahui; ambil seluruh riwayat: git fetch --unshallow (GitHub Actions: fetch-depth: 0, "
                "GitLab: GIT_DEPTH: 0)"),
    ("no-main", "galat: revisi git 'origin/main' tidak ditemukan; ambil dulu cabang utama, mis. git fetch origin main"),
    ("no-git", "galat: folder data regions tidak berada di repositori git"),
])
def test_published_needs_the_default_branch_history(tmp_path: Path, how: str, message: str) -> None:
    forge = Forge(tmp_path)
    work = tmp_path / "runner"
    if how == "shallow":
        forge.git(tmp_path, "clone", "-q", "--depth", "1", f"file://{forge.origin}", str(work))
    elif how == "no-main":
        forge.git(tmp_path, "clone", "-q", str(forge.origin), str(work))
        forge.git(work, "update-ref", "-d", "refs/remotes/origin/main")
    else:
        forge.git(tmp_path, "clone", "-q", str(forge.origin), str(work))
        shutil.rmtree(work / ".git")  # a downloaded zip of the project
    proc = subprocess.run(["masterplan", "generate", "--strict", "--published", "origin/main"], cwd=work,
                          env=forge.env({"CI": "true"}), capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith(message), proc.stderr
    assert not (work / "content" / "kota-tegal").exists(), "nothing is written"
