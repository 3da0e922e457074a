"""Model → pages: ``Page`` values (path in content/, bytes), sorted and byte-for-byte stable. Pure: no I/O.

The site is a list of page families. A region family makes some pages of one region (its overview,
its dimension pages, its Quick Wins …); a site family makes pages from the whole dataset (the home
page, the national feed, removal notices …). ``render_site`` runs every family, the region families
region by region (in parallel at national scale). A new kind of page is one function added to
``REGION_FAMILIES`` or ``SITE_FAMILIES`` with its template in generator/templates; its path comes
from ``urls``, its words from ``vocabulary``, its counts from ``tallies``.

Pages are ``.md`` files for MkDocs whose body is HTML (front matter ``format: html``): MkDocs passes
them through without Python-Markdown (generator/mkdocs_pages.py), which at national scale was most of
the build. The environment and HTML helpers are in ``templating``."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import multiprocessing
import os
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from generator import feeds, opendata, processes, qr, register, tallies, text, urls
from generator import model as m
from generator.settings import Settings
from generator.templating import Page, css_string, environment, forget_tables, href, status_text, tidy
from generator.vocabulary import DIM_LABEL, STATUS_WORD, TYPE_LABEL

LATEST_UPDATES = 10


@dataclass(frozen=True)
class CompareRow:
    """One region in a comparison table: the same columns on the national and province pages."""

    region: m.Region
    programs: int
    quick_wins: int
    done: int
    """Quick Wins finished."""
    slipped: int
    """Quick Wins late or rescheduled."""
    money: m.Spending
    evaluation: m.Evaluation | None
    """The latest yearly evaluation, if any."""


def compare_row(region: m.Region, today: dt.date) -> CompareRow:
    """A region's figures for the comparison tables."""
    quick = tallies.count(region.quick_wins, today)
    return CompareRow(region, len(region.program), quick.count, quick.status["selesai"], quick.slipped,
                      m.spending(region.program), region.evaluasi[-1] if region.evaluasi else None)


def compare_total(rows: Sequence[CompareRow]) -> CompareRow | None:
    """The sum of some rows (evaluation left out: indices do not add up)."""
    if not rows:
        return None
    programs = [p for row in rows for p in row.region.program]
    return CompareRow(rows[0].region, len(programs), sum(r.quick_wins for r in rows), sum(r.done for r in rows),
                      sum(r.slipped for r in rows), m.spending(programs), None)


@dataclass(frozen=True)
class _Latest:
    region: m.Region
    program: m.Program
    entry: m.Update
    href: str


@dataclass(frozen=True)
class Section:
    """A part of a region's site listed in its local navigation."""

    path: str
    label: str


def sections(region: m.Region) -> list[Section]:
    """The region's pages that have something to show, in navigation order.

    A dimension without programmes, goal or strategies, a roadmap without programmes and a Quick Win
    list without Quick Wins are not made: an empty page reads as a broken site."""
    slug = region.slug
    shown = m.sections_of(region.plan, region.program)
    out = [Section(urls.region(slug), "Ringkasan")]
    out += [Section(urls.dimension(slug, d), DIM_LABEL[d]) for d in shown.dimensions]
    if shown.roadmap:
        out.append(Section(urls.roadmap(slug), "Roadmap"))
    if shown.quick_wins:
        out.append(Section(urls.quick_wins(slug), "Quick Win"))
    if region.plan.analisis is not None:
        out.append(Section(urls.analysis(slug), "Analisis"))
    out.append(Section(urls.changes(slug), "Perubahan"))
    out.append(Section(urls.region_data(slug), "Data"))
    return out


