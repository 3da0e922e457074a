"""What readers of the bundled site get (issue 19): national figures without fiction, honest delays,
evidence that agrees with itself, regions one tap away, words explained, sharing and citing."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import urllib.parse

import pytest
from site_helpers import ROOT, TODAY, load

from generator import opendata, render, urls, vocabulary
from generator.settings import Settings

SITE = Settings(site_url="https://smartcity.contoh.go.id/")
DEMO = "kota-harapan-jaya"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.path: p.text for p in render.render_site(load(ROOT / "regions"), TODAY, SITE)}


def _section(page: str, anchor: str) -> str:
    """The HTML of one h2 section of a page."""
    return page.split(f'<h2 id="{anchor}">', 1)[1].split("<h2 ", 1)[0]


# ------------------------------------------------------------------ 1. no fiction in national figures

def test_national_figures_leave_the_demo_out(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    summary = _section(home, "_ringkasan")
    # The bundled real regions have no programmes yet: the demo's 20 programmes must not show as national.
    assert "<li><strong>Wilayah:</strong> 4 kabupaten/kota</li>" in summary
    assert ("<li><strong>Program:</strong> belum ada yang diterbitkan; masterplan wilayahnya masih disusun atau "
            "programnya belum dimuat</li>") in summary
    assert "Rp0" not in summary and "<strong>Quick Win:</strong>" not in summary
    # In the comparison table a region without programmes has dashes, not zeros that read as "no money".
    garut = home.split('<a href="kabupaten-garut/">Kabupaten Garut</a></td>', 1)[1].split("</tr>", 1)[0]
    assert garut.count('<td class="mp-r" data-nilai="-1">–</td>') == 8 and "Rp0" not in garut
    assert "wilayah data contoh tidak termasuk" in summary
    assert "Belum ada pembaruan program dari kabupaten/kota yang diterbitkan." in _section(home, "_pembaruan")
    # Without real Quick Wins there is no province chart of zeros (and never the demo as a "province").
    assert 'id="_quick-win"' not in home and "Wilayah contoh" not in home
    demo = _section(home, "_contoh")
    assert '<li><a href="kota-harapan-jaya/">Kota Harapan Jaya</a> (data contoh, fiktif)</li>' in demo
    # Every mention of the demo region on the national pages carries the label.
    for page in (home, pages[urls.REGION_INDEX], pages["data/index.md"]):
        for mention in re.findall(r">Kota Harapan Jaya</a>[^<]{0,20}", page):
            assert "(data contoh" in mention, mention
    # The comparison tables count rescheduled Quick Wins with the late ones, and say so above the table.
    for page in (home, pages["provinsi/jawa-barat.md"]):
        assert ("Quick Win terlambat: lewat tahun targetnya tanpa selesai, atau dijadwalkan ulang dari target "
                "semula.") in page
    # The open-data list of regions has a province column: the demo has none, and says why.
    assert ('(data contoh)</td>\n<td>– (wilayah fiktif)</td>' in pages["data/index.md"]
            and "<td>Wilayah contoh</td>" not in pages["data/index.md"])


# ------------------------------------------------------------------ 4. evidence from updates counts

def test_evidence_from_updates_counts_and_names_its_host(pages: dict[str, str]) -> None:
    mpp = pages[f"{DEMO}/quick-win/mal-pelayanan-publik.md"]
    evidence = _section(mpp, "_bukti")
    assert "Belum ada tautan bukti" not in evidence
    assert ('<li><a href="https://harapanjaya.contoh.go.id/berita/2022/07/mpp-diresmikan" rel="nofollow noopener">'
            "harapanjaya.contoh.go.id</a>, dari pembaruan 11 Juli 2022: ") in evidence
    history = _section(mpp, "_riwayat")
    assert 'Bukti: <a href="https://harapanjaya.contoh.go.id/berita/2022/07/mpp-diresmikan"' in history
    assert ">Bukti</a>" not in history
    row = next(r for r in csv.DictReader(io.StringIO(pages[f"{DEMO}/data/{DEMO}-program.csv"].lstrip("\ufeff")))
               if r["id"] == "mal-pelayanan-publik")
    assert row["jumlah_bukti"] == "1"


# ------------------------------------------------------------------ 5. rescheduling stays visible

def test_rescheduled_quick_win_says_so_everywhere(pages: dict[str, str]) -> None:
    page = pages[f"{DEMO}/quick-win/pju-tenaga-surya.md"]
    assert ("<p><strong>Status:</strong> Tertunda, progres 25%, <strong>dijadwalkan ulang</strong> dari 2023 "
            "ke 2027</p>") in page
    assert "<li><strong>Tahun:</strong> 2022–2027 (semula 2022–2023)</li>" in page
    assert "Program ini semula dijanjikan selesai pada 2023; jadwalnya kemudian diubah ke 2027." in page
    region = pages[f"{DEMO}/index.md"]
    assert "<th class=\"mp-r\">Terlambat atau dijadwalkan ulang</th>" in region
    data = json.loads(pages[f"{DEMO}/data/{DEMO}.json"])
    pju = next(p for p in data["program"] if p["id"] == "pju-tenaga-surya")
    assert (pju["tahun_selesai_awal"], pju["tahun_selesai"], pju["dijadwalkan_ulang"]) == (2023, 2027, True)
    environment = data["ringkasan"]["per_dimensi"]["smart-environment"]
    assert environment["dijadwalkan_ulang"] == 1
    assert environment["terlambat_atau_dijadwalkan_ulang"] == environment["terlambat"] + 1
    row = next(r for r in csv.DictReader(io.StringIO(pages["data/program.csv"].lstrip("\ufeff")))
               if r["id"] == "pju-tenaga-surya")
    assert (row["tahun_selesai_awal"], row["dijadwalkan_ulang"]) == ("2023", "true")


# ------------------------------------------------------------------ 7. regions one tap away

def test_region_index_by_province_and_home_finder(pages: dict[str, str]) -> None:
    index = pages[urls.REGION_INDEX]
    assert '<h2 id="_prov-jawa-barat">Jawa Barat' in index
    assert '<li><a href="../kabupaten-garut/">Kabupaten Garut</a>: angkatan 2023, periode 2024–2033, ' \
           "dalam penyusunan, program belum diterbitkan</li>" in index
    assert index.index('id="_prov-jawa-barat"') < index.index('id="_prov-jawa-tengah"') < index.index('id="_contoh"')
    home = pages["index.md"]
    assert home.index('id="_cari"') < home.index('id="_ringkasan"')
    assert '<li><a href="kota-tegal/">Kota Tegal</a> <span class="mp-prov">(Jawa Tengah)</span></li>' in home
    assert '<a href="wilayah/">Daftar semua 4 kabupaten/kota menurut provinsi</a>' in home
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    assert "  - Daftar wilayah: wilayah.md" in nav.splitlines()


def test_home_finder_lists_provinces_at_national_scale() -> None:
    regions = load(ROOT / "regions").regions
    real = next(r for r in regions if r.slug == "kota-tegal")
    many = [real.__class__(f"kota-uji-{i}", f"Kota Uji {i}", f"Provinsi {i % 3}", real.plan, ()) for i in range(13)]
    home = render.Renderer(TODAY, SITE).home_page(type(load(ROOT / "regions"))(tuple(many)))
    finder = _section(home.text, "_cari")
    assert ('<p class="mp-cari">Pilih provinsi: <a href="wilayah/#_prov-provinsi-0">Provinsi 0</a> · '
            '<a href="wilayah/#_prov-provinsi-1">Provinsi 1</a> · <a href="wilayah/#_prov-provinsi-2">Provinsi 2</a>'
            "</p>") in finder


# ------------------------------------------------------------------ 8. words explained

def test_dimensions_carry_an_indonesian_gloss(pages: dict[str, str]) -> None:
    page = pages[f"{DEMO}/smart-living.md"]
    assert ("<p>Smart Living berarti <strong>kualitas hidup</strong>. Istilah seperti OPD dan elemen dijelaskan di "
            '<a href="../../istilah/#opd">daftar istilah</a>.</p>') in page
    quick_win = pages[f"{DEMO}/quick-win/pju-tenaga-surya.md"]
    assert '<a href="../../../istilah/#opd">OPD</a> penanggung jawab' in quick_win
    assert '<a href="istilah/">daftar istilah</a>' in pages["index.md"]
    region = pages[f"{DEMO}/index.md"]
    for key, gloss in vocabulary.DIM_GLOSS.items():
        assert f'>{vocabulary.DIM_LABEL[key]}</a> <span class="mp-gloss">({gloss})</span></td>' in region


def test_glossary_explains_the_terms_the_pages_use() -> None:
    glossary = (ROOT / "content" / urls.GLOSSARY).read_text(encoding="utf-8")
    for term, anchor in [("OPD", "opd"), ("APBD", "apbd"), ("CSR", "csr"), ("Bimtek", "bimtek"), ("MoU", "mou"),
                         ("Angkatan", "angkatan"), ("Elemen", "elemen"), ("Feed", "feed"),
                         ("Dijadwalkan ulang", "dijadwalkan-ulang")]:
        assert re.search(rf"^## {term}.*\{{#{anchor}\}}$", glossary, re.M), term


# ------------------------------------------------------------------ 9. sharing, downloading, reporting

def test_share_link_works_without_javascript(pages: dict[str, str]) -> None:
    page = pages[f"{DEMO}/quick-win/qris-retribusi-pasar.md"]
    share = _section(page, "_bagikan")
    url = "https://smartcity.contoh.go.id/kota-harapan-jaya/quick-win/qris-retribusi-pasar/"
    link = re.search(r'<a href="(https://wa\.me/\?text=[^"]+)" rel="nofollow noopener" data-mp-wa>', share)
    assert link is not None
    text = urllib.parse.parse_qs(urllib.parse.urlsplit(link.group(1).replace("&amp;", "&")).query)["text"][0]
    assert text == f"Pembayaran Retribusi Pasar dengan QRIS (data contoh, fiktif), Quick Win Kota Harapan Jaya: {url}"
    assert f'<input id="mp-alamat" class="mp-alamat" type="text" readonly value="{url}">' in share
    plain = {p.path: p.text for p in render.render_site(load(ROOT / "regions"), TODAY)}
    assert "wa.me" not in _section(plain[f"{DEMO}/quick-win/qris-retribusi-pasar.md"], "_bagikan").split("hidden")[0]


def test_each_quick_win_has_its_own_download(pages: dict[str, str]) -> None:
    region = load(ROOT / "regions").regions
    demo = next(r for r in region if r.slug == DEMO)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(pages[f"{DEMO}/data/{DEMO}-program.csv"].lstrip("\ufeff")))}
    whole = {p["id"]: p for p in json.loads(pages[f"{DEMO}/data/{DEMO}.json"])["program"]}
    for p in demo.quick_wins:
        own = json.loads(pages[urls.quick_win_download(DEMO, p.id, "json")])
        assert own["program"] == whole[p.id] and own["wilayah"]["contoh"] is True
        own_rows = list(csv.DictReader(io.StringIO(pages[urls.quick_win_download(DEMO, p.id, "csv")].lstrip("\ufeff"))))
        assert own_rows == [rows[p.id]]
        assert f'<a href="../../data/quick-win/{p.id}.json" download>JSON</a>' in pages[urls.quick_win(DEMO, p.id)]


def test_report_an_error_goes_to_the_contact_in_the_data(pages: dict[str, str]) -> None:
    page = pages[f"{DEMO}/quick-win/qris-retribusi-pasar.md"]
    assert ('<a href="mailto:data@harapanjaya.contoh.go.id?subject=Kesalahan%20data%20Quick%20Win%20Pembayaran'
            '%20Retribusi%20Pasar%20dengan%20QRIS">data@harapanjaya.contoh.go.id</a>') in _section(page, "_laporkan")
    garut = _section(pages["kabupaten-garut/index.md"], "_laporkan")
    assert "Kabupaten Garut belum mencantumkan alamat e-mail untuk laporan kesalahan data" in garut


# ------------------------------------------------------------------ 10. search

def test_table_cells_do_not_run_together_in_the_text(pages: dict[str, str]) -> None:
    """Search excerpts are made from the page's text: each cell must stand apart."""
    page = pages[f"{DEMO}/quick-win/qris-retribusi-pasar.md"]
    text = re.sub(r"<[^>]+>", "", page)
    assert "IndikatorTargetCapaianTahun" not in text and "TahunJumlahSumber dana" not in text
    assert "Indikator\nTarget\nCapaian\nTahun" in text


