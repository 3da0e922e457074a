"""``masterplan export`` / ``masterplan import``: the workbook path for agencies.

Bad workbooks are rows of one table, each with the exact lines the editor must see; round trips run
over every bundled region and a synthetic set; one test re-saves a workbook with LibreOffice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import pytest
from click.testing import CliRunner
from fixtures_data import REPO, TODAY, DataDir, invoke

from generator import model as m
from generator import spreadsheet, validate, yaml_source, yaml_writer
from generator.cli import cli
from generator.errors import MasterplanError

TEGAL_P = "regions/kota-tegal/program.yaml"
Edit = Callable[[openpyxl.Workbook], None]


def _programs(folder: Path) -> tuple[object, ...]:
    """The programmes of a region folder as the validator builds them (in file order)."""
    options = validate.Options(today=TODAY)
    plan, problems = validate.load_plan(folder, "m", options)
    assert plan is not None, problems
    source = yaml_source.load_file(folder / "program.yaml", "p")
    assert source.root is not None, source.problems
    programs, problems = validate.check_program_tree(source.root, "p", plan, options)
    assert programs is not None, problems
    return programs


def _export(data: DataDir, name: str = "kota-tegal.xlsx") -> Path:
    result = invoke("export", "kota-tegal", "--output", name)
    assert result.exit_code == 0, result.lines
    assert result.lines == [f"Lembar kerja ditulis: {name} (3 program)."]
    return data.root / name


def _edited(data: DataDir, edit: Edit, name: str = "kota-tegal.xlsx") -> Path:
    path = _export(data, name)
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _set(sheet: str, cell: str, value: object, as_text: bool = False) -> Edit:
    def edit(wb: openpyxl.Workbook) -> None:
        wb[sheet][cell] = value
        if as_text:
            wb[sheet][cell].data_type = "s"
    return edit


def _rename_sheet(old: str, new: str) -> Edit:
    def edit(wb: openpyxl.Workbook) -> None:
        wb[old].title = new
    return edit


def _merge(sheet: str, span: str) -> Edit:
    return lambda wb: wb[sheet].merge_cells(span)


def _insert_row(sheet: str, row: int) -> Edit:
    return lambda wb: wb[sheet].insert_rows(row)


def _append(sheet: str, *values: object) -> Edit:
    return lambda wb: wb[sheet].append(list(values))


def _percent(sheet: str, cell: str, value: float) -> Edit:
    """A cell typed as 40% in a cell formatted as a percentage: the file holds 0.4."""
    def edit(wb: openpyxl.Workbook) -> None:
        wb[sheet][cell] = value
        wb[sheet][cell].number_format = "0%"
    return edit


F = "kota-tegal.xlsx"
FAILED = "Gagal: {} galat, {} peringatan. Tidak ada yang ditulis: perbaiki lembar kerja lalu impor lagi."

BAD_CELLS: list[tuple[str, Edit, list[str]]] = [
    ("rupiah as text", _append("Anggaran", "satu-data-tegal", 2025, "Rp 250.000.000", "APBD"), [
        f'{F}:Anggaran!C3: error: jumlah: harus bilangan bulat Rupiah, tetapi ditemukan "Rp 250.000.000"; '
        'tulis 250000000 (Rp250.000.000), tanpa "Rp", titik, koma atau tanda kutip']),
    ("realisation of a future year", _append("Anggaran", "satu-data-tegal", 2027, 100000000, "APBD", 50000000), [
        f'{F}:Anggaran!E3: error: program "satu-data-tegal": anggaran[0].realisasi untuk tahun 2027 belum bisa '
        "dilaporkan pada tahun 2026; hapus realisasi itu, atau perbaiki tahunnya bila salah ketik"]),
    ("misspelt header", _set("Anggaran", "C1", "jumlh"), [
        f'{F}:Anggaran!1:1: error: kolom wajib "jumlah" tidak ada di baris judul (baris 1)',
        f'{F}:Anggaran!C1: error: judul kolom "jumlh" tidak dikenal; mungkin maksudnya "jumlah"?']),
    ("unknown header", _set("Program", "P1", "catatan_internal"), [
        f'{F}:Program!P1: error: judul kolom "catatan_internal" tidak dikenal; yang dikenal: id, id_lama, nama, '
        "uraian, dimensi, elemen, jenis, opd, opd_terkait, tahun_mulai, tahun_selesai, status, progres, bukti, "
        "tahun_selesai_awal"]),
    ("renamed sheet", _rename_sheet("Anggaran", "Anggaran 2024"), [
        f'{F}: error: lembar "Anggaran" tidak ada; mungkin maksudnya "Anggaran 2024"?']),
    ("formula", _set("Anggaran", "C2", "=100000000+50000000"), [
        f'{F}:Anggaran!C2: error: sel berisi rumus "=100000000+50000000"; data harus berupa nilai: salin sel '
        "lalu tempel sebagai nilai saja (Tempel Spesial › Hanya Nilai)"]),
    ("merged cells", _merge("Program", "E3:E4"), [
        f"{F}:Program!E3: error: sel gabungan E3:E4 tidak diizinkan; pisahkan selnya (Unmerge) lalu isi setiap "
        "sel sendiri-sendiri"]),
    ("number stored as text", _set("Program", "J2", "2023", as_text=True), [
        f'{F}:Program!J2: error: tahun_mulai: harus bilangan bulat, tetapi ditemukan "2023"; sel ini berisi angka '
        "yang tersimpan sebagai teks: hapus tanda ' di depannya atau ubah format sel menjadi Angka, lalu ketik ulang"]),
    ("text date", _set("Pembaruan", "B2", "01/03/2024"), [
        f'{F}:Pembaruan!B2: error: tanggal: harus tanggal berformat TTTT-BB-HH, mis. 2022-04-21, tetapi ditemukan '
        '"01/03/2024"; sel ini berisi teks, bukan tanggal: ketik ulang sebagai tanggal']),
    ("budget of a missing programme", _set("Anggaran", "A2", "lapor-tegall"), [
        f'{F}:Anggaran!A2: error: id: program "lapor-tegall" tidak ada di lembar Program; mungkin maksudnya '
        '"lapor-tegal"?']),
    ("duplicate id", _set("Program", "A4", "lapor-tegal"), [
        f'{F}:Program!A4: error: program "lapor-tegal": id sudah dipakai program lain (baris 2)']),
    ("enum typo", _set("Program", "L3", "Berjalan"), [
        f"{F}:Program!L3: error: status: harus salah satu dari: rencana, berjalan, selesai, tertunda, dibatalkan, "
        'tetapi ditemukan "Berjalan"; mungkin maksudnya "berjalan"?']),
    ("unknown agency", _set("Program", "I2", "bappeda, dinkes"), [
        f'{F}:Program!I2: error: program "lapor-tegal": opd_terkait "dinkes" tidak ada di daftar opd '
        "masterplan.yaml; yang terdaftar: bappeda, diskominfo; pakai salah satunya, atau tambahkan OPD itu di opd "
        "masterplan.yaml"]),
    ("decimal comma as text", _append("Indikator", "lapor-tegal", "Aduan", "persen", "80,5", None, 2025), [
        f'{F}:Indikator!D2: error: target: harus angka, tetapi ditemukan "80,5"; sel ini berisi teks, bukan angka: '
        "ketik ulang angkanya di sel berformat Angka, dengan koma desimal bila Excel/Calc berbahasa Indonesia "
        "(80,5) atau titik bila berbahasa Inggris (80.5)"]),
    ("decimal point as text", _append("Indikator", "lapor-tegal", "Aduan", "persen", "80.5", None, 2025), [
        f'{F}:Indikator!D2: error: target: harus angka, tetapi ditemukan "80.5"; sel ini berisi teks, bukan angka: '
        "ketik ulang angkanya di sel berformat Angka, dengan koma desimal bila Excel/Calc berbahasa Indonesia "
        "(80,5) atau titik bila berbahasa Inggris (80.5)"]),
    ("rupiah with thousands dots as text", _set("Anggaran", "C2", "150.000.000", as_text=True), [
        f'{F}:Anggaran!C2: error: jumlah: harus bilangan bulat Rupiah, tetapi ditemukan "150.000.000"; sel ini berisi '
        "angka yang tersimpan sebagai teks: ubah format sel menjadi Angka lalu ketik ulang angka bulatnya tanpa titik "
        "atau koma, mis. 150000000 (tampilannya tetap memakai pemisah ribuan)"]),
    ("percent-formatted progres", _percent("Program", "M2", 0.4), [
        f"{F}:Program!M2: error: progres: sel berformat persen: 40% tersimpan sebagai 0.4; tulis 40 di sel "
        "berformat Angka, tanpa format %"]),
    ("100% would silently read as 1", _percent("Pembaruan", "D2", 1), [
        f"{F}:Pembaruan!D2: error: progres: sel berformat persen: 100% tersimpan sebagai 1; tulis 100 di sel "
        "berformat Angka, tanpa format %"]),
    ("codes split by semicolon", _set("Program", "I2", "diskominfo; Bappeda"), [
        f'{F}:Program!I2: error: opd_terkait: beberapa nilai dalam satu sel dipisah koma (lihat lembar Petunjuk), '
        'bukan ";"; mungkin maksudnya "diskominfo, bappeda"?']),
    ("codes split by semicolon, one not in the list", _set("Program", "I2", "Diskominfo;Dinkes"), [
        f'{F}:Program!I2: error: opd_terkait: beberapa nilai dalam satu sel dipisah koma (lihat lembar Petunjuk), '
        'bukan ";"; mungkin maksudnya "diskominfo, dinkes"?']),
    ("codes split by slash with a typo", _set("Program", "I2", "diskominfo/bapeda"), [
        f'{F}:Program!I2: error: opd_terkait: beberapa nilai dalam satu sel dipisah koma (lihat lembar Petunjuk), '
        'bukan "/"; mungkin maksudnya "diskominfo, bappeda"?']),
    ("agency code in capitals", _set("Program", "I3", "Bappeda"), [
        f"{F}:Program!I3: error: opd_terkait: harus berformat huruf kecil, angka dan tanda '-', mis. diskominfo, "
        'tetapi ditemukan "Bappeda"; mungkin maksudnya "bappeda"?']),
    ("date with a time", _set("Pembaruan", "B2", dt.datetime(2025, 3, 15, 9, 30)), [
        f'{F}:Pembaruan!B2: error: tanggal: harus tanggal berformat TTTT-BB-HH, mis. 2022-04-21, tetapi ditemukan '
        '"2025-03-15 09:30:00"; sel ini berisi tanggal dengan jam (09:30); hapus jamnya dan isi tanggalnya saja, '
        "2025-03-15"]),
    ("required cell emptied", _set("Program", "C3", None), [
        f'{F}:Program!C3: error: kunci wajib "nama" tidak ada atau kosong']),
    ("data without a header", _set("Program", "P2", "catatan"), [
        f"{F}:Program!P1: error: kolom berisi data tetapi tidak berjudul; tulis nama kuncinya di baris 1 atau "
        "hapus kolom itu"]),
]


@pytest.mark.parametrize(("edit", "expected"), [pytest.param(e, x, id=i) for i, e, x in BAD_CELLS])
def test_bad_workbook_is_refused_with_cell_located_messages(data: DataDir, edit: Edit, expected: list[str]) -> None:
    before = (data.root / TEGAL_P).read_bytes()
    path = _edited(data, edit)
    result = invoke("import", path.name)
    assert (result.exit_code, result.lines) == (1, expected)
    assert result.stderr.strip() == FAILED.format(len(expected), 0)
    assert (data.root / TEGAL_P).read_bytes() == before


def test_every_error_is_reported_at_once(data: DataDir) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        _set("Anggaran", "C2", "Rp 150.000.000")(wb)
        _set("Program", "E2", "smart-govermance")(wb)
        _set("Pembaruan", "D2", 140)(wb)
    result = invoke("import", _edited(data, edit).name)
    assert result.exit_code == 1
    assert result.lines == [
        f'{F}:Program!E2: error: dimensi: harus salah satu dari: smart-governance, smart-branding, smart-economy, '
        'smart-living, smart-society, smart-environment, tetapi ditemukan "smart-govermance"; mungkin maksudnya '
        '"smart-governance"?',
        f'{F}:Anggaran!C2: error: jumlah: harus bilangan bulat Rupiah, tetapi ditemukan "Rp 150.000.000"; tulis '
        '150000000 (Rp150.000.000), tanpa "Rp", titik, koma atau tanda kutip',
        f"{F}:Pembaruan!D2: error: progres: harus antara 0 dan 100, tetapi ditemukan \"140\"",
    ]


def test_empty_row_between_data_is_skipped_with_a_warning(data: DataDir) -> None:
    before = _programs(data.regions / "kota-tegal")
    result = invoke("import", _edited(data, _insert_row("Program", 3)).name)
    assert result.exit_code == 0, result.lines
    assert result.lines == [
        f"{F}:Program!A3: warning: baris kosong di antara data dilewati; hapus baris itu",
        "Valid: 3 program, 1 peringatan; regions/kota-tegal/program.yaml ditulis.",
    ]
    assert _programs(data.regions / "kota-tegal") == before


def _refused(data: DataDir, name: str, message: str) -> None:
    before = (data.root / TEGAL_P).read_bytes()
    result = invoke("import", name, "--region", "kota-tegal")
    assert (result.exit_code, result.lines) == (1, [f"{name}: error: {message}"])
    assert (data.root / TEGAL_P).read_bytes() == before


def test_not_a_workbook(data: DataDir) -> None:
    (data.root / "catatan.xlsx").write_text("program:\n  - id: x\n", encoding="utf-8")
    _refused(data, "catatan.xlsx", "bukan lembar kerja .xlsx atau .ods")
    (data.root / "arsip.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 40)
    _refused(data, "arsip.xlsx", "lembar kerja rusak dan tidak dapat dibaca; buka di Excel atau LibreOffice lalu "
                                 "simpan ulang")


def test_old_xls_format(data: DataDir) -> None:
    (data.root / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    _refused(data, "lama.xls", "format .xls (Excel 97-2003) tidak didukung; buka berkasnya lalu simpan sebagai "
                               ".xlsx (Excel) atau .ods (LibreOffice)")


def test_password_protected_workbook(data: DataDir) -> None:
    plain = _export(data)
    with plain.open("rb") as source, (data.root / "rahasia.xlsx").open("wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("rahasia", target)
    _refused(data, "rahasia.xlsx", "berkas dilindungi kata sandi; buka berkasnya, hapus kata sandinya, simpan, "
                                   "lalu impor lagi")


def test_file_larger_than_the_limit(data: DataDir, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _export(data)
    monkeypatch.setattr(spreadsheet, "MAX_BYTES", path.stat().st_size - 1)
    _refused(data, path.name, f"berkas terlalu besar ({path.stat().st_size / 1024 / 1024:.1f} MB; paling besar "
                              "0 MB); satu lembar kerja berisi program satu wilayah saja")


def test_missing_sheet_and_unknown_region(data: DataDir) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        del wb["Indikator"]
        wb["Petunjuk"]["B3"] = "kota-tegall"
    result = invoke("import", _edited(data, edit).name)
    assert (result.exit_code, result.lines) == (1, [
        f'{F}: error: lembar "Indikator" tidak ada; jangan menghapus atau mengganti nama lembar',
        f'{F}: error: wilayah "kota-tegall" tidak ada di regions/; buat dulu dengan masterplan new',
    ])


@pytest.mark.parametrize("linked", ["folder", "file"])
def test_a_linked_region_or_program_file_is_never_written_through(data: DataDir, tmp_path: Path,
                                                                   linked: str) -> None:
    """issue 13's rule on the spreadsheet path: a region folder or program.yaml that is a symbolic link is
    refused before anything is read or written, and the link's target stays as it was."""
    path = _export(data)
    outside = tmp_path / "di-luar"
    folder = data.regions / "kota-tegal"
    if linked == "folder":
        folder.rename(outside)
        folder.symlink_to(outside, target_is_directory=True)
        target, shown = outside / "program.yaml", "regions/kota-tegal"
    else:
        outside.mkdir()
        (folder / "program.yaml").rename(outside / "program.yaml")
        (folder / "program.yaml").symlink_to(outside / "program.yaml")
        target, shown = outside / "program.yaml", "regions/kota-tegal/program.yaml"
    before = {p.name: p.read_bytes() for p in target.parent.iterdir()}
    result = invoke("import", path.name)
    assert result.exit_code == 1
    assert result.lines[0].startswith(f"{shown}: error: tautan simbolik (symlink) tidak diizinkan"), result.lines
    assert {p.name: p.read_bytes() for p in target.parent.iterdir()} == before


