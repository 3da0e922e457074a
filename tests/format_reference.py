"""The key tables of the data-format reference (docs/FORMAT.md), generated from the declarations in ``schema.py``.

docs/FORMAT.md is hand-written around blocks that this module fills in: every key of every file with its type,
whether it is required and what it means, exactly as ``masterplan check`` and the published JSON Schema read
them. tests/test_format_reference.py fails when a block differs from what the declarations give, so the
reference cannot drift from the code; ``UPDATE_GOLDEN=1`` rewrites the blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator import model as m
from generator import schema as s

START = "<!-- dibuat dari generator/schema.py: {name} -->"
END = "<!-- akhir tabel -->"
BLOCK = re.compile(r"<!-- dibuat dari generator/schema.py: (?P<name>[a-z.]+) -->\n.*?<!-- akhir tabel -->", re.DOTALL)
FILES = {**s.FILES, s.REMOVALS_FILE_NAME: s.REMOVALS_FILE}
"""Every data file whose keys the reference lists."""


def _code(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _bounds(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f" {minimum:g}" if minimum == maximum else f" {minimum:g}–{maximum:g}"
    if minimum is not None:
        return f" ≥ {minimum:g}"
    if maximum is not None:
        return f" ≤ {maximum:g}"
    return ""


def type_text(kind: s.Kind) -> str:
    """How a kind of value is written, in the editors' words."""
    if isinstance(kind, s.Text):
        out = f"teks berformat {kind.pattern_hint}" if kind.pattern is not None else "teks"
        if kind.min_len > 1 or kind.max_len is not None:
            out += f" ({kind.min_len}–{kind.max_len} karakter)" if kind.max_len else f" (≥ {kind.min_len} karakter)"
        return out
    if isinstance(kind, s.Integer):
        return "bilangan bulat" + _bounds(kind.minimum, kind.maximum)
    if isinstance(kind, s.Number):
        return "angka" + _bounds(kind.minimum, kind.maximum) + " (titik sebagai pemisah desimal)"
    if isinstance(kind, s.Boolean):
        return "`true` atau `false`"
    if isinstance(kind, s.Date):
        return "tanggal `TTTT-BB-HH`"
    if isinstance(kind, s.Url):
        return "alamat " + " atau ".join(kind.schemes)
    if isinstance(kind, s.Enum):
        return "salah satu dari: " + _code(kind.values)
    if isinstance(kind, s.Rupiah):
        return "bilangan bulat Rupiah ≥ 0, tanpa `Rp`, titik atau tanda kutip"
    if isinstance(kind, s.RegionCode):
        return 'kode `"NN.NN"` dalam tanda kutip'
    if isinstance(kind, s.ListOf):
        if isinstance(kind.item, s.Record):
            return "daftar pemetaan (kuncinya di baris berikut)"
        return "daftar " + type_text(kind.item)
    if isinstance(kind, s.Record):
        return "pemetaan (kuncinya di baris berikut)"
    if isinstance(kind, s.MapOf):
        if isinstance(kind.value, s.Record):
            return "pemetaan dengan kunci " + _code(kind.keys) + " (kuncinya di baris berikut)"
        return "pemetaan dengan kunci " + _code(kind.keys) + ", nilainya " + type_text(kind.value)
    raise TypeError(f"no description for {type(kind).__name__}")


def _rows(kind: s.Record, prefix: str) -> Iterator[tuple[str, str, str, str]]:
    for key, declared in kind.fields.items():
        path = prefix + key
        yield path, type_text(declared.kind), "wajib" if declared.required else "opsional", declared.description
        inner = declared.kind
        if isinstance(inner, s.ListOf) and isinstance(inner.item, s.Record):
            yield from _rows(inner.item, f"{path}[].")
        elif isinstance(inner, s.Record):
            yield from _rows(inner, f"{path}.")
        elif isinstance(inner, s.MapOf) and isinstance(inner.value, s.Record):
            yield from _rows(inner.value, f"{path}.<{key}>.")


def table(name: str) -> str:
    """The Markdown table of one file's keys (``elemen``: the elements of each dimension)."""
    if name == "elemen":
        return "\n".join(["| dimensi | elemen |", "|---|---|"]
                         + [f"| `{d}` | {_code(m.ELEMENTS[d])} |" for d in m.DIMENSIONS])
    lines = ["| kunci | nilai | wajib? | keterangan |", "|---|---|---|---|"]
    for path, type_, required, description in _rows(FILES[name], ""):
        cells = (f"`{path}`", type_, required, description or "–")
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def refresh(text: str) -> str:
    """``text`` with every generated block filled in from the declarations."""
    return BLOCK.sub(lambda match: f"{START.format(name=match['name'])}\n{table(match['name'])}\n{END}", text)
