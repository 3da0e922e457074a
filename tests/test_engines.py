"""The site under another engine: ProperDocs (the maintained fork of MkDocs 1.6) builds the same pages,
and the theme still renders where the project's MkDocs hook is absent (README: "Engine policy")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import ROOT, TODAY, make_project

from generator import site

MKDOCS_TAG = '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'
PROPERDOCS_TAG = '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'
_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> site.Project:
    """The bundled regions' pages written into a throw-away project's content/."""
    project = make_project(tmp_path_factory.mktemp("engines"), ROOT / "regions")
    site.check_and_generate(project, TODAY, strict=True)
    return project


def _engine_build(engine: str, project: site.Project, out: Path) -> None:
    run = subprocess.run([sys.executable, "-m", engine, "build", "--strict", "--config-file", "mkdocs.yml",
                          "--site-dir", str(out)], cwd=project.config.parent, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(generated: site.Project, tmp_path: Path) -> None:
    _engine_build("mkdocs", generated, tmp_path / "mkdocs")
    _engine_build("properdocs", generated, tmp_path / "properdocs")
    mkdocs, properdocs = _files(tmp_path / "mkdocs"), _files(tmp_path / "properdocs")
    assert sorted(properdocs) == sorted(mkdocs)
    pages = [path for path in mkdocs if path.endswith(".html")]
    assert len(pages) > 60 and "kota-tegal/quick-win/index.html" in pages
    for path in pages:
        ours, theirs = mkdocs[path].decode(), properdocs[path].decode()
        assert _GENERATOR.findall(ours) == [MKDOCS_TAG], path
        assert _GENERATOR.findall(theirs) == [PROPERDOCS_TAG], path
        assert theirs.replace(PROPERDOCS_TAG, MKDOCS_TAG) == ours, path
    for path in mkdocs.keys() - set(pages):
        assert properdocs[path] == mkdocs[path], path


def test_masterplan_build_with_properdocs_publishes_the_same_site(generated: site.Project, tmp_path: Path) -> None:
    """``masterplan build --engine properdocs``: the whole site, its search index included, is the one
    MkDocs makes but for the generator tag. A process of its own each: ProperDocs takes over every
    ``mkdocs`` import of the process that chooses it."""
    folder = generated.config.parent
    for engine in site.ENGINES:
        run = subprocess.run([sys.executable, "-m", "generator", "build", "--strict", "--engine", engine,
                              "--site-dir", str(tmp_path / engine)], cwd=folder, capture_output=True, text=True,
                             check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert run.returncode == 0, run.stdout + run.stderr
        # (then, until the publishing job records them, the list of the site's new addresses)
        assert f"Situs selesai dibangun di {tmp_path / engine}/." in run.stdout.splitlines()
    mkdocs, properdocs = _files(tmp_path / "mkdocs"), _files(tmp_path / "properdocs")
    assert sorted(properdocs) == sorted(mkdocs)
    assert any(path.startswith("pagefind/") for path in mkdocs)
    for path, data in mkdocs.items():
        if path.endswith(".html"):
            assert properdocs[path].decode() == data.decode().replace(MKDOCS_TAG, PROPERDOCS_TAG), path
        else:
            assert properdocs[path] == data, path


def test_choosing_properdocs_after_mkdocs_is_loaded_is_refused() -> None:
    """In one process the engines cannot be mixed: MkDocs loaded first, then ProperDocs chosen, is an error."""
    code = ("import mkdocs.config\nfrom generator import site\n"
            "try:\n    site.use_engine('properdocs')\nexcept Exception as exc:\n    print(exc)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.stdout == "MkDocs sudah dimuat (mkdocs.config); mesin ProperDocs harus dipilih sebelumnya\n"


def test_theme_renders_without_the_page_hook(generated: site.Project, tmp_path: Path) -> None:
    """An engine without this project's hook (here MkDocs told to load none) still gets every page from
    the theme: the blocks it would render once are rendered on every page, the navigation drawer is the
    plain one. (The generated bodies are then read as Markdown; MkDocs reports their relative links.)"""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(generated.config), site_dir=str(tmp_path / "site"), hooks=[])
    assert config["hooks"] == {}
    build(config)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    region = (tmp_path / "site" / "kota-tegal" / "index.html").read_text(encoding="utf-8")
    for page in (home, region):
        assert 'class="md-search" data-mp-search role="dialog"' in page  # partials/search.html
        assert 'src="' in page and "assets/javascripts/pagefind-search.js" in page  # partials/mp-scripts.html
        assert 'data-md-color-scheme="default"' in page  # partials/mp-palette.html
        assert '<nav class="md-nav md-nav--primary" aria-label="Navigasi" data-md-level="0">' in page
        assert '<label class="md-nav__title" for="__drawer">Masterplan Smart City</label>' in page
    assert re.search(r'<a href="data/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Data terbuka\s*</span>',
                     home)  # the drawer's links (not compacted: that is the hook's too)
    assert "Masterplan Smart City Kota Tegal</h1>" in region
