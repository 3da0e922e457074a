"""Charts: every SVG on every generated page is well-formed, named, uniquely identified, safe as a raw
HTML block, drawn in colours that pass WCAG contrast, and shows the numbers of the model.

Expected numbers are computed here from the model, not with the chart module's own helpers.
"""

from __future__ import annotations

import colorsys
import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator

import pytest
from site_helpers import GOLDEN_REGIONS, ROOT, TODAY, load

from generator import charts, render, templating, text
from generator import model as m

SVG = "{http://www.w3.org/2000/svg}"
W = charts.W
FIGURE = re.compile(r'<figure class="mp-chart">.*?</figure>', re.S)
DATASETS = {"golden": GOLDEN_REGIONS, "sample": ROOT / "regions", "valid": ROOT / "tests" / "data" / "valid"}
"""``valid`` has a real region with a Quick Win: the national chart counts real regions only."""
ORDER = ("selesai", "berjalan", "rencana", "tertunda", "dibatalkan")
"""The order of the tables' status columns, which the bars follow."""


@dataclasses.dataclass(frozen=True)
class Site:
    name: str
    dataset: m.Dataset
    pages: dict[str, str]
    """Generated Markdown pages by path."""

    def region(self, slug: str) -> m.Region:
        return next(r for r in self.dataset.regions if r.slug == slug)


@pytest.fixture(scope="module", params=sorted(DATASETS))
def site(request: pytest.FixtureRequest) -> Site:
    dataset = load(DATASETS[request.param])
    pages = {p.path: p.text for p in render.render_site(dataset, TODAY) if p.path.endswith(".md")}
    return Site(request.param, dataset, pages)


def figures(page: str) -> list[ET.Element]:
    """Every chart figure of a page, parsed as XML (which fails on anything not well-formed)."""
    return [ET.fromstring(block) for block in FIGURE.findall(page)]


def chart(page: str, cid: str) -> ET.Element | None:
    """The ``<svg>`` of one chart on a page, by its id prefix."""
    found = [svg for fig in figures(page) for svg in fig.iter(f"{SVG}svg")
             if svg.get("aria-labelledby") == f"{cid}-t"]
    assert len(found) <= 1, f"{cid} drawn {len(found)} times"
    return found[0] if found else None


def texts(element: ET.Element) -> list[str]:
    """The text elements inside, in document order, each with its tspans joined."""
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def rects(element: ET.Element, cls: str | None = None) -> list[ET.Element]:
    found = list(element.iter(f"{SVG}rect"))
    return [r for r in found if cls is None or cls in (r.get("class") or "").split()]