def test_workbook_of_another_region_with_region_option(data: DataDir) -> None:
    """``--region`` wins over the guide sheet; the agency codes are then the other region's."""
    path = _export(data)
    result = invoke("import", path.name, "--region", "kota-contoh-makmur")
    assert result.exit_code == 1
    assert result.lines[0] == (f'{F}: warning: lembar kerja ini dibuat untuk wilayah "kota-tegal", tetapi '
                               'diimpor ke "kota-contoh-makmur" sesuai --region')
    assert any(line.startswith(f'{F}:Program!I2: error: program "lapor-tegal": opd_terkait "bappeda" tidak ada di '
                               "daftar opd masterplan.yaml; yang terdaftar: ") for line in result.lines)


# ---------------------------------------------------------------- what the exported file holds


def test_export_has_dropdowns_number_rules_and_explained_frozen_headers(data: DataDir) -> None:
    wb = openpyxl.load_workbook(_export(data))
    assert wb.sheetnames == ["Petunjuk", "Program", "Anggaran", "Indikator", "Pembaruan", "Daftar"]
    assert wb["Daftar"].sheet_state == "hidden"
    rules = {}
    for name in ("Program", "Anggaran", "Indikator", "Pembaruan"):
        ws = wb[name]
        assert ws.freeze_panes == "B2"
        headers = [c.value for c in ws[1]]
        for dv in ws.data_validations.dataValidation:
            ref = str(dv.sqref)
            letters = re.match(r"[A-Z]+", ref)
            assert letters is not None
            column = headers[openpyxl.utils.column_index_from_string(letters.group()) - 1]
            if ref.endswith("1"):
                assert dv.showInputMessage and dv.prompt, (name, column)
            else:
                assert dv.prompt, (name, column)
                rules[(name, column)] = (dv.type, dv.operator, dv.formula1, dv.formula2, ref)
    assert rules[("Program", "dimensi")] == ("list", None, "Daftar!$B$2:$B$7", None, "E2:E5000")
    assert rules[("Program", "opd")] == ("list", None, "Daftar!$A$2:$A$3", None, "H2:H5000")
    assert [wb["Daftar"].cell(row=r, column=1).value for r in (1, 2, 3)] == ["opd", "diskominfo", "bappeda"]
    assert rules[("Program", "tahun_mulai")] == ("whole", "between", "1900", "2200", "J2:J5000")
    assert rules[("Program", "progres")] == ("whole", "between", "0", "100", "M2:M5000")
    assert rules[("Anggaran", "jumlah")] == ("whole", "greaterThanOrEqual", "0", None, "C2:C5000")
    assert rules[("Anggaran", "sumber")][0] == "list"
    assert rules[("Anggaran", "realisasi")] == ("whole", "greaterThanOrEqual", "0", None, "E2:E5000")
    assert rules[("Anggaran", "id")] == ("list", None, "Program!$A$2:$A$5000", None, "A2:A5000")
    assert rules[("Indikator", "target")][:2] == ("decimal", "between")
    assert rules[("Pembaruan", "tanggal")][:2] == ("date", "greaterThanOrEqual")
    for key in ("jenis", "status", "elemen"):
        assert rules[("Program", key)][0] == "list"
    budget = wb["Anggaran"]["C2"]
    assert (budget.value, budget.data_type, budget.number_format) == (150000000, "n", "#,##0")
    date = wb["Pembaruan"]["B2"]
    assert (date.value, date.number_format) == (dt.datetime(2024, 3, 1), "yyyy-mm-dd")
    assert wb["Program"]["I2"].value == "bappeda"
    assert wb["Petunjuk"]["B3"].value == "kota-tegal"
    assert wb["Program"].column_dimensions["C"].width >= 20


