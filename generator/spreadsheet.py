"""program.yaml ↔ workbook: the spreadsheet path for agencies that work in Excel or LibreOffice Calc.

Export writes the validated programmes as an XLSX workbook whose sheets and column headers come from
the declarations in ``schema.py`` (a key added there gets its column without a change here). Import
reads an XLSX or ODS workbook into the same YAML node tree the loader would give for program.yaml,
every node's mark pointing at its cell, runs the one validator over it, and reports every problem as
``FILE:Sheet!C7: error: ...``. Nothing is written unless the whole workbook is valid.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from xml.etree import ElementTree

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from generator import model as m
from generator import register, validate, yaml_source, yaml_writer
from generator import schema as s
from generator.errors import MasterplanError, Problem, Severity

GUIDE_SHEET: Final = "Petunjuk"
LISTS_SHEET: Final = "Daftar"
PROGRAM_SHEET: Final = "Program"
REGION_LABEL: Final = "wilayah"
"""Label in column A of the guide sheet; column B holds the region's folder name."""
MAX_BYTES: Final = 20 * 1024 * 1024
"""A workbook of a whole national plan is far smaller; anything larger is refused before it is opened."""
MAX_UNPACKED: Final = 200 * 1024 * 1024
"""Limit on the unpacked size of the workbook's parts (a zip bomb is refused, not unpacked)."""
VALIDATED_ROWS: Final = 5000
"""Rows that get the dropdowns and number rules (data row 2 up to this one)."""
_COL_BASE: Final = 100_000
"""A synthesised mark's column is sheet index × this + the sheet column."""

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_DATE = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class SpreadsheetError(MasterplanError):
    """The export cannot be written (an I/O failure, not a data problem)."""


# ---------------------------------------------------------------- layout from the declarations


@dataclass(frozen=True)
class Column:
    """A column of a data sheet: one key of a record."""

    key: str
    kind: s.Kind
    required: bool
    description: str


@dataclass(frozen=True)
class SheetLayout:
    """A data sheet: the programme sheet, or one sheet per list of records in a programme."""

    name: str
    list_key: str | None
    """The programme key whose items are this sheet's rows; ``None`` for the programme sheet."""
    columns: tuple[Column, ...]


def _record_list(kind: s.Kind) -> s.Record | None:
    if isinstance(kind, s.ListOf) and isinstance(kind.item, s.Record):
        return kind.item
    return None


def layout() -> tuple[SheetLayout, ...]:
    """The data sheets, derived from ``schema.PROGRAM``: scalar keys on Program, record lists on their own."""
    fields = s.PROGRAM.fields
    program = tuple(Column(k, f.kind, f.required, f.description) for k, f in fields.items()
                    if _record_list(f.kind) is None)
    sheets = [SheetLayout(PROGRAM_SHEET, None, program)]
    for key, f in fields.items():
        record = _record_list(f.kind)
        if record is not None:
            columns = (Column("id", s.PROGRAM_ID, True, "id program dari lembar Program"),
                       *(Column(k, g.kind, g.required, g.description) for k, g in record.fields.items()))
            sheets.append(SheetLayout(key.capitalize(), key, columns))
    return tuple(sheets)


def _split_pattern(kind: s.ListOf) -> re.Pattern[str]:
    # Addresses may hold commas; no item of a one-cell list may hold whitespace.
    return re.compile(r"\s+") if isinstance(kind.item, s.Url) else re.compile(r"[\s,]+")


def _help(column: Column, agencies: Sequence[m.Agency]) -> str:
    """The column's input message, in the words of the format reference."""
    parts = [column.description.rstrip(".") + "." if column.description else ""]
    kind = column.kind
    if isinstance(kind, s.ListOf):
        if isinstance(kind.item, s.Url):
            parts.append("Alamat lengkap diawali https://; beberapa alamat: satu per baris (Alt+Enter) "
                         "atau dipisah spasi.")
        else:
            parts.append("Beberapa nilai dalam satu sel, dipisah koma.")
            if kind.item is s.AGENCY_CODE:
                parts.append("Kode OPD: lihat lembar Petunjuk.")
            elif isinstance(kind.item, s.Text) and kind.item.pattern_hint:
                parts.append(f"Format: {kind.item.pattern_hint}.")
    elif kind is s.AGENCY_CODE:
        parts.append("Pilih kode OPD dari daftar." if agencies else
                     "Kode OPD dari daftar opd masterplan.yaml (daftar itu masih kosong).")
    elif isinstance(kind, s.Enum):
        parts.append("Pilih dari daftar.")
    elif isinstance(kind, s.Rupiah):
        parts.append("Rupiah, angka bulat tanpa Rp dan titik, mis. 250000000 (tampil 250.000.000).")
    elif isinstance(kind, s.Integer):
        if kind.minimum is not None and kind.maximum is not None:
            parts.append(f"Angka bulat {kind.minimum}–{kind.maximum}.")
        else:
            parts.append("Angka bulat.")
    elif isinstance(kind, s.Number):
        parts.append("Angka, boleh desimal.")
    elif isinstance(kind, s.Date):
        parts.append("Tanggal, mis. 2024-03-31 (isi sebagai tanggal, bukan teks).")
    elif isinstance(kind, s.Url):
        parts.append("Alamat lengkap diawali https://.")
    elif isinstance(kind, s.Boolean):
        parts.append("TRUE atau FALSE.")
    elif isinstance(kind, s.Text) and kind.pattern_hint:
        parts.append(f"Format: {kind.pattern_hint}.")
    else:
        parts.append("Teks.")
    parts.append("Wajib diisi." if column.required else "Boleh kosong.")
    text = " ".join(p for p in parts if p)
    return text if len(text) <= 255 else text[:252] + "..."


# ---------------------------------------------------------------- export


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TITLE_FONT = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_FORMULA_START = ("=", "+", "-", "@")
_NUMBER_LIKE = re.compile(r"\s*[-+]?[0-9][0-9.,]*\s*")


