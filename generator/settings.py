"""Per-deployment settings, read from the ``extra.masterplan`` section of mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import PublishError

PLACEHOLDER_SITE_URL = "https://smartcity.example.id/"
"""mkdocs.yml's site_url when MASTERPLAN_SITE_URL is not set: no deployment answers there."""


@dataclass(frozen=True)
class Settings:
    """What differs between deployments of the site."""

    site_url: str = PLACEHOLDER_SITE_URL
    """Public address, ending in '/'; canonical URLs, feeds and citations use it."""
    data_license: str = "CC BY 4.0"
    """Licence of the published data."""
    data_license_url: str = "https://creativecommons.org/licenses/by/4.0/deed.id"
    """Where the licence text is."""
    publisher: str = "Pemerintah kabupaten/kota masing-masing"
    """Who publishes the data, for attribution."""

    @property
    def has_public_address(self) -> bool:
        """Whether site_url is this deployment's real address (MASTERPLAN_SITE_URL or site_url in
        mkdocs.yml), not the placeholder: features that print or encode an address for people to
        type or scan (the Quick Win QR codes, the print footer) are left out without one."""
        return self.site_url != PLACEHOLDER_SITE_URL


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
    site_url = str(config.get("site_url") or Settings.site_url)
    return Settings(
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        data_license=str(extra.get("data_license", Settings.data_license)),
        data_license_url=str(extra.get("data_license_url", Settings.data_license_url)),
        publisher=str(extra.get("publisher", Settings.publisher)),
    )