def _sheet_xml(path: Path, sheet: str) -> str:
    """The raw XML of a sheet as saved, found through the workbook's relationships."""
    with zipfile.ZipFile(path) as archive:
        book = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="([^"]+)"', book)
        assert rid is not None
        target = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"|'
                           rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
        assert target is not None
        part = (target.group(1) or target.group(2)).lstrip("/")
        return archive.read(part if part.startswith("xl/") else f"xl/{part}").decode()


def test_program_id_column_takes_new_ids(data: DataDir) -> None:
    """Program!A has an input message but no rule that refuses a new id; the child sheets pick from it."""
    path = _export(data)
    wb = openpyxl.load_workbook(path)
    id_rules = [dv for dv in wb["Program"].data_validations.dataValidation if str(dv.sqref) == "A2:A5000"]
    assert [(dv.type, dv.formula1, dv.showErrorMessage, bool(dv.prompt)) for dv in id_rules] == [
        (None, None, False, True)]
    for child in ("Anggaran", "Indikator", "Pembaruan"):
        rules = [(dv.type, dv.formula1) for dv in wb[child].data_validations.dataValidation
                 if str(dv.sqref) == "A2:A5000"]
        assert rules == [("list", "Program!$A$2:$A$5000")], child
    # The saved XML itself: no list rule at all on Program, the list rule on each child sheet.
    program = _sheet_xml(path, "Program")
    assert 'type="list"' in program  # dimensi, opd...
    assert "Program!$A$2" not in program
    assert re.search(r'<dataValidation [^>]*sqref="A2:A5000"', program) is not None
    assert re.search(r'<dataValidation [^>]*type="list"[^>]*sqref="A2:A5000"', program) is None
    assert "<formula1>Program!$A$2:$A$5000</formula1>" in _sheet_xml(path, "Anggaran")
    # A new programme typed into the template, with its budget on Anggaran, imports.
    _append("Program", "wifi-taman", None, "Wifi Taman Kota", None, "smart-living", "mobilitas", "jangka-pendek",
            "diskominfo", None, 2026, 2027, "rencana", 0)(wb)
    _append("Anggaran", "wifi-taman", 2026, 50000000, "APBD")(wb)
    wb.save(path)
    result = invoke("import", path.name)
    assert result.lines == ["Valid: 4 program, 0 peringatan; regions/kota-tegal/program.yaml ditulis."]