class Renderer:
    """What every page family renders with: the build date, the settings, one Jinja environment, and the
    URLs published before (so that a section with nothing to show keeps answering at its address)."""

    def __init__(self, today: dt.date, settings: Settings | None = None, registered: Iterable[str] = ()) -> None:
        self.today = today
        self.settings = settings or Settings()
        self.registered = frozenset(registered)
        self.env = environment()
        self.env.globals["settings"] = self.settings

    def page(self, template: str, path: str, **context: Any) -> Page:
        """One page from a template of generator/templates; ``here`` is its path, for relative links."""
        body = self.env.get_template(template).render(here=path, today=self.today, **context)
        return Page(path, tidy(body))

    def region_pages(self, region: m.Region) -> list[Page]:
        """Every page of one region: the region families, in order."""
        forget_tables()
        return [page for family in REGION_FAMILIES for page in family(self, region)]

    def removal_pages(self, dataset: m.Dataset, registered: Iterable[str]) -> list[Page]:
        """A notice at each removed address; a removed region's notice covers all its published pages."""
        return removal_pages(self, dataset, tuple(registered))

    def home_page(self, dataset: m.Dataset) -> Page:
        """The national overview."""
        return home_pages(self, dataset, ())[0]

    def public_url(self, path: str) -> str | None:
        """A page's canonical address, or None when the site has no public address configured (then
        nothing prints or encodes one: no QR code, no address in the print footer)."""
        return urls.absolute(self.settings.site_url, path) if self.settings.has_public_address else None


# ------------------------------------------------------------------ region families

def _base(region: m.Region) -> dict[str, Any]:
    return {"region": region, "plan": region.plan, "sections": sections(region)}


def _shown(region: m.Region, path: str) -> bool:
    return any(s.path == path for s in sections(region))


def _not_yet(r: Renderer, region: m.Region, path: str, name: str, what: str) -> list[Page]:
    """For a section with nothing to show whose address was published before: a page that sends the
    reader to the region's overview (also without JavaScript), so the address keeps answering; it
    becomes the section's page again once the data has something to show."""
    if urls.url_of(path) not in r.registered:
        return []
    target = urls.region(region.slug)
    return [r.page("redirect.html.j2", path, title=f"{name} — {region.nama}", target=target,
                   target_url=str(href(path, target)), heading_text=f"{name}: belum ada isinya",
                   message=f"Belum ada {what} yang diterbitkan untuk {region.nama}; halaman ini akan berisi "
                           "datanya setelah dimuat. Sementara itu, lihat",
                   link_label=f"ringkasan masterplan {region.nama}", advice="")]


def overview_pages(r: Renderer, region: m.Region) -> list[Page]:
    """The region's overview (``<slug>/``)."""
    rows = [(d, tallies.count(region.programs_in(d), r.today)) for d in m.DIMENSIONS]
    latest = max((t for t in region.plan.tahapan if not t.is_planned(r.today)), key=lambda t: t.tanggal, default=None)
    return [r.page("region.html.j2", urls.region(region.slug), dimension_rows=rows,
                   total=tallies.count(region.program, r.today), latest_step=latest, **_base(region))]


def dimension_pages(r: Renderer, region: m.Region) -> list[Page]:
    """One page per dimension with something to show, every programme of it as a section."""
    pages = []
    for d in m.DIMENSIONS:
        path = urls.dimension(region.slug, d)
        if not _shown(region, path):
            pages.extend(_not_yet(r, region, path, DIM_LABEL[d], f"program {DIM_LABEL[d]}"))
            continue
        pages.append(r.page("dimension.html.j2", path, dimension=d, programs=region.programs_in(d),
                            plan_dim=region.plan.dimensi.get(d), **_base(region)))
    return pages


def roadmap_pages(r: Renderer, region: m.Region) -> list[Page]:
    """The roadmap: the programmes of every year of the plan (none without programmes)."""
    if not region.program:
        return _not_yet(r, region, urls.roadmap(region.slug), "Roadmap", "roadmap program")
    period = range(region.plan.periode.mulai, region.plan.periode.selesai + 1)
    years = [(y, [p for p in region.program if p.tahun_mulai <= y <= p.tahun_selesai]) for y in period]
    here = urls.roadmap(region.slug)
    # A programme is listed under every year it runs: its line is made once.
    items = {p.id: Markup(f'<li><a href="{href(here, *urls.program_section(region.slug, p))}">{escape(p.nama)}</a>: '
                          f"{TYPE_LABEL[p.jenis]}, {status_text(p, r.today)}</li>") for p in region.program}
    return [r.page("roadmap.html.j2", here, years=years, items=items, **_base(region))]


