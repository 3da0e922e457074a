"""The data folder as it is at a git revision, read from git's objects.

Nothing is checked out and nothing in the working tree changes: ``git ls-tree`` lists the files
under the data folder with their object ids, and ``git cat-file --batch`` hands over the contents
of just the blobs asked for. Comparing object ids with hashes of the working-tree files tells which
regions differ without reading the others at all.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import MasterplanError

REGULAR_MODES = frozenset({"100644", "100755"})
LINK_MODE = "120000"
DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")
"""Where ``masterplan diff`` looks for the default branch when no ``--base`` is given, in this order."""


class GitError(MasterplanError):
    """The repository or revision cannot be used; the command line is at fault (exit 2)."""


@dataclass(frozen=True)
class TreeFile:
    """One entry of the tree at the revision."""

    mode: str
    """Git file mode: ``100644`` a file, ``120000`` a symbolic link, ``160000`` a submodule."""
    oid: str
    """Object id of the blob."""

    @property
    def regular(self) -> bool:
        """A plain file (not a link, not a submodule)."""
        return self.mode in REGULAR_MODES


@dataclass(frozen=True)
class Revision:
    """A commit of the repository that holds the data folder."""

    repo: Path
    """Top of the work tree."""
    commit: str
    """Full object id of the commit."""
    label: str
    """How the revision was named (``origin/main``, ``HEAD``)."""
    prefix: str
    """The data folder, relative to the top of the work tree (``regions``; ``""`` at the top)."""
    object_format: str
    """``sha1`` or ``sha256``."""

    @property
    def short(self) -> str:
        """The first 12 hex digits of the commit."""
        return self.commit[:12]


def run(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    """git's output for ``git -C repo args...``; the last line of its complaint as a GitError when it fails.
    The one way the project runs git (also for ``--published``, generator/published.py)."""
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"git tidak dapat dijalankan ({exc.strerror}); pasang git") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} gagal: {detail[-1] if detail else f'kode {proc.returncode}'}")
    return proc.stdout


def _commit(repo: Path, ref: str) -> str | None:
    try:
        out = run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except GitError:
        return None
    return out.decode().strip() or None


def open_revision(data_dir: Path, ref: str | None) -> Revision:
    """The revision to compare with: ``ref``, or the merge base of HEAD with the default branch, or HEAD."""
    try:
        lines = run(data_dir, "rev-parse", "--show-toplevel", "--show-object-format").decode().splitlines()
    except GitError as exc:
        raise GitError(f"folder data {data_dir} tidak berada di dalam repositori git") from exc
    top = Path(lines[0])
    object_format = lines[1] if len(lines) > 1 else "sha1"
    try:
        prefix = data_dir.resolve().relative_to(top.resolve()).as_posix()
    except ValueError as exc:  # pragma: no cover - git said it is inside
        raise GitError(f"folder data {data_dir} tidak berada di dalam repositori git") from exc
    prefix = "" if prefix == "." else prefix
    if ref is not None:
        if ref.startswith("-") or not ref.strip():
            raise GitError(f"revisi {ref!r} tidak sah")
        commit = _commit(top, ref)
        if commit is None:
            raise GitError(f"revisi {ref!r} tidak ditemukan di repositori ini; untuk CI, ambil seluruh riwayat "
                           "(fetch-depth: 0 atau GIT_DEPTH: 0)")
        return Revision(top, commit, ref, prefix, object_format)
    head = _commit(top, "HEAD")
    if head is None:
        raise GitError("repositori belum punya commit; tidak ada yang dapat dibandingkan")
    for branch in DEFAULT_BRANCHES:
        tip = _commit(top, branch)
        if tip is None:
            continue
        try:
            base = run(top, "merge-base", head, tip).decode().strip()
        except GitError:
            continue
        return Revision(top, base, f"merge-base HEAD {branch}", prefix, object_format)
    return Revision(top, head, "HEAD", prefix, object_format)


def list_files(revision: Revision) -> dict[str, TreeFile]:
    """Every file under the data folder at the revision, by path relative to the data folder."""
    args = ["ls-tree", "-r", "-z", "--full-tree", revision.commit]
    if revision.prefix:
        args += ["--", revision.prefix + "/"]
    start = len(revision.prefix) + 1 if revision.prefix else 0
    files: dict[str, TreeFile] = {}
    for record in run(revision.repo, *args).split(b"\0"):
        if not record:
            continue
        info, _, raw_path = record.partition(b"\t")
        mode, _kind, oid = info.decode().split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        files[path[start:]] = TreeFile(mode, oid)
    return files


def read_blobs(revision: Revision, oids: Iterable[str]) -> dict[str, bytes]:
    """The contents of these blobs, in one ``git cat-file --batch``."""
    wanted = sorted(set(oids))
    if not wanted:
        return {}
    out = run(revision.repo, "cat-file", "--batch", data="".join(f"{oid}\n" for oid in wanted).encode())
    blobs: dict[str, bytes] = {}
    pos = 0
    for oid in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode().split(" ")
        if len(header) != 3 or header[1] != "blob":
            raise GitError(f"objek {oid} bukan berkas di repositori")
        size = int(header[2])
        blobs[oid] = out[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
    return blobs


def blob_id(data: bytes, object_format: str) -> str:
    """The object id git gives a file with these bytes (before any clean filter or line-end conversion)."""
    digest = hashlib.sha256() if object_format == "sha256" else hashlib.sha1()
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()
