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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("viewport", "key"), [("360", "/"), ("1280", "s")])
def test_search_with_keyboard_only(browse: Browse, axe: AxeCheck, viewport: str, key: str, scheme: str) -> None:
    """Material's shortcut opens the search; typing finds the sample data; the open search passes axe
    in both colour schemes; the arrow key and Enter open a result."""
    visit = browse(f"/{REGION}/", viewport, scheme=scheme)
    page = visit.page
    page.keyboard.press(key)
    try:
        page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=5_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"{key!r} did not put the focus in the search field")
    page.keyboard.type("QRIS")
    assert page.locator(".md-search__input").input_value() == "QRIS"
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible", timeout=10_000)
    assert "dokumen ditemukan" in page.locator(".md-search-result__meta").inner_text()
    assert "QRIS" in first.inner_text()
    open_search = axe(page)
    assert not open_search, "axe on the open search with results:\n  " + "\n  ".join(open_search)
    page.keyboard.press("ArrowDown")
    result = page.evaluate("document.activeElement.closest('.md-search-result') !== null")
    assert result, "ArrowDown did not move the focus to the first result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "QRIS" in page.locator("article").inner_text()
    assert not visit.problems(), "\n".join(visit.problems())
