"""Open data: each region and the whole dataset as JSON and CSV, the JSON Schema, a data package.

Pure, like ``render``: model → ``Page`` objects, byte-for-byte stable (sorted keys, data order, no
timestamp but the data's own; lateness is computed against the build year, stated in the files).

The JSON holds everything of the YAML, serialised by walking the same declarations the validator
uses (``schema.py``), so its ``masterplan``, programmes (minus ``COMPUTED_PROGRAM_KEYS``) and
``evaluasi`` validate against the published JSON Schema. The CSV files are made for spreadsheets:
UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting, and text that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import jsonschema_export, tallies, urls
from generator import model as m
from generator import schema as s
from generator.settings import Settings
from generator.templating import Page, environment, tidy

if TYPE_CHECKING:
    import jinja2

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP "CSV injection")."""
COMPUTED_PROGRAM_KEYS = ("progres_efektif", "terlambat", "dijadwalkan_ulang", "jumlah_bukti", "total_anggaran",
                         "realisasi", "url")
"""Keys a programme has in the JSON downloads beyond those of program.yaml."""
REGION_KEYS = ("kode_wilayah", "slug_wilayah", "nama_wilayah", "provinsi", "contoh")
"""Keys that say which region a programme of the national files belongs to."""


@dataclass(frozen=True)
class Column:
    """A column of the programme CSV files, described once for the page and the data package."""

    name: str
    type: str
    """Frictionless field type: ``string``, ``integer`` or ``boolean``."""
    description: str
    values: tuple[str, ...] = ()
    """The only values allowed, when the column is an enumeration."""
    required: bool = True
    minimum: int | None = None
    maximum: int | None = None
    format: str | None = None


PROGRAM_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "Pengenal tetap program; bagian dari alamat halamannya"),
    Column("nama", "string", "Nama program"),
    Column("dimensi", "string", "Dimensi smart city", m.DIMENSIONS),
    Column("elemen", "string", "Elemen (subdimensi)", s.ALL_ELEMENTS),
    Column("jenis", "string", "Jenis program", m.PROGRAM_TYPES),
    Column("opd", "string", "Kode OPD penanggung jawab (daftar OPD ada di berkas JSON)"),
    Column("tahun_mulai", "integer", "Tahun mulai"),
    Column("tahun_selesai", "integer", "Tahun selesai yang direncanakan sekarang"),
    Column("total_anggaran", "integer", "Jumlah seluruh anggaran program dalam rupiah, bilangan bulat tanpa pemisah",
           minimum=0),
    Column("status", "string", "Status program", m.STATUSES),
    Column("progres", "integer", "Progres 0–100 seperti di halaman program (selesai = 100); kosong bila belum ada",
           required=False, minimum=0, maximum=100),
    Column("terlambat", "boolean", "true bila tahun_selesai sudah lewat dan status bukan selesai atau dibatalkan"),
    Column("url", "string", "Alamat halaman program di situs ini; kosong bila situs dibangun tanpa alamat publik "
           "(MASTERPLAN_SITE_URL)", required=False, format="uri"),
    # Added after the first release: appended so that columns read by position keep their place.
    Column("total_realisasi", "integer", "Jumlah realisasi anggaran yang dilaporkan, rupiah; kosong bila belum ada "
           "yang dilaporkan (kosong bukan nol)", required=False, minimum=0),
    Column("anggaran_tahun_dilaporkan", "integer", "Jumlah rencana anggaran pada tahun-tahun yang realisasinya "
           "dilaporkan, rupiah; pembagi persen terserap", required=False, minimum=0),
    Column("terserap_persen", "number", "total_realisasi dibagi anggaran_tahun_dilaporkan, dalam persen dengan "
           "satu desimal; kosong bila belum ada realisasi", required=False, minimum=0),
    Column("tahun_selesai_awal", "integer", "Tahun selesai yang semula dijanjikan, bila jadwalnya diubah; kosong "
           "bila tidak pernah diubah", required=False),
    Column("dijadwalkan_ulang", "boolean", "true bila tahun selesainya dipindah dari tahun_selesai_awal"),
    Column("jumlah_bukti", "integer", "Jumlah tautan bukti, dari program dan dari riwayat pembaruannya", minimum=0),
)
"""Columns of ``<slug>-program.csv``, in order."""

