"""Charts drawn at build time as static SVG: pure functions of the model that return Markup.

Each chart is one ``<figure>``: an inline ``<svg role="img">`` named by its ``<title>`` and described by
its ``<desc>``, then a ``<figcaption>`` that says where the same numbers stand as a table or list. The
browser runs nothing and fetches nothing for them.

Colours come from CSS classes (``content/assets/extra.css``, one set per colour scheme). Every status
also has its own pattern (solid, stripes, hollow, dots, bars) and every number is printed as text, so
no meaning rests on colour alone. The viewBox is 300 units wide, a little over one unit per pixel on
a 360 px phone (11-unit text shows at 12 px), and the SVG scales to the width it gets.

The figure is HTML inside a page body that is HTML (generator/mkdocs_pages.py); all text in it is
HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator import model as m
from generator import tallies, text
from generator.vocabulary import DIM_LABEL, STATUS_LABEL, STATUS_WORD

W = 300
"""Width of every chart's viewBox."""
FONT = 12
"""Default text size (user units), set on the ``<svg>``; ``mp-sm`` text is 11."""
SMALL = 11
LINE = 15
"""Distance between two lines of 12-unit text."""
SMALL_LINE = 14
CHAR = 0.56
"""Average glyph width of the system sans-serif, in em: only used to decide where text wraps."""
BOLD = 1.2
"""How much wider bold text runs."""
BAR = 10
"""Height of a bar."""
ROW_BAR = 8
"""Height of a roadmap bar."""
GAP = 2
"""Space between two segments of a stacked bar: each segment borders the page background."""

STACK = ("selesai", "berjalan", "rencana", "tertunda", "dibatalkan")
"""Statuses in the order bars stack and legends list them (the order of the tables)."""

ROADMAP_ROWS = 25
"""Above this many programmes the roadmap draws one row per dimension and status, not per programme."""
PROVINCES_SHOWN = 10
"""The national chart shows the provinces with the most regions; the table beside it has them all."""

_PATTERNS = {
    "berjalan": ('<pattern id="{id}" width="5" height="5" patternUnits="userSpaceOnUse" '
                 'patternTransform="rotate(45)"><rect width="5" height="5" class="mp-bg"/>'
                 '<rect width="2.5" height="5" class="mp-f-berjalan"/></pattern>'),
    "tertunda": ('<pattern id="{id}" width="4" height="4" patternUnits="userSpaceOnUse">'
                 '<rect width="4" height="4" class="mp-bg"/>'
                 '<circle cx="2" cy="2" r="1.4" class="mp-f-tertunda"/></pattern>'),
    "dibatalkan": ('<pattern id="{id}" width="4" height="4" patternUnits="userSpaceOnUse">'
                   '<rect width="4" height="4" class="mp-bg"/>'
                   '<rect width="4" height="2" class="mp-f-dibatalkan"/></pattern>'),
}
"""Fills of the statuses that are not solid (selesai) or hollow (rencana)."""


# ------------------------------------------------------------------ drawing primitives