def quick_win_pages(r: Renderer, region: m.Region) -> list[Page]:
    """The Quick Win list, a page per Quick Win, and a redirect from each of its old ids."""
    slug = region.slug
    if not region.quick_wins:
        return _not_yet(r, region, urls.quick_wins(slug), "Quick Win", "Quick Win")
    pages = [r.page("quick_wins.html.j2", urls.quick_wins(slug), programs=region.quick_wins, **_base(region))]
    for p in region.quick_wins:
        here = urls.quick_win(slug, p.id)
        page_url = r.public_url(here)
        pages.append(r.page("quick_win.html.j2", here, p=p, page_url=page_url, share=_share(r, region, p),
                            **_base(region)))
        if page_url:
            pages.append(Page(urls.quick_win_qr(slug, p.id), qr.svg(page_url), "file"))
        pages.extend(opendata.quick_win_files(region, p, r.today, r.settings))
        for old in p.id_lama:
            old_path = urls.quick_win(slug, old)
            pages.append(r.page("redirect.html.j2", old_path, title=p.nama, target=here,
                                target_url=str(href(old_path, here)), heading_text="Halaman ini telah dipindahkan",
                                message="Quick Win ini sekarang beralamat di", link_label=p.nama,
                                advice="Perbarui tautan atau markah Anda."))
    return pages


def _share(r: Renderer, region: m.Region, p: m.Program) -> dict[str, str] | None:
    """The page's public address and a WhatsApp share link, when the site's address is known."""
    if not r.settings.site_url:
        return None
    address = urls.absolute(r.settings.site_url, urls.quick_win(region.slug, p.id))
    label = f"{p.nama} (data contoh, fiktif)" if region.contoh else p.nama
    message = f"{label}, Quick Win {region.nama}: {address}"
    return {"url": address, "whatsapp": "https://wa.me/?text=" + urllib.parse.quote(message, safe="")}


def analysis_pages(r: Renderer, region: m.Region) -> list[Page]:
    """The situation analysis, when the plan has one."""
    if region.plan.analisis is None:
        return []
    return [r.page("analysis.html.j2", urls.analysis(region.slug), a=region.plan.analisis, **_base(region))]


def change_pages(r: Renderer, region: m.Region) -> list[Page]:
    """The list of updates and milestones, and the region's Atom feed."""
    slug = region.slug
    changes = feeds.region_entries(region, r.today)  # the feed carries what the page lists
    return [
        r.page("changes.html.j2", urls.changes(slug), entries=feeds.news(changes),
               planned=sorted((e for e in changes if e.planned), key=lambda e: e.tanggal), **_base(region)),
        Page(urls.region_feed(slug), feeds.atom(
            f"Pembaruan masterplan smart city {region.nama}", urls.region_feed(slug),
            urls.changes(slug), feeds.news(changes), r.settings.site_url,
            r.settings.publisher, dt.date(region.plan.angkatan, 1, 1)), "file"),
    ]


def print_pages(r: Renderer, region: m.Region) -> list[Page]:
    """The whole plan as one printable document (``<slug>/cetak/``)."""
    path = urls.print_version(region.slug)
    plan = region.plan
    dimension_programs = [(d, region.programs_in(d)) for d in m.DIMENSIONS]
    chapters = [("_identitas", "Identitas dan dasar hukum")]
    chapters += [(anchor, label) for anchor, label, present in (
        ("_tahapan", "Tahapan", bool(plan.tahapan)), ("_kelembagaan", "Kelembagaan", plan.kelembagaan is not None),
        ("_analisis", "Analisis strategis", plan.analisis is not None)) if present]
    chapters.append(("_program", "Program per dimensi"))
    chapters += [(f"_{d}", DIM_LABEL[d]) for d in m.DIMENSIONS]
    chapters += [("_roadmap", "Roadmap"), ("_quick-win", "Quick Win"), ("_sumber", "Sumber")]
    years = list(range(plan.periode.mulai, plan.periode.selesai + 1))
    roadmap = sorted(region.program, key=lambda p: (p.tahun_mulai, p.tahun_selesai, p.nama, p.id))
    cells = {p.id: Markup("".join("<td>●</td>" if p.tahun_mulai <= y <= p.tahun_selesai else "<td></td>"
                                  for y in years)) for p in region.program}
    # "data per": the newest dated fact of the region (milestones may lie ahead: those are plans).
    dates = [u.tanggal for p in region.program for u in p.pembaruan]
    dates += [t.tanggal for t in plan.tahapan if t.tanggal <= r.today]
    data_date = max(dates, default=None)
    page_url = r.public_url(path)
    footer = (f"Dokumen ini: {page_url} · " if page_url else "") + (
        f"data per {text.date(data_date)}" if data_date else "belum ada pembaruan bertanggal")
    return [r.page("print.html.j2", path, chapters=chapters, dimension_programs=dimension_programs, years=years,
                   roadmap=roadmap, roadmap_cells=cells, page_url=page_url, footer=footer,
                   print_footer=Markup(json.dumps(css_string(footer))), public_url=r.public_url, **_base(region))]


