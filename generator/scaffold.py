"""``masterplan new``: a region folder from the register that passes ``check`` as it is."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator import register
from generator.errors import MasterplanError
from generator.settings import Settings


class ScaffoldError(MasterplanError):
    """The region cannot be created."""


_MASTERPLAN = """\
# Masterplan smart city {nama}, {provinsi}.
# Panduan pengisian: {guide} (di repositori: content/panduan/index.md).
# Periksa dengan: masterplan check --strict (perintah yang juga dijalankan CI).
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


_LOOSE_CODE = re.compile(r"([0-9]{2})\s*[,\-/ ]?\s*([0-9]{2})")


def _unknown_code(kode: str) -> str:
    """Why a code is refused, and the code that was probably meant."""
    loose = _LOOSE_CODE.fullmatch(kode.strip())
    if loose is not None and (meant := register.lookup(f"{loose[1]}.{loose[2]}")) is not None:
        return (f'kode_wilayah "{kode}" harus berformat NN.NN; mungkin maksudnya {meant.kode} ({meant.nama}): '
                f"masterplan new {meant.kode}")
    if register.is_province(kode.strip()):
        first = next(r for r in register.regions().values() if r.kode.startswith(kode.strip() + "."))
        return (f'"{kode}" adalah kode provinsi {register.level_name(kode.strip())}; tulis kode kabupaten/kota, '
                f"mis. masterplan new {first.kode} ({first.nama})")
    return f'kode_wilayah "{kode}" bukan kabupaten/kota di daftar Kepmendagri (format NN.NN, mis. 33.28)'


def new_region(regions: Path, kode: str, today: dt.date, site_url: str = Settings.site_url) -> Path:
    """Create ``regions/<slug>/`` with masterplan.yaml and program.yaml; refuse to overwrite anything."""
    found = register.lookup(kode.strip())
    if found is None:
        raise ScaffoldError(_unknown_code(kode))
    folder = regions / found.slug
    if folder.exists() or folder.is_symlink():  # a link, even a broken one, is never written through
        raise ScaffoldError(f"folder {folder} sudah ada; tidak ada yang ditimpa")
    folder.mkdir(parents=True)
    guide = site_url + "panduan/" if site_url else "halaman /panduan/ situs ini"  # no made-up address
    values = {"nama": found.nama, "provinsi": found.provinsi, "kode": found.kode, "guide": guide,
              "year": today.year, "start": today.year + 1, "end": today.year + 10}
    (folder / "masterplan.yaml").write_text(_MASTERPLAN.format(**values), encoding="utf-8")
    (folder / "program.yaml").write_text(_PROGRAM.format(**values), encoding="utf-8")
    return folder
