"""Atom feeds, the change page and citable Quick Win pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from site_helpers import GOLDEN_REGIONS, ROOT, TODAY, load, make_project

from generator import render
from generator.cli import cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("feeds")
    project = make_project(tmp, ROOT / "regions")
    result = CliRunner().invoke(cli, ["build", "--strict", "--regions", str(project.regions),
                                      "--config", str(project.config), "--site-dir", str(tmp / "site")])
    assert result.exit_code == 0, result.output
    return tmp / "site"


def test_region_feed_is_valid_atom_with_every_update(built: Path) -> None:
    feed = feedparser.parse((built / "kota-harapan-jaya" / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    region = next(r for r in load(ROOT / "regions").regions if r.slug == "kota-harapan-jaya")
    updates = sum(len(p.pembaruan) for p in region.quick_wins)
    assert len(feed.entries) == updates + len(region.plan.tahapan)
    dates = [e.updated_parsed[:3] for e in feed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    first = feed.entries[0]
    assert first.title == "Pembayaran Retribusi Pasar dengan QRIS: progres 70%"
    assert first.link == "https://smartcity.example.id/kota-harapan-jaya/quick-win/qris-retribusi-pasar/"
    assert first.summary.startswith("Target 2024 belum tercapai")
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


def test_national_feed_carries_all_regions(built: Path) -> None:
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert feed.bozo == 0
    links = {e.link.split("/")[3] for e in feed.entries}
    assert {"kota-harapan-jaya", "kota-tegal", "kabupaten-garut", "kota-payakumbuh",
            "kabupaten-sumbawa-barat"} <= links


def test_entry_ids_are_stable() -> None:
    first = render.render_site(load(GOLDEN_REGIONS), TODAY)
    later = render.render_site(load(GOLDEN_REGIONS), dt.date(2030, 1, 1))
    feed_a = feedparser.parse(next(p.text for p in first if p.path == "kota-uji-coba/feed.xml"))
    feed_b = feedparser.parse(next(p.text for p in later if p.path == "kota-uji-coba/feed.xml"))
    assert [e.id for e in feed_a.entries] == [e.id for e in feed_b.entries]
    assert len(feed_a.entries) == 4  # two Quick Win updates, two milestones


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
    url = "https://smartcity.example.id/kota-harapan-jaya/quick-win/qris-retribusi-pasar/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert ('<meta property="og:title" content="Pembayaran Retribusi Pasar dengan QRIS — Quick Win Kota Harapan '
            'Jaya">') in html
    assert '<meta property="og:site_name" content="Masterplan Smart City">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta property="og:description" content="Quick Win Kota Harapan Jaya: ' in html
    assert "<strong>Terakhir diperbarui:</strong> 10 Februari 2025" in html
    assert (f'<p class="mp-kutip">Pembayaran Retribusi Pasar dengan QRIS. <em>Masterplan Smart City Kota Harapan '
            f"Jaya</em>, Quick Win, terakhir diperbarui 10 Februari 2025. {url} (diakses [tanggal akses]).</p>") in html


def test_change_page_lists_updates_by_date(built: Path) -> None:
    html = (built / "kota-harapan-jaya" / "perubahan" / "index.html").read_text("utf-8")
    assert html.index('id="_2025"') < html.index('id="_2024"') < html.index('id="_2019"')
    assert "10 Februari 2025" in html
    assert 'href="../feed.xml"' in html
