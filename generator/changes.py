"""What a change to the data does to the published plan: two versions of the data → a report.

The old version is read from git objects (``gitsource``), the new one from the working tree; both
go through the same validator (``validate.read_region``). Only regions whose files differ between the
two are read at all. The report holds values as the site shows them (Rupiah, dates, labels) and as
data (for JSON); ``changes_output`` turns it into text, Markdown or JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from generator import gitsource, published, text, urls, validate
from generator import model as m
from generator import schema as s
from generator.errors import Problem
from generator.vocabulary import DOC_LABEL, STATUS_LABEL, TYPE_LABEL
from generator.yaml_source import YamlFile, load_file, parse_bytes

T = TypeVar("T")
Json = Any
"""A value ``json.dumps`` writes as it is: None, bool, int, float, str, or lists and dicts of them."""


# ---------------------------------------------------------------- what is compared


@dataclass(frozen=True)
class Field(Generic[T]):
    """A value of a programme or a region that readers see; each one is compared the same way."""

    key: str
    """Data key, as in the YAML (and in the JSON report)."""
    label: str
    """How the report names it."""
    get: Callable[[T], Json]
    """The value, as data (``None`` when absent)."""
    show: Callable[[Any], str] = str
    """The value as the site writes it (never called with ``None``)."""
    money: bool = False
    """Rupiah: the report adds the difference and counts it in the totals."""


def _status(value: str) -> str:
    return str(STATUS_LABEL[value])


def _period(value: Mapping[str, int]) -> str:
    return f"{value['mulai']}–{value['selesai']}"


# Adding a compared field is one line here (e.g. realisation: Field("realisasi", "realisasi", ..., money=True)).
PROGRAM_FIELDS: tuple[Field[m.Program], ...] = (
    Field("nama", "nama", lambda p: p.nama),
    Field("status", "status", lambda p: p.status, _status),
    Field("progres", "progres", lambda p: p.effective_progress, text.percent),
    Field("jenis", "jenis", lambda p: p.jenis, lambda v: TYPE_LABEL[v]),
    Field("dimensi", "dimensi", lambda p: p.dimensi, text.title_case),
    Field("opd", "OPD", lambda p: p.opd),
    Field("tahun_mulai", "tahun mulai", lambda p: p.tahun_mulai),
    Field("tahun_selesai", "tahun selesai", lambda p: p.tahun_selesai),
    Field("anggaran", "anggaran", lambda p: p.total_anggaran, text.rupiah, money=True),
    Field("realisasi", "realisasi anggaran", lambda p: p.spending.spent if p.spending.reported else None,
          text.rupiah, money=True),
)
REGION_FIELDS: tuple[Field[m.Masterplan], ...] = (
    Field("status_dokumen", "status dokumen", lambda p: p.status_dokumen, lambda v: DOC_LABEL[v]),
    Field("periode", "periode", lambda p: {"mulai": p.periode.mulai, "selesai": p.periode.selesai}, _period),
    Field("angkatan", "angkatan", lambda p: p.angkatan),
    Field("dasar_hukum", "dasar hukum", lambda p: p.dasar_hukum),
    Field("visi", "visi", lambda p: p.visi),
)
_PROGRAM_OWN = frozenset({"id", "marks", "pembaruan", "bukti"})
"""Programme keys reported in their own way (identity, history, evidence), not as "other changes"."""
_PLAN_OWN = frozenset({"marks", "tahapan"})


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Change:
    """One shown value that changed."""

    key: str
    """Data key."""
    label: str
    """Its name in the report."""
    old: Json
    """Before, as data; ``None`` when it was absent."""
    new: Json
    """After, as data; ``None`` when it is absent now."""
    old_text: str
    """Before, as the site writes it (``–`` when absent)."""
    new_text: str
    """After, as the site writes it."""
    difference: str | None = None
    """For Rupiah: ``+Rp50.000.000`` or ``-Rp50.000.000``."""


@dataclass(frozen=True)
class Entry:
    """A new dated update of a programme."""

    tanggal: dt.date
    catatan: str
    status: str | None
    progres: int | None
    bukti: str | None


@dataclass(frozen=True)
class ProgramChange:
    """What happened to one programme."""

    id: str
    """Its id now (or its last id, when removed)."""
    nama: str
    kind: str
    """``baru``, ``dihapus``, ``berganti-id`` or ``berubah``."""
    url: str
    """Site path of where readers find it: its Quick Win page or its anchor on the dimension page."""
    quick_win: bool
    old_id: str | None = None
    """The id it had before, when it changed (the old address redirects to the new one)."""
    changes: tuple[Change, ...] = ()
    other: tuple[str, ...] = ()
    """Other keys whose content changed (``uraian``, ``indikator``...)."""
    updates: tuple[Entry, ...] = ()
    """Updates that were not there before, newest first."""
    evidence: tuple[str, ...] = ()
    """Evidence addresses that were not there before."""
    late_since: int | None = None
    """When it newly shows as late: the last year of the programme, which the build date has passed."""
    finished_without_evidence: bool = False
    """It is (newly) ``selesai`` and has no evidence at all."""
    removal_notice: bool = False
    """When removed: its address answers with a notice from dihapus.yaml."""
    status: str | None = None
    """Its status now (or last, when removed)."""
    budget: int = 0
    """Its total budget now (0 when removed)."""
    spent: int | None = None
    """Its reported realisation now (``None`` when none is reported, or when removed)."""
    jenis: str = ""
    """Its programme type now (or last, when removed): ``quick-win``, ``jangka-pendek``..."""


@dataclass(frozen=True)
class UrlChange:
    """A public address that appears, redirects or disappears."""

    url: str
    """Site path, ``/kota-tegal/quick-win/x/``."""
    kind: str
    """``baru``, ``dialihkan`` or ``dihapus``."""
    target: str | None = None
    """Where a redirect leads."""
    state: str | None = None
    """For a removed address: ``pemberitahuan`` (dihapus.yaml has it), ``gagal`` (it was published and
    nothing keeps it alive: the build will fail) or ``belum-terbit`` (never published: nothing to keep)."""


@dataclass(frozen=True)
class RegionChange:
    """What happened to one region."""

    slug: str
    """Folder name now (or last, when removed)."""
    nama: str
    kind: str
    """``baru``, ``dihapus``, ``pindah`` (folder renamed) or ``berubah``."""
    old_slug: str | None = None
    """The folder's former name, when renamed."""
    old_problems: tuple[Problem, ...] = ()
    """Errors in the old data: the comparison covers only what could be read of it."""
    new_errors: int = 0
    """Errors in the new data (printed as ``check`` prints them): what could not be read shows as removed."""
    changes: tuple[Change, ...] = ()
    other: tuple[str, ...] = ()
    """Other keys of masterplan.yaml (or ``evaluasi``) whose content changed."""
    milestones: tuple[m.Milestone, ...] = ()
    """Milestones that were not there before, by date."""
    budget: Change | None = None
    """The region's total budget, when it changed."""
    realisation: Change | None = None
    """The region's total reported realisation, when it changed (a new region's, when it reports any)."""
    programs: tuple[ProgramChange, ...] = ()
    urls: tuple[UrlChange, ...] = ()

    @property
    def url(self) -> str:
        """Site path of the region's overview."""
        return f"/{self.slug}/"

    def count(self, kind: str) -> int:
        """Number of programmes with this kind of change."""
        return sum(1 for p in self.programs if p.kind == kind)


