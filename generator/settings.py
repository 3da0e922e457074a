"""Per-deployment settings, read from the ``extra.masterplan`` section of mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import PublishError


@dataclass(frozen=True)
class Settings:
    """What differs between deployments of the site."""

    site_url: str = ""
    """Public address, ending in '/' (``MASTERPLAN_SITE_URL``); empty when the build does not know it,
    and then nothing that needs an absolute address (canonical URL, citation address, share link,
    sitemap, ``url`` columns) is made: a site must not invent an address that is not its own."""
    data_license: str = "CC BY 4.0"
    """Licence of the published data."""
    data_license_url: str = "https://creativecommons.org/licenses/by/4.0/deed.id"
    """Where the licence text is."""
    publisher: str = "Pemerintah kabupaten/kota masing-masing"
    """Who publishes the data, for attribution."""

    @property
    def has_public_address(self) -> bool:
        """Whether the build knows the deployment's real address (MASTERPLAN_SITE_URL or site_url in
        mkdocs.yml): features that print, encode or link an absolute address (canonical URL, citations,
        share links, the Quick Win QR codes, the print footer, ``url`` columns) are left out without one."""
        return bool(self.site_url)


NO_SITE_URL_NOTE = (
    "Catatan: MASTERPLAN_SITE_URL tidak diisi, jadi alamat publik situs tidak diketahui; tautan kanonik, "
    "og:url, alamat pada kutipan, tautan berbagi WhatsApp, kode QR, peta situs (sitemap.xml) dan kolom url "
    "data terbuka tidak dibuat. Isi MASTERPLAN_SITE_URL dengan alamat situs untuk build yang diterbitkan."
)
"""Printed by generate and build when the site's public address is unknown."""


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as data (its ``!ENV`` tags resolved as MkDocs does)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open(encoding="utf-8") as handle:
            config: dict[str, Any] = yaml_load(handle) or {}
    except (OSError, ValueError) as exc:
        raise PublishError(f"{config_file} tidak dapat dibaca ({exc})") from exc
    return config


def load_settings(config_file: Path) -> Settings:
    """Settings from mkdocs.yml."""
    config = read_config(config_file)
    extra = (config.get("extra") or {}).get("masterplan") or {}
    site_url = str(config.get("site_url") or "")
    return Settings(
        site_url=site_url if site_url.endswith("/") or not site_url else site_url + "/",
        data_license=str(extra.get("data_license", Settings.data_license)),
        data_license_url=str(extra.get("data_license_url", Settings.data_license_url)),
        publisher=str(extra.get("publisher", Settings.publisher)),
    )
