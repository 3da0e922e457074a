"""Fixtures of the browser quality gate: one site build, one local server and one chromium per session.

Every page is opened in a context that blocks any request to another origin (the site must make none)
and records every request, failed response, console error and uncaught exception, so each test can
say exactly what went wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORTS,
    AxeCheck,
    Browse,
    PageSpec,
    Visit,
    axe_violations,
    build_site,
    chromium_problem,
    prebuilt_site,
)
from loopback import serve
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

SETTLE = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"
"""Let the timers that Material's and the theme's scripts start on page load run."""


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once (``masterplan build --strict``) unless MASTERPLAN_BROWSER_SITE names one."""
    return prebuilt_site() or build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def origin(site_dir: Path) -> Iterator[str]:
    """``http://127.0.0.1:<port>``, serving the site with ``python -m http.server``."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    problem = chromium_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's chromium, never a browser downloaded by ``playwright install``."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


TabKey = tuple[str, str, bool]


@dataclass
class _Tab:
    """One long-lived page per kind of context; its listeners report into the current visit."""

    page: Page
    visit: Visit | None = None


@pytest.fixture(scope="session")
def tabs(browser: Browser, origin: str) -> Iterator[Callable[[str, str, bool], _Tab]]:
    """A page for each (viewport, colour scheme, JavaScript on), made once and navigated by every test:
    opening a new page costs more than loading one of this site's pages."""
    made: dict[TabKey, _Tab] = {}
    not_local = re.compile(rf"^(?!{re.escape(origin)}/)(?!data:)(?!blob:)")

    def block(route: Route) -> None:
        route.abort("blockedbyclient")

    def record(tab: _Tab, what: str, value: str | None) -> None:
        if tab.visit is not None and value is not None:
            getattr(tab.visit, what).append(value)

    def get(viewport: str, scheme: str, javascript: bool) -> _Tab:
        key = (viewport, scheme, javascript)
        if key in made:
            return made[key]
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
            color_scheme=scheme,  # type: ignore[arg-type]
            java_script_enabled=javascript, locale="id-ID",
        )
        context.route(not_local, block)
        tab = made[key] = _Tab(context.new_page())
        page = tab.page
        page.on("request", lambda request: record(tab, "requests", request.url))
        page.on("response", lambda response: record(
            tab, "bad_responses", f"{response.status} {response.url}" if response.status >= 400 else None))
        # A request cut short by the page navigating away (the redirect page) is not a failure.
        page.on("requestfailed", lambda request: record(
            tab, "bad_responses", f"{request.failure} {request.url}"
            if request.url.startswith(origin) and request.failure != "net::ERR_ABORTED" else None))
        page.on("console", lambda message: record(
            tab, "console_errors", f"{message.text} ({message.location})" if message.type == "error" else None))
        page.on("pageerror", lambda error: record(tab, "page_errors", str(error)))
        return tab

    yield get
    for tab in made.values():
        tab.page.context.close()


@pytest.fixture
def browse(tabs: Callable[[str, str, bool], _Tab], origin: str) -> Iterator[Browse]:
    """``browse(spec_or_path, viewport="360", scheme="light", javascript=True)``: open a page and wait
    until it is loaded (for a redirect: until the browser has landed on the target)."""
    used: list[_Tab] = []

    def open_page(target: PageSpec | str, viewport: str = "360", scheme: str = "light",
                  javascript: bool = True) -> Visit:
        tab = tabs(viewport, scheme, javascript)
        used.append(tab)
        page = tab.page
        tab.visit = None
        page.goto("about:blank")  # leave the previous page before recording starts
        visit = tab.visit = Visit(page, origin)
        path = target.path if isinstance(target, PageSpec) else target
        page.goto(origin + path, wait_until="load")
        if isinstance(target, PageSpec) and target.lands_on:
            page.wait_for_url(origin + target.lands_on, wait_until="load", timeout=10_000)
        if javascript:
            page.evaluate(SETTLE)
        return visit

    yield open_page
    for tab in used:
        tab.visit = None


@pytest.fixture(scope="session")
def axe() -> AxeCheck:
    """``axe(page)``: axe-core's violations on the page as it is now, one line per failing element."""
    return axe_violations
