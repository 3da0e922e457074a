"""click's own messages (usage, errors, help headings) in Bahasa Indonesia.

click marks every text it prints with gettext (``from gettext import gettext as _`` in each module), as a
translation catalogue would expect; Python's gettext can only read compiled ``.mo`` files, so instead each
click module's ``_`` and ``ngettext`` are pointed at this catalogue. Texts not in it (errors in how a command
is declared, which only a developer sees) stay in English. ``tests/test_cli_language.py`` checks that every
entry still matches a text in the pinned click, and that every text a user can reach is translated.
"""

from __future__ import annotations

import importlib
from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # usage and help
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "env var: {var}": "variabel lingkungan: {var}",
    "default: {default}": "bawaan: {default}",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    # errors
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Bantuan: '{command} {option}'.",
    "Aborted!": "Dibatalkan.",
    "Missing command.": "Perintah belum disebutkan.",
    "No such option {name!r}.": "Opsi {name!r} tidak dikenal.",
    "No such command {name!r}.": "Perintah {name!r} tidak dikenal.",
    "Missing argument": "Argumen belum diisi",
    "Missing option": "Opsi belum diisi",
    "Missing parameter": "Parameter belum diisi",
    "Missing {param_type}": "{param_type} belum diisi",
    "Missing parameter: {param_name}": "Parameter belum diisi: {param_name}",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "unknown error": "galat tak dikenal",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "Value must be an iterable.": "Nilai harus berupa daftar.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} bukan nilai ya/tidak yang sah. Yang dikenal: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "file": "Berkas",
    "directory": "Folder",
    "path": "Path",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    # prompts (no command asks today; kept so that a future one speaks Indonesian too)
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tanpa ditanya.",
    "Repeat for confirmation": "Ulangi untuk memastikan",
    "Error: The two entered values do not match.": "Galat: kedua isian tidak sama.",
    "Error: invalid input": "Galat: isian tidak sah",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan...",
}
"""click's text (gettext msgid) → its Indonesian."""

PLURALS: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Argumen berlebih ({args})", "Argumen berlebih ({args})"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Mungkin maksudnya {possibility}?", "(Mungkin maksudnya salah satu dari: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Opsi {name!r} memerlukan nilai.", "Opsi {name!r} memerlukan {nargs} nilai."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} bukan {choice}.", "{value!r} bukan salah satu dari {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} tidak sesuai format {format}.", "{value!r} tidak sesuai format {formats}."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Memerlukan {nargs} nilai, tetapi diberi 1.", "Memerlukan {nargs} nilai, tetapi diberi {len}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("Diperlukan {len_type} nilai, tetapi diberi {len_value}.",
         "Diperlukan {len_type} nilai, tetapi diberi {len_value}."),
}
"""click's singular and plural texts → their Indonesian (Indonesian nouns do not change in the plural)."""

MODULES: Final = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
                  "click.types", "click.termui")
"""The click modules whose texts a user of the command line can see."""


def gettext(message: str) -> str:
    """The Indonesian of one of click's texts, or the text itself."""
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The Indonesian of one of click's singular/plural pairs, or click's own choice between them."""
    found = PLURALS.get((singular, plural))
    if found is None:
        return singular if n == 1 else plural
    return found[0] if n == 1 else found[1]


def install() -> None:
    """Point click's gettext names at this catalogue; done once, before any command is declared."""
    for name in MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
