"""Raw YAML nodes → typed model, or every located problem at once.

The engine interprets the declarations in ``schema.py``; the cross-checks that span several keys
or files follow it. Nothing here prints or exits: problems are returned as data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import os
import re
import stat
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

import yaml

from generator import model as m
from generator import processes, register
from generator import schema as s
from generator.errors import Problem, Severity
from generator.patterns import HOST, ISO_DATE, MAILTO, REGION_CODE
from generator.yaml_source import LINK_MESSAGE, YamlFile, load_file

BAD: Final = object()
"""Marker for a value that failed validation (its problem is already recorded)."""

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_INT_TEXT = re.compile(r"[-+]?[0-9]+")
_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<rest>\S+)")

# Zero-width and bidirectional formatting characters: invisible in an editor, yet published, and able to make a
# name differ from what it shows or reorder what a reader sees.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_INVISIBLE_NAMES = {"\u200b": "spasi lebar nol", "\u200c": "pemisah lebar nol", "\u200d": "penyambung lebar nol",
                    "\u2060": "penyambung kata", "\ufeff": "spasi lebar nol tak terputus"}


class Collector:
    """Gathers the problems of one file."""

    __slots__ = ("partial", "path", "problems", "run_on")

    def __init__(self, path: str, problems: list[Problem], run_on: dict[int, tuple[int, int]] | None = None) -> None:
        self.path = path
        self.problems = problems
        self.run_on = run_on or {}
        """From the load step: text values that ran on over lines starting with "- " (see yaml_source)."""
        self.partial: dict[str, tuple[Any, ...]] = {}
        """The valid items of each list that had an invalid one, so cross-checks can still run on them."""

    def add(self, mark: tuple[int, int], message: str, severity: Severity = "error") -> None:
        """Record a problem at a (line, col) position."""
        self.problems.append(Problem(self.path, mark[0], mark[1], severity, message))


def _pos(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _found(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "pemetaan (kunci: nilai)"
    if isinstance(node, yaml.SequenceNode):
        return "daftar"
    value = str(node.value)
    if node.tag == _NULL:
        return "nilai kosong"
    shown = value if len(value) <= 60 else value[:57] + "..."
    return f'"{shown}"'


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice ``value`` most likely means: the same text in other letter case, or a close spelling."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if value.strip().lower() in lowered:
        return lowered[value.strip().lower()]
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(value: str, choices: Iterable[str]) -> str:
    """``; mungkin maksudnya "x"?`` for the closest choice, or nothing; one wording for every input path."""
    found = closest(value, choices)
    return f'; mungkin maksudnya "{found}"?' if found else ""


def _label(where: str) -> str:
    return f"{where}: " if where else ""


def _expect(c: Collector, node: yaml.Node, where: str, expected: str, hint: str = "") -> object:
    c.add(_pos(node), f"{_label(where)}harus {expected}, tetapi ditemukan {_found(node)}{hint}")
    return BAD


def _scalar(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode)


def _check_text(kind: s.Text, node: yaml.Node, where: str, c: Collector) -> object:
    if not _scalar(node):
        return _expect(c, node, where, "teks")
    if node.tag in (_BOOL, _NULL):
        return _expect(c, node, where, "teks", "; apit dengan tanda kutip bila memang itu teksnya")
    value: str = node.value
    invisible = _INVISIBLE.search(value)
    if invisible is not None:
        char = invisible.group()
        c.add(_pos(node), f"{_label(where)}teks memuat karakter tak terlihat U+{ord(char):04X} "
                          f"({_INVISIBLE_NAMES.get(char, 'kontrol arah teks')}) sesudah "
                          f'"{value[max(0, invisible.start() - 20):invisible.start()]}"; hapus karakter itu')
        return BAD
    if len(value.strip()) < kind.min_len:
        return _expect(c, node, where, f"teks sekurang-kurangnya {kind.min_len} karakter")
    if kind.max_len is not None and len(value) > kind.max_len:
        return _expect(c, node, where, f"teks paling panjang {kind.max_len} karakter")
    if kind.pattern is not None and kind.pattern.fullmatch(value) is None:
        return _expect(c, node, where, f"berformat {kind.pattern_hint}")
    return value


def _bounds_message(minimum: float | None, maximum: float | None, noun: str) -> str | None:
    if minimum is not None and maximum is not None:
        return f"{minimum:g}" if minimum == maximum else f"{noun}antara {minimum:g} dan {maximum:g}"
    if minimum is not None:
        return f"{noun}sekurang-kurangnya {minimum:g}"
    if maximum is not None:
        return f"{noun}paling besar {maximum:g}"
    return None


def _outside(value: float, minimum: float | None, maximum: float | None) -> bool:
    return (minimum is not None and value < minimum) or (maximum is not None and value > maximum)


def _check_integer(kind: s.Integer, node: yaml.Node, where: str, c: Collector) -> object:
    if not _scalar(node) or node.tag != _INT or _INT_TEXT.fullmatch(node.value) is None:
        return _expect(c, node, where, "bilangan bulat")
    value = int(node.value)
    if _outside(value, kind.minimum, kind.maximum):
        return _expect(c, node, where, _bounds_message(kind.minimum, kind.maximum, "") or "")
    return value


def _check_number(kind: s.Number, node: yaml.Node, where: str, c: Collector) -> object:
    if not _scalar(node) or node.tag not in (_INT, _FLOAT):
        hint = "; pakai titik sebagai pemisah desimal, mis. 2.75" if _scalar(node) and "," in node.value else ""
        return _expect(c, node, where, "angka", hint)
    try:
        value = float(node.value.replace("_", ""))
    except ValueError:
        return _expect(c, node, where, "angka")
    if not math.isfinite(value):
        return _expect(c, node, where, "angka")
    if _outside(value, kind.minimum, kind.maximum):
        return _expect(c, node, where, _bounds_message(kind.minimum, kind.maximum, "angka ") or "")
    return value


def _check_boolean(kind: s.Boolean, node: yaml.Node, where: str, c: Collector) -> object:
    if _scalar(node) and node.tag == _BOOL and node.value in ("true", "false", "True", "False"):
        return node.value.lower() == "true"
    return _expect(c, node, where, "true atau false")


def _check_date(kind: s.Date, node: yaml.Node, where: str, c: Collector) -> object:
    if not _scalar(node) or node.tag not in (_STR, _TIMESTAMP) or ISO_DATE.fullmatch(node.value) is None:
        return _expect(c, node, where, "tanggal berformat TTTT-BB-HH, mis. 2022-04-21")
    try:
        return dt.date.fromisoformat(node.value)
    except ValueError:
        c.add(_pos(node), f'{_label(where)}tanggal "{node.value}" tidak ada di kalender; '
                          "periksa bulan dan harinya")
        return BAD


def _check_url(kind: s.Url, node: yaml.Node, where: str, c: Collector) -> object:
    allowed = " atau ".join(kind.schemes)
    prefixes = " atau ".join(f"{scheme}://" if scheme.startswith("http") else f"{scheme}:" for scheme in kind.schemes)
    if not _scalar(node) or node.tag != _STR:
        return _expect(c, node, where, f"alamat {allowed}")
    value: str = node.value
    match = _URL.fullmatch(value)
    scheme = match["scheme"].lower() if match else ""
    if match is None or scheme not in kind.schemes:
        return _expect(c, node, where, f"alamat yang diawali {prefixes}")
    rest = match["rest"]
    ok = MAILTO.fullmatch(rest) is not None if scheme == "mailto" else HOST.fullmatch(rest) is not None
    if not ok:
        return _expect(c, node, where, f"alamat {allowed} yang lengkap")
    return value


def _check_enum(kind: s.Enum, node: yaml.Node, where: str, c: Collector) -> object:
    if _scalar(node) and node.tag == _STR and node.value in kind.values:
        return node.value
    hint = suggest(str(node.value), kind.values) if _scalar(node) else ""
    return _expect(c, node, where, "salah satu dari: " + ", ".join(kind.values), hint)


def _check_rupiah(kind: s.Rupiah, node: yaml.Node, where: str, c: Collector) -> object:
    if _scalar(node) and node.tag == _INT and _INT_TEXT.fullmatch(node.value):
        value = int(node.value)
        if value < 0:
            return _expect(c, node, where, "jumlah Rupiah yang tidak negatif")
        return value
    meant = rupiah_reading(str(node.value)) if _scalar(node) else None
    if meant is not None:
        # Say the exact integer: an example copied as it is would publish a wrong amount.
        key = where.rsplit(".", 1)[-1]
        hint = f'; tulis {key}: {meant} ({_rupiah_words(meant)}), tanpa "Rp", titik, koma atau tanda kutip'
    else:
        hint = '; tulis angka bulat saja, tanpa "Rp", titik, koma atau tanda kutip (Rp2,5 juta ditulis 2500000)'
    return _expect(c, node, where, "bilangan bulat Rupiah", hint)


_RUPIAH_UNITS = {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9, "milyar": 10**9,
                 "m": 10**9, "triliun": 10**12, "t": 10**12}
_AMOUNT = re.compile(
    r"(?:rp\.?|idr)?\s*"
    r"(?:(?P<dots>[0-9]{1,3}(?:\.[0-9]{3})+)|(?P<commas>[0-9]{1,3}(?:,[0-9]{3}){2,})"
    r"|(?P<spaces>[0-9]{1,3}(?: [0-9]{3})+)"
    r"|(?P<sci>[0-9]+(?:[.,][0-9]+)?e[-+]?[0-9]+)"
    r"|(?P<number>[0-9]+(?:[.,][0-9]+)?)\s*(?P<unit>ribu|rb|juta|jt|miliar|milyar|m|triliun|t)\.?"
    r"|(?P<plain>[0-9]+))"
    r"\s*(?:,-|,00|\.-)?",
    re.IGNORECASE)


def rupiah_reading(text: str) -> int | None:
    """The whole number of Rupiah a text unambiguously means ("350 juta", "Rp 350.000.000", "1,5 miliar",
    "350,000,000", "3.5e8"), or ``None`` when it could mean more than one amount."""
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        return None
    try:
        grouped = match["dots"] or match["commas"] or match["spaces"] or match["plain"]
        if grouped:
            value = Decimal(re.sub(r"[., ]", "", grouped))
        elif match["sci"]:
            value = Decimal(match["sci"].replace(",", "."))
        else:
            number = match["number"]
            # "1.500 juta" groups thousands; "1.5 juta" and "1,5 juta" are decimals.
            number = number.replace(".", "") if re.fullmatch(r"[0-9]+\.[0-9]{3}", number) else number.replace(",", ".")
            value = Decimal(number) * _RUPIAH_UNITS[match["unit"].lower()]
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None
    if value != value.to_integral_value() or value < 0 or value > 10**18:
        return None
    return int(value)


def _rupiah_words(amount: int) -> str:
    """``350000000`` → ``Rp350.000.000``, for a message that repeats what the editor meant."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def _check_region_code(kind: s.RegionCode, node: yaml.Node, where: str, c: Collector) -> object:
    if _scalar(node) and node.tag == _STR and REGION_CODE.fullmatch(node.value):
        return node.value
    if _scalar(node) and node.tag == _FLOAT and REGION_CODE.fullmatch(node.value):
        c.add(_pos(node), f"{_label(where)}harus teks berformat NN.NN dalam tanda kutip, tetapi YAML membaca "
                          f"{node.value} sebagai angka; tulis {where}: \"{node.value}\"")
        return BAD
    if _scalar(node) and register.is_province(str(node.value)):
        c.add(_pos(node), f'{_label(where)}"{node.value}" bukan kabupaten/kota; itu kode provinsi '
                          f"{register.level_name(str(node.value))}")
        return BAD
    return _expect(c, node, where, 'kode kabupaten/kota berformat NN.NN, mis. "32.05"')


