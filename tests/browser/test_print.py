"""Printed as a reader prints: chromium saves the pages as A4 PDF, poppler reads the PDF back, zbar reads
the QR code from a screenshot.

- ``/<slug>/cetak/`` holds every programme name and its own canonical URL, over several pages;
- a Quick Win page prints as a one-page A4 poster with the programme's name, its address and the code;
- the QR code on the page decodes to exactly the page's canonical URL, on screen and in print.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_support import REGION, Browse
from markupsafe import escape
from playwright.sync_api import Page

from generator import qr

pytestmark = pytest.mark.browser

QUICK_WIN = f"/{REGION}/quick-win/qris-retribusi-pasar/"
PRINT = f"/{REGION}/cetak/"
TOOLS = {"pdftotext": "poppler-utils", "pdfinfo": "poppler-utils", "zbarimg": "zbar-tools"}


def _tool(name: str) -> str:
    """A Debian tool the test needs; missing is a failure (tests/browser/install_tools.sh installs it)."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: run tests/browser/install_tools.sh (Debian {TOOLS[name]})", pytrace=False)
    return found


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def _pdf(page: Page, target: Path) -> tuple[str, int]:
    """The page printed to A4 as chromium prints it; its text (reading order) and its number of pages."""
    page.pdf(path=str(target), format="A4")
    text = _run(_tool("pdftotext"), str(target), "-")
    info = _run(_tool("pdfinfo"), str(target))
    pages = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert pages, info
    return text, int(pages.group(1))


def _canonical(page: Page) -> str:
    href = page.locator('link[rel="canonical"]').get_attribute("href")
    assert href and href.startswith("https://"), f"no canonical URL on {page.url}: {href!r}"
    return href


def _decode(page: Page, selector: str, target: Path) -> list[str]:
    """Every QR code zbarimg finds in a screenshot of one element."""
    page.locator(selector).screenshot(path=str(target))
    proc = subprocess.run([_tool("zbarimg"), "-q", "--raw", str(target)], capture_output=True, text=True,
                          check=False, timeout=60)
    assert proc.returncode in (0, 4), proc.stderr  # 4: nothing found, reported by the caller's assertion
    return proc.stdout.splitlines()


def _programme_names(page: Page) -> list[str]:
    """The programme names of the region, from its dimension pages' headings as a reader sees them."""
    origin = page.url.split(PRINT)[0]
    names: list[str] = []
    for dim in ("smart-governance", "smart-branding", "smart-economy", "smart-living", "smart-society",
                "smart-environment"):
        page.goto(f"{origin}/{REGION}/{dim}/", wait_until="load")
        names += [h.strip().removesuffix("¶").strip() for h in page.locator("article h3").all_inner_texts()]
    page.goto(origin + PRINT, wait_until="load")
    return names


def test_print_version_pdf_holds_every_programme_and_its_address(browse: Browse, tmp_path: Path) -> None:
    visit = browse(PRINT)
    page = visit.page
    canonical = _canonical(page)
    assert canonical.endswith(PRINT)
    names = _programme_names(page)
    assert len(names) == 20, names
    text, pages = _pdf(page, tmp_path / "cetak.pdf")
    flat = " ".join(text.split())
    missing = [n for n in names if " ".join(n.split()) not in flat]
    assert not missing, f"programmes missing from the printed plan: {missing}"
    # The footer line at the foot of every sheet, with the page number.
    sheets = text.split("\f")[:pages]
    for number, sheet in enumerate(sheets, start=1):
        line = " ".join(sheet.split())
        assert f"Dokumen ini: {canonical} · data per 9 Maret 2026" in line, f"no footer line on page {number}"
        assert f"Halaman {number} dari {pages}" in line, f"no page number on page {number}"
    # Chapters start on their own page: 14 chapters, and the document does not end on the contents page.
    assert pages >= 14, pages
    for chapter in ("Identitas dan dasar hukum", "Tahapan", "Kelembagaan", "Analisis strategis", "Roadmap 2020–2029",
                    "Quick Win", "Sumber"):
        assert re.search(rf"(^|\f){re.escape(chapter)}\n", text), f"chapter {chapter!r} does not open a page"
    # No site chrome on paper: header, local navigation, search, footer.
    for chrome in ("Ketik untuk mencari", "Ganti ke mode", "Versi cetak / PDF", "Ringkasan · Smart Governance",
                   "Cetak halaman ini"):
        assert chrome not in flat, chrome
    # The address after an outside link.
    assert "(https://harapanjaya.contoh.go.id/lapor)" in flat
    assert visit.problems() == []


def test_quick_win_prints_as_a_one_page_a4_poster(browse: Browse, tmp_path: Path) -> None:
    for scheme in ("light", "dark"):  # a dark screen still prints dark on white
        visit = browse(QUICK_WIN, scheme=scheme)
        page = visit.page
        canonical = _canonical(page)
        text, pages = _pdf(page, tmp_path / f"poster-{scheme}.pdf")
        assert pages == 1, f"the poster takes {pages} A4 pages ({scheme})"
        flat = " ".join(text.split())
        for expected in ("Quick Win · Masterplan Smart City Kota Harapan Jaya",
                         "Pembayaran Retribusi Pasar dengan QRIS", "Berjalan, progres 70%, terlambat (target 2024)",
                         "Anggaran direncanakan Rp425.000.000", "Tahun 2022–2024",
                         "Penanggung jawab Dinas Koperasi, Usaha Kecil dan Menengah, dan Perdagangan",
                         "Pindai untuk membuka halaman ini", canonical, "Data contoh"):
            assert expected in flat, f"{expected!r} not on the poster ({scheme}): {flat}"
        # The rest of the page stays on screen; no page number on a poster.
        assert "Riwayat pembaruan" not in flat and "Kutip halaman ini" not in flat and "Halaman 1" not in flat
        assert visit.problems() == []


