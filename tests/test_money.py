"""Money and results: budget realisation (``anggaran[].realisasi``), evaluation on the region page, province
pages and the comparison table. Numbers are computed here from the YAML itself and compared with what
the pages, JSON and CSV say, so that one wrong sum anywhere fails."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fixtures_data import REPO, TODAY, CliRun, DataDir

from generator import model as m
from generator import register, render, text, validate, vocabulary

P = "kota-tegal/program.yaml"
TEGAL_P = "regions/" + P
DEMO = "kota-harapan-jaya"


def _check(data: DataDir, run_cli: Callable[..., CliRun], old: str, new: str) -> CliRun:
    data.edit(P, old, new)
    return run_cli("check", "--regions", "regions")


LINE = "        jumlah: 150000000\n        sumber: APBD\n"


@pytest.mark.parametrize(("new", "expected"), [
    (LINE + "        realisasi: -5\n",
     f'{TEGAL_P}:17:20: error: program "lapor-tegal".anggaran[0].realisasi: harus jumlah Rupiah yang tidak '
     "negatif, "
     'tetapi ditemukan "-5"'),
    (LINE + '        realisasi: "Rp 140.000.000"\n',
     f'{TEGAL_P}:17:20: error: program "lapor-tegal".anggaran[0].realisasi: harus bilangan bulat Rupiah, tetapi '
     'ditemukan "Rp 140.000.000"; tulis realisasi: 140000000 (Rp140.000.000), tanpa "Rp", titik, koma atau tanda '
     "kutip"),
])
def test_realisation_is_a_rupiah_amount(data: DataDir, run_cli: Callable[..., CliRun], new: str,
                                        expected: str) -> None:
    result = _check(data, run_cli, LINE, new)
    assert result.lines[:-1] == [expected]
    assert result.exit_code == 1


def test_realisation_of_a_future_year_is_an_error(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """A realisation is a record of money spent: not for a year after the build year."""
    result = _check(data, run_cli, "      - tahun: 2023\n" + LINE,
                    "      - tahun: 2027\n" + LINE + "        realisasi: 100000000\n")
    assert result.lines[:-1] == [
        f"{TEGAL_P}:14:16: warning: program \"lapor-tegal\": anggaran[0].tahun 2027 di luar tahun program "
        "2023–2024",
        f'{TEGAL_P}:17:20: error: program "lapor-tegal": anggaran[0].realisasi untuk tahun 2027 belum bisa '
        f"dilaporkan pada tahun {TODAY.year}; hapus realisasi itu, atau perbaiki tahunnya bila salah ketik",
    ]
    assert result.exit_code == 1


@pytest.mark.parametrize("amount", ["0", "150000000", "180000000"])
def test_realisation_zero_equal_or_above_plan_is_accepted(data: DataDir, run_cli: Callable[..., CliRun],
                                                           amount: str) -> None:
    result = _check(data, run_cli, LINE, LINE + f"        realisasi: {amount}\n")
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------ the sums, independently

def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _expected(programs: list[dict[str, Any]]) -> tuple[int, int, int, list[int]]:
    """(planned, planned in reported lines, spent, reported years) straight from the YAML."""
    lines = [b for p in programs for b in p.get("anggaran") or []]
    reported = [b for b in lines if "realisasi" in b]
    return (sum(b["jumlah"] for b in lines), sum(b["jumlah"] for b in reported),
            sum(b["realisasi"] for b in reported), sorted({b["tahun"] for b in reported}))


@pytest.fixture(scope="module")
def demo_pages() -> dict[str, str]:
    dataset = validate.load_dataset(REPO / "regions", "regions", validate.Options(today=TODAY)).dataset
    assert dataset is not None
    return {p.path: p.text for p in render.render_site(dataset, TODAY)}


def _cells(html: str, heading_id: str) -> dict[str, list[str]]:
    """The first table after a heading, as first cell → the other cells (tags stripped)."""
    table = html.split(f'id="{heading_id}"', 1)[1].split("<table>", 1)[1].split("</table>", 1)[0]
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_demo_region_reports_realisation(demo_pages: dict[str, str]) -> None:
    programs = _yaml(REPO / "regions" / DEMO / "program.yaml")["program"]
    planned, base, spent, years = _expected(programs)
    assert spent > 0 and base < planned, "the demo shows realisation for some years, not all"
    assert any(b["realisasi"] > b["jumlah"] for p in programs for b in p["anggaran"] if "realisasi" in b), \
        "the demo shows a realisation above plan"
    assert years == [2020, 2021, 2022, 2023, 2024]


def test_region_page_json_and_csv_carry_the_same_realisation(demo_pages: dict[str, str]) -> None:
    programs = _yaml(REPO / "regions" / DEMO / "program.yaml")["program"]
    page = demo_pages[f"{DEMO}/index.md"]
    data = json.loads(demo_pages[f"{DEMO}/data/{DEMO}.json"])
    rows = list(csv.DictReader(io.StringIO(demo_pages[f"{DEMO}/data/{DEMO}-program.csv"].lstrip("\ufeff"))))
    table = _cells(page, "_realisasi")
    for d in (*m.DIMENSIONS, None):
        mine = [p for p in programs if d is None or p["dimensi"] == d]
        planned, base, spent, years = _expected(mine)
        share = text.percent(round(100 * spent / base, 1)) if base else "–"
        # page
        label = "Jumlah" if d is None else vocabulary.DIM_LABEL[d]
        assert table[label] == [text.rupiah_short(planned), text.rupiah_short(base) if years else "–",
                                text.rupiah_short(spent) if years else "belum dilaporkan", share]
        # JSON
        tally = data["ringkasan"]["jumlah"] if d is None else data["ringkasan"]["per_dimensi"][d]
        assert tally["realisasi"] == {"anggaran": planned, "anggaran_tahun_dilaporkan": base if years else None,
                                      "realisasi": spent if years else None, "tahun_dilaporkan": years,
                                      "terserap_persen": round(100 * spent / base, 1) if base else None}
        # CSV
        ids = {p["id"] for p in mine}
        assert sum(int(r["total_realisasi"] or 0) for r in rows if r["id"] in ids) == spent
        assert sum(int(r["anggaran_tahun_dilaporkan"] or 0) for r in rows if r["id"] in ids) == base
    left_out = text.rupiah_short(planned - base)
    assert f"Anggaran {left_out} lainnya belum dilaporkan realisasinya dan tidak dihitung." in page


def test_quick_win_page_shows_plan_beside_realisation(demo_pages: dict[str, str]) -> None:
    page = demo_pages[f"{DEMO}/quick-win/mal-pelayanan-publik.md"]
    assert _cells(page, "_anggaran") == {
        "2021": ["Rp1.750.000.000", "Rp1.540.000.000", "88%", "APBD"],
        "2022": ["Rp450.000.000", "Rp470.000.000", "104,4%, melebihi rencana", "APBD"],
        "Total": ["Rp2.200.000.000", "Rp2.010.000.000", "91,4%", ""],
    }
    assert ("<p><strong>Terserap 91,4%</strong> dari anggaran yang sudah dilaporkan realisasinya (Rp2,01 miliar "
            "dari Rp2,2 miliar, tahun 2021 dan 2022).</p>") in page
    chart = page.split('<h2 id="_anggaran"', 1)[1]
    assert "<desc id=\"mp-realisasi-d\">Rencana seluruhnya Rp2,2 miliar. 2021: rencana Rp1,75 miliar, realisasi " \
           "Rp1,54 miliar (88%). 2022: rencana Rp450 juta, realisasi Rp470 juta (104,4%), melebihi rencana.</desc>" \
           in chart
    data = json.loads(demo_pages[f"{DEMO}/data/{DEMO}.json"])
    entry = next(p for p in data["program"] if p["id"] == "mal-pelayanan-publik")
    assert entry["realisasi"]["realisasi"] == 2010000000
    assert [b.get("realisasi") for b in entry["anggaran"]] == [1540000000, 470000000]


def test_unreported_is_not_zero(demo_pages: dict[str, str]) -> None:
    """A programme without any realisation says so; its CSV cells are empty, never 0."""
    page = demo_pages[f"{DEMO}/smart-environment.md"]
    programs = _yaml(REPO / "regions" / DEMO / "program.yaml")["program"]
    unreported = [p for p in programs if p.get("anggaran") and not any("realisasi" in b for b in p["anggaran"])]
    assert unreported
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        demo_pages[f"{DEMO}/data/{DEMO}-program.csv"].lstrip("\ufeff")))}
    for p in unreported:
        assert rows[p["id"]]["total_realisasi"] == rows[p["id"]]["terserap_persen"] == ""
    assert "belum dilaporkan" in page or "Realisasi anggaran belum dilaporkan." in page


def test_realisation_is_in_the_json_schema(demo_pages: dict[str, str]) -> None:
    schema = json.loads(demo_pages["data/schema/program.schema.json"])
    found = json.dumps(schema)
    assert '"realisasi"' in found
    package = json.loads(demo_pages["data/datapackage.json"])
    fields = {f["name"] for f in package["resources"][0]["schema"]["fields"]}
    assert {"total_realisasi", "anggaran_tahun_dilaporkan", "terserap_persen"} <= fields


# ------------------------------------------------------------------ evaluation

def test_region_page_shows_latest_evaluation_with_components(demo_pages: dict[str, str]) -> None:
    page = demo_pages[f"{DEMO}/index.md"]
    assert "<p><strong>Indeks terakhir: 3,38</strong> dari skala 0–5 (evaluasi tahun 2024)." in page
    assert _cells(page, "_evaluasi-terakhir") == {
        "Smart Governance": ["3,9"], "Smart Branding": ["3,25"], "Smart Economy": ["3,2"],
        "Smart Living": ["3,55"], "Smart Society": ["3,4"], "Smart Environment": ["2,8"],
        "Komponen baseline (kondisi awal)": ["3,45"], "Komponen output (keluaran)": ["3,5"],
        "Komponen outcome (hasil)": ["3,25"],
        "Komponen dampak (impact)": ["3,05"], "Komponen Quick Win": ["3,1"],
    }
    assert "Skala 0 sampai 5. 2021: 2,41. 2022: 2,87. 2023: 3,12. 2024: 3,38." in page


# ------------------------------------------------------------------ provinces and comparison

def test_a_page_for_every_province_and_an_index(demo_pages: dict[str, str]) -> None:
    provinces = register.provinces()
    assert len(provinces) == 38
    for province in provinces:
        assert f"provinsi/{province.slug}.md" in demo_pages
    index = demo_pages["provinsi/index.md"]
    assert '<tr><td><a href="jawa-barat/">Jawa Barat</a></td>\n<td class="mp-r">1</td>\n' \
           '<td class="mp-r">27</td>\n</tr>' in index
    assert '<tr><td><a href="aceh/">Aceh</a></td>\n<td class="mp-r">belum ada</td>' in index
    aceh = demo_pages["provinsi/aceh.md"]
    assert ("Belum ada kabupaten/kota di Provinsi Aceh yang masterplan smart city-nya diterbitkan di situs ini. "
            "Provinsi ini mempunyai 23 kabupaten/kota menurut daftar Kemendagri.") in aceh


def test_province_page_compares_its_regions_without_the_demo(demo_pages: dict[str, str]) -> None:
    page = demo_pages["provinsi/jawa-barat.md"]
    assert "Masterplan smart city 1 dari 27 kabupaten/kota di Provinsi Jawa Barat diterbitkan di situs ini." in page
    rows = _cells(page, "_perbandingan")
    assert list(rows) == ["Kabupaten Garut"]
    assert "Harapan Jaya" not in page
    assert "Wilayah contoh" not in demo_pages["provinsi/index.md"]
    region = demo_pages["kabupaten-garut/index.md"]
    assert '<a href="../provinsi/jawa-barat/">Jawa Barat</a>' in region


def test_national_comparison_table_lists_every_real_region(demo_pages: dict[str, str]) -> None:
    home = demo_pages["index.md"]
    rows = _cells(home, "_perbandingan")
    assert list(rows) == ["Kabupaten Garut", "Kabupaten Sumbawa Barat", "Kota Payakumbuh", "Kota Tegal"]
    # No programme published yet: dashes, not zeros and "Rp0" that read as "no money".
    assert rows["Kota Tegal"] == ["Jawa Tengah", "–", "–", "–", "–", "–", "–", "–", "–"]
    assert "data-mp-banding" in home and "assets/javascripts/mp-compare.js" in home


def test_comparison_row_sums_and_latest_evaluation() -> None:
    """A region with programmes, realisation and evaluations: the row's figures, by hand."""
    budget = (m.Budget(2021, 100, "APBD", 90), m.Budget(2022, 300, "APBD"), m.Budget(2023, 50, "CSR", 60))
    late = m.Program("a", "A", "smart-living", "kesehatan", "quick-win", "x", 2020, 2021, "berjalan", anggaran=budget)
    done = m.Program("b", "B", "smart-living", "kesehatan", "quick-win", "x", 2020, 2021, "selesai")
    plan = m.Masterplan(versi_format=1, kode_wilayah="99.01", angkatan=2020, periode=m.Period(2020, 2029),
                        status_dokumen="final")
    region = m.Region("kota-x", "Kota X", "P", plan, (late, done),
                      (m.Evaluation(2022, 2.5), m.Evaluation(2023, 3.0)))
    row = render.compare_row(region, dt.date(2024, 1, 1))
    assert (row.programs, row.quick_wins, row.done, row.slipped) == (2, 2, 1, 1)
    assert (row.money.planned, row.money.reported_planned, row.money.spent, row.money.years) == (450, 150, 150,
                                                                                                  (2021, 2023))
    assert row.money.absorption == 100.0 and not row.money.over_plan
    assert row.evaluation is not None and row.evaluation.tahun == 2023


def test_total_absorption_says_it_counts_only_reported_lines(demo_pages: dict[str, str]) -> None:
    """A Quick Win with a reported year and an unreported one (2023, the CSR partner's): the total row must
    not read as a share of the whole plan, and the sentence names the amount left out."""
    page = demo_pages[f"{DEMO}/quick-win/qris-retribusi-pasar.md"]
    programs = _yaml(REPO / "regions" / DEMO / "program.yaml")["program"]
    planned, base, spent, years = _expected([p for p in programs if p["id"] == "qris-retribusi-pasar"])
    assert (years, base < planned) == ([2022], True)
    share = text.percent(round(100 * spent / base, 1))
    assert _cells(page, "_anggaran")["Total"] == [text.rupiah(planned), text.rupiah(spent),
                                                  f"{share} dari yang dilaporkan", ""]
    assert (f"<p><strong>Terserap {share}</strong> dari anggaran yang sudah dilaporkan realisasinya "
            f"({text.rupiah_short(spent)} dari {text.rupiah_short(base)}, tahun 2022). Anggaran "
            f"{text.rupiah_short(planned - base)} lainnya belum dilaporkan realisasinya dan tidak dihitung.</p>"
            ) in page