def _check_list(kind: s.ListOf, node: yaml.Node, where: str, c: Collector) -> object:
    if not isinstance(node, yaml.SequenceNode):
        return _expect(c, node, where, "daftar (butir diawali '- ')")
    if len(node.value) < kind.min_items:
        return _expect(c, node, where, f"daftar dengan sekurang-kurangnya {kind.min_items} butir")
    check = _CHECKS[type(kind.item)]
    items = []
    ok = True
    for i, item in enumerate(node.value):
        label = _program_label(item, i) if kind.item is s.PROGRAM else f"{where}[{i}]"
        if _scalar(item) and item.tag == _NULL:
            c.add(_pos(item), f"{label}: butir daftar kosong")
            ok = False
            continue
        value = check(kind.item, item, label, c)
        if value is BAD:
            ok = False
        else:
            items.append(value)
    if not ok:
        c.partial[where] = tuple(items)
        return BAD
    return tuple(items)


def _program_label(item: yaml.Node, index: int) -> str:
    """``program "lapor-tegal"`` when the item's id can be read, else ``program ke-3`` (counted from 1)."""
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if (key.value == "id" and _scalar(value) and value.tag in (_STR, _INT) and 3 <= len(value.value) <= 60
                    and s.PROGRAM_ID.pattern is not None and s.PROGRAM_ID.pattern.fullmatch(value.value)):
                return f'program "{value.value}"'
    return f"program ke-{index + 1}"


