"""Programmes counted: how many, their budget, how many per status, how many late.

One owner for these numbers: the region and national pages, their charts and the JSON downloads all
count through ``count``, so the figures a page promises are "the same as in the table" and "the same
as in the data" are the same by construction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator import model as m


@dataclass(frozen=True)
class Tally:
    """Some programmes (a dimension's, a region's Quick Wins, a province's) counted."""

    count: int
    budget: int
    """Sum of their total budgets, in rupiah."""
    status: Mapping[str, int]
    """Programmes per status: every status of ``model.STATUSES``, in that order, zero included."""
    late: int
    """Past their last year and neither finished nor cancelled (``Program.is_late``)."""
    money: m.Spending
    """Planned and realised budget."""
    rescheduled: int = 0
    """Moved from the last year first promised (``Program.is_rescheduled``)."""
    slipped: int = 0
    """Late or rescheduled (``Program.is_late_or_rescheduled``): what the pages count as slipped."""

    def as_json(self) -> dict[str, Any]:
        """The tally as the JSON downloads write it (``program``, ``anggaran``, ``realisasi``, ``status``,
        ``terlambat``)."""
        return {"program": self.count, "anggaran": self.budget, "realisasi": money_json(self.money),
                "status": dict(self.status), "terlambat": self.late, "dijadwalkan_ulang": self.rescheduled,
                "terlambat_atau_dijadwalkan_ulang": self.slipped}


def money_json(money: m.Spending) -> dict[str, Any]:
    """Planned and realised budget as the downloads write it; absorption only over the reported lines."""
    share = money.absorption
    return {
        "anggaran": money.planned,
        "realisasi": money.spent if money.reported else None,
        "anggaran_tahun_dilaporkan": money.reported_planned if money.reported else None,
        "terserap_persen": None if share is None else round(share, 1),
        "tahun_dilaporkan": list(money.years),
    }


def count(programs: Iterable[m.Program], today: dt.date) -> Tally:
    """Count some programmes; lateness is judged on ``today`` (the build date)."""
    programs = tuple(programs)
    found = Counter(p.status for p in programs)
    return Tally(len(programs), sum(p.total_anggaran for p in programs),
                 {status: found.get(status, 0) for status in m.STATUSES},
                 sum(1 for p in programs if p.is_late(today)), m.spending(programs),
                 sum(1 for p in programs if p.is_rescheduled),
                 sum(1 for p in programs if p.is_late_or_rescheduled(today)))
