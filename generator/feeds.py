"""Atom feeds of dated updates (every programme update and milestone, as the region's change page lists
them), one per region and one national (fictional demo regions left out).

Entry ids are ``urn:uuid`` values derived from the data (region, programme, date, position among
that day's updates), so they stay the same from build to build and across site addresses.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from generator import model as m
from generator import text, urls
from generator.vocabulary import MILESTONE_EVENT, STATUS_WORD, milestone_title

NATIONAL_LIMIT = 200
"""The national feed carries the newest entries only; each region's feed carries all of its own."""


@dataclass(frozen=True)
class Entry:
    """One dated event of a region's plan."""

    region: m.Region
    tanggal: dt.date
    title: str
    summary: str
    page: str
    """Content path of the page that tells more, e.g. ``kota-tegal/quick-win/lapor.md``."""
    anchor: str | None
    key: str
    """Stable identity within the region, e.g. ``program/lapor/2022-05-15/0``."""
    planned: bool = False
    """A milestone dated after the build date: scheduled, not news (left out of feeds)."""

    def address(self, site_url: str) -> str:
        """The public address of the page (and section) that tells more."""
        return urls.absolute(site_url, self.page, self.anchor)

    @property
    def id(self) -> str:
        """Stable entry id."""
        return uuid.uuid5(uuid.NAMESPACE_URL, f"masterplan:{self.region.slug}:{self.key}").urn


def region_entries(region: m.Region, today: dt.date) -> list[Entry]:
    """Programme updates and milestones, newest first (ties in a fixed order): the change page and the feed
    (every programme, not only Quick Wins); milestones after ``today`` are marked ``planned``."""
    entries = []
    for p in region.program:
        page, anchor = urls.program(region.slug, p)
        seen: dict[dt.date, int] = {}
        for u in p.pembaruan:
            n = seen[u.tanggal] = seen.get(u.tanggal, -1) + 1
            state = [f"status {STATUS_WORD[u.status]}"] if u.status else []
            if u.progres is not None:
                state.append(f"progres {text.percent(u.progres)}")
            title = f"{p.nama}: " + (", ".join(state) if state else "pembaruan")
            entries.append(Entry(region, u.tanggal, title, u.catatan, page, anchor,
                                 f"program/{p.id}/{u.tanggal.isoformat()}/{n}"))
    seen_milestones: dict[tuple[str, dt.date], int] = {}
    for t in region.plan.tahapan:
        n = seen_milestones[(t.jenis, t.tanggal)] = seen_milestones.get((t.jenis, t.tanggal), -1) + 1
        summary = " ".join(x for x in (t.keterangan, f"Tempat: {t.tempat}." if t.tempat else None) if x)
        entries.append(Entry(region, t.tanggal, milestone_title(t.jenis, region.nama),
                             summary or MILESTONE_EVENT[t.jenis], urls.region(region.slug), urls.MILESTONES_ANCHOR,
                             f"tahapan/{t.jenis}/{t.tanggal.isoformat()}/{n}", t.is_planned(today)))
    return sorted(entries, key=lambda e: (-e.tanggal.toordinal(), e.region.slug, e.key))


def news(entries: list[Entry]) -> list[Entry]:
    """What a feed carries: what has happened (a planned milestone is announced once its date has come)."""
    return [e for e in entries if not e.planned]


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _relative(feed_path: str, target: str) -> str:
    """``target`` (a site path) relative to the feed's own address: Atom resolves links against it."""
    depth = feed_path.count("/")
    return "../" * depth + target if target or depth else "./"


def atom(title: str, feed_path: str, page_path: str, entries: list[Entry], site_url: str, author: str,
         fallback: dt.date) -> str:
    """An Atom 1.0 document; ``feed_path`` and ``page_path`` (the page it follows) are paths in content/;
    ``fallback`` dates a feed without entries. Without the site's public address
    (``site_url`` empty) links are relative to the feed, never made up. A browser that opens the feed
    shows it through ``assets/feed.xsl``: what a feed is, and the entries as a page."""
    updated = entries[0].tanggal if entries else fallback

    def link(path: str, anchor: str | None = None) -> str:
        if site_url:
            return quoteattr(urls.absolute(site_url, path, anchor))
        return quoteattr(_relative(feed_path, urls.site_relative(path, anchor)))

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<?xml-stylesheet type="text/xsl" href={quoteattr(_relative(feed_path, urls.FEED_STYLESHEET))}?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">',
        f"  <id>{uuid.uuid5(uuid.NAMESPACE_URL, 'masterplan:feed:' + feed_path).urn}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={link(feed_path)}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={link(page_path)}/>",
        f"  <author><name>{escape(author)}</name></author>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <id>{e.id}</id>",
            f"    <title>{escape(e.title)}</title>",
            f"    <updated>{_stamp(e.tanggal)}</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={link(e.page, e.anchor)}/>",
            f"    <summary type=\"text\">{escape(e.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