def _key_problem(key_node: yaml.Node, where: str, c: Collector, known: Iterable[str],
                 first: tuple[int, int] | None) -> None:
    """Report why a mapping key was refused: not text, repeated, or unknown."""
    if not _scalar(key_node) or key_node.tag == _NULL:
        c.add(_pos(key_node), f"{_label(where)}kunci harus berupa teks")
        return
    key = str(key_node.value)
    if first is not None:
        c.add(_pos(key_node), f'{_label(where)}kunci "{key}" muncul dua kali (pertama di baris {first[0]})')
        return
    options = sorted(known)
    hint = suggest(key, options) or "; yang dikenal: " + ", ".join(options)
    c.add(_pos(key_node), f'{_label(where)}kunci "{key}" tidak dikenal{hint}')


_Plan = tuple[dict[str, tuple[Callable[[Any, yaml.Node, str, Collector], object], s.Kind]], tuple[str, ...]]
_PLANS: dict[int, tuple[s.Record, _Plan]] = {}
"""By identity (records hold dicts: not hashable), the record kept with its plan so its id is not reused."""


def _plan(kind: s.Record) -> _Plan:
    """Per record: each key's checker and kind, and the required keys; computed once."""
    entry = _PLANS.get(id(kind))
    if entry is None or entry[0] is not kind:
        checkers = {key: (_CHECKS[type(f.kind)], f.kind) for key, f in kind.fields.items()}
        entry = _PLANS[id(kind)] = (kind, (checkers, tuple(key for key, f in kind.fields.items() if f.required)))
    return entry[1]


def _check_record(kind: s.Record, node: yaml.Node, where: str, c: Collector) -> object:
    # The hottest function of a national check: written for speed, not elegance.
    if node.__class__ is not yaml.MappingNode:
        return _expect(c, node, where, "pemetaan (kunci: nilai)")
    checkers, required = _plan(kind)
    values: dict[str, Any] = {}
    start = node.start_mark
    marks: dict[str, tuple[int, int]] = {"": (start.line + 1, start.column + 1)}
    ok = True
    for key_node, value_node in node.value:
        key = key_node.value
        entry = checkers.get(key) if key_node.tag == _STR and key_node.__class__ is yaml.ScalarNode else None
        if entry is None or key in marks:
            _key_problem(key_node, where, c, checkers, marks.get(key) if entry is not None else None)
            ok = False
            continue
        mark = value_node.start_mark
        marks[key] = (mark.line + 1, mark.column + 1)
        if value_node.tag == _NULL and value_node.__class__ is yaml.ScalarNode:
            continue  # an empty value is the same as leaving the key out
        if value_node.__class__ is yaml.ScalarNode and entry[1].__class__ is s.Record:
            _record_as_text(entry[1], key_node, value_node, _join(where, key), c)
            ok = False
            continue
        value = entry[0](entry[1], value_node, f"{where}.{key}" if where else key, c)
        if value is BAD:
            ok = False
        else:
            values[key] = value
            if c.run_on and value_node.__class__ is yaml.ScalarNode and not value_node.style:  # plain
                _run_on_text(kind, node, key_node, _join(where, key), c)
            if value_node.__class__ is yaml.SequenceNode and _scalar_list(entry[1]):
                for i, item in enumerate(value_node.value):  # cross-checks point at the item itself
                    marks[f"{key}[{i}]"] = (item.start_mark.line + 1, item.start_mark.column + 1)
    for key in required:
        if key not in values and (key not in marks or _empty(node, key)):
            c.add(marks.get(key, marks[""]), f'{_label(where)}kunci wajib "{key}" tidak ada atau kosong')
            ok = False
    if not ok:
        return BAD
    if kind.build is None:
        return values
    return kind.build(**values, marks=marks)


def _record_as_text(kind: s.Record, key_node: yaml.Node, node: yaml.Node, where: str, c: Collector) -> None:
    """A record written on one line (``periode: 2024–2033``): show the lines it should be."""
    keys = [k for k, f in kind.fields.items() if f.required] or list(kind.fields)[:1]
    values = ["..."] * len(keys)
    years = re.fullmatch(r"\s*([0-9]{4})\s*(?:-|–|—|s\.?d\.?|sampai|hingga)\s*([0-9]{4})\s*", str(node.value))
    if keys == ["mulai", "selesai"] and years is not None:
        values = [years[1], years[2]]
    lines = " dan ".join(f'"{k}: {v}"' for k, v in zip(keys, values, strict=True))
    indent = key_node.start_mark.column + 2
    c.add(_pos(node), f"{where}: harus berisi kunci di baris-baris berikutnya, tetapi ditemukan {_found(node)}; "
                      f'tulis "{key_node.value}:" saja di baris ini, lalu di bawahnya {lines}, masing-masing di '
                      f"baris sendiri menjorok {indent} spasi")


