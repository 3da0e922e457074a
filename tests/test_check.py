"""``masterplan check``: every validation rule as one row of a table, then the CLI's own contract.

Each row breaks the valid test data (``tests/data/valid``) with one small textual edit and names the
exact line the editor must see. Rows marked ``xfail(strict=True)`` describe what the output *should*
be where the current output is wrong, misleading or badly located; the reason says what is wrong.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fixtures_data import REPO, TODAY, VALID_DATA, CliRun, DataDir

from generator.errors import Problem

M = "kota-tegal/masterplan.yaml"
P = "kota-tegal/program.yaml"
C = "kota-contoh-makmur/masterplan.yaml"
LAPOR = 'program "lapor-tegal"'
SATU_DATA = 'program "satu-data-tegal"'
BANK = 'program "bank-sampah-digital"'
TEGAL_M = "regions/" + M
TEGAL_P = "regions/" + P
CONTOH_M = "regions/" + C

Edit = Callable[[DataDir], None]


def sub(file: str, old: str, new: str) -> Edit:
    """Replace the one occurrence of ``old`` in ``file``."""
    return lambda d: d.edit(file, old, new)


def put(file: str, content: str | bytes) -> Edit:
    """Give ``file`` this whole content."""
    return lambda d: d.write(file, content)


def remove(file: str) -> Edit:
    """Delete ``file``."""
    return lambda d: d.path(file).unlink()


def original(file: str) -> bytes:
    """The valid fixture's bytes."""
    return (VALID_DATA / file).read_bytes()


@dataclass(frozen=True)
class Row:
    """One broken input and the exact line it must produce."""

    id: str
    edits: tuple[Edit, ...]
    expected: str
    wrong: str | None = None
    """Why the expected line is not what the code prints today (xfails both table tests)."""
    noisy: str | None = None
    """Why the expected line is printed but not alone (xfails only the exact-output test)."""
    others: tuple[str, ...] = ()
    """Further lines that rightly follow from the same edit."""


def row(id: str, edit: Edit | tuple[Edit, ...], expected: str, *, wrong: str | None = None,
        noisy: str | None = None, others: tuple[str, ...] = ()) -> Row:
    """A table row; ``edit`` may be one edit or several."""
    return Row(id, edit if isinstance(edit, tuple) else (edit,), expected, wrong, noisy, others)


BILLION_LAUGHS = (
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9))
    + "program: *j\n"
)

