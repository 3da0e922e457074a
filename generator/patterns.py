"""Regular expressions shared by the validator, the published JSON Schema and the description renderer.

One copy of each, so ``masterplan check``, ``data/schema/*.schema.json`` and the links a description
may hold cannot drift apart. Each matches a whole value with ``fullmatch``.
"""

from __future__ import annotations

import re

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date written ``YYYY-MM-DD``."""
REGION_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}")
"""A Kemendagri kabupaten/kota code, ``NN.NN``."""
# RFC 3986 characters only: anything else (spaces, quotes, angle brackets) must be percent-encoded.
HOST = re.compile(r"//[A-Za-z0-9._~%-]+(?::[0-9]+)?(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?")
"""What follows ``http:`` or ``https:``: ``//host[:port][path/query/fragment]``."""
MAILTO = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
"""What follows ``mailto:``: one address."""
SAFE_LINK = re.compile(rf"(?:https?:{HOST.pattern}|mailto:{MAILTO.pattern})")
"""A link a description may hold (lower-case scheme); anything else is shown as its text only."""