def test_comment_block_at_the_top_is_kept_and_other_comments_are_warned(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "regions").mkdir()
    assert invoke("new", "33.76").exit_code == 0
    folder = tmp_path / "regions/kota-tegal"
    plan = folder / "masterplan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "opd: []", "opd:\n  - kode: diskominfo\n    nama: Dinas Komunikasi dan Informatika"), encoding="utf-8")
    assert invoke("export", "kota-tegal").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "kota-tegal.xlsx")
    _append("Program", "wifi-taman", None, "Wifi Taman Kota", None, "smart-living", "mobilitas", "jangka-pendek",
            "diskominfo", None, 2027, 2028, "rencana", 0)(wb)
    wb.save(tmp_path / "kota-tegal.xlsx")
    first = invoke("import", "kota-tegal.xlsx")
    assert first.lines == ["Valid: 1 program, 0 peringatan; regions/kota-tegal/program.yaml ditulis."]
    written = (folder / "program.yaml").read_text(encoding="utf-8")
    assert written.startswith("# Program masterplan smart city Kota Tegal. Tambahkan program sebagai butir daftar "
                              "di bawah.\nprogram:\n  - id: wifi-taman\n")
    assert invoke("import", "kota-tegal.xlsx").lines == [
        "Valid: 1 program, 0 peringatan; regions/kota-tegal/program.yaml tidak berubah."]
    # A comment between the programmes is the one that would be lost, and the warning points at it.
    (folder / "program.yaml").write_text(written.replace("    nama: Wifi", "    # cek anggaran\n    nama: Wifi"),
                                         encoding="utf-8")
    again = invoke("import", "kota-tegal.xlsx")
    assert again.lines == [
        "regions/kota-tegal/program.yaml:4:5: warning: komentar ini (dan komentar sesudahnya) tidak disimpan: "
        "program.yaml ditulis ulang dari lembar kerja dan hanya komentar di awal berkas yang dipertahankan; teks "
        "lamanya masih ada di riwayat git hanya bila berkas sudah di-commit",
        "Valid: 1 program, 1 peringatan; regions/kota-tegal/program.yaml ditulis."]
    assert (folder / "program.yaml").read_text(encoding="utf-8") == written


