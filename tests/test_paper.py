"""On paper: the print version of a region (/<slug>/cetak/) and the QR code of every Quick Win page.

What the pages hold is tested here; how they print (PDF text, one-page poster, the QR code read back by
zbarimg) is tested in a real browser in tests/browser/test_print.py."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from site_helpers import GOLDEN_REGIONS, ROOT, TODAY, load

from generator import qr, render, templating, urls
from generator.model import Dataset
from generator.settings import Settings, load_settings

SITE = "https://masterplan.contoh.go.id/"
PUBLIC = Settings(site_url=SITE)


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load(ROOT / "regions")


@pytest.fixture(scope="module")
def public_pages(bundled: Dataset) -> dict[str, str]:
    return {p.path: p.text for p in render.render_site(bundled, TODAY, PUBLIC)}


@pytest.fixture(scope="module")
def local_pages(bundled: Dataset) -> dict[str, str]:
    return {p.path: p.text for p in render.render_site(bundled, TODAY, Settings())}


def _headings(page: str, level: int) -> list[str]:
    return re.findall(rf'<h{level} id="[^"]+">(.*?)<a class="headerlink"', page)


def test_every_region_has_a_print_version_linked_from_its_page(
        bundled: Dataset, public_pages: dict[str, str]) -> None:
    for region in bundled.regions:
        assert urls.print_version(region.slug) in public_pages
        assert urls.url_of(urls.print_version(region.slug)) == f"/{region.slug}/cetak/"
        assert ('<p class="mp-versi-cetak"><a href="cetak/">Versi cetak / PDF</a>: seluruh masterplan dalam satu '
                "dokumen</p>") in public_pages[f"{region.slug}/index.md"]


def test_print_version_holds_the_whole_plan_in_chapter_order(bundled: Dataset, public_pages: dict[str, str]) -> None:
    region = next(r for r in bundled.regions if r.slug == "kota-harapan-jaya")
    page = public_pages["kota-harapan-jaya/cetak.md"]
    assert _headings(page, 2) == [
        "Identitas dan dasar hukum", "Tahapan", "Kelembagaan", "Analisis strategis", "Program per dimensi",
        "Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society", "Smart Environment",
        "Roadmap 2020–2029", "Quick Win", "Sumber",
    ]
    toc = re.findall(r'<li><a href="#([^"]+)">', page)
    assert toc == re.findall(r'<h2 id="([^"]+)">', page)
    # Every programme under its dimension, in the roadmap table, and every Quick Win again with its news.
    h3 = _headings(page, 3)
    for p in region.program:
        name = str(escape(p.nama))
        assert name in h3
        assert f"<tr><td>{name}</td>" in page
    assert h3.count("Pembayaran Retribusi Pasar dengan QRIS") == 2
    assert ("<li><strong>Pembaruan terakhir, 10 Februari 2025:</strong> Progres 70%. Target 2024 belum tercapai: "
            "dua pasar belum memiliki sinyal seluler yang stabil.") in page
    assert ("<li><strong>Pembaruan terakhir, 11 Juli 2022:</strong> Selesai, progres 100%. MPP diresmikan") in page
    assert ("<li><strong>Halaman:</strong> "
            "https://masterplan.contoh.go.id/kota-harapan-jaya/quick-win/qris-retribusi-pasar/</li>") in page
    # Budget per year and indicators of each programme; legal basis; sources.
    budget_tables = len(re.findall(r'<th>Tahun</th>\n<th class="mp-r">(?:Jumlah|Rencana)</th>', page))
    assert budget_tables == sum(1 for p in region.program if p.anggaran)
    assert "Peraturan Wali Kota Harapan Jaya Nomor 27 Tahun 2020" in page
    footer = ('<p class="mp-cetak-kaki">Dokumen ini: https://masterplan.contoh.go.id/kota-harapan-jaya/cetak/ · '
              "data per 9 Maret 2026</p>")
    assert page.count(footer) == 2
    # The same line at the foot of every printed sheet (generator/theme/main.html, @page margin box).
    assert ('\nprint_footer: "\\"Dokumen ini: https://masterplan.contoh.go.id/kota-harapan-jaya/cetak/ \\\\b7  '
            'data per 9 Maret 2026\\""\n') in page
    # A page that repeats the region's pages: kept out of search engines and the site search.
    assert "\nrobots: noindex, follow\n" in page


def test_roadmap_table_marks_the_years_a_programme_runs(public_pages: dict[str, str]) -> None:
    page = public_pages["kota-harapan-jaya/cetak.md"]
    # Cells stand on their own lines (so search text does not run them together).
    years = "\n".join(f"<th>{y}</th>" for y in range(2020, 2030))
    header = f"<thead><tr><th>Program</th>\n{years}\n</tr>\n</thead>"
    assert header in page
    # Pembayaran Retribusi Pasar dengan QRIS runs 2022–2024.
    row = "<tr><td>Pembayaran Retribusi Pasar dengan QRIS</td>\n" + "\n".join(["<td></td>"] * 2 + ["<td>●</td>"] * 3
                                                                                + ["<td></td>"] * 5)
    assert row + "\n</tr>" in page


def test_data_date_is_the_newest_dated_fact(public_pages: dict[str, str]) -> None:
    """No programme update yet (Kota Tegal): the newest past milestone dates the data."""
    page = public_pages["kota-tegal/cetak.md"]
    assert re.search(r'<p class="mp-cetak-kaki">Dokumen ini: https://masterplan.contoh.go.id/kota-tegal/cetak/ · '
                     r"data per \d+ \w+ \d{4}</p>", page)
    assert "Belum ada program yang diterbitkan untuk Kota Tegal." in page


def test_one_line_chapters_do_not_take_a_sheet_each(public_pages: dict[str, str]) -> None:
    """A region with little data: chapters that only say nothing is published yet follow on the same
    sheet (printed, Kabupaten Garut went from 14 sheets to 6); a chapter with content starts a sheet."""
    garut = public_pages["kabupaten-garut/cetak.md"]
    short = re.findall(r'<section class="mp-bab mp-bab-pendek" aria-labelledby="(_[a-z-]+)">', garut)
    assert short == ["_program", "_smart-governance", "_smart-branding", "_smart-economy", "_smart-living",
                     "_smart-society", "_smart-environment", "_roadmap", "_quick-win"], short
    demo = public_pages["kota-harapan-jaya/cetak.md"]
    assert "mp-bab-pendek" not in demo


def test_quick_win_page_carries_a_qr_code_of_its_canonical_url(public_pages: dict[str, str]) -> None:
    page = public_pages["kota-harapan-jaya/quick-win/qris-retribusi-pasar.md"]
    url = "https://masterplan.contoh.go.id/kota-harapan-jaya/quick-win/qris-retribusi-pasar/"
    block = page[page.index('<div class="mp-qr" data-pagefind-ignore>'):]
    assert ('<img class="mp-qr-kode" src="kode-qr.svg" width="120" height="120" '
            f'alt="Kode QR berisi alamat halaman ini: {url}">') in block
    assert public_pages["kota-harapan-jaya/quick-win/qris-retribusi-pasar/kode-qr.svg"] == qr.svg(url)
    assert f'<figcaption>Pindai untuk membuka halaman ini<br><span class="mp-qr-url">{url}</span></figcaption>' in block
    # The poster: name, region, status and progress, planned budget, years, responsible agency.
    assert '<p class="mp-poster-atas">Quick Win · Masterplan Smart City Kota Harapan Jaya</p>' in block
    assert '<p class="mp-poster-judul">Pembayaran Retribusi Pasar dengan QRIS</p>' in block
    assert ("<dt>Status</dt><dd>Berjalan, progres 70%, <strong>terlambat</strong> (target 2024)"
            '<span class="mp-poster-bar"><span style="width: 70%"></span></span></dd>') in block
    assert "<dt>Anggaran direncanakan</dt><dd>Rp425.000.000</dd>" in block
    assert "<dt>Tahun</dt><dd>2022–2024</dd>" in block
    assert "<dt>Penanggung jawab</dt><dd>Dinas Koperasi, Usaha Kecil dan Menengah, dan Perdagangan</dd>" in block
    assert "Data contoh: Kota Harapan Jaya adalah wilayah fiktif" in block
    # What it adds to the page a phone downloads; the code itself is a separate ~2.4 KB file.
    assert len(block.encode()) < 1500


def test_every_quick_win_and_only_quick_wins_have_a_qr_code(bundled: Dataset, public_pages: dict[str, str]) -> None:
    codes = sorted(path for path in public_pages if path.endswith(".svg"))
    assert codes == sorted(urls.quick_win_qr(r.slug, p.id) for r in bundled.regions for p in r.quick_wins)
    assert codes


def test_qr_code_is_small_deterministic_and_standalone() -> None:
    url = SITE + "kota-harapan-jaya/quick-win/qris-retribusi-pasar/"
    drawing = qr.svg(url)
    assert drawing.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 45 45" '
                              'shape-rendering="crispEdges"><path fill="#fff" d="M0 0h45v45h-45z"/>'
                              '<path stroke="#000" d="M4 4.5h7m')
    assert drawing.endswith("</svg>\n") and drawing.count("\n") == 1
    assert len(drawing) < 2600
    assert qr.svg(url) == drawing
    assert qr.svg(url + "x") != drawing


def test_css_string_escapes_everything_that_could_end_it() -> None:
    assert templating.css_string("data per 9 Maret 2026") == '"data per 9 Maret 2026"'
    assert templating.css_string('a"b\\c</style>\n·') == '"a\\22 b\\5c c\\3c /style\\3e \\a \\b7 "'


def test_without_a_public_address_nothing_prints_an_invented_one(local_pages: dict[str, str]) -> None:
    """No MASTERPLAN_SITE_URL: no QR code (it would lead nowhere) and no address in the print footer."""
    qw = local_pages["kota-harapan-jaya/quick-win/qris-retribusi-pasar.md"]
    assert "mp-qr" not in qw and "kode-qr.svg" not in qw
    assert not [path for path in local_pages if path.endswith(".svg")]
    page = local_pages["kota-harapan-jaya/cetak.md"]
    assert page.count('<p class="mp-cetak-kaki">data per 9 Maret 2026</p>') == 2
    assert "Dokumen ini:" not in page and "<strong>Halaman:</strong>" not in page
    assert "smartcity.example.id" not in page


def test_public_address_comes_from_the_configuration(tmp_path: pytest.TempPathFactory,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    config = ROOT / "mkdocs.yml"
    monkeypatch.delenv("MASTERPLAN_SITE_URL", raising=False)
    assert not load_settings(config).has_public_address
    monkeypatch.setenv("MASTERPLAN_SITE_URL", "https://smartcity.garutkab.go.id")
    settings = load_settings(config)
    assert settings.has_public_address and settings.site_url == "https://smartcity.garutkab.go.id/"


def test_golden_region_print_version(bundled: Dataset) -> None:
    """HTML in the data stays text in the print version too."""
    pages = {p.path: p.text for p in render.render_site(load(GOLDEN_REGIONS), TODAY, PUBLIC)}
    page = pages["kota-uji-coba/cetak.md"]
    assert "<script>" not in page
    assert "Lapor &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Warga" in page
