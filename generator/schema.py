"""Data format version 1 as declarations: kinds of values, records and the model each one builds.

The validator (``validate.py``) interprets these declarations and ``jsonschema_export.py`` exports them,
so the published JSON Schema and the checks cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator import model as m

FORMAT_VERSION = 1
MIN_COHORT = 2017


class Kind:
    """Base of every kind of value."""


@dataclass(frozen=True)
class Text(Kind):
    """Plain text; numbers are read as their literal text, booleans and empty values are refused."""

    pattern: re.Pattern[str] | None = None
    pattern_hint: str = ""
    """How to write a matching value, shown when the pattern fails."""
    min_len: int = 1
    max_len: int | None = None


@dataclass(frozen=True)
class Integer(Kind):
    """A whole number within bounds."""

    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Number(Kind):
    """An integer or decimal number within bounds."""

    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Boolean(Kind):
    """``true`` or ``false`` (not YAML 1.1's yes/no/on/off)."""


@dataclass(frozen=True)
class Date(Kind):
    """An ISO calendar date, ``2022-04-21``."""


@dataclass(frozen=True)
class Url(Kind):
    """An absolute address with one of the allowed schemes."""

    schemes: tuple[str, ...] = ("http", "https")


@dataclass(frozen=True)
class Enum(Kind):
    """One value of a fixed list."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class Rupiah(Kind):
    """A non-negative whole amount of Rupiah, written as a plain integer."""


@dataclass(frozen=True)
class RegionCode(Kind):
    """A Kemendagri kabupaten/kota code ``NN.NN``, quoted so YAML keeps it as text."""


@dataclass(frozen=True)
class ListOf(Kind):
    """A YAML sequence whose items are all of one kind."""

    item: Kind
    min_items: int = 0


@dataclass(frozen=True)
class Field:
    """A key of a record."""

    kind: Kind
    required: bool = False
    description: str = ""


@dataclass(frozen=True)
class Record(Kind):
    """A mapping with known keys, built into a model object."""

    fields: Mapping[str, Field]
    build: Callable[..., Any] | None = None
    """Model class to build; ``None`` returns a plain dict."""


@dataclass(frozen=True)
class MapOf(Kind):
    """A mapping whose keys come from a fixed list and whose values share one kind."""

    keys: tuple[str, ...]
    value: Kind
    required_keys: tuple[str, ...] = field(default=())


def _req(kind: Kind, description: str = "") -> Field:
    return Field(kind, required=True, description=description)


def _opt(kind: Kind, description: str = "") -> Field:
    return Field(kind, required=False, description=description)


SLUG_HINT = "huruf kecil, angka dan tanda '-' di antaranya, mis. aplikasi-lapor-warga"
PROGRAM_ID = Text(re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"), SLUG_HINT, min_len=3, max_len=60)
AGENCY_CODE = Text(re.compile(r"[a-z0-9-]+"), "huruf kecil, angka dan tanda '-', mis. diskominfo")
TEXT = Text()
TEXTS = ListOf(TEXT)
YEAR = Integer(1900, 2200)
SCORE = Number(0, 5)
EMAIL = Text(re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
             "alamat e-mail, mis. diskominfo@garutkab.go.id", max_len=254)

SOURCE = Record({
    "judul": _req(TEXT, "Judul artikel atau dokumen"),
    "penerbit": _opt(TEXT, "Penerbit atau media"),
    "url": _opt(Url(), "Alamat http(s)"),
    "tanggal": _opt(Date(), "Tanggal terbit; tidak boleh setelah tanggal pembangunan situs"),
}, m.Source)

MILESTONE = Record({
    "jenis": _req(Enum(m.MILESTONE_TYPES), "Jenis tahapan"),
    "tanggal": _req(Date(), "Tanggal tahapan; bila setelah tanggal pembangunan situs, tampil sebagai dijadwalkan"),
    "tempat": _opt(TEXT, "Tempat"),
    "keterangan": _opt(TEXT, "Apa yang terjadi, dalam satu kalimat"),
    "sumber": _opt(Url(), "Alamat http(s) berita atau laporan tentang tahapan ini"),
}, m.Milestone)

COUNCIL = Record({
    "dasar_hukum": _opt(TEXT, "Surat keputusan pembentukan"),
    "anggota": _opt(ListOf(Record({
        "nama": _req(TEXT, "Nama anggota"),
        "jabatan": _opt(TEXT, "Jabatan"),
        "unsur": _req(Enum(m.SECTORS), "Unsur yang diwakili"),
    }, m.CouncilMember)), "Anggota dewan"),
}, m.Council)

TEAM = Record({
    "dasar_hukum": _opt(TEXT, "Surat keputusan pembentukan"),
    "ketua": _opt(TEXT, "Ketua tim"),
    "jumlah_anggota": _opt(Integer(1, 100_000), "Jumlah anggota tim"),
}, m.Team)

READINESS = Record({"tingkat": _req(Enum(m.READINESS_LEVELS), "Tingkat kesiapan"),
                    "uraian": _req(TEXT, "Penjelasan")}, m.Readiness)

ANALYSIS = Record({
    "isu_strategis": _opt(TEXTS, "Isu strategis yang dijawab masterplan"),
    "kesiapan": _opt(Record({
        "struktur": _req(READINESS, "Organisasi dan sumber daya manusia"),
        "infrastruktur": _req(READINESS, "Jaringan, pusat data dan perangkat"),
        "suprastruktur": _req(READINESS, "Kebijakan dan regulasi"),
    }, m.ReadinessSet), "Kesiapan daerah"),
    "swot": _opt(Record({k: _opt(TEXTS, k.capitalize()) for k in ("kekuatan", "kelemahan", "peluang", "ancaman")},
                        m.Swot), "Analisis SWOT"),
}, m.Analysis)

MASTERPLAN = Record({
    "versi_format": _req(Integer(FORMAT_VERSION, FORMAT_VERSION), "Versi format data; selalu 1"),
    "kode_wilayah": _req(RegionCode(), "Kode Kemendagri kabupaten/kota, mis. \"32.05\""),
    "contoh": _opt(Boolean(), "true untuk wilayah fiktif (data contoh)"),
    "nama": _opt(TEXT, "Nama wilayah; wajib hanya untuk data contoh"),
    "kontak_email": _opt(EMAIL, "Alamat e-mail untuk laporan kesalahan data, mis. milik Diskominfo"),
    # 2017..the build year, checked with the build date in validate.py
    "angkatan": _req(Integer(), "Tahun angkatan Gerakan Menuju Smart City"),
    "periode": _req(Record({"mulai": _req(YEAR, "Tahun pertama"),
                            "selesai": _req(YEAR, "Tahun terakhir; tidak sebelum mulai")}, m.Period),
                    "Tahun-tahun masterplan"),
    "status_dokumen": _req(Enum(m.DOCUMENT_STATUSES), "Status dokumen masterplan"),
    "diperiksa": _opt(Date(), "Tanggal isi berkas ini terakhir diperiksa terhadap sumbernya"),
    "dasar_hukum": _opt(TEXT, "Peraturan yang menetapkan masterplan, mis. Perbup atau Perwal"),
    "visi": _opt(TEXT, "Visi"),
    "misi": _opt(TEXTS, "Misi"),
    "tahapan": _opt(ListOf(MILESTONE), "Tahapan penyusunan dan pelaksanaan masterplan"),
    "kelembagaan": _opt(Record({
        "dewan_smart_city": _opt(COUNCIL, "Dewan Smart City (pengarah)"),
        "tim_pelaksana": _opt(TEAM, "Tim Pelaksana"),
    }, m.Institutions), "Lembaga pengarah dan pelaksana"),
    "opd": _opt(ListOf(Record({"kode": _req(AGENCY_CODE, "Kode singkat OPD; unik, dirujuk program"),
                               "nama": _req(TEXT, "Nama lengkap OPD")}, m.Agency)), "Perangkat daerah (OPD)"),
    "analisis": _opt(ANALYSIS, "Analisis strategis"),
    "dimensi": _opt(MapOf(m.DIMENSIONS, Record({
        "sasaran": _opt(TEXT, "Sasaran dimensi"),
        "strategi": _opt(TEXTS, "Strategi"),
    }, m.DimensionPlan)), "Sasaran dan strategi per dimensi"),
    "sumber": _opt(ListOf(SOURCE), "Sumber fakta dalam berkas ini"),
}, m.Masterplan)

ALL_ELEMENTS = tuple(e for d in m.DIMENSIONS for e in m.ELEMENTS[d])

PROGRAM = Record({
    "id": _req(PROGRAM_ID, "Pengenal tetap; menjadi alamat halaman"),
    "id_lama": _opt(ListOf(PROGRAM_ID), "Pengenal lama yang dialihkan ke program ini"),
    "nama": _req(TEXT, "Nama program"),
    "uraian": _opt(TEXT, "Uraian; boleh memakai sebagian kecil Markdown"),
    "dimensi": _req(Enum(m.DIMENSIONS), "Dimensi smart city"),
    "elemen": _req(Enum(ALL_ELEMENTS), "Elemen; harus bagian dari dimensinya"),
    "jenis": _req(Enum(m.PROGRAM_TYPES), "Jenis program"),
    "opd": _req(AGENCY_CODE, "Kode OPD penanggung jawab, dari opd di masterplan.yaml"),
    "opd_terkait": _opt(ListOf(AGENCY_CODE), "Kode OPD terkait, dari opd di masterplan.yaml"),
    "tahun_mulai": _req(YEAR, "Tahun mulai"),
    "tahun_selesai": _req(YEAR, "Tahun selesai; tidak sebelum tahun_mulai"),
    "anggaran": _opt(ListOf(Record({
        "tahun": _req(YEAR, "Tahun anggaran"),
        "jumlah": _req(Rupiah(), "Jumlah dalam Rupiah, angka bulat tanpa Rp dan titik"),
        "sumber": _req(Enum(m.FUNDING_SOURCES), "Sumber dana"),
        "realisasi": _opt(Rupiah(), "Rupiah yang benar-benar dibelanjakan pada tahun itu; kosongkan bila "
                                    "belum dilaporkan (kosong bukan nol)"),
    }, m.Budget)), "Anggaran per tahun"),
    "indikator": _opt(ListOf(Record({
        "nama": _req(TEXT, "Yang diukur"),
        "satuan": _req(TEXT, "Satuan"),
        "target": _req(Number(), "Nilai target"),
        "capaian": _opt(Number(), "Nilai yang sudah tercapai"),
        "tahun": _req(YEAR, "Tahun target"),
    }, m.Indicator)), "Indikator capaian"),
    "status": _req(Enum(m.STATUSES), "Status saat ini; harus sesuai dengan pembaruan terbaru"),
    "progres": _opt(Integer(0, 100), "Progres dalam persen; status selesai berarti 100"),
    "pembaruan": _opt(ListOf(Record({
        "tanggal": _req(Date(), "Tanggal kejadian; tidak boleh setelah tanggal pembangunan situs"),
        "status": _opt(Enum(m.STATUSES), "Status sejak tanggal ini"),
        "progres": _opt(Integer(0, 100), "Progres sejak tanggal ini"),
        "catatan": _req(TEXT, "Apa yang terjadi"),
        "bukti": _opt(Url(), "Alamat http(s) bukti"),
    }, m.Update)), "Riwayat pembaruan bertanggal yang dibaca publik"),
    "bukti": _opt(ListOf(Url()), "Alamat http(s) bukti hasil program"),
    # Added after the first release: last, so that the spreadsheet's columns keep their place.
    "tahun_selesai_awal": _opt(YEAR, "Tahun selesai yang semula dijanjikan, bila tahun_selesai diubah"),
}, m.Program)

PROGRAM_FILE = Record({"program": _req(ListOf(PROGRAM), "Daftar program; boleh kosong")})

EVALUATION = Record({
    "tahun": _req(YEAR, "Tahun yang dievaluasi; tidak setelah tahun pembangunan situs"),
    "indeks": _req(SCORE, "Indeks keseluruhan, skala 0–5"),
    "skor": _opt(Record({k: _opt(SCORE, f"Skor aspek {k}, skala 0–5") for k in m.SCORE_KEYS}, m.Scores),
                 "Skor per aspek"),
    "per_dimensi": _opt(MapOf(m.DIMENSIONS, SCORE), "Skor per dimensi, skala 0–5"),
}, m.Evaluation)

EVALUATION_FILE = Record({"evaluasi": _req(ListOf(EVALUATION), "Hasil monitoring dan evaluasi per tahun")})

REMOVALS_FILE_NAME = "dihapus.yaml"
REMOVALS_FILE = Record({"dihapus": _req(ListOf(Record({
    "url": _req(Text(re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+"), "alamat halaman situs yang diawali dan "
                     "diakhiri '/', mis. /kota-tegal/quick-win/aplikasi-lama/"),
                "Alamat halaman yang dihapus; alamat akar wilayah mencakup semua halamannya"),
    "judul": _req(TEXT, "Judul halaman yang dihapus"),
    "tanggal": _req(Date(), "Tanggal penghapusan; tidak boleh setelah tanggal pembangunan situs"),
    "alasan": _opt(TEXT, "Alasan penghapusan"),
}, m.Removal)), "Halaman yang dihapus dari rencana")})
"""regions/dihapus.yaml: pages removed from the plan, each keeping its address with a notice."""

FILES: Mapping[str, Record] = {
    "masterplan.yaml": MASTERPLAN,
    "program.yaml": PROGRAM_FILE,
    "evaluasi.yaml": EVALUATION_FILE,
}
REQUIRED_FILES = ("masterplan.yaml", "program.yaml")