def test_leading_comments() -> None:
    assert yaml_writer.leading_comments("# a\n\n# b\nprogram: []\n# c\n") == "# a\n\n# b\n"
    assert yaml_writer.leading_comments("\n\nprogram: []\n") == ""
    assert yaml_writer.leading_comments("program: [] # a\n") == ""
    assert yaml_writer.leading_comments("# only") == "# only\n"
    assert yaml_writer.dropped_comment("# a\nprogram: [] # b\n") == (2, 13)
    assert yaml_writer.dropped_comment("# a\n# b\nprogram: []\n") is None


def test_text_that_looks_like_a_formula_stays_text(data: DataDir) -> None:
    path = _edited(data, _set("Program", "C2", "=HYPERLINK(\"http://x\")", as_text=True))
    assert invoke("import", path.name).exit_code == 0
    assert "    nama: =HYPERLINK(\"http://x\")\n" in (data.root / TEGAL_P).read_text(encoding="utf-8")
    cell = openpyxl.load_workbook(_export(data, "lagi.xlsx"))["Program"]["C2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=HYPERLINK(\"http://x\")", "s", True)
    again = invoke("import", "lagi.xlsx")
    assert again.lines[-1] == "Valid: 3 program, 0 peringatan; regions/kota-tegal/program.yaml tidak berubah."


