"""Model → program.yaml text written the way a person would: block style, keys in the format's order,
quotes only where YAML needs them, a blank line between programmes.

The node tree is built from the declarations in ``schema.py`` (so a new key is written without a change
here) and serialised by PyYAML's emitter, which decides when a scalar must be quoted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import yaml

from generator import model as m
from generator import schema as s

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_DATE = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

HEADER = (
    "# Program masterplan smart city {nama}.\n"
    "# Ditulis oleh `masterplan import` dari lembar kerja; komentar lain tidak disimpan saat impor berikutnya.\n"
)
"""The only comment the tool writes; any other comment in program.yaml is lost on import (with a warning)."""


class _Dumper(yaml.SafeDumper):
    """Indents a sequence under its key, as the bundled files and the guide do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _number_text(value: float) -> tuple[str, str]:
    if float(value).is_integer() and abs(value) < 2**53:
        return _INT, str(int(value))
    text = repr(float(value))
    if "e" in text and "." not in text:  # YAML 1.1 reads 1e+16 as text; 1.0e+16 is a float
        text = text.replace("e", ".0e")
    return _FLOAT, text


def _scalar(tag: str, text: str, style: str | None = None) -> yaml.ScalarNode:
    return yaml.ScalarNode(tag, text, style=style)


def node_for(kind: s.Kind, value: Any) -> yaml.Node:
    """The YAML node a person would write for ``value`` of declared ``kind``."""
    if isinstance(kind, s.Record):
        pairs = []
        for key, f in kind.fields.items():
            item = getattr(value, key) if kind.build is not None else value.get(key)
            if item is None or item == ():
                continue
            pairs.append((_scalar(_STR, key), node_for(f.kind, item)))
        return yaml.MappingNode(_MAP, pairs, flow_style=False)
    if isinstance(kind, s.ListOf):
        items = [node_for(kind.item, item) for item in value]
        return yaml.SequenceNode(_SEQ, items, flow_style=not items)
    if isinstance(kind, s.MapOf):
        pairs = [(_scalar(_STR, k), node_for(kind.value, v)) for k, v in value.items()]
        return yaml.MappingNode(_MAP, pairs, flow_style=False)
    if isinstance(kind, (s.Integer, s.Rupiah)):
        return _scalar(_INT, str(value))
    if isinstance(kind, s.Number):
        return _scalar(*_number_text(value))
    if isinstance(kind, s.Boolean):
        return _scalar(_BOOL, "true" if value else "false")
    if isinstance(kind, s.Date):
        assert isinstance(value, dt.date)
        return _scalar(_DATE, value.isoformat())
    text = str(value)
    # Several lines read best as a literal block; the emitter quotes instead when a block cannot hold them.
    return _scalar(_STR, text, "|" if "\n" in text else None)


def program_yaml(programs: Sequence[m.Program], region_name: str) -> str:
    """The whole program.yaml text for these programmes, in their order."""
    # The one key is written even for no programmes ("program: []"), as the format requires it.
    root = yaml.MappingNode(_MAP, [(_scalar(_STR, "program"),
                                    node_for(s.PROGRAM_FILE.fields["program"].kind, tuple(programs)))],
                            flow_style=False)
    body = yaml.serialize(root, Dumper=_Dumper, allow_unicode=True, width=10**6, indent=2,
                          explicit_start=False)
    assert isinstance(body, str)
    lines = body.splitlines(keepends=True)
    out: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("  - ") and i > 1:  # a new programme (only they sit at this indent)
            out.append("\n")
        out.append(line)
    return HEADER.format(nama=region_name) + "".join(out)


def dropped_comment(text: str, region_name: str) -> tuple[int, int] | None:
    """Where the first comment the tool did not write is in ``text`` (1-based), or ``None``."""
    header = HEADER.format(nama=region_name)
    if "#" not in text:
        return None
    skip = len(header) if text.startswith(header) else 0
    try:
        tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        tokens = []
    covered: list[tuple[int, int]] = [(t.start_mark.index, t.end_mark.index) for t in tokens]
    position = skip
    for start, end in covered:
        if start > position and (index := text.find("#", position, start)) != -1:
            return _line_col(text, index)
        position = max(position, end)
    index = text.find("#", position)
    return _line_col(text, index) if index != -1 else None


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
