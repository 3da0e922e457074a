"""The validated masterplan as frozen dataclasses; no I/O, only data and derived facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Marks = Mapping[str, tuple[int, int]]
"""Source position (line, col) of each key's value; ``""`` is the record itself."""


DIMENSIONS: tuple[str, ...] = (
    "smart-governance", "smart-branding", "smart-economy", "smart-living", "smart-society", "smart-environment",
)
ELEMENTS: Mapping[str, tuple[str, ...]] = {
    "smart-governance": ("pelayanan-publik", "manajemen-birokrasi", "kebijakan-publik"),
    "smart-branding": ("pariwisata", "bisnis", "wajah-kota"),
    "smart-economy": ("industri", "kesejahteraan", "transaksi-keuangan"),
    "smart-living": ("harmonisasi-wilayah", "kesehatan", "mobilitas"),
    "smart-society": ("interaksi-masyarakat", "ekosistem-belajar", "keamanan"),
    "smart-environment": ("proteksi-lingkungan", "pengelolaan-sampah", "tata-kelola-energi"),
}
PROGRAM_TYPES = ("quick-win", "jangka-pendek", "jangka-menengah", "jangka-panjang")
STATUSES = ("rencana", "berjalan", "selesai", "tertunda", "dibatalkan")
FUNDING_SOURCES = ("APBD", "APBN", "DAK", "CSR", "KPBU", "swasta", "hibah", "lainnya")
MILESTONE_TYPES = ("mou", "bimtek-1", "bimtek-2", "bimtek-3", "bimtek-4", "penetapan", "monev", "lainnya")
DOCUMENT_STATUSES = ("penyusunan", "final", "ditetapkan")
SECTORS = ("pemerintah", "bisnis", "akademisi", "komunitas", "media")
READINESS_LEVELS = ("baik", "sedang", "kurang")
SCORE_KEYS = ("baseline", "output", "outcome", "impact", "quick_win")


@dataclass(frozen=True)
class Source:
    """A document the plan's facts come from."""

    judul: str
    """Title of the article or document."""
    penerbit: str | None = None
    """Publisher or outlet."""
    url: str | None = None
    """http(s) address, when the document is online."""
    tanggal: dt.date | None = None
    """Publication date."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Milestone:
    """A dated step of the masterplan process (MoU, Bimtek, enactment, monitoring)."""

    jenis: str
    """One of MILESTONE_TYPES."""
    tanggal: dt.date
    """When it happened."""
    tempat: str | None = None
    """Where it happened."""
    keterangan: str | None = None
    """What happened, in a sentence."""
    sumber: str | None = None
    """http(s) address of a report on it."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)

    def is_planned(self, today: dt.date) -> bool:
        """Planned, not yet happened: dated after the build date (shown as "dijadwalkan")."""
        return self.tanggal > today


