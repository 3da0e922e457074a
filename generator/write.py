"""Put generated pages into ``content/``: only changed bytes, only inside the folder, only our own files.

A manifest (``content/.generated.json``, hidden from MkDocs) lists what the generator wrote last time,
so pages of a deleted region or programme are removed, and hand-written pages are never touched.
Writing only changed files also keeps ``mkdocs serve`` from rebuilding in a loop (mkdocs#1933).
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import PublishError

if TYPE_CHECKING:
    from generator.templating import Page

MANIFEST = ".generated.json"
GENERATED_SUFFIXES = (".md", ".json", ".csv", ".xml", ".svg")
"""Pages, and the data downloads, feeds and Quick Win QR codes MkDocs copies as they are."""


@dataclass(frozen=True)
class WriteReport:
    """What a write changed."""

    written: tuple[str, ...]
    """Pages created or whose bytes changed."""
    unchanged: int
    """Pages left as they were."""
    removed: tuple[str, ...]
    """Pages generated before and no longer produced."""


def _safe_relative(path: str) -> str:
    norm = posixpath.normpath(path)
    if (path != norm or norm.startswith(("../", "/")) or norm == ".." or "\\" in path
            or not norm.endswith(GENERATED_SUFFIXES) or posixpath.basename(norm).startswith(".")):
        raise PublishError(f"jalur halaman tidak aman: {path!r}")
    return norm


def read_manifest(content: Path) -> set[str]:
    """Paths the generator wrote last time (empty when there is no manifest)."""
    try:
        data = json.loads((content / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:
        raise PublishError(f"{content / MANIFEST} rusak ({exc}); hapus berkas itu dan jalankan lagi") from exc
    return {_safe_relative(p) for p in data.get("pages", [])}


def is_temporary(path: str) -> bool:
    """A file the writer is still writing (``.name.tmp`` beside its target)."""
    name = path.rpartition("/")[2]
    return name.startswith(".") and name.endswith(".tmp")


def _write_if_changed(target: Path, data: bytes, folders: set[Path]) -> bool:
    """Write ``data`` unless the file holds it already; ``folders`` remembers the folders made, so each
    is made once (a folder per region section: thousands of calls at national scale)."""
    try:
        if target.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return True


def _prune_dirs(content: Path, paths: Iterable[str]) -> None:
    parents = sorted({p for path in paths for p in Path(path).parents if str(p) != "."},
                     key=lambda p: len(p.parts), reverse=True)
    for parent in parents:
        folder = content / parent
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def write_pages(content: Path, pages: list[Page], scope: str | None = None) -> WriteReport:
    """Write pages into ``content``; with ``scope`` (a region slug) only that region's old pages may go."""
    previous = read_manifest(content)
    wanted = {_safe_relative(p.path): p for p in pages}
    if len(wanted) != len(pages):
        raise PublishError("dua halaman hasil pembuatan memakai jalur yang sama")
    clashes = sorted(path for path in wanted if path not in previous and (content / path).exists())
    if clashes:
        raise PublishError("halaman tulisan tangan akan tertimpa: " + ", ".join(clashes))
    content.mkdir(parents=True, exist_ok=True)
    folders: set[Path] = set()
    written = tuple(path for path in sorted(wanted) if _write_if_changed(content / path, wanted[path].data, folders))
    stale = sorted(previous - set(wanted))
    if scope is not None:
        stale = [p for p in stale if p.startswith(f"{scope}/")]
    for path in stale:
        (content / path).unlink(missing_ok=True)
    _prune_dirs(content, stale)
    kept = (previous - set(stale)) | set(wanted)
    manifest = json.dumps({"pages": sorted(kept)}, indent=0, ensure_ascii=False) + "\n"
    _write_if_changed(content / MANIFEST, manifest.encode(), folders)
    return WriteReport(written, len(wanted) - len(written), tuple(stale))