def _cell_items(kind: s.Kind, value: Any) -> Any:
    """The value a cell holds for ``value`` of ``kind`` (``None`` for an empty cell)."""
    if value is None or value == ():
        return None
    if isinstance(kind, s.ListOf):
        separator = "\n" if isinstance(kind.item, s.Url) else ", "
        return separator.join(str(v) for v in value)
    if isinstance(kind, s.Number):
        return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
    return value


def _put(ws: Worksheet, row: int, col: int, kind: s.Kind, value: Any) -> int:
    """Write one cell; returns the width its longest line needs."""
    shown = _cell_items(kind, value)
    if shown is None:
        return 0
    cell = ws.cell(row=row, column=col)
    cell.value = shown
    if isinstance(shown, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        cell.number_format = "@"
        if shown.startswith(_FORMULA_START) or _NUMBER_LIKE.fullmatch(shown):
            cell.quotePrefix = True  # the spreadsheet keeps it text when the cell is edited
        return max(len(line) for line in shown.split("\n"))
    if isinstance(kind, s.Rupiah):
        cell.number_format = "#,##0"
        return len(f"{shown:,}")
    if isinstance(kind, s.Date):
        cell.number_format = "yyyy-mm-dd"
        return 10
    return len(str(shown))


def _rule(column: Column, child: bool, lists: dict[tuple[str, ...], str],
          agencies: tuple[str, ...]) -> DataValidation:
    """The column's rule; ``child`` for a sheet whose rows belong to a programme of the Program sheet."""
    kind = column.kind
    options: dict[str, Any] = {}
    if kind is s.AGENCY_CODE and agencies:
        options = {"type": "list", "formula1": lists[agencies]}
    elif isinstance(kind, s.Enum):
        options = {"type": "list", "formula1": lists[kind.values]}
    elif column.key == "id" and kind is s.PROGRAM_ID and child:
        # Only the child sheets pick an existing programme; Program's own id column takes new ids.
        options = {"type": "list", "formula1": f"{PROGRAM_SHEET}!$A$2:$A${VALIDATED_ROWS}"}
    elif isinstance(kind, s.Rupiah):
        options = {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"}
    elif isinstance(kind, s.Integer):
        low = kind.minimum if kind.minimum is not None else -10**12
        high = kind.maximum if kind.maximum is not None else 10**12
        options = {"type": "whole", "operator": "between", "formula1": str(low), "formula2": str(high)}
    elif isinstance(kind, s.Number):
        low_f = kind.minimum if kind.minimum is not None else -10**15
        high_f = kind.maximum if kind.maximum is not None else 10**15
        options = {"type": "decimal", "operator": "between", "formula1": f"{low_f:g}", "formula2": f"{high_f:g}"}
    elif isinstance(kind, s.Date):
        options = {"type": "date", "operator": "greaterThanOrEqual", "formula1": "1"}
    return DataValidation(**options, allow_blank=True, showInputMessage=True, showErrorMessage=bool(options),
                          promptTitle=column.key[:32], prompt="", errorTitle=column.key[:32], error="")


def _guide(ws: Worksheet, slug: str, region_name: str, plan: m.Masterplan) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    ws["A1"] = f"Program masterplan smart city {region_name}"
    ws["A1"].font = _TITLE_FONT
    ws["A3"] = REGION_LABEL
    ws["A3"].font = _HEADER_FONT
    ws["B3"] = slug
    ws["B3"].data_type = "s"
    ws["A4"] = "catatan"
    ws["B4"] = ("Jangan ubah sel B3: isinya menentukan folder regions/" + slug +
                "/ tempat program.yaml ditulis saat impor.")
    steps = (
        "Setiap program satu baris di lembar Program. Kolom id adalah pengenal tetap (huruf kecil, angka dan "
        "tanda '-', mis. aplikasi-lapor-warga) yang menjadi alamat halaman: jangan ubah id program yang sudah "
        "terbit (pindahkan id lama ke kolom id_lama).",
        "Anggaran, indikator dan pembaruan: satu baris per butir di lembar Anggaran, Indikator dan Pembaruan, "
        "dihubungkan ke program lewat kolom id.",
        "Baris 1 setiap lembar berisi nama kunci format data: jangan diubah, dihapus atau diganti namanya. "
        "Klik sebuah sel untuk melihat penjelasan kolomnya.",
        "Kolom dimensi, elemen, jenis, opd, status dan sumber: pilih dari daftar tarik-turun.",
        "Tahun, progres dan jumlah Rupiah: angka bulat. Jumlah ditulis tanpa Rp dan tanpa titik "
        "(mis. 250000000); tampilannya memakai pemisah ribuan.",
        "Tanggal: isi sebagai tanggal (mis. 2024-03-31), bukan teks.",
        "Beberapa kode OPD atau id lama dalam satu sel: pisahkan dengan koma (mis. bappeda, diskominfo). "
        "Beberapa alamat bukti: satu alamat per baris (Alt+Enter) atau pisahkan dengan spasi.",
        "Jangan memakai rumus, menggabungkan sel (merge) atau menyisipkan baris kosong di antara data: "
        "saat impor rumus dan sel gabungan ditolak dengan pesan yang menyebut selnya.",
        "Simpan sebagai .xlsx, atau .ods di LibreOffice, lalu kirim ke editor data Diskominfo. Editor "
        "menjalankan: masterplan import <berkas>. Bila ada kesalahan, setiap pesan menyebut lembar dan selnya, "
        "mis. Anggaran!C7, dan tidak ada yang ditulis sampai semuanya benar.",
    )
    ws["A6"] = "Cara mengisi"
    ws["A6"].font = _HEADER_FONT
    row = 7
    for i, step in enumerate(steps, start=1):
        ws.cell(row=row, column=1, value=f"{i}.").alignment = _TOP
        ws.cell(row=row, column=2, value=step).alignment = _WRAP
        ws.row_dimensions[row].height = 15 * -(-len(step) // 95)  # room for the wrapped lines
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Kode OPD").font = _HEADER_FONT
    ws.cell(row=row, column=2, value="Nama OPD (dari masterplan.yaml)").font = _HEADER_FONT
    row += 1
    if not plan.opd:
        ws.cell(row=row, column=2, value="Daftar opd di masterplan.yaml masih kosong: isi dulu sebelum program.")
    for agency in plan.opd:
        ws.cell(row=row, column=1, value=agency.kode).data_type = "s"
        ws.cell(row=row, column=2, value=agency.nama).data_type = "s"
        row += 1


def _lists_sheet(wb: Workbook, sheets: Sequence[SheetLayout], agencies: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """A hidden sheet holding each dropdown's values; returns the range of each list."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    wanted: dict[tuple[str, ...], str] = {}
    if agencies:
        wanted[agencies] = "opd"
    for sheet in sheets:
        for column in sheet.columns:
            if isinstance(column.kind, s.Enum) and column.kind.values not in wanted:
                wanted[column.kind.values] = column.key
    ranges: dict[tuple[str, ...], str] = {}
    for col, (values, name) in enumerate(wanted.items(), start=1):
        letter = get_column_letter(col)
        ws.cell(row=1, column=col, value=name)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=col, value=value).data_type = "s"
        ranges[values] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def build_workbook(programs: Sequence[m.Program], plan: m.Masterplan, slug: str, region_name: str) -> Workbook:
    """The workbook for these programmes: guide, one sheet per layout, hidden dropdown lists."""
    wb = Workbook()
    guide = wb.active
    assert isinstance(guide, Worksheet)
    guide.title = GUIDE_SHEET
    _guide(guide, slug, region_name, plan)
    sheets = layout()
    agencies = tuple(a.kode for a in plan.opd)
    data_sheets = [wb.create_sheet(sheet.name) for sheet in sheets]
    lists = _lists_sheet(wb, sheets, agencies)
    for ws, sheet in zip(data_sheets, sheets, strict=True):
        widths = [len(c.key) for c in sheet.columns]
        row = 2
        for program in programs:
            items: Iterable[Any] = [program] if sheet.list_key is None else getattr(program, sheet.list_key)
            for item in items:
                for col, column in enumerate(sheet.columns, start=1):
                    value = program.id if sheet.list_key is not None and col == 1 else getattr(item, column.key)
                    widths[col - 1] = max(widths[col - 1], _put(ws, row, col, column.kind, value))
                row += 1
        for col, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(col)
            header = ws.cell(row=1, column=col, value=column.key)
            header.font = _HEADER_FONT
            header.fill = _HEADER_FILL
            text = _help(column, plan.opd)
            note = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=column.key[:32], prompt=text)
            note.add(f"{letter}1")
            ws.add_data_validation(note)
            rule = _rule(column, sheet.list_key is not None, lists, agencies)
            rule.prompt = text
            rule.error = text
            rule.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            ws.add_data_validation(rule)
            ws.column_dimensions[letter].width = min(max(widths[col - 1], 8) + 2, 60)
            if isinstance(column.kind, s.Rupiah):
                ws.column_dimensions[letter].number_format = "#,##0"
            elif isinstance(column.kind, s.Date):
                ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        ws.freeze_panes = "B2"
    for ws in (guide, *data_sheets):
        # Printed (or saved as PDF) the sheets keep their look: landscape, grid, headings, header row on each page.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        if ws is guide:
            ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
        else:
            ws.page_setup.scale = 60
        ws.print_options.gridLines = ws is not guide
        ws.print_options.headings = ws is not guide
        ws.print_title_rows = "1:1" if ws is not guide else None
    wb.active = 0
    return wb


def region_name(plan: m.Masterplan) -> str:
    """The region's name as the register (or, for a demo region, masterplan.yaml) gives it."""
    found = register.lookup(plan.kode_wilayah)
    if found is not None and not plan.contoh:
        return found.nama
    return plan.nama or plan.kode_wilayah


def _atomic_write(target: Path, write: Any) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def export_region(folder: Path, display: str, options: validate.Options,
                  output: Path) -> tuple[int | None, list[Problem]]:
    """Write the region's programmes to ``output``; returns the programme count (``None`` when the
    region's data has errors and nothing was written) and the problems found."""
    plan, problems = validate.load_plan(folder, f"{display}/masterplan.yaml", options)
    if plan is None:
        return None, problems
    programs: tuple[m.Program, ...] = ()
    program_file = folder / "program.yaml"
    if program_file.is_file():
        source = yaml_source.load_file(program_file, f"{display}/program.yaml")
        if source.root is None:
            return None, problems + source.problems
        checked, found = validate.check_program_tree(source.root, f"{display}/program.yaml", plan, options)
        problems += found
        if checked is None:
            return None, problems
        programs = checked
    wb = build_workbook(programs, plan, folder.name, region_name(plan))
    try:
        _atomic_write(output, wb.save)
    except OSError as exc:
        raise SpreadsheetError(f"{output} tidak dapat ditulis ({exc.strerror})") from exc
    return len(programs), problems


# ---------------------------------------------------------------- reading a workbook


@dataclass
class SheetData:
    """The cells of one sheet as read from the file (values only, 1-based positions)."""

    name: str
    rows: list[list[Any]]
    """``rows[r - 1][c - 1]`` is cell (r, c); rows may be shorter than others."""
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column) of each merged range."""
    percent: set[tuple[int, int]] = field(default_factory=set)
    """Cells shown as a percentage: 40% is stored as 0.4, which is not what the editor meant."""


class _Unreadable(Exception):
    """The file is not a workbook this tool can read; the message says why, for the user."""


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _normalise(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
        return value if value.strip() else None
    return value


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")


def _position(ref: str) -> tuple[int, int]:
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        raise _Unreadable("lembar kerja rusak dan tidak dapat dibaca; buka di Excel atau LibreOffice lalu simpan ulang")
    return int(match.group(2)), column_index_from_string(match.group(1))


_PERCENT_FORMATS: Final = frozenset({"9", "10"})
"""Excel's built-in number formats ``0%`` and ``0.00%``."""


def _xlsx_percent_styles(archive: zipfile.ZipFile) -> set[str]:
    """Indexes (the cells' ``s`` attribute) of the cell styles whose number format shows a percentage."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    percent = set(_PERCENT_FORMATS)
    for fmt in styles.iter(f"{_MAIN}numFmt"):
        # A % outside quotes or a backslash escape makes the format multiply by 100.
        code = re.sub(r'"[^"]*"|\\.', "", fmt.get("formatCode", ""))
        if "%" in code:
            percent.add(fmt.get("numFmtId", ""))
    found: set[str] = set()
    cell_xfs = styles.find(f"{_MAIN}cellXfs")
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else ()):
        if xf.get("numFmtId") in percent:
            found.add(str(index))
    return found


def _xlsx_structure(archive: zipfile.ZipFile) -> dict[str, SheetData]:
    """Formulas, merged ranges and percent cells of an XLSX file, which the value reader does not report."""
    percent_styles = _xlsx_percent_styles(archive)
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_REL}Relationship")}
    found: dict[str, SheetData] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        data = SheetData(sheet.get("name", ""), [])
        found[data.name] = data
        if part not in archive.namelist():
            continue
        for element in ElementTree.fromstring(archive.read(part)).iter():
            if element.tag == f"{_MAIN}c":
                formula = element.find(f"{_MAIN}f")
                if formula is not None:
                    data.formulas[_position(element.get("r", ""))] = "=" + (formula.text or "...")
                if element.get("s") in percent_styles:
                    data.percent.add(_position(element.get("r", "")))
            elif element.tag == f"{_MAIN}mergeCell":
                first, _, last = element.get("ref", "").partition(":")
                (r1, c1), (r2, c2) = _position(first), _position(last or first)
                data.merged.append((r1, c1, r2, c2))
    return found


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _ods_structure(archive: zipfile.ZipFile) -> dict[str, SheetData]:
    """Formulas, merged ranges and percent cells of an ODS file, which the value reader does not report."""
    root = ElementTree.fromstring(archive.read("content.xml"))
    found: dict[str, SheetData] = {}
    for table in root.iter(f"{_TABLE}table"):
        data = SheetData(table.get(f"{_TABLE}name", ""), [])
        found[data.name] = data
        row = 0
        for element in _ods_rows(table):
            repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            col = 0
            for cell in element:
                if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    continue
                span = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                formula = cell.get(f"{_TABLE}formula")
                cols = int(cell.get(f"{_TABLE}number-columns-spanned", "1"))
                rows = int(cell.get(f"{_TABLE}number-rows-spanned", "1"))
                percent = cell.get(f"{_OFFICE}value-type") == "percentage"
                for r in range(row + 1, row + 1 + min(repeat, 10)):
                    for c in range(col + 1, col + 1 + min(span, 100)):
                        if formula is not None:
                            data.formulas[(r, c)] = formula.removeprefix("of:")
                        if cols > 1 or rows > 1:
                            data.merged.append((r, c, r + rows - 1, c + cols - 1))
                        if percent:
                            data.percent.add((r, c))
                col += span
            row += repeat
    return found


def _ods_rows(element: ElementTree.Element) -> Iterator[ElementTree.Element]:
    for child in element:
        if child.tag == f"{_TABLE}table-row":
            yield child
        elif child.tag in (f"{_TABLE}table-row-group", f"{_TABLE}table-header-rows", f"{_TABLE}table-rows"):
            yield from _ods_rows(child)


def _read_values(path: Path, structure: dict[str, SheetData]) -> list[SheetData]:
    """Every sheet's saved values (python-calamine), with the formulas and merged ranges found before."""
    wb = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        top, left = sheet.start or (0, 0)
        rows = [[None] * left + [_normalise(v) for v in row] for row in sheet.to_python(skip_empty_area=True)]
        data = structure.get(name, SheetData(name, []))
        for r, c in data.formulas:  # the value reader gives the saved result; formulas are refused
            if r - 1 - top >= 0 and r - 1 - top < len(rows) and c - 1 < len(rows[r - 1 - top]):
                rows[r - 1 - top][c - 1] = None
        sheets.append(SheetData(name, [[] for _ in range(top)] + rows, data.formulas, data.merged, data.percent))
    return sheets


def read_workbook(path: Path) -> list[SheetData]:
    """Every sheet's cells; raises ``_Unreadable`` with a message for the user."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise _Unreadable("format .xls (Excel 97-2003) tidak didukung; buka berkasnya lalu simpan sebagai "
                          ".xlsx (Excel) atau .ods (LibreOffice)")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise _Unreadable(f"berkas tidak dapat dibaca ({exc.strerror})") from exc
    if size > MAX_BYTES:
        raise _Unreadable(f"berkas terlalu besar ({size / 1024 / 1024:.1f} MB; paling besar "
                          f"{MAX_BYTES // 1024 // 1024} MB); satu lembar kerja berisi program satu wilayah saja")
    if head == _OLE_MAGIC:
        if _ENCRYPTED in path.read_bytes():
            raise _Unreadable("berkas dilindungi kata sandi; buka berkasnya, hapus kata sandinya, simpan, "
                              "lalu impor lagi")
        raise _Unreadable("berkas berformat .xls lama (Excel 97-2003); simpan sebagai .xlsx atau .ods")
    if not head.startswith(_ZIP_MAGIC) or suffix not in (".xlsx", ".xlsm", ".ods"):
        raise _Unreadable("bukan lembar kerja .xlsx atau .ods")
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise _Unreadable("isi berkas terlalu besar setelah dibuka; satu lembar kerja berisi program "
                                  "satu wilayah saja")
            names = set(archive.namelist())
            if "content.xml" in names and "META-INF/manifest.xml" in names:
                manifest = archive.read("META-INF/manifest.xml").decode("utf-8", "replace")
                if "manifest:encryption-data" in manifest:
                    raise _Unreadable("berkas dilindungi kata sandi; buka di LibreOffice, hapus kata sandinya "
                                      "(Berkas › Properti › Keamanan), simpan, lalu impor lagi")
                structure = _ods_structure(archive)
            elif "xl/workbook.xml" in names:
                structure = _xlsx_structure(archive)
            else:
                raise _Unreadable("bukan lembar kerja .xlsx atau .ods")
        return _read_values(path, structure)
    except _Unreadable:
        raise
    except Exception as exc:  # any failure of the readers on a damaged file gets the same answer
        raise _Unreadable("lembar kerja rusak dan tidak dapat dibaca; buka di Excel atau LibreOffice lalu "
                          "simpan ulang") from exc


# ---------------------------------------------------------------- import


@dataclass(frozen=True, order=True)
class CellProblem:
    """A problem located in a workbook: sheet and cell, or the whole file."""

    sheet_order: int
    row: int
    col: int
    severity: Severity
    message: str
    file: str = field(compare=False)
    sheet: str = field(compare=False)

    def format_text(self) -> str:
        """``FILE:Sheet!C7: error: message``, like a compiler line."""
        if not self.sheet:
            return f"{self.file}: {self.severity}: {self.message}"
        # A problem of a whole row (a missing header) is located as the spreadsheet names a row: 1:1.
        cell = f"{get_column_letter(self.col)}{self.row}" if self.col else f"{self.row}:{self.row}"
        return f"{self.file}:{self.sheet}!{cell}: {self.severity}: {self.message}"


Finding = Problem | CellProblem


@dataclass(frozen=True)
class ImportResult:
    """What ``import_workbook`` did."""

    problems: tuple[Finding, ...]
    target: Path | None
    """The program.yaml written or left unchanged; ``None`` when nothing was written."""
    changed: bool
    program_count: int

    @property
    def errors(self) -> int:
        """Number of errors."""
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return sum(1 for p in self.problems if p.severity == "warning")


def _closest(value: str, choices: Sequence[str]) -> str:
    """The choice ``value`` most likely means, else the value in small letters (codes and ids are written so)."""
    return validate.closest(value.lower(), choices) or value.lower()


_WRONG_SEPARATORS: Final = frozenset(";/|")
"""Characters people split a one-cell list with instead of the comma the guide sheet asks for."""
_ANY_SEPARATOR: Final = re.compile(r"[\s,;/|]+")
_DECIMAL_TEXT: Final = re.compile(r"[0-9]+[.,][0-9]+")

# The validator names a programme by its id (or "ke-N" before its id is readable); in a workbook the cell says it.
_PATH_PREFIX = re.compile(r'program(?:\[\d+\]| "[a-z0-9-]+"| ke-\d+)((?:\.[a-z_]+(?:\[\d+\])?)*): ')
_SCHEMA_WORDS = ("kunci ", "harus ", "butir daftar ")
"""How the validator's own messages on a whole programme begin; cross-checks name the programme and keep it."""
# In a cell the amount alone is typed, not the YAML line the message suggests.
_YAML_AMOUNT = re.compile(r"; tulis (?:jumlah|realisasi): ([0-9]+) \(")
_SEGMENT = re.compile(r"\.([a-z_]+)(\[\d+\])?")


class _Reader:
    """Turns the data sheets into the node tree of program.yaml, noting every cell's position."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.sheets = layout()
        self.problems: list[CellProblem] = []
        self.reported: set[tuple[int, int, int]] = set()
        """Cells already given a problem of their own; the validator's second word on them is dropped."""
        self.missing: dict[int, set[str]] = {}
        """Per sheet, required columns absent from the header row."""
        self.hints: dict[tuple[int, int, int], str] = {}
        """Extra words for the validator's message on a cell (a number stored as text)."""
        self.record_lists = {sheet.list_key for sheet in self.sheets if sheet.list_key}
        self.agencies: tuple[str, ...] = ()
        """The region's agency codes, for "mungkin maksudnya" on a code typed in another case or with a typo."""
        self.percent: dict[int, set[tuple[int, int]]] = {}
        """Per sheet, the cells formatted as a percentage."""
        self.columns: dict[int, dict[int, Column | None]] = {}
        """Per sheet, the column of each header position."""

    def add(self, order: int, row: int, col: int, message: str, severity: Severity = "error") -> None:
        name = self.sheets[order].name if 0 <= order < len(self.sheets) else ""
        self.problems.append(CellProblem(order, row, col, severity, message, self.file, name))
        self.reported.add((order, row, col))

    def mark(self, order: int, row: int, col: int) -> yaml.Mark:
        return yaml.Mark(self.file, 0, row - 1, order * _COL_BASE + col - 1, None, None)  # type: ignore[arg-type]

    def scalar(self, kind: s.Kind, value: Any, order: int, row: int, col: int) -> yaml.Node:
        mark = self.mark(order, row, col)
        if value is None:
            return yaml.ScalarNode(_NULL, "", mark, mark)
        if isinstance(kind, s.ListOf) and not isinstance(kind.item, s.Record) and isinstance(value, str):
            items = [v for v in _split_pattern(kind).split(value.strip()) if v]
            return yaml.SequenceNode(_SEQ, [yaml.ScalarNode(_STR, v, mark, mark) for v in items], mark, mark)
        if isinstance(kind, s.ListOf):
            return yaml.SequenceNode(_SEQ, [self.scalar(kind.item, value, order, row, col)], mark, mark)
        if isinstance(value, bool):
            return yaml.ScalarNode(_BOOL, "true" if value else "false", mark, mark)
        if isinstance(value, int):
            return yaml.ScalarNode(_INT, str(value), mark, mark)
        if isinstance(value, float):
            return yaml.ScalarNode(_FLOAT, repr(value), mark, mark)
        if isinstance(value, dt.datetime):
            if isinstance(kind, s.Date):
                self.hints[(order, row, col)] = (f"sel ini berisi tanggal dengan jam ({value:%H:%M}); hapus jamnya "
                                                 f"dan isi tanggalnya saja, {value.date().isoformat()}")
            return yaml.ScalarNode(_STR, value.isoformat(sep=" "), mark, mark)
        if isinstance(value, dt.date):
            return yaml.ScalarNode(_DATE, value.isoformat(), mark, mark)
        text = str(value)
        if isinstance(kind, s.Number) and _NUMBER_LIKE.fullmatch(text):
            comma = text.strip().replace(".", ",") if _DECIMAL_TEXT.fullmatch(text.strip()) else "2,75"
            dot = comma.replace(",", ".")
            self.hints[(order, row, col)] = ("sel ini berisi teks, bukan angka: ketik ulang angkanya di sel "
                                             "berformat Angka, dengan koma desimal bila Excel/Calc berbahasa "
                                             f"Indonesia ({comma}) atau titik bila berbahasa Inggris ({dot})")
        elif isinstance(kind, s.Rupiah) and _NUMBER_LIKE.fullmatch(text):
            digits = re.sub(r"[^0-9]", "", text) or "250000000"
            self.hints[(order, row, col)] = ("sel ini berisi angka yang tersimpan sebagai teks: ubah format sel "
                                             "menjadi Angka lalu ketik ulang angka bulatnya tanpa titik atau koma, "
                                             f"mis. {digits} (tampilannya tetap memakai pemisah ribuan)")
        elif isinstance(kind, s.Integer) and _NUMBER_LIKE.fullmatch(text):
            self.hints[(order, row, col)] = ("sel ini berisi angka yang tersimpan sebagai teks: hapus tanda ' di "
                                             "depannya atau ubah format sel menjadi Angka, lalu ketik ulang")
        elif isinstance(kind, s.Date) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            self.hints[(order, row, col)] = "sel ini berisi teks, bukan tanggal: ketik ulang sebagai tanggal"
        return yaml.ScalarNode(_STR, text, mark, mark)

    def separator(self, column: Column, value: Any, order: int, row: int, col: int) -> bool:
        """Refuse a one-cell list of codes split by something other than commas; ``True`` when refused."""
        kind = column.kind
        if not (isinstance(kind, s.ListOf) and isinstance(kind.item, s.Text) and kind.item.pattern is not None
                and isinstance(value, str)):
            return False
        used = sorted({char for char in value if char in _WRONG_SEPARATORS})
        if not used:
            return False
        pieces = [p for p in _ANY_SEPARATOR.split(value.strip()) if p]
        if kind.item is s.AGENCY_CODE:
            pieces = [_closest(p, self.agencies) for p in pieces]
        shown = " atau ".join(f'"{char}"' for char in used)
        self.add(order, row, col, f"{column.key}: beberapa nilai dalam satu sel dipisah koma (lihat lembar "
                                  f'{GUIDE_SHEET}), bukan {shown}; mungkin maksudnya "{", ".join(pieces)}"?')
        return True

    def headers(self, order: int, data: SheetData) -> dict[int, Column | None]:
        """Known columns by position (``None`` for a column to skip); problems for the others."""
        sheet = self.sheets[order]
        known = {c.key: c for c in sheet.columns}
        header = data.rows[0] if data.rows else []
        by_col: dict[int, Column | None] = {}
        seen: dict[str, int] = {}
        width = max((len(r) for r in data.rows), default=0)
        for col in range(1, width + 1):
            value = header[col - 1] if col - 1 < len(header) else None
            if value is None:
                if any(col - 1 < len(r) and r[col - 1] is not None for r in data.rows[1:]):
                    self.add(order, 1, col, "kolom berisi data tetapi tidak berjudul; tulis nama kuncinya di "
                                            "baris 1 atau hapus kolom itu")
                by_col[col] = None
                continue
            key = str(value).strip()
            if key in seen:
                self.add(order, 1, col, f'judul kolom "{key}" muncul dua kali (pertama di kolom '
                                        f'{get_column_letter(seen[key])})')
                by_col[col] = None
            elif key not in known:
                hint = validate.suggest(key, known) or "; yang dikenal: " + ", ".join(known)
                self.add(order, 1, col, f'judul kolom "{key}" tidak dikenal{hint}')
                by_col[col] = None
            else:
                seen[key] = col
                by_col[col] = known[key]
        missing = {c.key for c in sheet.columns if c.required and c.key not in seen}
        self.missing[order] = missing
        for key in sorted(missing, key=lambda k: list(known).index(k)):
            self.add(order, 1, 0, f'kolom wajib "{key}" tidak ada di baris judul (baris 1)')
        return by_col

    def structure(self, order: int, data: SheetData) -> None:
        for (r, c), formula in sorted(data.formulas.items()):
            shown = formula if formula.startswith("=") else "=" + formula
            self.add(order, r, c, f'sel berisi rumus "{shown[:60]}"; data harus berupa nilai: salin sel lalu '
                                  "tempel sebagai nilai saja (Tempel Spesial › Hanya Nilai)")
        for r1, c1, r2, c2 in sorted(set(data.merged)):
            span = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
            self.add(order, r1, c1, f"sel gabungan {span} tidak diizinkan; pisahkan selnya (Unmerge) lalu isi "
                                    "setiap sel sendiri-sendiri")
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self.reported.add((order, r, c))

    def rows(self, order: int, data: SheetData) -> Iterator[tuple[int, list[Any]]]:
        """Data rows with their number; an empty row between data is reported and skipped."""
        last = max((i for i, r in enumerate(data.rows) if any(v is not None for v in r)), default=0)
        for index in range(1, last + 1):
            row = data.rows[index]
            if all(v is None for v in row) and not any((order, index + 1, c) in self.reported
                                                        for c in range(1, len(row) + 2)):
                self.add(order, index + 1, 1, "baris kosong di antara data dilewati; hapus baris itu", "warning")
                continue
            yield index + 1, row

    def record(self, order: int, row_number: int, row: list[Any], columns: dict[int, Column | None],
               skip: int | None = None) -> list[tuple[yaml.Node, yaml.Node]]:
        """The key/value pairs of one row; every known column gives a pair, an empty cell a null value."""
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        for col, column in columns.items():
            if column is None or col == skip:
                continue
            # A cell already refused (a formula, a merged cell) stands as empty: the validator then has
            # nothing more to say about it than "required", which is dropped as said already.
            refused = (order, row_number, col) in self.reported
            value = row[col - 1] if col - 1 < len(row) and not refused else None
            if ((row_number, col) in self.percent.get(order, ()) and isinstance(value, (int, float))
                    and not isinstance(value, bool) and isinstance(column.kind, (s.Integer, s.Number, s.Rupiah))):
                shown = f"{value * 100:.10g}"
                self.add(order, row_number, col, f"{column.key}: sel berformat persen: {shown}% tersimpan sebagai "
                                                 f"{value}; tulis {shown} di sel berformat Angka, tanpa format %")
                value = None
            elif self.separator(column, value, order, row_number, col):
                value = None
            key_mark = self.mark(order, 1, col)
            pairs.append((yaml.ScalarNode(_STR, column.key, key_mark, key_mark),
                          self.scalar(column.kind, value, order, row_number, col)))
        return pairs


def _build_tree(reader: _Reader, sheets: dict[str, SheetData]) -> yaml.Node:
    """The program.yaml node tree of the workbook, with problems for what cannot go into it."""
    programs: list[tuple[str | None, yaml.MappingNode]] = []
    by_id: dict[str, yaml.MappingNode] = {}
    children: dict[str, list[tuple[str, yaml.Node, yaml.Node]]] = {}
    for order, sheet in enumerate(reader.sheets):
        data = sheets.get(sheet.name)
        if data is None:
            continue
        reader.structure(order, data)
        reader.percent[order] = data.percent
        columns = reader.headers(order, data)
        reader.columns[order] = columns
        id_col = next((col for col, column in columns.items() if column is not None and column.key == "id"), None)
        for row_number, row in reader.rows(order, data):
            start = reader.mark(order, row_number, 1)
            if sheet.list_key is None:
                node = yaml.MappingNode(_MAP, reader.record(order, row_number, row, columns), start, start)
                raw = row[id_col - 1] if id_col is not None and id_col - 1 < len(row) else None
                key = None if raw is None else str(raw)
                programs.append((key, node))
                if key is not None and key not in by_id:
                    by_id[key] = node
                continue
            raw = row[id_col - 1] if id_col is not None and id_col - 1 < len(row) else None
            if id_col is None:
                continue  # the missing id column is already reported
            if raw is None:
                if (order, row_number, id_col) not in reader.reported:
                    reader.add(order, row_number, id_col, "id: wajib diisi dengan id program dari lembar Program")
                continue
            program_id = str(raw)
            if program_id not in by_id:
                reader.add(order, row_number, id_col, f'id: program "{program_id}" tidak ada di lembar Program'
                           + validate.suggest(program_id, by_id))
                continue
            item = yaml.MappingNode(_MAP, reader.record(order, row_number, row, columns, skip=id_col), start, start)
            key_mark = reader.mark(order, 1, id_col)
            children.setdefault(program_id, []).append((sheet.list_key, yaml.ScalarNode(_STR, sheet.list_key,
                                                                                      key_mark, key_mark), item))
    for program_id, items in children.items():
        node = by_id[program_id]
        for list_key in [sheet.list_key for sheet in reader.sheets if sheet.list_key]:
            nodes = [item for key, _k, item in items if key == list_key]
            if nodes:
                key_node = next(k for key, k, _i in items if key == list_key)
                mark = node.start_mark
                node.value.append((key_node, yaml.SequenceNode(_SEQ, nodes, mark, mark)))
    root_mark = reader.mark(0, 1, 1)
    sequence = yaml.SequenceNode(_SEQ, [node for _id, node in programs], root_mark, root_mark)
    return yaml.MappingNode(_MAP, [(yaml.ScalarNode(_STR, "program", root_mark, root_mark), sequence)],
                            root_mark, root_mark)


def _region_of(sheets: dict[str, SheetData]) -> str | None:
    guide = sheets.get(GUIDE_SHEET)
    if guide is None:
        return None
    for row in guide.rows:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip() == REGION_LABEL and row[1] is not None:
            return str(row[1]).strip()
    return None


def _cell_message(reader: _Reader, problem: Problem) -> CellProblem | None:
    order, col = divmod(problem.col, _COL_BASE)
    if (order, problem.line, col) in reader.reported:
        return None
    message = problem.message
    match = _PATH_PREFIX.match(message)
    if match is not None and (match.group(1) or message[match.end():].startswith(_SCHEMA_WORDS)):
        segments = _SEGMENT.findall(match.group(1))
        rest = _YAML_AMOUNT.sub(r"; tulis \1 (", message[match.end():])
        if not segments or (segments[-1][1] and segments[-1][0] in reader.record_lists):
            message = rest
        else:
            message = f"{segments[-1][0]}: {rest}"
    for key in reader.missing.get(order, ()):
        if f'kunci wajib "{key}"' in message:
            return None
    hint = reader.hints.get((order, problem.line, col))
    found = _FOUND.search(message)
    if hint is not None:
        # The cell's own advice replaces the validator's, which speaks of YAML text (quotes, decimal point).
        message = f"{message[:found.end()] if found else message}; {hint}"
    elif found is not None and "mungkin maksudnya" not in message and _agency_column(reader, order, col):
        message += validate.suggest(found.group(1), reader.agencies)
    name = reader.sheets[order].name
    return CellProblem(order, problem.line, col, problem.severity, message, reader.file, name)


_FOUND: Final = re.compile(r'tetapi ditemukan "([^"]*)"')


def _agency_column(reader: _Reader, order: int, col: int) -> bool:
    column = reader.columns.get(order, {}).get(col)
    if column is None:
        return False
    kind = column.kind
    return kind is s.AGENCY_CODE or (isinstance(kind, s.ListOf) and kind.item is s.AGENCY_CODE)


def import_workbook(path: Path, display: str, regions: Path, regions_display: str, options: validate.Options,
                    region: str | None = None) -> ImportResult:
    """Read, check and (only when everything is valid) write ``regions/<slug>/program.yaml``."""
    def whole(message: str, severity: Severity = "error") -> CellProblem:
        return CellProblem(-1, 0, 0, severity, message, display, "")

    try:
        read = read_workbook(path)
    except _Unreadable as exc:
        return ImportResult((whole(str(exc)),), None, False, 0)
    sheets = {sheet.name: sheet for sheet in read}
    reader = _Reader(display)
    found: list[Finding] = []
    names = [sheet.name for sheet in reader.sheets]
    known = {*names, GUIDE_SHEET, LISTS_SHEET}
    strangers = [name for name in sheets if name not in known]
    for name in names:
        if name not in sheets:
            found.append(whole(f'lembar "{name}" tidak ada' + (validate.suggest(name, strangers) or
                                                                 "; jangan menghapus atau mengganti nama lembar")))
    for name in strangers:
        if not any(validate.suggest(name, [n]) for n in names if n not in sheets):
            found.append(whole(f'lembar "{name}" tidak dikenal dan diabaikan', "warning"))
    recorded = _region_of(sheets)
    slug = region or recorded
    if region and recorded and region != recorded:
        found.append(whole(f'lembar kerja ini dibuat untuk wilayah "{recorded}", tetapi diimpor ke "{region}" '
                           "sesuai --region", "warning"))
    if slug is None:
        found.append(whole(f'wilayah tidak diketahui: sel B3 lembar {GUIDE_SHEET} kosong; jalankan dengan '
                           "--region <nama-folder>"))
    elif _SLUG.fullmatch(slug) is None or not (regions / slug).is_dir():
        found.append(whole(f'wilayah "{slug}" tidak ada di {regions_display}/; buat dulu dengan masterplan new'))
        slug = None
    if slug is not None:
        # A region folder or program.yaml that is a link is never read or written through.
        refused = validate.links(regions, regions_display, slug)
        if not refused and (regions / slug / "program.yaml").is_symlink():
            refused = [Problem(f"{regions_display}/{slug}/program.yaml", 0, 0, "error", yaml_source.LINK_MESSAGE)]
        if refused:
            found += refused
            slug = None
    plan: m.Masterplan | None = None
    if slug is not None:
        plan, plan_problems = validate.load_plan(regions / slug, f"{regions_display}/{slug}/masterplan.yaml",
                                                 options)
        found += plan_problems
        if plan is not None:
            reader.agencies = tuple(a.kode for a in plan.opd)
    tree = _build_tree(reader, sheets)
    programs: tuple[m.Program, ...] | None = None
    if plan is not None:
        target_display = f"{regions_display}/{slug}/program.yaml"
        programs, problems = validate.check_program_tree(tree, target_display, plan, options)
        for problem in problems:
            located = _cell_message(reader, problem)
            if located is not None:
                found.append(located)
    found += reader.problems
    ordered = _sorted(found)
    if plan is None or programs is None or slug is None or any(p.severity == "error" for p in ordered):
        return ImportResult(ordered, None, False, 0)
    return _write(regions / slug, f"{regions_display}/{slug}/program.yaml", plan, programs, ordered, options)


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _sorted(found: list[Finding]) -> tuple[Finding, ...]:
    def key(p: Finding) -> tuple[int, str, int, int, str]:
        if isinstance(p, CellProblem):
            return (0, "", p.sheet_order, p.row * _COL_BASE + p.col, p.message)
        return (1, p.path, p.line, p.col, p.message)
    return tuple(sorted(found, key=key))


def _region_errors(folder: Path, display: str, text: str, options: validate.Options) -> list[Problem]:
    """The errors ``masterplan check`` would find in program.yaml of the region with this text."""
    region_display = display.rsplit("/", 1)[0]
    present = {p.name for p in folder.iterdir() if not p.name.startswith(".")} | {"program.yaml"}

    def read(name: str) -> yaml_source.YamlFile:
        if name == "program.yaml":
            return yaml_source.parse_text(display, text)
        return yaml_source.load_file(folder / name, f"{region_display}/{name}")

    reading = validate.read_region(folder.name, region_display, present, read, options)
    return [p for p in reading.problems if p.severity == "error" and p.path == display]


def _write(folder: Path, display: str, plan: m.Masterplan, programs: tuple[m.Program, ...],
           found: tuple[Finding, ...], options: validate.Options) -> ImportResult:
    name = region_name(plan)
    target = folder / "program.yaml"
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    # The comment block at the top of the file (the scaffold's or the demo's header) is kept as it is.
    text = yaml_writer.program_yaml(programs, name, yaml_writer.leading_comments(old) if old else "")
    # The written text must read back to the very same data; a difference is a bug, never a silent change.
    again = yaml_source.parse_text(display, text)
    if again.root is None:
        raise MasterplanError(f"program.yaml yang akan ditulis tidak terbaca: {again.problems}")
    reread, _problems = validate.check_program_tree(again.root, display, plan, options)
    if reread != programs:
        raise MasterplanError("program.yaml yang akan ditulis tidak sama dengan isi lembar kerja")
    # And the region with it passes the very check `masterplan check` runs.
    refused = _region_errors(folder, display, text, options)
    if refused:
        raise MasterplanError("program.yaml yang akan ditulis tidak lulus pemeriksaan: " + refused[0].format_text())
    extra: list[Finding] = []
    if old is not None and old != text:
        where = yaml_writer.dropped_comment(old)
        if where is not None:
            extra.append(Problem(display, where[0], where[1], "warning",
                                 "komentar ini (dan komentar sesudahnya) tidak disimpan: program.yaml ditulis "
                                 "ulang dari lembar kerja dan hanya komentar di awal berkas yang dipertahankan; "
                                 "teks lamanya masih ada di riwayat git hanya bila berkas sudah di-commit"))
    changed = old != text
    if changed:
        _atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
    return ImportResult(_sorted([*found, *extra]), target, changed, len(programs))