@dataclass(frozen=True)
class CouncilMember:
    """A member of the Dewan Smart City."""

    nama: str
    """Person's name."""
    unsur: str
    """Which part of society they represent; one of SECTORS."""
    jabatan: str | None = None
    """Office or role."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Council:
    """The Dewan Smart City: the region's steering council."""

    anggota: tuple[CouncilMember, ...] = ()
    """Members, in the order the data gives."""
    dasar_hukum: str | None = None
    """Decree that forms it."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Team:
    """The Tim Pelaksana: the team that carries the plan out."""

    dasar_hukum: str | None = None
    """Decree that forms it."""
    ketua: str | None = None
    """Who leads it."""
    jumlah_anggota: int | None = None
    """How many members it has."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Institutions:
    """The bodies that steer and carry out the plan."""

    dewan_smart_city: Council | None = None
    """Steering council."""
    tim_pelaksana: Team | None = None
    """Implementation team."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Agency:
    """An OPD (regional government agency)."""

    kode: str
    """Short code used by programmes to refer to it."""
    nama: str
    """Full name."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Readiness:
    """How ready one pillar of the region is."""

    tingkat: str
    """One of READINESS_LEVELS."""
    uraian: str
    """Explanation."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class ReadinessSet:
    """Readiness of structure, infrastructure and superstructure."""

    struktur: Readiness
    """Organisation and people."""
    infrastruktur: Readiness
    """Networks, data centres, devices."""
    suprastruktur: Readiness
    """Policies and regulations."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Swot:
    """Strengths, weaknesses, opportunities and threats."""

    kekuatan: tuple[str, ...] = ()
    kelemahan: tuple[str, ...] = ()
    peluang: tuple[str, ...] = ()
    ancaman: tuple[str, ...] = ()
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Analysis:
    """The strategic analysis of the masterplan."""

    isu_strategis: tuple[str, ...] = ()
    """Strategic issues the plan must address."""
    kesiapan: ReadinessSet | None = None
    """Readiness assessment."""
    swot: Swot | None = None
    """SWOT analysis."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class DimensionPlan:
    """Goal and strategies for one of the six dimensions."""

    sasaran: str | None = None
    """Goal."""
    strategi: tuple[str, ...] = ()
    """Strategies."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Budget:
    """Money allotted to a programme in one year."""

    tahun: int
    """Budget year."""
    jumlah: int
    """Whole Rupiah."""
    sumber: str
    """Funding source; one of FUNDING_SOURCES."""
    realisasi: int | None = None
    """Whole Rupiah actually spent that year; ``None`` when not reported (which is not zero)."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Indicator:
    """A measurable target of a programme."""

    nama: str
    """What is measured."""
    satuan: str
    """Unit."""
    target: float
    """Target value."""
    tahun: int
    """Year the target applies to."""
    capaian: float | None = None
    """Achieved value, once known."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Update:
    """A dated entry in a programme's public history."""

    tanggal: dt.date
    """When."""
    catatan: str
    """What happened."""
    status: str | None = None
    """Status from this date on."""
    progres: int | None = None
    """Progress from this date on, 0-100."""
    bukti: str | None = None
    """http(s) address of evidence."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Evidence:
    """An evidence link and, when it came with an update, that update's date."""

    url: str
    tanggal: dt.date | None = None


@dataclass(frozen=True)
class Program:
    """One programme of the masterplan."""

    id: str
    """Stable identifier; it is the URL and never changes."""
    nama: str
    """Name."""
    dimensi: str
    """One of DIMENSIONS."""
    elemen: str
    """One of ELEMENTS[dimensi]."""
    jenis: str
    """One of PROGRAM_TYPES."""
    opd: str
    """Code of the responsible agency."""
    tahun_mulai: int
    """First year."""
    tahun_selesai: int
    """Last year (the current target)."""
    status: str
    """One of STATUSES."""
    id_lama: tuple[str, ...] = ()
    """Former ids, each kept as a redirect."""
    uraian: str | None = None
    """Description (small Markdown subset)."""
    opd_terkait: tuple[str, ...] = ()
    """Codes of related agencies."""
    anggaran: tuple[Budget, ...] = ()
    """Budget per year."""
    indikator: tuple[Indicator, ...] = ()
    """Targets."""
    progres: int | None = None
    """Progress 0-100."""
    pembaruan: tuple[Update, ...] = ()
    """Dated history."""
    bukti: tuple[str, ...] = ()
    """Evidence addresses."""
    tahun_selesai_awal: int | None = None
    """The last year first promised, when the plan was rescheduled since (``tahun_selesai`` moved)."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)

    @property
    def total_anggaran(self) -> int:
        """Sum of all budget lines, in Rupiah."""
        return sum(b.jumlah for b in self.anggaran)

    @property
    def spending(self) -> Spending:
        """Planned and realised budget, with absorption over the reported years."""
        return spending((self,))

    @property
    def is_quick_win(self) -> bool:
        """Whether this is a Quick Win programme."""
        return self.jenis == "quick-win"

    @property
    def has_evidence(self) -> bool:
        """Whether any evidence link is given, on the programme or one of its updates."""
        return bool(self.bukti) or any(u.bukti for u in self.pembaruan)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every evidence link: the programme's own, then those of its updates (newest first), each once."""
        seen: set[str] = set()
        out: list[Evidence] = []
        for url, day in [(b, None) for b in self.bukti] + [(u.bukti, u.tanggal) for u in self.history() if u.bukti]:
            if url not in seen:
                seen.add(url)
                out.append(Evidence(url, day))
        return tuple(out)

    @property
    def is_rescheduled(self) -> bool:
        """Whether the target year was moved from the one first promised."""
        return self.tahun_selesai_awal is not None and self.tahun_selesai_awal != self.tahun_selesai

    def is_late_or_rescheduled(self, today: dt.date) -> bool:
        """Late, or moved from its first target: the count that keeps slipped plans visible."""
        return self.is_late(today) or (self.is_rescheduled and self.status != "dibatalkan")

    @property
    def effective_progress(self) -> int | None:
        """Progress to show: 100 when finished, else the declared value."""
        return 100 if self.status == "selesai" else self.progres

    def is_late(self, today: dt.date) -> bool:
        """Late: its last year has passed and it is neither finished nor cancelled."""
        return self.status not in ("selesai", "dibatalkan") and self.tahun_selesai < today.year

    def history(self) -> tuple[Update, ...]:
        """Updates, newest first; on one date the one listed last first, as ``conflicts`` reads them."""
        order = sorted(enumerate(self.pembaruan), key=lambda item: (item[1].tanggal, item[0]), reverse=True)
        return tuple(u for _, u in order)

    def conflicts(self) -> tuple[tuple[str, Update], ...]:
        """Where the programme's own ``status``/``progres`` disagree with its history: ``("status", u)`` and/or
        ``("progres", u)``, ``u`` being the newest update that states that value (on one date, the one listed
        last). An update's status and progress hold "from this date on", so the newest one is the current state.
        """
        found: list[tuple[str, Update]] = []
        for key, own in (("status", self.status), ("progres", self.effective_progress)):
            newest = _newest_stating(self.pembaruan, key)
            if newest is not None and getattr(newest, key) != own:
                found.append((key, newest))
        return tuple(found)

    @property
    def last_updated(self) -> dt.date | None:
        """Date of the newest update."""
        return max((u.tanggal for u in self.pembaruan), default=None)


