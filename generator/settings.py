"""Per-deployment settings, read from the ``extra.masterplan`` section of mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import PublishError


@dataclass(frozen=True)
class Settings:
    """What differs between deployments of the site."""

    site_url: str = "https://smartcity.example.id/"
    """Public address, ending in '/'; canonical URLs, feeds and citations use it."""
    data_license: str = "CC BY 4.0"
    """Licence of the published data."""
    data_license_url: str = "https://creativecommons.org/licenses/by/4.0/deed.id"
    """Where the licence text is."""
    publisher: str = "Pemerintah kabupaten/kota masing-masing"
    """Who publishes the data, for attribution."""


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
