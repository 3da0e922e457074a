"""Input the public can trust (issue 13): links are refused unread, nothing that happened is dated after the
build date, and a programme's status agrees with its own newest update.

Like ``test_check.py``, each row breaks the valid test data with one edit and names the exact lines the
editor must see; the test data is checked on ``TODAY`` (2026-11-22).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures_data import REPO, TODAY, VALID_DATA, CliRun, DataDir

from generator import model as m
from generator.yaml_source import LINK_MESSAGE

M = "kota-tegal/masterplan.yaml"
P = "kota-tegal/program.yaml"
TEGAL_M = "regions/" + M
TEGAL_P = "regions/" + P
SECRET = "RAHASIA-DI-LUAR-FOLDER-DATA"
"""Text in files outside the data folder: it must never show up in any output."""

Edit = Callable[[DataDir], None]


def sub(file: str, old: str, new: str) -> Edit:
    """Replace the one occurrence of ``old`` in ``file``."""
    return lambda d: d.edit(file, old, new)


def put(file: str, content: str) -> Edit:
    """Give ``file`` this whole content."""
    return lambda d: d.write(file, content)


def outside(d: DataDir) -> Path:
    """A folder beside the data folder holding a valid-looking copy of kota-tegal with a secret in it."""
    target = d.root / "di-luar"
    if not target.exists():
        target.mkdir()
        for name in ("masterplan.yaml", "program.yaml"):
            text = (VALID_DATA / "kota-tegal" / name).read_text(encoding="utf-8")
            (target / name).write_text(text.replace("Portal Satu Data", SECRET), encoding="utf-8")
        (target / "dihapus.yaml").write_text(f"dihapus:\n  - url: /kota-tegal/x/\n    judul: {SECRET}\n"
                                             "    tanggal: 2024-01-01\n", encoding="utf-8")
        (target / "published-urls.txt").write_text(f"/{SECRET.lower()}/\n", encoding="utf-8")
    return target


def link(name: str, target: str) -> Edit:
    """Replace ``regions/<name>`` by a symbolic link to ``<outside>/<target>``."""
    def edit(d: DataDir) -> None:
        path = d.path(name)
        if path.is_dir() and not path.is_symlink():
            for child in path.iterdir():
                child.unlink()
            path.rmdir()
        elif path.exists():
            path.unlink()
        path.symlink_to(outside(d) / target)
    return edit


def newer_update(status: str, progres: int, date: str = "2026-10-01") -> Edit:
    """Append an update to satu-data-tegal (status berjalan, progres 40; one update of 2024-03-01: the same)."""
    return sub(P, "        catatan: Portal diluncurkan dalam versi beta.\n",
               "        catatan: Portal diluncurkan dalam versi beta.\n"
               f"      - tanggal: {date}\n        status: {status}\n        progres: {progres}\n"
               "        catatan: Pembaruan baru.\n        bukti: https://tegalkota.go.id/satu-data\n")


FUTURE = "belum terjadi (tanggal pembangunan situs 2026-11-22)"
CHANGE = "atau perbaiki pembaruan itu bila pembaruannya yang keliru"

ROWS: list[tuple[str, tuple[Edit, ...], list[str]]] = [
    # ------------------------------------------------------------ links
    ("data-file-links-outside", (link(P, "program.yaml"),), [f"{TEGAL_P}: error: {LINK_MESSAGE}"]),
    ("masterplan-links-outside", (link(M, "masterplan.yaml"),), [f"{TEGAL_M}: error: {LINK_MESSAGE}"]),
    ("link-inside-data-folder", (lambda d: (d.path(P).unlink(), d.path(P).symlink_to("../kota-contoh-makmur/"
                                                                                     "program.yaml")),),
     [f"{TEGAL_P}: error: {LINK_MESSAGE}"]),
    ("dangling-link", (lambda d: (d.path(P).unlink(), d.path(P).symlink_to("/tidak/ada")),),
     [f"{TEGAL_P}: error: {LINK_MESSAGE}"]),
    ("unknown-file-is-link", (lambda d: d.path("kota-tegal/catatan.txt").symlink_to(outside(d) / "program.yaml"),),
     [f"regions/kota-tegal/catatan.txt: error: {LINK_MESSAGE}"]),
    ("region-folder-links-outside", (link("kota-tegal", ""),), [f"regions/kota-tegal: error: {LINK_MESSAGE}"]),
    ("removals-file-links-outside", (link("dihapus.yaml", "dihapus.yaml"),),
     [f"regions/dihapus.yaml: error: {LINK_MESSAGE}"]),
    ("url-register-links-outside", (link("published-urls.txt", "published-urls.txt"),),
     [f"regions/published-urls.txt: error: {LINK_MESSAGE}"]),
    ("data-file-is-a-folder", (lambda d: d.path("kota-tegal/evaluasi.yaml").mkdir(),),
     ["regions/kota-tegal/evaluasi.yaml: error: bukan berkas biasa (mis. folder atau pipa) sehingga tidak "
      "dibaca; data harus berupa berkas biasa"]),
    # ------------------------------------------------------------ dates after the build date
    ("update-in-the-future", (sub(P, "      - tanggal: 2024-03-01", "      - tanggal: 2062-03-01"),),
     [f'{TEGAL_P}:34:18: error: program "satu-data-tegal": pembaruan[0].tanggal 2062-03-01 {FUTURE}; pembaruan '
      "hanya mencatat yang sudah terjadi: periksa tahunnya, atau tambahkan pembaruan ini setelah tanggalnya tiba"]),
    ("update-tomorrow", (newer_update("berjalan", 40, "2026-11-23"),),
     [f'{TEGAL_P}:38:18: error: program "satu-data-tegal": pembaruan[1].tanggal 2026-11-23 belum terjadi '
      "(tanggal pembangunan situs 2026-11-22); pembaruan hanya mencatat yang sudah terjadi: periksa tahunnya, "
      "atau tambahkan pembaruan ini setelah tanggalnya tiba"]),
    ("source-in-the-future", (sub(M, "    tanggal: 2022-06-21", "    tanggal: 2062-06-21"),),
     [f"{TEGAL_M}:22:14: error: sumber[0].tanggal: 2062-06-21 {FUTURE}; tanggal terbit sumber tidak boleh di "
      "masa depan, periksa tahunnya"]),
    ("evaluation-of-a-future-year", (put("kota-tegal/evaluasi.yaml", "evaluasi:\n  - tahun: 2027\n    indeks: 3\n"),),
     ["regions/kota-tegal/evaluasi.yaml:2:12: error: evaluasi tahun 2027 belum terjadi (tanggal pembangunan situs "
      "2026-11-22); hasil evaluasi hanya untuk tahun yang sudah berjalan, periksa tahunnya"]),
    ("removal-in-the-future", (put("dihapus.yaml", "dihapus:\n  - url: /kota-tegal/quick-win/lama/\n"
                                                   "    judul: Lama\n    tanggal: 2062-01-05\n"),),
     [f"regions/dihapus.yaml:4:14: error: dihapus[0].tanggal: 2062-01-05 {FUTURE}; catat penghapusan setelah "
      "terjadi, periksa tahunnya"]),
    # ------------------------------------------------------------ status against the newest update
    ("status-and-progres-contradict-newest-update", (newer_update("selesai", 100),),
     [f'{TEGAL_P}:31:13: warning: program "satu-data-tegal": status berjalan tidak sesuai dengan pembaruan '
      f"terbaru (pembaruan[1], 2026-10-01: status selesai); ubah status program menjadi selesai, {CHANGE}",
      f'{TEGAL_P}:32:14: warning: program "satu-data-tegal": progres 40 tidak sesuai dengan pembaruan terbaru '
      f"(pembaruan[1], 2026-10-01: progres 100); ubah progres program menjadi 100, {CHANGE}"]),
    ("progres-behind-newest-update", (newer_update("berjalan", 60),),
     [f'{TEGAL_P}:32:14: warning: program "satu-data-tegal": progres 40 tidak sesuai dengan pembaruan terbaru '
      f"(pembaruan[1], 2026-10-01: progres 60); ubah progres program menjadi 60, {CHANGE}"]),
    ("progres-missing-but-updated", (sub(P, "    progres: 40\n    pembaruan", "    pembaruan"),),
     [f'{TEGAL_P}:31:13: warning: program "satu-data-tegal": progres kosong tidak sesuai dengan pembaruan terbaru '
      f"(pembaruan[0], 2024-03-01: progres 40); ubah progres program menjadi 40, {CHANGE}"]),
    ("newest-update-listed-first", (sub(P, "    pembaruan:\n", "    pembaruan:\n      - tanggal: 2025-01-10\n"
                                        "        status: tertunda\n        catatan: Dihentikan sementara.\n"),),
     [f'{TEGAL_P}:31:13: warning: program "satu-data-tegal": status berjalan tidak sesuai dengan pembaruan '
      f"terbaru (pembaruan[0], 2025-01-10: status tertunda); ubah status program menjadi tertunda, {CHANGE}"]),
]


@pytest.mark.parametrize(("edits", "expected"), [pytest.param(e, x, id=i) for i, e, x in ROWS])
def test_rule_reports_exact_lines(data: DataDir, run_cli: Callable[..., CliRun], edits: tuple[Edit, ...],
                                  expected: list[str]) -> None:
    """The broken input produces exactly these lines (nothing of a link's target), and fails ``--strict``."""
    for edit in edits:
        edit(data)
    result = run_cli("check", "--regions", "regions")
    assert result.lines[:-1] == expected
    assert SECRET not in result.stderr + "\n".join(result.lines)
    assert result.exit_code == (1 if any(": error: " in line for line in expected) else 0)
    strict = run_cli("check", "--strict", "--regions", "regions")
    assert strict.exit_code == 1
    assert strict.lines[-1].startswith("Gagal: ")


@pytest.mark.parametrize("edit", [
    pytest.param(sub(P, "      - tanggal: 2024-03-01", f"      - tanggal: {TODAY.isoformat()}"), id="update-today"),
    pytest.param(sub(M, "    tanggal: 2022-04-21", "    tanggal: 2030-01-01"), id="milestone-in-the-future"),
    pytest.param(newer_update("berjalan", 40), id="newest-update-agrees"),
])
def test_accepted(data: DataDir, run_cli: Callable[..., CliRun], edit: Edit) -> None:
    """Boundaries that stay valid: an update dated on the build date, a planned milestone, an agreeing history."""
    edit(data)
    result = run_cli("check", "--strict", "--regions", "regions")
    assert result.lines == ["Valid: 2 wilayah, 3 program, 0 peringatan."]


def test_data_folder_that_is_a_link(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """``--regions`` naming a link: refused as a whole, nothing under it is read."""
    (data.root / "tautan").symlink_to(data.regions)
    result = run_cli("check", "--regions", "tautan")
    assert result.lines == ["tautan: error: folder data ini tautan simbolik (symlink) sehingga tidak diikuti "
                            "dan tidak dibaca; pakai folder yang sebenarnya",
                            "Gagal: 1 galat, 0 peringatan (0 wilayah, 0 program diperiksa)."]
    assert result.exit_code == 1


_AUDIT = textwrap.dedent("""
    import sys
    opened = []
    sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
    from generator.cli import cli
    try:
        cli.main(["check", "--regions", "regions"], prog_name="masterplan")
    except SystemExit as exc:
        code = exc.code
    with open("dibuka.txt", "w", encoding="utf-8") as out:
        out.write("\\n".join(opened))
    sys.exit(code)
""")


def test_nothing_of_a_link_target_is_opened(data: DataDir) -> None:
    """Every file the check opens, as Python's audit hook sees it: none is a link or under its target."""
    for edit in (link(P, "program.yaml"), link("dihapus.yaml", "dihapus.yaml"),
                 link("kota-contoh-makmur", ""), link("published-urls.txt", "published-urls.txt")):
        edit(data)
    epoch = int(dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC).timestamp())
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": str(epoch)}
    proc = subprocess.run([sys.executable, "-c", _AUDIT], cwd=data.root, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120, check=False)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    opened = [Path(data.root, p) for p in (data.root / "dibuka.txt").read_text(encoding="utf-8").splitlines()]
    data_files = [p for p in opened if data.regions in p.parents or p.parent == data.regions]
    assert data_files == [data.regions / M]  # kota-tegal's masterplan.yaml only: its program.yaml is a link
    assert not any(data.root / "di-luar" in p.resolve().parents for p in opened)
    assert SECRET not in proc.stdout + proc.stderr


def test_generate_with_a_linked_url_register_writes_nothing(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """``generate`` would rewrite published-urls.txt: through a link that would write outside the data folder."""
    config = REPO / "mkdocs.yml"
    (data.root / "mkdocs.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    link("published-urls.txt", "published-urls.txt")(data)
    target = data.root / "di-luar" / "published-urls.txt"
    before = target.read_bytes()
    result = run_cli("generate", "--regions", "regions")
    assert result.exit_code == 1
    assert result.lines[0] == f"regions/published-urls.txt: error: {LINK_MESSAGE}"
    assert target.read_bytes() == before
    assert not (data.root / "content").exists()


# ---------------------------------------------------------------- the model's reading of a history


def _program(status: str, progres: int | None, *updates: m.Update) -> m.Program:
    return m.Program("uji", "Uji", "smart-governance", "pelayanan-publik", "quick-win", "x", 2024, 2026, status,
                     progres=progres, pembaruan=updates)


def test_conflicts_take_the_newest_update_that_states_each_value() -> None:
    """Status and progress hold from their date on; an update without them leaves them as they were."""
    old = m.Update(dt.date(2024, 1, 1), "a", status="berjalan", progres=30)
    newer = m.Update(dt.date(2025, 1, 1), "b", progres=50)
    note = m.Update(dt.date(2026, 1, 1), "c")
    assert _program("berjalan", 50, note, newer, old).conflicts() == ()
    assert _program("selesai", 100, note, newer, old).conflicts() == (("status", old), ("progres", newer))
    same_day = m.Update(dt.date(2025, 1, 1), "d", progres=70)
    assert _program("berjalan", 50, newer, same_day).conflicts() == (("progres", same_day),)
    assert _program("berjalan", 70, newer, same_day).conflicts() == ()
    # The page's history reads the same way: newest first, on one date the one listed last first.
    assert _program("berjalan", 70, old, newer, same_day, note).history() == (note, same_day, newer, old)



# ---------------------------------------------------------------- what the pages show meanwhile


def _pages(data: DataDir) -> dict[str, str]:
    from site_helpers import load

    from generator import render

    return {p.path: p.text for p in render.render_site(load(data.regions, TODAY), TODAY)}


def test_planned_milestone_reads_as_planned_and_is_not_news(data: DataDir) -> None:
    """A milestone after the build date: "(dijadwalkan)" on the region page, its own section on the change
    page, and in no feed (it would be the newest "news", dated in the future)."""
    data.edit(M, "tahapan:\n", "tahapan:\n  - jenis: bimtek-2\n    tanggal: 2027-02-10\n    tempat: Aula\n")
    pages = _pages(data)
    region = pages["kota-tegal/index.md"]
    assert "<li><strong>21 April 2022</strong>: Nota kesepahaman (MoU), Balai Kota Tegal.</li>" in region
    assert "<li><strong>10 Februari 2027</strong> (dijadwalkan): Bimtek tahap 2, Aula.</li>" in region
    changes = pages["kota-tegal/perubahan.md"]
    planned = changes.index('id="_dijadwalkan"')
    assert changes.index("(dijadwalkan): <a href=\"../#_tahapan\">Bimtek tahap 2 masterplan Kota Tegal</a>") > planned
    assert changes.count("Bimtek tahap 2") == 1
    assert changes.index('id="_2024"') > planned  # the history follows, newest first, without it
    for feed in ("kota-tegal/feed.xml", "feed.xml"):
        assert "Bimtek tahap 2" not in pages[feed]
        assert "Nota kesepahaman (MoU) masterplan Kota Tegal" in pages[feed]
        assert "2027" not in pages[feed]


def test_page_shows_the_programmes_status_and_says_the_history_disagrees(data: DataDir) -> None:
    """Until the editor fixes it, the page shows the programme's own status (the figure every count, chart and
    download uses) with a notice naming the newest update."""
    newer_update("selesai", 100)(data)
    page = _pages(data)["kota-tegal/smart-governance.md"]
    assert "<li><strong>Status:</strong> Berjalan, progres 40%</li>" in page
    assert ('<div class="admonition warning">\n<p class="admonition-title">Status belum sesuai riwayat</p>\n'
            "<p>Pembaruan terbaru (1 Oktober 2026) menyebut status Selesai, tetapi status program ini tertulis "
            "Berjalan. Pembaruan terbaru (1 Oktober 2026) menyebut progres 100%, tetapi progres program ini "
            "tertulis 40%. Halaman ini menampilkan status yang tertulis pada program sampai editor data "
            "menyelaraskannya.</p>\n</div>") in page
    assert page.count("Status belum sesuai riwayat") == 1  # only satu-data-tegal disagrees


def test_new_never_writes_through_a_linked_region_folder(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """``masterplan new`` refuses a region folder that is a link, even a broken one, and creates nothing."""
    (data.regions / "kabupaten-tegal").symlink_to(data.root / "di-luar-baru")
    result = run_cli("new", "33.28", "--regions", "regions")
    assert result.exit_code == 1
    assert result.stderr == "galat: folder regions/kabupaten-tegal sudah ada; tidak ada yang ditimpa\n"
    assert not (data.root / "di-luar-baru").exists()


def test_workbook_import_goes_through_the_same_rules(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """``masterplan import`` of a workbook with an update dated in the future: the same message, located at
    the cell, and program.yaml stays as it was."""
    import openpyxl

    before = data.path(P).read_bytes()
    assert run_cli("export", "kota-tegal", "--output", "kota-tegal.xlsx").exit_code == 0
    workbook = openpyxl.load_workbook(data.root / "kota-tegal.xlsx")
    workbook["Pembaruan"]["B2"] = dt.datetime(2062, 3, 1)
    workbook.save(data.root / "kota-tegal.xlsx")
    result = run_cli("import", "kota-tegal.xlsx")
    assert result.exit_code == 1
    assert result.lines == [
        f'kota-tegal.xlsx:Pembaruan!B2: error: program "satu-data-tegal": pembaruan[0].tanggal 2062-03-01 {FUTURE}; '
        "pembaruan hanya mencatat yang sudah terjadi: periksa tahunnya, atau tambahkan pembaruan ini setelah "
        "tanggalnya tiba"]
    assert data.path(P).read_bytes() == before


def test_printed_plan_reads_the_same(data: DataDir) -> None:
    """The printable plan (/<slug>/cetak/) marks a planned milestone and carries the status notice too."""
    data.edit(M, "tahapan:\n", "tahapan:\n  - jenis: bimtek-2\n    tanggal: 2027-02-10\n    tempat: Aula\n")
    newer_update("selesai", 100)(data)
    page = _pages(data)["kota-tegal/cetak.md"]
    assert "<tr><td>10 Februari 2027 (dijadwalkan)</td>\n<td>Bimtek tahap 2</td>" in page  # cells on own lines
    assert "<tr><td>21 April 2022</td>\n<td>Nota kesepahaman (MoU)</td>" in page
    assert page.count("Status belum sesuai riwayat") == 1