@dataclass(frozen=True)
class NoticeChange:
    """An entry of dihapus.yaml added or withdrawn: a removal notice appears at, or leaves, an address."""

    url: str
    judul: str
    tanggal: dt.date
    kind: str
    """``baru`` or ``dicabut``."""


@dataclass(frozen=True)
class Report:
    """Every change between the revision and the working tree."""

    base: str
    """How the old revision was named."""
    commit: str
    """Its commit id."""
    today: dt.date
    """Build date: it decides which programmes are late."""
    regions: tuple[RegionChange, ...]
    """Regions with a change, by slug."""
    problems: tuple[Problem, ...]
    """Errors and warnings of the new data in the regions that changed (and dihapus.yaml)."""
    notices: tuple[NoticeChange, ...] = ()
    """Removal notices added to or withdrawn from dihapus.yaml, by address."""

    @property
    def valid(self) -> bool:
        """The new data has no errors."""
        return not any(p.severity == "error" for p in self.problems)

    def totals(self) -> dict[str, int]:
        """Counts for the headline and the JSON summary."""
        programs = [p for r in self.regions for p in r.programs]
        return {
            "wilayah_berubah": len(self.regions),
            "wilayah_baru": sum(1 for r in self.regions if r.kind == "baru"),
            "wilayah_dihapus": sum(1 for r in self.regions if r.kind == "dihapus"),
            "program_baru": sum(1 for p in programs if p.kind == "baru"),
            "program_dihapus": sum(1 for p in programs if p.kind == "dihapus"),
            "program_berganti_id": sum(1 for p in programs if p.old_id is not None),
            "program_berubah": sum(1 for p in programs if p.kind in ("berubah", "berganti-id")),
            "program_selesai": sum(1 for p in programs if _became(p, "selesai")),
            "program_terlambat": sum(1 for p in programs if p.late_since is not None),
            "selesai_tanpa_bukti": sum(1 for p in programs if p.finished_without_evidence),
            "alamat_gagal": sum(1 for r in self.regions for u in r.urls if u.state == "gagal"),
            "pemberitahuan_baru": sum(1 for n in self.notices if n.kind == "baru"),
            "pemberitahuan_dicabut": sum(1 for n in self.notices if n.kind == "dicabut"),
            "selisih_anggaran": sum(_delta(r.budget) for r in self.regions),
        }


