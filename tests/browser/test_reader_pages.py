"""What a reader on a 360 px phone gets from the pages issue 19 changed: feeds that explain themselves,
a way to the region list without JavaScript, a compact region menu, a readable header and budget
column, chart text of at least 12 px, sharing, and search results that mark the demo region."""

from __future__ import annotations

import datetime as dt

import pytest
from browser_support import REGION, Browse

from generator import text

pytestmark = pytest.mark.browser

MIN_CHART_TEXT = 12.0
"""Smallest chart text, in CSS pixels as rendered (the SVGs scale with the column)."""


def test_feed_opened_in_a_browser_explains_itself(browse: Browse) -> None:
    visit = browse(f"/{REGION}/feed.xml", "360")
    page = visit.page
    text = page.locator("body").inner_text()
    assert "Ini adalah feed" in text
    assert "Pembaruan masterplan smart city Kota Harapan Jaya" in page.locator("h1").inner_text()
    assert page.locator("li").count() > 20, "the entries are listed"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the feed page scrolls sideways: {width} px"
    link = page.locator(".mp-feed-info a")
    assert (link.get_attribute("href") or "").endswith("kota-harapan-jaya/perubahan/")
    assert not visit.problems(), "\n".join(visit.problems())


@pytest.mark.parametrize("viewport", ["360", "1280"])
def test_without_javascript_the_header_leads_to_the_region_list(browse: Browse, viewport: str) -> None:
    visit = browse(f"/{REGION}/quick-win/", viewport, javascript=False)
    link = visit.page.locator("header a.mp-tanpa-js")
    assert link.is_visible(), "no way to find a region without JavaScript"
    assert link.inner_text() == "Cari wilayah"
    link.click()
    assert visit.page.url.endswith("/wilayah/")
    with_js = browse(f"/{REGION}/quick-win/", viewport)
    assert not with_js.page.locator("header a.mp-tanpa-js").is_visible(), "the fallback shows beside the search"


def test_phone_layout_is_not_cramped(browse: Browse) -> None:
    """The region menu is one line, the site title is not cut, amounts are not clipped or broken."""
    visit = browse(f"/{REGION}/quick-win/", "360")
    page = visit.page
    menu = page.locator("nav.mp-lokal").bounding_box()
    assert menu is not None and menu["height"] < 60, f"the region menu is {menu} tall"
    title = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1"), \
        "the site title is cut"
    cells = page.locator("article table td.mp-nowrap")
    assert cells.count() > 0
    for cell in cells.all():
        assert cell.evaluate("e => e.scrollWidth <= e.clientWidth"), cell.inner_text()
        lines = cell.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e); "
                              "return r.getClientRects().length; }")
        assert lines == 1, f"amount broken over {lines} lines: {cell.inner_text()!r}"


@pytest.mark.parametrize("path", [f"/{REGION}/", f"/{REGION}/roadmap/", f"/{REGION}/quick-win/pju-tenaga-surya/"])
def test_chart_text_is_at_least_12_px_on_a_phone(browse: Browse, path: str) -> None:
    visit = browse(path, "360")
    sizes = visit.page.evaluate("""() => Array.from(document.querySelectorAll("figure.mp-chart svg text"))
      .map(t => { const svg = t.ownerSVGElement;
                  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                  return parseFloat(getComputedStyle(t).fontSize) * scale; })""")
    assert sizes, f"no chart on {path}"
    assert min(sizes) >= MIN_CHART_TEXT - 0.01, f"chart text of {min(sizes):.1f} px on {path}"


def test_roadmap_labels_do_not_overlap_bars(browse: Browse) -> None:
    visit = browse(f"/{REGION}/roadmap/", "360")
    overlaps = visit.page.evaluate("""() => {
      const svg = document.querySelector("figure.mp-chart svg");
      const boxes = sel => Array.from(svg.querySelectorAll(sel)).map(e => e.getBoundingClientRect());
      const bars = boxes("rect[class^='mp-f-'], rect[class^='mp-s-'], rect.mp-late");
      const out = [];
      for (const t of svg.querySelectorAll("text")) {
        const a = t.getBoundingClientRect();
        for (const b of bars) {
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) { out.push(t.textContent); break; }
        }
      }
      return out; }""")
    assert overlaps == [], f"labels over bars: {overlaps}"


def test_share_box_copies_the_address(browse: Browse) -> None:
    visit = browse(f"/{REGION}/quick-win/qris-retribusi-pasar/", "360")
    page = visit.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    whatsapp = page.locator("[data-mp-wa]")
    assert whatsapp.is_visible()
    href = whatsapp.get_attribute("href") or ""
    assert href.startswith("https://wa.me/?text=") and "qris-retribusi-pasar" in href and "fiktif" in href
    button = page.locator("[data-mp-salin]")
    button.click()
    page.wait_for_function("document.querySelector('[data-mp-salin]').textContent === 'Tautan disalin'")
    copied = page.evaluate("navigator.clipboard.readText()")
    # The page's public address (the field beside the button) when the build knows it, else where it is read.
    field = page.locator(".mp-alamat")
    expected = field.input_value() if field.count() else page.url.split("#")[0]
    assert copied == expected and copied.endswith("/kota-harapan-jaya/quick-win/qris-retribusi-pasar/")
    # The citation carries the day it is read, as a reader would write it.
    year, month, day = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, "
                                     "d.getDate()]; })()")
    citation = page.locator(".mp-kutip").inner_text()
    assert citation.endswith(f" Diakses pada {text.date(dt.date(year, month, day))}."), citation
    assert not visit.problems(), "\n".join(visit.problems())


def test_search_marks_demo_results_and_keeps_words_apart(browse: Browse) -> None:
    visit = browse("/", "1280")
    page = visit.page
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=5_000)
    page.keyboard.type("indikator capaian")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    demo = [t for t in titles if "Harapan Jaya" in t]
    assert demo and all("(data contoh)" in t for t in demo), titles
    excerpts = " ".join(page.locator(".md-search-result__item").all_inner_texts())
    assert "IndikatorTarget" not in excerpts and "TargetCapaian" not in excerpts, excerpts[:500]