NATIONAL_COLUMNS: tuple[Column, ...] = (
    Column("kode_wilayah", "string", "Kode Kemendagri kabupaten/kota"),
    Column("slug_wilayah", "string", "Nama wilayah dalam alamat situs, mis. kota-tegal"),
    Column("nama_wilayah", "string", "Nama kabupaten/kota"),
    Column("provinsi", "string", "Nama provinsi"),
    Column("contoh", "boolean", "true bila wilayahnya fiktif (data contoh); saring baris ini sebelum menghitung"),
    *PROGRAM_COLUMNS,
)
"""Columns of the national ``program.csv``: the region, then the programme."""

COLUMN_TYPE_LABEL = {"string": "teks", "integer": "bilangan bulat", "number": "bilangan desimal (titik)",
                     "boolean": "true/false"}


# ------------------------------------------------------------------ values

def plain(kind: s.Kind, value: Any) -> Any:
    """A validated value as JSON data, walking its declaration: dates as ISO text, unset keys left out."""
    return _converter(kind)(value)


_CONVERTERS: dict[int, tuple[s.Kind, Callable[[Any], Any]]] = {}
"""One converter per declaration, made once: at national scale the generic walk over every programme,
twice (region and national files), was a tenth of generation. Keyed by identity (declarations hold
dicts, so they cannot be hashed); the declaration is kept with its converter, so its id is never
reused by another object while the entry exists."""


def _same(value: Any) -> Any:
    return value


def _converter(kind: s.Kind) -> Callable[[Any], Any]:
    entry = _CONVERTERS.get(id(kind))
    if entry is None or entry[0] is not kind:
        entry = _CONVERTERS[id(kind)] = (kind, _make_converter(kind))
    return entry[1]


def _make_converter(kind: s.Kind) -> Callable[[Any], Any]:
    if isinstance(kind, s.Record):
        fields = [(key, _converter(declared.kind)) for key, declared in kind.fields.items()]

        def record(value: Any) -> dict[str, Any]:
            read = value.get if isinstance(value, Mapping) else functools.partial(getattr, value)
            out: dict[str, Any] = {}
            for key, convert in fields:
                item = read(key)
                if item is not None:
                    out[key] = item if convert is _same else convert(item)
            return out
        return record
    if isinstance(kind, s.ListOf):
        convert_item = _converter(kind.item)
        return list if convert_item is _same else lambda value: [convert_item(item) for item in value]
    if isinstance(kind, s.MapOf):
        convert_value = _converter(kind.value)
        return lambda value: {key: convert_value(item) for key, item in value.items()}
    if isinstance(kind, s.Date):
        return lambda value: value.isoformat()
    if isinstance(kind, s.Number):
        # ``target: 90`` is read as 90.0; write it as the editor did
        return lambda value: int(value) if isinstance(value, float) and value.is_integer() else value
    return _same


def _json(data: object) -> str:
    # Compact on purpose: with ``indent`` the json module falls back from its C encoder to Python,
    # which made the national files the slowest part of generation.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def cell(value: object) -> str:
    """One CSV cell: booleans as true/false, nothing as empty, text that could run as a formula defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return str(value)


def csv_text(columns: Sequence[Column], rows: Iterable[Mapping[str, object]]) -> str:
    """A CSV file for spreadsheets: BOM, header, CRLF line ends, RFC 4180 quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([cell(row[c.name]) for c in columns])
    return "\ufeff" + buffer.getvalue()


# ------------------------------------------------------------------ addresses and names

def _absolute(settings: Settings, path: str, anchor: str | None = None) -> str | None:
    """The public address of a page or file; None when the site's address is not known (never made up)."""
    return urls.absolute(settings.site_url, path, anchor) if settings.site_url else None


def region_url(settings: Settings, region: m.Region) -> str | None:
    """Absolute address of a region's overview page (None when the site's address is not known)."""
    return _absolute(settings, urls.region(region.slug))


def program_url(settings: Settings, region: m.Region, p: m.Program) -> str | None:
    """Absolute address of a programme: its Quick Win page, or its anchor on the dimension page."""
    return _absolute(settings, *urls.program(region.slug, p))


