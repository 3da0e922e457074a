"""Property: whatever an editor does to a valid region, ``check`` answers with located lines, never a traceback.

Random edits of the valid test data (characters and lines deleted, duplicated, replaced or swapped, YAML
snippets inserted, values swapped between keys, invalid UTF-8 bytes) must give exit 0 or 1 and nothing but
``path:line:col: error|warning: message`` lines and the summary.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from fixtures_data import VALID_DATA, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FILES = (
    "kota-tegal/masterplan.yaml",
    "kota-tegal/program.yaml",
    "kota-contoh-makmur/masterplan.yaml",
    "kota-contoh-makmur/program.yaml",
)
ORIGINALS = {f: (VALID_DATA / f).read_text(encoding="utf-8") for f in FILES}

SNIPPETS = (
    "- &a x", "*a", "<<: *a", "<<: {progres: 10}", "!!python/object/apply:os.system ['true']",
    "x: !!binary aGVsbG8=", "? [a, b]\n: c", "key: [1, 2", "{", "}", "]", '"unterminated', "'a''b'",
    "- - -", "---", "...", "%YAML 1.1", "%TAG ! tag:example.com,2000:", "program: null", "program: {}",
    "program: [[]]", "opd: 7", "- id: x", "- {}", "- null", "tahun_mulai: 2030", "progres: 150",
    "status: selesai", "kode_wilayah: 33.76", "kode_wilayah: '33'", "contoh: yes", "nama: ~", "jumlah: Rp 1.000",
    "tanggal: 2022-02-30", "tanggal: 2022-02-28T10:00:00Z", "url: javascript:alert(1)", "bukti: [ftp://x]",
    "periode: {mulai: 2030, selesai: 2020}", "angkatan: 99999999999999999999", "target: .inf", "target: .nan",
    "indeks: 1_0.5", "1: 2", "null: x", "true: y", "[a]: b", "? |\n  blok\n: v", "a: |\n\tb", "a: >-\n  b\n c",
    "\t- tab", "# komentar", "\ufeff", "é: ü", "x: '\u2028'", "dimensi: {smart-governance: {sasaran: x}}",
    "evaluasi: [{tahun: 2024, indeks: 3}]", "elemen: kesehatan", "opd_terkait: [dishub]", "id_lama: [lapor-tegal]",
)

# Control characters and the noncharacters U+FFFE/U+FFFF are in the alphabet: the YAML reader refuses them,
# and check reports that as one located line (rows "control-character*" in test_check.py).
_SPECIAL = st.sampled_from(list(" \n\t:-[]{}&*!|>'\"#%@`,?~.0123456789\x00\x07\x1b\x7f\x85\x9b"))
_ANY = st.characters(codec="utf-8", exclude_categories=["Cs"])
CHARS = st.one_of(_SPECIAL, _ANY)
POS = st.integers(min_value=0, max_value=10_000)

KINDS = ("delete_char", "duplicate_char", "replace_char", "insert_text", "truncate",
         "delete_line", "duplicate_line", "swap_lines", "insert_snippet", "swap_values")
Op = tuple[str, int, int, str]
"""(kind, position, second position or indent, text to insert)."""
OPS = st.tuples(st.sampled_from(KINDS), POS, POS,
                st.one_of(st.text(CHARS, min_size=1, max_size=8), st.sampled_from(SNIPPETS)))

_KEY_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:)( .*)$")
LINE = re.compile(r"^(?P<path>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning|info): \S.*$")
SUMMARY = re.compile(r"^(Valid: \d+ wilayah, \d+ program, \d+ peringatan\.(?: CI memeriksa dengan --strict dan akan "
                     r"gagal karena peringatan itu: perbaiki, lalu periksa lagi dengan masterplan check --strict\.)?|"
                     r"Gagal: \d+ galat, \d+ peringatan \(\d+ wilayah, \d+ program diperiksa\)\.)$")


def mutate(text: str, op: Op) -> str:
    """Apply one editor-like mistake to a file's text."""
    kind, a, b, insert = op
    if kind in KINDS[:5]:
        if not text:
            return insert if kind == "insert_text" else text
        i = a % len(text)
        if kind == "delete_char":
            return text[:i] + text[i + 1:]
        if kind == "duplicate_char":
            return text[:i] + text[i] + text[i:]
        if kind == "replace_char":
            return text[:i] + insert[0] + text[i + 1:]
        if kind == "insert_text":
            return text[:i] + insert + text[i:]
        return text[:i]
    lines = text.split("\n")
    i, j = a % len(lines), b % len(lines)
    if kind == "delete_line":
        del lines[i]
    elif kind == "duplicate_line":
        lines.insert(i, lines[i])
    elif kind == "swap_lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "insert_snippet":
        lines.insert(i, " " * (b % 9) + insert)
    else:  # swap_values
        pairs = [(n, m) for n, line in enumerate(lines) if (m := _KEY_VALUE.match(line))]
        if pairs:
            (x, mx), (y, my) = pairs[a % len(pairs)], pairs[b % len(pairs)]
            lines[x], lines[y] = mx[1] + my[2], my[1] + mx[2]
    return "\n".join(lines)


EDITS = st.lists(st.tuples(st.sampled_from(FILES), OPS), min_size=1, max_size=4)
INVALID_UTF8 = st.sampled_from([b"\xff", b"\xc3", b"\xe9", b"\x80\x80"])
BAD_BYTES = st.one_of(st.none(), st.tuples(st.sampled_from(FILES), POS, INVALID_UTF8))


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(edits=EDITS, bad_bytes=BAD_BYTES)
def test_check_never_crashes(edits: list[tuple[str, Op]],
                             bad_bytes: tuple[str, int, bytes] | None) -> None:
    """Exit 0 or 1, and every output line is a located problem or the summary."""
    texts = dict(ORIGINALS)
    for file, op in edits:
        texts[file] = mutate(texts[file], op)
    with tempfile.TemporaryDirectory() as tmp:
        regions = Path(tmp) / "regions"
        shutil.copytree(VALID_DATA, regions)
        for file, text in texts.items():
            data = text.encode("utf-8")
            if bad_bytes is not None and bad_bytes[0] == file:
                i = bad_bytes[1] % (len(data) + 1)
                data = data[:i] + bad_bytes[2] + data[i:]
            (regions / file).write_bytes(data)
        result = invoke("check", "--regions", str(regions))
    assert result.exit_code in (0, 1), result.lines
    assert result.stderr == ""
    *problems, summary = result.lines
    assert SUMMARY.match(summary), summary
    for line in problems:
        match = LINE.match(line)
        assert match is not None, line
        assert match["path"].startswith(f"{regions}/"), line
    has_error = any(": error: " in line for line in problems)
    assert result.exit_code == (1 if has_error else 0)