def _run_on_text(kind: s.Record, node: yaml.MappingNode, key_node: yaml.Node, where: str, c: Collector) -> None:
    """Warn when a text value swallowed the list below it, probably because that list's key line is gone."""
    hit = c.run_on.get(key_node.start_mark.line + 1)
    value_node = next(v for k, v in node.value if k is key_node)
    if hit is None or hit[0] - 1 > value_node.end_mark.line:
        return  # the "- " line found below the key is not part of this text
    present = {k.value for k, _v in node.value}
    names = list(kind.fields)
    after = names[names.index(key_node.value) + 1:]
    # Only the key declared right after this one (visi → misi) is a guess worth printing.
    guess = after[0] if after and after[0] not in present and _scalar_list(kind.fields[after[0]].kind) else None
    start = (f'{_label(where)}teks ini berlanjut ke baris {hit[0]} yang diawali "- ", sehingga butir-butir di '
             "bawahnya ikut menjadi teks")
    if guess is not None:
        fix = (f'; mungkin baris "{guess}:" terhapus: tambahkan baris "{guess}:" (menjorok '
               f"{key_node.start_mark.column} spasi) tepat sebelum baris {hit[0]}")
    else:
        fix = (f"; bila itu daftar, tambahkan baris kuncinya tepat sebelum baris {hit[0]}; bila memang teks, apit "
               "seluruh teks dengan tanda kutip")
    c.add(hit, start + fix, "warning")


def _scalar_list(kind: s.Kind) -> bool:
    return isinstance(kind, s.ListOf) and not isinstance(kind.item, s.Record)


def _empty(node: yaml.MappingNode, key: str) -> bool:
    return any(k.value == key and _scalar(v) and v.tag == _NULL for k, v in node.value)


def _check_map(kind: s.MapOf, node: yaml.Node, where: str, c: Collector) -> object:
    if not isinstance(node, yaml.MappingNode):
        return _expect(c, node, where, "pemetaan (kunci: nilai)")
    check = _CHECKS[type(kind.value)]
    values: dict[str, Any] = {}
    first: dict[str, tuple[int, int]] = {}
    ok = True
    for key_node, value_node in node.value:
        key = key_node.value
        if not (_scalar(key_node) and key_node.tag == _STR and key in kind.keys) or key in first:
            _key_problem(key_node, where, c, kind.keys, first.get(key))
            ok = False
            continue
        first[key] = _pos(key_node)
        value = check(kind.value, value_node, _join(where, key), c)
        if value is BAD:
            ok = False
        else:
            values[key] = value
    return dict(sorted(values.items(), key=lambda kv: kind.keys.index(kv[0]))) if ok else BAD


_CHECKS: dict[type, Callable[[Any, yaml.Node, str, Collector], object]] = {
    s.Text: _check_text,
    s.Integer: _check_integer,
    s.Number: _check_number,
    s.Boolean: _check_boolean,
    s.Date: _check_date,
    s.Url: _check_url,
    s.Enum: _check_enum,
    s.Rupiah: _check_rupiah,
    s.RegionCode: _check_region_code,
    s.ListOf: _check_list,
    s.Record: _check_record,
    s.MapOf: _check_map,
}


def _check_file(kind: s.Kind, node: yaml.Node, path: str, problems: list[Problem],
                run_on: dict[int, tuple[int, int]] | None = None) -> tuple[Any, Collector]:
    """Validate a file's root node against its declaration; the collector keeps partial lists."""
    collector = Collector(path, problems, run_on)
    return _CHECKS[type(kind)](kind, node, "", collector), collector


# ---------------------------------------------------------------- cross-checks


@dataclass(frozen=True)
class Options:
    """What the checks compare against."""

    today: dt.date
    """Build date: decides the latest allowed cohort, which programmes are late, and that no record of what
    happened (an update, a source, an evaluation, a removal) is dated after it."""


def _future(day: dt.date, options: Options) -> str | None:
    """Why a date of something that happened cannot be ``day``, or None when it is not after the build date."""
    if day <= options.today:
        return None
    return f"{day.isoformat()} belum terjadi (tanggal pembangunan situs {options.today.isoformat()})"


def _check_masterplan(plan: m.Masterplan, slug: str, c: Collector, options: Options) -> tuple[str, str] | None:
    """Register and internal rules of masterplan.yaml; returns (name, province) when known."""
    marks = plan.marks
    result: tuple[str, str] | None = None
    if plan.contoh:
        real = register.lookup(plan.kode_wilayah)
        if real is not None:
            c.add(marks["kode_wilayah"], f'kode_wilayah: data contoh tidak boleh memakai kode wilayah nyata '
                                         f'"{plan.kode_wilayah}" ({real.nama}); pakai kode yang tidak ada, '
                                         'mis. "99.01"')
        elif plan.nama is None:
            c.add(marks[""], 'kunci "nama" wajib diisi untuk data contoh (contoh: true)')
        elif not plan.nama.startswith(("Kabupaten ", "Kota ")):
            c.add(marks["nama"], f'nama: harus diawali "Kabupaten " atau "Kota ", tetapi ditemukan "{plan.nama}"')
        elif register.slugify(plan.nama) != slug:
            c.add(marks["nama"], f'nama folder harus "{register.slugify(plan.nama)}" sesuai nama "{plan.nama}", '
                                 f'tetapi ditemukan "{slug}"')
        else:
            result = (plan.nama, "Wilayah contoh")
    else:
        found = register.lookup(plan.kode_wilayah)
        if found is None:
            what = register.level_name(plan.kode_wilayah)
            why = (f'itu kode provinsi {what}' if register.is_province(plan.kode_wilayah) else
                   "kode itu tidak ada di daftar 514 kabupaten/kota Kepmendagri")
            c.add(marks["kode_wilayah"], f'kode_wilayah: "{plan.kode_wilayah}" bukan kabupaten/kota; {why}')
        elif found.slug != slug:
            c.add(marks["kode_wilayah"], _code_folder_mismatch(plan.kode_wilayah, found, slug))
        elif plan.nama is not None and plan.nama != found.nama:
            c.add(marks["nama"], f'nama: harus sama dengan daftar Kepmendagri "{found.nama}", '
                                 f'tetapi ditemukan "{plan.nama}"')
        else:
            result = (found.nama, found.provinsi)
    if not s.MIN_COHORT <= plan.angkatan <= options.today.year:
        c.add(marks["angkatan"], f"angkatan: harus antara {s.MIN_COHORT} dan {options.today.year}, "
                                 f"tetapi ditemukan {plan.angkatan}")
    if plan.diperiksa is not None and plan.diperiksa > options.today:
        c.add(marks["diperiksa"], f"diperiksa: tanggal {plan.diperiksa.isoformat()} belum terjadi; isi tanggal "
                                  "data ini benar-benar diperiksa terhadap sumbernya")
    if plan.periode.mulai > plan.periode.selesai:
        c.add(plan.periode.marks["selesai"], f"periode.selesai ({plan.periode.selesai}) tidak boleh sebelum "
                                             f"periode.mulai ({plan.periode.mulai})")
    for i, source in enumerate(plan.sumber):
        if source.tanggal is not None and (future := _future(source.tanggal, options)):
            c.add(source.marks["tanggal"], f"sumber[{i}].tanggal: {future}; tanggal terbit sumber tidak boleh di masa "
                                           "depan, periksa tahunnya")
    seen: dict[str, m.Agency] = {}
    for i, agency in enumerate(plan.opd):
        if agency.kode in seen:
            c.add(agency.marks["kode"], f'opd[{i}].kode: "{agency.kode}" sudah dipakai OPD lain '
                                        f'(baris {seen[agency.kode].marks["kode"][0]})')
        else:
            seen[agency.kode] = agency
    return result


