"""Atom feeds of dated updates (Quick Win updates and milestones), one per region and one national.

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


def region_entries(region: m.Region, today: dt.date, quick_wins_only: bool = True) -> list[Entry]:
    """Programme updates (Quick Wins only, for feeds) and milestones, newest first (ties in a fixed order);
    milestones after ``today`` are marked ``planned``."""
    entries = []
    for p in region.quick_wins if quick_wins_only else region.program:
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


def atom(title: str, feed_path: str, page_path: str, entries: list[Entry], site_url: str, author: str,
         fallback: dt.date) -> str:
    """An Atom 1.0 document; ``feed_path`` and ``page_path`` (the page it follows) are paths in content/;
    ``fallback`` dates a feed without entries."""
    updated = entries[0].tanggal if entries else fallback
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">',
        f"  <id>{uuid.uuid5(uuid.NAMESPACE_URL, 'masterplan:feed:' + feed_path).urn}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(urls.absolute(site_url, feed_path))}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(urls.absolute(site_url, page_path))}/>",
        f"  <author><name>{escape(author)}</name></author>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <id>{e.id}</id>",
            f"    <title>{escape(e.title)}</title>",
            f"    <updated>{_stamp(e.tanggal)}</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(e.address(site_url))}/>",
            f"    <summary type=\"text\">{escape(e.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
