"""A change report (``changes.Report``) as plain text, as Markdown for a pull request, or as JSON.

Text and Markdown say the same things in the same order; only the markup differs (``_Style``).
Markdown follows GitHub's: data text is escaped so a programme called ``<b>x</b>`` or ``*x*`` shows
as typed, and long lists are folded in ``<details>``. The JSON is for other tools: versioned
(``versi``), keys sorted, values as data (Rupiah as integers, dates as ``YYYY-MM-DD``); its format is
documented in the README ("The JSON report").
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator import text
from generator.changes import (
    Change,
    Entry,
    NoticeChange,
    ProgramChange,
    RegionChange,
    Report,
    UrlChange,
    signed_rupiah_short,
)
from generator.errors import Problem
from generator.vocabulary import MILESTONE_LABEL, STATUS_LABEL, TYPE_LABEL

JSON_VERSION = 1
"""Raised when a key changes meaning or disappears; adding a key keeps the version."""
NO_CHANGE = "Tidak ada perubahan pada data yang diterbitkan."
FOLD_FROM = 8
"""A Markdown list with more items than this is folded in ``<details>``."""
_KIND_LABEL = {"baru": "wilayah baru", "dihapus": "wilayah dihapus", "pindah": "folder berganti nama",
               "berubah": "berubah"}
_PROGRAM_HEADINGS = (("baru", "Program baru"), ("berganti-id", "Program berganti id"),
                     ("berubah", "Program berubah"), ("dihapus", "Program dihapus"))


def headline(report: Report) -> str:
    """``2 wilayah berubah: 3 program baru, 1 selesai, anggaran +Rp1,2 miliar``."""
    if not report.regions and not report.notices:
        return NO_CHANGE
    t = report.totals()
    t["program_berubah"] -= t["program_berganti_id"]  # a renamed programme is counted once, as renamed
    parts = [f"{count} {label}" for key, label in (
        ("wilayah_baru", "wilayah baru"), ("wilayah_dihapus", "wilayah dihapus"),
        ("program_baru", "program baru"), ("program_dihapus", "program dihapus"),
        ("program_berganti_id", "program berganti id"), ("program_berubah", "program berubah"),
        ("program_selesai", "selesai"),
        ("program_terlambat", "baru terlambat"), ("selesai_tanpa_bukti", "selesai tanpa bukti"),
        ("alamat_gagal", "alamat terbit akan hilang"), ("pemberitahuan_baru", "pemberitahuan penghapusan baru"),
        ("pemberitahuan_dicabut", "pemberitahuan penghapusan dicabut"),
    ) if (count := t[key])]
    if t["selisih_anggaran"]:
        parts.append(f"anggaran {signed_rupiah_short(t['selisih_anggaran'])}")
    if not report.regions:
        return "Tidak ada wilayah yang berubah; " + ", ".join(parts) + "."
    head = f"{t['wilayah_berubah']} wilayah berubah"
    return f"{head}: {', '.join(parts)}" if parts else f"{head}."


# ---------------------------------------------------------------- text and Markdown


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~>-])")


def _md_escape(value: str) -> str:
    # html.escape first: GitHub would otherwise keep <tags> (and drop them); then Markdown's punctuation.
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(value.split()), quote=False))


@dataclass(frozen=True)
class _Style:
    esc: Callable[[str], str]
    code: Callable[[str], str]
    strong: Callable[[str], str]
    markdown: bool


_TEXT = _Style(lambda v: " ".join(v.split()), lambda v: v, lambda v: v, False)
_MARKDOWN = _Style(_md_escape, lambda v: f"`{v}`", lambda v: f"**{v}**", True)


class _Writer:
    def __init__(self, report: Report, site_url: str | None, style: _Style) -> None:
        self.report = report
        self.base = site_url.rstrip("/") if site_url else ""
        self.style = style
        self.lines: list[str] = []

    def link(self, label: str, path: str) -> str:
        if self.style.markdown:
            return f"[{self.style.esc(label)}]({self.base + path})"
        return self.style.esc(label)

    def address(self, path: str) -> str:
        """A site path, as regions/published-urls.txt lists it."""
        return self.style.code(path)

    def change(self, c: Change) -> str:
        esc = self.style.esc
        out = f"{esc(c.label)}: {esc(c.old_text)} → {esc(c.new_text)}"
        return out + (f" ({c.difference})" if c.difference else "")

    def entry(self, u: Entry) -> str:
        esc = self.style.esc
        extra = [STATUS_LABEL[u.status] if u.status else "", f"progres {text.percent(u.progres)}"
                 if u.progres is not None else ""]
        said = ", ".join(e for e in extra if e)
        out = f"pembaruan {text.date(u.tanggal)}: {esc(u.catatan)}" + (f" ({said})" if said else "")
        return out + (f"; bukti: {u.bukti}" if u.bukti else "")

    def program(self, p: ProgramChange) -> tuple[str, list[str]]:
        """A programme's line and the details under it."""
        s = self.style
        name = p.nama if p.kind == "dihapus" else None
        title = (f"{s.esc(name)} ({s.code(p.id)})" if name is not None
                 else f"{self.link(p.nama, p.url)} ({s.code(p.id)})")
        if name is None and not s.markdown:
            title += f" {self.base + p.url}"
        details = [self.change(c) for c in p.changes] if p.kind != "baru" else []
        if p.kind == "baru":
            kind = TYPE_LABEL.get(p.jenis, "Quick Win" if p.quick_win else "program")
            money = f"anggaran {text.rupiah(p.budget)}" if p.budget else "belum ada data anggaran"
            if p.spent is not None:
                money += f", realisasi {text.rupiah(p.spent)}"
            title += f": {kind}, {STATUS_LABEL[p.status or 'rencana']}, {money}"
        elif p.kind == "berganti-id":
            title = f"{s.code(p.old_id or '')} → {title}"
        elif p.kind == "dihapus" and p.quick_win:
            title += (": alamatnya menampilkan pemberitahuan penghapusan (dihapus.yaml)" if p.removal_notice
                      else ": tidak tercatat di dihapus.yaml")
        other = [o for o in p.other if not (o == "id_lama" and p.kind == "berganti-id")]
        if other:
            details.append("juga berubah: " + ", ".join(other))
        details += [self.entry(u) for u in p.updates]
        evidence = [b for b in p.evidence if not any(u.bukti == b for u in p.updates)]
        if evidence:
            details.append("bukti baru: " + ", ".join(evidence))
        if p.late_since is not None:
            details.append(s.strong("terlambat") + f": tahun selesai {p.late_since} sudah lewat pada tanggal build "
                           f"{text.date(self.report.today)}")
        if p.finished_without_evidence:
            details.append(s.strong("selesai tanpa bukti") + ": tambahkan tautan bukti sebelum digabungkan")
        return title, details

    def url(self, u: UrlChange) -> str:
        if u.kind == "dialihkan":
            return f"dialihkan: {self.address(u.url)} → {self.address(u.target or '')}"
        if u.kind == "baru":
            return f"baru: {self.address(u.url)}"
        state = {
            "pemberitahuan": "menampilkan pemberitahuan penghapusan (dihapus.yaml)",
            "belum-terbit": "belum pernah diterbitkan",
            "gagal": self.style.strong("pernah diterbitkan dan akan hilang") + ": build akan gagal; catat di "
                     "dihapus.yaml atau simpan id lamanya di id_lama",
        }[u.state or "belum-terbit"]
        return f"dihapus: {self.address(u.url)}, {state}"


