"""The set-up paths the README promises: the two commands, and the dev container that spares editors the install."""

from __future__ import annotations

import json
import re
import tomllib

from fixtures_data import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _first_command() -> str:
    block = README.split("## Two commands", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return next(line for line in block.splitlines() if line and not line.startswith("#"))


def test_first_command_uses_a_virtualenv_and_builds_strictly() -> None:
    """Debian's own python3 refuses pip outside a virtualenv (PEP 668): the first command makes one."""
    assert _first_command() == (
        "python3 -m venv .venv && . .venv/bin/activate && python3 -m pip install -e . && masterplan build --strict")
    assert ".venv/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_ci_runs_the_tests_then_the_build() -> None:
    lines = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines[-2:] == ["bash tests/run.sh", "masterplan build --strict"]


def test_dev_container_installs_the_project_and_forwards_the_preview() -> None:
    config = json.loads((REPO / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    python = re.search(r"python:\d+-(\d+\.\d+)-", config["image"])
    assert python is not None
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["requires-python"] == f">={python[1]}"
    assert config["postCreateCommand"] == "python3 -m pip install -e ."
    assert config["forwardPorts"] == [8000]  # masterplan serve's default --dev-addr 127.0.0.1:8000
    yaml_settings = config["customizations"]["vscode"]["settings"]["[yaml]"]
    assert yaml_settings["editor.insertSpaces"] is True  # the Tab key must not write tabs into YAML


def test_pins_install_on_debian_12_python() -> None:
    """Debian 12's python3 is 3.11.2: pymdown-extensions 13.x needs 3.11.5 (verified with Debian's python3)."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "pymdown-extensions==12.3" in pyproject["project"]["dependencies"]
