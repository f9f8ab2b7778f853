"""Timelines: dated events on a line, each label on the nearest level where it collides with
no other label."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from briefgen.charts.data import ChartData
from briefgen.charts.text import LINE_SPACING, put_text, text_width, wrap

SIDE_IN = 0.25  # margin left and right of the line
STEM_IN = 0.14  # gap between the line and the nearest label
LABEL_CHARS = 22


@dataclass(frozen=True)
class TimelineLayout:
    """Where each event's label goes: x range, label levels and the height of a level."""

    x0: float
    x1: float
    placed: tuple[tuple[Any, str, str, int], ...]  # (event, text, alignment, level)
    step_in: float
    up: int  # label levels used above the line
    down: int  # and below it

    @property
    def height_in(self) -> float:
        """Height the labels need above and below the line, plus the year axis."""
        return (self.up + self.down) * self.step_in + 2 * STEM_IN + 0.3


def timeline_layout(data: ChartData, look: dict[str, Any], plot_w: float) -> TimelineLayout:
    """Place each label on the nearest level (above, then below the line) where it fits."""
    events = sorted(data.events, key=lambda e: e.when)
    size = float(look["size"]) - 1
    lo, hi = (events[0].when, events[-1].when) if events else (0.0, 1.0)
    pad = max((hi - lo) * 0.02, 0.3)
    x0, x1 = lo - pad, hi + pad
    per_in = (x1 - x0) / plot_w
    lines = max((wrap(e.label, LABEL_CHARS).count("\n") + 2 for e in events), default=1)
    step_in = lines * size * LINE_SPACING / 72 + 0.08
    ends: dict[int, float] = {}
    placed = []
    for event in events:
        text = f"{event.date}\n{wrap(event.label, LABEL_CHARS)}"
        half = text_width(text, size, look["font"]) * per_in / 2 + 0.05 * per_in
        ha, left = "center", event.when - half
        if left < x0:
            ha, left = "left", event.when - 0.05 * per_in
        elif event.when + half > x1:
            ha, left = "right", event.when - 2 * half + 0.05 * per_in
        level, k = 0, 1
        while not level:
            level = next((lv for lv in (k, -k) if ends.get(lv, -math.inf) < left), 0)
            k += 1
        ends[level] = left + 2 * half
        placed.append((event, text, ha, level))
    up = max((lv for *_rest, lv in placed if lv > 0), default=0)
    down = max((-lv for *_rest, lv in placed if lv < 0), default=0)
    return TimelineLayout(x0, x1, tuple(placed), step_in, up, down)


def draw_timeline(ax: Any, data: ChartData, look: dict[str, Any], layout: TimelineLayout,
                  plot_h: float) -> None:
    """Draw the line, a dot and stem per event, and its label (one y unit is one inch)."""
    size = float(look["size"]) - 1
    ax.set_xlim(layout.x0, layout.x1)
    top = layout.up * layout.step_in + STEM_IN
    bottom = layout.down * layout.step_in + STEM_IN
    spare = max(plot_h - top - bottom, 0) / 2
    ax.set_ylim(-bottom - spare, top + spare)
    ax.axhline(0, color=look["muted"], linewidth=1.2, zorder=1)
    accent = list(look["palette"])[0]
    for event, text, ha, level in layout.placed:
        y = (abs(level) - 1) * layout.step_in + STEM_IN
        y = y if level > 0 else -y
        ax.vlines(event.when, 0, y, color=look["rule"], linewidth=0.8, zorder=1)
        ax.plot([event.when], [0], marker="o", markersize=4.5, color=accent, zorder=3)
        put_text(ax, event.when, y, text, size=size, family=look["font"], color=look["text"],
                 ha=ha, va="bottom" if level > 0 else "top")
    ax.set_yticks([])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    first, last = math.ceil(layout.x0), int(layout.x1)
    step = max(1, math.ceil((last - first + 1) / 8))
    years = list(range(first, last + 1, step))
    ax.set_xticks(years, [str(y) for y in years])
    ax.tick_params(axis="x", length=0, labelsize=size, colors=look["muted"])
