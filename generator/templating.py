"""What every page is made with: the ``Page`` value, the Jinja environment and the HTML helpers the
templates call (relative links, headings, tables). Used by ``render`` (the site's pages) and
``opendata`` (the data pages); it knows no page family itself.

Templates are HTML with Jinja's autoescape; links are relative URLs made by ``href`` from paths that
``urls`` makes."""

from __future__ import annotations

import datetime as dt
import functools
import json
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import charts, register, text, urls
from generator import model as m
from generator.vocabulary import (
    DIM_GLOSS,
    DIM_INTRO,
    DIM_LABEL,
    DOC_LABEL,
    MILESTONE_LABEL,
    READINESS_LABEL,
    SCORE_LABELS,
    SECTION_GLOSS,
    SECTOR_LABEL,
    STATUS_LABEL,
    TYPE_LABEL,
)


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
    return urls.site_relative(path)


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
    return Markup("".join(f'<td class="mp-r">{wrap.format(escape(v))}</td>' for v in values))


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
    if p.is_rescheduled:
        out += f", <strong>dijadwalkan ulang</strong> dari {p.tahun_selesai_awal} ke {p.tahun_selesai}"
    return Markup(out)


def conflict_note(p: m.Program) -> Markup:
    """A visible notice where the programme's status or progress disagrees with its newest update
    (``masterplan check`` warns): the page shows the programme's own values, and says so."""
    sentences = []
    for key, u in p.conflicts():
        if key == "status":
            said, own = STATUS_LABEL[u.status or ""], STATUS_LABEL[p.status]
        else:
            said = text.percent(u.progres or 0)
            own = text.percent(p.effective_progress) if p.effective_progress is not None else "belum diisi"
        sentences.append(f"Pembaruan terbaru ({text.date(u.tanggal)}) menyebut {key} {escape(said)}, tetapi {key} "
                         f"program ini tertulis {escape(own)}.")
    if not sentences:
        return Markup("")
    return Markup('<div class="admonition warning">\n<p class="admonition-title">Status belum sesuai riwayat</p>\n'
                  f"<p>{' '.join(sentences)} Halaman ini menampilkan status yang tertulis pada program sampai "
                  "editor data menyelaraskannya.</p>\n</div>")


def host_of(url: str) -> str:
    """The host an outside link leads to, as a reader would name it (``harapanjaya.contoh.go.id``)."""
    host = urllib.parse.urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _table(head: list[tuple[str, str]], rows: list[list[str]]) -> Markup:
    def cells(tag: str, values: list[str]) -> str:
        return "".join(f'<{tag}{_ALIGN[align]}>{value}</{tag}>' for (_, align), value in zip(head, values, strict=True))
    return Markup("<table><thead><tr>" + cells("th", [h for h, _ in head]) + "</tr></thead><tbody>"
                  + "".join(f"<tr>{cells('td', row)}</tr>" for row in rows) + "</tbody></table>")


_ALIGN = {"left": "", "right": ' class="mp-r"'}


def _years_text(years: tuple[int, ...]) -> str:
    """``2021``, ``2021 dan 2023``, ``2021, 2022 dan 2023``."""
    words = [str(y) for y in years]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " dan " + words[-1]


def absorption_text(money: m.Spending) -> str:
    """``97,5%`` of the plan of the reported lines, or ``–`` when it cannot be measured."""
    share = money.absorption
    return "–" if share is None else text.percent(round(share, 1))


def spending_sentence(money: m.Spending) -> Markup:
    """What was spent, over which years, and whether it exceeds the plan; plain about what is unknown."""
    if not money.planned and not money.reported:
        return Markup("")
    if not money.reported:
        return Markup("<p>Realisasi anggaran belum dilaporkan.</p>")
    years = _years_text(money.years)
    out = (f"<p><strong>Terserap {absorption_text(money)}</strong> dari anggaran yang sudah dilaporkan "
           f"realisasinya ({text.rupiah_short(money.spent)} dari {text.rupiah_short(money.reported_planned)}, "
           f"tahun {years}).")
    if money.over_plan:
        out += (f" <strong>Realisasi melebihi rencana</strong> sebesar "
                f"{text.rupiah_short(money.spent - money.reported_planned)}.")
    if money.reported_planned < money.planned:
        out += (f" Anggaran {text.rupiah_short(money.planned - money.reported_planned)} lainnya belum "
                "dilaporkan realisasinya dan tidak dihitung.")
    return Markup(out + "</p>")


def _realised_cell(b: m.Budget) -> str:
    if b.realisasi is None:
        return "belum dilaporkan"
    return text.rupiah(b.realisasi)


def _absorbed_cell(b: m.Budget) -> str:
    if b.realisasi is None or not b.jumlah:
        return "–"
    share = text.percent(round(100 * b.realisasi / b.jumlah, 1))
    return f"<strong>{share}, melebihi rencana</strong>" if b.realisasi > b.jumlah else share


_TABLES: dict[tuple[int, str], tuple[m.Program, Markup]] = {}
"""A programme's budget and indicator tables, rendered once for its dimension page, its Quick Win page
and the print version; emptied for each region (``forget_tables``). Keyed by the programme's identity,
and the programme kept, so a key is never taken over by another object."""


