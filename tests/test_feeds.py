"""Atom feeds, the change page and citable Quick Win pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html import unescape
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from site_helpers import GOLDEN_REGIONS, ROOT, TODAY, load, make_project

from generator import render
from generator.cli import cli

SITE_URL = "https://smartcity.contoh.go.id/"


def _build(tmp: Path, site_url: str | None, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    if site_url:
        monkeypatch.setenv("MASTERPLAN_SITE_URL", site_url)
    else:
        monkeypatch.delenv("MASTERPLAN_SITE_URL", raising=False)
    project = make_project(tmp, ROOT / "regions")
    result = CliRunner().invoke(cli, ["build", "--strict", "--regions", str(project.regions),
                                      "--config", str(project.config), "--site-dir", str(tmp / "site")])
    assert result.exit_code == 0, result.output
    return tmp / "site", result.output


@pytest.fixture(scope="module")
def built_with_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The bundled site built as a deployment does: with its public address."""
    with pytest.MonkeyPatch.context() as patch:
        return _build(tmp_path_factory.mktemp("feeds"), SITE_URL, patch)


@pytest.fixture(scope="module")
def built(built_with_output: tuple[Path, str]) -> Path:
    return built_with_output[0]


@pytest.fixture(scope="module")
def built_plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The bundled site built without MASTERPLAN_SITE_URL (a local build, or a forgotten setting)."""
    with pytest.MonkeyPatch.context() as patch:
        return _build(tmp_path_factory.mktemp("feeds-plain"), None, patch)


def _change_page_items(html: str) -> list[tuple[str, str]]:
    """(date, title) of every entry of a change page, in page order."""
    return [(date, unescape(re.sub(r"<[^>]+>", "", title))) for date, title in
            re.findall(r"<li><strong>([^<]+)</strong>: <a [^>]*>(.*?)</a>", html)]


def test_region_feed_carries_every_entry_of_the_change_page(built: Path) -> None:
    """Not only Quick Win updates: every programme update and milestone, as on the change page."""
    feed = feedparser.parse((built / "kota-harapan-jaya" / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    region = next(r for r in load(ROOT / "regions").regions if r.slug == "kota-harapan-jaya")
    updates = sum(len(p.pembaruan) for p in region.program)
    assert updates > sum(len(p.pembaruan) for p in region.quick_wins)
    assert len(feed.entries) == updates + len(region.plan.tahapan)
    page = _change_page_items((built / "kota-harapan-jaya" / "perubahan" / "index.html").read_text("utf-8"))
    assert [e.title for e in feed.entries] == [title for _, title in page]
    dates = [e.updated_parsed[:3] for e in feed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    first = feed.entries[0]
    assert first.updated.startswith("2026-03-09") and page[0][0] == "9 Maret 2026"
    assert first.link.startswith(SITE_URL + "kota-harapan-jaya/")
    qris = next(e for e in feed.entries if e.title == "Pembayaran Retribusi Pasar dengan QRIS: progres 70%")
    assert qris.link == SITE_URL + "kota-harapan-jaya/quick-win/qris-retribusi-pasar/"
    assert qris.summary.startswith("Target 2024 belum tercapai")
    assert feed.feed.title == "Pembaruan masterplan smart city Kota Harapan Jaya"


def test_milestone_entries_name_the_milestone_once(built: Path) -> None:
    """Titles use the milestone words of ``vocabulary`` (the feed once said "Penetapan masterplan masterplan")."""
    feed = feedparser.parse((built / "kota-harapan-jaya" / "feed.xml").read_bytes())
    milestones = [e for e in feed.entries if e.link.endswith("/kota-harapan-jaya/#_tahapan")]
    titles = [e.title for e in milestones]
    assert "Penetapan masterplan Kota Harapan Jaya" in titles
    assert "Nota kesepahaman (MoU) masterplan Kota Harapan Jaya" in titles
    region = next(r for r in load(ROOT / "regions").regions if r.slug == "kota-harapan-jaya")
    assert len(titles) == len(region.plan.tahapan)
    assert all(t.count("masterplan") == 1 for t in titles), titles
    change_page = (built / "kota-harapan-jaya" / "perubahan" / "index.html").read_text(encoding="utf-8")
    assert ">Penetapan masterplan Kota Harapan Jaya</a>" in change_page
    assert "masterplan masterplan" not in change_page


def test_feeds_explain_themselves_in_a_browser(built: Path) -> None:
    """A reader who opens the feed gets a page that says what a feed is (XSLT; feed readers ignore it)."""
    region_feed = (built / "kota-harapan-jaya" / "feed.xml").read_text("utf-8")
    assert region_feed.splitlines()[1] == '<?xml-stylesheet type="text/xsl" href="../assets/feed.xsl"?>'
    assert (built / "feed.xml").read_text("utf-8").splitlines()[1] == (
        '<?xml-stylesheet type="text/xsl" href="assets/feed.xsl"?>')
    stylesheet = (built / "assets" / "feed.xsl").read_text("utf-8")
    assert "Ini adalah <strong>feed</strong>" in stylesheet


def test_national_feed_leaves_the_demo_out(built: Path) -> None:
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert feed.bozo == 0
    links = {e.link.removeprefix(SITE_URL).split("/")[0] for e in feed.entries}
    assert links == {"kota-tegal", "kabupaten-garut", "kota-payakumbuh", "kabupaten-sumbawa-barat"}


def test_entry_ids_are_stable() -> None:
    first = render.render_site(load(GOLDEN_REGIONS), TODAY)
    later = render.render_site(load(GOLDEN_REGIONS), dt.date(2030, 1, 1))
    feed_a = feedparser.parse(next(p.text for p in first if p.path == "kota-uji-coba/feed.xml"))
    feed_b = feedparser.parse(next(p.text for p in later if p.path == "kota-uji-coba/feed.xml"))
    assert [e.id for e in feed_a.entries] == [e.id for e in feed_b.entries]
    assert len(feed_a.entries) == 4  # two programme updates, two milestones


def test_pages_link_their_feeds(built: Path) -> None:
    html = (built / "kota-harapan-jaya" / "quick-win" / "qris-retribusi-pasar" / "index.html").read_text("utf-8")
    # "alternate feed": Material's JavaScript treats a bare rel="alternate" as a translation
    assert ('<link rel="alternate feed" type="application/atom+xml" title="Pembaruan masterplan Kota Harapan Jaya" '
            'href="../../feed.xml">') in html
    home = (built / "index.html").read_text("utf-8")
    assert ('<link rel="alternate feed" type="application/atom+xml" title="Pembaruan semua kabupaten/kota" '
            'href="feed.xml">') in home


def test_quick_win_page_can_be_cited(built: Path) -> None:
    html = (built / "kota-harapan-jaya" / "quick-win" / "qris-retribusi-pasar" / "index.html").read_text("utf-8")
    url = SITE_URL + "kota-harapan-jaya/quick-win/qris-retribusi-pasar/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    # The share preview of the fictional demo region says so.
    assert ('<meta property="og:title" content="Pembayaran Retribusi Pasar dengan QRIS — Quick Win Kota Harapan '
            'Jaya (data contoh)">') in html
    assert '<meta property="og:site_name" content="Masterplan Smart City">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta property="og:description" content="Data contoh, wilayah fiktif. Quick Win Kota Harapan Jaya: ' in html
    assert "<strong>Terakhir diperbarui:</strong> 10 Februari 2025" in html
    # The publisher (the region's government), and a real instruction for the access date.
    assert ('<p class="mp-kutip">Pemerintah Kota Harapan Jaya (wilayah fiktif; data contoh, bukan data nyata). '
            "<em>Pembayaran Retribusi Pasar dengan QRIS</em>. Masterplan Smart City Kota Harapan Jaya, Quick Win, "
            f"terakhir diperbarui 10 Februari 2025. {url}. <span data-mp-diakses>Diakses pada tanggal Anda "
            "membuka halaman ini.</span></p>") in html
    assert "[tanggal akses]" not in html
    assert "Tulis tanggal Anda membuka halaman ini sebagai tanggal akses" in html
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{url}</loc>" in sitemap


def test_without_a_site_address_nothing_invents_one(built_plain: tuple[Path, str]) -> None:
    """No canonical link, og:url, sitemap, absolute feed links or url columns; the build says why."""
    site, output = built_plain
    assert "Catatan: MASTERPLAN_SITE_URL tidak diisi" in output
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    html = (site / "kota-harapan-jaya" / "quick-win" / "qris-retribusi-pasar" / "index.html").read_text("utf-8")
    assert 'rel="canonical"' not in html and 'property="og:url"' not in html
    assert ("terakhir diperbarui 10 Februari 2025. <span data-mp-diakses>Diakses pada tanggal Anda membuka halaman "
            "ini.</span></p>") in html
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv"):
            assert "smartcity.example.id" not in path.read_text("utf-8"), path
    feed = feedparser.parse((site / "kota-harapan-jaya" / "feed.xml").read_bytes(),
                            response_headers={"content-location": "http://127.0.0.1:8000/kota-harapan-jaya/feed.xml",
                                              "content-type": "application/atom+xml"})
    assert feed.bozo == 0
    qris = next(e for e in feed.entries if e.title == "Pembayaran Retribusi Pasar dengan QRIS: progres 70%")
    assert qris.link == "http://127.0.0.1:8000/kota-harapan-jaya/quick-win/qris-retribusi-pasar/"
    csv_text = (site / "kota-harapan-jaya" / "data" / "kota-harapan-jaya-program.csv").read_text("utf-8-sig")
    assert {row["url"] for row in csv.DictReader(io.StringIO(csv_text))} == {""}


def test_change_page_lists_updates_by_date(built: Path) -> None:
    html = (built / "kota-harapan-jaya" / "perubahan" / "index.html").read_text("utf-8")
    assert html.index('id="_2025"') < html.index('id="_2024"') < html.index('id="_2019"')
    assert "10 Februari 2025" in html
    assert 'href="../feed.xml"' in html
