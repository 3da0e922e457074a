"""click's own texts in Bahasa Indonesia: the catalogue matches the pinned click, and leaves out only what a
developer alone can see."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import click

import generator.cli  # noqa: F401 - installs the catalogue
from generator import click_id

DEVELOPER_ONLY = {
    # Raised while commands are declared, never while a user runs one.
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you "
    "mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Invalid start character for option ({option})",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Choice({choices})",
    "Unknown color {colour!r}",
}


def _texts(module_name: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The literal texts a click module passes to ``_`` and ``ngettext``."""
    source = Path(importlib.import_module(module_name).__file__ or "").read_text(encoding="utf-8")
    singles: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and literals:
                singles.add(literals[0])
            elif node.func.id == "ngettext" and len(literals) >= 2:
                pairs.add((literals[0], literals[1]))
    return singles, pairs


def _all_texts() -> tuple[set[str], set[tuple[str, str]]]:
    singles: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for name in click_id.MODULES:
        more_singles, more_pairs = _texts(name)
        singles |= more_singles
        pairs |= more_pairs
    return singles, pairs


def test_catalogue_entries_are_texts_of_the_pinned_click() -> None:
    """An entry that click no longer uses means a click upgrade changed its wording: translate it again."""
    singles, pairs = _all_texts()
    assert set(click_id.MESSAGES) - singles == set()
    assert set(click_id.PLURALS) - pairs == set()


def test_every_text_a_user_can_see_is_translated() -> None:
    singles, pairs = _all_texts()
    assert singles - set(click_id.MESSAGES) - DEVELOPER_ONLY == set()
    assert pairs - set(click_id.PLURALS) == set()


def test_translations_keep_their_placeholders() -> None:
    """A lost ``{name}`` would raise KeyError or drop the option's name from the message."""
    import string

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f} | (
            {"prog", "version"} if "%(prog)s" in text else set())

    for english, indonesian in click_id.MESSAGES.items():
        assert fields(indonesian) == fields(english), english
    for (singular, plural), (one, many) in click_id.PLURALS.items():
        assert fields(one) <= fields(singular) | fields(plural), singular
        assert fields(many) == fields(plural), plural


def test_click_modules_use_the_catalogue() -> None:
    for name in click_id.MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            assert module._ is click_id.gettext, name
    assert click.exceptions.NoSuchOption("--x").format_message() == "Opsi '--x' tidak dikenal."
