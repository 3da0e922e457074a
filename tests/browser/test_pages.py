"""Every page type, as a reader on a phone (360 px) and a laptop (1280 px) gets it.

For each page: axe-core finds nothing in the light and the dark colour scheme; the page makes no
request to another origin, loads no broken resource and logs no script error; it does not scroll
sideways; and with JavaScript off the heading and the content are still there.
"""

from __future__ import annotations

import re

import pytest
from browser_support import PAGES, VIEWPORTS, AxeCheck, Browse, PageSpec, Visit
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PAGE_IDS = [spec.name for spec in PAGES]

LEAKED_SOURCE = re.compile(r"(?m)^\s*#{1,6} \S|\|\s*:?-{3,}|\{\{|\{%|%\}|\}\}")
"""Markdown or Jinja2 syntax shown as text: a template that lost a blank line or a closing tag."""
PROSE = """article => Array.from(article.querySelectorAll("p, li, td, th, h1, h2, h3, h4, h5, h6, dt, dd"))
  .map(el => { const copy = el.cloneNode(true); copy.querySelectorAll("pre, code").forEach(c => c.remove());
               return copy.textContent.trim(); })
  .join("\\n")"""
"""The article's running text, one element a line, without code (the editors' guide shows YAML)."""


def _content_problems(visit: Visit, spec: PageSpec) -> list[str]:
    """The page is in Indonesian, has one main heading and shows the expected text."""
    page = visit.page
    problems = []
    if visit.path() != spec.final_path:
        problems.append(f"landed on {visit.path()}, expected {spec.final_path}")
    lang = page.locator("html").get_attribute("lang")
    if lang != "id":
        problems.append(f'<html lang="{lang}">, expected "id"')
    headings = page.locator("article h1")
    if headings.count() != 1:
        problems.append(f"{headings.count()} <h1> in the article, expected 1")
    elif spec.heading not in headings.inner_text():
        problems.append(f"main heading {headings.inner_text()!r} does not show {spec.heading!r}")
    elif not headings.is_visible():
        problems.append("the main heading is not visible")
    text = page.locator("article").inner_text()
    if spec.text not in text:
        problems.append(f"main content does not show {spec.text!r}")
    prose = page.locator("article").evaluate(PROSE)
    problems += [f"source syntax shown as text: {m.group(0)!r} in {prose[max(0, m.start() - 40):m.end() + 40]!r}"
                 for m in LEAKED_SOURCE.finditer(prose)]
    return problems


def _report(spec: PageSpec, viewport: str, problems: list[str]) -> str:
    return f"{spec.path} at {viewport} px:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_light(browse: Browse, axe: AxeCheck, spec: PageSpec, viewport: str) -> None:
    visit = browse(spec, viewport)
    problems = _content_problems(visit, spec)
    problems += axe(visit.page)
    width = VIEWPORTS[viewport]["width"]
    scroll_width = visit.page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"the page scrolls sideways: {scroll_width} px wide in a {width} px window")
    problems += visit.problems()
    assert not problems, _report(spec, viewport, problems)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_dark(browse: Browse, axe: AxeCheck, spec: PageSpec, viewport: str) -> None:
    """prefers-color-scheme: dark selects Material's slate scheme; contrast must hold there too."""
    visit = browse(spec, viewport, scheme="dark")
    scheme = visit.page.locator("body").get_attribute("data-md-color-scheme")
    problems = [] if scheme == "slate" else [f"dark preference gave colour scheme {scheme!r}, not 'slate'"]
    problems += axe(visit.page)
    problems += visit.problems()
    assert not problems, _report(spec, viewport, problems)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_without_javascript(browse: Browse, spec: PageSpec, viewport: str) -> None:
    """Reading never needs JavaScript; a renamed Quick Win redirects with <meta http-equiv="refresh">."""
    visit = browse(spec, viewport, javascript=False)
    problems = _content_problems(visit, spec)
    if not visit.page.locator("article").is_visible():
        problems.append("the article is not visible")
    problems += visit.problems()
    assert not problems, _report(spec, viewport, problems)


def test_chosen_colour_scheme_stays_on_the_next_page(browser: Browser, origin: str) -> None:
    """The header's switch: a reader who picks the dark scheme keeps it on the next page. The page's own
    short script applies the saved choice (Material's bundle is blocked on the second page, so this
    proves it is not Material's script), and the switch offers the way back."""
    context = browser.new_context(viewport=VIEWPORTS["360"], color_scheme="light", locale="id-ID")
    try:
        page = context.new_page()
        page.goto(origin + "/kota-harapan-jaya/", wait_until="load")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
        page.get_by_title("Ganti ke mode gelap").click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        context.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
        page.goto(origin + "/kota-harapan-jaya/roadmap/", wait_until="load")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        assert page.locator("body").get_attribute("data-md-color-primary") == "indigo"
        context.unroute(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"))
        page.goto(origin + "/kota-harapan-jaya/roadmap/", wait_until="load")
        page.get_by_title("Ganti ke mode terang").click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    finally:
        context.close()