ROWS = [
    # ------------------------------------------------------------ YAML: syntax, tags, anchors, tabs
    row("duplicate-key", sub(M, "angkatan: 2022\n", "angkatan: 2022\nangkatan: 2021\n"),
        f'{TEGAL_M}:6:1: error: kunci "angkatan" muncul dua kali (pertama di baris 5)'),
    row("duplicate-key-in-programme",
        sub(P, "    progres: 40\n    pembaruan", "    progres: 40\n    progres: 50\n    pembaruan"),
        f'{TEGAL_P}:33:5: error: {SATU_DATA}: kunci "progres" muncul dua kali (pertama di baris 32)'),
    row("python-tag", sub(M, "angkatan: 2022", 'angkatan: !!python/object/apply:os.system ["touch dimiliki"]'),
        f'{TEGAL_M}:5:11: error: tag YAML "!!python/object/apply:os.system" tidak diizinkan; '
        "data tidak boleh berisi tag"),
    row("local-tag", sub(M, "nama: Kota Tegal", "nama: !rahasia Kota Tegal"),
        f'{TEGAL_M}:4:7: error: tag YAML "!rahasia" tidak diizinkan; data tidak boleh berisi tag'),
    row("anchor-and-alias",
        (sub(P, "      - bappeda\n", "      - &b bappeda\n"), sub(P, "    opd: bappeda\n", "    opd: *b\n")),
        f"{TEGAL_P}:28:10: error: anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"),
    row("merge-key-with-alias",
        (sub(P, "    anggaran:\n", "    anggaran: &ang\n"),
         sub(P, "    status: rencana\n", "    status: rencana\n    <<: *ang\n")),
        f"{TEGAL_P}:47:9: error: anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"),
    row("merge-key-without-alias", sub(P, "    status: rencana\n", "    status: rencana\n    <<: {progres: 10}\n"),
        f'{TEGAL_P}:47:5: error: {BANK}: kunci "<<" tidak dikenal; yang dikenal: anggaran, bukti, dimensi, '
        "elemen, id, id_lama, indikator, jenis, nama, opd, opd_terkait, pembaruan, progres, status, tahun_mulai, "
        "tahun_selesai, tahun_selesai_awal, uraian"),
    row("merge-key-without-alias-in-file-with-bang",
        (sub(P, "versi beta.", "versi beta!"),
         sub(P, "    status: rencana\n", "    status: rencana\n    <<: {progres: 10}\n")),
        f'{TEGAL_P}:47:5: error: {BANK}: kunci "<<" tidak dikenal; yang dikenal: anggaran, bukti, dimensi, '
        "elemen, id, id_lama, indikator, jenis, nama, opd, opd_terkait, pembaruan, progres, status, tahun_mulai, "
        "tahun_selesai, tahun_selesai_awal, uraian"),
    row("tab-indent", sub(M, "  mulai: 2023", "\tmulai: 2023"),
        f"{TEGAL_M}:7:1: error: tab tidak diizinkan untuk indentasi; ganti awal baris ini dengan 2 spasi"),
    row("tab-after-spaces", sub(M, "  mulai: 2023", "  \tmulai: 2023"),
        f"{TEGAL_M}:7:3: error: tab tidak diizinkan untuk indentasi; ganti awal baris ini dengan 2 spasi"),
    row("tab-every-line", (sub(M, "  mulai: 2023\n  selesai: 2032", "\tmulai: 2023\n\tselesai: 2032"),
                           sub(M, "    tanggal: 2022-04-21", "\ttanggal: 2022-04-21")),
        f"{TEGAL_M}:7:1: error: tab tidak diizinkan untuk indentasi; ganti awal baris ini dengan 2 spasi",
        others=(f"{TEGAL_M}:8:1: error: tab tidak diizinkan untuk indentasi; ganti awal baris ini dengan 2 spasi",
                f"{TEGAL_M}:12:1: error: tab tidak diizinkan untuk indentasi; ganti awal baris ini dengan 4 spasi")),
    row("indent-too-small", sub(M, "  selesai: 2032", " selesai: 2032"),
        f'{TEGAL_M}:8:2: error: indentasi tidak sejajar: baris ini menjorok 1 spasi; buat menjorok 2 spasi, sejajar '
        'dengan baris 7 ("mulai: 2023")'),
    row("indent-too-deep", sub(M, "  selesai: 2032", "   selesai: 2032"),
        f'{TEGAL_M}:8:4: error: indentasi tidak sejajar: baris ini menjorok 3 spasi; buat menjorok 2 spasi, sejajar '
        'dengan baris 7 ("mulai: 2023")'),
    row("indent-programme-key-too-small", sub(P, "    elemen: pengelolaan-sampah", "   elemen: pengelolaan-sampah"),
        f'{TEGAL_P}:41:4: error: indentasi tidak sejajar: baris ini menjorok 3 spasi; buat menjorok 4 spasi, sejajar '
        'dengan baris 40 ("dimensi: smart-environment")'),
    row("indent-programme-key-too-deep", sub(P, "    elemen: pengelolaan-sampah", "     elemen: pengelolaan-sampah"),
        f'{TEGAL_P}:41:6: error: indentasi tidak sejajar: baris ini menjorok 5 spasi; buat menjorok 4 spasi, sejajar '
        'dengan baris 40 ("dimensi: smart-environment")'),
    row("indent-list-item-too-small", sub(M, "  - kode: bappeda", " - kode: bappeda"),
        f'{TEGAL_M}:17:2: error: indentasi tidak sejajar: baris ini menjorok 1 spasi; buat menjorok 2 spasi, sejajar '
        'dengan baris 15 ("- kode: diskominfo")'),
    row("record-on-one-line", sub(M, "periode:\n  mulai: 2023\n  selesai: 2032", "periode: 2023–2032"),
        f'{TEGAL_M}:6:10: error: periode: harus berisi kunci di baris-baris berikutnya, tetapi ditemukan "2023–2032"; '
        'tulis "periode:" saja di baris ini, lalu di bawahnya "mulai: 2023" dan "selesai: 2032", masing-masing di '
        "baris sendiri menjorok 2 spasi"),
    row("colon-in-plain-text", sub(P, "    nama: Portal Satu Data", "    nama: Portal: Satu Data"),
        f"{TEGAL_P}:24:17: error: tanda ':' tidak diharapkan di sini; periksa indentasi, atau apit teks yang "
        "memuat ': ' dengan tanda kutip"),
    row("unclosed-quote", sub(M, 'kode_wilayah: "33.76"', 'kode_wilayah: "33.76'),
        f"{TEGAL_M}:3:15: error: tanda kutip yang dibuka di sini tidak ditutup"),
    row("unclosed-bracket", sub(P, "    tahun_selesai: 2026", "    tahun_selesai: [2026"),
        f"{TEGAL_P}:45:20: error: daftar dalam kurung siku tidak ditutup dengan ']'"),
    row("unclosed-bracket-at-end-of-file", sub(P, "    status: rencana", "    status: ["),
        f"{TEGAL_P}:46:13: error: daftar dalam kurung siku tidak ditutup dengan ']'",
        wrong="prints 'sintaks YAML tidak sah (did not find expected node content)' (PyYAML's English) at 47:1, "
              "one line past the end of the file: the parser's context is 'while parsing a flow node', not "
              "'while parsing a flow sequence', and both its marks are at the end of the stream, so the opening "
              "'[' (46:13) is not found; the same for '{', '[1,' and '{x: ' at the end of a file"),
    row("second-document", sub(M, "versi_format: 1\n", "versi_format: 1\n---\n"),
        f"{TEGAL_M}:3:1: error: berkas hanya boleh berisi satu dokumen YAML (hapus '---' tambahan)"),
    row("reserved-character", sub(M, "nama: Kota Tegal", "nama: @tegal"),
        f"{TEGAL_M}:4:7: error: karakter ini tidak boleh mengawali nilai; apit nilainya dengan tanda kutip"),
    row("control-character", sub(M, "nama: Kota Tegal", "nama: Kota \x07Tegal"),
        f"{TEGAL_M}:4:12: error: karakter kontrol U+0007 tidak diizinkan; hapus karakter itu"),
    row("control-character-after-non-ascii", sub(M, "nama: Kota Tegal", "nama: \u201cKota \x07Tegal\u201d"),
        f"{TEGAL_M}:4:13: error: karakter kontrol U+0007 tidak diizinkan; hapus karakter itu"),
    row("not-utf8", put(M, original(M).replace(b"Kota Tegal\n", b"Kota T\xe9gal\n", 1)),
        f"{TEGAL_M}:4:13: error: berkas bukan UTF-8: bita 0xe9 tidak sah; simpan ulang berkas dengan "
        "pengodean UTF-8"),
    row("empty-file", put(M, ""), f"{TEGAL_M}:1:1: error: berkas kosong; isinya harus berupa pemetaan YAML"),
    row("comment-only-file", put(P, "# belum ada program\n"),
        f"{TEGAL_P}:1:1: error: berkas kosong; isinya harus berupa pemetaan YAML"),
    row("missing-masterplan", remove(M), f"{TEGAL_M}:1:1: error: berkas wajib masterplan.yaml tidak ada"),
    row("missing-program", remove(P), f"{TEGAL_P}:1:1: error: berkas wajib program.yaml tidak ada"),
    row("unknown-file", put("kota-tegal/catatan.txt", "catatan\n"),
        "regions/kota-tegal/catatan.txt:1:1: warning: berkas tidak dikenal: yang dibaca hanya masterplan.yaml, "
        "program.yaml, evaluasi.yaml; pindahkan berkas ini ke luar folder regions/ atau hapus (selama ada, "
        "pemeriksaan --strict dan CI gagal)"),
    # ------------------------------------------------------------ schema: keys, types, enums
    row("unknown-key-did-you-mean", sub(M, "nama: Kota Tegal", "nmaa: Kota Tegal"),
        f'{TEGAL_M}:4:1: error: kunci "nmaa" tidak dikenal; mungkin maksudnya "nama"?'),
    row("unknown-key-no-suggestion", sub(M, "nama: Kota Tegal", "walikota: Dedy Yon Supriyono"),
        f'{TEGAL_M}:4:1: error: kunci "walikota" tidak dikenal; yang dikenal: analisis, angkatan, contoh, '
        "dasar_hukum, dimensi, diperiksa, kelembagaan, kode_wilayah, kontak_email, misi, nama, opd, periode, "
        "status_dokumen, sumber, tahapan, versi_format, visi"),
    row("unknown-key-instead-of-required", sub(P, "    nama: Bank Sampah Digital", "    namaa: Bank Sampah Digital"),
        f'{TEGAL_P}:39:5: error: {BANK}: kunci "namaa" tidak dikenal; mungkin maksudnya "nama"?',
        others=(f'{TEGAL_P}:38:5: error: program "bank-sampah-digital": kunci wajib "nama" tidak ada atau kosong',)),
    row("key-not-text", sub(M, "nama: Kota Tegal", "? [a]\n: Kota Tegal"),
        f"{TEGAL_M}:4:3: error: kunci harus berupa teks"),
    row("missing-required-key", sub(P, "    status: rencana\n", ""),
        f'{TEGAL_P}:38:5: error: {BANK}: kunci wajib "status" tidak ada atau kosong'),
    row("empty-required-key", sub(P, "    status: rencana", "    status:"),
        f'{TEGAL_P}:46:12: error: {BANK}: kunci wajib "status" tidak ada atau kosong'),
    row("format-version", sub(M, "versi_format: 1", "versi_format: 2"),
        f'{TEGAL_M}:2:15: error: versi_format: harus 1, tetapi ditemukan "2"'),
    row("enum-misspelled", sub(P, "    status: rencana", "    status: selsai"),
        f"{TEGAL_P}:46:13: error: {BANK}.status: harus salah satu dari: rencana, berjalan, selesai, "
        'tertunda, dibatalkan, tetapi ditemukan "selsai"; mungkin maksudnya "selesai"?'),
    row("enum-wrong-case", sub(P, "        sumber: APBD", "        sumber: apbd"),
        f"{TEGAL_P}:16:17: error: {LAPOR}.anggaran[0].sumber: harus salah satu dari: APBD, APBN, DAK, CSR, "
        'KPBU, swasta, hibah, lainnya, tetapi ditemukan "apbd"; mungkin maksudnya "APBD"?'),
    row("enum-no-suggestion", sub(M, "status_dokumen: penyusunan", "status_dokumen: draf"),
        f"{TEGAL_M}:9:17: error: status_dokumen: harus salah satu dari: penyusunan, final, ditetapkan, "
        'tetapi ditemukan "draf"'),
    row("boolean-yes", sub(C, "contoh: true", "contoh: yes"),
        f'{CONTOH_M}:3:9: error: contoh: harus true atau false, tetapi ditemukan "yes"'),
    row("text-field-yes", sub(P, "    nama: Bank Sampah Digital", "    nama: yes"),
        f'{TEGAL_P}:39:11: error: {BANK}.nama: harus teks, tetapi ditemukan "yes"; apit dengan tanda '
        "kutip bila memang itu teksnya"),
    # ------------------------------------------------------------ programme ids
    row("id-pattern", sub(P, "  - id: bank-sampah-digital", "  - id: Bank_Sampah"),
        f"{TEGAL_P}:38:9: error: program ke-3.id: harus berformat huruf kecil, angka dan tanda '-' di antaranya, "
        'mis. aplikasi-lapor-warga, tetapi ditemukan "Bank_Sampah"'),
    row("id-trailing-dash", sub(P, "  - id: bank-sampah-digital", "  - id: bank-sampah-"),
        f"{TEGAL_P}:38:9: error: program ke-3.id: harus berformat huruf kecil, angka dan tanda '-' di antaranya, "
        'mis. aplikasi-lapor-warga, tetapi ditemukan "bank-sampah-"'),
    row("id-too-short", sub(P, "  - id: bank-sampah-digital", "  - id: bs"),
        f'{TEGAL_P}:38:9: error: program ke-3.id: harus teks sekurang-kurangnya 3 karakter, tetapi ditemukan "bs"'),
    row("id-too-long", sub(P, "  - id: bank-sampah-digital", "  - id: " + "a" * 61),
        f"{TEGAL_P}:38:9: error: program ke-3.id: harus teks paling panjang 60 karakter, tetapi ditemukan "
        f'"{"a" * 57}..."'),
    row("id-duplicate", sub(P, "  - id: bank-sampah-digital", "  - id: lapor-tegal"),
        f'{TEGAL_P}:38:9: error: {LAPOR}: id sudah dipakai program lain (baris 3)'),
    row("id-is-other-id-lama", sub(P, "  - id: bank-sampah-digital", "  - id: portal-data-tegal"),
        f'{TEGAL_P}:23:9: error: {SATU_DATA}: id_lama "portal-data-tegal" masih dipakai sebagai '
        "id program lain"),
    row("id-lama-second-item",
        sub(P, "      - portal-data-tegal\n", "      - portal-data-tegal\n      - lapor-tegal\n"),
        f'{TEGAL_P}:24:9: error: {SATU_DATA}: id_lama "lapor-tegal" masih dipakai sebagai id '
        "program lain"),
    # ------------------------------------------------------------ cross-references inside a region
    row("opd-unknown-did-you-mean", sub(P, "    opd: bappeda", "    opd: bapeda"),
        f'{TEGAL_P}:28:10: error: {SATU_DATA}: opd "bapeda" tidak ada di daftar opd masterplan.yaml; yang terdaftar: '
        'bappeda, diskominfo (mungkin maksudnya "bappeda"); pakai salah satunya, atau tambahkan OPD itu di opd '
        "masterplan.yaml"),
    row("opd-unknown", sub(P, "    opd: bappeda", "    opd: dinas-kesehatan"),
        f'{TEGAL_P}:28:10: error: {SATU_DATA}: opd "dinas-kesehatan" tidak ada di daftar opd masterplan.yaml; yang '
        "terdaftar: bappeda, diskominfo; pakai salah satunya, atau tambahkan OPD itu di opd masterplan.yaml"),
    row("opd-unknown-none-registered", (sub(M, "opd:\n  - kode: diskominfo\n    nama: Dinas Komunikasi dan "
                                               "Informatika\n  - kode: bappeda\n    nama: Badan Perencanaan "
                                               "Pembangunan Daerah\n", "opd: []\n"),
                                        put(P, "program:\n" + original(P).decode("utf-8").split("  - id: bank")[0]
                                            .split("  - id: satu")[0].split("program:\n", 1)[1]
                                            .replace("    opd_terkait:\n      - bappeda\n", ""))),
        f'{TEGAL_P}:7:10: error: {LAPOR}: opd "diskominfo" tidak ada di daftar opd masterplan.yaml; daftar itu '
        "masih kosong: tambahkan OPD-nya di opd masterplan.yaml (kode dan nama)"),
    row("opd-terkait-unknown", sub(P, "      - bappeda\n", "      - dishub\n"),
        f'{TEGAL_P}:10:9: error: {LAPOR}: opd_terkait "dishub" tidak ada di daftar opd masterplan.yaml; yang '
        "terdaftar: bappeda, diskominfo; pakai salah satunya, atau tambahkan OPD itu di opd masterplan.yaml"),
    row("opd-terkait-second-item", sub(P, "      - bappeda\n", "      - bappeda\n      - dishub\n"),
        f'{TEGAL_P}:11:9: error: {LAPOR}: opd_terkait "dishub" tidak ada di daftar opd masterplan.yaml; yang '
        "terdaftar: bappeda, diskominfo; pakai salah satunya, atau tambahkan OPD itu di opd masterplan.yaml"),
    row("opd-kode-duplicate", sub(M, "  - kode: bappeda\n    nama: Badan", "  - kode: diskominfo\n    nama: Badan"),
        f'{TEGAL_M}:17:11: error: opd[1].kode: "diskominfo" sudah dipakai OPD lain (baris 15)',
        others=(f'{TEGAL_P}:10:9: error: {LAPOR}: opd_terkait "bappeda" tidak ada di daftar opd masterplan.yaml; '
                "yang terdaftar: diskominfo; pakai salah satunya, atau tambahkan OPD itu di opd masterplan.yaml",
                f'{TEGAL_P}:28:10: error: {SATU_DATA}: opd "bappeda" tidak ada di daftar opd masterplan.yaml; '
                "yang terdaftar: diskominfo; pakai salah satunya, atau tambahkan OPD itu di opd masterplan.yaml")),
    row("elemen-of-other-dimensi", sub(P, "    elemen: pengelolaan-sampah", "    elemen: kesehatan"),
        f'{TEGAL_P}:41:13: error: {BANK}: elemen "kesehatan" termasuk dimensi smart-living, bukan smart-environment; '
        "bila programnya smart-living, tulis dimensi: smart-living; bila smart-environment, pilih elemen salah satu "
        "dari: proteksi-lingkungan, pengelolaan-sampah, tata-kelola-energi"),
    # ------------------------------------------------------------ years and progress
    row("periode-reversed", sub(M, "  mulai: 2023", "  mulai: 2033"),
        f"{TEGAL_M}:8:12: error: periode.selesai (2032) tidak boleh sebelum periode.mulai (2033)"),
    row("tahun-reversed", sub(P, "    tahun_mulai: 2025", "    tahun_mulai: 2027"),
        f'{TEGAL_P}:45:20: error: {BANK}: tahun_selesai (2026) tidak boleh sebelum '
        "tahun_mulai (2027)"),
    row("tahun-before-periode", sub(P, "    tahun_mulai: 2025", "    tahun_mulai: 2021"),
        f'{TEGAL_P}:44:18: warning: {BANK}: tahun 2021–2026 di luar periode masterplan '
        "2023–2032"),
    row("tahun-after-periode", sub(P, "    tahun_selesai: 2026", "    tahun_selesai: 2033"),
        f'{TEGAL_P}:45:20: warning: {BANK}: tahun 2025–2033 di luar periode masterplan '
        "2023–2032"),
    row("anggaran-outside-programme-years", sub(P, "      - tahun: 2023", "      - tahun: 2020"),
        f'{TEGAL_P}:14:16: warning: {LAPOR}: anggaran[0].tahun 2020 di luar tahun program '
        "2023–2024"),
    row("progres-above-100", sub(P, "    progres: 40\n    pembaruan", "    progres: 101\n    pembaruan"),
        f'{TEGAL_P}:32:14: error: {SATU_DATA}.progres: harus antara 0 dan 100, tetapi ditemukan "101"'),
    row("progres-negative", sub(P, "    progres: 40\n    pembaruan", "    progres: -1\n    pembaruan"),
        f'{TEGAL_P}:32:14: error: {SATU_DATA}.progres: harus antara 0 dan 100, tetapi ditemukan "-1"'),
    row("progres-not-integer", sub(P, "    progres: 40\n    pembaruan", "    progres: 40%\n    pembaruan"),
        f'{TEGAL_P}:32:14: error: {SATU_DATA}.progres: harus bilangan bulat, tetapi ditemukan "40%"'),
    row("selesai-progres-not-100", sub(P, "    progres: 100", "    progres: 90"),
        f'{TEGAL_P}:18:14: error: {LAPOR}: status selesai berarti progres 100, tetapi ditemukan 90'),
    row("selesai-without-bukti", sub(P, "    bukti:\n      - https://tegalkota.go.id/berita/lapor-tegal\n", ""),
        f'{TEGAL_P}:17:13: warning: {LAPOR}: berstatus selesai tetapi tidak punya bukti; '
        "tambahkan tautan di bukti"),
    # ------------------------------------------------------------ urls and dates
    row("url-javascript", sub(P, "      - https://tegalkota.go.id/berita/lapor-tegal", "      - javascript:alert(1)"),
        f"{TEGAL_P}:20:9: error: {LAPOR}.bukti[0]: harus alamat yang diawali http:// atau https://, tetapi "
        'ditemukan "javascript:alert(1)"'),
    row("url-javascript-mixed-case", sub(M, "    url: https://batangpos.com/wali-kota-tegal-masterplan-smart-city",
                                         "    url: JavaScript:alert(document.cookie)"),
        f"{TEGAL_M}:21:10: error: sumber[0].url: harus alamat yang diawali http:// atau https://, tetapi "
        'ditemukan "JavaScript:alert(document.cookie)"'),
    row("url-ftp", sub(P, "      - https://tegalkota.go.id/berita/lapor-tegal", "      - ftp://tegalkota.go.id/lapor.pdf"),
        f"{TEGAL_P}:20:9: error: {LAPOR}.bukti[0]: harus alamat yang diawali http:// atau https://, tetapi "
        'ditemukan "ftp://tegalkota.go.id/lapor.pdf"'),
    row("url-without-host", sub(P, "      - https://tegalkota.go.id/berita/lapor-tegal", "      - https://"),
        f'{TEGAL_P}:20:9: error: {LAPOR}.bukti[0]: harus alamat http atau https yang lengkap, tetapi '
        'ditemukan "https://"'),
    row("date-impossible", sub(P, "      - tanggal: 2024-03-01", "      - tanggal: 2022-02-30"),
        f'{TEGAL_P}:34:18: error: {SATU_DATA}.pembaruan[0].tanggal: tanggal "2022-02-30" tidak ada di kalender; '
        "periksa bulan dan harinya"),
    row("date-not-iso", sub(P, "      - tanggal: 2024-03-01", "      - tanggal: 01-03-2024"),
        f"{TEGAL_P}:34:18: error: {SATU_DATA}.pembaruan[0].tanggal: harus tanggal berformat TTTT-BB-HH, "
        'mis. 2022-04-21, tetapi ditemukan "01-03-2024"'),
    # ------------------------------------------------------------ money
    row("jumlah-rupiah-text", sub(P, "        jumlah: 150000000", '        jumlah: "Rp 150.000.000"'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"Rp 150.000.000"; tulis jumlah: 150000000 (Rp150.000.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-rupiah-text-other-amount", sub(P, "        jumlah: 150000000", '        jumlah: "Rp 2.500.000,00"'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"Rp 2.500.000,00"; tulis jumlah: 2500000 (Rp2.500.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-negative", sub(P, "        jumlah: 150000000", "        jumlah: -150000000"),
        f"{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus jumlah Rupiah yang tidak negatif, "
        'tetapi ditemukan "-150000000"'),
    row("jumlah-exponent", sub(P, "        jumlah: 150000000", '        jumlah: 1e9'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"1e9"; tulis jumlah: 1000000000 (Rp1.000.000.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-juta", sub(P, "        jumlah: 150000000", '        jumlah: 350 juta'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"350 juta"; tulis jumlah: 350000000 (Rp350.000.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-miliar-decimal-comma", sub(P, "        jumlah: 150000000", '        jumlah: 1,5 miliar'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"1,5 miliar"; tulis jumlah: 1500000000 (Rp1.500.000.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-thousands-commas", sub(P, "        jumlah: 150000000", '        jumlah: 350,000,000'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"350,000,000"; tulis jumlah: 350000000 (Rp350.000.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-thousands-dots", sub(P, "        jumlah: 150000000", '        jumlah: 350.000.000'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"350.000.000"; tulis jumlah: 350000000 (Rp350.000.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-thousands-dots-read-as-decimal", sub(P, "        jumlah: 150000000", '        jumlah: 350.000'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"350.000"; tulis jumlah: 350000 (Rp350.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-scientific-decimal", sub(P, "        jumlah: 150000000", '        jumlah: 3.5e8'),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"3.5e8"; tulis jumlah: 350000000 (Rp350.000.000), tanpa "Rp", titik, koma atau tanda kutip'),
    row("jumlah-ambiguous", sub(P, "        jumlah: 150000000", "        jumlah: 350,5"),
        f'{TEGAL_P}:15:17: error: {LAPOR}.anggaran[0].jumlah: harus bilangan bulat Rupiah, tetapi ditemukan '
        '"350,5"; tulis angka bulat saja, tanpa "Rp", titik, koma atau tanda kutip (Rp2,5 juta ditulis 2500000)'),
    # ------------------------------------------------------------ the region and the register
    row("kode-wilayah-unquoted", sub(M, 'kode_wilayah: "33.76"', "kode_wilayah: 33.76"),
        f'{TEGAL_M}:3:15: error: kode_wilayah: harus teks berformat NN.NN dalam tanda kutip, tetapi YAML membaca '
        '33.76 sebagai angka; tulis kode_wilayah: "33.76"'),
    row("kode-wilayah-unquoted-integer", sub(M, 'kode_wilayah: "33.76"', "kode_wilayah: 3376"),
        f'{TEGAL_M}:3:15: error: kode_wilayah: harus kode kabupaten/kota berformat NN.NN, mis. "32.05", '
        'tetapi ditemukan "3376"'),
    row("kode-wilayah-not-in-register", sub(M, 'kode_wilayah: "33.76"', 'kode_wilayah: "33.99"'),
        f'{TEGAL_M}:3:15: error: kode_wilayah: "33.99" bukan kabupaten/kota; kode itu tidak ada di daftar 514 '
        "kabupaten/kota Kepmendagri"),
    row("kode-wilayah-province", sub(M, 'kode_wilayah: "33.76"', 'kode_wilayah: "33"'),
        f'{TEGAL_M}:3:15: error: kode_wilayah: "33" bukan kabupaten/kota; itu kode provinsi Jawa Tengah'),
    row("folder-not-register-slug", sub(M, 'kode_wilayah: "33.76"', 'kode_wilayah: "33.28"'),
        f'{TEGAL_M}:3:15: error: kode_wilayah "33.28" adalah Kabupaten Tegal, tetapi folder "kota-tegal" untuk Kota '
        'Tegal (kode "33.76"); bila datanya untuk Kota Tegal, tulis kode_wilayah: "33.76"; bila untuk Kabupaten '
        'Tegal, pindahkan berkasnya ke folder "kabupaten-tegal"'),
    row("code-of-another-region-in-new-folder",
        (put("kabupaten-tegal/masterplan.yaml", original(M).decode("utf-8").replace("nama: Kota Tegal\n", "")),
         put("kabupaten-tegal/program.yaml", "program: []\n")),
        'regions/kabupaten-tegal/masterplan.yaml:3:15: error: kode_wilayah "33.76" adalah Kota Tegal, tetapi folder '
        '"kabupaten-tegal" untuk Kabupaten Tegal (kode "33.28"); bila datanya untuk Kabupaten Tegal, tulis '
        'kode_wilayah: "33.28"; bila untuk Kota Tegal, pindahkan berkasnya ke folder "kota-tegal"'),
    row("folder-name-not-in-register",
        (put("kota-tegall/masterplan.yaml", original(M).decode("utf-8").replace('"33.76"', '"33.28"')
             .replace("nama: Kota Tegal\n", "")),
         put("kota-tegall/program.yaml", "program: []\n")),
        'regions/kota-tegall/masterplan.yaml:3:15: error: kode_wilayah "33.28" adalah Kabupaten Tegal, tetapi nama '
        'folder "kota-tegall" tidak ada di daftar Kepmendagri; bila datanya untuk Kabupaten Tegal, pindahkan '
        'berkasnya ke folder "kabupaten-tegal"'),
    row("nama-not-register", sub(M, "nama: Kota Tegal", "nama: Kota Tegal Bahari"),
        f'{TEGAL_M}:4:7: error: nama: harus sama dengan daftar Kepmendagri "Kota Tegal", tetapi ditemukan '
        '"Kota Tegal Bahari"'),
    row("contoh-without-nama", sub(C, "nama: Kota Contoh Makmur\n", ""),
        f'{CONTOH_M}:2:1: error: kunci "nama" wajib diisi untuk data contoh (contoh: true)'),
    row("contoh-nama-not-folder", sub(C, "nama: Kota Contoh Makmur", "nama: Kota Contoh Sejahtera"),
        f'{CONTOH_M}:4:7: error: nama folder harus "kota-contoh-sejahtera" sesuai nama "Kota Contoh Sejahtera", '
        'tetapi ditemukan "kota-contoh-makmur"'),
    row("contoh-nama-prefix", sub(C, "nama: Kota Contoh Makmur", "nama: Contoh Makmur"),
        f'{CONTOH_M}:4:7: error: nama: harus diawali "Kabupaten " atau "Kota ", tetapi ditemukan "Contoh Makmur"'),
    row("contoh-false-needs-register", sub(C, "contoh: true", "contoh: false"),
        f'{CONTOH_M}:5:15: error: kode_wilayah: "99.72" bukan kabupaten/kota; kode itu tidak ada di daftar 514 '
        "kabupaten/kota Kepmendagri"),
    row("angkatan-future", sub(M, "angkatan: 2022", "angkatan: 2027"),
        f"{TEGAL_M}:5:11: error: angkatan: harus antara 2017 dan 2026, tetapi ditemukan 2027"),
    row("angkatan-before-2017", sub(M, "angkatan: 2022", "angkatan: 2016"),
        f"{TEGAL_M}:5:11: error: angkatan: harus antara 2017 dan 2026, tetapi ditemukan 2016"),
    row("duplicate-kode-wilayah",
        (put("kota-contoh-sentosa/masterplan.yaml",
             original(C).decode("utf-8").replace("Kota Contoh Makmur", "Kota Contoh Sentosa")),
         put("kota-contoh-sentosa/program.yaml", "program: []\n")),
        'regions/kota-contoh-sentosa/masterplan.yaml:5:15: error: kode_wilayah "99.72" sudah dipakai wilayah '
        "kota-contoh-makmur"),
    row("demo-region-takes-real-code", sub(C, 'kode_wilayah: "99.72"', 'kode_wilayah: "33.76"'),
        f'{CONTOH_M}:5:15: error: kode_wilayah: data contoh tidak boleh memakai kode wilayah nyata "33.76" '
        '(Kota Tegal); pakai kode yang tidak ada, mis. "99.01"'),
    # ------------------------------------------------------------ what readers will see, and invisible slips
    row("late-programme-is-information", sub(P, "    tahun_selesai: 2026", "    tahun_selesai: 2025"),
        f'{TEGAL_P}:45:20: info: {BANK}: tahun_selesai 2025 sudah lewat dan statusnya "rencana", jadi situs '
        'menandainya "terlambat"; bila program sudah selesai atau dibatalkan, perbarui status dan tambahkan pembaruan'),
    row("list-key-line-deleted", sub(M, "status_dokumen: penyusunan\n",
                                     "status_dokumen: penyusunan\nvisi: Tegal maju\n  - Pelayanan publik\n"
                                     "  - Warga berdaya\n"),
        f'{TEGAL_M}:11:3: warning: visi: teks ini berlanjut ke baris 11 yang diawali "- ", sehingga butir-butir di '
        'bawahnya ikut menjadi teks; mungkin baris "misi:" terhapus: tambahkan baris "misi:" (menjorok 0 spasi) tepat '
        "sebelum baris 11"),
    row("list-key-line-deleted-in-programme", sub(P, "    nama: Bank Sampah Digital\n",
                                                  "    nama: Bank Sampah Digital\n    uraian: Tabungan sampah\n"
                                                  "      - warga menabung\n"),
        f'{TEGAL_P}:41:7: warning: {BANK}.uraian: teks ini berlanjut ke baris 41 yang diawali "- ", sehingga '
        "butir-butir di bawahnya ikut menjadi teks; bila itu daftar, tambahkan baris kuncinya tepat sebelum baris 41; "
        "bila memang teks, apit seluruh teks dengan tanda kutip"),
    row("zero-width-space", sub(P, "    nama: Bank Sampah Digital", "    nama: Bank Sampah\u200b Digital"),
        f'{TEGAL_P}:39:11: error: {BANK}.nama: teks memuat karakter tak terlihat U+200B (spasi lebar nol) sesudah '
        '"Bank Sampah"; hapus karakter itu'),
    row("bidi-control", sub(M, "    tempat: Balai Kota Tegal", "    tempat: Balai Kota \u202eTegal"),
        f'{TEGAL_M}:13:13: error: tahapan[0].tempat: teks memuat karakter tak terlihat U+202E (kontrol arah teks) '
        'sesudah "Balai Kota "; hapus karakter itu'),
    # ------------------------------------------------------------ evaluasi.yaml
    row("evaluasi-score-out-of-range", put("kota-tegal/evaluasi.yaml", "evaluasi:\n  - tahun: 2024\n    indeks: 5.5\n"),
        'regions/kota-tegal/evaluasi.yaml:3:13: error: evaluasi[0].indeks: harus angka antara 0 dan 5, tetapi '
        'ditemukan "5.5"'),
    # ------------------------------------------------------------ rescheduling, contact, last check
    row("rescheduled-to-the-same-year",
        sub(P, "    tahun_selesai: 2024\n", "    tahun_selesai: 2024\n    tahun_selesai_awal: 2024\n"),
        f"{TEGAL_P}:13:25: error: program \"lapor-tegal\": tahun_selesai_awal sama dengan tahun_selesai (2024); "
        "isi hanya bila jadwal selesainya diubah"),
    row("rescheduled-from-before-the-start",
        sub(P, "    tahun_selesai: 2024\n", "    tahun_selesai: 2024\n    tahun_selesai_awal: 2021\n"),
        f"{TEGAL_P}:13:25: error: program \"lapor-tegal\": tahun_selesai_awal (2021) tidak boleh sebelum "
        "tahun_mulai (2023)"),
    row("contact-not-an-email", sub(M, "nama: Kota Tegal\n", "nama: Kota Tegal\nkontak_email: diskominfo tegal\n"),
        f"{TEGAL_M}:5:15: error: kontak_email: harus berformat alamat e-mail, mis. diskominfo@garutkab.go.id, "
        'tetapi ditemukan "diskominfo tegal"'),
    row("checked-in-the-future", sub(M, "nama: Kota Tegal\n", "nama: Kota Tegal\ndiperiksa: 2031-01-02\n"),
        f"{TEGAL_M}:5:12: error: diperiksa: tanggal 2031-01-02 belum terjadi; isi tanggal data ini benar-benar "
        "diperiksa terhadap sumbernya"),
    row("evaluasi-decimal-comma", put("kota-tegal/evaluasi.yaml", "evaluasi:\n  - tahun: 2024\n    indeks: 2,5\n"),
        'regions/kota-tegal/evaluasi.yaml:3:13: error: evaluasi[0].indeks: harus angka, tetapi ditemukan "2,5"; '
        "pakai titik sebagai pemisah desimal, mis. 2.75"),
]


def _params(rows: list[Row], *, exact: bool) -> list[Any]:
    """One pytest param per row, xfail where the row says the current output is wrong."""
    params = []
    for r in rows:
        reason = r.wrong or (r.noisy if exact else None)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(r, id=r.id, marks=marks))
    return params


NOISY = [r for r in ROWS if r.noisy]
QUIET = [r for r in ROWS if not r.noisy]


def _in_order(lines: list[str]) -> list[str]:
    """Problem lines in the order the CLI prints them: by file, then line and column as numbers."""
    def key(line: str) -> tuple[str, int, int, str]:
        path, line_no, col, rest = line.split(":", 3)
        return (path, int(line_no), int(col), rest)
    return sorted(lines, key=key)


def _problems(data: DataDir, run_cli: Callable[..., CliRun], r: Row) -> CliRun:
    for edit in r.edits:
        edit(data)
    return run_cli("check", "--regions", "regions")


@pytest.mark.parametrize("r", _params(ROWS, exact=False))
def test_rule_reports_exact_line(data: DataDir, run_cli: Callable[..., CliRun], r: Row) -> None:
    """The broken input produces this exact line, and the exit code matches its severity."""
    result = _problems(data, run_cli, r)
    assert r.expected in result.lines[:-1]
    assert result.exit_code == (1 if ": error: " in r.expected else 0)


def test_every_rule_prints_only_its_own_line() -> None:
    """No row may be marked noisy: each broken input must produce exactly its expected line(s)."""
    assert [r.id for r in NOISY] == []


@pytest.mark.parametrize("r", _params(QUIET, exact=True))
def test_rule_is_the_only_problem(data: DataDir, run_cli: Callable[..., CliRun], r: Row) -> None:
    """Every other row: one edit, this line (and the ones it rightly implies), nothing else."""
    result = _problems(data, run_cli, r)
    assert result.lines[:-1] == _in_order([r.expected, *r.others])


# ---------------------------------------------------------------- the suggested fix, applied literally

_LINE = re.compile(r"(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?:error|warning|info): (?P<message>.*)")


def _replace_value(line: str, col: int, value: str) -> str:
    """``line`` with the value that starts at ``col`` (1-based) replaced by ``value``."""
    return line[: col - 1] + value


def apply_suggestion(data: DataDir, problem: str) -> bool:
    """Do what the message says, as an editor copying it would; ``False`` when it suggests nothing exact."""
    found = _LINE.fullmatch(problem)
    assert found is not None, problem
    file = data.root / found["path"]
    number, col, message = int(found["line"]), int(found["col"]), found["message"]
    lines = file.read_text(encoding="utf-8").split("\n")
    current = lines[number - 1]
    if fix := re.search(r"ganti awal baris ini dengan (\d+) spasi", message):
        lines[number - 1] = " " * int(fix[1]) + current.lstrip(" \t")
    elif fix := re.search(r"buat menjorok (\d+) spasi", message):
        lines[number - 1] = " " * int(fix[1]) + current.lstrip(" ")
    elif fix := re.search(r'tulis "(\w+):" saja di baris ini, lalu di bawahnya (.+), masing-masing di baris sendiri '
                          r"menjorok (\d+) spasi", message):
        indent = " " * int(fix[3])
        lines[number - 1] = current[: current.index(fix[1] + ":")] + fix[1] + ":"
        lines[number:number] = [indent + entry for entry in re.findall(r'"([^"]+)"', fix[2])]
    elif fix := re.search(r'tambahkan baris "([^"]+)" \(menjorok (\d+) spasi\) tepat sebelum baris (\d+)', message):
        lines.insert(int(fix[3]) - 1, " " * int(fix[2]) + fix[1])
    elif fix := re.search(r"karakter (?:tak terlihat|kontrol) U\+([0-9A-F]{4}) .*; hapus karakter itu", message):
        lines[number - 1] = current.replace(chr(int(fix[1], 16)), "", 1)
    elif re.search(r"pindahkan berkas ini ke luar folder \S+ atau hapus", message):
        file.unlink()
        return True
    elif fix := re.search(r'tulis ([a-z_]+): ("[^"]*"|[^\s,;()]+)', message):
        # The key's line nearest above the problem (or below it): the programme or file the message is about.
        key = re.compile(rf"^(\s*(?:- )?){fix[1]}:")
        order = [*range(number - 1, -1, -1), *range(number, len(lines))]
        at = next(i for i in order if key.match(lines[i]))
        lines[at] = key.match(lines[at])[1] + f"{fix[1]}: {fix[2]}"  # type: ignore[index]
    elif fix := re.search(r'mungkin maksudnya "([^"]+)"', message):
        if 'kunci "' in message:
            end = current.index(":", col - 1)
            lines[number - 1] = current[: col - 1] + fix[1] + current[end:]
        else:
            lines[number - 1] = _replace_value(current, col, fix[1])
    elif fix := re.search(r"yang terdaftar: ([a-z0-9-]+)[,;]", message):
        lines[number - 1] = _replace_value(current, col, fix[1])  # "pakai salah satunya": the first
    else:
        return False
    file.write_text("\n".join(lines), encoding="utf-8")
    return True


SUGGESTING = [r for r in ROWS if not r.wrong and re.search(
    r"ganti awal baris|buat menjorok|saja di baris ini|tambahkan baris \"|hapus karakter itu|pindahkan berkas ini|"
    r"tulis [a-z_]+: |mungkin maksudnya|yang terdaftar: ", r.expected)]

ISSUE_16_ROWS = {
    "tab-indent", "tab-after-spaces", "tab-every-line", "indent-too-small", "indent-too-deep",
    "indent-programme-key-too-small", "indent-programme-key-too-deep", "indent-list-item-too-small",
    "record-on-one-line", "unknown-file", "opd-unknown", "opd-unknown-did-you-mean", "opd-terkait-unknown",
    "opd-terkait-second-item", "elemen-of-other-dimensi", "jumlah-rupiah-text", "jumlah-rupiah-text-other-amount",
    "jumlah-exponent", "jumlah-juta", "jumlah-miliar-decimal-comma", "jumlah-thousands-commas",
    "jumlah-thousands-dots", "jumlah-thousands-dots-read-as-decimal", "jumlah-scientific-decimal",
    "folder-not-register-slug", "code-of-another-region-in-new-folder", "list-key-line-deleted",
    "zero-width-space", "bidi-control",
}
"""The messages issue 16 asked to lead to the right fix: each must suggest one exact edit."""


def test_issue_16_messages_each_suggest_an_exact_fix() -> None:
    assert ISSUE_16_ROWS - {r.id for r in SUGGESTING} == set()


@pytest.mark.parametrize("r", [pytest.param(r, id=r.id) for r in SUGGESTING])
def test_applying_the_suggestion_makes_the_check_pass(data: DataDir, run_cli: Callable[..., CliRun], r: Row) -> None:
    """Copy what each message says to write, nothing else: no error is left on that line. For the messages of
    issue 16 the whole data set then passes the strict check CI runs."""
    result = _problems(data, run_cli, r)
    assert r.expected in result.lines
    assert apply_suggestion(data, r.expected)
    for line in r.others:  # lines the same edit caused: fixed by their own suggestion where they make one
        apply_suggestion(data, line)
    after = run_cli("check", "--regions", "regions")
    located = r.expected.split(": ", 1)[0]
    assert [line for line in after.lines if line.startswith(located + ": error:")] == []
    assert r.expected not in after.lines
    if r.id in ISSUE_16_ROWS:
        strict = run_cli("check", "--strict", "--regions", "regions")
        assert strict.exit_code == 0, strict.lines


def test_table_rows_have_unique_ids() -> None:
    """Test ids double as the rule names in reports."""
    ids = [r.id for r in ROWS]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------- safety


def test_python_tag_runs_nothing(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """A python/object tag is refused without being constructed: the command it names never runs."""
    data.edit(M, "angkatan: 2022", 'angkatan: !!python/object/apply:os.system ["touch dimiliki"]')
    result = run_cli("check", "--regions", "regions")
    assert result.exit_code == 1
    assert not (data.root / "dimiliki").exists()


def test_billion_laughs_is_refused_quickly(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """Nine levels of nine aliases (9**9 strings if expanded) are refused without expanding them."""
    data.write(P, BILLION_LAUGHS)
    start = time.perf_counter()
    result = run_cli("check", "--regions", "regions")
    elapsed = time.perf_counter() - start
    assert elapsed < 5, f"took {elapsed:.1f} s"
    assert result.exit_code == 1
    [problem] = result.lines[:-1]
    assert problem.startswith(f"{TEGAL_P}:")
    assert problem.endswith(": error: anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung")


def test_deeply_nested_flow_is_a_located_error(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """Five thousand nested brackets do not exhaust the stack."""
    data.write(P, "program: " + "[" * 5000 + "]" * 5000 + "\n")
    result = run_cli("check", "--regions", "regions")
    assert result.lines[:-1] == [
        f"{TEGAL_P}:1:11: error: program ke-1: harus pemetaan (kunci: nilai), tetapi ditemukan daftar",
    ]


# ---------------------------------------------------------------- accepted edge cases


@pytest.mark.parametrize("edit", [
    pytest.param(sub(P, "  - id: bank-sampah-digital", "  - id: bsd"), id="id-3-chars"),
    pytest.param(sub(P, "  - id: bank-sampah-digital", "  - id: " + "a" * 60), id="id-60-chars"),
    pytest.param(sub(P, "  - id: bank-sampah-digital", "  - id: 2024"), id="id-digits-only"),
    pytest.param(sub(P, "      - tanggal: 2024-03-01", '      - tanggal: "2024-03-01"'), id="quoted-date"),
    pytest.param(sub(M, "nama: Kota Tegal\n", ""), id="real-region-without-nama"),
    pytest.param(sub(M, "nama: Kota Tegal", "nama: &n Kota Tegal"), id="anchor-without-alias"),
    pytest.param(sub(M, "nama: Kota Tegal", "nama: !!str Kota Tegal"), id="standard-tag"),
    pytest.param(put(M, b"\xef\xbb\xbf" + original(M)), id="utf8-bom"),
    pytest.param(put(M, original(M).replace(b"\n", b"\r\n")), id="crlf-line-ends"),
    pytest.param(lambda d: (sub(P, "    progres: 40\n    pembaruan", "    progres: 0\n    pembaruan")(d),
                            sub(P, "        progres: 40\n", "        progres: 0\n")(d)), id="progres-0"),
    pytest.param(sub(P, "        jumlah: 150000000", "        jumlah: 0"), id="jumlah-0"),
    pytest.param(sub(P, "    tahun_selesai: 2026", "    tahun_selesai: 2032"), id="tahun-at-periode-end"),
    pytest.param(sub(M, "angkatan: 2022", "angkatan: 2026"), id="angkatan-this-year"),
    pytest.param(sub(M, "angkatan: 2022", "angkatan: 2017"), id="angkatan-2017"),
])
def test_accepted(data: DataDir, run_cli: Callable[..., CliRun], edit: Edit) -> None:
    """Boundary values that are valid stay valid, with no warning."""
    edit(data)
    result = run_cli("check", "--strict", "--regions", "regions")
    assert result.lines == ["Valid: 2 wilayah, 3 program, 0 peringatan."]
    assert result.exit_code == 0


# ---------------------------------------------------------------- the whole run


def test_all_errors_of_all_regions_in_one_run_sorted(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """Two broken regions, three problems: all reported at once, sorted by file and position."""
    data.edit(P, "    status: rencana", "    status: selsai")
    data.edit(M, "angkatan: 2022", "angkatan: 2030")
    data.edit(C, "status_dokumen: final", "status_dokumen: finall")
    result = run_cli("check", "--regions", "regions")
    assert result.lines[:-1] == [
        f"{CONTOH_M}:10:17: error: status_dokumen: harus salah satu dari: penyusunan, final, ditetapkan, "
        'tetapi ditemukan "finall"; mungkin maksudnya "final"?',
        f"{TEGAL_M}:5:11: error: angkatan: harus antara 2017 dan 2026, tetapi ditemukan 2030",
        f"{TEGAL_P}:46:13: error: {BANK}.status: harus salah satu dari: rencana, berjalan, selesai, "
        'tertunda, dibatalkan, tetapi ditemukan "selsai"; mungkin maksudnya "selesai"?',
    ]
    assert result.lines[-1].startswith("Gagal: 3 galat, 0 peringatan (2 wilayah, ")
    assert result.exit_code == 1


def test_schema_error_does_not_hide_cross_check_errors(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """A typo in one programme and an unknown opd in another: both in the same run."""
    data.edit(P, "    status: rencana", "    status: selsai")
    data.edit(P, "    opd: bappeda", "    opd: dinkes")
    result = run_cli("check", "--regions", "regions")
    assert result.lines[:-1] == [
        f'{TEGAL_P}:28:10: error: {SATU_DATA}: opd "dinkes" tidak ada di daftar opd masterplan.yaml; yang '
        "terdaftar: bappeda, diskominfo; pakai salah satunya, atau tambahkan OPD itu di opd masterplan.yaml",
        f"{TEGAL_P}:46:13: error: {BANK}.status: harus salah satu dari: rencana, berjalan, selesai, "
        'tertunda, dibatalkan, tetapi ditemukan "selsai"; mungkin maksudnya "selesai"?',
    ]


def test_valid_data_summary_and_exit_0(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """Valid data: only the summary line, exit 0."""
    result = run_cli("check", "--regions", "regions")
    assert result.lines == ["Valid: 2 wilayah, 3 program, 0 peringatan."]
    assert result.exit_code == 0


def test_warning_summary_and_exit_0(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """A warning alone does not fail the plain check, but the summary says that CI (which is strict) will."""
    data.edit(P, "    tahun_mulai: 2025", "    tahun_mulai: 2021")
    result = run_cli("check", "--regions", "regions")
    assert result.lines[-1] == (
        "Valid: 2 wilayah, 3 program, 1 peringatan. CI memeriksa dengan --strict dan akan gagal karena peringatan "
        "itu: perbaiki, lalu periksa lagi dengan masterplan check --strict.")
    assert result.exit_code == 0


def test_late_programme_is_information_not_a_warning(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """A late programme is listed (readers will see "terlambat") but fails nothing, not even --strict; GitHub
    shows it as a notice."""
    data.edit(P, "    tahun_selesai: 2026", "    tahun_selesai: 2025")
    message = (f'{BANK}: tahun_selesai 2025 sudah lewat dan statusnya "rencana", jadi situs menandainya '
               '"terlambat"; bila program sudah selesai atau dibatalkan, perbarui status dan tambahkan pembaruan')
    result = run_cli("check", "--strict", "--regions", "regions")
    assert result.lines == [f"{TEGAL_P}:45:20: info: {message}", "Valid: 2 wilayah, 3 program, 0 peringatan."]
    assert result.exit_code == 0
    github = run_cli("check", "--strict", "--format", "github", "--regions", "regions")
    assert github.lines == [f"::notice file={TEGAL_P},line=45,col=20::{message}"]
    assert github.exit_code == 0


def test_error_summary_and_exit_1(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """An error in the demo region: the real region's three programmes are still counted."""
    data.edit(C, "status_dokumen: final", "status_dokumen: draf")
    result = run_cli("check", "--regions", "regions")
    assert result.lines[-1] == "Gagal: 1 galat, 0 peringatan (2 wilayah, 3 program diperiksa)."
    assert result.exit_code == 1


def test_error_summary_counts_programmes_of_invalid_regions(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """An error in kota-tegal's masterplan does not make its programmes uncounted."""
    data.edit(M, "status_dokumen: penyusunan", "status_dokumen: draf")
    result = run_cli("check", "--regions", "regions")
    assert result.lines[-1] == "Gagal: 1 galat, 0 peringatan (2 wilayah, 3 program diperiksa)."


def test_strict_turns_warning_into_error(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """``--strict``: the same warning is printed as an error and the check fails."""
    data.edit(P, "    tahun_mulai: 2025", "    tahun_mulai: 2021")
    result = run_cli("check", "--strict", "--regions", "regions")
    assert result.lines == [
        f'{TEGAL_P}:44:18: error: {BANK}: tahun 2021–2026 di luar periode masterplan '
        "2023–2032",
        "Gagal: 1 galat, 0 peringatan (2 wilayah, 3 program diperiksa).",
    ]
    assert result.exit_code == 1


def test_github_format(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """``--format github``: one workflow annotation per problem on stdout, the summary on stderr."""
    data.edit(C, "status_dokumen: final", "status_dokumen: finall")
    data.edit(P, "    tahun_mulai: 2024", "    tahun_mulai: 2021")
    result = run_cli("check", "--format", "github", "--regions", "regions")
    assert result.lines == [
        f"::error file={CONTOH_M},line=10,col=17::status_dokumen: harus salah satu dari: penyusunan, final, "
        'ditetapkan, tetapi ditemukan "finall"; mungkin maksudnya "final"?',
        f'::warning file={TEGAL_P},line=29,col=18::{SATU_DATA}: tahun 2021–2027 di luar periode '
        "masterplan 2023–2032",
    ]
    assert result.stderr == "Gagal: 1 galat, 1 peringatan (2 wilayah, 3 program diperiksa).\n"
    assert result.exit_code == 1


def test_github_format_strict(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """``--format github --strict``: a warning becomes an ``::error`` annotation."""
    data.edit(P, "    tahun_mulai: 2025", "    tahun_mulai: 2021")
    result = run_cli("check", "--strict", "--format", "github", "--regions", "regions")
    assert result.lines == [
        f'::error file={TEGAL_P},line=44,col=18::{BANK}: tahun 2021–2026 di luar periode '
        "masterplan 2023–2032",
    ]
    assert result.stderr == "Gagal: 1 galat, 0 peringatan (2 wilayah, 3 program diperiksa).\n"
    assert result.exit_code == 1


def test_github_annotation_escapes_properties_and_data() -> None:
    """Commas and colons in the path, percent signs and newlines in the message are escaped."""
    problem = Problem("regions/a,b:c/program.yaml", 0, 0, "warning", "50% selesai\nbaris dua")
    assert problem.format_github() == (
        "::warning file=regions/a%2Cb%3Ac/program.yaml,line=1,col=1::50%25 selesai%0Abaris dua"
    )


CHECK_USAGE = "Penggunaan: masterplan check [OPSI]\nBantuan: 'masterplan check --help'.\n\n"
NEW_USAGE = "Penggunaan: masterplan new [OPSI] KODE_WILAYAH\nBantuan: 'masterplan new --help'.\n\n"
GROUP_USAGE = "Penggunaan: masterplan [OPSI] PERINTAH [ARGUMEN]...\nBantuan: 'masterplan --help'.\n\n"


@pytest.mark.parametrize(("args", "stderr"), [
    pytest.param(("check", "--bogus"), CHECK_USAGE + "Galat: Opsi '--bogus' tidak dikenal.\n", id="unknown-option"),
    pytest.param(("check", "--strct"), CHECK_USAGE + "Galat: Opsi '--strct' tidak dikenal. Mungkin maksudnya "
                 "'--strict'?\n", id="misspelt-option"),
    pytest.param(("check", "--format", "xml"), CHECK_USAGE + "Galat: Nilai tidak sah untuk '--format': 'xml' bukan "
                 "salah satu dari 'text', 'github'.\n", id="unknown-format"),
    pytest.param(("check", "--regions"), "Galat: Opsi '--regions' memerlukan nilai.\n", id="option-without-value"),
    pytest.param(("periksa",), GROUP_USAGE + "Galat: Perintah 'periksa' tidak dikenal.\n", id="unknown-command"),
    pytest.param(("chek",), GROUP_USAGE + "Galat: Perintah 'chek' tidak dikenal. Mungkin maksudnya 'check'?\n",
                 id="misspelt-command"),
    pytest.param(("new",), NEW_USAGE + "Galat: Argumen belum diisi 'KODE_WILAYAH'.\n", id="missing-argument"),
    pytest.param(("new", "33.28", "33.76"), NEW_USAGE + "Galat: Argumen berlebih (33.76)\n", id="extra-argument"),
])
def test_usage_errors_in_indonesian_exit_2(data: DataDir, run_cli: Callable[..., CliRun], args: tuple[str, ...],
                                           stderr: str) -> None:
    """click's own usage errors are in Bahasa Indonesia too; they exit 2 and print no problem lines."""
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.lines == []
    assert result.stderr == stderr


def test_missing_regions_dir_says_where_to_run(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """Run from the wrong folder: the message names the folder looked for, where, and what to do."""
    result = run_cli("check", "--regions", "tidak-ada")
    assert result.exit_code == 2
    assert result.stderr == CHECK_USAGE + (
        f'Galat: folder data "tidak-ada" tidak ada di {data.root}; jalankan masterplan dari folder proyek (yang '
        "berisi regions/ dan mkdocs.yml), atau sebutkan folder datanya dengan --regions FOLDER\n")


def test_help_is_in_indonesian(run_cli: Callable[..., CliRun]) -> None:
    """click's headings and its help and version options speak Bahasa Indonesia."""
    result = run_cli("--help")
    assert result.lines[:8] == [
        "Penggunaan: masterplan [OPSI] PERINTAH [ARGUMEN]...",
        "",
        "  Validasi masterplan smart city dan terbitkan sebagai situs web.",
        "",
        "Opsi:",
        "  --version   Tampilkan versi lalu keluar.",
        "  -h, --help  Tampilkan bantuan ini lalu keluar.",
        "",
    ]
    assert result.lines[8] == "Perintah:"
    check_help = run_cli("check", "--help").lines
    assert "  --regions FOLDER        Folder data wilayah (satu subfolder per" in check_help
    assert "                          kabupaten/kota).  [bawaan: regions]" in check_help
    assert run_cli("--version").lines == ["masterplan, versi 0.1.0"]


def test_bundled_regions_pass_strict(monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., CliRun]) -> None:
    """The published data itself is valid, warnings included."""
    monkeypatch.chdir(REPO)
    result = run_cli("check", "--strict")
    assert result.exit_code == 0, "\n".join(result.lines)
    assert re.fullmatch(r"Valid: \d+ wilayah, \d+ program, 0 peringatan\.", result.lines[-1])
    # Only information may precede it: the demo region's late programmes, which its pages show as such.
    assert all(": info: " in line and "terlambat" in line for line in result.lines[:-1]), result.lines


def test_python_m_generator_check(data: DataDir) -> None:
    """``python -m generator check`` in a fresh process: located lines, exit 1, no traceback."""
    data.edit(P, "    status: rencana", "    status: selsai")
    epoch = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC).timestamp()
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": str(int(epoch))}
    proc = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=data.root, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[0].startswith(f"{TEGAL_P}:46:13: error: {BANK}.status: ")
    assert proc.stdout.splitlines()[-1].startswith("Gagal: 1 galat, 0 peringatan (2 wilayah, ")


def test_many_regions_are_checked_like_few(data: DataDir, run_cli: Callable[..., CliRun]) -> None:
    """From 24 regions on the check runs in worker processes: same lines, same order, same summary."""
    template = original(C).decode("utf-8")
    for n in range(1, 26):
        text = template.replace("Kota Contoh Makmur", f"Kota Contoh {n:02d}").replace('"99.72"', f'"98.{n:02d}"')
        data.write(f"kota-contoh-{n:02d}/masterplan.yaml", text)
        data.write(f"kota-contoh-{n:02d}/program.yaml", "program: []\n")
    data.edit("kota-contoh-03/masterplan.yaml", "status_dokumen: final", "status_dokumen: finall")
    data.edit(P, "    status: rencana", "    status: selsai")
    result = run_cli("check", "--regions", "regions")
    assert result.lines[:-1] == [
        "regions/kota-contoh-03/masterplan.yaml:10:17: error: status_dokumen: harus salah satu dari: penyusunan, "
        'final, ditetapkan, tetapi ditemukan "finall"; mungkin maksudnya "final"?',
        f"{TEGAL_P}:46:13: error: {BANK}.status: harus salah satu dari: rencana, berjalan, selesai, "
        'tertunda, dibatalkan, tetapi ditemukan "selsai"; mungkin maksudnya "selesai"?',
    ]
    assert result.lines[-1].startswith("Gagal: 2 galat, 0 peringatan (27 wilayah, ")
    assert result.exit_code == 1
