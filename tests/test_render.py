"""Golden pages, escaping, formats and the page contract for a small fixture region."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from site_helpers import GOLDEN_REGIONS, ROOT, TODAY, load

from generator import register, render, templating, text
from generator.write import GENERATED_SUFFIXES

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.path: p.text for p in render.render_site(load(GOLDEN_REGIONS), TODAY)}


def test_page_list_is_the_url_contract(pages: dict[str, str]) -> None:
    provinces = [f"provinsi/{p.slug}.md" for p in register.provinces()]
    assert len(provinces) == 38
    assert sorted(pages) == sorted([*provinces, "provinsi/index.md",
        "data/datapackage.json",
        "data/index.md",
        "data/program.csv",
        "data/program.json",
        "data/schema/evaluasi.schema.json",
        "data/schema/masterplan.schema.json",
        "data/schema/program.schema.json",
        "data/wilayah.json",
        "feed.xml",
        "index.md",
        "kota-uji-coba/analisis.md",
        "kota-uji-coba/cetak.md",
        "kota-uji-coba/data/index.md",
        "kota-uji-coba/data/kota-uji-coba-program.csv",
        "kota-uji-coba/data/kota-uji-coba.json",
        "kota-uji-coba/data/quick-win/lapor-warga.csv",
        "kota-uji-coba/data/quick-win/lapor-warga.json",
        "kota-uji-coba/data/quick-win/sampah-pintar.csv",
        "kota-uji-coba/data/quick-win/sampah-pintar.json",
        "kota-uji-coba/feed.xml",
        "kota-uji-coba/index.md",
        "kota-uji-coba/perubahan.md",
        "kota-uji-coba/quick-win/index.md",
        "kota-uji-coba/quick-win/lapor-warga.md",
        "kota-uji-coba/quick-win/pengaduan-warga.md",
        "kota-uji-coba/quick-win/sampah-pintar.md",
        "kota-uji-coba/roadmap.md",
        "kota-uji-coba/smart-environment.md",  # dimensions without programmes, goal or strategies: no page
        "kota-uji-coba/smart-governance.md",
        "wilayah.md",
    ])


def test_golden_pages(pages: dict[str, str]) -> None:
    """Every page type byte for byte; regenerate on purpose with UPDATE_GOLDEN=1."""
    if UPDATE:
        for path, body in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body.encode())  # bytes: the CSV downloads keep their CRLF line ends
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode() for p in GOLDEN.rglob("*")
                if p.is_file() and p.name.endswith(GENERATED_SUFFIXES)}
    assert sorted(expected) == sorted(pages)
    for path, body in pages.items():
        assert body == expected[path], path


def test_html_in_data_is_text(pages: dict[str, str]) -> None:
    qw = pages["kota-uji-coba/quick-win/lapor-warga.md"]
    assert "<script>" not in qw and "<img" not in qw
    assert ('title: "Lapor &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Warga — Quick Win Kota Uji Coba '
            '(data contoh)"') in qw
    assert '<h1 id="_judul">Lapor &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Warga</h1>' in qw
    assert "&lt;img src=x onerror=alert(1)&gt;" in qw
    region = pages["kota-uji-coba/index.md"]
    assert "Budi &lt;script&gt;alert(1)&lt;/script&gt;" in region
    assert "Perwal &lt;b&gt;No. 1&lt;/b&gt; Tahun 2021" in region


def test_only_http_links_survive_in_uraian(pages: dict[str, str]) -> None:
    qw = pages["kota-uji-coba/quick-win/lapor-warga.md"]
    assert '<a href="https://uji.contoh.go.id/lapor" rel="nofollow noopener">situs resmi</a>' in qw
    assert "javascript:" not in qw
    assert "<li>jahat</li>" in qw


def test_markdown_in_plain_fields_is_inert(pages: dict[str, str]) -> None:
    """Page bodies are HTML that MkDocs passes through: Markdown syntax in the data is just text."""
    region = pages["kota-uji-coba/index.md"]
    assert "format: html" in region
    assert "Kota yang *terbuka* &amp; melayani" in region
    assert "Melayani warga | setiap hari" in region


def test_late_and_missing_evidence_marks(pages: dict[str, str]) -> None:
    late = pages["kota-uji-coba/quick-win/sampah-pintar.md"]
    assert '<div class="admonition danger">\n<p class="admonition-title">Terlambat</p>' in late
    assert "<strong>Status:</strong> Berjalan, progres 40%, <strong>terlambat</strong> (target 2023)" in late
    done = pages["kota-uji-coba/quick-win/lapor-warga.md"]
    assert '<div class="admonition warning">\n<p class="admonition-title">Belum ada bukti</p>' in done
    assert "terlambat" not in done


def test_redirect_page_for_old_id(pages: dict[str, str]) -> None:
    redirect = pages["kota-uji-coba/quick-win/pengaduan-warga.md"]
    assert 'redirect: "../lapor-warga/"' in redirect
    assert "template: redirect.html" in redirect
    assert '<a href="../lapor-warga/">' in redirect


def test_demo_banner_on_every_region_page(pages: dict[str, str]) -> None:
    for path, body in pages.items():
        if path.startswith("kota-uji-coba/") and path.endswith(".md") and "template: redirect.html" not in body:
            assert '<p class="admonition-title">Data contoh</p>' in body, path


def test_empty_sections_are_not_pages(pages: dict[str, str]) -> None:
    """A dimension with nothing to show gets no page and no link; its table row says 0 without a link."""
    assert "kota-uji-coba/smart-living.md" not in pages
    region = pages["kota-uji-coba/index.md"]
    assert 'href="smart-living/"' not in region
    assert ('<td>Smart Living <span class="mp-gloss">(kualitas hidup)</span></td>') in region


def test_published_empty_sections_keep_answering() -> None:
    """Once published, the address of a section that became empty leads to the region's overview."""
    dataset = load(ROOT / "regions")
    registered = {"/kabupaten-garut/smart-living/", "/kabupaten-garut/roadmap/", "/kabupaten-garut/quick-win/"}
    pages = {p.path: p.text for p in render.render_site(dataset, TODAY, registered=registered)}
    garut = {path for path in pages if path.startswith("kabupaten-garut/")}
    assert garut == {"kabupaten-garut/index.md", "kabupaten-garut/analisis.md", "kabupaten-garut/perubahan.md",
                     "kabupaten-garut/data/index.md", "kabupaten-garut/data/kabupaten-garut.json",
                     "kabupaten-garut/data/kabupaten-garut-program.csv", "kabupaten-garut/feed.xml",
                     "kabupaten-garut/smart-living.md", "kabupaten-garut/roadmap.md",
                     "kabupaten-garut/quick-win/index.md", "kabupaten-garut/cetak.md"}
    moved = pages["kabupaten-garut/smart-living.md"]
    assert 'template: redirect.html\nredirect: "../"\nrobots: noindex' in moved
    assert ("<p>Belum ada program Smart Living yang diterbitkan untuk Kabupaten Garut; halaman ini akan berisi "
            'datanya setelah dimuat. Sementara itu, lihat <a href="../">ringkasan masterplan Kabupaten Garut</a>.'
            "</p>") in moved
    assert 'redirect: "../"' in pages["kabupaten-garut/quick-win/index.md"]  # from /…/quick-win/
    nav = pages["kabupaten-garut/index.md"].split('<nav class="mp-lokal"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]*)"', nav) == ["./", "analisis/", "perubahan/", "data/"]


