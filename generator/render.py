"""Model → pages: ``(path, text)`` pairs, sorted and byte-for-byte stable. Pure: no I/O.

Pages are ``.md`` files for MkDocs whose body is HTML (front matter ``format: html``): MkDocs passes
them through without Python-Markdown (generator/mkdocs_pages.py), which at national scale was most of
the build. Templates are HTML with Jinja's autoescape; links are relative URLs made by ``href``."""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import charts, feeds, opendata, text
from generator import model as m
from generator import urls as urls_module
from generator.settings import Settings

DIM_LABEL = {
    "smart-governance": "Smart Governance",
    "smart-branding": "Smart Branding",
    "smart-economy": "Smart Economy",
    "smart-living": "Smart Living",
    "smart-society": "Smart Society",
    "smart-environment": "Smart Environment",
}
DIM_INTRO = {
    "smart-governance": "Tata kelola pemerintahan: pelayanan publik, manajemen birokrasi dan kebijakan publik.",
    "smart-branding": "Pencitraan daerah: pariwisata, iklim bisnis dan wajah kota.",
    "smart-economy": "Ekonomi daerah: industri, kesejahteraan rakyat dan transaksi keuangan.",
    "smart-living": "Kualitas hidup: harmonisasi wilayah, kesehatan dan mobilitas.",
    "smart-society": "Masyarakat: interaksi warga, ekosistem belajar dan keamanan.",
    "smart-environment": "Lingkungan: proteksi lingkungan, pengelolaan sampah dan tata kelola energi.",
}
STATUS_LABEL = {
    "rencana": "Rencana", "berjalan": "Berjalan", "selesai": "Selesai",
    "tertunda": "Tertunda", "dibatalkan": "Dibatalkan",
}
TYPE_LABEL = {
    "quick-win": "Quick Win", "jangka-pendek": "Jangka pendek",
    "jangka-menengah": "Jangka menengah", "jangka-panjang": "Jangka panjang",
}
DOC_LABEL = {"penyusunan": "Dalam penyusunan", "final": "Final", "ditetapkan": "Ditetapkan"}
MILESTONE_LABEL = {
    "mou": "Nota kesepahaman (MoU)", "bimtek-1": "Bimtek tahap 1", "bimtek-2": "Bimtek tahap 2",
    "bimtek-3": "Bimtek tahap 3", "bimtek-4": "Bimtek tahap 4", "penetapan": "Penetapan",
    "monev": "Monitoring dan evaluasi", "lainnya": "Lainnya",
}
SECTOR_LABEL = {
    "pemerintah": "Pemerintah", "bisnis": "Bisnis", "akademisi": "Akademisi",
    "komunitas": "Komunitas", "media": "Media",
}
READINESS_LABEL = {"baik": "Baik", "sedang": "Sedang", "kurang": "Kurang"}

LATEST_UPDATES = 10


@dataclass(frozen=True, init=False)
class Page:
    """A generated page or file, its path relative to ``content/``.

    Held as UTF-8 bytes: at national scale the main process holds every page (~170 MB) until they
    are written, and Python keeps a str with one en dash at two bytes per character."""

    path: str
    data: bytes
    kind: str
    """``page``, ``notice`` (a removal notice) or ``file`` (a download or feed)."""

    def __init__(self, path: str, text: str, kind: str = "page") -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "data", text.encode())
        object.__setattr__(self, "kind", kind)

    @property
    def text(self) -> str:
        """The page as text."""
        return self.data.decode()


@functools.lru_cache(maxsize=1 << 16)
def _site_url(path: str) -> str:
    """``kota-x/roadmap.md`` → ``kota-x/roadmap/``; a file keeps its path; the home page is ``""``."""
    return urls_module.url_of(path)[1:] if path.endswith(".md") else path


def href(here: str, target: str, anchor: str | None = None) -> Markup:
    """Relative URL from one page to another page or file (both given as paths in ``content/``).

    Page bodies are HTML, so the generator writes the URLs MkDocs would have made; the MkDocs hook
    (generator/mkdocs_pages.py) checks every one of them against the site's files in the build."""
    base = _site_url(here).split("/")[:-1]
    parts = _site_url(target).split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:]) or "./"
    return Markup(text.attr(rel) + (f"#{text.attr(anchor)}" if anchor else ""))


def heading(level: int, anchor: str, label: object) -> Markup:
    """A section heading with its id and the "¶" link to it, as MkDocs' toc extension writes it."""
    anchor_attr = text.attr(anchor)
    return Markup(f'<h{level} id="{anchor_attr}">{escape(label)}<a class="headerlink" href="#{anchor_attr}" '
                  f'title="Tautan ke bagian ini">&para;</a></h{level}>')


