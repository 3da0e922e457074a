"""Model → program.yaml text written the way a person would: block style, keys in the format's order,
quotes only where YAML needs them, a blank line between programmes.

The text follows the declarations in ``schema.py`` (a new key is written without a change here). Scalars
are plain when that provably reads back as the same text, literal blocks when they hold several lines, and
otherwise quoted by PyYAML's emitter. The importer reads the text back and compares before writing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import yaml

from generator import model as m
from generator import schema as s

_STR = "tag:yaml.org,2002:str"

HEADER = (
    "# Program masterplan smart city {nama}.\n"
    "# Ditulis oleh `masterplan import` dari lembar kerja; impor berikutnya hanya menyimpan komentar di awal "
    "berkas.\n"
)
"""The comment the tool writes when the file had none at its top. The comment block at the top of an existing
file is kept verbatim instead; any other comment in program.yaml is lost on import (with a warning)."""


try:  # the C scanner is much faster; fall back to pure Python where libyaml is absent
    from yaml import CSafeLoader as _ScanLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _ScanLoader  # type: ignore[assignment]


class _Dumper(yaml.SafeDumper):
    """PyYAML's emitter, asked only for the few scalars that need quotes."""


_RESOLVER = yaml.resolver.Resolver()
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")


def _number_text(value: float) -> str:
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    text = repr(float(value))
    if "e" in text and "." not in text:  # YAML 1.1 reads 1e+16 as text; 1.0e+16 is a float
        text = text.replace("e", ".0e")
    return text


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can stand unquoted after ``key: `` and still read back as this very text."""
    return (bool(text) and text[0] not in _PLAIN_START and text == text.strip() and text.isprintable()
            and ": " not in text and " #" not in text and not text.endswith(":")
            and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR)  # type: ignore[no-untyped-call]


def _literal_ok(text: str) -> bool:
    """Whether a literal block (``|`` or ``|-``) holds ``text`` exactly."""
    lines = text.removesuffix("\n").split("\n")
    return (not text.endswith("\n\n") and not text.startswith((" ", "\n"))
            and all(line == line.rstrip() and (line.isprintable() or not line) for line in lines))


def _quoted(text: str) -> str:
    out = yaml.serialize(yaml.ScalarNode(_STR, text), Dumper=_Dumper, allow_unicode=True, width=10**6)
    assert isinstance(out, str)
    return out.removesuffix("\n...\n").removesuffix("\n")


def _scalar_text(kind: s.Kind, value: Any, indent: int) -> str:
    """The scalar as it follows ``key: `` or ``- ``; a literal block's lines are indented by ``indent``."""
    if isinstance(kind, (s.Integer, s.Rupiah)):
        return str(value)
    if isinstance(kind, s.Number):
        return _number_text(value)
    if isinstance(kind, s.Boolean):
        return "true" if value else "false"
    if isinstance(kind, s.Date):
        assert isinstance(value, dt.date)
        return value.isoformat()
    text = str(value)
    if "\n" in text and _literal_ok(text):
        pad = " " * indent
        body = "\n".join(pad + line if line else "" for line in text.removesuffix("\n").split("\n"))
        return ("|" if text.endswith("\n") else "|-") + "\n" + body
    return text if _plain_ok(text) else _quoted(text)


def _mapping(kind: s.Record | s.MapOf, value: Any, indent: int, out: list[str], lead: str | None = None) -> None:
    """Write a mapping's keys at ``indent``; the first line starts with ``lead`` (a list item's ``- ``)."""
    if isinstance(kind, s.Record):
        entries = [(key, f.kind, getattr(value, key) if kind.build is not None else value.get(key))
                   for key, f in kind.fields.items()]
    else:
        entries = [(key, kind.value, value.get(key)) for key in kind.keys]
    first = True
    for key, child, item in entries:
        if item is None or item == ():
            continue
        prefix = lead if first and lead is not None else " " * indent
        first = False
        _entry(prefix, key, child, item, indent, out)


def _entry(prefix: str, key: str, kind: s.Kind, item: Any, indent: int, out: list[str]) -> None:
    if isinstance(kind, s.ListOf):
        out.append(f"{prefix}{key}:\n")
        dash = " " * (indent + 2) + "- "
        for element in item:
            if isinstance(kind.item, (s.Record, s.MapOf)):
                _mapping(kind.item, element, indent + 4, out, dash)
            else:
                out.append(dash + _scalar_text(kind.item, element, indent + 4) + "\n")
    elif isinstance(kind, (s.Record, s.MapOf)):
        out.append(f"{prefix}{key}:\n")
        _mapping(kind, item, indent + 2, out)
    else:
        out.append(f"{prefix}{key}: {_scalar_text(kind, item, indent + 2)}\n")


def leading_comments(text: str) -> str:
    """The comment block at the top of ``text`` (its comment and blank lines before anything else), verbatim;
    empty when there is no comment there."""
    end = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        end += len(line)
    block = text[:end]
    if "#" not in block:
        return ""
    return block if block.endswith(("\n", "\r")) else block + "\n"


def program_yaml(programs: Sequence[m.Program], region_name: str, header: str = "") -> str:
    """The whole program.yaml text for these programmes, in their order, a blank line between two.

    ``header`` is the comment block kept from the top of the file being replaced (see ``leading_comments``);
    without one the tool's own two lines are written.
    """
    out = [header or HEADER.format(nama=region_name)]
    if not programs:
        out.append("program: []\n")  # the key is required even with no programme
        return "".join(out)
    out.append("program:\n")
    for i, program in enumerate(programs):
        if i:
            out.append("\n")
        _mapping(s.PROGRAM, program, 4, out, "  - ")
    return "".join(out)


def dropped_comment(text: str) -> tuple[int, int] | None:
    """Where in ``text`` (1-based) the first comment is that a rewrite loses: any comment after the block at
    the top of the file, which ``program_yaml`` keeps; ``None`` when there is none."""
    if "#" not in text:
        return None
    skip = len(leading_comments(text))
    # Tokens cover every character that is data or syntax; a '#' outside all of them starts a comment.
    # Positions come from line and column (the C scanner's index counts bytes, not characters).
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    position = skip
    try:
        for token in yaml.scan(text, Loader=_ScanLoader):
            start_mark, end_mark = token.start_mark, token.end_mark
            if end_mark.line >= len(starts):
                break
            start = starts[start_mark.line] + start_mark.column
            if start > position and (index := text.find("#", position, start)) != -1:
                return _line_col(text, index)
            position = max(position, starts[end_mark.line] + end_mark.column)
    except yaml.YAMLError:
        pass  # the old file does not parse: whatever follows the last token is looked at as text
    index = text.find("#", position)
    return _line_col(text, index) if index != -1 else None


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