def test_words_on_every_page_stay_out_of_the_search_index(pages: dict[str, str]) -> None:
    """The region's section links, a Quick Win's breadcrumb and its download/share/cite/report sections
    are the same on every page: Pagefind skips them (data-pagefind-ignore), so excerpts show the
    programme, not "Kutip halaman ini. Pemerintah …". The QR block was already left out."""
    page = pages[f"{DEMO}/quick-win/qris-retribusi-pasar.md"]
    ignored = page.split('<div class="mp-tindakan" data-pagefind-ignore>\n', 1)[1].split("\n</div>\n<div class=", 1)[0]
    for anchor in ("_unduh", "_bagikan", "_kutip", "_laporkan"):
        assert f'<h2 id="{anchor}">' in ignored, anchor
    assert '<p data-pagefind-ignore><a href="../../">Kota Harapan Jaya</a> › <a href="../">Quick Win</a>' in page
    assert '<h2 id="_riwayat">' not in ignored and '<h2 id="_anggaran">' not in ignored
    data = pages[f"{DEMO}/data/index.md"]  # the format explanation, the same on every region's data page
    ignored = data.split("<div data-pagefind-ignore>\n", 1)[1]
    assert '<h2 id="_json">' in ignored and '<h2 id="_kolom">' in ignored and '<h2 id="_ringkasan">' not in ignored
    for path, body in pages.items():
        if '<nav class="mp-lokal"' in body:
            assert '<nav class="mp-lokal" aria-label="Bagian masterplan ' in body and '" data-pagefind-ignore>' in \
                body.split('<nav class="mp-lokal"', 1)[1].split("\n", 1)[0], path