def nav_link(here: str, target: str, label: str) -> Markup:
    """A link of the region's local navigation; the current page is marked for screen readers."""
    current = ' aria-current="page"' if target == here else ""
    return Markup(f'<a href="{href(here, target)}"{current}>{escape(label)}</a>')


def number_cells(values: Iterable[object], strong: bool = False) -> Markup:
    """Right-aligned table cells for numbers (already formatted, or ints)."""
    wrap = "<strong>{}</strong>" if strong else "{}"
    return Markup("".join(f'<td style="text-align: right">{wrap.format(escape(v))}</td>' for v in values))


def evaluation_cells(e: m.Evaluation) -> list[str]:
    """An evaluation's score per dimension, ``–`` where none was given."""
    return [text.number(e.per_dimensi[d]) if d in e.per_dimensi else "–" for d in m.DIMENSIONS]


# Blocks used on several pages, written in Python: a Jinja macro call costs more than the block.

def status_text(p: m.Program, today: dt.date) -> Markup:
    """``Berjalan, progres 70%, **terlambat** (target 2024)``."""
    out = STATUS_LABEL[p.status]
    progress = p.effective_progress
    if progress is not None:
        out += f", progres {text.percent(progress)}"
    if p.is_late(today):
        out += f", <strong>terlambat</strong> (target {p.tahun_selesai})"
    return Markup(out)


def _table(head: list[tuple[str, str]], rows: list[list[str]]) -> Markup:
    def cells(tag: str, values: list[str]) -> str:
        return "".join(f'<{tag}{_ALIGN[align]}>{value}</{tag}>' for (_, align), value in zip(head, values, strict=True))
    return Markup("<table><thead><tr>" + cells("th", [h for h, _ in head]) + "</tr></thead><tbody>"
                  + "".join(f"<tr>{cells('td', row)}</tr>" for row in rows) + "</tbody></table>")


_ALIGN = {"left": "", "right": ' style="text-align: right"'}


def budget_table(p: m.Program) -> Markup:
    """Budget per year with its source, and the total; or a sentence saying there is none."""
    if not p.anggaran:
        return Markup("<p>Belum ada data anggaran.</p>")
    rows = [[str(b.tahun), text.rupiah(b.jumlah), b.sumber] for b in sorted(p.anggaran, key=_year)]
    rows.append(["<strong>Total</strong>", f"<strong>{text.rupiah(p.total_anggaran)}</strong>", ""])
    return _table([("Tahun", "left"), ("Jumlah", "right"), ("Sumber dana", "left")], rows)


def indicator_table(p: m.Program) -> Markup:
    """Indicators with target, achievement and year; or a sentence saying there are none."""
    if not p.indikator:
        return Markup("<p>Belum ada indikator.</p>")
    rows = []
    for i in p.indikator:
        unit = text.attr(i.satuan)
        done = f"{text.number(i.capaian)} {unit}" if i.capaian is not None else "belum ada"
        rows.append([str(text.attr(i.nama)), f"{text.number(i.target)} {unit}", done, str(i.tahun)])
    return _table([("Indikator", "left"), ("Target", "right"), ("Capaian", "right"), ("Tahun", "left")], rows)


def _year(budget: m.Budget) -> int:
    return budget.tahun


def ext_link(url: str, label: str) -> Markup:
    """An outside link (already validated as http(s)/mailto) that leaves the reader's history intact."""
    return Markup(f'<a href="{text.attr(url)}" rel="nofollow noopener">{escape(label)}</a>')


def _front_matter(value: str) -> Markup:
    """A front-matter string: Material prints page.meta values into HTML unescaped, so escape here
    (once: a value joined with Markup in a template arrives escaped already)."""
    plain = value.unescape() if isinstance(value, Markup) else str(value)
    return Markup(json.dumps(text.attr(" ".join(plain.split())), ensure_ascii=False))


def _safe(formatter: Callable[[Any], str]) -> Callable[[Any], Markup]:
    return lambda value: Markup(formatter(value))


