"""The public URL contract: page paths in content/ ↔ site URLs, and the register of published URLs.

Journalists link to these addresses for years. ``regions/published-urls.txt`` lists every URL the
site has ever published; a build that would stop answering one of them, with neither a redirect
(``id_lama``) nor a removal notice (``regions/dihapus.yaml``), fails and names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.errors import Problem

REGISTER_NAME = "published-urls.txt"
_HEADER = (
    "# Every URL this site has published. Maintained by `masterplan build`; review changes in pull requests.\n"
    "# A URL never leaves this list: a renamed Quick Win keeps its old id in id_lama, a removed page is\n"
    "# listed in dihapus.yaml.\n"
)


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


def read_register(path: Path) -> list[str]:
    """URLs in the register, in file order (empty when there is none yet)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def missing(register_path: Path, display: str, produced: set[str]) -> list[Problem]:
    """A located error for every registered URL the build would no longer answer."""
    try:
        lines = register_path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    problems = []
    for number, line in enumerate(lines, start=1):
        url = line.strip()
        if url and not url.startswith("#") and url not in produced:
            problems.append(Problem(
                display, number, 1, "error",
                f"alamat {url} pernah diterbitkan tetapi tidak akan ada lagi; bila programnya berganti id, "
                "tambahkan id lama ke id_lama program itu, bila dihapus dari rencana, catat di dihapus.yaml"))
    return problems


def write_register(path: Path, urls: Iterable[str]) -> bool:
    """Write the register (sorted, one URL a line); returns whether its bytes changed."""
    text = _HEADER + "".join(f"{url}\n" for url in sorted(set(urls)))
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        pass
    path.write_text(text, encoding="utf-8")
    return True