def test_export_of_an_invalid_region_writes_nothing(data: DataDir) -> None:
    data.edit("kota-tegal/program.yaml", "jumlah: 150000000", 'jumlah: "Rp 150.000.000"')
    result = invoke("export", "kota-tegal")
    assert result.exit_code == 1
    assert result.lines == [
        'regions/kota-tegal/program.yaml:15:17: error: program "lapor-tegal".anggaran[0].jumlah: harus bilangan '
        'bulat Rupiah, tetapi ditemukan "Rp 150.000.000"; tulis jumlah: 150000000 (Rp150.000.000), tanpa "Rp", '
        'titik, koma atau tanda kutip']
    assert not (data.root / "kota-tegal.xlsx").exists()


def test_empty_region_gives_the_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "regions").mkdir()
    assert invoke("new", "33.76").exit_code == 0
    result = invoke("export", "kota-tegal")
    assert result.lines == ["Lembar kerja ditulis: kota-tegal.xlsx (0 program)."]
    wb = openpyxl.load_workbook(tmp_path / "kota-tegal.xlsx")
    assert [c.value for c in wb["Anggaran"][1]] == ["id", "tahun", "jumlah", "sumber", "realisasi"]
    assert wb["Program"].max_row == 1
    imported = invoke("import", "kota-tegal.xlsx")
    assert imported.exit_code == 0, imported.lines
    assert imported.lines == ["Valid: 0 program, 0 peringatan; regions/kota-tegal/program.yaml tidak berubah."]
    assert (tmp_path / "regions/kota-tegal/program.yaml").read_text(encoding="utf-8") == (
        "# Program masterplan smart city Kota Tegal. Tambahkan program sebagai butir daftar di bawah.\n"
        "program: []\n")


def test_columns_follow_the_schema() -> None:
    sheets = {sheet.name: [c.key for c in sheet.columns] for sheet in spreadsheet.layout()}
    assert sheets == {
        "Program": ["id", "id_lama", "nama", "uraian", "dimensi", "elemen", "jenis", "opd", "opd_terkait",
                    "tahun_mulai", "tahun_selesai", "status", "progres", "bukti", "tahun_selesai_awal"],
        "Anggaran": ["id", "tahun", "jumlah", "sumber", "realisasi"],
        "Indikator": ["id", "nama", "satuan", "target", "capaian", "tahun"],
        "Pembaruan": ["id", "tanggal", "status", "progres", "catatan", "bukti"],
    }


# ---------------------------------------------------------------- round trips


def _round_trip(regions: Path, slug: str, workdir: Path) -> None:
    """Export and import a region: same data; a second pass gives the very same bytes."""
    folder = regions / slug
    before = _programs(folder)
    options = validate.Options(today=TODAY)
    for attempt in range(2):
        book = workdir / f"{slug}-{attempt}.xlsx"
        count, problems = spreadsheet.export_region(folder, slug, options, book)
        assert count == len(before), problems
        written = folder.joinpath("program.yaml").read_bytes()
        result = spreadsheet.import_workbook(book, book.name, regions, "regions", options)
        assert result.errors == 0, [p.format_text() for p in result.problems]
        assert _programs(folder) == before
        if attempt == 1:
            assert not result.changed
            assert folder.joinpath("program.yaml").read_bytes() == written


def test_every_bundled_region_round_trips(tmp_path: Path) -> None:
    regions = tmp_path / "regions"
    shutil.copytree(REPO / "regions", regions)
    for folder in validate.region_folders(regions):
        _round_trip(regions, folder.name, tmp_path)


def test_synthetic_regions_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "synth.py"), str(out), "--regions", "30",
                    "--programs", "12"], check=True, capture_output=True)
    for folder in validate.region_folders(out):
        _round_trip(out, folder.name, tmp_path)


def test_tool_written_yaml_reads_as_a_person_would_write_it(data: DataDir) -> None:
    invoke("import", _export(data).name)
    text = (data.root / TEGAL_P).read_text(encoding="utf-8")
    assert text.startswith("# Tiga program uji. Nomor baris berkas ini dipakai tests/test_check.py.\nprogram:\n")
    assert "program:\n  - id: lapor-tegal\n    nama: Aplikasi Pengaduan Warga\n    dimensi: smart-governance\n" in text
    assert "    opd_terkait:\n      - bappeda\n" in text
    assert "\n\n  - id: satu-data-tegal\n    id_lama:\n      - portal-data-tegal\n" in text
    assert "      - tanggal: 2024-03-01\n" in text
    assert '"' not in text and "'" not in text
    assert yaml_writer.dropped_comment(text) is None


