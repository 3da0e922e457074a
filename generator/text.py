"""Turning data into reader-facing text: Indonesian number and date formats, safe HTML.

Everything from YAML is plain text, HTML-escaped by the templates (page bodies are HTML); ``uraian``
renders the small Markdown subset allowed in descriptions by escaping everything first and then
re-creating only paragraphs, lists, emphasis and http(s)/mailto links.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import ROUND_HALF_EVEN, Decimal

from markupsafe import Markup

from generator.patterns import SAFE_LINK

LOCALE = "id_ID"

_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember")
# Indonesian long compact units (CLDR id): ribu, juta, miliar, triliun.
_UNITS = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))
_TWO_PLACES = Decimal("0.01")
_ONE_PLACE = Decimal("0.1")


def attr(value: object) -> Markup:
    """Escape for an HTML attribute value."""
    return Markup(html.escape(str(value), quote=True))


# The formatters below give exactly what Babel's id_ID locale gives (tests compare them); they are
# written out because Babel's general machinery costs more than the rest of page generation.

def _grouped(digits: str) -> str:
    return f"{int(digits):,}".replace(",", ".")


def _decimal(value: Decimal, places: Decimal) -> str:
    rounded = value.quantize(places, rounding=ROUND_HALF_EVEN)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    sign = "-" if rounded < 0 else ""
    return sign + _grouped(whole) + ("," + fraction if fraction else "")


def rupiah(amount: int) -> str:
    """``Rp1.250.000.000`` (PUEBI: no space after Rp)."""
    return "Rp" + _grouped(str(amount))


def rupiah_short(amount: int) -> str:
    """``Rp1,25 miliar`` for summaries; exact below a thousand."""
    for size, unit in _UNITS:
        if amount >= size:
            return f"Rp{_decimal(Decimal(amount) / size, _TWO_PLACES)} {unit}"
    return rupiah(amount)


def number(value: float) -> str:
    """``88,2``; whole numbers without decimals; at most two decimals."""
    return _decimal(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), _TWO_PLACES)


def percent(value: float) -> str:
    """``85,7%`` from a 0-100 value."""
    return _decimal(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), _ONE_PLACE) + "%"


def date(value: dt.date) -> str:
    """``21 April 2022``."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def title_case(key: str) -> str:
    """``pelayanan-publik`` → ``Pelayanan Publik``."""
    return " ".join(word.capitalize() for word in key.split("-"))


# ------------------------------------------------------------- descriptions

_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")
_STRONG = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
_EM = re.compile(r"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*[0-9]+[.)]\s+(.*)$")


def _inline(text: str) -> str:
    """Escape a line, then re-create links, strong and emphasis from the escaped text."""
    parts: list[str] = []
    last = 0
    for match in _LINK.finditer(text):
        parts.append(_emphasis(html.escape(text[last:match.start()])))
        label, url = match.group(1), match.group(2)
        if SAFE_LINK.fullmatch(url):
            parts.append(f'<a href="{html.escape(url)}" rel="nofollow noopener">{_emphasis(html.escape(label))}</a>')
        else:  # a link to anything else (javascript:, data:, relative) is shown as its text only
            parts.append(_emphasis(html.escape(label)))
        last = match.end()
    parts.append(_emphasis(html.escape(text[last:])))
    return "".join(parts)


def _emphasis(escaped: str) -> str:
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(r"<em>\1</em>", escaped)


def uraian(text: str) -> Markup:
    """Render a description as an HTML block: paragraphs, bullet and numbered lists, emphasis, links."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = "ul"

    def flush() -> None:
        nonlocal paragraph, items
        if paragraph:
            blocks.append("<p>" + _inline(" ".join(paragraph)) + "</p>")
            paragraph = []
        if items:
            blocks.append(f"<{list_tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{list_tag}>")
            items = []

    for raw in text.strip().splitlines():
        line = raw.strip()
        bullet = _BULLET.match(raw) or _NUMBERED.match(raw)
        if not line:
            flush()
        elif bullet:
            kind = "ul" if _BULLET.match(raw) else "ol"
            if paragraph or (items and kind != list_tag):
                flush()
            list_tag = kind
            items.append(bullet.group(1).strip())
        elif items:
            items[-1] += " " + line
        else:
            paragraph.append(line)
    flush()
    return Markup('<div class="uraian">' + "".join(blocks) + "</div>")