def test_little_data_region_says_what_is_known(pages: dict[str, str]) -> None:
    garut = {p.path: p.text for p in render.render_site(load(ROOT / "regions"), TODAY)}["kabupaten-garut/index.md"]
    assert "Dalam penyusunan (menurut langkah terakhir yang tercatat, 5 Juli 2023)" in garut
    assert ("<li><strong>Dokumen masterplan:</strong> dalam penyusunan. Langkah terakhir yang tercatat: Bimtek "
            "tahap 1, 5 Juli 2023 (Ballroom Hotel Harmoni") in garut
    assert "<li><strong>Belum diterbitkan:</strong> program per dimensi, Quick Win, anggaran dan roadmap" in garut
    assert '2 dokumen atau berita, tercantum di bagian <a href="#_sumber">Sumber</a>' in garut
    assert "data ini dicocokkan dengan sumbernya pada 22 November 2026" in garut
    assert "setelah data program dimuat" not in garut


def test_roadmap_lists_empty_years_once() -> None:
    """Years without programmes are named once, not one "no programme" heading each."""
    pages = {p.path: p.text for p in render.render_site(load(ROOT / "tests" / "data" / "valid"), TODAY)}
    roadmap = pages["kota-tegal/roadmap.md"]
    assert "Tidak ada program pada tahun ini" not in roadmap
    assert "<p>Tidak ada program yang direncanakan berjalan pada tahun 2028, 2029, 2030, 2031, 2032.</p>" in roadmap
    assert 'id="_2028"' not in roadmap and 'id="_2027"' in roadmap


@pytest.mark.parametrize(("amount", "full", "short"), [
    (0, "Rp0", "Rp0"),
    (999, "Rp999", "Rp999"),
    (1_250_000_000, "Rp1.250.000.000", "Rp1,25 miliar"),
    (250_000_000, "Rp250.000.000", "Rp250 juta"),
    (1_500_000, "Rp1.500.000", "Rp1,5 juta"),
    (3_400_000_000_000, "Rp3.400.000.000.000", "Rp3,4 triliun"),
])
def test_rupiah(amount: int, full: str, short: str) -> None:
    assert text.rupiah(amount) == full
    assert text.rupiah_short(amount) == short