def _code_folder_mismatch(code: str, found: register.RegisteredRegion, slug: str) -> str:
    """Code and folder name different regions: the code is the likelier slip, so name both fixes."""
    folder_region = register.by_slug(slug)
    if folder_region is None:
        return (f'kode_wilayah "{code}" adalah {found.nama}, tetapi nama folder "{slug}" tidak ada di daftar '
                f'Kepmendagri; bila datanya untuk {found.nama}, pindahkan berkasnya ke folder "{found.slug}"')
    return (f'kode_wilayah "{code}" adalah {found.nama}, tetapi folder "{slug}" untuk {folder_region.nama} '
            f'(kode "{folder_region.kode}"); bila datanya untuk {folder_region.nama}, tulis kode_wilayah: '
            f'"{folder_region.kode}"; bila untuk {found.nama}, pindahkan berkasnya ke folder "{found.slug}"')


def _check_programs(programs: tuple[m.Program, ...], plan: m.Masterplan, c: Collector, options: Options) -> None:
    agencies = {a.kode for a in plan.opd}
    period = plan.periode
    first_by_id: dict[str, tuple[int, int]] = {}
    for p in programs:
        if p.id in first_by_id:
            c.add(p.marks["id"], f'program "{p.id}": id sudah dipakai program lain (baris {first_by_id[p.id][0]})')
        else:
            first_by_id[p.id] = p.marks["id"]
    old_ids: dict[str, m.Program] = {}
    for p in programs:
        marks = p.marks
        label = f'program "{p.id}"'
        for i, old in enumerate(p.id_lama):
            if old in first_by_id:
                c.add(marks[f"id_lama[{i}]"], f'{label}: id_lama "{old}" masih dipakai sebagai id program lain')
            elif old in old_ids and old_ids[old] is not p:
                c.add(marks[f"id_lama[{i}]"],
                      f'{label}: id_lama "{old}" juga tercantum pada program "{old_ids[old].id}"')
            old_ids[old] = p
        if p.elemen not in m.ELEMENTS[p.dimensi]:
            owner = next(d for d in m.DIMENSIONS if p.elemen in m.ELEMENTS[d])
            c.add(marks["elemen"], f'{label}: elemen "{p.elemen}" termasuk dimensi {owner}, bukan {p.dimensi}; '
                                   f"bila programnya {owner}, tulis dimensi: {owner}; bila {p.dimensi}, pilih "
                                   "elemen salah satu dari: " + ", ".join(m.ELEMENTS[p.dimensi]))
        if p.opd not in agencies:
            c.add(marks["opd"], f'{label}: opd "{p.opd}" tidak ada di daftar opd masterplan.yaml'
                                + _agency_choices(p.opd, agencies))
        for i, kode in enumerate(p.opd_terkait):
            if kode not in agencies:
                c.add(marks[f"opd_terkait[{i}]"], f'{label}: opd_terkait "{kode}" tidak ada di daftar opd '
                                            "masterplan.yaml" + _agency_choices(kode, agencies))
        if p.tahun_mulai > p.tahun_selesai:
            c.add(marks["tahun_selesai"], f"{label}: tahun_selesai ({p.tahun_selesai}) tidak boleh sebelum "
                                          f"tahun_mulai ({p.tahun_mulai})")
        elif period.mulai <= period.selesai and (p.tahun_mulai < period.mulai or p.tahun_selesai > period.selesai):
            where = "tahun_mulai" if p.tahun_mulai < period.mulai else "tahun_selesai"
            c.add(marks[where], f"{label}: tahun {p.tahun_mulai}–{p.tahun_selesai} di luar periode "
                                f"masterplan {period.mulai}–{period.selesai}", "warning")
        if p.tahun_selesai_awal is not None:
            if p.tahun_selesai_awal == p.tahun_selesai:
                c.add(marks["tahun_selesai_awal"], f"{label}: tahun_selesai_awal sama dengan tahun_selesai "
                                                   f"({p.tahun_selesai}); isi hanya bila jadwal selesainya diubah")
            elif p.tahun_selesai_awal < p.tahun_mulai:
                c.add(marks["tahun_selesai_awal"], f"{label}: tahun_selesai_awal ({p.tahun_selesai_awal}) tidak "
                                                   f"boleh sebelum tahun_mulai ({p.tahun_mulai})")
        if p.status == "selesai" and p.progres is not None and p.progres != 100:
            c.add(marks["progres"], f"{label}: status selesai berarti progres 100, tetapi ditemukan {p.progres}")
        if p.status == "selesai" and not p.has_evidence:
            c.add(marks["status"], f"{label}: berstatus selesai tetapi tidak punya bukti; tambahkan tautan "
                                   "di bukti", "warning")
        for i, budget in enumerate(p.anggaran):
            if not p.tahun_mulai <= budget.tahun <= p.tahun_selesai:
                c.add(budget.marks["tahun"], f"{label}: anggaran[{i}].tahun {budget.tahun} di luar tahun program "
                                             f"{p.tahun_mulai}–{p.tahun_selesai}", "warning")
        if p.is_late(options.today):
            # Not a mistake in the data, but what readers will see: say so before it is published.
            c.add(marks["tahun_selesai"], f"{label}: tahun_selesai {p.tahun_selesai} sudah lewat dan statusnya "
                                          f'"{p.status}", jadi situs menandainya "terlambat"; bila program sudah '
                                          "selesai atau dibatalkan, perbarui status dan tambahkan pembaruan", "info")
        _check_history(p, label, c, options)


