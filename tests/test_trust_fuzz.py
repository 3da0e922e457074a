"""Property: a symbolic link, a record dated after the build date, or a status that contradicts the newest
update never passes ``check --strict``, however they are combined, and each is reported on its own line.

Drawn at random: which entry becomes a link (a data file, a region folder, dihapus.yaml, published-urls.txt)
and where it points (outside the data folder, inside it, nowhere, /etc/passwd); which date moves after the
build date and by how much; which programme gets a newest update that disagrees, with what status and progress.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

from fixtures_data import TODAY, VALID_DATA, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import model as m
from generator.yaml_source import LINK_MESSAGE

SECRET = "RAHASIA-DI-LUAR-FOLDER-DATA"
LINKABLE = ("kota-tegal/masterplan.yaml", "kota-tegal/program.yaml", "kota-contoh-makmur/program.yaml",
            "kota-tegal", "kota-contoh-makmur", "dihapus.yaml", "published-urls.txt", "kota-tegal/evaluasi.yaml")
TARGETS = ("outside", "inside", "dangling", "/etc/passwd")
# The programmes of the test data: (file, id, line after which an update list can follow, status, progres)
PROGRAMMES = (
    ("kota-tegal/program.yaml", "lapor-tegal", "\n    progres: 100\n", "selesai", 100),
    ("kota-tegal/program.yaml", "bank-sampah-digital", "\n    status: rencana\n", "rencana", None),
)
DATED = (  # (file, text of the date line, how to write it with another date)
    ("kota-tegal/program.yaml", "      - tanggal: 2024-03-01\n", "      - tanggal: {}\n"),
    ("kota-tegal/masterplan.yaml", "    tanggal: 2022-06-21\n", "    tanggal: {}\n"),
)
LINE = re.compile(r"^(?P<path>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning): \S.*$")

Link = tuple[str, str]
Future = tuple[int, int]
Contradiction = tuple[int, int, str, int | None]

LINKS = st.tuples(st.sampled_from(LINKABLE), st.sampled_from(TARGETS))
FUTURES = st.tuples(st.integers(0, len(DATED) - 1), st.integers(1, 400_000 // 365 * 365))
CONTRADICTIONS = st.tuples(st.integers(0, len(PROGRAMMES) - 1), st.integers(0, 400),
                           st.sampled_from(m.STATUSES), st.one_of(st.none(), st.integers(0, 100)))


def _make_link(regions: Path, outside: Path, name: str, target: str) -> None:
    path = regions / name
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    points_to = {"outside": outside / "program.yaml", "inside": regions / "kota-tegal" / "program.yaml",
                 "dangling": outside / "tidak-ada", "/etc/passwd": Path("/etc/passwd")}[target]
    if target == "outside" and "/" not in name and not name.endswith((".yaml", ".txt")):
        points_to = outside  # a region folder pointing at a folder full of YAML
    path.symlink_to(points_to)


def _edit(regions: Path, name: str, old: str, new: str) -> bool:
    """Edit a data file unless it, or its region folder, has become a link (never write through one)."""
    file = regions / name
    if file.is_symlink() or (regions / name.split("/")[0]).is_symlink() or not file.is_file():
        return False
    text = file.read_text(encoding="utf-8")
    if old not in text:
        return False
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return True


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(links=st.lists(LINKS, max_size=2, unique_by=lambda x: x[0]), futures=st.lists(FUTURES, max_size=2),
       contradictions=st.lists(CONTRADICTIONS, max_size=2, unique_by=lambda x: x[0]))
def test_untrustworthy_input_never_passes_strict(links: list[Link], futures: list[Future],
                                                  contradictions: list[Contradiction]) -> None:
    """Every drawn defect is reported where it is, and ``--strict`` fails; nothing of a link's target is shown."""
    with tempfile.TemporaryDirectory() as tmp:
        regions = Path(tmp) / "regions"
        shutil.copytree(VALID_DATA, regions)
        outside = Path(tmp) / "di-luar"
        outside.mkdir()
        text = (VALID_DATA / "kota-tegal/program.yaml").read_text(encoding="utf-8")
        (outside / "program.yaml").write_text(text.replace("Portal Satu Data", SECRET), encoding="utf-8")
        expected: list[re.Pattern[str]] = []
        for name, target in links:
            _make_link(regions, outside, name, target)
        for name, _target in links:
            if "/" in name and (regions / name.split("/")[0]).is_symlink():
                continue  # inside a region folder that is itself a link: never listed
            expected.append(re.compile(rf"^regions/{re.escape(name)}: error: {re.escape(LINK_MESSAGE)}$"))
        # A programme's checks need its region's masterplan.yaml (its agencies, its period): with that file a
        # link, only the link is reported for the region, which already fails.
        programmes_checked = not (regions / "kota-tegal/masterplan.yaml").is_symlink()
        for i, days in futures:
            file, old, new = DATED[i]
            day = TODAY + dt.timedelta(days=min(days, (dt.date(9999, 12, 31) - TODAY).days))
            if _edit(regions, file, old, new.format(day.isoformat())) and (programmes_checked or "program" not in file):
                expected.append(re.compile(rf"^regions/{re.escape(file)}:\d+:\d+: error: .*{day.isoformat()} belum "
                                           r"terjadi \(tanggal pembangunan situs 2026-11-22\)"))
        for i, days_ago, status, progres in contradictions:
            file, pid, after, own_status, own_progres = PROGRAMMES[i]
            if status == own_status and progres in (None, own_progres):
                status = "tertunda" if own_status != "tertunda" else "berjalan"  # make it disagree
            update = (f"    pembaruan:\n      - tanggal: {(TODAY - dt.timedelta(days=days_ago)).isoformat()}\n"
                      f"        status: {status}\n" + (f"        progres: {progres}\n" if progres is not None else "")
                      + "        catatan: Pembaruan.\n")
            if _edit(regions, file, after, after + update) and programmes_checked:
                expected.append(re.compile(rf'^regions/{re.escape(file)}:\d+:\d+: error: program "{pid}": '
                                           r"(status|progres) \S+ tidak sesuai dengan pembaruan terbaru"))
        result = invoke("check", "--strict", "--regions", str(regions))
    output = "\n".join(result.lines) + result.stderr
    assert SECRET not in output and "root:x:" not in output
    assert result.stderr == ""
    *problems, summary = result.lines
    for line in problems:
        assert LINE.match(line), line
    shown = [line.replace(f"{regions}/", "regions/", 1) for line in problems]
    for pattern in expected:
        assert any(pattern.search(line) for line in shown), (pattern.pattern, shown)
    if expected:
        assert result.exit_code == 1, shown
        assert summary.startswith("Gagal: ")
    else:
        assert result.exit_code == 0, shown