def _problem_line(p: Problem) -> str:
    return p.format_text()


def as_text(report: Report, site_url: str | None) -> str:
    """The report for a terminal or a CI log."""
    w = _Writer(report, site_url, _TEXT)
    out = [f"Dibandingkan dengan {report.base} (commit {report.commit[:12]}); tanggal build {text.date(report.today)}.",
           headline(report)]
    for r in report.regions:
        out.append("")
        out.append(f"{r.nama} ({w.base + r.url}): {_kind_text(r)}")
        if r.old_problems:
            out.append(f"  data lama tidak valid ({len(r.old_problems)} galat); "
                       "hanya bagian yang terbaca dibandingkan:")
            out += [f"    {_problem_line(p)}" for p in r.old_problems]
        if r.new_errors:
            out.append(f"  data baru tidak valid ({r.new_errors} galat, lihat pesan pemeriksaan); yang tidak terbaca "
                       "tampil sebagai dihapus")
        out += [f"  {w.change(c)}" for c in r.changes]
        out += [f"  {w.change(c)}" for c in (r.budget, r.realisation) if c is not None]
        if r.other:
            out.append("  juga berubah: " + ", ".join(r.other))
        out += [f"  tahapan baru: {_milestone(t.tanggal, t.jenis, t.keterangan, _TEXT)}" for t in r.milestones]
        for kind, heading in _PROGRAM_HEADINGS:
            for p in (p for p in r.programs if p.kind == kind):
                title, details = w.program(p)
                out.append(f"  {heading.lower()}: {title}")
                out += [f"    {d}" for d in details]
        out += [f"  alamat {w.url(u)}" for u in r.urls]
    if report.notices:
        out += ["", "Pemberitahuan penghapusan (dihapus.yaml):"]
        out += [f"  {_notice(n, _TEXT)}" for n in report.notices]
    return "\n".join(out) + "\n"