@pytest.mark.parametrize(("value", "shown"), [
    (dt.date(2019, 5, 15), "15 Mei 2019"),
    (dt.date(2022, 4, 21), "21 April 2022"),
    (dt.date(2023, 8, 1), "1 Agustus 2023"),
])
def test_dates(value: dt.date, shown: str) -> None:
    assert text.date(value) == shown


def test_percent_and_number() -> None:
    assert text.percent(85.71) == "85,7%"
    assert text.percent(100) == "100%"
    assert text.number(88.2) == "88,2"
    assert text.number(1500) == "1.500"


@pytest.mark.parametrize(("status", "end", "late"), [
    ("berjalan", 2025, True),
    ("rencana", 2025, True),
    ("tertunda", 2025, True),
    ("selesai", 2025, False),
    ("dibatalkan", 2025, False),
    ("berjalan", 2026, False),
])
def test_late_rule(status: str, end: int, late: bool) -> None:
    program = load(GOLDEN_REGIONS).regions[0].program[0]
    from dataclasses import replace

    assert replace(program, status=status, tahun_selesai=end).is_late(TODAY) is late


@pytest.mark.parametrize("value", [
    "".join(chr(c) for c in range(33, 127)),
    "Target tercapai: 90% (bukan 100%) | sisa *dua* pasar_baru #1 [lihat](https://x.id) <b>&amp;</b>",
    "1. bukan daftar",
    "- bukan butir",
    "## bukan judul {#x}",
    "<script>alert(1)</script> &amp; &lt;",
])
def test_escaped_text_reads_back_exactly(value: str) -> None:
    """Whatever the data says, the reader sees exactly that text, with no markup and no stray backslash:
    the page body is HTML, so a value is escaped once and MkDocs passes it through unchanged."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags: list[str] = []
            self.text = ""

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.tags.append(tag)

        def handle_data(self, data: str) -> None:
            self.text += data

    body = templating.environment().from_string("<p>Teks: {{ value }}</p>").render(value=value)
    reader = Reader()
    reader.feed(body)
    assert reader.tags == ["p"]
    assert reader.text == f"Teks: {value}"


def test_uraian_subset() -> None:
    html = text.uraian("Satu *dua*\n\n1. a\n2. [b](mailto:x@y.id)\n\n- [c](data:text/html,x)")
    assert html == (
        '<div class="uraian"><p>Satu <em>dua</em></p><ol><li>a</li>'
        '<li><a href="mailto:x@y.id" rel="nofollow noopener">b</a></li></ol><ul><li>c</li></ul></div>'
    )


def test_rendering_is_deterministic() -> None:
    first = render.render_site(load(GOLDEN_REGIONS), TODAY)
    second = render.render_site(load(GOLDEN_REGIONS), TODAY)
    assert first == second
    assert [p.path for p in first] == sorted(p.path for p in first)


def test_golden_dir_is_complete() -> None:
    assert Path(GOLDEN / "index.md").is_file()


# The hand-written formatters must say exactly what Babel's id_ID locale says.
from decimal import Decimal  # noqa: E402

from babel.dates import format_date  # noqa: E402
from babel.numbers import format_compact_decimal, format_decimal, format_percent  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, derandomize=True)
@given(st.integers(min_value=0, max_value=10**14))
def test_rupiah_matches_babel(amount: int) -> None:
    assert text.rupiah(amount) == "Rp" + format_decimal(amount, locale="id_ID", format="#,##0")
    if amount >= 1000 and (amount < 999_995 or amount >= 1_000_000) and not 999_995_000 <= amount < 10**9 \
            and not 999_995_000_000 <= amount < 10**12:
        babel = format_compact_decimal(amount, locale="id_ID", format_type="long", fraction_digits=2)
        assert text.rupiah_short(amount) == "Rp" + babel


@settings(max_examples=300, derandomize=True)
@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False))
def test_number_and_percent_match_babel(value: object) -> None:
    number = float(value)  # type: ignore[arg-type]
    assert text.number(number) == format_decimal(number, locale="id_ID", format="#,##0.##")
    exact = Decimal(repr(number)) / 100  # Babel rounds what it is given; give it the exact value
    assert text.percent(number) == format_percent(exact, locale="id_ID", format="#,##0.#%")


@settings(max_examples=200, derandomize=True)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_matches_babel(value: dt.date) -> None:
    assert text.date(value) == format_date(value, format="d MMMM y", locale="id_ID")


def test_rendering_on_every_core_gives_the_same_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """At national scale regions are rendered in forked workers; the pages must not depend on it."""
    dataset = load(ROOT / "regions")
    serial = render.render_site(dataset, TODAY)
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(render, "_CHUNK", 2)
    monkeypatch.setattr(render.os, "cpu_count", lambda: 2)  # the pool also on a one-core machine
    assert render.render_site(dataset, TODAY) == serial