def groups(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(f"{SVG}g")


def near(a: float, b: float, tolerance: float = 0.11) -> bool:
    return abs(a - b) <= tolerance


def region_pages(site: Site) -> Iterator[tuple[m.Region, str]]:
    for region in site.dataset.regions:
        yield region, site.pages[f"{region.slug}/index.md"]


# ------------------------------------------------------------------ every SVG of every page

def test_every_svg_is_a_named_well_formed_figure(site: Site) -> None:
    seen = 0
    for path, page in site.pages.items():
        parsed = figures(page)
        assert page.count("<svg") == len(parsed), f"{path}: an <svg> outside a chart figure"
        for fig in parsed:
            seen += 1
            svg = fig.find(f"{SVG}svg")
            caption = fig.find("figcaption")
            assert svg is not None and caption is not None and (caption.text or "").strip(), path
            assert [child.tag for child in fig] == [f"{SVG}svg", "figcaption"], path
            assert svg.get("role") == "img", path
            assert svg.get("width") == "100%" and svg.get("height") is None, path
            assert (svg.get("viewBox") or "").startswith(f"0 0 {W} "), path
            title = svg.find(f"{SVG}title")
            desc = svg.find(f"{SVG}desc")
            assert title is not None and desc is not None, path
            assert svg.get("aria-labelledby") == title.get("id"), path
            assert svg.get("aria-describedby") == desc.get("id"), path
            assert (title.text or "").strip() and (desc.text or "").strip(), path
            assert list(svg)[:2] == [title, desc], f"{path}: <title> and <desc> come first"
            assert_inside_viewbox(svg, path)
    assert seen >= {"golden": 5, "sample": 10, "valid": 5}[site.name]


def assert_inside_viewbox(svg: ET.Element, where: str) -> None:
    """Nothing is drawn outside the viewBox (text by its anchor point; its width is the font's)."""
    height = float((svg.get("viewBox") or "").split()[3])
    for r in svg.iter(f"{SVG}rect"):
        if r.get("x") is None:  # a pattern tile
            continue
        x, y = float(r.get("x") or 0), float(r.get("y") or 0)
        w, h = float(r.get("width") or 0), float(r.get("height") or 0)
        assert x >= 0 and x + w <= W + 0.05 and y >= 0 and y + h <= height, (where, r.attrib)
    for t in svg.iter(f"{SVG}text"):
        x, y = float(t.get("x") or 0), float(t.get("y") or 0)
        assert 0 <= x <= W and 0 < y <= height, (where, t.attrib, "".join(t.itertext()))


def test_ids_are_unique_within_each_page(site: Site) -> None:
    for path, page in site.pages.items():
        ids = re.findall(r'\bid="([^"]+)"', page) + re.findall(r"\{#([^} ]+)\}", page)
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        assert not duplicates, f"{path}: {duplicates}"
        for fig in figures(page):
            svg = fig.find(f"{SVG}svg")
            assert svg is not None
            own = {e.get("id") for e in svg.iter() if e.get("id")}
            prefix = (svg.get("aria-labelledby") or "").removesuffix("-t")
            assert all(i is not None and i.startswith(prefix + "-") for i in own), (path, own)
            for element in svg.iter():
                ref = re.fullmatch(r"url\(#(.+)\)", element.get("fill") or "")
                assert ref is None or ref.group(1) in own, f"{path}: {element.get('fill')} is not in this chart"


def test_every_chart_is_on_a_page_that_markdown_leaves_alone(site: Site) -> None:
    """Charts are HTML: the pages holding them are marked ``format: html`` and MkDocs passes them
    through (generator/mkdocs_pages.py), so no Markdown rule can split or re-wrap a figure."""
    for path, page in site.pages.items():
        if FIGURE.search(page):
            front = page.split("\n---\n", 1)[0]
            assert "\nformat: html" in front, path


def test_charts_are_where_the_pages_need_them(site: Site) -> None:
    for region, page in region_pages(site):
        assert (chart(page, "mp-status") is not None) == bool(region.program)
        has_budget = any(p.total_anggaran for p in region.program)
        assert (chart(page, "mp-anggaran") is not None) == has_budget
        assert (chart(page, "mp-qw") is not None) == bool(region.quick_wins)
        assert (chart(page, "mp-monev") is not None) == bool(region.evaluasi)
        roadmap = site.pages.get(f"{region.slug}/roadmap.md")  # no roadmap page without programmes
        assert (roadmap is not None and chart(roadmap, "mp-roadmap") is not None) == bool(region.program)
        for p in region.quick_wins:
            qw = site.pages[f"{region.slug}/quick-win/{p.id}.md"]
            assert (chart(qw, "mp-progres") is not None) == (p.effective_progress is not None)
            assert (chart(qw, "mp-riwayat") is not None) == bool(p.pembaruan)
    # The national chart counts real regions only (never demo data), and only when they have Quick Wins.
    real_quick_wins = any(r.quick_wins for r in site.dataset.regions if not r.contoh)
    assert (chart(site.pages["index.md"], "mp-provinsi") is not None) == real_quick_wins


def test_every_class_has_a_style_and_every_colour_passes_contrast() -> None:
    """Colours come from extra.css for both schemes; each is at least 4.5:1 on its page background,
    so it passes as a graphic (3:1) and as the colour of the status words (4.5:1)."""
    css = (ROOT / "content" / "assets" / "extra.css").read_text(encoding="utf-8")
    light_block = re.search(r"^:root \{([^}]*)\}", css, re.M)
    slate_block = re.search(r'^\[data-md-color-scheme="slate"\] \{([^}]*)\}', css, re.M)
    assert light_block and slate_block
    root = dict(re.findall(r"(--mp-[a-z]+):\s*(#[0-9a-f]{6})", light_block.group(1)))
    slate = dict(re.findall(r"(--mp-[a-z]+):\s*(#[0-9a-f]{6})", slate_block.group(1)))
    assert set(root) == set(slate) and len(root) == 8
    # Material's backgrounds: white, and slate's hsl(225deg 15% 14%).
    slate_bg = colorsys.hls_to_rgb(225 / 360, 0.14, 0.15)
    for name, colour in root.items():
        minimum = 3.0 if name == "--mp-garis" else 4.5
        assert _contrast(_rgb(colour), (1.0, 1.0, 1.0)) >= minimum, name
        assert _contrast(_rgb(slate[name]), slate_bg) >= minimum, name
    used = set()
    for dataset in DATASETS.values():
        for p in render.render_site(load(dataset), TODAY):
            used.update(c for block in FIGURE.findall(p.text) for c in re.findall(r'class="([^"]+)"', block)
                        for c in c.split())
    styled = set(re.findall(r"\.(mp-[a-z-]+)", css))
    assert used <= styled, used - styled
    assert "mp-f-selesai" in used and "mp-late" in used


def _rgb(value: str) -> tuple[float, float, float]:
    return int(value[1:3], 16) / 255, int(value[3:5], 16) / 255, int(value[5:7], 16) / 255


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    def luminance(c: tuple[float, float, float]) -> float:
        r, g, bl = (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# ------------------------------------------------------------------ the numbers match the model

def test_status_bars_count_the_programmes(site: Site) -> None:
    for region, page in region_pages(site):
        svg = chart(page, "mp-status")
        if svg is None:
            continue
        rows = groups(svg)
        assert len(rows) == len(m.DIMENSIONS)
        largest = max(len(region.programs_in(d)) for d in m.DIMENSIONS)
        for d, row in zip(m.DIMENSIONS, rows, strict=True):
            programs = region.programs_in(d)
            counts = Counter(p.status for p in programs)
            slipped = sum(1 for p in programs if p.is_late_or_rescheduled(TODAY))
            words = [f"{counts[s]} {s}" for s in ORDER if counts[s]] + (
                [f"{slipped} terlambat atau dijadwalkan ulang"] if slipped else [])
            shown = texts(row)
            assert shown[:2] == [text.title_case(d), f"{len(programs)} program"]
            assert " · ".join(shown[2:]) == (" · ".join(words) if programs else "Belum ada program.")
            bars = rects(row)
            assert len(bars) == sum(1 for s in ORDER if counts[s])
            drawn = sum(float(b.get("width") or 0) for b in bars)
            gaps = charts.GAP * max(len(bars) - 1, 0) + (1.5 if counts["rencana"] else 0)  # rencana: inset
            assert near(drawn + gaps, W * len(programs) / largest, 0.3), (region.slug, d)


def test_budget_bars_show_rupiah(site: Site) -> None:
    for region, page in region_pages(site):
        svg = chart(page, "mp-anggaran")
        if svg is None:
            continue
        amounts = [sum(p.total_anggaran for p in region.programs_in(d)) for d in m.DIMENSIONS]
        for d, amount, row in zip(m.DIMENSIONS, amounts, groups(svg), strict=True):
            assert texts(row) == [text.title_case(d), text.rupiah_short(amount)]
            bar = rects(row, "mp-f-progres")
            assert (bar and near(float(bar[0].get("width") or 0), W * amount / max(amounts))) or not amount
        # The table beside it prints the same amounts.
        for amount in amounts:
            assert f'<td class="mp-r">{text.rupiah_short(amount)}</td>' in page


def test_quick_win_bars_show_progress(site: Site) -> None:
    for region, page in region_pages(site):
        svg = chart(page, "mp-qw")
        if svg is None:
            continue
        track = W - 48
        for p, row in zip(region.quick_wins, groups(svg), strict=True):
            shown = texts(row)
            progress = p.effective_progress
            assert " ".join(shown[:-2]) == p.nama
            assert shown[-2] == (text.percent(progress) if progress is not None else "–")
            assert shown[-1].startswith(p.status.capitalize())
            assert ("terlambat" in shown[-1]) == p.is_late(TODAY)
            fill = rects(row, "mp-f-progres")
            assert (fill and near(float(fill[0].get("width") or 0), track * (progress or 0) / 100)) or progress is None
            # The table beside it says the same.
            assert f"<td>{p.tahun_mulai}–{p.tahun_selesai}</td>\n<td>{templating.status_text(p, TODAY)}</td>" in page


def test_monitoring_index_per_year(site: Site) -> None:
    for region, page in region_pages(site):
        svg = chart(page, "mp-monev")
        if svg is None:
            continue
        years = sorted(region.evaluasi, key=lambda e: e.tahun)
        assert [texts(g) for g in groups(svg)] == [[text.number(e.indeks), str(e.tahun)] for e in years]
        heights = [float(rects(g)[0].get("height") or 0) for g in groups(svg)]
        assert all(near(h, 120 * e.indeks / 5) for h, e in zip(heights, years, strict=True))


def test_roadmap_bars_span_the_programme_years(site: Site) -> None:
    for region in site.dataset.regions:
        roadmap = site.pages.get(f"{region.slug}/roadmap.md")
        svg = chart(roadmap, "mp-roadmap") if roadmap else None
        if svg is None:
            continue
        assert len(region.program) <= charts.ROADMAP_ROWS, "this data set is drawn one row per programme"
        start, end = region.plan.periode.mulai, region.plan.periode.selesai
        col = W / (end - start + 1)
        ordered = [p for d in m.DIMENSIONS
                   for p in sorted(region.programs_in(d), key=lambda p: (p.tahun_mulai, p.tahun_selesai, p.id))]
        rows = groups(svg)
        assert len(rows) == len(ordered)
        shown_years = [t for t in texts(svg) if re.fullmatch(r"\d{4}", t)]
        assert shown_years == [str(y) for y in range(start, end + 1)]
        for p, row in zip(ordered, rows, strict=True):
            late = p.is_late(TODAY)
            words = " ".join(texts(row))
            assert words.startswith(p.nama), words
            assert p.status + (", terlambat" if late else "") in words
            bar = next(r for r in rects(row) if "mp-late" not in (r.get("class") or ""))
            x, width = float(bar.get("x") or 0), float(bar.get("width") or 0)
            if p.status == "rencana":  # hollow bars sit 0.75 inside their box
                x, width = x - 0.75, width + 1.5
            assert near(x, (max(p.tahun_mulai, start) - start) * col), p.id
            assert near(x + width, (min(p.tahun_selesai, end) + 1 - start) * col), p.id
            # Late: dashed from the target year on, where the period leaves room; the words say it anyway.
            assert bool(rects(row, "mp-late")) == (late and p.tahun_selesai < end), p.id


def test_quick_win_page_progress_and_timeline(site: Site) -> None:
    for region in site.dataset.regions:
        for p in region.quick_wins:
            page = site.pages[f"{region.slug}/quick-win/{p.id}.md"]
            bar = chart(page, "mp-progres")
            if bar is not None:
                progress = p.effective_progress or 0
                assert texts(bar)[0] == f"Progres {text.percent(progress)}"
                assert near(float(rects(bar, "mp-f-progres")[0].get("width") or 0), W * progress / 100)
            timeline = chart(page, "mp-riwayat")
            if timeline is None:
                continue
            updates = sorted(p.pembaruan, key=lambda u: u.tanggal)
            for u, row in zip(updates, groups(timeline), strict=True):
                line = texts(row)[0]
                assert line.startswith(text.date(u.tanggal) + " · ")
                assert u.progres is None or f"progres {text.percent(u.progres)}" in line
                assert (u.progres is None) == ("progres" not in line)
                assert u.status is None or u.status.capitalize() in line
                # The history list beside it carries the same date and progress.
                assert f"<strong>{text.date(u.tanggal)}</strong>" in page


def test_province_chart_counts_quick_wins(site: Site) -> None:
    page = site.pages["index.md"]
    svg = chart(page, "mp-provinsi")
    real = [r for r in site.dataset.regions if not r.contoh]
    if not any(r.quick_wins for r in real):
        assert svg is None
        return
    assert svg is not None
    provinces: dict[str, list[m.Region]] = {}
    for r in real:
        provinces.setdefault(r.provinsi, []).append(r)
    expected = []
    for name, members in provinces.items():
        qws = [p for r in members for p in r.quick_wins]
        counts = Counter(p.status for p in qws)
        slipped = sum(1 for p in qws if p.is_late_or_rescheduled(TODAY))
        words = [f"{counts[s]} {s}" for s in ORDER if counts[s]] + (
            [f"{slipped} terlambat atau dijadwalkan ulang"] if slipped else [])
        expected.append(((-len(members), -len(qws), name),
                         [name, f"{len(members)} wilayah, {len(qws)} Quick Win"],
                         " · ".join(words) or "Belum ada Quick Win.", counts, slipped))
    expected.sort()
    rows = groups(svg)
    assert len(rows) == min(len(expected), charts.PROVINCES_SHOWN)
    for (_, head, words, counts, late), row in zip(expected, rows, strict=False):
        assert texts(row)[:2] == head
        assert " · ".join(texts(row)[2:]) == words
        # The table beside it has the same numbers, in the same order.
        cells = [str(sum(counts.values()))] + [str(counts[s]) for s in ORDER] + [str(late)]
        numbers = [head[1].split()[0], *cells]
        cells_html = "\n".join(f'<td class="mp-r">{n}</td>' for n in numbers)
        assert f"<tr><td>{head[0]}</td>\n{cells_html}" in page


# ------------------------------------------------------------------ escaping, size, determinism

def test_text_from_data_is_escaped() -> None:
    dataset = load(GOLDEN_REGIONS)
    region = dataset.regions[0]
    out = charts.quick_win_chart(region, TODAY) + charts.roadmap_chart(region, TODAY)
    assert "<script>" not in out and "&lt;script&gt;" in out
    names = [" ".join(texts(g)[:-2]) for g in groups(ET.fromstring(charts.quick_win_chart(region, TODAY))[0])]
    assert 'Lapor <script>alert("x")</script> Warga' in names


def _program(i: int, dimension: str) -> m.Program:
    return m.Program(
        id=f"program-{i:03d}", nama=f"Program percontohan dengan nama yang cukup panjang nomor {i}",
        dimensi=dimension, elemen=m.ELEMENTS[dimension][0], jenis="jangka-menengah", opd="diskominfo",
        tahun_mulai=2021 + i % 4, tahun_selesai=min(2024, 2021 + i % 4 + i % 3), status=m.STATUSES[i % 5],
        anggaran=(m.Budget(2021, 1_000_000 * i, "APBD"),), progres=i % 100)


@pytest.mark.parametrize(("count", "limit"), [(charts.ROADMAP_ROWS, 11_000), (200, 9_000)])
def test_roadmap_of_a_large_region_stays_small(count: int, limit: int) -> None:
    """One row per programme up to ROADMAP_ROWS, then one per dimension and status: a few KB either way."""
    base = load(GOLDEN_REGIONS).regions[0]
    programs = tuple(_program(i, m.DIMENSIONS[i % 6]) for i in range(count))
    region = dataclasses.replace(base, program=programs)
    out = charts.roadmap_chart(region, TODAY)
    svg = ET.fromstring(out)[0]
    assert len(out.encode()) < limit
    rows = groups(svg)
    if count > charts.ROADMAP_ROWS:
        assert len(rows) == len({(p.dimensi, p.status) for p in programs})
        first = texts(rows[0])[0]
        chosen = [p for p in programs if p.dimensi == m.DIMENSIONS[0] and p.status == "selesai"]
        assert first.startswith(f"Selesai: {len(chosen)} program, ")
    else:
        assert len(rows) == count


def test_chart_module_is_registered_for_templates() -> None:
    env = templating.environment()
    for name, function in charts.JINJA_GLOBALS.items():
        assert env.globals[name] is function


def test_awkward_data_stays_inside_the_chart() -> None:
    """Long names, a programme outside the period, a Quick Win without progress, many evaluated years,
    a province with a long name: every chart is still well-formed, named and inside its viewBox."""
    base = load(GOLDEN_REGIONS).regions[0]
    long_name = "Program dengan nama yang sangat panjang sekali sehingga harus dipecah menjadi beberapa baris teks"
    programs = (
        dataclasses.replace(_program(1, "smart-living"), nama=long_name, jenis="quick-win", progres=None,
                            status="rencana"),
        dataclasses.replace(_program(2, "smart-living"), tahun_mulai=2030, tahun_selesai=2032),
        dataclasses.replace(_program(3, "smart-economy"), tahun_mulai=2018, tahun_selesai=2035, status="berjalan"),
        dataclasses.replace(_program(4, "smart-economy"), tahun_mulai=2021, tahun_selesai=2021, status="tertunda"),
    )
    evaluations = tuple(m.Evaluation(tahun=2011 + i, indeks=(i * 0.43) % 5) for i in range(14))
    region = dataclasses.replace(base, program=programs, evaluasi=evaluations,
                                 provinsi="Kepulauan Bangka Belitung Bagian Utara")
    drawn = [
        charts.status_chart(region, TODAY), charts.budget_chart(region), charts.quick_win_chart(region, TODAY),
        charts.evaluation_chart(region), charts.roadmap_chart(region, TODAY),
        charts.roadmap_chart(region, dt.date(2022, 7, 1)), charts.progress_chart(programs[1]),
        charts.province_chart([region], TODAY),
    ]
    for out in drawn:
        svg = ET.fromstring(out)[0]
        assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
        assert_inside_viewbox(svg, str(svg.get("aria-labelledby")))
    head = texts(groups(ET.fromstring(drawn[-1])[0])[0])
    assert head[:2] == ["Kepulauan Bangka Belitung Bagian Utara", "1 wilayah, 1 Quick Win"]
    assert "\n\n" not in "".join(drawn)

