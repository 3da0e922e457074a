"""Writing pages and building real sites with MkDocs."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.utils import meta
from site_helpers import GOLDEN_REGIONS, ROOT, load, make_project

from generator import site
from generator.cli import cli
from generator.errors import PublishError
from generator.mkdocs_pages import _toc_tokens, compact, front_matter
from generator.templating import Page
from generator.write import MANIFEST, write_pages


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(project: site.Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--regions", str(project.regions), "--config", str(project.config)])
    return result.exit_code, result.output


def test_writer_writes_only_changed_files(tmp_path: Path) -> None:
    content = tmp_path / "content"
    first = write_pages(content, [Page("a/index.md", "A\n"), Page("b.md", "B\n")])
    assert first.written == ("a/index.md", "b.md")
    mtime = (content / "b.md").stat().st_mtime_ns
    second = write_pages(content, [Page("a/index.md", "A2\n"), Page("b.md", "B\n")])
    assert second.written == ("a/index.md",)
    assert second.unchanged == 1
    assert (content / "b.md").stat().st_mtime_ns == mtime


def test_writer_removes_only_its_own_stale_pages(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "panduan").mkdir(parents=True)
    (content / "panduan" / "index.md").write_text("tulisan tangan\n", encoding="utf-8")
    write_pages(content, [Page("kota-x/index.md", "X\n"), Page("kota-x/quick-win/a.md", "A\n")])
    report = write_pages(content, [Page("kota-y/index.md", "Y\n")])
    assert report.removed == ("kota-x/index.md", "kota-x/quick-win/a.md")
    assert not (content / "kota-x").exists()
    assert (content / "panduan" / "index.md").read_text(encoding="utf-8") == "tulisan tangan\n"
    assert (content / MANIFEST).is_file()


def test_writer_refuses_to_overwrite_hand_written_pages(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "tentang.md").write_text("tulisan tangan\n", encoding="utf-8")
    with pytest.raises(PublishError, match=r"halaman tulisan tangan akan tertimpa: tentang\.md"):
        write_pages(content, [Page("tentang.md", "hasil\n")])
    assert (content / "tentang.md").read_text(encoding="utf-8") == "tulisan tangan\n"


@pytest.mark.parametrize("path", ["../luar.md", "/etc/x.md", "a/../../b.md", "a\\b.md", "a/.x.md", "a.txt", "a.html"])
def test_writer_stays_inside_content(tmp_path: Path, path: str) -> None:
    with pytest.raises(PublishError, match="jalur halaman tidak aman"):
        write_pages(tmp_path / "content", [Page(path, "x\n")])
    assert not (tmp_path / "luar.md").exists()


def test_removed_programme_leaves_no_stale_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, GOLDEN_REGIONS)
    assert _run(project, "generate")[0] == 0
    page = project.content / "kota-uji-coba" / "quick-win" / "sampah-pintar.md"
    assert page.is_file()
    programs = project.regions / "kota-uji-coba" / "program.yaml"
    text = programs.read_text(encoding="utf-8")
    start = text.index("  - id: sampah-pintar")
    end = text.index("  - id: portal-data")
    programs.write_text(text[:start] + text[end:], encoding="utf-8")
    # Without a register of published URLs (a fresh data set; generate never writes one), nothing asks
    # for the old page to stay.
    assert not (project.regions / "published-urls.txt").exists()
    code, output = _run(project, "generate")
    assert code == 0, output
    # The page, its own two downloads, and the page of the dimension it was the only programme of.
    assert "4 dihapus" in output
    assert not page.exists()


def test_deleted_region_leaves_no_stale_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    assert _run(project, "generate")[0] == 0
    assert (project.content / "kota-tegal" / "index.md").is_file()
    shutil.rmtree(project.regions / "kota-tegal")
    (project.regions / "published-urls.txt").unlink()  # see test_urls.py for the published case
    assert _run(project, "generate")[0] == 0
    assert not (project.content / "kota-tegal").exists()
    assert (project.content / "tentang.md").is_file()


def test_invalid_data_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path, GOLDEN_REGIONS)
    assert _run(project, "generate")[0] == 0
    before = _tree(project.content)
    programs = project.regions / "kota-uji-coba" / "program.yaml"
    programs.write_text(programs.read_text(encoding="utf-8").replace("status: rencana", "status: selsai"),
                        encoding="utf-8")
    code, output = _run(project, "generate")
    assert code == 1
    assert "Tidak ada yang ditulis" in output
    assert _tree(project.content) == before


def test_build_fails_on_invalid_data_and_keeps_the_published_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, GOLDEN_REGIONS)
    site_dir = tmp_path / "site"
    code, output = _run(project, "build", "--site-dir", str(site_dir))
    assert code == 0, output
    before = _tree(site_dir)
    (project.regions / "kota-uji-coba" / "masterplan.yaml").write_text("versi_format: 1\n", encoding="utf-8")
    code, output = _run(project, "build", "--site-dir", str(site_dir))
    assert code == 1
    assert _tree(site_dir) == before


def test_sample_site_builds_strict(tmp_path: Path) -> None:
    """The bundled regions pass `masterplan build --strict`: valid data, no broken link or anchor."""
    project = make_project(tmp_path, ROOT / "regions")
    site_dir = tmp_path / "site"
    code, output = _run(project, "build", "--strict", "--site-dir", str(site_dir))
    assert code == 0, output
    for url in ["index.html", "kota-harapan-jaya/index.html", "kota-harapan-jaya/smart-governance/index.html",
                "kota-harapan-jaya/roadmap/index.html", "kota-harapan-jaya/quick-win/index.html",
                "kota-harapan-jaya/quick-win/qris-retribusi-pasar/index.html",
                "kota-harapan-jaya/analisis/index.html", "kota-tegal/index.html", "panduan/index.html"]:
        assert (site_dir / url).is_file(), url
    html = (site_dir / "kota-harapan-jaya/quick-win/aplikasi-pengaduan-warga/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../aplikasi-lapor-harja/">' in html
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in home
    assert "fonts.googleapis.com" not in home
    # Search is Pagefind's, indexed in Indonesian from the articles only; no lunr index any more.
    assert not (site_dir / "search" / "search_index.json").exists()
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["page_count"] > 30  # empty sections are not pages (issue 19)
    assert '<article class="md-content__inner md-typeset" data-pagefind-body' in home
    assert "data-pagefind-body" not in html  # the redirect of a renamed Quick Win is not a search result
    assert "data-pagefind-body" not in (site_dir / "404.html").read_text(encoding="utf-8")


def test_failed_search_index_keeps_the_published_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, GOLDEN_REGIONS)
    site_dir = tmp_path / "site"
    code, output = _run(project, "build", "--site-dir", str(site_dir))
    assert code == 0, output
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    before = _tree(site_dir)

    def broken(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        assert command[command.index("-m") + 1] == "pagefind"  # possibly behind processes.with_parent
        return subprocess.CompletedProcess(command, 1, "", "Error: rusak\n")

    monkeypatch.setattr(site.subprocess, "run", broken)
    code, output = _run(project, "build", "--site-dir", str(site_dir))
    assert code == 1
    assert "galat: Pagefind gagal membuat indeks pencarian (kode 1):\nError: rusak" in output
    assert _tree(site_dir) == before
    assert not (tmp_path / "site.baru").exists()
    assert not (tmp_path / "site.cari").exists()


def test_search_index_built_beside_mkdocs_equals_the_index_of_the_built_site(tmp_path: Path) -> None:
    """The index is made from the articles while MkDocs builds (generator/site.py, _SearchIndex); it must
    be exactly what Pagefind makes from the finished site: same pages, titles, words, anchors."""
    project = make_project(tmp_path, ROOT / "regions")
    # A page that is not an index.md with an image: MkDocs writes the image's address relative to the
    # page's own folder (tanpa-judul/), and Pagefind keeps the first image of a result.
    (project.content / "tanpa-judul.md").write_text("Halaman *tulisan tangan* tanpa judul.\n\n"
                                                    "![Gambar uji](assets/uji.png)\n", encoding="utf-8")
    shutil.copyfile(ROOT / "tests" / "data" / "pixel.png", project.content / "assets" / "uji.png")
    site_dir = tmp_path / "site"
    code, output = _run(project, "build", "--site-dir", str(site_dir))
    assert code == 0, output
    assert not (tmp_path / "site.cari").exists()
    reference = tmp_path / "dari-situs"
    site.pagefind_index(site_dir, output=reference)
    built = _tree(site_dir / "pagefind")
    assert built == _tree(reference)
    fragments = [name for name in built if name.startswith("fragment/")]
    assert len(fragments) > 30


def test_a_build_that_stops_while_writing_pages_stops_its_search_index(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The index starts from the rendered pages before they are written (site.SearchStart): when writing
    then fails, the indexer and its Pagefind are stopped and its work folder is gone."""
    project = make_project(tmp_path, ROOT / "regions")
    (project.content / "kota-tegal").mkdir()
    (project.content / "kota-tegal" / "index.md").write_text("tulisan tangan\n", encoding="utf-8")
    started: list[site._SearchIndex] = []
    original = site._SearchIndex.start.__func__  # type: ignore[attr-defined]

    def start(cls: type[site._SearchIndex], *args: object) -> site._SearchIndex | None:
        index = original(cls, *args)
        started.append(index)
        return index

    monkeypatch.setattr(site._SearchIndex, "start", classmethod(start))
    code, output = _run(project, "build", "--site-dir", str(tmp_path / "site"))
    assert code == 1
    assert "galat: halaman tulisan tangan akan tertimpa: kota-tegal/index.md" in output
    assert len(started) == 1 and started[0].process.exitcode is not None  # started, then stopped
    assert not (tmp_path / "site").exists()
    assert not (tmp_path / "site.cari").exists()
    assert (project.content / "kota-tegal" / "index.md").read_text(encoding="utf-8") == "tulisan tangan\n"