def _newest_stating(updates: tuple[Update, ...], key: str) -> Update | None:
    """The newest update that gives ``key`` (status or progres); on one date, the one listed last."""
    newest = None
    for u in updates:
        if getattr(u, key) is not None and (newest is None or u.tanggal >= newest.tanggal):
            newest = u
    return newest


@dataclass(frozen=True)
class Scores:
    """Monitoring scores per aspect, 0-5."""

    baseline: float | None = None
    output: float | None = None
    outcome: float | None = None
    impact: float | None = None
    quick_win: float | None = None
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Evaluation:
    """One year's monitoring result on the 0-5 scale."""

    tahun: int
    """Year evaluated."""
    indeks: float
    """Overall index."""
    skor: Scores | None = None
    """Scores per aspect."""
    per_dimensi: Mapping[str, float] = field(default_factory=dict)
    """Score per dimension."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Period:
    """The masterplan's years."""

    mulai: int
    selesai: int
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Masterplan:
    """The contents of masterplan.yaml."""

    versi_format: int
    kode_wilayah: str
    angkatan: int
    periode: Period
    status_dokumen: str
    contoh: bool = False
    nama: str | None = None
    kontak_email: str | None = None
    """Where readers report errors in the data (usually the Diskominfo's address)."""
    diperiksa: dt.date | None = None
    """When the data was last checked against its sources."""
    dasar_hukum: str | None = None
    visi: str | None = None
    misi: tuple[str, ...] = ()
    tahapan: tuple[Milestone, ...] = ()
    kelembagaan: Institutions | None = None
    opd: tuple[Agency, ...] = ()
    analisis: Analysis | None = None
    dimensi: Mapping[str, DimensionPlan] = field(default_factory=dict)
    sumber: tuple[Source, ...] = ()
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Region:
    """A kabupaten/kota and its whole published plan."""

    slug: str
    """URL segment, the slugified register name (``kota-tegal``)."""
    nama: str
    """Name from the register (or from the data for a demo region)."""
    provinsi: str
    """Province name."""
    plan: Masterplan
    """masterplan.yaml."""
    program: tuple[Program, ...]
    """program.yaml, sorted by id."""
    evaluasi: tuple[Evaluation, ...] = ()
    """evaluasi.yaml, sorted by year."""

    @property
    def contoh(self) -> bool:
        """Whether this is a fictional demo region."""
        return self.plan.contoh

    def agency(self, kode: str) -> Agency:
        """The agency with this code (validation guarantees it exists)."""
        return next(a for a in self.plan.opd if a.kode == kode)

    def programs_in(self, dimensi: str) -> tuple[Program, ...]:
        """Programmes of one dimension, in id order."""
        return tuple(p for p in self.program if p.dimensi == dimensi)

    @property
    def quick_wins(self) -> tuple[Program, ...]:
        """Quick Win programmes, in id order."""
        return tuple(p for p in self.program if p.is_quick_win)