def region_json_path(region: m.Region) -> str:
    """Content path of a region's JSON download."""
    return urls.region_json(region.slug)


def region_csv_path(region: m.Region) -> str:
    """Content path of a region's programme CSV."""
    return urls.region_csv(region.slug)


def schema_path(file_name: str) -> str:
    """Content path of the JSON Schema of one data file (``masterplan.yaml`` …)."""
    return urls.national_file(f"schema/{jsonschema_export.SCHEMA_FILES[file_name]}")


def _licence(settings: Settings) -> dict[str, str]:
    return {"nama": settings.data_license, "url": settings.data_license_url, "penerbit": settings.publisher}


def _schemas(settings: Settings) -> dict[str, str | None]:
    return {name.removesuffix(".yaml"): _absolute(settings, schema_path(name))
            for name in jsonschema_export.SCHEMA_FILES}


# ------------------------------------------------------------------ numbers

def tally(programs: Sequence[m.Program], today: dt.date) -> dict[str, Any]:
    """Count, budget, count per status and late count of some programmes, as the JSON files hold them."""
    return tallies.count(programs, today).as_json()


def summary(region: m.Region, today: dt.date) -> dict[str, Any]:
    """Totals per dimension and overall, and the Quick Wins, as the region page shows them."""
    return {
        "tahun_acuan": today.year,
        "per_dimensi": {d: tally(region.programs_in(d), today) for d in m.DIMENSIONS},
        "jumlah": tally(region.program, today),
        "quick_win": tally(region.quick_wins, today),
    }


def program_row(region: m.Region, p: m.Program, today: dt.date, settings: Settings) -> dict[str, object]:
    """One programme as a CSV row (the columns of ``PROGRAM_COLUMNS``)."""
    money = tallies.money_json(p.spending)
    return {
        "id": p.id, "nama": p.nama, "dimensi": p.dimensi, "elemen": p.elemen, "jenis": p.jenis, "opd": p.opd,
        "tahun_mulai": p.tahun_mulai, "tahun_selesai": p.tahun_selesai, "tahun_selesai_awal": p.tahun_selesai_awal,
        "total_anggaran": p.total_anggaran, "status": p.status, "progres": p.effective_progress,
        "terlambat": p.is_late(today), "dijadwalkan_ulang": p.is_rescheduled, "jumlah_bukti": len(p.evidence),
        "url": program_url(settings, region, p), "total_realisasi": money["realisasi"],
        "anggaran_tahun_dilaporkan": money["anggaran_tahun_dilaporkan"], "terserap_persen": money["terserap_persen"],
    }


def _region_keys(region: m.Region) -> dict[str, object]:
    return {"kode_wilayah": region.plan.kode_wilayah, "slug_wilayah": region.slug, "nama_wilayah": region.nama,
            "provinsi": region.provinsi, "contoh": region.contoh}


def program_json(region: m.Region, p: m.Program, today: dt.date, settings: Settings) -> dict[str, Any]:
    """Everything of a programme in program.yaml, plus what the site computes from it."""
    return {
        **plain(s.PROGRAM, p),
        "progres_efektif": p.effective_progress,
        "terlambat": p.is_late(today),
        "dijadwalkan_ulang": p.is_rescheduled,
        "jumlah_bukti": len(p.evidence),
        "total_anggaran": p.total_anggaran,
        "realisasi": tallies.money_json(p.spending),
        "url": program_url(settings, region, p),
    }


def region_json(region: m.Region, today: dt.date, settings: Settings) -> dict[str, Any]:
    """The whole region: its YAML normalised, its programmes with computed fields, and its totals."""
    return {
        "wilayah": {"slug": region.slug, "kode_wilayah": region.plan.kode_wilayah, "nama": region.nama,
                    "provinsi": region.provinsi, "contoh": region.contoh, "url": region_url(settings, region)},
        "masterplan": plain(s.MASTERPLAN, region.plan),
        "program": [program_json(region, p, today, settings) for p in region.program],
        "evaluasi": [plain(s.EVALUATION, e) for e in region.evaluasi],
        "ringkasan": summary(region, today),
        "lisensi": _licence(settings),
        "skema": _schemas(settings),
    }


