"""What counts as published: the register of URLs, kept by the default branch's publishing job.

Journalists link to these addresses for years. ``regions/published-urls.txt`` (the register) lists
the URLs the site has published. Only the publishing job of the default branch adds to it
(``masterplan record-urls`` on the site it has just deployed, then a commit to that branch); builds
and previews never write it. With ``--published REF`` a build takes the register as the default
branch REF has it (with the job's last commit of it, should someone have deleted a line since),
whatever the branch being built did to its own copy, and refuses a branch that added or deleted
register lines itself (once merged they would count, or stop protecting a URL).
A build that would stop answering a published URL, with neither a redirect (``id_lama``) nor a
removal notice (``regions/dihapus.yaml``), fails and names it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator import gitsource
from generator.errors import Problem, PublishError

REGISTER_NAME = "published-urls.txt"
_HEADER = (
    "# Alamat yang pernah diterbitkan situs ini. Berkas ini diisi hanya oleh proses terbit di cabang utama\n"
    "# (masterplan record-urls); jangan diubah dengan tangan. Setiap alamat di sini harus tetap ada: program\n"
    "# yang berganti id mencantumkan id lamanya di id_lama, halaman yang dihapus dicatat di dihapus.yaml.\n"
)


def _register_lines(path: Path) -> dict[str, int]:
    """Each URL of a register file → its line number (empty when there is no register yet)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        url = line.strip()
        if url and not url.startswith("#"):
            found.setdefault(url, number)
    return found


def read_register(path: Path) -> list[str]:
    """URLs in the register, in file order (empty when there is none yet)."""
    return list(_register_lines(path))


@dataclass(frozen=True)
class Published:
    """What a build must keep answering, and where the data folder's register names each URL."""

    urls: frozenset[str]
    """Every URL published before."""
    display: str
    """How messages name the register file (``regions/published-urls.txt``)."""
    lines: Mapping[str, int]
    """URL → its line in the data folder's register file."""
    ref: str | None = None
    """The default branch's git revision whose register says what was published; None: the file alone."""
    dropped: frozenset[str] = frozenset()
    """Lines this branch deleted from the register since it last met ``ref`` (refused: once merged,
    they would no longer protect their URL)."""


def read_published(regions: Path, display: str, ref: str | None = None) -> Published:
    """The published URLs: the register file in ``regions``, or with ``ref`` the register as that git
    revision of the default branch has it (read with the local git; nothing is fetched)."""
    lines = _register_lines(regions / REGISTER_NAME)
    shown = f"{display.rstrip('/')}/{REGISTER_NAME}"
    if ref is None:
        return Published(frozenset(lines), shown, lines)
    if not ref or ref.startswith("-"):
        raise PublishError(f"revisi git tidak sah: {ref!r}")
    try:
        shallow = _git(regions, "rev-parse", "--is-shallow-repository").strip() == "true"
    except PublishError as exc:
        raise PublishError(f"folder data {regions} tidak berada di repositori git ({exc}); "
                           "--published membaca daftar alamat cabang utama dari git") from exc
    if shallow:
        raise PublishError(
            "riwayat git tidak lengkap (clone dangkal), jadi titik cabang ini dari cabang utama tidak diketahui; "
            "ambil seluruh riwayat: git fetch --unshallow (GitHub Actions: fetch-depth: 0, GitLab: GIT_DEPTH: 0)")
    try:
        _git(regions, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except PublishError as exc:
        raise PublishError(f"revisi git {ref!r} tidak ditemukan; ambil dulu cabang utama, "
                           "mis. git fetch origin main") from exc
    base = _git(regions, "merge-base", "--end-of-options", ref, "HEAD").strip()
    dropped = _registered_at(regions, base) - set(lines)
    published = _registered_at(regions, ref) | _last_recorded(regions, ref)
    return Published(published, shown, lines, ref, frozenset(dropped))


def _git(folder: Path, *args: str) -> str:
    """git's output in the data folder's repository; a failure stops the build."""
    try:
        return gitsource.run(folder, *args).decode("utf-8")
    except gitsource.GitError as exc:
        raise PublishError(str(exc)) from exc


def _registered_at(regions: Path, revision: str) -> frozenset[str]:
    """The register's URLs in a git revision (none when it has no register yet)."""
    listed = _git(regions, "ls-tree", "--name-only", "--end-of-options", revision, REGISTER_NAME)
    if not listed.strip():
        return frozenset()
    text = _git(regions, "cat-file", "blob", f"{revision}:./{REGISTER_NAME}")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


RECORD_SUBJECT = "Catat alamat yang terbit dari "
"""How the publishing job's commits of the register begin (.github/workflows/publish.yml, .gitlab-ci.yml)."""


def _last_recorded(regions: Path, ref: str) -> frozenset[str]:
    """The register as the publishing job last committed it in ``ref``'s history.

    Each of the job's commits holds every URL of the one before (it only adds, and a deploy happens
    only when the build kept all of them), so with the register at ``ref`` it covers a line that a
    later commit of someone else deleted, e.g. a merge that overrode a failed check.
    """
    # No pathspec: matching messages alone is cheap, where a path-limited walk diffs every commit's tree.
    found = _git(regions, "log", "-1", "--format=%H", f"--grep=^{RECORD_SUBJECT}", "--end-of-options", ref).strip()
    return _registered_at(regions, found) if found else frozenset()


def missing(published: Published, produced: set[str]) -> list[Problem]:
    """A located error for every published URL the build would no longer answer."""
    problems = []
    for url in sorted(published.urls - produced, key=lambda u: (published.lines.get(u, 0), u)):
        problems.append(Problem(
            published.display, published.lines.get(url, 1), 1, "error",
            f"alamat {url} pernah diterbitkan tetapi tidak akan ada lagi; bila programnya berganti id, "
            "tambahkan id lama ke id_lama program itu, bila dihapus dari rencana, catat di dihapus.yaml"))
    return problems


def register_edits(published: Published) -> list[Problem]:
    """With a git revision: a located error for every register line this branch added or deleted (the
    register is written by the publishing job only; a branch's edit would count once merged)."""
    if published.ref is None:
        return []
    problems = [Problem(published.display, line, 1, "error",
                        f"alamat {url} tidak pernah tercatat terbit di {published.ref}; berkas ini hanya diisi "
                        "oleh proses terbit di cabang utama, hapus baris ini")
                for url, line in sorted(published.lines.items(), key=lambda item: item[1])
                if url not in published.urls]
    problems += [Problem(published.display, 1, 1, "error",
                         f"baris {url} dihapus dari berkas ini; berkas ini hanya diisi oleh proses terbit di "
                         "cabang utama, kembalikan baris itu")
                 for url in sorted(published.dropped)]
    return problems


def site_urls(site_dir: Path) -> set[str]:
    """The page URLs of a built site: every folder holding an ``index.html``."""
    if not site_dir.is_dir():
        raise PublishError(f"folder situs {site_dir} tidak ada; bangun dulu dengan masterplan build")
    found = set()
    for folder, _dirs, files in os.walk(site_dir):
        if "index.html" in files:
            relative = Path(folder).relative_to(site_dir).as_posix()
            found.add("/" if relative == "." else f"/{relative}/")
    if not found:
        raise PublishError(f"tidak ada halaman (index.html) di {site_dir}")
    return found


def record(register: Path, site_dir: Path) -> list[str]:
    """Add the pages of a deployed site to the register; returns the URLs added, sorted."""
    before = set(read_register(register))
    found = site_urls(site_dir)
    write_register(register, before | found)
    return sorted(found - before)


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