def test_configuration_problems_are_reported_once_and_in_indonesian(tmp_path: Path) -> None:
    """The early search index loads mkdocs.yml quietly: its warnings come once, from MkDocs' own build,
    and under --strict they fail the build with the Indonesian message."""
    project = make_project(tmp_path, ROOT / "regions")
    project.config.write_text(project.config.read_text(encoding="utf-8") + "kunci_tak_dikenal: 1\n",
                              encoding="utf-8")
    warning = "WARNING - Config value 'kunci_tak_dikenal': Unrecognised configuration name: kunci_tak_dikenal"
    # A real process: in-process, pytest's log capture would swallow a second, unformatted report.
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--regions", str(project.regions),
                           "--config", str(project.config), "--site-dir", str(tmp_path / "site")],
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert output.count("kunci_tak_dikenal") == 2 and warning in output, output  # one line
    code, output = _run(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert code == 1
    assert "galat: MkDocs gagal: Aborted with 1 configuration warnings in 'strict' mode!" in output, output
    assert output.count("kunci_tak_dikenal") == 2 and warning in output, output
    assert not (tmp_path / "site.cari").exists()


def test_without_fork_the_index_is_made_after_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, GOLDEN_REGIONS)
    monkeypatch.setattr(site.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    site_dir = tmp_path / "site"
    code, output = _run(project, "build", "--site-dir", str(site_dir))
    assert code == 0, output
    reference = tmp_path / "dari-situs"
    site.pagefind_index(site_dir, output=reference)
    assert _tree(site_dir / "pagefind") == _tree(reference)
    assert not (tmp_path / "site.cari").exists()


def test_strict_build_checks_anchors_of_markdown_links(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    (project.content / "tentang.md").write_text("# Tentang\n\n[rusak](kota-tegal/index.md#tidak-ada)\n",
                                                encoding="utf-8")
    code, output = _run(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert code == 1
    assert ("WARNING - Doc file 'tentang.md' contains a link 'kota-tegal/index.md#tidak-ada', but the doc "
            "'kota-tegal/index.md' does not contain an anchor '#tidak-ada'.") in output


def test_relative_site_dir_is_taken_from_where_the_command_runs(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "proyek", GOLDEN_REGIONS)
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, output = _run(project, "build", "--site-dir", "keluaran")
    assert code == 0, output
    assert (elsewhere / "keluaran" / "pagefind" / "pagefind.js").is_file()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keluaran"]


def test_strict_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    (project.content / "tentang.md").write_text("# Tentang\n\n[rusak](tidak-ada.md)\n", encoding="utf-8")
    code, output = _run(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert code == 1
    assert "WARNING - Doc file 'tentang.md' contains a link 'tidak-ada.md', but the target is not found" in output
    assert "galat: MkDocs gagal: Aborted with 1 warnings in strict mode!" in output
    assert not (tmp_path / "site").exists()
    assert not (tmp_path / "site.cari").exists()  # the search index started beside MkDocs is dropped


def test_html_pages_get_their_links_checked(tmp_path: Path) -> None:
    """Pages written as HTML (``format: html``, as the generator writes them) skip Python-Markdown; the
    hook still checks their links and anchors as MkDocs checks Markdown links, and builds their TOC."""
    project = make_project(tmp_path, ROOT / "regions")
    (project.content / "tentang.md").write_text(
        "---\ntitle: Tentang\nformat: html\n---\n<h1>Tentang</h1>\n"
        '<h2 id="_satu">Satu &amp; dua<a class="headerlink" href="#_satu" title="x">&para;</a></h2>\n'
        '<h3 id="_tiga">Tiga<a class="headerlink" href="#_tiga" title="x">&para;</a></h3>\n'
        '<p><a href="../kota-tegal/">ada</a> <a href="../kota-tegal/#_identitas">ada</a> <a href="#_tiga">ada</a> '
        '<a href="../kota-tegal/feed.xml">ada</a> <a href="../">ada</a> <a href="https://contoh.go.id/x">luar</a> '
        '<a href="../kota-tegal/?tab=1">ada</a> <a href="../kota-tegal/%72oadmap/">ada</a></p>\n'
        '<p><a href="../tidak-ada/">rusak</a> <a href="../kota-tegal/#_tidak-ada">rusak</a> '
        '<a href="#_hilang">rusak</a> <a href="../../../luar/">rusak</a></p>\n', encoding="utf-8")
    site_dir = tmp_path / "site"
    code, output = _run(project, "build", "--strict", "--site-dir", str(site_dir))
    assert code == 1
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING - Doc file 'tentang.md' contains a link '../tidak-ada/', but the target 'tidak-ada/' "
        "is not a page or file of the site.",
        "WARNING - Doc file 'tentang.md' contains a link '../../../luar/', but the target '../../luar/' "
        "is not a page or file of the site.",
        "WARNING - Doc file 'tentang.md' contains a link '#_hilang', but there is no such anchor on this page.",
        "WARNING - Doc file 'tentang.md' contains a link '../kota-tegal/#_tidak-ada', but the doc "
        "'kota-tegal/index.md' does not contain an anchor '#_tidak-ada'.",
    ]
    assert not site_dir.exists()
    # Without the broken links the same page builds, passed through as written, with its TOC.
    source = (project.content / "tentang.md").read_text(encoding="utf-8")
    (project.content / "tentang.md").write_text(source.rsplit("<p>", 1)[0], encoding="utf-8")
    assert _run(project, "build", "--strict", "--site-dir", str(site_dir))[0] == 0
    html = (site_dir / "tentang" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../kota-tegal/#_identitas">ada</a>' in html
    toc = html.split('data-md-component="toc"', 1)[1].split("</nav>\n", 2)
    assert 'href="#_satu"' in toc[0] and "Satu &amp; dua" in toc[0] and 'href="#_tiga"' in toc[0]


def test_quick_win_files_reach_the_site_and_links_to_them_are_checked(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each Quick Win's JSON, CSV and QR code go into the site beside MkDocs (the page hook), byte for byte
    as generated; a link to one that does not exist still fails the strict build."""
    monkeypatch.setenv("MASTERPLAN_SITE_URL", "https://smartcity.contoh.go.id/")
    project = make_project(tmp_path, ROOT / "regions")
    site_dir = tmp_path / "site"
    code, output = _run(project, "build", "--strict", "--site-dir", str(site_dir))
    assert code == 0, output
    made = sorted(p.relative_to(project.content).as_posix() for p in project.content.rglob("*")
                  if p.is_file() and ("/data/quick-win/" in p.as_posix() or p.name == "kode-qr.svg"))
    assert len(made) == 15  # the demo's 5 Quick Wins: JSON, CSV and QR code each
    for path in made:
        assert (site_dir / path).read_bytes() == (project.content / path).read_bytes(), path
    (project.content / "tentang.md").write_text(
        "---\ntitle: Tentang\nformat: html\n---\n<h1>Tentang</h1>\n"
        '<p><a href="../kota-harapan-jaya/data/quick-win/qris-retribusi-pasar.json">ada</a> '
        '<a href="../kota-harapan-jaya/quick-win/qris-retribusi-pasar/kode-qr.svg">ada</a> '
        '<a href="../kota-harapan-jaya/data/quick-win/tidak-ada.csv">rusak</a></p>\n', encoding="utf-8")
    code, output = _run(project, "build", "--strict", "--site-dir", str(tmp_path / "site2"))
    assert code == 1
    assert [line for line in output.splitlines() if line.startswith("WARNING")] == [
        "WARNING - Doc file 'tentang.md' contains a link '../kota-harapan-jaya/data/quick-win/tidak-ada.csv', but "
        "the target 'kota-harapan-jaya/data/quick-win/tidak-ada.csv' is not a page or file of the site."]


def test_compact_keeps_line_breaks_and_preformatted_text() -> None:
    html = "<div>\n    <p>a</p>\n\n   \n<pre><code>regions/\n  kota-x/\n</code></pre>\n  <span>b</span> c\n</div>"
    assert compact(html) == "<div>\n<p>a</p>\n<pre><code>regions/\n  kota-x/\n</code></pre>\n<span>b</span> c\n</div>"
    # A no-break space in the data is content, and a textarea keeps its text.
    assert compact("<p>Mulai\n\u00a0\u00a0dibangun</p>") == "<p>Mulai\n\u00a0\u00a0dibangun</p>"
    assert compact("<textarea>\n  x\n</textarea>\n  <p>") == "<textarea>\n  x\n</textarea>\n<p>"


def test_toc_takes_headings_whose_text_spans_lines() -> None:
    """A name written as a folded YAML scalar keeps its line break in the page; it is still a heading."""
    tokens = _toc_tokens('<h1 id="_judul">Lapor\nWarga</h1>\n<h2 id="_a">Satu\ndua<a class="headerlink" href="#_a">'
                         '&para;</a></h2>\n<h3 id="b">Tiga<a class="headerlink" href="#b">&para;</a></h3>')
    assert tokens == [{"level": 1, "id": "_judul", "name": "Lapor\nWarga", "children": [
        {"level": 2, "id": "_a", "name": "Satu\ndua", "children": [
            {"level": 3, "id": "b", "name": "Tiga", "children": []}]}]}]


def test_built_pages_are_compact_and_code_keeps_its_indentation(tmp_path: Path) -> None:
    project = make_project(tmp_path, GOLDEN_REGIONS)
    site_dir = tmp_path / "site"
    assert _run(project, "build", "--site-dir", str(site_dir))[0] == 0
    guide = (site_dir / "panduan" / "index.html").read_text(encoding="utf-8")
    assert "<pre><code>regions/\n  kabupaten-garut/\n    masterplan.yaml\n" in guide
    for page in (guide, (site_dir / "kota-uji-coba" / "index.html").read_text(encoding="utf-8")):
        outside = re.sub(r"<pre\b.*?</pre>", "<pre/>", page, flags=re.DOTALL)
        assert "\n " not in outside and "\n\n" not in outside


def test_escaped_html_in_built_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, GOLDEN_REGIONS)
    site_dir = tmp_path / "site"
    assert _run(project, "build", "--site-dir", str(site_dir))[0] == 0
    html = (site_dir / "kota-uji-coba/quick-win/lapor-warga/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert '<h1 id="_judul">Lapor &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Warga</h1>' in html
    assert "<title>Lapor &lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    trees = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        project = make_project(tmp_path / name, ROOT / "regions")
        code, output = _run(project, "build", "--strict", "--site-dir", str(tmp_path / name / "site"))
        assert code == 0, output
        trees.append((_tree(project.content), _tree(tmp_path / name / "site")))
    assert trees[0][0] == trees[1][0]
    assert trees[0][1] == trees[1][1]


def test_generate_is_deterministic_and_idempotent(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "regions")
    assert _run(project, "generate")[0] == 0
    before = _tree(project.content)
    code, output = _run(project, "generate")
    assert code == 0
    assert "0 ditulis" in output
    assert _tree(project.content) == before


def test_new_region_passes_check(tmp_path: Path) -> None:
    regions = tmp_path / "regions"
    regions.mkdir()
    result = CliRunner().invoke(cli, ["new", "33.28", "--regions", str(regions)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (f"Wilayah baru dibuat di {regions}/kabupaten-tegal/. Lengkapi isinya, "
                                             f"lalu jalankan: masterplan check --strict --regions {regions}")
    text = (regions / "kabupaten-tegal" / "masterplan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Masterplan smart city Kabupaten Tegal, Jawa Tengah.\n"
                           "# Panduan pengisian: halaman /panduan/ situs ini (di repositori: "
                           "content/panduan/index.md).\n"
                           "# Periksa dengan: masterplan check --strict (perintah yang juga dijalankan CI).\n")
    assert (regions / "kabupaten-tegal" / "masterplan.yaml").is_file()
    check = CliRunner().invoke(cli, ["check", "--strict", "--regions", str(regions)])
    assert check.exit_code == 0, check.output
    assert check.output == "Valid: 1 wilayah, 0 program, 0 peringatan.\n"
    again = CliRunner().invoke(cli, ["new", "33.28", "--regions", str(regions)])
    assert again.exit_code == 1
    unknown = CliRunner().invoke(cli, ["new", "33.99", "--regions", str(regions)])
    assert unknown.exit_code == 1
    assert unknown.output == ('galat: kode_wilayah "33.99" bukan kabupaten/kota di daftar Kepmendagri (format NN.NN, '
                              "mis. 33.28)\n")


@pytest.mark.parametrize(("code", "message"), [
    ("3328", 'galat: kode_wilayah "3328" harus berformat NN.NN; mungkin maksudnya 33.28 (Kabupaten Tegal): '
             "masterplan new 33.28"),
    ("33,28", 'galat: kode_wilayah "33,28" harus berformat NN.NN; mungkin maksudnya 33.28 (Kabupaten Tegal): '
              "masterplan new 33.28"),
    ("33", 'galat: "33" adalah kode provinsi Jawa Tengah; tulis kode kabupaten/kota, mis. masterplan new 33.01 '
           "(Kabupaten Cilacap)"),
])
def test_new_region_suggests_the_code_meant(tmp_path: Path, code: str, message: str) -> None:
    """A code without its dot, or a province's code: the message names the command to run instead, which works."""
    regions = tmp_path / "regions"
    regions.mkdir()
    result = CliRunner().invoke(cli, ["new", code, "--regions", str(regions)])
    assert result.exit_code == 1
    assert result.stderr == message + "\n"
    assert list(regions.iterdir()) == []
    suggested = message.split("masterplan new ")[1].split(" ")[0]
    assert CliRunner().invoke(cli, ["new", suggested, "--regions", str(regions)]).exit_code == 0


def test_dataset_sorted_by_slug() -> None:
    slugs = [r.slug for r in load(ROOT / "regions").regions]
    assert slugs == sorted(slugs)


def test_one_region_changed_rewrites_only_its_pages(tmp_path: Path) -> None:
    """Incremental regeneration: other regions keep their bytes and their mtime."""
    project = make_project(tmp_path, ROOT / "regions")
    assert _run(project, "generate")[0] == 0
    others = {p: p.stat().st_mtime_ns for p in project.content.rglob("*")
              if p.is_file() and p.relative_to(project.content).parts[0] == "kota-tegal"}
    assert others
    page = project.content / "kota-harapan-jaya" / "quick-win" / "qris-retribusi-pasar.md"
    before = page.read_text(encoding="utf-8")
    path = project.regions / "kota-harapan-jaya" / "program.yaml"
    text = path.read_text(encoding="utf-8")
    assert "Uji coba di Pasar Induk Harapan Jaya" in text
    path.write_text(text.replace("Uji coba di Pasar Induk Harapan Jaya",
                                 "Uji coba pertama di Pasar Induk Harapan Jaya"), encoding="utf-8")
    code, output = _run(project, "generate")
    assert code == 0, output
    assert "Uji coba pertama" in page.read_text(encoding="utf-8") != before
    assert {p: p.stat().st_mtime_ns for p in others} == others


FRONT_MATTERS = [
    '---\ntitle: "Judul \\"kutip\\" — é \\u00e9"\nformat: html\nrobots: noindex, follow\n---\n\n\n<p>isi</p>\n',
    "---\nformat: yes\n---\nisi\n",  # YAML 1.1 reads a boolean
    "---\nformat: null\n---\nisi\n",
    "---\nformat: Off\n---\nisi\n",
    "---\non: html\nnull: a\nyes: b\n---\nisi\n",  # keys YAML reads as a boolean or null
    "---\ntitle: Data terbuka, semua\n---\nisi\n",
    "---\ntitle: Kabupaten/Kota 2024 e10 x-1\n---\nisi\n",
    "---\ntitle: e10\n---\nisi\n",
    "---\ntitle: 2024\n---\nisi\n",
    "---\ntemplate: redirect.html\nx: a_b.c-d\n---\nisi\n",
    '---\ntitle: "\\x41\\e"\n---\nisi\n',  # YAML's escapes, not JSON's
    "---\ntitle: abc\u2028x: y\n---\nisi\n",
    "---\ntitle: abc\r\nformat: html\r\n---\r\nisi\r\n",
    "---\ntitle: abc\n\nformat: html\n---\nisi\n",
    '---\ntitle: "\\ud83d\\ude00 \\t \\/"\n---\nisi\n',
    '---\ntitle: "a\\u0000b"\n---\nisi\n',  # an escaped control character: YAML reads it too
    '---\ntitle: "a\u2028b"\n---\nisi\n',  # a line separator: YAML breaks the line there
    '---\ntitle: "a\u00a0b"\n---\nisi\n',
    "---\ntitle: dua\n  baris\n---\nisi\n",
    "---\ntitle: Huruf Besar\n---\nisi\n",
    "---\n- daftar\n---\nisi\n",  # not a mapping: no front matter
    '---\ntitle: "tanpa tutup\n---\nisi\n',
    "tanpa front matter\n",
    "Title: gaya MultiMarkdown\n\nisi\n",
]


@pytest.mark.parametrize("doc", FRONT_MATTERS)
def test_front_matter_reads_as_mkdocs_does(doc: str) -> None:
    assert front_matter(doc) == meta.get_data(doc)


def test_generated_front_matter_is_read_without_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every generated page (the golden set: every page type) is read by the quick path, with MkDocs'
    own result; only pages with a list in their front matter (``hide: [toc]``) go to YAML."""
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").rglob("*.md"))]
    assert len(docs) > 20
    expected = [meta.get_data(doc) for doc in docs]
    by_yaml: list[str] = []
    original = meta.get_data

    def counted(doc: str) -> tuple[str, dict[str, object]]:
        by_yaml.append(doc)
        return original(doc)

    monkeypatch.setattr(meta, "get_data", counted)
    assert [front_matter(doc) for doc in docs] == expected
    assert by_yaml == [doc for doc in docs if "\nhide:\n" in doc.partition("\n---\n")[0]]
    assert len(by_yaml) == 1  # the home page
