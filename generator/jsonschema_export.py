"""The data format as JSON Schema (draft 2020-12), generated from the declarations in ``schema.py``.

The validator interprets the same declarations, and the patterns below are the validator's own
regular expressions, so the published schema and ``masterplan check`` cannot drift apart. What JSON
cannot see is left to ``masterplan check``: YAML spelling (quoted region codes, ``yes``/``no``,
unquoted numbers read as text) and the cross-checks between keys and files (agency codes, unique
ids, elements of a dimension, the Kemendagri register, years within the period).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator import schema as s
from generator.patterns import HOST, ISO_DATE, MAILTO, REGION_CODE

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES: Mapping[str, str] = {
    "masterplan.yaml": "masterplan.schema.json",
    "program.yaml": "program.schema.json",
    "evaluasi.yaml": "evaluasi.schema.json",
}
"""Each data file and the name its schema is published under."""

_SCHEME_HOSTS = {"http": HOST.pattern, "https": HOST.pattern, "mailto": MAILTO.pattern}


def _anchored(pattern: str) -> str:
    """JSON Schema patterns match anywhere; the validator matches whole values."""
    return f"^(?:{pattern})$"


def _caseless(word: str) -> str:
    """``http`` → ``[Hh][Tt][Tt][Pp]``: ECMA-262 patterns have no inline case-insensitive flag."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


def _url_pattern(kind: s.Url) -> str:
    # The validator lower-cases the scheme, then checks the rest: ``//host...`` or ``name@host``.
    return _anchored("|".join(f"{_caseless(scheme)}:(?:{_SCHEME_HOSTS[scheme]})" for scheme in kind.schemes))


def _text(kind: s.Text) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "minLength": kind.min_len}
    if kind.max_len is not None:
        out["maxLength"] = kind.max_len
    if kind.pattern is not None:
        out["pattern"] = _anchored(kind.pattern.pattern)
    elif kind.min_len > 0:
        out["pattern"] = r"\S"  # the validator refuses text that is only spaces
    return out


def _bounded(json_type: str, minimum: float | None, maximum: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": json_type}
    if minimum is not None:
        out["minimum"] = minimum
    if maximum is not None:
        out["maximum"] = maximum
    return out


def _record(kind: s.Record) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key, declared in kind.fields.items():
        value = kind_schema(declared.kind)
        if not declared.required:
            # An empty optional key (``dasar_hukum:``) is the same as leaving it out.
            value = {"anyOf": [value, {"type": "null"}]}
        if declared.description:
            value = {"description": declared.description, **value}
        properties[key] = value
    out: dict[str, Any] = {"type": "object", "properties": properties}
    required = [key for key, declared in kind.fields.items() if declared.required]
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def kind_schema(kind: s.Kind) -> dict[str, Any]:
    """The JSON Schema of one declared kind of value."""
    if isinstance(kind, s.Text):
        return _text(kind)
    if isinstance(kind, s.Integer):
        return _bounded("integer", kind.minimum, kind.maximum)
    if isinstance(kind, s.Number):
        return _bounded("number", kind.minimum, kind.maximum)
    if isinstance(kind, s.Boolean):
        return {"type": "boolean"}
    if isinstance(kind, s.Date):
        return {"type": "string", "format": "date", "pattern": _anchored(ISO_DATE.pattern)}
    if isinstance(kind, s.Url):
        return {"type": "string", "pattern": _url_pattern(kind)}
    if isinstance(kind, s.Enum):
        return {"type": "string", "enum": list(kind.values)}
    if isinstance(kind, s.Rupiah):
        return {"type": "integer", "minimum": 0}
    if isinstance(kind, s.RegionCode):
        return {"type": "string", "pattern": _anchored(REGION_CODE.pattern)}
    if isinstance(kind, s.ListOf):
        out: dict[str, Any] = {"type": "array", "items": kind_schema(kind.item)}
        if kind.min_items:
            out["minItems"] = kind.min_items
        return out
    if isinstance(kind, s.Record):
        return _record(kind)
    if isinstance(kind, s.MapOf):
        mapping: dict[str, Any] = {"type": "object", "propertyNames": {"enum": list(kind.keys)},
                                   "additionalProperties": kind_schema(kind.value)}
        if kind.required_keys:
            mapping["required"] = list(kind.required_keys)
        return mapping
    raise TypeError(f"no JSON Schema for {type(kind).__name__}")


def file_schema(file_name: str, schema_id: str | None) -> dict[str, Any]:
    """The schema of one data file (``masterplan.yaml`` …), published at ``schema_id`` (no ``$id`` when
    the site's address is not known)."""
    return {
        "$schema": DIALECT,
        **({"$id": schema_id} if schema_id else {}),
        "title": f"{file_name} (format data masterplan smart city versi {s.FORMAT_VERSION})",
        "description": (
            f"Isi berkas regions/<slug>/{file_name}. Dibuat dari deklarasi format yang juga dipakai "
            "'masterplan check'; pemeriksaan silang (kode OPD, id unik, elemen per dimensi, register "
            "Kemendagri, tahun dalam periode) hanya dilakukan oleh 'masterplan check'."
        ),
        **kind_schema(s.FILES[file_name]),
    }
