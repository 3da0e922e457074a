"""QR codes drawn at build time as SVG files (PyPI ``segno``): no image service, no script.

A Quick Win page shows one pointing to its own canonical URL, for the project board it prints as
(see ``content/assets/extra.css``, ``@media print``). The SVG is a single path (about 2.4 KB for a
typical address, ~1 KB gzipped), drawn dark on its own white square with the four-module quiet zone
the standard asks for, so it scans in the dark colour scheme and in print alike. It is a file of
its own beside the page, shown with ``<img alt>``, not inline: inline, it made the Quick Win pages
(a third of a national site) 2.4 KB heavier and the median page larger than the 20 KB budget.
"""

from __future__ import annotations

import re

import segno

ERROR_LEVEL = "m"
"""Error correction M (15% of the code may be damaged): a printed board gets dirty and scratched."""
MASK = 0
"""A fixed data mask (the checkerboard). Scoring all eight masks to pick the one with the fewest
troublesome patterns, as segno does by default, costs 7 ms a code against 1.3 ms: 15 s of CPU for
the 2,570 Quick Wins of a national build, a third of its time. The mask is written in the code's
format information, so every reader decodes any mask; tests/browser/test_print.py reads a varied
set of codes back with zbarimg."""


BORDER = 4
"""The quiet zone around the code, in modules, as the standard asks."""
_DARK_RUN = re.compile(rb"\x01+")


def svg(url: str) -> str:
    """A standalone SVG file encoding ``url`` exactly, to be shown with ``<img>``; it scales to the size
    CSS gives it.

    Drawn here from segno's module matrix (a third of the time of segno's own SVG writer): a white
    square, then one path of horizontal strokes, one per run of dark modules, half a module down
    so each stroke (1 unit wide) covers its row."""
    code = segno.make_qr(url, error=ERROR_LEVEL, boost_error=False, mask=MASK)
    size = len(code.matrix) + 2 * BORDER
    moves: list[str] = []
    x, y = 0, 0.0
    for row_index, row in enumerate(code.matrix):
        row_y = row_index + BORDER + 0.5
        for run in _DARK_RUN.finditer(bytes(row)):
            start = run.start() + BORDER
            moves.append(f"{'M' if not moves else 'm'}{_num(start - x if moves else start)} "
                         f"{_num(row_y - y if moves else row_y)}h{run.end() - run.start()}")
            x, y = run.end() + BORDER, row_y
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
            f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>'
            f'<path stroke="#000" d="{"".join(moves)}"/></svg>\n')


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
