"""Safe, line-aware YAML: nodes keep their marks; tags, aliases and duplicate keys are refused.

Only ``yaml.compose`` is used: the node tree is never constructed into Python objects by PyYAML,
so no tag can ever run code, and an alias is caught the second time its node is reached instead of
being expanded (a "billion laughs" file is refused in linear time and memory).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.errors import Problem

try:  # the C parser is ~7x faster; fall back to pure Python where libyaml is absent
    from yaml import CSafeLoader as _BaseLoader
    _LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]
    _LIBYAML = False

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
# First characters with which YAML 1.1's implicit resolvers (bool, int, float, null, timestamp,
# merge, value) can match a plain scalar; any other plain scalar is a string.
_RESOLVABLE_START = frozenset("0123456789-+.~nNtTfFyYoO<=")


class _Loader(_BaseLoader):
    """The safe loader with a shortcut for the scalars that can only be strings.

    Tag resolution runs in Python once per scalar even with the C parser; most scalars are quoted
    or start with a letter no resolver matches, and skipping the regex list for them halves the
    parse time of a national data set. The result is identical to the stock resolver's.
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and value:
            if not implicit[0] or value[0] not in _RESOLVABLE_START:
                return _STR_TAG
            if value[0] != "0" and value.isascii() and value.isdigit():
                return _INT_TAG  # what the int resolver says for plain decimal digits
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call,no-any-return]

STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)

# PyYAML's problem texts, in the words a data editor needs.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "tanda ':' tidak diharapkan di sini; periksa indentasi, "
     "atau apit teks yang memuat ': ' dengan tanda kutip"),
    ("could not find expected ':'", "tanda ':' yang diharapkan tidak ditemukan; periksa indentasi"),
    ("expected <block end>", "indentasi tidak konsisten"),
    ("did not find expected key", "indentasi tidak konsisten atau tanda '-' salah tempat"),
    ("did not find expected '-' indicator", "butir daftar harus diawali '-' dengan indentasi yang sama"),
    ("found undefined alias", "alias YAML (*nama) tidak diizinkan"),
    ("found unexpected end of stream", "tanda kutip yang dibuka di sini tidak ditutup"),
    ("found unknown escape character", "urutan escape tidak dikenal dalam teks bertanda kutip ganda"),
    ("but found another document", "berkas hanya boleh berisi satu dokumen YAML (hapus '---' tambahan)"),
    ("did not find expected ',' or ']'", "daftar dalam kurung siku tidak ditutup dengan ']'"),
    ("did not find expected ',' or '}'", "pemetaan dalam kurung kurawal tidak ditutup dengan '}'"),
    ("expected a single document", "berkas hanya boleh berisi satu dokumen YAML (hapus '---' tambahan)"),
    ("found character that cannot start any token", "karakter ini tidak boleh mengawali nilai; "
     "apit nilainya dengan tanda kutip"),
    ("found character '\\t' that cannot start any token", "tab tidak diizinkan; gunakan spasi"),
)


class YamlFile:
    """A parsed YAML file: its display path and root node (``None`` when unreadable)."""

    __slots__ = ("path", "problems", "root")

    def __init__(self, path: str, root: yaml.Node | None, problems: list[Problem]) -> None:
        self.path = path
        self.root = root
        self.problems = problems


def _problem(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, "error", message)


def _decode(path: str, data: bytes) -> str | Problem:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return _problem(path, line, col, f"berkas bukan UTF-8: bita 0x{data[exc.start]:02x} tidak sah; "
                        "simpan ulang berkas dengan pengodean UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


_ALIAS_MESSAGE = "anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Errors whose cause is where something was opened (a quote, a bracket), not where the file ended.
_OPENED_AT = ("while scanning a quoted scalar", "while parsing a flow")


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def parse_text(path: str, text: str) -> YamlFile:
    """Parse YAML text into a node tree, or say where and why it cannot be read."""
    tab = _TAB_INDENT.search(text)
    if tab is not None:
        line, col = _line_col(text, tab.end() - 1)
        return YamlFile(path, None, [_problem(path, line, col, "tab tidak diizinkan untuk indentasi; gunakan spasi")])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        context = str(exc.context or "")
        opened = exc.context_mark is not None and context.startswith(_OPENED_AT)
        mark = exc.context_mark if opened else (exc.problem_mark or exc.context_mark)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = str(exc.problem or exc.context or "")
        message = next((hint for key, hint in reversed(_SYNTAX_HINTS) if key in problem), None)
        if message is None:
            message = f"sintaks YAML tidak sah ({problem})"
        return YamlFile(path, None, [_problem(path, line, col, message)])
    except yaml.reader.ReaderError as exc:  # control characters and the like
        # libyaml counts bytes of the UTF-8 encoding; the pure-Python reader counts characters.
        index = exc.position
        if _LIBYAML:
            index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        line, col = _line_col(text, index)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return YamlFile(path, None, [_problem(path, line, col, f"karakter kontrol U+{ord(char):04X} tidak "
                                                              "diizinkan; hapus karakter itu")])
    if root is None:
        return YamlFile(path, None, [_problem(path, 1, 1, "berkas kosong; isinya harus berupa pemetaan YAML")])
    problems: list[Problem] = []
    # Explicit tags need '!' and anchors need '&' in the text: skip the walk when neither appears.
    if "!" in text or "&" in text:
        _check_nodes(path, text, root, problems)
    return YamlFile(path, None if problems else root, problems)


def _first_alias(text: str) -> tuple[int, int]:
    """Where the first alias (``*name``) is; only called once one is known to exist."""
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + 1, token.start_mark.column + 1
    return 1, 1  # pragma: no cover - an alias was found by the composer


def _check_nodes(path: str, text: str, root: yaml.Node, problems: list[Problem]) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            problems.append(_problem(path, *_first_alias(text), _ALIAS_MESSAGE))
            return
        seen.add(id(node))
        if node.tag not in STANDARD_TAGS and node.tag != _MERGE_TAG:  # "<<" is then an unknown key
            mark = node.start_mark
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(_problem(path, mark.line + 1, mark.column + 1,
                                     f'tag YAML "{shown}" tidak diizinkan; data tidak boleh berisi tag'))
            return
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(value)
                stack.append(key)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def load_file(path: Path, display: str) -> YamlFile:
    """Read and parse one file; every failure becomes a located problem, never an exception."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return YamlFile(display, None, [_problem(display, 0, 0, f"berkas tidak dapat dibaca ({exc.strerror})")])
    return parse_bytes(display, data)


def parse_bytes(display: str, data: bytes) -> YamlFile:
    """Decode and parse a file's bytes (from the working tree or a git object) as ``load_file`` does."""
    decoded = _decode(display, data)
    if isinstance(decoded, Problem):
        return YamlFile(display, None, [decoded])
    if not decoded.strip():
        return YamlFile(display, None, [_problem(display, 1, 1, "berkas kosong; isinya harus berupa pemetaan YAML")])
    return parse_text(display, decoded)
