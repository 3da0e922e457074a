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

SOURCE = Record({
    "judul": _req(TEXT, "Judul artikel atau dokumen"),
    "penerbit": _opt(TEXT, "Penerbit atau media"),
    "url": _opt(Url(), "Alamat http(s)"),
    "tanggal": _opt(Date(), "Tanggal terbit"),
}, m.Source)

MILESTONE = Record({
    "jenis": _req(Enum(m.MILESTONE_TYPES)),
    "tanggal": _req(Date()),
    "tempat": _opt(TEXT),
    "keterangan": _opt(TEXT),
    "sumber": _opt(Url()),
}, m.Milestone)

COUNCIL = Record({
    "dasar_hukum": _opt(TEXT),
    "anggota": _opt(ListOf(Record({
        "nama": _req(TEXT),
        "jabatan": _opt(TEXT),
        "unsur": _req(Enum(m.SECTORS)),
    }, m.CouncilMember))),
}, m.Council)

TEAM = Record({
    "dasar_hukum": _opt(TEXT),
    "ketua": _opt(TEXT),
    "jumlah_anggota": _opt(Integer(1, 100_000)),
}, m.Team)

READINESS = Record({"tingkat": _req(Enum(m.READINESS_LEVELS)), "uraian": _req(TEXT)}, m.Readiness)

ANALYSIS = Record({
    "isu_strategis": _opt(TEXTS),
    "kesiapan": _opt(Record({
        "struktur": _req(READINESS),
        "infrastruktur": _req(READINESS),
        "suprastruktur": _req(READINESS),
    }, m.ReadinessSet)),
    "swot": _opt(Record({k: _opt(TEXTS) for k in ("kekuatan", "kelemahan", "peluang", "ancaman")}, m.Swot)),
}, m.Analysis)

MASTERPLAN = Record({
    "versi_format": _req(Integer(FORMAT_VERSION, FORMAT_VERSION), "Versi format data; selalu 1"),
    "kode_wilayah": _req(RegionCode(), "Kode Kemendagri kabupaten/kota, mis. \"32.05\""),
    "contoh": _opt(Boolean(), "true untuk wilayah fiktif (data contoh)"),
    "nama": _opt(TEXT, "Nama wilayah; wajib hanya untuk data contoh"),
    # 2017..the build year, checked with the build date in validate.py
    "angkatan": _req(Integer(), "Tahun angkatan Gerakan Menuju Smart City"),
    "periode": _req(Record({"mulai": _req(YEAR), "selesai": _req(YEAR)}, m.Period)),
    "status_dokumen": _req(Enum(m.DOCUMENT_STATUSES)),
    "dasar_hukum": _opt(TEXT),
    "visi": _opt(TEXT),
    "misi": _opt(TEXTS),
    "tahapan": _opt(ListOf(MILESTONE)),
    "kelembagaan": _opt(Record({
        "dewan_smart_city": _opt(COUNCIL),
        "tim_pelaksana": _opt(TEAM),
    }, m.Institutions)),
    "opd": _opt(ListOf(Record({"kode": _req(AGENCY_CODE), "nama": _req(TEXT)}, m.Agency))),
    "analisis": _opt(ANALYSIS),
    "dimensi": _opt(MapOf(m.DIMENSIONS, Record({
        "sasaran": _opt(TEXT),
        "strategi": _opt(TEXTS),
    }, m.DimensionPlan))),
    "sumber": _opt(ListOf(SOURCE)),
}, m.Masterplan)

ALL_ELEMENTS = tuple(e for d in m.DIMENSIONS for e in m.ELEMENTS[d])

PROGRAM = Record({
    "id": _req(PROGRAM_ID, "Pengenal tetap; menjadi alamat halaman"),
    "id_lama": _opt(ListOf(PROGRAM_ID), "Pengenal lama yang dialihkan ke program ini"),
    "nama": _req(TEXT),
    "uraian": _opt(TEXT, "Uraian; boleh memakai sebagian kecil Markdown"),
    "dimensi": _req(Enum(m.DIMENSIONS)),
    "elemen": _req(Enum(ALL_ELEMENTS)),
    "jenis": _req(Enum(m.PROGRAM_TYPES)),
    "opd": _req(AGENCY_CODE),
    "opd_terkait": _opt(ListOf(AGENCY_CODE)),
    "tahun_mulai": _req(YEAR),
    "tahun_selesai": _req(YEAR),
    "anggaran": _opt(ListOf(Record({
        "tahun": _req(YEAR),
        "jumlah": _req(Rupiah()),
        "sumber": _req(Enum(m.FUNDING_SOURCES)),
        "realisasi": _opt(Rupiah(), "Rupiah yang benar-benar dibelanjakan pada tahun itu; kosongkan bila "
                                    "belum dilaporkan (kosong bukan nol)"),
    }, m.Budget))),
    "indikator": _opt(ListOf(Record({
        "nama": _req(TEXT),
        "satuan": _req(TEXT),
        "target": _req(Number()),
        "capaian": _opt(Number()),
        "tahun": _req(YEAR),
    }, m.Indicator))),
    "status": _req(Enum(m.STATUSES)),
    "progres": _opt(Integer(0, 100)),
    "pembaruan": _opt(ListOf(Record({
        "tanggal": _req(Date()),
        "status": _opt(Enum(m.STATUSES)),
        "progres": _opt(Integer(0, 100)),
        "catatan": _req(TEXT),
        "bukti": _opt(Url()),
    }, m.Update))),
    "bukti": _opt(ListOf(Url())),
}, m.Program)

PROGRAM_FILE = Record({"program": _req(ListOf(PROGRAM))})

EVALUATION = Record({
    "tahun": _req(YEAR),
    "indeks": _req(SCORE),
    "skor": _opt(Record({k: _opt(SCORE) for k in m.SCORE_KEYS}, m.Scores)),
    "per_dimensi": _opt(MapOf(m.DIMENSIONS, SCORE)),
}, m.Evaluation)

EVALUATION_FILE = Record({"evaluasi": _req(ListOf(EVALUATION))})

REMOVALS_FILE_NAME = "dihapus.yaml"
REMOVALS_FILE = Record({"dihapus": _req(ListOf(Record({
    "url": _req(Text(re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+"), "alamat halaman situs yang diawali dan "
                     "diakhiri '/', mis. /kota-tegal/quick-win/aplikasi-lama/")),
    "judul": _req(TEXT, "Judul halaman yang dihapus"),
    "tanggal": _req(Date(), "Tanggal penghapusan"),
    "alasan": _opt(TEXT, "Alasan penghapusan"),
}, m.Removal)))})
"""regions/dihapus.yaml: pages removed from the plan, each keeping its address with a notice."""

FILES: Mapping[str, Record] = {
    "masterplan.yaml": MASTERPLAN,
    "program.yaml": PROGRAM_FILE,
    "evaluasi.yaml": EVALUATION_FILE,
}
REQUIRED_FILES = ("masterplan.yaml", "program.yaml")