def _once(p: m.Program, kind: str, make: Callable[[], Markup]) -> Markup:
    found = _TABLES.get((id(p), kind))
    if found is None or found[0] is not p:
        found = _TABLES[(id(p), kind)] = (p, make())
    return found[1]


def forget_tables() -> None:
    """Start a region: drop the tables of the one before."""
    _TABLES.clear()


def budget_table(p: m.Program, sentence: bool = True) -> Markup:
    """Budget per year with its source, and the total; realisation beside the plan when any is reported
    (with the sentence on what was absorbed, unless ``sentence`` is false: on a dimension page the section
    above says it for all its programmes); or a sentence saying there is none."""
    table = _once(p, "budget", lambda: _budget_table(p))
    return Markup(table + spending_sentence(p.spending)) if sentence and p.anggaran and p.spending.reported else table


def _budget_table(p: m.Program) -> Markup:
    if not p.anggaran:
        return Markup("<p>Belum ada data anggaran.</p>")
    lines = sorted(p.anggaran, key=_year)
    money = p.spending
    if not money.reported:
        rows = [[str(b.tahun), text.rupiah(b.jumlah), b.sumber] for b in lines]
        rows.append(["<strong>Total</strong>", f"<strong>{text.rupiah(p.total_anggaran)}</strong>", ""])
        return _table([("Tahun", "left"), ("Jumlah", "right"), ("Sumber dana", "left")], rows)
    rows = [[str(b.tahun), text.rupiah(b.jumlah), _realised_cell(b), _absorbed_cell(b), b.sumber] for b in lines]
    # The absorption of the total is measured over the reported lines only: say so where the total
    # plan holds lines without a realisation, or the row reads as "96,6% of the whole plan".
    partial = money.reported_planned < money.planned
    share = f"{absorption_text(money)} dari yang dilaporkan" if partial else absorption_text(money)
    rows.append(["<strong>Total</strong>", f"<strong>{text.rupiah(money.planned)}</strong>",
                 f"<strong>{text.rupiah(money.spent)}</strong>", f"<strong>{share}</strong>", ""])
    return _table([("Tahun", "left"), ("Rencana", "right"), ("Realisasi", "right"), ("Terserap", "right"),
                   ("Sumber dana", "left")], rows)


def indicator_table(p: m.Program) -> Markup:
    """Indicators with target, achievement and year; or a sentence saying there are none."""
    return _once(p, "indicators", lambda: _indicator_table(p))


def _indicator_table(p: m.Program) -> Markup:
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


_CSS_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:/_-")


def css_string(value: str) -> str:
    """A CSS string literal, every character but letters, digits and ``.,:/_-`` as a hex escape: safe
    inside a ``<style>`` element, in YAML front matter and in HTML, whatever the text."""
    return '"' + "".join(c if c in _CSS_PLAIN else f"\\{ord(c):x} " for c in value) + '"'


def _safe(formatter: Callable[[Any], str]) -> Callable[[Any], Markup]:
    return lambda value: Markup(formatter(value))


def _agencies(region: m.Region, codes: tuple[str, ...]) -> str:
    return ", ".join(region.agency(c).nama for c in codes)


def environment() -> jinja2.Environment:
    """A Jinja environment for the templates of generator/templates, with every helper and label they use."""
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
        dim_gloss=DIM_GLOSS, section_gloss=SECTION_GLOSS, host_of=host_of,
        type_label=TYPE_LABEL, doc_label=DOC_LABEL, milestone_label=MILESTONE_LABEL,
        sector_label=SECTOR_LABEL, readiness_label=READINESS_LABEL, score_labels=SCORE_LABELS,
        href=href, heading=heading, nav_link=nav_link, number_cells=number_cells,
        evaluation_cells=evaluation_cells, ext_link=ext_link, spending_sentence=spending_sentence,
        absorption_text=absorption_text, spending=m.spending, spending_by_year=m.spending_by_year,
        province_slug=register.slugify, status_text=status_text, budget_table=budget_table,
        conflict_note=conflict_note,
        indicator_table=indicator_table, json=_front_matter, agencies=_agencies, attr=text.attr,
        # Formatted numbers and dates hold only digits, letters and separators: safe as HTML.
        rupiah=_safe(text.rupiah), rupiah_short=_safe(text.rupiah_short), number=_safe(text.number),
        percent=_safe(text.percent), date=_safe(text.date), title_case=text.title_case, uraian=text.uraian,
    )
    env.globals.update(charts.JINJA_GLOBALS)
    env.globals["urls"] = urls
    return env


_CELL_ENDS = ("</td><", "</th><", "</tr><", "</li><")


def tidy(body: str) -> str:
    """Collapse the blank lines left by template blocks so files stay small and diffs readable; put a
    line break between adjacent table cells and list items, so that text made from the page (the search
    index and its excerpts) does not run them together ("IndikatorTargetCapaian")."""
    lines: list[str] = []
    append = lines.append  # runs over every line of every page: 200 MB at national scale
    blank = True  # the last line kept is blank (or there is none yet)
    for end in _CELL_ENDS:  # plain replacements: a regular expression took a fifth of a print page's time
        body = body.replace(end, end[:-1] + "\n<")
    for line in body.splitlines():
        line = line.rstrip()
        if line:
            append(line)
            blank = False
        elif not blank:
            append(line)
            blank = True
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
