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
from generator import text
from generator.urls import url_of

NATIONAL_LIMIT = 200
"""The national feed carries the newest entries only; each region's feed carries all of its own."""

_MILESTONE = {
    "mou": "Nota kesepahaman (MoU)", "bimtek-1": "Bimtek tahap 1", "bimtek-2": "Bimtek tahap 2",
    "bimtek-3": "Bimtek tahap 3", "bimtek-4": "Bimtek tahap 4", "penetapan": "Penetapan masterplan",
    "monev": "Monitoring dan evaluasi", "lainnya": "Tahapan",
}
_STATUS = {"rencana": "rencana", "berjalan": "berjalan", "selesai": "selesai", "tertunda": "tertunda",
           "dibatalkan": "dibatalkan"}


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

    @property
    def url(self) -> str:
        """Site-relative address, without the leading '/'."""
        return url_of(self.page).lstrip("/") + (f"#{self.anchor}" if self.anchor else "")

    @property
    def id(self) -> str:
        """Stable entry id."""
        return uuid.uuid5(uuid.NAMESPACE_URL, f"masterplan:{self.region.slug}:{self.key}").urn


def region_entries(region: m.Region, quick_wins_only: bool = True) -> list[Entry]:
    """Programme updates (Quick Wins only, for feeds) and milestones, newest first (ties in a fixed order)."""
    entries = []
    for p in region.quick_wins if quick_wins_only else region.program:
        page, anchor = ((f"{region.slug}/quick-win/{p.id}.md", None) if p.is_quick_win
                        else (f"{region.slug}/{p.dimensi}.md", p.id))
        seen: dict[dt.date, int] = {}
        for u in p.pembaruan:
            n = seen[u.tanggal] = seen.get(u.tanggal, -1) + 1
            state = [f"status {_STATUS[u.status]}"] if u.status else []
            if u.progres is not None:
                state.append(f"progres {text.percent(u.progres)}")
            title = f"{p.nama}: " + (", ".join(state) if state else "pembaruan")
            entries.append(Entry(region, u.tanggal, title, u.catatan, page, anchor,
                                 f"program/{p.id}/{u.tanggal.isoformat()}/{n}"))
    seen_milestones: dict[tuple[str, dt.date], int] = {}
    for t in region.plan.tahapan:
        n = seen_milestones[(t.jenis, t.tanggal)] = seen_milestones.get((t.jenis, t.tanggal), -1) + 1
        summary = " ".join(x for x in (t.keterangan, f"Tempat: {t.tempat}." if t.tempat else None) if x)
        entries.append(Entry(region, t.tanggal, f"{_MILESTONE[t.jenis]} masterplan {region.nama}",
                             summary or _MILESTONE[t.jenis], f"{region.slug}/index.md", "_tahapan",
                             f"tahapan/{t.jenis}/{t.tanggal.isoformat()}/{n}"))
    return sorted(entries, key=lambda e: (-e.tanggal.toordinal(), e.region.slug, e.key))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(title: str, feed_path: str, page_path: str, entries: list[Entry], site_url: str, author: str,
         fallback: dt.date) -> str:
    """An Atom 1.0 document; ``fallback`` dates a feed without entries."""
    updated = entries[0].tanggal if entries else fallback
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">',
        f"  <id>{uuid.uuid5(uuid.NAMESPACE_URL, 'masterplan:feed:' + feed_path).urn}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(site_url + feed_path)}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(site_url + page_path)}/>",
        f"  <author><name>{escape(author)}</name></author>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <id>{e.id}</id>",
            f"    <title>{escape(e.title)}</title>",
            f"    <updated>{_stamp(e.tanggal)}</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(site_url + e.url)}/>",
            f"    <summary type=\"text\">{escape(e.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