def _agencies(region: m.Region, codes: tuple[str, ...]) -> str:
    return ", ".join(region.agency(c).nama for c in codes)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # page bodies are HTML: every value is escaped unless it is Markup
        comment_start_string="<#--",
        comment_end_string="--#>",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        dimensions=m.DIMENSIONS, dim_label=DIM_LABEL, dim_intro=DIM_INTRO, status_label=STATUS_LABEL,
        type_label=TYPE_LABEL, doc_label=DOC_LABEL, milestone_label=MILESTONE_LABEL,
        sector_label=SECTOR_LABEL, readiness_label=READINESS_LABEL,
        href=href, heading=heading, nav_link=nav_link, number_cells=number_cells,
        evaluation_cells=evaluation_cells, ext_link=ext_link, status_text=status_text, budget_table=budget_table,
        indicator_table=indicator_table, json=_front_matter, agencies=_agencies, attr=text.attr,
        # Formatted numbers and dates hold only digits, letters and separators: safe as HTML.
        rupiah=_safe(text.rupiah), rupiah_short=_safe(text.rupiah_short), number=_safe(text.number),
        percent=_safe(text.percent), date=_safe(text.date), title_case=text.title_case, uraian=text.uraian,
    )
    env.globals.update(charts.JINJA_GLOBALS)
    return env


@dataclass(frozen=True)
class _Row:
    key: str
    count: int
    budget: int
    status: dict[str, int]
    late: int


def _row(key: str, programs: tuple[m.Program, ...], today: dt.date) -> _Row:
    counts = Counter(p.status for p in programs)
    return _Row(key, len(programs), sum(p.total_anggaran for p in programs),
                {s: counts.get(s, 0) for s in m.STATUSES}, sum(1 for p in programs if p.is_late(today)))


@dataclass(frozen=True)
class _Latest:
    region: m.Region
    program: m.Program
    entry: m.Update
    href: str


def _tidy(body: str) -> str:
    """Collapse the blank lines left by template blocks so files stay small and diffs readable."""
    lines: list[str] = []
    for line in body.splitlines():
        line = line.rstrip()
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


class Renderer:
    """Renders every page of a dataset; one Jinja environment for all of them."""

    def __init__(self, today: dt.date, settings: Settings | None = None) -> None:
        self.today = today
        self.settings = settings or Settings()
        self.env = _environment()
        self.env.globals["settings"] = self.settings

    def _page(self, template: str, path: str, **context: Any) -> Page:
        body = self.env.get_template(template).render(here=path, today=self.today, **context)
        return Page(path, _tidy(body))

    def region_pages(self, region: m.Region) -> list[Page]:
        """Every page of one region."""
        slug = region.slug
        base = {"region": region, "plan": region.plan}
        rows = [_row(d, region.programs_in(d), self.today) for d in m.DIMENSIONS]
        pages = [
            self._page("region.html.j2", f"{slug}/index.md", dimension_rows=rows,
                       total=_row("", region.program, self.today), **base),
        ]
        for d in m.DIMENSIONS:
            pages.append(self._page("dimension.html.j2", f"{slug}/{d}.md", dimension=d,
                                    programs=region.programs_in(d), plan_dim=region.plan.dimensi.get(d), **base))
        period = range(region.plan.periode.mulai, region.plan.periode.selesai + 1)
        years = [(y, [p for p in region.program if p.tahun_mulai <= y <= p.tahun_selesai]) for y in period]
        here = f"{slug}/roadmap.md"
        # A programme is listed under every year it runs: its line is made once.
        items = {p.id: Markup(f'<li><a href="{href(here, f"{slug}/{p.dimensi}.md", p.id)}">{escape(p.nama)}</a>: '
                              f"{TYPE_LABEL[p.jenis]}, {status_text(p, self.today)}</li>") for p in region.program}
        pages.append(self._page("roadmap.html.j2", here, years=years, items=items, **base))
        pages.append(self._page("quick_wins.html.j2", f"{slug}/quick-win/index.md", programs=region.quick_wins, **base))
        for p in region.quick_wins:
            pages.append(self._page("quick_win.html.j2", f"{slug}/quick-win/{p.id}.md", p=p, **base))
            for old in p.id_lama:
                pages.append(self._page("redirect.html.j2", f"{slug}/quick-win/{old}.md", p=p,
                                        target_url=f"../{p.id}/", **base))
        if region.plan.analisis is not None:
            pages.append(self._page("analysis.html.j2", f"{slug}/analisis.md", a=region.plan.analisis, **base))
        pages.append(self._page("changes.html.j2", f"{slug}/perubahan.md",
                                entries=feeds.region_entries(region, quick_wins_only=False), **base))
        pages.append(Page(f"{slug}/feed.xml", feeds.atom(
            f"Pembaruan masterplan smart city {region.nama}", f"{slug}/feed.xml", f"{slug}/perubahan/",
            feeds.region_entries(region), self.settings.site_url, self.settings.publisher,
            dt.date(region.plan.angkatan, 1, 1)), "file"))
        pages.extend(opendata.region_files(region, self.today, self.settings))
        return pages

    def removal_pages(self, dataset: m.Dataset, registered: Iterable[str]) -> list[Page]:
        """A notice at each removed address; a removed region's notice covers all its published pages."""
        regions = {r.slug: r for r in dataset.regions}
        known = sorted(set(registered))
        pages = []
        for removal in dataset.removed:
            slug = removal.url.strip("/").split("/")[0]
            region = regions.get(slug)
            urls = [removal.url]
            if region is None and removal.url == f"/{slug}/":
                urls += [u for u in known if u.startswith(removal.url) and u != removal.url]
            for url in urls:
                page = self._page("removed.html.j2", urls_module.path_of(url), r=removal, region=region)
                pages.append(Page(page.path, page.text, "notice"))
        return pages

    def home_page(self, dataset: m.Dataset) -> Page:
        """The national overview."""
        regions = dataset.regions
        programs = [p for r in regions for p in r.program]
        quick_wins = [p for p in programs if p.is_quick_win]
        qw_status = Counter(p.status for p in quick_wins)
        summary = ", ".join(f"{qw_status[s]} {STATUS_LABEL[s].lower()}" for s in m.STATUSES if qw_status[s])
        late = sum(1 for p in quick_wins if p.is_late(self.today))
        if late:
            summary += f"; {late} terlambat"
        provinces: dict[str, list[m.Region]] = {}
        for r in sorted(regions, key=lambda r: (r.provinsi, r.nama)):
            provinces.setdefault(r.provinsi, []).append(r)
        updates = []
        for r in regions:
            for p in r.program:
                for u in p.pembaruan:
                    url = (href("index.md", f"{r.slug}/quick-win/{p.id}.md") if p.is_quick_win
                           else href("index.md", f"{r.slug}/{p.dimensi}.md", p.id))
                    updates.append(_Latest(r, p, u, url))
        updates.sort(key=lambda x: (-x.entry.tanggal.toordinal(), x.region.slug, x.program.id))
        totals = {"programs": len(programs), "quick_wins": len(quick_wins),
                  "budget": sum(p.total_anggaran for p in programs)}
        return self._page("home.html.j2", "index.md", regions=regions, totals=totals,
                          quick_win_summary=summary, provinces=sorted(provinces.items()),
                          updates=updates[:LATEST_UPDATES])


