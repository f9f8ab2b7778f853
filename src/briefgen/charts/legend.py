"""Legends drawn in figure inches: a row above the plot, or a column beside a stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.charts.text import fit, put_text, text_height, text_width

SWATCH_IN = 0.14
ITEM_GAP_IN = 0.22
COLUMN_TEXT_IN = 1.5


@dataclass(frozen=True)
class LegendItem:
    """One series in a legend: its name and colour."""

    name: str
    color: str


def _row_positions(items: list[LegendItem], size: float, family: str,
                   width: float) -> list[tuple[float, int]]:
    """(x in inches, row number) for each item, wrapping onto new rows as needed."""
    x, row, out = 0.0, 0, []
    for item in items:
        w = SWATCH_IN + 0.06 + text_width(item.name, size, family)
        if x > 0 and x + w > width:
            x, row = 0.0, row + 1
        out.append((x, row))
        x += w + ITEM_GAP_IN
    return out


def legend_height(items: list[LegendItem], size: float, family: str, width: float) -> float:
    """Height in inches of a legend laid out in rows across `width`."""
    rows = max((r for _x, r in _row_positions(items, size, family, width)), default=0) + 1
    return rows * text_height("A", size) * 1.15


def column_width(items: list[LegendItem], size: float, family: str) -> float:
    """Width in inches of a legend set as a column."""
    names = [fit(i.name, size, family, COLUMN_TEXT_IN) for i in items]
    return max(text_width(n, size, family) for n in names) + SWATCH_IN + 0.08


def put_legend(fig: Any, items: list[LegendItem], look: dict[str, Any], width: float,
               top_in: float, column: bool, x0: float | None = None) -> None:
    """Draw the legend with its top at `top_in` (inches from the figure's bottom): in rows
    across `width`, or as a column starting at `x0` (at the right edge by default)."""
    from matplotlib.patches import Rectangle

    size, family = float(look["size"]), str(look["font"])
    trans = fig.dpi_scale_trans
    line = text_height("A", size) * 1.15
    if column:
        names = [fit(i.name, size, family, COLUMN_TEXT_IN) for i in items]
        x0 = width - column_width(items, size, family) if x0 is None else x0
        y = top_in - 0.05
        for item, name in zip(items, names, strict=True):
            fig.add_artist(Rectangle((x0, y - SWATCH_IN * 0.85), SWATCH_IN, SWATCH_IN * 0.7,
                                     color=item.color, transform=trans, linewidth=0))
            put_text(fig, x0 + SWATCH_IN + 0.06, y, name, size=size, family=family,
                     color=look["text"], ha="left", va="top", transform=trans)
            y -= text_height(name, size) + 0.08
        return
    for item, (x, row) in zip(items, _row_positions(items, size, family, width), strict=True):
        y = top_in - row * line
        fig.add_artist(Rectangle((x, y - line * 0.72), SWATCH_IN, SWATCH_IN * 0.7,
                                 color=item.color, transform=trans, linewidth=0))
        put_text(fig, x + SWATCH_IN + 0.06, y, item.name, size=size, family=family,
                 color=look["text"], ha="left", va="top", transform=trans)