def _became(p: ProgramChange, status: str) -> bool:
    if p.kind == "baru":
        return p.status == status
    return any(c.key == "status" and c.new == status for c in p.changes)


def _delta(change: Change | None) -> int:
    if change is None:
        return 0
    return int(change.new or 0) - int(change.old or 0)


def signed_rupiah(amount: int) -> str:
    """``+Rp50.000.000``, ``-Rp1.000``."""
    return ("-" if amount < 0 else "+") + text.rupiah(abs(amount))


def signed_rupiah_short(amount: int) -> str:
    """``+Rp1,2 miliar``, for summaries."""
    return ("-" if amount < 0 else "+") + text.rupiah_short(abs(amount))


# ---------------------------------------------------------------- addresses


def program_url(slug: str, p: m.Program) -> str:
    """Where readers find a programme: its own page for a Quick Win, else its anchor on the dimension page."""
    return "/" + urls.site_relative(*urls.program(slug, p))


def page_urls(slug: str, plan: m.Masterplan | None, programs: tuple[m.Program, ...]) -> tuple[set[str], dict[str, str]]:
    """The region's pages and its redirects (old address → new), as ``Renderer.region_pages`` makes them.

    Derived from the model rather than by rendering, so that old data that does not validate as a whole
    can still be compared; tests/test_diff.py checks it against the rendered pages.
    """
    shown = m.sections_of(plan, programs)  # empty sections are not pages (render.sections)
    paths = [urls.region(slug), urls.changes(slug), urls.region_data(slug), urls.print_version(slug),
             *(urls.dimension(slug, d) for d in shown.dimensions)]
    if shown.roadmap:
        paths.append(urls.roadmap(slug))
    if shown.quick_wins:
        paths.append(urls.quick_wins(slug))
    if plan is not None and plan.analisis is not None:
        paths.append(urls.analysis(slug))
    redirects: dict[str, str] = {}
    for p in programs:
        if p.is_quick_win:
            paths.append(urls.quick_win(slug, p.id))
            for old in p.id_lama:
                redirects[urls.url_of(urls.quick_win(slug, old))] = urls.url_of(urls.quick_win(slug, p.id))
    pages = {urls.url_of(path) for path in paths}
    return pages, redirects


# ---------------------------------------------------------------- comparing


