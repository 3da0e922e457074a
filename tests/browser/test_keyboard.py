"""A reader with a keyboard only: skip link, the region's local navigation, the phone menu, search.

Every focus stop on the way must be visible: on screen, with an outline or a box shadow.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import REGION, VIEWPORTS, AxeCheck, Browse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Material hides its radio and checkbox inputs and shows their focus on the label that follows.
  let shown = el;
  const own = el.getBoundingClientRect();
  if ((own.width === 0 || own.height === 0) && el.nextElementSibling
      && el.nextElementSibling.tagName === "LABEL") shown = el.nextElementSibling;
  const r = shown.getBoundingClientRect();
  const css = getComputedStyle(shown);
  const outline = css.outlineStyle !== "none" && parseFloat(css.outlineWidth) > 0;
  return {
    what: `${el.tagName.toLowerCase()}.${String(el.className).split(" ").join(".")}`
          + ` "${(el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`,
    href: el.getAttribute("href"),
    skip: el.classList.contains("md-skip"),
    local: !!el.closest(".mp-lokal"),
    inArticle: !!el.closest("article"),
    indicator: outline || css.boxShadow !== "none",
    onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
              && r.left < innerWidth && r.top < innerHeight,
  };
}"""


def _tab(page: Any) -> dict[str, Any] | None:
    page.keyboard.press("Tab")
    stop: dict[str, Any] | None = page.evaluate(FOCUSED)
    return stop


def _unseen(stops: list[dict[str, Any] | None]) -> list[str]:
    return [f"{s['what']}: {'no focus outline' if not s['indicator'] else 'off screen'}"
            for s in stops if s and not (s["indicator"] and s["onScreen"])]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_tab_reaches_skip_link_then_local_navigation(browse: Browse, viewport: str) -> None:
    page = browse(f"/{REGION}/", viewport).page
    local = page.locator(".mp-lokal a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(local) >= 9, f"local navigation links: {local}"
    stops: list[dict[str, Any] | None] = []
    while len(stops) < 60 and not (stops and stops[-1] and stops[-1]["local"] and stops[-1]["href"] == local[-1]):
        stops.append(_tab(page))
    first = stops[0]
    assert first and first["skip"] and "Lewati ke isi" in first["what"], f"first Tab stop: {first}"
    reached = [s["href"] for s in stops if s and s["local"]]
    assert reached == local, f"local navigation reached by Tab: {reached}, expected {local}"
    assert not _unseen(stops), f"at {viewport} px, focus not visible on: {_unseen(stops)}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_skip_link_moves_focus_to_the_content(browse: Browse, viewport: str) -> None:
    page = browse(f"/{REGION}/", viewport).page
    heading_id = page.locator("article h1").get_attribute("id")
    skip = _tab(page)
    assert skip and skip["skip"] and skip["indicator"] and skip["onScreen"], f"skip link: {skip}"
    page.keyboard.press("Enter")
    assert page.url.endswith(f"#{heading_id}")
    after = _tab(page)
    assert after and after["inArticle"], f"after the skip link, Tab went to {after}"


def test_phone_menu_opens_with_keyboard(browse: Browse) -> None:
    """On a phone the site navigation is in a drawer: its button is reachable and works with Enter,
    and the drawer's links are tab stops only while it is open."""
    page = browse(f"/{REGION}/", "360").page
    stops = [_tab(page), _tab(page)]
    menu = stops[-1]
    assert menu and "Menu navigasi" in menu["what"], f"second Tab stop: {menu}"
    assert page.locator("#__drawer").is_checked() is False
    page.keyboard.press("Enter")
    assert page.locator("#__drawer").is_checked(), "Enter on the menu button did not open the drawer"
    page.wait_for_timeout(300)  # the drawer slides in
    while len(stops) < 12 and not (stops[-1] and stops[-1]["href"] == "../panduan/"):
        stops.append(_tab(page))
    assert stops[-1] and stops[-1]["href"] == "../panduan/", f"drawer links not reached: {stops}"
    assert not _unseen(stops[-2:]), f"focus not visible in the drawer: {_unseen(stops)}"


SEARCH_OPEN = "document.getElementById('__search').checked"
IN_FIELD = "document.activeElement.classList.contains('md-search__input')"
ON_RESULT = "document.activeElement.classList.contains('md-search-result__link')"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("viewport", "key"), [("360", "/"), ("1280", "s")])
def test_search_with_keyboard_only(browse: Browse, axe: AxeCheck, viewport: str, key: str, scheme: str) -> None:
    """Material's shortcut opens the search (Pagefind in Material's search dialog); typing finds the sample
    data; the open search passes axe in both colour schemes; the arrow keys and Tab reach the results,
    with a visible focus; Esc closes the search; ArrowDown and Enter open a result. Every request of the
    search stays on the site (pagefind/)."""
    visit = browse(f"/{REGION}/", viewport, scheme=scheme)
    page = visit.page
    page.keyboard.press(key)
    try:
        page.wait_for_function(IN_FIELD, timeout=5_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"{key!r} did not put the focus in the search field")
    assert page.evaluate(SEARCH_OPEN), "the search field has the focus but the search is not open"
    field = page.locator(".md-search__input")
    assert field.get_attribute("placeholder") == "Cari"
    page.keyboard.type("QRIS")
    assert field.input_value() == "QRIS"
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible", timeout=10_000)
    assert "dokumen ditemukan" in page.locator(".md-search-result__meta").inner_text()
    assert "QRIS" in first.inner_text()
    open_search = axe(page)
    assert not open_search, "axe on the open search with results:\n  " + "\n  ".join(open_search)

    page.keyboard.press("ArrowDown")
    assert page.evaluate(ON_RESULT), "ArrowDown did not move the focus to the first result"
    page.keyboard.press("ArrowUp")
    assert page.evaluate(IN_FIELD), "ArrowUp from the first result did not go back to the field"
    stop = _tab(page)
    assert stop and page.evaluate(ON_RESULT), f"Tab from the search field went to {stop}, not to a result"
    assert not _unseen([stop]), f"focus not visible on the result: {_unseen([stop])}"
    page.keyboard.press("Escape")
    assert not page.evaluate(SEARCH_OPEN), "Esc did not close the search"
    assert not page.evaluate("document.querySelector('.md-search').contains(document.activeElement)"), \
        "the focus stayed in the closed search"

    page.keyboard.press(key)
    page.wait_for_function(IN_FIELD, timeout=5_000)
    assert field.input_value() == "QRIS", "reopening the search lost the query"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "QRIS" in page.locator("article").inner_text()
    searched = [url for url in visit.requests if "/pagefind/" in url]
    assert searched, "the search made no request for its index"
    assert not [url for url in visit.requests if "search_index" in url], "Material's lunr index was downloaded"
    assert not visit.problems(), "\n".join(visit.problems())