def _f(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zero (small, stable output)."""
    out = f"{value:.1f}"
    return out[:-2] if out.endswith(".0") else out


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _fits(size: float) -> int:
    """How many characters of text this size fit on one line of the chart."""
    return int(W / (size * CHAR))


def _wrap(words: str, size: float = FONT, width: float = W) -> list[str]:
    """Greedy word wrap by estimated width; a single over-long word keeps its own line."""
    limit = int(width / (size * CHAR))
    lines: list[str] = []
    line = ""
    for word in words.split():
        candidate = f"{line} {word}" if line else word
        if line and len(candidate) > limit:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line]


def _text(x: float, y: float, content: str, cls: str = "", anchor: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{_f(x)}" y="{_f(y)}"{attrs}>{_esc(content)}</text>'


def _rect(x: float, y: float, w: float, h: float, cls: str, extra: str = "") -> str:
    return f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(max(w, 0))}" height="{_f(h)}" class="{cls}"{extra}/>'


def _status_rect(cid: str, status: str, x: float, y: float, w: float, h: float = BAR) -> str:
    """A bar or segment in the fill and pattern of its status."""
    if status == "selesai":
        return _rect(x, y, w, h, "mp-f-selesai")
    if status == "rencana":  # hollow: the outline sits inside the segment's box
        return _rect(x + 0.75, y + 0.75, w - 1.5, h - 1.5, "mp-hollow mp-s-rencana")
    return _rect(x, y, w, h, f"mp-s-{status}", f' fill="url(#{cid}-{status})"')


def _defs(cid: str, statuses: Iterable[str]) -> list[str]:
    patterns = [_PATTERNS[s].format(id=f"{cid}-{s}") for s in STACK if s in set(statuses) and s in _PATTERNS]
    return ["<defs>" + "".join(patterns) + "</defs>"] if patterns else []


@dataclass(frozen=True)
class _Key:
    """One legend entry: a swatch and its label."""

    kind: str
    """A status, ``late``, ``now`` or ``progres``."""
    label: str


def _legend(cid: str, keys: Sequence[_Key], y: float) -> tuple[list[str], float]:
    """Swatches with labels, flowing onto new lines; returns the elements and the y below them."""
    parts: list[str] = []
    x = 0.0
    for key in keys:
        width = 18 + len(key.label) * SMALL * CHAR + 12
        if x and x + width > W:
            x = 0
            y += SMALL_LINE + 2
        if key.kind == "late":
            parts.append(_rect(x + 0.75, y + 0.75, 12.5, BAR - 1.5, "mp-late"))
        elif key.kind == "now":
            parts.append(f'<path d="M{_f(x + 6)} {_f(y - 1)}V{_f(y + BAR + 1)}" class="mp-now"/>')
        elif key.kind == "rencana-anggaran":
            parts.append(_rect(x + 0.75, y + 0.75, 12.5, BAR - 1.5, "mp-hollow mp-s-rencana"))
        elif key.kind == "progres":
            parts.append(_rect(x, y, 14, BAR, "mp-f-progres"))
        else:
            parts.append(_status_rect(cid, key.kind, x, y, 14, BAR))
        parts.append(_text(x + 18, y + BAR - 1, key.label, "mp-sm"))
        x += width
    return parts, y + BAR + 10


def _figure(cid: str, height: float, title: str, desc: str, parts: Sequence[str], caption: str) -> Markup:
    """The ``<figure>`` block: SVG named by its title and described by its desc, then the caption."""
    lines = [
        '<figure class="mp-chart">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {_f(math.ceil(height))}" width="100%" '
        f'font-size="{FONT}" role="img" aria-labelledby="{cid}-t" aria-describedby="{cid}-d">',
        f'<title id="{cid}-t">{_esc(title)}</title>',
        f'<desc id="{cid}-d">{_esc(desc)}</desc>',
        *parts,
        "</svg>",
        f"<figcaption>{_esc(caption)}</figcaption>",
        "</figure>",
    ]
    return Markup("\n".join(lines))


# ------------------------------------------------------------------ stacked status bars

@dataclass(frozen=True)
class Tally:
    """Programmes of one group (a dimension, a province) counted by status."""

    label: str
    """Name of the group."""
    note: str
    """Short text printed at the end of the label line, e.g. ``4 program``."""
    counts: Mapping[str, int]
    """Programmes per status, every status present."""
    slipped: int
    """Programmes late or rescheduled (``Program.is_late_or_rescheduled``): a slipped promise counts
    whether the target year passed or was moved, as in the tables beside the charts."""

    @property
    def total(self) -> int:
        """All programmes of the group."""
        return sum(self.counts.values())

    def words(self) -> list[tuple[str, str]]:
        """``("2 selesai", "selesai")`` pairs for the non-zero statuses, then the late or rescheduled count."""
        out = [(f"{self.counts[s]} {STATUS_WORD[s]}", s) for s in STACK if self.counts[s]]
        if self.slipped:
            out.append((f"{self.slipped} terlambat atau dijadwalkan ulang", "terlambat"))
        return out


def _tally(label: str, note: str, programs: Iterable[m.Program], today: dt.date) -> Tally:
    counted = tallies.count(programs, today)
    return Tally(label, note, counted.status, counted.slipped)


def _word_lines(words: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Split ``2 selesai · 1 berjalan · …`` into lines that fit the chart."""
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    limit = _fits(SMALL)
    for word in words:
        size = len(word[0]) + (3 if lines[-1] else 0)
        if lines[-1] and used + size > limit:
            lines.append([])
            size, used = len(word[0]), 0
        lines[-1].append(word)
        used += size
    return lines


def _words_text(y: float, words: Sequence[tuple[str, str]]) -> str:
    """One line of counts; each count in its status colour (all pass 4.5:1), the word says the status."""
    spans = " · ".join(f'<tspan class="mp-f-{key}">{_esc(word)}</tspan>' for word, key in words)
    return f'<text x="0" y="{_f(y)}" class="mp-sm">{spans}</text>'


def _stacked(cid: str, rows: Sequence[Tally], y: float, empty: str) -> tuple[list[str], float]:
    """Per row: label and note, a bar of segments per status scaled to the largest row, counts in words."""
    parts: list[str] = []
    unit = W / max((r.total for r in rows), default=1) if any(r.total for r in rows) else 0.0
    for row in rows:
        parts.append("<g>")
        parts.append(_text(0, y + FONT, row.label, "mp-b"))
        if (len(row.label) * BOLD + len(row.note)) * FONT * CHAR + 8 > W:  # a long name: the note goes below
            y += LINE
        parts.append(_text(W, y + FONT, row.note, "", "end"))
        y += LINE + 3
        done = 0
        for status in STACK:
            count = row.counts[status]
            if not count:
                continue
            x0, x1 = done * unit, (done + count) * unit
            done += count
            last = done == row.total
            parts.append(_status_rect(cid, status, x0, y, x1 - x0 - (0 if last else GAP)))
        if row.total:
            y += BAR + 2
        lines = _word_lines(row.words()) if row.total else []
        for line in lines:
            parts.append(_words_text(y + SMALL, line))
            y += SMALL_LINE
        if not row.total:
            parts.append(_text(0, y + SMALL, empty, "mp-sm"))
            y += SMALL_LINE
        parts.append("</g>")
        y += 10
    return parts, y


def _status_keys(rows: Iterable[Tally]) -> list[_Key]:
    rows = list(rows)
    return [_Key(s, STATUS_LABEL[s]) for s in STACK if any(r.counts[s] for r in rows)]


def _summary(tally: Tally) -> str:
    words = ", ".join(word for word, _ in tally.words())
    return words or "tidak ada"


def status_chart(region: m.Region, today: dt.date) -> Markup:
    """Region overview: programmes of each dimension by status, as stacked horizontal bars."""
    cid = "mp-status"
    rows = [_tally(DIM_LABEL[d], f"{len(region.programs_in(d))} program", region.programs_in(d), today)
            for d in m.DIMENSIONS]
    parts = _defs(cid, [s for r in rows for s in STACK if r.counts[s]])
    legend, y = _legend(cid, _status_keys(rows), 2)
    body, height = _stacked(cid, rows, y, "Belum ada program.")
    total = _tally("", "", region.program, today)
    desc = (f"{total.total} program di enam dimensi: {_summary(total)}. "
            + " ".join(f"{r.label}: {_summary(r)}." for r in rows))
    return _figure(cid, height, f"Status program per dimensi, {region.nama}", desc, [*parts, *legend, *body],
                   "Jumlah program per status di setiap dimensi; angka yang sama ada di tabel di bawah.")


# ------------------------------------------------------------------ simple horizontal bars

def budget_chart(region: m.Region) -> Markup:
    """Region overview: total budget of each dimension's programmes, in readable Rupiah."""
    cid = "mp-anggaran"
    amounts = [(d, sum(p.total_anggaran for p in region.programs_in(d))) for d in m.DIMENSIONS]
    largest = max((a for _, a in amounts), default=0)
    parts: list[str] = []
    y = 2.0
    for d, amount in amounts:
        parts.append("<g>")
        parts.append(_text(0, y + FONT, DIM_LABEL[d], "mp-b"))
        parts.append(_text(W, y + FONT, text.rupiah_short(amount), "", "end"))
        y += LINE + 3
        if amount:
            parts.append(_rect(0, y, W * amount / largest, BAR, "mp-f-progres"))
        else:
            parts.append(_rect(0.5, y + 0.5, W - 1, BAR - 1, "mp-track"))
        parts.append("</g>")
        y += BAR + 12
    total = sum(a for _, a in amounts)
    desc = (f"Total {text.rupiah_short(total)}. "
            + " ".join(f"{DIM_LABEL[d]}: {text.rupiah_short(a)}." for d, a in amounts))
    return _figure(cid, y, f"Anggaran program per dimensi, {region.nama}", desc, parts,
                   "Jumlah anggaran semua program di setiap dimensi; angka yang sama ada di kolom Anggaran "
                   "tabel di bawah.")


def _progress_words(p: m.Program, today: dt.date) -> str:
    out = STATUS_LABEL[p.status]
    if p.is_late(today):
        out += f", terlambat (target {p.tahun_selesai})"
    if p.is_rescheduled:
        out += f", dijadwalkan ulang dari {p.tahun_selesai_awal} ke {p.tahun_selesai}"
    return out


def quick_win_chart(region: m.Region, today: dt.date) -> Markup:
    """Region overview: a progress bar for each Quick Win."""
    cid = "mp-qw"
    track = W - 48
    parts: list[str] = []
    y = 2.0
    for p in region.quick_wins:
        parts.append("<g>")
        for line in _wrap(p.nama, FONT * BOLD):
            parts.append(_text(0, y + FONT, line, "mp-b"))
            y += LINE
        y += 2
        parts.append(_rect(0.5, y + 0.5, track - 1, BAR + 1, "mp-track"))
        progress = p.effective_progress
        if progress is not None:
            parts.append(_rect(0, y, track * progress / 100, BAR + 2, "mp-f-progres"))
        parts.append(_text(W, y + BAR + 1, text.percent(progress) if progress is not None else "–", "mp-b", "end"))
        y += BAR + 4
        words = _progress_words(p, today) + ("" if progress is not None else ", belum ada data progres")
        for line in _wrap(words, SMALL):
            parts.append(_text(0, y + SMALL, line, "mp-sm mp-f-terlambat" if p.is_late(today) else "mp-sm"))
            y += SMALL_LINE
        y += 10
        parts.append("</g>")
    desc = " ".join(
        f"{p.nama}: {text.percent(p.effective_progress) if p.effective_progress is not None else 'belum ada data'}"
        f", {_progress_words(p, today).lower()}." for p in region.quick_wins)
    return _figure(cid, y, f"Progres Quick Win, {region.nama}", desc, parts,
                   "Progres setiap Quick Win dari 0 sampai 100%; angka yang sama ada di tabel di bawah.")


# ------------------------------------------------------------------ planned and realised budget

def _money_words(money: m.Spending) -> str:
    if not money.reported:
        return "realisasi belum dilaporkan"
    out = f"realisasi {text.rupiah_short(money.spent)}"
    if money.reported_planned:
        out += f" ({text.percent(round(100 * money.spent / money.reported_planned, 1))})"
    if money.over_plan:
        out += ", melebihi rencana"
    return out


def spending_chart(cid: str, name: str, programs: Sequence[m.Program]) -> Markup:
    """Planned (hollow) and realised (solid) budget per year as paired bars; empty when nothing is
    reported. The same numbers stand in the budget table beside it."""
    rows = m.spending_by_year(programs)
    if not any(money.reported for _, money in rows):
        return Markup("")
    largest = max(max(money.planned, money.spent) for _, money in rows) or 1
    parts, y = _legend(cid, [_Key("rencana-anggaran", "Rencana"), _Key("progres", "Realisasi")], 2)
    for year, money in rows:
        parts.append("<g>")
        parts.append(_text(0, y + FONT, str(year), "mp-b"))
        parts.append(_text(W, y + FONT, f"rencana {text.rupiah_short(money.planned)}", "", "end"))
        y += LINE + 3
        parts.append(_rect(0.75, y + 0.75, max(W * money.planned / largest - 1.5, 1.5), BAR - 1.5,
                           "mp-hollow mp-s-rencana"))
        y += BAR + 3
        if money.reported:
            parts.append(_rect(0, y, W * money.spent / largest, BAR, "mp-f-progres"))
            y += BAR + 2
        for line in _wrap(_money_words(money), SMALL):
            parts.append(_text(0, y + SMALL, line, "mp-sm"))
            y += SMALL_LINE
        parts.append("</g>")
        y += 10
    total = m.spending(programs)
    desc = (f"Rencana seluruhnya {text.rupiah_short(total.planned)}. "
            + " ".join(f"{year}: rencana {text.rupiah_short(money.planned)}, {_money_words(money)}."
                       for year, money in rows))
    return _figure(cid, y, f"Rencana dan realisasi anggaran per tahun, {name}", desc, parts,
                   "Batang kosong: rencana; batang penuh: realisasi. Angka yang sama ada di tabel anggaran.")


# ------------------------------------------------------------------ monitoring index

def evaluation_chart(region: m.Region) -> Markup:
    """Region overview: the monitoring index (0-5) of each evaluated year, as columns."""
    cid = "mp-monev"
    top, plot, left, right = 18.0, 120.0, 18.0, 6.0  # right: room for the last label's overhang
    bottom = top + plot
    evals = sorted(region.evaluasi, key=lambda e: e.tahun)
    slot = (W - left - right) / max(len(evals), 1)
    width = min(32.0, slot * 0.6)
    grid = "".join(f"M{_f(left)} {_f(bottom - plot * v / 5)}H{W}" for v in range(1, 6))
    parts = [f'<path d="{grid}" class="mp-grid"/>', f'<path d="M{_f(left)} {_f(bottom)}H{W}" class="mp-track"/>']
    parts += [_text(left - 4, bottom - plot * v / 5 + 4, str(v), "mp-sm", "end") for v in range(6)]
    narrow = slot < 32  # many years: smaller values, years on two staggered lines
    for i, e in enumerate(evals):
        x = left + slot * i + (slot - width) / 2
        h = plot * min(max(e.indeks, 0.0), 5.0) / 5
        parts.append("<g>")
        parts.append(_rect(x, bottom - h, width, h, "mp-f-progres"))
        parts.append(_text(x + width / 2, bottom - h - 4, text.number(e.indeks), "mp-sm" if narrow else "mp-b",
                           "middle"))
        parts.append(_text(x + width / 2, bottom + 14 + (SMALL_LINE if narrow and i % 2 else 0), str(e.tahun),
                           "mp-sm", "middle"))
        parts.append("</g>")
    desc = "Skala 0 sampai 5. " + " ".join(f"{e.tahun}: {text.number(e.indeks)}." for e in evals)
    height = bottom + 20 + (SMALL_LINE if narrow else 0)
    return _figure(cid, height, f"Indeks smart city per tahun, {region.nama}", desc, parts,
                   "Indeks hasil monitoring dan evaluasi setiap tahun (skala 0–5); angka yang sama ada di kolom "
                   "Indeks tabel di bawah.")


# ------------------------------------------------------------------ roadmap

@dataclass(frozen=True)
class _Span:
    """One bar of the roadmap: a programme, or a dimension's programmes of one status."""

    label: str
    """Printed above the bar."""
    note: str
    """Printed beside the bar (or after the label): the status and whether it is late, or the late count."""
    status: str
    first: int
    last: int
    late_since: int | None
    """First year past the target, when late."""


def _roadmap_spans(region: m.Region, today: dt.date) -> list[tuple[str, list[_Span]]]:
    """Per dimension that has programmes: one span per programme, or per status when there are many."""
    start, end = region.plan.periode.mulai, region.plan.periode.selesai
    groups = []
    for d in m.DIMENSIONS:
        programs = sorted(region.programs_in(d), key=lambda p: (p.tahun_mulai, p.tahun_selesai, p.id))
        if not programs:
            continue
        spans = []
        if len(region.program) <= ROADMAP_ROWS:
            for p in programs:
                late = p.is_late(today)
                outside = p.tahun_mulai < start or p.tahun_selesai > end  # the bar is cut: say the years
                spans.append(_Span(p.nama + (f" ({p.tahun_mulai}–{p.tahun_selesai})" if outside else ""),
                                   STATUS_WORD[p.status] + (", terlambat" if late else ""), p.status,
                                   p.tahun_mulai, p.tahun_selesai, p.tahun_selesai + 1 if late else None))
        else:
            for status in STACK:
                chosen = [p for p in programs if p.status == status]
                if not chosen:
                    continue
                first, last = min(p.tahun_mulai for p in chosen), max(p.tahun_selesai for p in chosen)
                late_ones = [p for p in chosen if p.is_late(today)]
                spans.append(_Span(f"{STATUS_LABEL[status]}: {len(chosen)} program, {first}–{last}",
                                   f"{len(late_ones)} terlambat" if late_ones else "", status, first, last,
                                   min(p.tahun_selesai for p in late_ones) + 1 if late_ones else None))
        groups.append((d, spans))
    return groups


def roadmap_chart(region: m.Region, today: dt.date) -> Markup:
    """Roadmap: a timeline of the programmes across the plan years, by status, late ones marked."""
    cid = "mp-roadmap"
    start, end = region.plan.periode.mulai, region.plan.periode.selesai
    col = W / (end - start + 1)

    def x_at(year: float) -> float:
        return min(max((year - start) * col, 0.0), float(W))

    groups = _roadmap_spans(region, today)
    spans = [s for _, group in groups for s in group]
    now: float | None = None
    if start <= today.year <= end:
        year_days = (dt.date(today.year + 1, 1, 1) - dt.date(today.year, 1, 1)).days
        now = x_at(today.year + (today.timetuple().tm_yday - 1) / year_days)
    keys = [_Key(s, STATUS_LABEL[s]) for s in STACK if any(sp.status == s for sp in spans)]
    if any(sp.late_since is not None for sp in spans):
        keys.append(_Key("late", "Terlambat"))
    if now is not None:
        keys.append(_Key("now", f"Hari ini, {text.date(today)}"))
    parts = _defs(cid, [s.status for s in spans])
    legend, y = _legend(cid, keys, 2)
    parts += legend
    # Each year is labelled on one line where a column is wide enough for that, else on two staggered
    # lines; only plans of more than about twenty years label every few years.
    stagger = 17 <= col < 34
    step = 1 if col >= 17 else math.ceil(34 / col)
    axis_y = y + SMALL
    parts += [_text(x_at(year) + col / 2, axis_y + (SMALL_LINE if stagger and (year - start) % 2 else 0),
                    str(year), "mp-sm", "middle")
              for year in range(start, end + 1, step)]
    top = axis_y + 5 + (SMALL_LINE if stagger else 0)
    body: list[str] = []
    y = top + 4
    for d, group in groups:
        body.append(_text(0, y + FONT, DIM_LABEL[d], "mp-b"))
        y += LINE + 3
        for span in group:
            body.append("<g>")
            first, last = x_at(span.first), x_at(span.last + 1)
            late_end = last
            if span.late_since is not None:  # dashed from the target year to today
                late_end = max(last, now if now is not None else x_at(today.year + 1))
            place = _beside(first, late_end, span.note) if span.note and late_end > first else None
            for line in _wrap(span.label if place or not span.note else f"{span.label} ({span.note})"):
                body.append(_text(0, y + FONT, line))
                y += LINE
            y += 1
            if last > first:
                body.append(_status_rect(cid, span.status, first, y, last - first, ROW_BAR))
            # Dashed past the bar's end: a programme's target year (or a group's longest) up to today.
            since = max(x_at(span.late_since), last) if span.late_since is not None else late_end
            if late_end > since:
                body.append(_rect(since + 0.75, y + 0.75, late_end - since - 1.5, ROW_BAR - 1.5, "mp-late"))
            if place:
                cls = "mp-sm mp-f-terlambat" if span.late_since is not None else "mp-sm"
                body.append(_text(place[0], y + ROW_BAR, span.note, cls, place[1]))
            body.append("</g>")
            y += ROW_BAR + 7
        y += 3
    grid = "".join(f"M{_f(x_at(year))} {_f(top)}V{_f(y)}" for year in range(start + 1, end + 1))
    parts.append(f'<path d="{grid}" class="mp-grid"/>')
    if now is not None:  # under the text, whose halo keeps the line from cutting through letters
        parts.append(f'<path d="M{_f(now)} {_f(top)}V{_f(y)}" class="mp-now"/>')
    parts += body
    total = _tally("", "", region.program, today)
    desc = (f"Periode {start}–{end}; {total.total} program: {_summary(total)}. "
            "Setiap batang membentang dari tahun mulai sampai tahun selesai program; batang bergaris putus "
            "menandai program terlambat sampai hari ini.")
    caption = ("Program per tahun, dikelompokkan per dimensi; program, tahun, status dan keterlambatan yang sama "
               "tertulis di daftar per tahun di bawah.")
    return _figure(cid, y, f"Linimasa program {start}–{end}, {region.nama}", desc, parts, caption)


def _beside(first: float, last: float, note: str) -> tuple[float, str] | None:
    """Where a bar's note goes: right of the bar where it fits, else left of it (x and text-anchor);
    None when neither side has room, and the note then joins the label above the bar."""
    width = len(note) * SMALL * CHAR
    if W - last - 4 >= width:
        return last + 4, ""
    if first - 4 >= width:
        return first - 4, "end"
    return None


# ------------------------------------------------------------------ one Quick Win

def progress_chart(p: m.Program) -> Markup:
    """Quick Win page: one progress bar from 0 to 100%."""
    cid = "mp-progres"
    progress = p.effective_progress or 0
    parts = [
        _text(0, FONT, f"Progres {text.percent(progress)}", "mp-b"),
        _rect(0.5, LINE + 4.5, W - 1, 13, "mp-track"),
        _rect(0, LINE + 4, W * progress / 100, 14, "mp-f-progres"),
        _text(0, LINE + 32, text.percent(0), "mp-sm"),
        _text(W / 2, LINE + 32, text.percent(50), "mp-sm", "middle"),
        _text(W, LINE + 32, text.percent(100), "mp-sm", "end"),
    ]
    return _figure(cid, LINE + 36, f"Progres {p.nama}", f"{text.percent(progress)} dari 100%.", parts,
                   f"Progres {text.percent(progress)}, sama dengan status di atas.")


def _update_words(u: m.Update) -> str:
    words = [STATUS_LABEL[u.status]] if u.status else []
    if u.progres is not None:
        words.append(f"progres {text.percent(u.progres)}")
    return ", ".join(words) or "catatan"


def update_timeline(p: m.Program) -> Markup:
    """Quick Win page: its dated updates from oldest to newest, each with its status and progress."""
    cid = "mp-riwayat"
    updates = sorted(p.pembaruan, key=lambda u: u.tanggal)
    rail_x, x = 6.0, 18.0
    parts: list[str] = []
    dots: list[float] = []
    y = 2.0
    for u in updates:
        parts.append("<g>")
        dot_y = y + FONT - 4
        dots.append(dot_y)
        dot = f"mp-f-{u.status}" if u.status else "mp-dot"
        parts.append(f'<circle cx="{_f(rail_x)}" cy="{_f(dot_y)}" r="4.5" class="{dot}"/>')
        parts.append(f'<text x="{_f(x)}" y="{_f(y + FONT)}"><tspan class="mp-b">{_esc(text.date(u.tanggal))}'
                     f"</tspan> · {_esc(_update_words(u))}</text>")
        y += LINE + 2
        if u.progres is not None:
            parts.append(_rect(x + 0.5, y + 0.5, W - x - 1, BAR - 1, "mp-track"))
            parts.append(_rect(x, y, (W - x) * u.progres / 100, BAR, "mp-f-progres"))
            y += BAR + 2
        y += 8
        parts.append("</g>")
    if len(dots) > 1:
        parts.insert(0, f'<path d="M{_f(rail_x)} {_f(dots[0])}V{_f(dots[-1])}" class="mp-rail"/>')
    desc = " ".join(f"{text.date(u.tanggal)}: {_update_words(u)}." for u in updates)
    return _figure(cid, y, f"Linimasa pembaruan {p.nama}", desc, parts,
                   "Pembaruan dari yang terlama; tanggal, status dan progres yang sama ada di daftar riwayat "
                   "di bawah.")


# ------------------------------------------------------------------ national overview

@dataclass(frozen=True)
class ProvinceRow:
    """A province on the national overview: its regions and their Quick Wins by status."""

    provinsi: str
    regions: int
    tally: Tally


def province_rows(regions: Sequence[m.Region], today: dt.date) -> list[ProvinceRow]:
    """Provinces with the most regions first (then the most Quick Wins, then by name), with their Quick Win
    totals."""
    members: dict[str, list[m.Region]] = {}
    for r in regions:
        members.setdefault(r.provinsi, []).append(r)
    rows = []
    for provinsi, group in members.items():
        quick_wins = [p for r in group for p in r.quick_wins]
        note = f"{len(group)} wilayah, {len(quick_wins)} Quick Win"
        rows.append(ProvinceRow(provinsi, len(group), _tally(provinsi, note, quick_wins, today)))
    return sorted(rows, key=lambda row: (-row.regions, -row.tally.total, row.provinsi))


def province_chart(regions: Sequence[m.Region], today: dt.date) -> Markup:
    """National overview: Quick Wins by status in the provinces with the most regions."""
    cid = "mp-provinsi"
    rows = province_rows(regions, today)
    shown = rows[:PROVINCES_SHOWN]
    tallies = [row.tally for row in shown]
    parts = _defs(cid, [s for t in tallies for s in STACK if t.counts[s]])
    legend, y = _legend(cid, _status_keys(tallies), 2)
    body, height = _stacked(cid, tallies, y, "Belum ada Quick Win.")
    desc = " ".join(f"{t.label}: {t.note}" + (f"; {_summary(t)}." if t.total else ".") for t in tallies)
    if len(rows) > len(shown):
        title = f"Status Quick Win di {len(shown)} provinsi dengan wilayah terbanyak"
        caption = (f"{len(shown)} dari {len(rows)} provinsi, yang wilayahnya terbanyak; angka semua provinsi "
                   "ada di tabel di bawah.")
    else:
        title = "Status Quick Win per provinsi"
        caption = "Jumlah Quick Win per status di setiap provinsi; angka yang sama ada di tabel di bawah."
    return _figure(cid, height, title, desc, [*parts, *legend, *body], caption)


def compare_chart(regions: Sequence[m.Region], today: dt.date) -> Markup:
    """Province page: each region's Quick Wins by status, as stacked bars."""
    cid = "mp-banding"
    tallies = [_tally(r.nama, f"{len(r.quick_wins)} Quick Win", r.quick_wins, today) for r in regions]
    parts = _defs(cid, [s for t in tallies for s in STACK if t.counts[s]])
    legend, y = _legend(cid, _status_keys(tallies), 2)
    body, height = _stacked(cid, tallies, y, "Belum ada Quick Win.")
    desc = " ".join(f"{t.label}: {t.note}" + (f"; {_summary(t)}." if t.total else ".") for t in tallies)
    return _figure(cid, height, "Status Quick Win per wilayah", desc, [*parts, *legend, *body],
                   "Jumlah Quick Win per status di setiap wilayah; angka yang sama ada di tabel perbandingan.")


JINJA_GLOBALS: Mapping[str, Callable[..., Any]] = {
    "status_chart": status_chart, "budget_chart": budget_chart, "quick_win_chart": quick_win_chart,
    "evaluation_chart": evaluation_chart, "roadmap_chart": roadmap_chart, "progress_chart": progress_chart,
    "update_timeline": update_timeline, "spending_chart": spending_chart, "province_chart": province_chart,
    "province_rows": province_rows, "compare_chart": compare_chart,
}
"""What the templates call; ``templating.environment`` registers them."""