_ABSENT = "–"


def _change(field: Field[T], old: T | None, new: T | None) -> Change | None:
    before = field.get(old) if old is not None else None
    after = field.get(new) if new is not None else None
    if before == after:
        return None
    difference = None
    if field.money:
        difference = signed_rupiah(int(after or 0) - int(before or 0))
    return Change(field.key, field.label, before, after,
                  _ABSENT if before is None else field.show(before),
                  _ABSENT if after is None else field.show(after), difference)


def _other(old: object, new: object, own: frozenset[str], reported: set[str]) -> tuple[str, ...]:
    names = [f.name for f in dataclasses.fields(old)]  # type: ignore[arg-type]
    return tuple(n for n in names if n not in own and n not in reported and getattr(old, n) != getattr(new, n))


def _evidence(p: m.Program) -> list[str]:
    return [*p.bukti, *(u.bukti for u in p.pembaruan if u.bukti)]


def _entry(u: m.Update) -> Entry:
    return Entry(u.tanggal, u.catatan, u.status, u.progres, u.bukti)


def _compare_program(slug: str, old: m.Program | None, new: m.Program | None, today: dt.date,
                     noticed: Callable[[str], bool]) -> ProgramChange | None:
    if new is None:
        assert old is not None
        url = program_url(slug, old)
        return ProgramChange(old.id, old.nama, "dihapus", url, old.is_quick_win,
                             removal_notice=old.is_quick_win and noticed(url), status=old.status, jenis=old.jenis)
    changes = tuple(c for f in PROGRAM_FIELDS if (c := _change(f, old, new)) is not None)
    seen_updates = set(old.pembaruan) if old is not None else set()
    seen_evidence = set(_evidence(old)) if old is not None else set()
    updates = tuple(_entry(u) for u in new.history() if u not in seen_updates)
    evidence = tuple(dict.fromkeys(b for b in _evidence(new) if b not in seen_evidence))
    late = new.is_late(today) and (old is None or not old.is_late(today))
    finished = new.status == "selesai" and not new.has_evidence and (
        old is None or old.status != "selesai" or old.has_evidence)
    other: tuple[str, ...]
    if old is None:
        kind, old_id, other = "baru", None, ()
    else:
        reported = {c.key for c in changes} | {"progres"}
        if "realisasi" in reported and _without_realisation(old) == _without_realisation(new):
            reported.add("anggaran")  # only the realisation changed, and it has its own line
        other = _other(old, new, _PROGRAM_OWN, reported)
        kind, old_id = ("berganti-id", old.id) if old.id != new.id else ("berubah", None)
        if kind == "berubah" and not (changes or other or updates or evidence or late or finished):
            return None
    return ProgramChange(new.id, new.nama, kind, program_url(slug, new), new.is_quick_win, old_id, changes, other,
                         updates, evidence, new.tahun_selesai if late else None, finished, status=new.status,
                         budget=new.total_anggaran, spent=_spent((new,)), jenis=new.jenis)


def _without_realisation(p: m.Program) -> tuple[m.Budget, ...]:
    return tuple(dataclasses.replace(b, realisasi=None) for b in p.anggaran)


def _spent(programs: tuple[m.Program, ...]) -> int | None:
    spending = m.spending(programs)
    return spending.spent if spending.reported else None


def _compare_programs(slug: str, old_slug: str, old: tuple[m.Program, ...], new: tuple[m.Program, ...],
                      today: dt.date, noticed: Callable[[str], bool]) -> tuple[ProgramChange, ...]:
    old_by_id = {p.id: p for p in old}
    new_ids = {p.id for p in new}
    out: list[ProgramChange] = []
    matched: set[str] = set()
    for p in new:
        before = old_by_id.get(p.id)
        if before is None:  # a new id: a renamed programme names its old id in id_lama
            before = next((old_by_id[i] for i in p.id_lama if i in old_by_id and i not in new_ids), None)
        if before is not None:
            matched.add(before.id)
        change = _compare_program(slug, before, p, today, noticed)
        if change is not None:
            out.append(change)
    for p in old:
        if p.id not in matched and p.id not in new_ids:
            change = _compare_program(old_slug, p, None, today, noticed)
            if change is not None:
                out.append(change)
    order = {"baru": 0, "berganti-id": 1, "berubah": 2, "dihapus": 3}
    return tuple(sorted(out, key=lambda c: (order[c.kind], c.id)))


