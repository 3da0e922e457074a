"""The package's shape: imports go one way (no cycle, no module reaching into another's private
names, no lower layer importing a higher one), and an installed wheel builds the site on its own."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from site_helpers import ROOT

PACKAGE = ROOT / "generator"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("__main__", "cli", "mkdocs_hooks"),  # commands: parse, call the pipeline, report
    ("site",),  # the pipeline: check → render → write → MkDocs → Pagefind
    ("render",),  # the site's page families
    ("opendata", "feeds", "qr"),  # downloads and feeds, used by page families
    ("templating", "charts", "jsonschema_export", "write", "mkdocs_pages"),  # what pages are made with
    ("changes_output", "changes"),  # masterplan diff: two versions of the data compared, and the report
    ("spreadsheet",),  # program.yaml ↔ workbook, through the validator
    ("validate", "scaffold"),  # the data source: YAML → checked model
    ("yaml_source", "yaml_writer", "register", "schema", "settings", "urls", "published", "tallies", "text",
     "vocabulary", "patterns", "gitsource", "click_id", "processes"),
    ("model", "errors", "__init__"),  # the shared core
)
"""Every module of ``generator``, top layer first: a module imports only from its own layer or below
(like an import-linter "layers" contract); within a layer the graph must still have no cycle."""


def _imports(source: str, package: str) -> Iterator[tuple[str, str | None, int]]:
    """(module, name or None, line) for every import of a module of ``package``, wherever it is (also
    inside functions and ``if TYPE_CHECKING``); ``from package import x`` yields module ``x``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == package:
                for alias in node.names:
                    yield alias.name, None, node.lineno
            elif node.module.startswith(package + "."):
                for alias in node.names:
                    yield node.module.split(".")[1], alias.name, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(package + "."):
                    yield alias.name.split(".")[1], None, node.lineno


def _private_uses(source: str, package: str) -> Iterator[str]:
    """``module._name`` and ``from package.module import _name`` for another module's private names."""
    tree = ast.parse(source)
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if node.module == package:
                    bound[alias.asname or alias.name] = alias.name
                elif node.module.startswith(package + ".") and _private(alias.name):
                    yield f"{node.module.split('.')[1]}.{alias.name} (line {node.lineno})"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(package + ".") and alias.asname:
                    bound[alias.asname] = alias.name.split(".")[1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound \
                and _private(node.attr):
            yield f"{bound[node.value.id]}.{node.attr} (line {node.lineno})"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def import_graph(folder: Path) -> dict[str, set[str]]:
    """Each module of the package in ``folder`` and the package modules it imports."""
    modules = {path.stem for path in folder.glob("*.py")}
    return {path.stem: {m for m, _, _ in _imports(path.read_text(encoding="utf-8"), folder.name) if m in modules}
            for path in sorted(folder.glob("*.py"))}


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle (``[a, b, a]``), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target):], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def private_imports(folder: Path) -> list[str]:
    """``importer: module._name`` for every private name one module of the package takes from another."""
    return [f"{path.stem}: {use}" for path in sorted(folder.glob("*.py"))
            for use in _private_uses(path.read_text(encoding="utf-8"), folder.name)]


def layer_breaches(graph: Mapping[str, set[str]], layers: tuple[tuple[str, ...], ...]) -> list[str]:
    """``a -> b`` for every import of a module from a higher layer."""
    rank = {module: i for i, layer in enumerate(layers) for module in layer}
    return [f"{a} -> {b}" for a, targets in sorted(graph.items()) for b in sorted(targets) if rank[b] < rank[a]]


def test_generator_imports_go_one_way() -> None:
    graph = import_graph(PACKAGE)
    assert find_cycle(graph) is None
    assert private_imports(PACKAGE) == []
    assert sorted(m for layer in LAYERS for m in layer) == sorted(graph), "every module has one layer"
    assert layer_breaches(graph, LAYERS) == []


def test_the_process_environment_is_read_in_one_place() -> None:
    """Settings are passed down, not handed over through environment variables: below the commands
    (``cli``, which may read a variable and pass its value on) the package reads the environment only
    for SOURCE_DATE_EPOCH (``site.build_date``, which the commands call)."""
    uses = set()
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owners = {id(inner): f"{path.stem}.{node.name}" for node in ast.walk(tree)
                  if isinstance(node, ast.FunctionDef) for inner in ast.walk(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "putenv"}:
                uses.add(owners.get(id(node), path.stem))
    assert {use for use in uses if not use.startswith("cli")} == {"site.build_date"}


def _package(tmp: Path, files: Mapping[str, str]) -> Path:
    folder = tmp / "pkg"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_checks_catch_a_cycle_a_private_import_and_an_upward_import(tmp_path: Path) -> None:
    folder = _package(tmp_path, {
        "__init__.py": "",
        "low.py": "def helper():\n    from pkg import high\n    return high.run\n",
        "high.py": "from pkg import low\nfrom pkg.low import _secret\nimport pkg.low as lo\nx = lo._other\n",
        "side.py": "from pkg import low\nlow._hidden()\n",
    })
    graph = import_graph(folder)
    assert graph == {"__init__": set(), "low": {"high"}, "high": {"low"}, "side": {"low"}}
    assert find_cycle(graph) == ["high", "low", "high"]
    assert private_imports(folder) == ["high: low._secret (line 2)", "high: low._other (line 4)",
                                       "side: low._hidden (line 2)"]
    assert layer_breaches(graph, (("high", "side"), ("low", "__init__"))) == ["low -> high"]


def test_an_installed_wheel_builds_the_bundled_site(tmp_path: Path) -> None:
    """No checkout: the wheel (templates and theme inside) installed into a folder of its own, run
    from a project holding only mkdocs.yml, the hand-written pages and the data."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copytree(PACKAGE, source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--quiet",
                          "--wheel-dir", str(tmp_path / "dist")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    wheel = next((tmp_path / "dist").glob("masterplan_publisher-*.whl"))
    run = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
                          str(tmp_path / "lib"), str(wheel)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "lib" / "generator" / "theme" / "main.html").is_file()
    assert (tmp_path / "lib" / "generator" / "templates" / "region.html.j2").is_file()

    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "regions", project / "regions")
    shutil.copytree(ROOT / "content", project / "content",
                    ignore=lambda folder, names: [n for n in names if _generated(Path(folder) / n)])
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path / "lib"), "SOURCE_DATE_EPOCH": "1795305600"}
    where = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"], cwd=project,
                           env=env, capture_output=True, text=True, check=True)
    assert where.stdout.strip() == str(tmp_path / "lib" / "generator" / "__init__.py")
    build = subprocess.run([sys.executable, "-m", "generator", "build", "--strict"], cwd=project, env=env,
                           capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "Situs selesai dibangun di site/." in build.stdout
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in home  # generator/theme/main.html, from the installed package
    assert (project / "site" / "kota-tegal" / "quick-win" / "index.html").is_file()
    assert (project / "site" / "assets" / "javascripts" / "mp-tables.js").is_file()


def _generated(path: Path) -> bool:
    """Pages an earlier build wrote into the checkout's content/ (never copied: the build writes them)."""
    relative = path.relative_to(ROOT / "content").as_posix()
    return relative in {"index.md", "wilayah.md", "data", "feed.xml", ".generated.json"} or relative.startswith(
        ("kota-", "kabupaten-", "provinsi"))


@pytest.mark.parametrize("module", ["loopback"])
def test_test_helpers_are_not_in_the_package(module: str) -> None:
    assert not (PACKAGE / f"{module}.py").exists()
    assert (ROOT / "tests" / f"{module}.py").is_file()