def _notice(n: NoticeChange, style: _Style) -> str:
    what = "baru" if n.kind == "baru" else "dicabut"
    return f"{what}: {style.code(n.url)}, {style.esc(n.judul)} ({text.date(n.tanggal)})"


def _kind_text(r: RegionChange) -> str:
    if r.kind == "pindah":
        return f"folder berganti nama dari {r.old_slug}"
    return _KIND_LABEL[r.kind]


def _milestone(tanggal: Any, jenis: str, keterangan: str | None, style: _Style) -> str:
    out = f"{text.date(tanggal)}, {MILESTONE_LABEL[jenis]}"
    return out + (f": {style.esc(keterangan)}" if keterangan else "")


def _md_list(lines: list[str], items: list[str], summary: str) -> None:
    """A Markdown list, folded when long; ``summary`` heads it."""
    if not items:
        return
    if len(items) > FOLD_FROM:
        lines += ["", f"<details><summary>{html.escape(summary)}</summary>", ""]
        lines += items
        lines += ["", "</details>", ""]
    else:
        lines += ["", f"**{summary}**", ""]
        lines += items


def as_markdown(report: Report, site_url: str | None) -> str:
    """The report for a pull request or a job summary (GitHub Markdown)."""
    w = _Writer(report, site_url, _MARKDOWN)
    where = (f"Tautan menuju {site_url}." if site_url else
             "Tautan berupa jalur di situs (MASTERPLAN_SITE_URL tidak diatur).")
    lines = ["## Perubahan pada situs masterplan", "", f"**{headline(report)}**", "",
             f"Dibandingkan dengan `{report.base}` (commit `{report.commit[:12]}`); tanggal build "
             f"{text.date(report.today)}. {where}"]
    for r in report.regions:
        lines += ["", f"### {w.link(r.nama, r.url) if r.kind != 'dihapus' else _md_escape(r.nama)}: {_md_kind(r)}"]
        if r.old_problems:
            lines += ["", f"> **Data lama tidak valid** ({len(r.old_problems)} galat): hanya bagian yang terbaca "
                          "dibandingkan, jadi program yang tidak terbaca di data lama tampil sebagai program baru.",
                      "", "<details><summary>Galat data lama</summary>", "", "```text"]
            lines += [_problem_line(p) for p in r.old_problems]
            lines += ["```", "", "</details>"]
        if r.new_errors:
            lines += ["", f"> **Data baru tidak valid** ({r.new_errors} galat, lihat pesan pemeriksaan): yang tidak "
                          "terbaca tampil sebagai dihapus."]
        facts = [f"- {w.change(c)}" for c in r.changes]
        facts += [f"- {w.change(c)}" for c in (r.budget, r.realisation) if c is not None]
        if r.other:
            facts.append("- juga berubah: " + ", ".join(r.other))
        facts += [f"- tahapan baru: {_milestone(t.tanggal, t.jenis, t.keterangan, _MARKDOWN)}" for t in r.milestones]
        if facts:
            lines += ["", *facts]
        for kind, heading in _PROGRAM_HEADINGS:
            items: list[str] = []
            for p in (p for p in r.programs if p.kind == kind):
                title, details = w.program(p)
                items.append(f"- {title}")
                items += [f"  - {d}" for d in details]
            count = sum(1 for p in r.programs if p.kind == kind)
            _md_list(lines, items, f"{heading} ({count})")
        _md_list(lines, [f"- {w.url(u)}" for u in r.urls], f"Alamat publik ({len(r.urls)})")
    if report.notices:
        lines += ["", "### Pemberitahuan penghapusan (dihapus.yaml)"]
        _md_list(lines, [f"- {_notice(n, _MARKDOWN)}" for n in report.notices],
                 f"Pemberitahuan ({len(report.notices)})")
    if not report.valid:
        lines += ["", "> **Data baru tidak valid**: jalankan `masterplan check` dan perbaiki galatnya."]
    return "\n".join(lines) + "\n"


