"""Column, line and 100% bar drawing: direct labels placed where they fit, never overlapping."""

from __future__ import annotations

from typing import Any

from briefgen.charts.data import ChartData, format_chart_number
from briefgen.charts.text import fit, put_text, text_height, text_width

BAR_IN = 0.2  # thickness of every horizontal bar, in every chart
COLUMN_IN = 0.4  # and of every vertical one (wide enough to hold its value)
GAP_IN = 0.14  # between the bars of neighbouring categories
SLOT_MAX_IN = 1.1  # widest room a column gets: fewer columns leave the right side empty
MARKERS_UP_TO = 30  # a line over more points than this has no markers


def value_axis(axis: Any, data: ChartData, look: dict[str, Any]) -> None:
    """Format a value axis (its limits already set) the brief's way: '1,500', '56%'."""
    suffix = "%" if data.percent else ""
    lo, hi = sorted(axis.get_view_interval())
    axis.set_ticks([t for t in axis.get_major_locator()() if lo <= t <= hi])  # only those drawn
    axis.set_major_formatter(lambda v, _pos: format_chart_number(v, data.lang) + suffix)
    axis.set_tick_params(length=0, colors=look["muted"])


def _ink(color: str) -> str:
    """White or near-black text, whichever reads on `color`."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return "#1a1a1a" if 0.299 * r + 0.587 * g + 0.114 * b > 0.6 else "white"


def columns_fit(data: ChartData, look: dict[str, Any], plot_w: float) -> bool:
    """Whether every value label fits over its column (if not, a value axis is used)."""
    if data.kind == "stacked_bar" or not data.categories:
        return True
    bars = len(data.series)
    slot = min(plot_w / len(data.categories), SLOT_MAX_IN) / bars
    size, family = float(look["size"]) - 0.5, str(look["font"])
    return all(text_width(lab, size, family) <= slot - 0.04 for s in data.series
               for lab in s.labels)


def draw_columns(ax: Any, data: ChartData, look: dict[str, Any], plot_w: float,
                 plot_h: float) -> None:
    """Vertical bars (single, grouped or stacked), each BAR_IN wide, labelled directly."""
    from matplotlib.transforms import offset_copy

    size, family = float(look["size"]), str(look["font"])
    palette = list(look["palette"])
    ncat, n = len(data.categories), len(data.series)
    stacked = data.kind == "stacked_bar"
    slot_in = min(plot_w / ncat, SLOT_MAX_IN)
    if slot_in * ncat < plot_w:  # keep columns their width: the plot narrows instead
        pos = ax.get_position()
        ax.set_position((pos.x0, pos.y0, pos.width * slot_in * ncat / plot_w, pos.height))
    per_bar = 1 if stacked or n == 1 else n
    bw = min(COLUMN_IN / slot_in, 0.8 / per_bar)
    totals = [sum(max(v or 0.0, 0.0) for v in vals) if stacked else max(
        (v or 0.0 for v in vals), default=0.0) for vals in zip(*(s.values for s in data.series),
                                                               strict=True)]
    low = min((v for s in data.series for v in s.values if v is not None), default=0.0)
    top = max(max(totals, default=0.0), 1e-9)
    label_h = text_height("0", size - 0.5) + 0.06
    head = 1 - (label_h / plot_h if data.value_labels and not stacked else 0.02)
    ax.set_ylim(min(low, 0.0) / head, top / head)
    ax.set_xlim(-0.5, ncat - 0.5)
    per_in = (top / head - min(low, 0.0) / head) / plot_h  # data units per inch
    bottoms = [0.0] * ncat
    room_in = (slot_in - bw * slot_in) / 2  # beside a column, for labels too big inside
    outside: dict[int, float] = {}
    above = offset_copy(ax.transData, fig=ax.figure, y=2, units="points")
    for i, s in enumerate(data.series):
        color = palette[i % len(palette)]
        xs = [c if per_bar == 1 else c + (i - (n - 1) / 2) * bw for c in range(ncat)]
        vals = [v if v is not None else 0.0 for v in s.values]
        ax.bar(xs, vals, bw, bottom=bottoms if stacked else None, color=color, zorder=2,
               linewidth=0)
        for c, (x, v, lab) in enumerate(zip(xs, s.values, s.labels, strict=True)):
            if v is None or not lab or not data.value_labels:
                continue
            if not stacked:
                put_text(ax, x, max(v, 0.0), lab, size=size - 0.5, family=family,
                         color=look["text"], ha="center", va="bottom", transform=above)
                continue
            mid = bottoms[c] + v / 2
            w_in, h_in = text_width(lab, size - 0.5, family), text_height(lab, size - 0.5)
            if v / per_in >= h_in + 0.03 and bw * slot_in >= w_in + 0.06:
                put_text(ax, x, mid, lab, size=size - 0.5, family=family, color=_ink(color),
                         ha="center", va="center", zorder=3)
            elif room_in >= w_in + 0.1:  # beside the column, with a leader, clear of the last
                y = max(mid, outside.get(c, -1e18) + (h_in + 0.02) * per_in)
                outside[c] = y
                edge = x + bw / 2
                gap = 0.05 / slot_in
                ax.plot([edge, edge + gap], [mid, y], color=look["muted"], linewidth=0.6,
                        zorder=3)
                put_text(ax, edge + gap * 1.4, y, lab, size=size - 0.5, family=family,
                         color=look["text"], ha="left", va="center")
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, vals, strict=True)]
    below = offset_copy(ax.get_xaxis_transform(), fig=ax.figure, y=-4, units="points")
    for c, cat in enumerate(data.categories):
        put_text(ax, c, 0.0, fit(cat, size, family, slot_in - 0.08), size=size, family=family,
                 color=look["text"], ha="center", va="top", transform=below)
    _finish_value_axis(ax, data, look, vertical=True)
    if data.xlabel:
        lines = max(fit(c, size, family, slot_in - 0.08).count("\n") + 1
                    for c in data.categories)
        put_text(ax, 0.5, -(lines * size * 1.25 / 72 + 0.1) / plot_h, data.xlabel, size=size,
                 family=family, color=look["muted"], ha="center", va="top",
                 transform=ax.transAxes)


def _finish_value_axis(ax: Any, data: ChartData, look: dict[str, Any], vertical: bool) -> None:
    ax.set_xticks([])
    ax.spines["bottom"].set_color(look["rule"])
    if data.value_labels:
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        return
    value_axis(ax.yaxis, data, look)
    ax.spines["left"].set_visible(False)
    ax.yaxis.grid(True, color="#e3e3e3", linewidth=0.6, zorder=0)


def line_margin(data: ChartData, look: dict[str, Any]) -> float:
    """Room in inches right of a line chart for the series names at the lines' ends."""
    if len(data.series) < 2:
        return 0.12
    size, family = float(look["size"]) - 0.5, str(look["font"])
    return max(text_width(s.name, size, family) for s in data.series) + 0.16