# ---------------------------------------------------------------- a real spreadsheet program


def _soffice(target: str, source: Path, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as home:
        subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", target, "--outdir", str(out),
                        str(source)], check=True, capture_output=True, timeout=180, env={"HOME": home,
                                                                                         "PATH": "/usr/bin:/bin"})
    converted = out / f"{source.stem}.{target.split(':')[0]}"
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
    return converted


def test_workbook_saved_by_libreoffice_imports_to_the_same_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 ) -> None:
    regions = tmp_path / "regions"
    shutil.copytree(REPO / "regions", regions)
    monkeypatch.chdir(tmp_path)
    folder = regions / "kota-harapan-jaya"
    before = _programs(folder)
    assert invoke("export", "kota-harapan-jaya").exit_code == 0
    first = invoke("import", "kota-harapan-jaya.xlsx")
    assert first.exit_code == 0, first.lines
    written = folder.joinpath("program.yaml").read_bytes()
    calc = tmp_path / "calc"
    xlsx = _soffice("xlsx:Calc MS Excel 2007 XML", tmp_path / "kota-harapan-jaya.xlsx", calc)
    ods = _soffice("ods", tmp_path / "kota-harapan-jaya.xlsx", calc)
    # LibreOffice keeps the dropdowns and the number rules
    wb = openpyxl.load_workbook(xlsx)
    types = {(str(dv.sqref).split(":")[0], dv.type) for dv in wb["Anggaran"].data_validations.dataValidation}
    assert {("A2", "list"), ("B2", "whole"), ("C2", "whole"), ("D2", "list")} <= types
    # ...and in LibreOffice's copy Program's id column still refuses nothing: a new id can be typed
    program = {(str(dv.sqref).split(":")[0], dv.type, dv.showErrorMessage)
               for dv in wb["Program"].data_validations.dataValidation}
    assert ("E2", "list", True) in program
    assert not [rule for rule in program if rule[0] == "A2" and (rule[1] not in (None, "none") or rule[2])], program
    for copy in (xlsx, ods):
        result = invoke("import", str(copy.relative_to(tmp_path)))
        # The demo region's late programme is listed as information, as check lists it.
        assert [line for line in result.lines if ": info: " not in line] == [
            "Valid: 20 program, 0 peringatan; regions/kota-harapan-jaya/program.yaml tidak berubah."], copy
        assert folder.joinpath("program.yaml").read_bytes() == written
    assert _programs(folder) == before
    # a formula and a merged range in LibreOffice's own format are refused with their cells
    book = openpyxl.load_workbook(tmp_path / "kota-harapan-jaya.xlsx")
    book["Anggaran"]["C3"] = "=C2*2"
    book["Program"].merge_cells("E3:E4")
    _percent("Pembaruan", "D2", 0.4)(book)
    book.save(tmp_path / "rumus.xlsx")
    result = invoke("import", str(_soffice("ods", tmp_path / "rumus.xlsx", calc).relative_to(tmp_path)))
    assert [line for line in result.lines if ": info: " not in line] == [
        "calc/rumus.ods:Program!E3: error: sel gabungan E3:E4 tidak diizinkan; pisahkan selnya (Unmerge) lalu isi "
        "setiap sel sendiri-sendiri",
        'calc/rumus.ods:Anggaran!C3: error: sel berisi rumus "=[.C2]*2"; data harus berupa nilai: salin sel lalu '
        "tempel sebagai nilai saja (Tempel Spesial › Hanya Nilai)",
        "calc/rumus.ods:Pembaruan!D2: error: progres: sel berformat persen: 40% tersimpan sebagai 0.4; tulis 40 di "
        "sel berformat Angka, tanpa format %",
    ]


def test_new_tells_both_paths(tmp_path: Path) -> None:
    regions = tmp_path / "regions"
    regions.mkdir()
    result = CliRunner().invoke(cli, ["new", "33.28", "--regions", str(regions)])
    assert result.output.splitlines()[1] == (
        f"Lewat lembar kerja: isi daftar opd di {regions}/kabupaten-tegal/masterplan.yaml, lalu jalankan "
        f"masterplan export kabupaten-tegal --regions {regions}, bagikan berkas kabupaten-tegal.xlsx ke OPD, dan "
        f"masukkan hasilnya dengan masterplan import kabupaten-tegal.xlsx --regions {regions}")


# ---------------------------------------------------------------- the YAML writer on awkward text


AWKWARD = ["yes", "no", "2021", "0x1F", "1.5", "~", "null", "- daftar", "a: b", "nilai #1", "#tagar", "'kutip'",
           '"ganda"', "  spasi depan", "spasi belakang ", "baris\nkedua", "baris\n\nkosong\n", "akhir\n\n",
           "tab\tdi tengah", "\tawal tab", "ruang\u00a0tak putus", "@pengguna", "=1+1", "*bintang", "&jangkar",
           "!tag", "%persen", "`petik`", "{kurawal}", "[siku]", "? tanya", ":awal", "akhir:", "Ünïcödé ✓",
           "baris\n  menjorok\n", "  \nbaris", "x\r", "2024-01-02", "true", "NO", "on", "1_000", ".5", "+1"]