def test_qr_code_decodes_to_the_canonical_url(browse: Browse, tmp_path: Path) -> None:
    visit = browse(QUICK_WIN)
    page = visit.page
    canonical = _canonical(page)
    code = page.locator(".mp-qr .mp-qr-kode")
    assert code.get_attribute("alt") == f"Kode QR berisi alamat halaman ini: {canonical}"
    box = code.bounding_box()
    assert box is not None and 80 <= box["width"] <= 140, f"QR code on screen is {box} (small, about 120 px)"
    assert page.locator(".mp-qr figcaption").inner_text().split("\n") == ["Pindai untuk membuka halaman ini", canonical]
    assert _decode(page, ".mp-qr .mp-qr-kode", tmp_path / "screen.png") == [canonical]
    page.emulate_media(media="print")
    try:
        assert page.locator(".mp-poster").is_visible()
        assert _decode(page, ".mp-qr .mp-qr-kode", tmp_path / "print.png") == [canonical]
    finally:
        page.emulate_media(media="null")
    assert str(escape(canonical)) == canonical  # the address is plain text, nothing to unescape


def test_print_version_is_linked_from_the_region_page_and_works_without_javascript(browse: Browse) -> None:
    visit = browse(f"/{REGION}/", javascript=False)
    link = visit.page.get_by_role("link", name="Versi cetak / PDF")
    assert link.get_attribute("href") == "cetak/"
    link.click()
    visit.page.wait_for_url(f"**{PRINT}")
    assert visit.page.locator("article h1").inner_text() == "Masterplan Smart City Kota Harapan Jaya"
    assert visit.page.get_by_role("navigation", name="Daftar isi dokumen", exact=True).is_visible()
    assert visit.problems() == []


A4_CONTENT = {"width": 686, "height": 1008}
"""An A4 sheet less the print margins (182 × 266 mm), in CSS pixels."""

PRINT_LOOK = """() => {
  const shown = sel => Array.from(document.querySelectorAll(sel))
    .filter(e => getComputedStyle(e).display !== "none").length;
  const article = document.querySelector("article");
  return {
    chrome: shown(".md-header, .md-sidebar, .md-footer, .md-search, .mp-lokal, .mp-versi-cetak"),
    color: getComputedStyle(article).color,
    background: getComputedStyle(document.body).backgroundColor,
    link: getComputedStyle(article.querySelector("a")).color,
    tables: Array.from(article.querySelectorAll("table")).map(t => t.scrollWidth <= t.parentElement.clientWidth + 1),
  };
}"""


@pytest.mark.parametrize("path", [f"/{REGION}/", f"/{REGION}/smart-governance/", f"/{REGION}/roadmap/"])
def test_every_page_prints_dark_on_white_without_site_chrome(browse: Browse, tmp_path: Path, path: str) -> None:
    """Printed from a dark screen: only the article, black on white, every table whole."""
    visit = browse(path, scheme="dark")
    page = visit.page
    size = page.viewport_size
    page.set_viewport_size(A4_CONTENT)
    page.emulate_media(media="print")
    try:
        look = page.evaluate(PRINT_LOOK)
    finally:
        page.emulate_media(media="null")
        if size:
            page.set_viewport_size(size)
    assert look["chrome"] == 0, look
    assert look["color"] == "rgb(0, 0, 0)" and look["background"] == "rgb(255, 255, 255)", look
    assert look["link"] == "rgb(0, 0, 0)", look
    assert all(look["tables"]), f"a table is cut off in print: {look['tables']}"
    text, pages = _pdf(page, tmp_path / "page.pdf")
    assert pages >= 1
    assert "Versi cetak / PDF" not in text and "Ringkasan · Smart Governance" not in " ".join(text.split())
    assert visit.problems() == []


VARIED_URLS = [
    "https://a.id/",
    "https://masterplan.contoh.go.id/kota-tegal/quick-win/abc/",
    "https://smartcity.kabupaten-sumbawa-barat.go.id/kabupaten-sumbawa-barat/quick-win/"
    "aplikasi-layanan-administrasi-kependudukan-terpadu-desa/",
    "http://127.0.0.1:8000/kota-payakumbuh/quick-win/e-retribusi-2024/",
    "https://pemkab.example.go.id/masterplan/kabupaten-kepulauan-seribu-utara/quick-win/" + "x1" * 30 + "/",
    *(f"https://masterplan.contoh.go.id/kabupaten-contoh-{i:03d}/quick-win/program-{i}-{'ab' * i}/" for i in range(7)),
]


def test_every_qr_code_the_generator_draws_decodes(browse: Browse, tmp_path: Path) -> None:
    """The fixed data mask and the generator's own SVG path (generator/qr.py), on addresses of every
    length a deployment may have: chromium draws each code, zbarimg reads it back exactly."""
    page = browse("/404.html").page
    for number, url in enumerate(VARIED_URLS):
        page.set_content(f'<body style="margin:0;background:#fff"><div id="c" style="width:240px;padding:8px">'
                         f'{qr.svg(url)}</div></body>')
        assert _decode(page, "#c", tmp_path / f"code-{number}.png") == [url], url
