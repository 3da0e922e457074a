"""Safe, line-aware YAML: nodes keep their marks; tags, aliases and duplicate keys are refused.

Only ``yaml.compose`` is used: the node tree is never constructed into Python objects by PyYAML,
so no tag can ever run code, and an alias is caught the second time its node is reached instead of
being expanded (a "billion laughs" file is refused in linear time and memory).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
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

    __slots__ = ("path", "problems", "root", "run_on")

    def __init__(self, path: str, root: yaml.Node | None, problems: list[Problem],
                 run_on: dict[int, tuple[int, int]] | None = None) -> None:
        self.path = path
        self.root = root
        self.problems = problems
        self.run_on = run_on or {}
        """Line of a ``key: text`` → (line, column) of a later line starting with ``- `` that YAML read as
        more of that text (as when the ``misi:`` line above a list is deleted)."""


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
    if _TAB_INDENT.search(text) is not None:
        return YamlFile(path, None, _tab_problems(path, text))
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        context = str(exc.context or "")
        opened = exc.context_mark is not None and context.startswith(_OPENED_AT)
        mark = exc.context_mark if opened else (exc.problem_mark or exc.context_mark)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = str(exc.problem or exc.context or "")
        message = next((hint for key, hint in reversed(_SYNTAX_HINTS) if key in problem), None)
        if problem.startswith(_INDENT_PROBLEMS) and exc.problem_mark is not None:
            slip = _indent_slip(text, exc.problem_mark.line, problem.startswith("mapping values"))
            if slip is not None:
                line, col, message = slip
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
    return YamlFile(path, None if problems else root, problems, _run_on(text))


# A "key: text" line, then lines indented deeper than it, one of which starts with "- ": in a file that
# parsed, those lines can only be more of the text (a list there would be a syntax error).
# The look-ahead keeps each match to its key line, so a key line inside another's deeper lines is tried too.
# Each part matches a line in one way only: an ambiguous one (" +[^\n]*") backtracks exponentially in the lines.
# Key lines that open a list item ("- nama: x") are left out: their item's other keys are deeper than the dash,
# so each would scan its whole item, and a list's first key is rarely the one whose list lost its key line.
_RUN_ON = re.compile(r"^( *)[A-Za-z_][\w-]*: +[^\s#'\"\[{|>!&*][^\n]*(?=\n(?:\1 [^\n]*\n)*?(?P<dash>\1 +)- )",
                     re.MULTILINE)


def _run_on(text: str) -> dict[int, tuple[int, int]]:
    """Candidates only: validation keeps those whose "- " line lies inside the text value YAML read."""
    found: dict[int, tuple[int, int]] = {}
    for match in _RUN_ON.finditer(text):
        found[text.count("\n", 0, match.start()) + 1] = _line_col(text, match.end("dash"))
    return found


_INDENT_PROBLEMS = ("expected <block end>", "did not find expected key", "did not find expected '-' indicator",
                    "mapping values are not allowed")
_LIST_ITEM = re.compile(r"- +|-$")


def _content_indent(line: str) -> int:
    """Column (0-based) where a line's key or value starts, after its indentation and any ``- ``."""
    indent = len(line) - len(line.lstrip(" "))
    while (dash := _LIST_ITEM.match(line, indent)) is not None and dash.end() < len(line):
        indent = dash.end()
    return indent


def _code_lines(lines: list[str], before: int) -> Iterator[tuple[int, str]]:
    """The lines above ``before`` that hold YAML (not blank, not a comment), nearest first."""
    for number in range(before - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            yield number, lines[number]


def _opens_block(line: str) -> bool:
    """Whether a line ends with a key whose value follows on the next lines (``periode:``)."""
    return line.split(" #", 1)[0].rstrip().endswith(":")


def _indent_slip(text: str, number: int, deeper_only: bool) -> tuple[int, int, str] | None:
    """When the line a parser error points at is indented unlike any line it could belong to,
    say by how much and to what it should be changed; ``None`` when that is not the cause."""
    lines = text.split("\n")
    if number >= len(lines):
        return None
    line = lines[number]
    indent = len(line) - len(line.lstrip(" "))
    above = list(_code_lines(lines, number))
    if not line.strip() or not above:
        return None
    previous_number, previous = above[0]
    sibling = _content_indent(previous)
    if _opens_block(previous) and indent > sibling:
        return None  # the first line of a block may be indented as deep as it likes
    is_item = line.lstrip(" ").startswith("-")
    # Indentations the line could have: its kind's (list item or key) on any line above.
    known: dict[int, int] = {}
    for other_number, other in above:
        other_indent = len(other) - len(other.lstrip(" "))
        if is_item and other.lstrip(" ").startswith("-"):
            known.setdefault(other_indent, other_number)
        elif not is_item:
            known.setdefault(_content_indent(other), other_number)
    if indent in known or (deeper_only and indent <= sibling):
        return None
    if not is_item and indent > sibling:
        target = sibling
    else:
        # Nearest known indentation; on a tie, the line above's, then the deeper one.
        target = min(known, key=lambda k: (abs(k - indent), k != sibling, -k), default=sibling)
    like = known.get(target, previous_number)
    shown = lines[like].strip()
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return number + 1, indent + 1, (f"indentasi tidak sejajar: baris ini menjorok {indent} spasi; buat menjorok "
                                    f'{target} spasi, sejajar dengan baris {like + 1} ("{shown}")')


def _tab_problems(path: str, text: str) -> list[Problem]:
    """One problem per line indented with a tab, each saying how many spaces to write instead."""
    lines = text.split("\n")
    fixed: list[str] = []  # the lines as they read once the earlier tabs are replaced
    problems = []
    for number, line in enumerate(lines):
        tab = _TAB_INDENT.match(line)
        if tab is None:
            fixed.append(line)
            continue
        above = next(_code_lines(fixed, number), None)
        spaces = 0
        if above is not None:
            spaces = _content_indent(above[1]) + (2 if _opens_block(above[1]) else 0)
        rest = line.lstrip(" \t")
        fixed.append(" " * spaces + rest)
        problems.append(_problem(path, number + 1, tab.end(), f"tab tidak diizinkan untuk indentasi; ganti "
                                                              f"awal baris ini dengan {spaces} spasi"))
    return problems


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


LINK_MESSAGE = ("tautan simbolik (symlink) tidak diizinkan sehingga tidak diikuti dan tidak dibaca; data harus "
                "berupa berkas dan folder biasa di dalam folder data: ganti tautan ini dengan berkas atau folder "
                "yang sebenarnya")

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)  # never through a link; a pipe never blocks


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file, opened without following a link (a link swapped in after the folder
    was listed fails with ELOOP instead of being read)."""
    fd = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "bukan berkas biasa")
        return handle.read()


def load_file(path: Path, display: str) -> YamlFile:
    """Read and parse one file; every failure becomes a located problem, never an exception."""
    try:
        data = _read_regular(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return YamlFile(display, None, [_problem(display, 0, 0, LINK_MESSAGE)])
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