def draw_line(ax: Any, data: ChartData, look: dict[str, Any], plot_w: float,
              plot_h: float) -> None:
    """Lines with a value axis (a line is not labelled point by point); series named at the
    line's end instead of in a legend."""
    from matplotlib.transforms import offset_copy

    size, family = float(look["size"]), str(look["font"])
    palette = list(look["palette"])
    xs = list(range(len(data.categories)))
    marker = "o" if len(xs) <= MARKERS_UP_TO else None
    ends: list[tuple[float, float, str, str]] = []
    for i, s in enumerate(data.series):
        color = palette[i % len(palette)]
        pts = [(x, v) for x, v in zip(xs, s.values, strict=True) if v is not None]
        ax.plot([p[0] for p in pts], [p[1] for p in pts], marker=marker, markersize=3.5,
                linewidth=1.8, color=color)
        if pts and s.name and len(data.series) > 1:
            ends.append((pts[-1][1], pts[-1][0], s.name, color))
    values = [v for s in data.series for v in s.values if v is not None]
    lo, hi = min(min(values, default=0.0), 0.0), max(values, default=1.0) or 1.0
    ax.set_ylim(lo, hi * 1.05)
    per_in = (hi * 1.05 - lo) / plot_h
    step_h = (text_height("A", size - 0.5) + 0.02) * per_in
    placed: list[float] = []
    beside = offset_copy(ax.transData, fig=ax.figure, x=5, units="points")
    for y, x, name, color in sorted(ends):
        y = max(y, placed[-1] + step_h) if placed else y
        placed.append(y)
        put_text(ax, x, y, name, size=size - 0.5, family=family, color=color, ha="left",
                 va="center", transform=beside)
    width = max((text_width(c, size, family) for c in data.categories), default=0.3) + 0.15
    step = max(1, -(-len(xs) * width // plot_w))
    below = offset_copy(ax.get_xaxis_transform(), fig=ax.figure, y=-4, units="points")
    for i in xs[:: int(step)]:  # as text of our own, so a complex script is shaped too
        put_text(ax, i, 0.0, data.categories[i], size=size, family=family, color=look["muted"],
                 ha="center", va="top", transform=below)
    ax.set_xticks([])
    # room for half the first and last labels inside the plot, clear of the value axis
    edge = (width / 2 + 0.05) / plot_w
    pad = max(len(xs) - 1, 1) * edge / max(1 - 2 * edge, 0.2)
    ax.set_xlim(-pad, max(len(xs) - 1, 1) + pad)
    ax.tick_params(axis="x", length=0, colors=look["muted"])
    value_axis(ax.yaxis, data, look)
    ax.spines["left"].set_visible(False)
    ax.spines["bottom"].set_color(look["rule"])
    ax.yaxis.grid(True, color="#e3e3e3", linewidth=0.6, zorder=0)
    if data.xlabel:
        ax.set_xlabel(data.xlabel, color=look["muted"])


def _share_labels(data: ChartData, look: dict[str, Any], plot_w: float
                  ) -> list[tuple[str, str, float, float, int]]:
    """(text, alignment, x, value, level) for each part of a 100% bar; level -1: no room."""
    size, family = float(look["size"]), str(look["font"])
    parts = [(s.name, s.values[0] or 0.0, s.labels[0]) for s in data.series]
    total = sum(max(v, 0.0) for _n, v, _l in parts) or 1.0
    per_in = total / plot_w
    start, ends, out = 0.0, [-1e18, -1e18], []
    for name, value, label in parts:
        text = f"{fit(name, size, family, plot_w / 2)}\n{label}" if label else name
        w = text_width(text, size, family) * per_in
        ha, x = ("left", start) if start + w <= total else ("right", start + value)
        left = x if ha == "left" else x - w
        level = 0 if left > ends[0] else 1 if left > ends[1] else -1
        if level >= 0:
            ends[level] = left + w + 0.12 * per_in
        out.append((text, ha, x, value, level))
        start += max(value, 0.0)
    return out


def share_levels(data: ChartData, look: dict[str, Any], plot_w: float) -> int:
    """How many label levels a 100% bar needs above it."""
    return max((lv for *_r, lv in _share_labels(data, look, plot_w)), default=0) + 1


def draw_share(ax: Any, data: ChartData, look: dict[str, Any], plot_w: float) -> None:
    """One category's parts as a single 100% bar, each part named and valued above it."""
    size, family = float(look["size"]), str(look["font"])
    palette = list(look["palette"])
    parts = [(s.name, s.values[0] or 0.0, s.labels[0]) for s in data.series]
    total = sum(max(v, 0.0) for _n, v, _l in parts) or 1.0
    per_in = total / plot_w
    ax.set_xlim(0, total)
    lab_h = text_height("A\nB", size) + 0.08
    ax.set_ylim(0, BAR_IN + share_levels(data, look, plot_w) * lab_h + 0.1)  # 1 y = 1 inch
    start = 0.0
    for i, (text, ha, x, value, level) in enumerate(_share_labels(data, look, plot_w)):
        ax.barh([BAR_IN / 2], [value], BAR_IN, left=[start],
                color=palette[i % len(palette)], linewidth=0)
        start += max(value, 0.0)
        if level < 0:
            continue  # no room on either level: the value stays in the alt text
        y = BAR_IN + 0.06 + level * lab_h
        ax.plot([x, x], [0, y + 0.02], color=look["muted"], linewidth=0.6, zorder=3)
        put_text(ax, x + (0.04 if ha == "left" else -0.04) * per_in, y, text, size=size,
                 family=family, color=look["text"], ha=ha, va="bottom")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