def _region_entry(region: m.Region, today: dt.date, settings: Settings) -> dict[str, Any]:
    return {
        "kode_wilayah": region.plan.kode_wilayah, "slug": region.slug, "nama": region.nama,
        "provinsi": region.provinsi, "contoh": region.contoh, "angkatan": region.plan.angkatan,
        "periode": {"mulai": region.plan.periode.mulai, "selesai": region.plan.periode.selesai},
        "status_dokumen": region.plan.status_dokumen,
        "jumlah": tally(region.program, today),
        "quick_win": tally(region.quick_wins, today),
        "url": region_url(settings, region),
        "unduhan": {"halaman": _absolute(settings, urls.region_data(region.slug)),
                    "json": _absolute(settings, region_json_path(region)),
                    "csv": _absolute(settings, region_csv_path(region))},
    }


# ------------------------------------------------------------------ pages

@functools.cache
def _environment() -> jinja2.Environment:
    """One Jinja environment for every region: compiling the templates per region would cost more."""
    return environment()


def _page(template: str, path: str, today: dt.date, settings: Settings, **context: Any) -> Page:
    body = _environment().get_template(template).render(here=path, today=today, settings=settings,
                                                         column_type=COLUMN_TYPE_LABEL, **context)
    return Page(path, tidy(body))


def _file(path: str, text: str) -> Page:
    return Page(path, text, "file")


def quick_win_files(region: m.Region, p: m.Program, today: dt.date, settings: Settings) -> list[Page]:
    """One Quick Win's own download: its JSON (as in the region's file) and its CSV row."""
    data = {"wilayah": {"slug": region.slug, "kode_wilayah": region.plan.kode_wilayah, "nama": region.nama,
                        "provinsi": region.provinsi, "contoh": region.contoh},
            "program": program_json(region, p, today, settings), "tahun_acuan": today.year,
            "lisensi": _licence(settings)}
    return [_file(urls.quick_win_download(region.slug, p.id, "json"), _json(data)),
            _file(urls.quick_win_download(region.slug, p.id, "csv"),
                  csv_text(PROGRAM_COLUMNS, [program_row(region, p, today, settings)]))]


def region_files(region: m.Region, today: dt.date, settings: Settings, sections: Sequence[Any] = ()) -> list[Page]:
    """A region's data page (``<slug>/data/``), its JSON and its programme CSV."""
    data = region_json(region, today, settings)
    rows = [program_row(region, p, today, settings) for p in region.program]
    page = _page("region_data.html.j2", urls.region_data(region.slug), today, settings, region=region,
                 sections=sections, plan=region.plan, totals=data["ringkasan"], json_path=region_json_path(region),
                 csv_path=region_csv_path(region), columns=PROGRAM_COLUMNS, schema_path=schema_path,
                 attribution=_attribution(f"Masterplan Smart City {region.nama}", urls.region_data(region.slug),
                                          settings))
    return [page, _file(region_json_path(region), _json(data)),
            _file(region_csv_path(region), csv_text(PROGRAM_COLUMNS, rows))]


def _attribution(title: str, path: str, settings: Settings) -> str:
    address = _absolute(settings, path)
    return ", ".join(x for x in (title, settings.publisher, address, f"lisensi {settings.data_license}") if x)


def _resource(name: str, path: str, text: str, title: str, description: str, **extra: Any) -> dict[str, Any]:
    data = text.encode()
    media = {"csv": "text/csv", "json": "application/json"}[path.rsplit(".", 1)[1]]
    # A JSON file is a "json" resource: without it, Frictionless reads a *.schema.json file as a Table Schema
    # and reports the JSON Schemas invalid ("unsupported type for schema: object").
    kind = {"type": "json"} if path.endswith(".json") else {}
    return {
        "name": name, "path": path, "title": title, "description": description, **kind,
        "format": path.rsplit(".", 1)[1], "mediatype": extra.pop("mediatype", media), "encoding": "utf-8",
        "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(), **extra,
    }


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.format:
        field["format"] = column.format
    if column.type == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    constraints: dict[str, Any] = {"required": column.required}
    if column.values:
        constraints["enum"] = list(column.values)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    field["constraints"] = constraints
    return field