def _agency_choices(code: str, agencies: set[str]) -> str:
    """What to write instead of an unknown agency code: the close one, and every registered one."""
    if not agencies:
        return "; daftar itu masih kosong: tambahkan OPD-nya di opd masterplan.yaml (kode dan nama)"
    listed = ", ".join(sorted(agencies))
    close = suggest(code, sorted(agencies)).removeprefix("; ").rstrip("?")
    return (f"; yang terdaftar: {listed}" + (f" ({close})" if close else "") + "; pakai salah satunya, atau "
            "tambahkan OPD itu di opd masterplan.yaml")


def _check_realisation(programs: tuple[m.Program, ...], c: Collector, options: Options) -> None:
    """Money spent is a record of what happened: never for a year after the build year."""
    for p in programs:
        for i, budget in enumerate(p.anggaran):
            if budget.realisasi is not None and budget.tahun > options.today.year:
                c.add(budget.marks["realisasi"], f'program "{p.id}": anggaran[{i}].realisasi untuk tahun '
                                                 f"{budget.tahun} belum bisa dilaporkan pada tahun "
                                                 f"{options.today.year}; hapus realisasi itu, atau perbaiki "
                                                 "tahunnya bila salah ketik")


def _check_history(p: m.Program, label: str, c: Collector, options: Options) -> None:
    """Updates record what happened (none after the build date), and the newest one is the current state."""
    future = False
    for i, update in enumerate(p.pembaruan):
        if why := _future(update.tanggal, options):
            future = True
            c.add(update.marks["tanggal"], f"{label}: pembaruan[{i}].tanggal {why}; pembaruan hanya mencatat yang "
                                           "sudah terjadi: periksa tahunnya, atau tambahkan pembaruan ini setelah "
                                           "tanggalnya tiba")
    if future:
        return  # which update is the newest is unknown until its date is fixed
    for key, update in p.conflicts():
        i = next(n for n, u in enumerate(p.pembaruan) if u is update)
        own = p.status if key == "status" else p.effective_progress
        said = update.status if key == "status" else update.progres
        c.add(p.marks[key] if key in p.marks else p.marks["status"],
              f"{label}: {key} {'kosong' if own is None else own} tidak sesuai dengan pembaruan terbaru "
              f"(pembaruan[{i}], {update.tanggal.isoformat()}: {key} {said}); ubah {key} program menjadi {said}, "
              "atau perbaiki pembaruan itu bila pembaruannya yang keliru", "warning")


def _check_evaluations(evaluations: tuple[m.Evaluation, ...], c: Collector, options: Options) -> None:
    seen: dict[int, m.Evaluation] = {}
    for ev in evaluations:
        if ev.tahun > options.today.year:
            c.add(ev.marks["tahun"], f"evaluasi tahun {ev.tahun} belum terjadi (tanggal pembangunan situs "
                                     f"{options.today.isoformat()}); hasil evaluasi hanya untuk tahun yang sudah "
                                     "berjalan, periksa tahunnya")
        if ev.tahun in seen:
            c.add(ev.marks["tahun"], f"evaluasi tahun {ev.tahun} sudah ada (baris {seen[ev.tahun].marks['tahun'][0]})")
        seen[ev.tahun] = ev


# ---------------------------------------------------------------- regions

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PARALLEL_FROM = 24
"""Below this many regions, starting worker processes costs more than it saves."""
MAX_WORKERS = 4


def _load(source: YamlFile, kind: s.Record, problems: list[Problem]) -> tuple[Any, dict[str, Any]]:
    """A file's built value (or BAD) and the valid items of its lists that also held invalid ones."""
    if source.root is None:
        problems.extend(source.problems)
        return BAD, {}
    value, collector = _check_file(kind, source.root, source.path, problems, source.run_on)
    return value, collector.partial


def _forget_marks(*values: object) -> None:
    """Empty every record's source positions once all checks have run: pages never need them, and at
    national scale they are a large share of the model that is pickled back and held in memory."""
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, (tuple, list)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif hasattr(value, "__dataclass_fields__"):
            marks = getattr(value, "marks", None)
            if isinstance(marks, dict):
                marks.clear()
            stack.extend(getattr(value, name) for name in value.__dataclass_fields__ if name != "marks")


@dataclass(frozen=True)
class _Outcome:
    """What checking one region gives back (across a process boundary, so kept small)."""

    region: m.Region | None
    problems: list[Problem]
    program_count: int
    code: tuple[str, int, int] | None
    """kode_wilayah and its position, for the check across regions."""