@dataclass(frozen=True)
class _Context:
    today: dt.date
    removals: tuple[m.Removal, ...]
    registered: frozenset[str]
    new_slugs: frozenset[str]

    def noticed(self, url: str) -> bool:
        """Whether the address answers with a removal notice (its own entry, or its removed region's)."""
        slug = url.strip("/").split("/")[0]
        region_gone = slug not in self.new_slugs
        return any(r.url == url or (region_gone and r.url == f"/{slug}/") for r in self.removals)


def _url_changes(old: validate.RegionReading | None, new: validate.RegionReading | None,
                 context: _Context) -> tuple[UrlChange, ...]:
    old_pages, old_redirects = page_urls(old.slug, old.plan, old.programs) if old else (set(), {})
    new_pages, new_redirects = page_urls(new.slug, new.plan, new.programs) if new else (set(), {})
    out = [UrlChange(u, "baru") for u in new_pages - old_pages]
    out += [UrlChange(u, "dialihkan", target) for u, target in new_redirects.items()
            if old_redirects.get(u) != target]
    # A published section that has nothing left to show leads to the region's overview (render._not_yet).
    sections = ({urls.url_of(path) for path in (urls.roadmap(new.slug), urls.quick_wins(new.slug),
                                                *(urls.dimension(new.slug, d) for d in m.DIMENSIONS))}
                if new else set())
    for u in (old_pages | set(old_redirects)) - new_pages - set(new_redirects):
        page = u.split("#")[0]
        if new and page in sections and page in context.registered:
            out.append(UrlChange(u, "dialihkan", urls.url_of(urls.region(new.slug))))
            continue
        state = ("pemberitahuan" if context.noticed(page) else
                 "gagal" if page in context.registered else "belum-terbit")
        out.append(UrlChange(u, "dihapus", state=state))
    order = {"baru": 0, "dialihkan": 1, "dihapus": 2}
    return tuple(sorted(out, key=lambda c: (order[c.kind], c.url)))


def _name(reading: validate.RegionReading) -> str:
    if reading.identity is not None:
        return reading.identity[0]
    return reading.plan.nama if reading.plan is not None and reading.plan.nama else reading.slug


def _compare_region(old: validate.RegionReading | None, new: validate.RegionReading | None,
                    context: _Context) -> RegionChange | None:
    current = new or old
    assert current is not None
    slug = current.slug
    old_programs = old.programs if old else ()
    new_programs = new.programs if new else ()
    programs = _compare_programs(slug, old.slug if old else slug, old_programs, new_programs, context.today,
                                 context.noticed)
    old_plan = old.plan if old else None
    new_plan = new.plan if new else None
    changes: tuple[Change, ...] = ()
    other: list[str] = []
    milestones: tuple[m.Milestone, ...] = ()
    if old_plan is not None and new_plan is not None:
        changes = tuple(c for f in REGION_FIELDS if (c := _change(f, old_plan, new_plan)) is not None)
        other = list(_other(old_plan, new_plan, _PLAN_OWN, {c.key for c in changes}))
        seen = set(old_plan.tahapan)
        milestones = tuple(sorted((t for t in new_plan.tahapan if t not in seen), key=lambda t: t.tanggal))
        if set(new_plan.tahapan) - set(milestones) != seen:
            other.append("tahapan")
        if old is not None and new is not None and old.evaluations != new.evaluations:
            other.append("evaluasi")
    budget_field = Field[tuple[m.Program, ...]]("anggaran", "total anggaran",
                                                lambda ps: sum(p.total_anggaran for p in ps), text.rupiah, money=True)
    budget = _change(budget_field, old_programs if old else None, new_programs if new else None)
    realisation_field = Field[tuple[m.Program, ...]]("realisasi", "total realisasi anggaran", _spent, text.rupiah,
                                                     money=True)
    realisation = _change(realisation_field, old_programs if old else None, new_programs if new else None)
    url_changes = _url_changes(old, new, context)
    kind = ("baru" if old is None else "dihapus" if new is None else
            "pindah" if old.slug != new.slug else "berubah")
    old_problems = tuple(p for p in old.problems if p.severity == "error") if old else ()
    new_errors = sum(1 for p in new.problems if p.severity == "error") if new else 0
    if kind == "berubah" and not (programs or changes or other or milestones or budget or realisation or url_changes
                                  or old_problems or new_errors):
        return None
    if kind == "dihapus":
        programs = ()  # a removed region's programmes go with it: its addresses say what happens
    return RegionChange(slug, _name(current), kind, old.slug if kind == "pindah" and old else None,
                        old_problems, new_errors, changes, tuple(other), milestones, budget, realisation, programs,
                        url_changes)


