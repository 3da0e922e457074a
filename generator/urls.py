"""The public URL contract: page paths in content/ ↔ site URLs.

Journalists link to these addresses for years; what the site has published, and the check that
keeps it answering, is in ``generator/published.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.model import Program

REGION_INDEX = "wilayah.md"
"""Every region by province (``/wilayah/``), linked from the navigation of every page."""
GLOSSARY = "istilah.md"
"""Hand-written glossary (``/istilah/``) of the terms the pages use (OPD, APBD, Bimtek …)."""
FEED_STYLESHEET = "assets/feed.xsl"
"""Hand-written XSLT that shows a feed opened in a browser as a page explaining what a feed is."""


def quick_win_download(slug: str, program_id: str, extension: str) -> str:
    """Content path of one Quick Win's own data (``json`` or ``csv``)."""
    return f"{slug}/data/quick-win/{program_id}.{extension}"


def url_of(path: str) -> str:
    """``kota-tegal/quick-win/x.md`` → ``/kota-tegal/quick-win/x/`` (MkDocs directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return "/"
    stem = stem.removesuffix("/index")
    return f"/{stem}/"


def path_of(url: str) -> str:
    """``/kota-tegal/quick-win/x/`` → ``kota-tegal/quick-win/x.md``; a region root → its index page."""
    parts = url.strip("/").split("/")
    if parts == [""]:
        return "index.md"
    if len(parts) == 1:
        return f"{parts[0]}/index.md"
    return "/".join(parts) + ".md"


# ------------------------------------------------------------------ the page layout
# Every generated page and file has its path in content/ made here, and nowhere else: templates call
# these through the ``urls`` global, feeds and downloads through ``absolute``. A path is relative to
# content/ (``kota-tegal/roadmap.md``); ``url_of`` turns it into the address MkDocs gives it.

HOME = "index.md"
"""The national overview."""
NATIONAL = "data"
"""Folder (and URL) of the national data page and files."""
NATIONAL_DATA = f"{NATIONAL}/index.md"
NATIONAL_FEED = "feed.xml"
QUICK_WIN_ANCHOR = "_quick-win"
MILESTONES_ANCHOR = "_tahapan"
DIMENSIONS_ANCHOR = "_dimensi"


COMPARE_SCRIPT = "assets/javascripts/mp-compare.js"
"""Sorting and filtering of the comparison tables (hand-written, in content/)."""
PROVINCES = "provinsi/index.md"
"""The list of provinces."""


def province(slug: str) -> str:
    """A province's page, ``provinsi/jawa-barat.md`` (slug of the register's province name)."""
    return f"provinsi/{slug}.md"


def region(slug: str) -> str:
    """A region's overview page."""
    return f"{slug}/index.md"


def dimension(slug: str, dimensi: str) -> str:
    """A region's page of one dimension; every programme of it has an anchor there (its id)."""
    return f"{slug}/{dimensi}.md"


def roadmap(slug: str) -> str:
    """A region's roadmap."""
    return f"{slug}/roadmap.md"


def quick_wins(slug: str) -> str:
    """A region's list of Quick Wins."""
    return f"{slug}/quick-win/index.md"


def quick_win(slug: str, program_id: str) -> str:
    """A Quick Win's own page (also where an old id of it redirects from)."""
    return f"{slug}/quick-win/{program_id}.md"


def quick_win_qr(slug: str, program_id: str) -> str:
    """The QR code of a Quick Win's canonical address, beside its page (``…/quick-win/<id>/kode-qr.svg``)."""
    return f"{slug}/quick-win/{program_id}/kode-qr.svg"


def print_version(slug: str) -> str:
    """A region's whole plan as one printable document (``/<slug>/cetak/``)."""
    return f"{slug}/cetak.md"


def analysis(slug: str) -> str:
    """A region's situation analysis."""
    return f"{slug}/analisis.md"


def changes(slug: str) -> str:
    """A region's list of updates and milestones."""
    return f"{slug}/perubahan.md"


def region_feed(slug: str) -> str:
    """A region's Atom feed."""
    return f"{slug}/feed.xml"


def region_data(slug: str) -> str:
    """A region's open-data page."""
    return f"{slug}/data/index.md"


def region_json(slug: str) -> str:
    """A region's JSON download."""
    return f"{slug}/data/{slug}.json"


def region_csv(slug: str) -> str:
    """A region's programme CSV."""
    return f"{slug}/data/{slug}-program.csv"


def national_file(name: str) -> str:
    """A national download, e.g. ``program.csv`` or ``schema/program.schema.json``."""
    return f"{NATIONAL}/{name}"


def program_section(slug: str, p: Program) -> tuple[str, str]:
    """Every programme's section on its dimension page, as (page, anchor); a Quick Win has one too."""
    return dimension(slug, p.dimensi), p.id


def program(slug: str, p: Program) -> tuple[str, str | None]:
    """Where a programme is told, as (page, anchor): a Quick Win on its own page, any other programme as
    an anchor (its id) on its dimension page."""
    if p.is_quick_win:
        return quick_win(slug, p.id), None
    return program_section(slug, p)


def site_relative(path: str, anchor: str | None = None) -> str:
    """``kota-x/roadmap.md`` → ``kota-x/roadmap/``; a file keeps its path; the home page is ``""``."""
    address = url_of(path)[1:] if path.endswith(".md") else path
    return address + (f"#{anchor}" if anchor else "")


def absolute(site_url: str, path: str, anchor: str | None = None) -> str:
    """The public address of a page or file (``site_url`` ends in '/'), for feeds, downloads and citations."""
    return site_url + site_relative(path, anchor)