@pytest.mark.parametrize(("query", "target", "found_word"), [
    # This Quick Win's page says "Badan Perencanaan Pembangunan Daerah" and "elemen Pelayanan Publik",
    # never "membangun" nor "melayani"; the other's says "Pengelolaan Sampah", never "mengelola".
    ("membangun", f"/{REGION}/quick-win/aplikasi-lapor-harja/", "Pembangunan"),
    ("melayani", f"/{REGION}/quick-win/aplikasi-lapor-harja/", "Pelayanan"),
    ("mengelola", f"/{REGION}/quick-win/bank-sampah-digital/", "Pengelolaan"),
])
def test_search_finds_inflected_indonesian_words(browse: Browse, query: str, target: str, found_word: str) -> None:
    """Pagefind stems Indonesian (the pages are lang="id"): a verb finds the page that only has its noun,
    as lunr, which matched words as typed, did not."""
    visit = browse(f"/{REGION}/", "1280")
    page = visit.page
    page.keyboard.press("/")
    page.wait_for_function(IN_FIELD, timeout=5_000)
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    # Results beyond the first ten are rendered as the list is scrolled: load them all.
    for _ in range(10):
        page.evaluate("s => s.scrollTop = s.scrollHeight", page.locator(".md-search__scrollwrap").element_handle())
        page.wait_for_timeout(200)
    link = page.locator(f".md-search-result__item > a.md-search-result__link[href='{target}']")
    assert link.count() == 1, f"{query!r} did not find {target}: " + ", ".join(
        page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    item = page.locator(".md-search-result__item", has=page.locator(f":scope > a[href='{target}']"))
    marked = item.locator("mark").all_inner_texts()
    assert found_word.lower() in [m.strip(".,;: ").lower() for m in marked], \
        f"the result for {target} highlights {marked}, not {found_word!r}"
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(target)
    article = page.locator("article").inner_text()
    assert found_word in article and query not in article.lower(), \
        f"{target} should contain {found_word!r} and not {query!r}: the match must come from stemming"
    assert not visit.problems(), "\n".join(visit.problems())


COMPARE_ROWS = "() => Array.from(document.querySelectorAll('[data-mp-banding] tbody tr'))" \
               ".filter(tr => !tr.hidden).map(tr => tr.cells[0].textContent.trim())"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_comparison_table_sorts_and_filters_by_keyboard(browse: Browse, axe: AxeCheck, viewport: str) -> None:
    """The national comparison table: every header is a button reached by Tab, Enter sorts and aria-sort says
    how; typing in the filter box hides other rows and the live region says how many remain."""
    page = browse("/", viewport).page
    names = page.evaluate(COMPARE_ROWS)
    assert names == sorted(names) and len(names) == 4, names
    button = page.locator("[data-mp-banding] th button", has_text="Program").first
    button.focus()
    stop = page.evaluate(FOCUSED)
    assert stop is not None and stop["indicator"], stop
    page.keyboard.press("Enter")  # numbers: largest first on the first press
    header = page.locator("[data-mp-banding] th").nth(2)
    assert header.get_attribute("aria-sort") == "descending"
    status = page.locator("[data-mp-banding]").locator("xpath=preceding-sibling::p[@role='status'][1]")
    assert status.inner_text() == "Diurutkan menurut Program, dari besar ke kecil"
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    # No region has programmes yet: every row is "–", kept in name order whichever way it is sorted.
    assert page.evaluate(COMPARE_ROWS) == names
    box = page.get_by_label("Saring menurut nama wilayah atau provinsi")
    box.focus()
    page.keyboard.type("tegal")
    assert page.evaluate(COMPARE_ROWS) == ["Kota Tegal"]
    assert status.inner_text() == "1 dari 4 wilayah ditampilkan" and status.is_visible()
    box.fill("jawa barat")  # a province finds its regions
    assert page.evaluate(COMPARE_ROWS) == ["Kabupaten Garut"]
    box.fill("tidak ada")
    assert page.evaluate(COMPARE_ROWS) == [] and status.inner_text() == "0 dari 4 wilayah ditampilkan"
    box.fill("")
    # Swiped sideways, a row still shows its region (the name column stays in place).
    wrap = page.locator("[data-mp-banding] .md-typeset__scrollwrap")
    wrap.evaluate("w => w.scrollLeft = w.scrollWidth")
    first = page.locator("[data-mp-banding] tbody tr td:first-child").first
    box_of_wrap, box_of_cell = wrap.bounding_box(), first.bounding_box()
    assert box_of_wrap and box_of_cell and box_of_cell["x"] >= box_of_wrap["x"] - 1, (box_of_wrap, box_of_cell)
    assert axe(page) == []
