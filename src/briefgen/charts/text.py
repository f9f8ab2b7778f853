"""Chart text: measured, wrapped and placed literally (never as maths), complex scripts shaped."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.charts.shaping import ShapedText, needs_shaping, shape_block

LINE_SPACING = 1.2


@cache
def family_file(family: str) -> Path:
    """The font file matplotlib uses for `family` (the Latin face beside a complex script)."""
    from matplotlib.font_manager import FontProperties, findfont

    return Path(findfont(FontProperties(family=family)))


_MEASURE: dict[tuple[str, float, str], float] = {}


def text_width(text: str, size: float, family: str) -> float:
    """Width in inches of the widest line of `text` set in `family` at `size` points."""
    key = (text, size, family)
    if key not in _MEASURE:
        block = shape_block(text, size, family_file(family)) if needs_shaping(text) else None
        if block is not None:
            _MEASURE[key] = block.width / 72
        else:
            _MEASURE[key] = max(_line_width(line, size, family) for line in text.split("\n"))
    return _MEASURE[key]


@cache
def _line_width(line: str, size: float, family: str) -> float:
    """Width in inches of one line (wrapping a label tries many breaks that share lines)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family=family, size=size)
    return float(TextToPath().get_text_width_height_descent(line, prop, ismath=False)[0]) / 72


def text_height(text: str, size: float) -> float:
    """Height in inches of `text`'s lines at `size` points."""
    return (text.count("\n") * LINE_SPACING + 1.15) * size / 72


def wrap(label: str, width: int = 16) -> str:
    """Wrap `label` at `width` characters (a word longer than that stays whole)."""
    return "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label


def fit(label: str, size: float, family: str, max_in: float, max_lines: int = 3) -> str:
    """Wrap `label` onto as few lines as keep it within `max_in` inches."""
    for chars in range(len(label), 5, -1):
        wrapped = wrap(label, chars)
        if wrapped.count("\n") >= max_lines:
            break
        if text_width(wrapped, size, family) <= max_in:
            return wrapped
    return wrap(label, max(6, int(len(label) / max_lines) + 1))


def put_text(host: Any, x: float, y: float, text: str, *, size: float, family: str,
             color: Any, ha: str = "left", va: str = "baseline", transform: Any = None,
             **kwargs: Any) -> Any:
    """Place `text` on an Axes or Figure: as literal text, or as shaped outlines when it
    holds a complex script; return the artist."""
    if transform is None:
        transform = host.transData if hasattr(host, "transData") else host.transFigure
    if needs_shaping(text):
        block = shape_block(text, size, family_file(family), ha, va, LINE_SPACING)
        if block is not None:
            artist = ShapedText(x, y, block, color, transform, text)
            if kwargs.get("zorder") is not None:
                artist.set_zorder(kwargs["zorder"])
            (host.add_artist(artist))
            return artist
    return host.text(x, y, text, fontsize=size, color=color, ha=ha, va=va,
                     transform=transform, parse_math=False, linespacing=LINE_SPACING,
                     **kwargs)