def data_pages(r: Renderer, region: m.Region) -> list[Page]:
    """The region's open-data page and downloads."""
    return opendata.region_files(region, r.today, r.settings, sections(region))


RegionFamily = Callable[[Renderer, m.Region], list[Page]]
REGION_FAMILIES: tuple[RegionFamily, ...] = (
    overview_pages, dimension_pages, roadmap_pages, quick_win_pages, analysis_pages, change_pages, print_pages,
    data_pages,
)
"""What every region publishes, in order."""


# ------------------------------------------------------------------ site families

def home_pages(r: Renderer, dataset: m.Dataset, registered: Sequence[str]) -> list[Page]:
    """The national overview: figures, latest updates and comparisons count real regions only; a
    fictional demo region is offered apart, marked as such."""
    regions = tuple(region for region in dataset.regions if not region.contoh)
    demos = tuple(region for region in dataset.regions if region.contoh)
    programs = [p for region in regions for p in region.program]
    quick_wins = [p for p in programs if p.is_quick_win]
    counted = tallies.count(quick_wins, r.today)
    summary = ", ".join(f"{text.number(n)} {STATUS_WORD[s]}" for s, n in counted.status.items() if n)
    if counted.slipped:
        summary += f"; {text.number(counted.slipped)} terlambat atau dijadwalkan ulang"
    updates: list[_Latest] = []
    for region in regions:
        for p in region.program:
            link = href(urls.HOME, *urls.program(region.slug, p))
            updates.extend(_Latest(region, p, u, link) for u in p.pembaruan)
    updates.sort(key=lambda x: (-x.entry.tanggal.toordinal(), x.region.slug, x.program.id))
    totals = {"programs": len(programs), "quick_wins": len(quick_wins),
              "budget": sum(p.total_anggaran for p in programs)}
    # Demo regions belong to no province and are no part of the comparison.
    compare = [compare_row(x, r.today) for x in sorted(regions, key=lambda x: x.nama) if not x.contoh]
    return [r.page("home.html.j2", urls.HOME, regions=regions, demos=demos, totals=totals,
                   quick_win_summary=summary, compare=compare, compare_all=compare_total(compare),
                   provinces=_by_province(regions), updates=updates[:LATEST_UPDATES])]


def region_index_pages(r: Renderer, dataset: m.Dataset, registered: Sequence[str]) -> list[Page]:
    """Every region by province (``/wilayah/``), the demo region apart: a reader's region one tap away."""
    regions = tuple(region for region in dataset.regions if not region.contoh)
    return [r.page("regions.html.j2", urls.REGION_INDEX, regions=regions,
                   demos=tuple(region for region in dataset.regions if region.contoh),
                   provinces=_by_province(regions))]


@dataclass(frozen=True)
class _Province:
    name: str
    anchor: str
    """Its section on the region index, ``_prov-jawa-barat``."""
    regions: list[m.Region]


def _by_province(regions: Iterable[m.Region]) -> list[_Province]:
    provinces: dict[str, list[m.Region]] = {}
    for region in sorted(regions, key=lambda x: (x.provinsi, x.nama)):
        provinces.setdefault(region.provinsi, []).append(region)
    return [_Province(name, "_prov-" + register.slugify(name), members) for name, members in sorted(provinces.items())]


def province_pages(r: Renderer, dataset: m.Dataset, registered: Sequence[str]) -> list[Page]:
    """A page per province of the register (also those without a published masterplan), and their list.
    Demo regions belong to no province: they never count here."""
    members: dict[str, list[m.Region]] = {}
    for region in dataset.regions:
        if not region.contoh:
            members.setdefault(region.plan.kode_wilayah[:2], []).append(region)
    pages = []
    listing = []
    for province in register.provinces():
        regions = sorted(members.get(province.kode, []), key=lambda x: x.nama)
        rows = [compare_row(x, r.today) for x in regions]
        listing.append((province, len(regions)))
        pages.append(r.page("province.html.j2", urls.province(province.slug), province=province, rows=rows,
                            regions=regions, total=compare_total(rows)))
    pages.append(r.page("provinces.html.j2", urls.PROVINCES, provinces=listing))
    return pages


