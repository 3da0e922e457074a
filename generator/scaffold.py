"""``masterplan new``: a region folder from the register that passes ``check`` as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import register
from generator.errors import MasterplanError


class ScaffoldError(MasterplanError):
    """The region cannot be created."""


_MASTERPLAN = """\
# Masterplan smart city {nama}, {provinsi}.
# Panduan pengisian: halaman "Panduan editor data" di situs ini. Periksa dengan: masterplan check
versi_format: 1
kode_wilayah: "{kode}"
angkatan: {year}
periode:
  mulai: {start}
  selesai: {end}
status_dokumen: penyusunan
tahapan: []
opd: []
sumber: []
"""

_PROGRAM = """\
# Program masterplan smart city {nama}. Tambahkan program sebagai butir daftar di bawah.
program: []
"""


def new_region(regions: Path, kode: str, today: dt.date) -> Path:
    """Create ``regions/<slug>/`` with masterplan.yaml and program.yaml; refuse to overwrite anything."""
    found = register.lookup(kode.strip())
    if found is None:
        raise ScaffoldError(f'kode_wilayah "{kode}" bukan kabupaten/kota di daftar Kepmendagri (format NN.NN)')
    folder = regions / found.slug
    if folder.exists():
        raise ScaffoldError(f"folder {folder} sudah ada; tidak ada yang ditimpa")
    folder.mkdir(parents=True)
    values = {"nama": found.nama, "provinsi": found.provinsi, "kode": found.kode,
              "year": today.year, "start": today.year + 1, "end": today.year + 10}
    (folder / "masterplan.yaml").write_text(_MASTERPLAN.format(**values), encoding="utf-8")
    (folder / "program.yaml").write_text(_PROGRAM.format(**values), encoding="utf-8")
    return folder