@dataclass(frozen=True)
class RegionReading:
    """What could be read of one version of a region folder, valid or not.

    ``masterplan diff`` compares two of these (the working tree and a git revision); with errors,
    ``programs`` still holds every programme that validated on its own.
    """

    slug: str
    """Folder name."""
    plan: m.Masterplan | None
    """masterplan.yaml, when it validated on its own."""
    identity: tuple[str, str] | None
    """(name, province) from the register (or the demo data), when known."""
    programs: tuple[m.Program, ...]
    """The programmes that validated, in file order."""
    evaluations: tuple[m.Evaluation, ...]
    """evaluasi.yaml, when it validated."""
    problems: tuple[Problem, ...]
    """Every error and warning of this region, sorted."""
    code: tuple[str, int, int] | None
    """kode_wilayah and its position, for the check across regions."""

    @property
    def valid(self) -> bool:
        """No errors (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)

    def region(self) -> m.Region | None:
        """The model of a valid region, as ``load_dataset`` builds it; ``None`` with errors."""
        if self.identity is None or self.plan is None or not self.valid:
            return None
        return m.Region(
            slug=self.slug,
            nama=self.identity[0],
            provinsi=self.identity[1],
            plan=self.plan,
            program=tuple(sorted(self.programs, key=lambda p: p.id)),
            evaluasi=tuple(sorted(self.evaluations, key=lambda e: e.tahun)),
        )


def read_region(slug: str, display: str, present: set[str], read: Callable[[str], YamlFile],
                options: Options) -> RegionReading:
    """Validate one region folder given the names in it and a reader of its data files.

    ``read(name)`` parses one file (``load_file`` for the working tree, ``parse_bytes`` for a git
    object): every version of the data goes through these same checks and messages.
    """
    problems: list[Problem] = []
    data_root = display.rsplit("/", 1)[0] if "/" in display else "."
    for name in sorted(present - set(s.FILES)):
        problems.append(Problem(f"{display}/{name}", 1, 1, "warning",
                                "berkas tidak dikenal: yang dibaca hanya " + ", ".join(s.FILES) + "; pindahkan "
                                f"berkas ini ke luar folder {data_root}/ atau hapus (selama ada, pemeriksaan "
                                "--strict dan CI gagal)"))
    for name in s.REQUIRED_FILES:
        if name not in present:
            problems.append(Problem(f"{display}/{name}", 1, 1, "error", f"berkas wajib {name} tidak ada"))
    if _SLUG.fullmatch(slug) is None:
        problems.append(Problem(display, 1, 1, "error", f'nama folder "{slug}" harus berformat {s.SLUG_HINT}'))
    loaded: dict[str, Any] = {}
    partial: dict[str, dict[str, Any]] = {}
    for name, kind in s.FILES.items():
        if name in present:
            loaded[name], partial[name] = _load(read(name), kind, problems)
    plan = loaded.get("masterplan.yaml", BAD)
    identity = None
    if isinstance(plan, m.Masterplan):
        identity = _check_masterplan(plan, slug, Collector(f"{display}/masterplan.yaml", problems), options)
    program_file = loaded.get("program.yaml", BAD)
    # With an invalid programme, the others are still cross-checked: every error shows in one run.
    programs: tuple[m.Program, ...] = (
        program_file["program"] if program_file is not BAD else partial.get("program.yaml", {}).get("program", ()))
    if isinstance(plan, m.Masterplan):
        _check_programs(programs, plan, Collector(f"{display}/program.yaml", problems), options)
    _check_realisation(programs, Collector(f"{display}/program.yaml", problems), options)
    evaluations: tuple[m.Evaluation, ...] = ()
    evaluation_file = loaded.get("evaluasi.yaml")
    if isinstance(evaluation_file, dict):
        evaluations = evaluation_file["evaluasi"]
        _check_evaluations(evaluations, Collector(f"{display}/evaluasi.yaml", problems), options)
    code = None
    # A demo region that borrowed a real code is already told so; the real region keeps its code.
    real = register.lookup(plan.kode_wilayah) if isinstance(plan, m.Masterplan) else None
    if isinstance(plan, m.Masterplan) and not (plan.contoh and real) and (plan.contoh or real is None
                                                                          or real.slug == slug):
        code = (plan.kode_wilayah, *plan.marks["kode_wilayah"])
    return RegionReading(slug, plan if isinstance(plan, m.Masterplan) else None, identity, programs, evaluations,
                         tuple(sorted(problems)), code)


def read_region_folder(folder: Path, display: str, options: Options) -> RegionReading:
    """Validate one region folder of the working tree; links and other entries that are not regular files
    are refused without being read."""
    # lstat, never stat: a link is refused without looking at (or reading) what it points to.
    modes = {p.name: p.lstat().st_mode for p in folder.iterdir() if not p.name.startswith(".")}
    other_links = sorted(name for name, mode in modes.items() if stat.S_ISLNK(mode) and name not in s.FILES)

    def read(name: str) -> YamlFile:
        shown = f"{display}/{name}"
        if stat.S_ISLNK(modes[name]):
            return YamlFile(shown, None, [Problem(shown, 0, 0, "error", LINK_MESSAGE)])
        if not stat.S_ISREG(modes[name]):
            return YamlFile(shown, None, [Problem(shown, 0, 0, "error", NOT_REGULAR_MESSAGE)])
        return load_file(folder / name, shown)

    reading = read_region(folder.name, display, set(modes) - set(other_links), read, options)
    if not other_links:
        return reading
    refused = [Problem(f"{display}/{name}", 0, 0, "error", LINK_MESSAGE) for name in other_links]
    return dataclasses.replace(reading, problems=tuple(sorted([*reading.problems, *refused])))


def _load_region(folder: Path, display: str, options: Options, keep_model: bool) -> _Outcome:
    reading = read_region_folder(folder, display, options)
    problems = list(reading.problems)
    if not keep_model or not reading.valid:  # a check in a worker process: the model is not worth pickling back
        return _Outcome(None, problems, len(reading.programs), reading.code)
    _forget_marks(reading.plan, reading.programs, reading.evaluations)
    return _Outcome(reading.region(), problems, len(reading.programs), reading.code)


@dataclass(frozen=True)
class Result:
    """The outcome of checking a data directory."""

    dataset: m.Dataset | None
    """The model, or ``None`` when any region has an error."""
    problems: tuple[Problem, ...]
    """Every error and warning, sorted by file and position."""
    region_count: int
    program_count: int
    valid: bool
    """No errors (warnings allowed)."""

    @property
    def errors(self) -> int:
        """Number of errors."""
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return sum(1 for p in self.problems if p.severity == "warning")


NOT_REGULAR_MESSAGE = "bukan berkas biasa (mis. folder atau pipa) sehingga tidak dibaca; data harus berupa berkas biasa"
ROOT_LINK_MESSAGE = ("folder data ini tautan simbolik (symlink) sehingga tidak diikuti dan tidak dibaca; "
                     "pakai folder yang sebenarnya")


def region_folders(root: Path) -> list[Path]:
    """Region folders under the data directory, sorted by name; a link to a folder is not one (see ``links``)."""
    return sorted(p for p in root.iterdir() if stat.S_ISDIR(p.lstat().st_mode) and not p.name.startswith((".", "_")))


def _mode(path: Path) -> int:
    """The entry's own type and permissions (a link's, not its target's); 0 when there is none."""
    try:
        return path.lstat().st_mode
    except FileNotFoundError:
        return 0


