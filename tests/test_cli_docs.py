"""Every ``masterplan`` subcommand explains itself in ``--help`` and is documented in README.md."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from generator.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"
COMMANDS = sorted(cli.commands)


def test_there_are_subcommands() -> None:
    assert COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_subcommand_has_help_text(name: str) -> None:
    command = cli.commands[name]
    assert (command.help or "").strip(), f"'masterplan {name}' has no help text (docstring)"
    assert command.get_short_help_str().strip()


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help_text(name: str) -> None:
    for param in cli.commands[name].params:
        if isinstance(param, click.Option):
            assert (param.help or "").strip(), f"'masterplan {name} {param.opts[0]}' has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_subcommand_is_in_readme(name: str) -> None:
    assert README.is_file(), "README.md is missing"
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"(?<![\w-])masterplan\s+{re.escape(name)}(?![\w-])", text), (
        f"README.md does not mention 'masterplan {name}'"
    )
