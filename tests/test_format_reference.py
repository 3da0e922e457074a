"""docs/FORMAT.md, the data-format reference in the repository, cannot drift from the code that enforces it.

Its key tables are generated from generator/schema.py (regenerate on purpose with ``UPDATE_GOLDEN=1``), its
examples pass ``masterplan check --strict`` and together use every key the tables list.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import format_reference
import yaml
from fixtures_data import REPO, CliRun

DOC = REPO / "docs" / "FORMAT.md"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
EXAMPLE = re.compile(r'```yaml title="(?P<name>[a-z.]+)"\n(?P<body>.*?)```', re.DOTALL)


def test_key_tables_are_generated_from_the_schema() -> None:
    """Every block equals what the declarations give; run with UPDATE_GOLDEN=1 after changing schema.py."""
    text = DOC.read_text(encoding="utf-8")
    fresh = format_reference.refresh(text)
    if UPDATE and fresh != text:
        DOC.write_text(fresh, encoding="utf-8")
        text = fresh
    assert fresh == text, "docs/FORMAT.md is out of date: UPDATE_GOLDEN=1 pytest tests/test_format_reference.py"
    names = [match["name"] for match in format_reference.BLOCK.finditer(text)]
    assert names == ["masterplan.yaml", "program.yaml", "elemen", "evaluasi.yaml", "dihapus.yaml"]


def test_readme_links_the_reference_in_the_repository() -> None:
    """The README sends readers to docs/FORMAT.md, not to a file outside the repository."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/FORMAT.md)" in readme
    assert "../shared/" not in readme


def _examples() -> dict[str, str]:
    return {match["name"]: match["body"] for match in EXAMPLE.finditer(DOC.read_text(encoding="utf-8"))}


def test_examples_pass_strict_check(tmp_path: Path, monkeypatch: Any, run_cli: Callable[..., CliRun]) -> None:
    """The examples make a region (and a removals file) that is valid with no warning."""
    examples = _examples()
    assert sorted(examples) == ["dihapus.yaml", "evaluasi.yaml", "masterplan.yaml", "program.yaml"]
    region = tmp_path / "regions" / "kota-contoh-sentosa"
    region.mkdir(parents=True)
    for name, body in examples.items():
        (region.parent if name == "dihapus.yaml" else region).joinpath(name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--strict", "--regions", "regions")
    assert result.lines == ["Valid: 1 wilayah, 1 program, 0 peringatan."]


def _paths(value: object, prefix: str, maps: dict[str, str]) -> Iterator[str]:
    """Key paths in the tables' notation (``a[].b``, ``dimensi.<dimensi>.c``) of a loaded example; ``maps``
    names the mappings whose keys are values (dimensions), and how their keys are written (empty: not at all)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            parent = prefix.rstrip(".")
            if parent in maps:
                if maps[parent]:
                    yield from _paths(inner, f"{prefix}{maps[parent]}.", maps)
                continue
            yield prefix + key
            yield from _paths(inner, f"{prefix}{key}.", maps)
    elif isinstance(value, list):
        for item in value:
            yield from _paths(item, prefix.rstrip(".") + "[].", maps)


def test_examples_use_every_key() -> None:
    """Each example shows every key its file's table lists."""
    examples = _examples()
    maps = {"dimensi": "<dimensi>", "evaluasi[].per_dimensi": ""}
    for name in ("masterplan.yaml", "program.yaml", "evaluasi.yaml", "dihapus.yaml"):
        listed = {row[0] for row in format_reference._rows(format_reference.FILES[name], "")}
        used = set(_paths(yaml.safe_load(examples[name]), "", maps))
        assert listed - used == set(), name
        assert used - listed == set(), name