def links(root: Path, display_root: str, only: str | None = None) -> list[Problem]:
    """An error for every symbolic link among the data directory's entries (region folders, dihapus.yaml,
    published-urls.txt): links are never followed, so nothing outside the data folder is read or published."""
    return [Problem(f"{display_root}/{p.name}", 0, 0, "error", LINK_MESSAGE) for p in sorted(root.iterdir())
            if p.is_symlink() and not p.name.startswith(".") and only in (None, p.name)]


def read_removals(source: YamlFile, problems: list[Problem], options: Options | None = None) -> tuple[m.Removal, ...]:
    """The entries of dihapus.yaml sorted by URL (none when it is invalid: its problems are added); with
    ``options``, a removal dated after the build date is an error too."""
    loaded, _partial = _load(source, s.REMOVALS_FILE, problems)
    if loaded is BAD:
        return ()
    if options is not None:
        c = Collector(source.path, problems)
        for i, removal in enumerate(loaded["dihapus"]):
            if future := _future(removal.tanggal, options):
                c.add(removal.marks["tanggal"], f"dihapus[{i}].tanggal: {future}; catat penghapusan setelah "
                                                "terjadi, periksa tahunnya")
    return tuple(sorted(loaded["dihapus"], key=lambda r: r.url))


def load_dataset(root: Path, display_root: str, options: Options, only: str | None = None,
                 keep_model: bool = True) -> Result:
    """Load and validate every region (or only one) under ``root``; never raises for bad data.

    With ``keep_model=False`` only the problems and counts are wanted (``masterplan check``).
    """
    if root.is_symlink():
        return Result(None, (Problem(display_root, 0, 0, "error", ROOT_LINK_MESSAGE),), 0, 0, False)
    problems: list[Problem] = links(root, display_root, only)
    regions: list[m.Region] = []
    folders = region_folders(root)
    if only is not None:
        folders = [f for f in folders if f.name == only]
    displays = [f"{display_root}/{folder.name}" for folder in folders]
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(folders) >= PARALLEL_FROM and workers > 1:
        # Parsing dominates a national check; regions are independent, so use every core.
        with ProcessPoolExecutor(max_workers=workers, initializer=processes.die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            outcomes = list(pool.map(_load_region, folders, displays, [options] * len(folders),
                                     [keep_model] * len(folders), chunksize=8))
    else:
        outcomes = [_load_region(f, d, options, keep_model) for f, d in zip(folders, displays, strict=True)]
    program_count = 0
    by_code: dict[str, str] = {}
    for folder, outcome in zip(folders, outcomes, strict=True):
        problems.extend(outcome.problems)
        program_count += outcome.program_count
        if outcome.region is not None:
            regions.append(outcome.region)
        if outcome.code is not None:
            code, line, col = outcome.code
            if code in by_code:
                problems.append(Problem(f"{display_root}/{folder.name}/masterplan.yaml", line, col, "error",
                                        f'kode_wilayah "{code}" sudah dipakai wilayah {by_code[code]}'))
            else:
                by_code[code] = folder.name
    removed: tuple[m.Removal, ...] = ()
    removals_path = root / s.REMOVALS_FILE_NAME
    if only is None and stat.S_ISREG(_mode(removals_path)):  # a link is refused by links() above, unread
        removed = read_removals(load_file(removals_path, f"{display_root}/{s.REMOVALS_FILE_NAME}"), problems,
                                options)
    ordered = tuple(sorted(problems))
    ok = not any(p.severity == "error" for p in ordered)
    dataset = m.Dataset(tuple(regions), removed) if ok else None
    return Result(dataset, ordered, len(folders), program_count, ok)


# ---------------------------------------------------------------- one region's files, for the spreadsheet path


def load_plan(folder: Path, display: str, options: Options) -> tuple[m.Masterplan | None, list[Problem]]:
    """A region's masterplan.yaml, checked as ``check`` does (register, period, agencies)."""
    problems: list[Problem] = []
    path = folder / "masterplan.yaml"
    if not path.is_file():
        return None, [Problem(display, 1, 1, "error", "berkas wajib masterplan.yaml tidak ada")]
    plan, _partial = _load(load_file(path, display), s.MASTERPLAN, problems)
    if not isinstance(plan, m.Masterplan):
        return None, problems
    identity = _check_masterplan(plan, folder.name, Collector(display, problems), options)
    if identity is None or any(p.severity == "error" for p in problems):
        return None, problems
    return plan, problems


def check_program_tree(root: yaml.Node, display: str, plan: m.Masterplan,
                       options: Options) -> tuple[tuple[m.Program, ...] | None, list[Problem]]:
    """Check a program.yaml node tree (parsed, or built from a workbook) with the same rules as ``check``.

    Returns the programmes in their order (``None`` when any error was found) and every problem.
    """
    problems: list[Problem] = []
    value, collector = _check_file(s.PROGRAM_FILE, root, display, problems)
    programs: tuple[m.Program, ...] = (
        value["program"] if value is not BAD else collector.partial.get("program", ()))
    _check_programs(programs, plan, Collector(display, problems), options)
    _check_realisation(programs, Collector(display, problems), options)
    if value is BAD or any(p.severity == "error" for p in problems):
        return None, problems
    return programs, problems