PARALLEL_FROM = 24
"""Below this many regions, starting worker processes costs more than it saves."""
_CHUNK = 8
_forked: tuple[Renderer, tuple[m.Region, ...]] | None = None
"""What forked workers render from: inherited from the parent, never pickled."""


def _render_chunk(indices: range) -> list[Page]:
    assert _forked is not None
    renderer, regions = _forked
    return [page for i in indices for page in renderer.region_pages(regions[i])]


def _all_region_pages(renderer: Renderer, regions: tuple[m.Region, ...]) -> list[Page]:
    """Every region's pages; at national scale rendered on every core (regions are independent)."""
    global _forked
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or len(regions) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [page for region in regions for page in renderer.region_pages(region)]
    _forked = (renderer, regions)
    try:
        chunks = [range(i, min(i + _CHUNK, len(regions))) for i in range(0, len(regions), _CHUNK)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [page for chunk in pool.map(_render_chunk, chunks) for page in chunk]
    finally:
        _forked = None


def render_site(dataset: m.Dataset, today: dt.date, settings: Settings | None = None,
                registered: Iterable[str] = ()) -> list[Page]:
    """All generated pages and files, sorted by path; ``registered`` are the URLs published before."""
    renderer = Renderer(today, settings)
    pages = [renderer.home_page(dataset)]
    pages.extend(_all_region_pages(renderer, dataset.regions))
    pages.extend(renderer.removal_pages(dataset, registered))
    national = sorted((e for r in dataset.regions for e in feeds.region_entries(r)),
                      key=lambda e: (-e.tanggal.toordinal(), e.region.slug, e.key))[:feeds.NATIONAL_LIMIT]
    fallback = min((r.plan.periode.mulai for r in dataset.regions), default=2017)
    pages.append(Page("feed.xml", feeds.atom(
        "Pembaruan masterplan smart city kabupaten/kota", "feed.xml", "", national,
        renderer.settings.site_url, renderer.settings.publisher, dt.date(fallback, 1, 1)), "file"))
    pages.extend(opendata.national_files(dataset, today, renderer.settings))
    return sorted(pages, key=lambda p: p.path)