@pytest.mark.parametrize("text", AWKWARD)
def test_writer_keeps_any_text_exactly(data: DataDir, text: str) -> None:
    """Whatever an agency types into a text cell reads back from program.yaml as the same text."""
    folder = data.regions / "kota-tegal"
    programs = _programs(folder)
    changed = (dataclasses.replace(programs[0], nama=text, uraian=text), *programs[1:])
    options = validate.Options(today=TODAY)
    plan, _problems = validate.load_plan(folder, "m", options)
    assert plan is not None
    written = yaml_writer.program_yaml(changed, "Kota Tegal")
    source = yaml_source.parse_text("p", written)
    assert source.root is not None, (written, source.problems)
    again, problems = validate.check_program_tree(source.root, "p", plan, options)
    assert again == changed, problems


def test_awkward_text_survives_the_workbook(data: DataDir) -> None:
    """Every awkward text, as nama and uraian of its own programme, comes back unchanged from a workbook.

    Line ends are the one exception by design: a carriage return typed in a cell is read as a line end.
    """
    folder = data.regions / "kota-tegal"
    first = _programs(folder)[0]
    assert isinstance(first, m.Program)
    texts = [t for t in AWKWARD if "\r" not in t]
    programs = tuple(dataclasses.replace(first, id=f"uji-{i}", nama=t, uraian=t) for i, t in enumerate(texts))
    (folder / "program.yaml").write_text(yaml_writer.program_yaml(programs, "Kota Tegal"), encoding="utf-8")
    assert _programs(folder) == programs
    assert invoke("export", "kota-tegal", "--output", "uji.xlsx").exit_code == 0
    result = invoke("import", "uji.xlsx")
    assert result.lines == [f"Valid: {len(texts)} program, 0 peringatan; regions/kota-tegal/program.yaml "
                            "tidak berubah."]
    assert _programs(folder) == programs


def test_usage_errors_exit_2(data: DataDir) -> None:
    assert invoke("import", "tidak-ada.xlsx").exit_code == 2
    assert invoke("export", "kota-entah").exit_code == 2
    assert invoke("export", "kota-tegal", "--output", "kota-tegal.csv").exit_code == 2
    assert invoke("export", "../regions").exit_code == 2


def test_unpacked_size_over_the_limit(data: DataDir, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _export(data)
    monkeypatch.setattr(spreadsheet, "MAX_UNPACKED", 1000)
    _refused(data, path.name, "isi berkas terlalu besar setelah dibuka; satu lembar kerja berisi program satu "
                              "wilayah saja")


def test_invalid_masterplan_blocks_the_import(data: DataDir) -> None:
    path = _export(data)
    data.edit("kota-tegal/masterplan.yaml", "kode: bappeda", "kode: Bappeda")
    before = (data.root / TEGAL_P).read_bytes()
    result = invoke("import", path.name)
    assert result.exit_code == 1
    assert result.lines[0].startswith("regions/kota-tegal/masterplan.yaml:")
    assert "opd[1].kode: harus berformat" in result.lines[0]
    assert (data.root / TEGAL_P).read_bytes() == before


def test_export_default_name_and_import_without_change(data: DataDir) -> None:
    assert invoke("export", "kota-tegal").lines == ["Lembar kerja ditulis: kota-tegal.xlsx (3 program)."]
    first = invoke("import", "kota-tegal.xlsx")
    assert first.lines == ["Valid: 3 program, 0 peringatan; regions/kota-tegal/program.yaml ditulis."]
    assert invoke("export", "kota-tegal").exit_code == 0
    again = invoke("import", "kota-tegal.xlsx")
    assert again.lines == ["Valid: 3 program, 0 peringatan; regions/kota-tegal/program.yaml tidak berubah."]


def test_a_writer_that_changed_the_data_writes_nothing(data: DataDir, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text about to be written is read back and compared: a difference is refused, never written."""
    path = _export(data)
    before = (data.root / TEGAL_P).read_bytes()
    real = yaml_writer.program_yaml
    monkeypatch.setattr(yaml_writer, "program_yaml",
                        lambda programs, name, header: real(programs, name, header).replace("150000000", "15000000"))
    with pytest.raises(MasterplanError, match="tidak sama dengan isi lembar kerja"):
        invoke("import", path.name)
    assert (data.root / TEGAL_P).read_bytes() == before


def test_exported_workbook_in_the_repository_root_is_not_committed(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`masterplan export` run in the repository root leaves <slug>.xlsx there: `git add .` must skip it."""
    shutil.copy(REPO / ".gitignore", tmp_path / ".gitignore")
    shutil.copytree(REPO / "tests" / "data" / "valid", tmp_path / "regions")
    monkeypatch.chdir(tmp_path)
    assert invoke("export", "kota-tegal").exit_code == 0
    (tmp_path / "kota-tegal.ods").write_bytes(b"")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=tmp_path, check=True,
                            capture_output=True, text=True).stdout.split()
    assert "regions/kota-tegal/program.yaml" in staged
    assert [name for name in staged if name.endswith((".xlsx", ".ods"))] == []