def test_demo_pages_are_marked_in_their_title(pages: dict[str, str]) -> None:
    """The search result's title is the page's front-matter title."""
    for path, body in pages.items():
        if path.startswith(f"{DEMO}/") and path.endswith(".md") and "template: redirect.html" not in body:
            title = body.split("\ntitle: ", 1)[1].split("\n", 1)[0]
            assert title.endswith(' (data contoh)"'), path


def test_opendata_never_imports_a_site_address() -> None:
    """Without MASTERPLAN_SITE_URL every address in the downloads is left out rather than made up."""
    demo = next(r for r in load(ROOT / "regions").regions if r.slug == DEMO)
    files = {p.path: p.text for p in opendata.region_files(demo, TODAY, Settings())}
    data = json.loads(files[f"{DEMO}/data/{DEMO}.json"])
    assert data["wilayah"]["url"] is None and all(p["url"] is None for p in data["program"])
    assert data["skema"] == {"masterplan": None, "program": None, "evaluasi": None}


def test_national_and_province_counts_are_written_the_indonesian_way() -> None:
    """Counts over a thousand carry the thousands separator ("1.200 program"), as amounts already do."""
    dataset = load(ROOT / "regions")
    demo = next(r for r in dataset.regions if r.slug == DEMO)
    garut = next(r for r in dataset.regions if r.slug == "kabupaten-garut")  # Jawa Barat in the register
    plan = dataclasses.replace(demo.plan, contoh=False, kode_wilayah=garut.plan.kode_wilayah)
    big = dataclasses.replace(demo, plan=plan, provinsi=garut.provinsi, program=demo.program * 60)
    regions = tuple(sorted([big, *(r for r in dataset.regions if r.slug != DEMO)], key=lambda r: r.slug))
    built = {p.path: p.text for p in render.render_site(dataclasses.replace(dataset, regions=regions), TODAY)}
    quick = len(demo.quick_wins) * 60
    home = built["index.md"]
    assert "<li><strong>Program:</strong> 1.200</li>" in home
    assert f"<li><strong>Quick Win:</strong> {quick} (" in home
    assert re.search(r"\b\d{4,}\b (?:program|selesai|berjalan|rencana|tertunda|dibatalkan|terlambat)",
                     re.sub(r"<[^>]+>", " ", home)) is None
    province = built["provinsi/jawa-barat.md"]
    assert "<li><strong>Program:</strong> 1.200</li>" in province
    assert "(1.200 program" in built["data/index.md"]


def test_quick_win_page_gives_cost_and_years_under_the_status(pages: dict[str, str]) -> None:
    """Status, cost and years in the first lines of a Quick Win page, above the chart and description."""
    page = pages[f"{DEMO}/quick-win/qris-retribusi-pasar.md"]
    status = page.index("<p><strong>Status:</strong> ")
    cost = page.index("<p><strong>Anggaran:</strong> Rp425 juta, realisasi Rp238 juta · <strong>Tahun:</strong> "
                      "2022–2024</p>")
    assert status < cost < page.index('<figure class="mp-chart">') < page.index('<div class="uraian">')