def _md_kind(r: RegionChange) -> str:
    if r.kind == "pindah":
        return f"folder berganti nama dari `{r.old_slug}`"
    return _KIND_LABEL[r.kind]


# ---------------------------------------------------------------- JSON


def _change_json(c: Change | None) -> dict[str, Any] | None:
    if c is None:
        return None
    out: dict[str, Any] = {"kunci": c.key, "label": c.label, "lama": c.old, "baru": c.new,
                           "lama_teks": c.old_text, "baru_teks": c.new_text}
    if c.difference is not None:
        out["selisih"] = int(c.new or 0) - int(c.old or 0)
        out["selisih_teks"] = c.difference
    return out


def _problem_json(p: Problem) -> dict[str, Any]:
    return {"berkas": p.path, "baris": p.line, "kolom": p.col, "tingkat": p.severity, "pesan": p.message}


def _program_json(p: ProgramChange) -> dict[str, Any]:
    return {
        "id": p.id, "nama": p.nama, "jenis": p.kind, "url": p.url, "quick_win": p.quick_win, "id_lama": p.old_id,
        "status": p.status, "anggaran": p.budget, "realisasi": p.spent, "jenis_program": p.jenis,
        "perubahan": [_change_json(c) for c in p.changes], "lainnya": list(p.other),
        "pembaruan_baru": [{"tanggal": u.tanggal.isoformat(), "catatan": u.catatan, "status": u.status,
                            "progres": u.progres, "bukti": u.bukti} for u in p.updates],
        "bukti_baru": list(p.evidence), "terlambat_sejak": p.late_since,
        "selesai_tanpa_bukti": p.finished_without_evidence, "pemberitahuan_penghapusan": p.removal_notice,
    }


def as_json(report: Report, site_url: str | None) -> str:
    """The report as data (format: README, "The JSON report")."""
    data = {
        "versi": JSON_VERSION,
        "dasar": {"revisi": report.base, "commit": report.commit},
        "tanggal_build": report.today.isoformat(),
        "alamat_situs": site_url,
        "valid": report.valid,
        "judul": headline(report),
        "ringkasan": report.totals(),
        "masalah": [_problem_json(p) for p in report.problems],
        "pemberitahuan": [{"url": n.url, "judul": n.judul, "tanggal": n.tanggal.isoformat(), "jenis": n.kind}
                          for n in report.notices],
        "wilayah": [{
            "slug": r.slug, "nama": r.nama, "jenis": r.kind, "slug_lama": r.old_slug, "url": r.url,
            "data_lama_tidak_valid": [_problem_json(p) for p in r.old_problems],
            "galat_data_baru": r.new_errors,
            "perubahan": [_change_json(c) for c in r.changes], "lainnya": list(r.other),
            "anggaran": _change_json(r.budget), "realisasi": _change_json(r.realisation),
            "tahapan_baru": [{"jenis": t.jenis, "tanggal": t.tanggal.isoformat(), "tempat": t.tempat,
                              "keterangan": t.keterangan} for t in r.milestones],
            "program": [_program_json(p) for p in r.programs],
            "alamat": [{"url": u.url, "jenis": u.kind, "tujuan": u.target, "keadaan": u.state} for u in r.urls],
        } for r in report.regions],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


FORMATS: dict[str, Callable[[Report, str | None], str]] = {"text": as_text, "markdown": as_markdown, "json": as_json}