def removal_pages(r: Renderer, dataset: m.Dataset, registered: Sequence[str]) -> list[Page]:
    """A notice at each removed address; a removed region's notice covers all its published pages."""
    regions = {region.slug: region for region in dataset.regions}
    known = sorted(set(registered))
    pages = []
    for removal in dataset.removed:
        slug = removal.url.strip("/").split("/")[0]
        region = regions.get(slug)
        addresses = [removal.url]
        if region is None and removal.url == f"/{slug}/":
            addresses += [u for u in known if u.startswith(removal.url) and u != removal.url]
        for address in addresses:
            page = r.page("removed.html.j2", urls.path_of(address), r=removal, region=region)
            pages.append(Page(page.path, page.text, "notice"))
    return pages


def national_feed_pages(r: Renderer, dataset: m.Dataset, registered: Sequence[str]) -> list[Page]:
    """The national Atom feed: the newest entries of every real region (never demo data)."""
    real = [region for region in dataset.regions if not region.contoh]
    national = sorted((e for region in real for e in feeds.news(feeds.region_entries(region, r.today))),
                      key=lambda e: (-e.tanggal.toordinal(), e.region.slug, e.key))[:feeds.NATIONAL_LIMIT]
    fallback = min((region.plan.periode.mulai for region in dataset.regions), default=2017)
    return [Page(urls.NATIONAL_FEED, feeds.atom(
        "Pembaruan masterplan smart city kabupaten/kota", urls.NATIONAL_FEED, urls.HOME,
        national, r.settings.site_url, r.settings.publisher, dt.date(fallback, 1, 1)), "file")]


def national_data_pages(r: Renderer, dataset: m.Dataset, registered: Sequence[str]) -> list[Page]:
    """The national open-data page and downloads."""
    return opendata.national_files(dataset, r.today, r.settings)


SiteFamily = Callable[[Renderer, m.Dataset, Sequence[str]], list[Page]]
SITE_FAMILIES: tuple[SiteFamily, ...] = (
    home_pages, region_index_pages, province_pages, removal_pages, national_feed_pages, national_data_pages,
)
"""What the site publishes beside the regions' own pages (``REGION_FAMILIES``); ``registered`` are the
URLs published before."""


PARALLEL_FROM = 24
"""Below this many regions, starting worker processes costs more than it saves."""
_CHUNK = 8
_forked: tuple[Renderer, tuple[m.Region, ...]] | None = None
"""What forked workers render from: inherited from the parent, never pickled."""


def _render_chunk(indices: range) -> list[Page]:
    assert _forked is not None
    renderer, regions = _forked
    return [page for i in indices for page in renderer.region_pages(regions[i])]


@contextlib.contextmanager
def _region_pages(renderer: Renderer, regions: tuple[m.Region, ...]) -> Iterator[Callable[[], list[Page]]]:
    """Every region's pages, collected by calling what this yields; at national scale rendered on every
    core from the start (regions are independent), while the caller makes the site's own pages."""
    global _forked
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or len(regions) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: [page for region in regions for page in renderer.region_pages(region)]
        return
    _forked = (renderer, regions)
    try:
        chunks = [range(i, min(i + _CHUNK, len(regions))) for i in range(0, len(regions), _CHUNK)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=processes.die_with_parent, initargs=(os.getpid(),)) as pool:
            rendered = pool.map(_render_chunk, chunks)  # submitted now; the workers start at once
            try:
                yield lambda: [page for chunk in rendered for page in chunk]
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
    finally:
        _forked = None


def render_site(dataset: m.Dataset, today: dt.date, settings: Settings | None = None,
                registered: Iterable[str] = ()) -> list[Page]:
    """All generated pages and files, sorted by path; ``registered`` are the URLs published before."""
    known = tuple(registered)
    renderer = Renderer(today, settings, known)
    with _region_pages(renderer, dataset.regions) as regional:
        pages = [page for family in SITE_FAMILIES for page in family(renderer, dataset, known)]
        pages += regional()
    return sorted(pages, key=lambda p: p.path)
