"""Text facts every writer shares: where a line may break, and how text goes into markup."""

from __future__ import annotations

import re

# Whitespace a line may break at: all of it but the no-break, narrow no-break and figure
# spaces that typesetting put between a number and its unit, inside dates and numbers.
_BREAKS = re.compile("[^\\S\u00a0\u202f\u2007]+")


def unbreakable(text: str) -> list[str]:
    """Return the stretches of `text` no line break may split ('1,000\u00a0deaths' is one)."""
    return [word for word in _BREAKS.split(text) if word]


_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape_xml(text: str) -> str:
    """Escape `&`, `<` and `>` for XML or ReportLab markup (as xml.sax.saxutils.escape does,
    without importing urllib, http and ssl with it)."""
    return text.translate(_XML)