@dataclass(frozen=True)
class Spending:
    """Planned and realised budget of some programmes.

    Absorption ("terserap") is measured only over the budget lines that report a realisation: an
    unreported year is unknown, not zero."""

    planned: int
    """Every planned amount, in Rupiah."""
    reported_planned: int
    """Planned amount of the lines that report a realisation."""
    spent: int
    """Realised amount of those lines."""
    years: tuple[int, ...]
    """Years with at least one reported realisation, ascending."""

    @property
    def reported(self) -> bool:
        """Whether any realisation is reported."""
        return bool(self.years)

    @property
    def absorption(self) -> float | None:
        """Spent as a percentage of the plan of the reported lines; ``None`` when nothing is reported or
        nothing was planned in those lines."""
        if not self.years or not self.reported_planned:
            return None
        return 100 * self.spent / self.reported_planned

    @property
    def over_plan(self) -> bool:
        """Whether more was spent than planned in the reported lines."""
        return bool(self.years) and self.spent > self.reported_planned


def spending(programs: Iterable[Program], year: int | None = None) -> Spending:
    """Sum the planned and realised budget of some programmes (of one budget year, when given)."""
    planned = reported_planned = spent = 0
    years: set[int] = set()
    for p in programs:
        for b in p.anggaran:
            if year is not None and b.tahun != year:
                continue
            planned += b.jumlah
            if b.realisasi is not None:
                reported_planned += b.jumlah
                spent += b.realisasi
                years.add(b.tahun)
    return Spending(planned, reported_planned, spent, tuple(sorted(years)))


def spending_by_year(programs: Iterable[Program]) -> tuple[tuple[int, Spending], ...]:
    """Planned and realised budget per budget year, ascending."""
    programs = tuple(programs)
    years = sorted({b.tahun for p in programs for b in p.anggaran})
    return tuple((y, spending(programs, y)) for y in years)


@dataclass(frozen=True)
class Removal:
    """A published page taken out of the plan: its address keeps answering with a notice."""

    url: str
    """Site path, ``/kota-tegal/quick-win/aplikasi-lama/``; a region's root covers all its pages."""
    judul: str
    """What the page was about."""
    tanggal: dt.date
    """When it was removed."""
    alasan: str | None = None
    """Why, in a sentence."""
    marks: Marks = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Dataset:
    """Every region of one data directory, sorted by slug."""

    regions: tuple[Region, ...]
    removed: tuple[Removal, ...] = ()
    """Pages removed from the plan (regions/dihapus.yaml), sorted by URL."""


@dataclass(frozen=True)
class Sections:
    """Which of a region's optional pages have something to show (an empty page reads as a broken site)."""

    dimensions: tuple[str, ...]
    """Dimensions with programmes, a goal or strategies, in ``DIMENSIONS`` order."""
    roadmap: bool
    """Any programme at all."""
    quick_wins: bool
    """Any Quick Win."""


def sections_of(plan: Masterplan | None, programs: tuple[Program, ...]) -> Sections:
    """The optional pages a region publishes: the rule the pages and the change report share."""
    planned = plan.dimensi if plan is not None else {}

    def shown(d: str) -> bool:
        goal = planned.get(d)
        return any(p.dimensi == d for p in programs) or bool(goal and (goal.sasaran or goal.strategi))

    return Sections(tuple(d for d in DIMENSIONS if shown(d)), bool(programs), any(p.is_quick_win for p in programs))