# ---------------------------------------------------------------- reading both sides


_NOT_REGULAR = ("bukan berkas biasa di revisi {base} (mode git {mode}: {what}); data hanya dibaca dari berkas "
                "biasa di dalam folder data, jadi isinya tidak dibaca")
_WHAT = {gitsource.LINK_MODE: "tautan simbolik", "160000": "submodul"}


_DATA_FILES = frozenset({published.REGISTER_NAME, s.REMOVALS_FILE_NAME})
"""Files of the data folder itself (not region folders)."""


def _refused(display: str, base: str, entry: gitsource.TreeFile) -> YamlFile:
    message = _NOT_REGULAR.format(base=base, mode=entry.mode, what=_WHAT.get(entry.mode, "bukan berkas"))
    return YamlFile(display, None, [Problem(display, 0, 0, "error", message)])


def _working_ids(folder: Path, object_format: str) -> dict[str, str]:
    """Object ids of a region folder's entries in the working tree; links and folders are never read."""
    ids: dict[str, str] = {}
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() or not entry.is_file():
            ids[entry.name] = "bukan-berkas"
        else:
            ids[entry.name] = gitsource.blob_id(entry.read_bytes(), object_format)
    return ids


def _old_reading(slug: str, files: Mapping[str, gitsource.TreeFile], blobs: Mapping[str, bytes], display: str,
                 base: str, options: validate.Options) -> validate.RegionReading:
    def read(name: str) -> YamlFile:
        entry = files[name]
        if not entry.regular:
            return _refused(f"{display}/{name}", base, entry)
        return parse_bytes(f"{display}/{name}", blobs[entry.oid])

    return validate.read_region(slug, display, set(files), read, options)


