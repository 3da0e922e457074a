"""Every word the site shows for a coded value: dimensions, statuses, programme types, milestones.

One owner: pages, charts, feeds and downloads take their labels from here, so the same code never
reads two ways on the site. Keys are the codes of ``model.py``.
"""

from __future__ import annotations

DIM_LABEL = {
    "smart-governance": "Smart Governance",
    "smart-branding": "Smart Branding",
    "smart-economy": "Smart Economy",
    "smart-living": "Smart Living",
    "smart-society": "Smart Society",
    "smart-environment": "Smart Environment",
}
DIM_GLOSS = {
    "smart-governance": "tata kelola pemerintahan",
    "smart-branding": "citra daerah",
    "smart-economy": "ekonomi daerah",
    "smart-living": "kualitas hidup",
    "smart-society": "masyarakat",
    "smart-environment": "lingkungan hidup",
}
"""A short Indonesian gloss shown beside each English dimension name."""
SECTION_GLOSS = {"roadmap": "peta jalan", "quick-win": "program hasil cepat"}
DIM_INTRO = {
    "smart-governance": "Tata kelola pemerintahan: pelayanan publik, manajemen birokrasi dan kebijakan publik.",
    "smart-branding": "Pencitraan daerah: pariwisata, iklim bisnis dan wajah kota.",
    "smart-economy": "Ekonomi daerah: industri, kesejahteraan rakyat dan transaksi keuangan.",
    "smart-living": "Kualitas hidup: harmonisasi wilayah, kesehatan dan mobilitas.",
    "smart-society": "Masyarakat: interaksi warga, ekosistem belajar dan keamanan.",
    "smart-environment": "Lingkungan: proteksi lingkungan, pengelolaan sampah dan tata kelola energi.",
}
STATUS_LABEL = {
    "rencana": "Rencana", "berjalan": "Berjalan", "selesai": "Selesai",
    "tertunda": "Tertunda", "dibatalkan": "Dibatalkan",
}
TYPE_LABEL = {
    "quick-win": "Quick Win", "jangka-pendek": "Jangka pendek",
    "jangka-menengah": "Jangka menengah", "jangka-panjang": "Jangka panjang",
}
DOC_LABEL = {"penyusunan": "Dalam penyusunan", "final": "Final", "ditetapkan": "Ditetapkan"}
MILESTONE_LABEL = {
    "mou": "Nota kesepahaman (MoU)", "bimtek-1": "Bimtek tahap 1", "bimtek-2": "Bimtek tahap 2",
    "bimtek-3": "Bimtek tahap 3", "bimtek-4": "Bimtek tahap 4", "penetapan": "Penetapan",
    "monev": "Monitoring dan evaluasi", "lainnya": "Lainnya",
}
SECTOR_LABEL = {
    "pemerintah": "Pemerintah", "bisnis": "Bisnis", "akademisi": "Akademisi",
    "komunitas": "Komunitas", "media": "Media",
}
READINESS_LABEL = {"baik": "Baik", "sedang": "Sedang", "kurang": "Kurang"}
SCORE_LABELS = (("baseline", "baseline (kondisi awal)"), ("output", "output (keluaran)"),
                ("outcome", "outcome (hasil)"), ("impact", "dampak (impact)"), ("quick_win", "Quick Win"))
"""Evaluation components in the order Kominfo lists them, with the words the page uses."""

STATUS_WORD = {status: label.lower() for status, label in STATUS_LABEL.items()}
"""A status inside a sentence: ``3 selesai``, ``status berjalan``."""
MILESTONE_EVENT = {**MILESTONE_LABEL, "lainnya": "Tahapan"}
"""A milestone as an event of its own (a feed entry, ``Penetapan masterplan Kota X``): ``lainnya``
says what it is a step of instead of ``Lainnya``."""


def milestone_title(kind: str, region_name: str) -> str:
    """``Penetapan masterplan Kota Tegal``: the title of a milestone's feed entry."""
    return f"{MILESTONE_EVENT[kind]} masterplan {region_name}"
