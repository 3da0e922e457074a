"""Publisher of Indonesian smart-city masterplans: YAML in, MkDocs site out."""

from __future__ import annotations

__version__ = "0.1.0"