def compare(data_dir: Path, display_root: str, ref: str | None, today: dt.date) -> Report:
    """Compare the data folder at ``ref`` (see ``gitsource.open_revision``) with the working tree.

    Raises ``gitsource.GitError`` when the repository or revision cannot be used.
    """
    revision = gitsource.open_revision(data_dir, ref)
    options = validate.Options(today)
    old_files: dict[str, dict[str, gitsource.TreeFile]] = {}
    old_links: dict[str, gitsource.TreeFile] = {}
    top: dict[str, gitsource.TreeFile] = {}
    for path, entry in gitsource.list_files(revision).items():
        slug, _, rest = path.partition("/")
        if not rest:
            top[slug] = entry
            if entry.mode == gitsource.LINK_MODE and not slug.startswith((".", "_")) and slug not in _DATA_FILES:
                old_links[slug] = entry  # a region folder that is a link
        elif not slug.startswith((".", "_")) and not rest.split("/")[0].startswith("."):
            name = rest.split("/")[0]
            old_files.setdefault(slug, {})[name] = entry if "/" not in rest else gitsource.TreeFile("040000", "")
    folders = {f.name: f for f in validate.region_folders(data_dir)}
    changed: list[str] = []
    for slug in sorted(set(old_files) | set(folders) | set(old_links)):
        folder = folders.get(slug)
        if folder is None or folder.is_symlink() or slug in old_links:
            changed.append(slug)
            continue
        before = {name: e.oid if e.regular else "bukan-berkas" for name, e in old_files.get(slug, {}).items()}
        if _working_ids(folder, revision.object_format) != before:
            changed.append(slug)
    wanted = [e.oid for slug in changed for e in old_files.get(slug, {}).values() if e.regular]
    register = top.get(published.REGISTER_NAME)
    old_removals = top.get(s.REMOVALS_FILE_NAME)
    wanted += [e.oid for e in (register, old_removals) if e is not None and e.regular]
    blobs = gitsource.read_blobs(revision, wanted)
    label = revision.short
    old: dict[str, validate.RegionReading] = {}
    new: dict[str, validate.RegionReading] = {}
    for slug in changed:
        if slug in old_files or slug in old_links:
            display = f"{label}:{display_root}/{slug}"
            if slug in old_links:
                problem = _refused(display, label, old_links[slug]).problems
                old[slug] = validate.RegionReading(slug, None, None, (), (), tuple(problem), None)
            else:
                old[slug] = _old_reading(slug, old_files[slug], blobs, display, label, options)
        if slug in folders:
            new[slug] = validate.read_region_folder(folders[slug], f"{display_root}/{slug}", options)
    problems = [p for reading in new.values() for p in reading.problems]
    removals_path = data_dir / s.REMOVALS_FILE_NAME
    removals: tuple[m.Removal, ...] = ()
    if removals_path.is_file():
        removals = validate.read_removals(load_file(removals_path, f"{display_root}/{s.REMOVALS_FILE_NAME}"),
                                          problems)
    registered = set(published.read_register(data_dir / published.REGISTER_NAME))
    if register is not None and register.regular:
        lines = blobs[register.oid].decode("utf-8", "replace").splitlines()
        registered |= {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    old_notices: tuple[m.Removal, ...] = ()
    if old_removals is not None and old_removals.regular:
        display = f"{label}:{display_root}/{s.REMOVALS_FILE_NAME}"
        old_notices = validate.read_removals(parse_bytes(display, blobs[old_removals.oid]), [])
    context = _Context(today, removals, frozenset(registered), frozenset(folders))
    pairs = _pair_renamed(old, new)
    regions = [c for before, after in pairs if (c := _compare_region(before, after, context)) is not None]
    return Report(ref or revision.label, revision.commit, today, tuple(sorted(regions, key=lambda r: r.slug)),
                  tuple(sorted(problems)), _notice_changes(old_notices, removals))


def _notice_changes(old: tuple[m.Removal, ...], new: tuple[m.Removal, ...]) -> tuple[NoticeChange, ...]:
    """Entries of dihapus.yaml that appear or go (an entry whose text changed is neither)."""
    old_urls = {r.url for r in old}
    new_urls = {r.url for r in new}
    out = [NoticeChange(r.url, r.judul, r.tanggal, "baru") for r in new if r.url not in old_urls]
    out += [NoticeChange(r.url, r.judul, r.tanggal, "dicabut") for r in old if r.url not in new_urls]
    return tuple(sorted(out, key=lambda n: (n.kind, n.url)))


def _pair_renamed(old: dict[str, validate.RegionReading], new: dict[str, validate.RegionReading]
                  ) -> list[tuple[validate.RegionReading | None, validate.RegionReading | None]]:
    """Old and new version of each region; a folder that only moved is matched by its kode_wilayah."""
    gone = {slug: r for slug, r in old.items() if slug not in new}
    by_code = {r.plan.kode_wilayah: slug for slug, r in gone.items() if r.plan is not None}
    pairs: list[tuple[validate.RegionReading | None, validate.RegionReading | None]] = []
    for slug, after in sorted(new.items()):
        before = old.get(slug)
        if before is None and after.plan is not None and after.plan.kode_wilayah in by_code:
            before = gone.pop(by_code.pop(after.plan.kode_wilayah))
        pairs.append((before, after))
    pairs += [(before, None) for _slug, before in sorted(gone.items())]
    return pairs