def datapackage(files: Mapping[str, str], settings: Settings) -> dict[str, Any]:
    """A Frictionless Data Package describing the national files (paths relative to ``data/``)."""
    resources = [
        _resource("program", "program.csv", files["program.csv"], "Semua program (CSV)",
                  "Satu baris per program dari semua wilayah. UTF-8 dengan BOM; teks yang diawali = + - @ "
                  "diberi tanda petik tunggal di depannya agar tidak dijalankan sebagai rumus.",
                  profile="tabular-data-resource",
                  dialect={"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True,
                           "header": True},
                  schema={"fields": [_field(c) for c in NATIONAL_COLUMNS], "missingValues": [""],
                          "primaryKey": ["slug_wilayah", "id"]}),
        _resource("program-json", "program.json", files["program.json"], "Semua program (JSON)",
                  "Seluruh isi program.yaml semua wilayah, ditambah " + ", ".join(COMPUTED_PROGRAM_KEYS) + "."),
        _resource("wilayah", "wilayah.json", files["wilayah.json"], "Daftar wilayah (JSON)",
                  "Kode, nama, provinsi, angkatan, periode dan jumlah program tiap wilayah."),
    ]
    for name, schema_file in jsonschema_export.SCHEMA_FILES.items():
        path = f"schema/{schema_file}"
        resources.append(_resource(f"skema-{name.removesuffix('.yaml')}", path, files[path],
                                   f"JSON Schema {name}", f"Format berkas regions/<slug>/{name}.",
                                   mediatype="application/schema+json"))
    return {
        "profile": "data-package",
        "name": "masterplan-smart-city",
        "title": "Masterplan Smart City Kabupaten/Kota",
        "description": "Rencana induk smart city kabupaten/kota di Indonesia: program, anggaran dan capaiannya. "
                       "Data tiap wilayah juga tersedia di /<slug>/data/.",
        **({"homepage": urls.absolute(settings.site_url, urls.NATIONAL_DATA)} if settings.site_url else {}),
        "licenses": [{"title": settings.data_license, "path": settings.data_license_url}],
        "contributors": [{"title": settings.publisher, "role": "publisher"}],
        "resources": resources,
    }


def national_files(dataset: m.Dataset, today: dt.date, settings: Settings) -> list[Page]:
    """The national data page (``data/``), all programmes as CSV and JSON, the regions, schemas, data package."""
    regions = dataset.regions
    rows = [{**_region_keys(r), **program_row(r, p, today, settings)} for r in regions for p in r.program]
    programs = [{**_region_keys(r), **program_json(r, p, today, settings)} for r in regions for p in r.program]
    # National figures never count a fictional demo region; its rows stay in the files, marked contoh.
    real = [r for r in regions if not r.contoh]
    all_programs = [p for r in real for p in r.program]
    totals = {"wilayah": len(real), **tally(all_programs, today),
              "quick_win": tally([p for p in all_programs if p.is_quick_win], today),
              "wilayah_contoh": len(regions) - len(real)}
    common = {"lisensi": _licence(settings), "tahun_acuan": today.year}
    files = {
        "program.csv": csv_text(NATIONAL_COLUMNS, rows),
        "program.json": _json({**common, "skema": _schemas(settings), "program": programs}),
        "wilayah.json": _json({**common, "jumlah": totals,
                               "wilayah": [_region_entry(r, today, settings) for r in regions]}),
    }
    for name, schema_file in jsonschema_export.SCHEMA_FILES.items():
        files[f"schema/{schema_file}"] = _json(
            jsonschema_export.file_schema(name, _absolute(settings, schema_path(name))))
    files["datapackage.json"] = _json(datapackage(files, settings))
    page = _page("national_data.html.j2", urls.NATIONAL_DATA, today, settings, regions=regions,
                 totals=totals, columns=NATIONAL_COLUMNS, schema_files=jsonschema_export.SCHEMA_FILES,
                 json_path=region_json_path, csv_path=region_csv_path,
                 attribution=_attribution("Masterplan Smart City Kabupaten/Kota", urls.NATIONAL_DATA, settings))
    return [page, *(_file(urls.national_file(name), text) for name, text in sorted(files.items()))]
