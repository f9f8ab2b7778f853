"""Draw ChartData with matplotlib's object API (no pyplot) into SVG and PNG bytes.

Layouts are fixed rather than solved (no tight_layout), text stays text in the SVG so the
PDF keeps it searchable, and metadata and ids are pinned so output is byte-identical.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass, replace
from typing import Any

from briefgen.charts.data import ChartData
from briefgen.model import ChartArt


def chart_look(theme: Any) -> dict[str, object]:
    """Return the theme values that affect a chart's pixels (part of its cache key)."""
    return {
        "font": theme.fonts.body,
        "size": theme.chart.font_size,
        "palette": list(theme.palette),
        "text": theme.colors.text,
        "muted": theme.colors.muted,
        "rule": theme.colors.rule,
        "width": theme.chart.width_in,
        "height": theme.chart.height_in,
        "dpi": theme.chart.dpi,
    }


def _rc(look: dict[str, Any]) -> dict[str, Any]:
    return {
        "font.family": [look["font"]],
        "font.size": look["size"],
        "svg.fonttype": "none",
        "svg.hashsalt": "briefgen",
        "svg.id": None,
        "text.color": look["text"],
        "axes.labelcolor": look["text"],
        "xtick.color": look["muted"],
        "ytick.color": look["muted"],
        "axes.edgecolor": look["rule"],
        "path.simplify": True,
    }


def render_chart(data: ChartData, look: dict[str, Any]) -> ChartArt:
    """Render one chart to SVG (vector, text as text) and PNG (theme dpi)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    width = float(look["width"])
    height = float(data.height_in or look["height"])
    if data.kind == "timeline":  # grow to fit every label on a level of its own
        layout = timeline_layout(data, look, width - 2 * TIMELINE_SIDE_IN)
        height = max(height, (layout.up + layout.down) * layout.step_in + 0.24 + 0.56)
    rc: Any = {k: v for k, v in _rc(look).items() if k in matplotlib.rcParams}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width, height), dpi=int(look["dpi"]))
        _draw(fig, data, look, width, height)
        svg, png = io.BytesIO(), io.BytesIO()
        # PNG first: printing SVG leaves the figure at 72 dpi.
        fig.set_dpi(int(look["dpi"]))
        FigureCanvasAgg(fig).print_png(png, metadata={"Software": "briefgen"},
                                       pil_kwargs={"compress_level": 2})
        FigureCanvasSVG(fig).print_svg(svg, metadata={"Date": None, "Creator": "briefgen"})
    return ChartArt(svg.getvalue(), png.getvalue(), width, height, int(look["dpi"]))


def _draw(fig: Any, data: ChartData, look: dict[str, Any], width: float, height: float) -> None:
    size = float(look["size"])
    # The title is the figure's caption in both documents (and in the alt text), so the
    # image itself carries none: a caption above a chart that repeats it looks careless.
    top_in = 0.18
    left_in = 0.65
    bottom_in = 0.55
    if data.kind == "barh":
        # Measure the category labels (wrapping the longest) so none is cut off.
        labels = [_fit(c, size, look["font"], width * 0.42) for c in data.categories]
        data = replace(data, categories=tuple(labels))
        left_in = max((text_width(c, size, look["font"]) for c in labels), default=0.3) + 0.2
    if data.kind == "timeline":
        left_in, bottom_in = TIMELINE_SIDE_IN, 0.35
    legend = len(data.series) > 1
    right_in = 0.25
    ax = fig.add_axes(
        (
            left_in / width,
            (bottom_in + (0.25 if legend else 0)) / height,
            1 - (left_in + right_in) / width,
            1 - (top_in + bottom_in + (0.25 if legend else 0)) / height,
        )
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    palette = list(look["palette"])
    plot_w = width - left_in - right_in
    if data.kind == "timeline":
        _draw_timeline(ax, data, look, plot_w, height - top_in - bottom_in)
        return
    if data.kind == "line":
        _draw_line(ax, data, palette)
    elif data.kind == "barh":
        _draw_barh(ax, data, palette, size, look["font"], plot_w)
    else:
        _draw_bars(ax, data, palette, size)
    if data.xlabel:
        ax.set_xlabel(data.xlabel)
    if data.ylabel:
        ax.set_ylabel(data.ylabel)
    if legend:
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(0, -0.12 if data.kind != "barh" else -0.08),
            ncols=min(len(data.series), 4),
            frameon=False,
            fontsize=size,
        )


def _wrap(label: str, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


_MEASURE: dict[tuple[str, float, str], float] = {}


def text_width(text: str, size: float, family: str) -> float:
    """Width in inches of the widest line of `text` set in `family` at `size` points."""
    key = (text, size, family)
    if key not in _MEASURE:
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextToPath

        prop = FontProperties(family=family, size=size)
        measure = TextToPath().get_text_width_height_descent
        _MEASURE[key] = max(measure(line, prop, ismath=False)[0] for line in text.split("\n")) / 72
    return _MEASURE[key]


def _fit(label: str, size: float, family: str, max_in: float) -> str:
    """Wrap `label` onto as few lines as keep it within `max_in` inches."""
    for chars in range(len(label), 8, -2):
        wrapped = _wrap(label, chars)
        if text_width(wrapped, size, family) <= max_in:
            return wrapped
    return _wrap(label, 8)


def _draw_bars(ax: Any, data: ChartData, palette: list[str], size: float) -> None:
    n = len(data.series)
    xs = list(range(len(data.categories)))
    stacked = data.kind == "stacked_bar"
    width = 0.7 if (stacked or n == 1) else 0.8 / n
    bottoms = [0.0] * len(xs)
    for i, s in enumerate(data.series):
        vals = [v if v is not None else 0.0 for v in s.values]
        offs = [x if stacked or n == 1 else x - 0.4 + width * (i + 0.5) for x in xs]
        color = palette[i % len(palette)] if n > 1 else palette[0]
        bars = ax.bar(offs, vals, width, bottom=bottoms if stacked else None, color=color,
                      label=s.name or None, zorder=2)
        if data.value_labels:
            labels = [lab for lab in s.labels]
            ax.bar_label(bars, labels=labels, label_type="center" if stacked else "edge",
                         padding=0 if stacked else 2, fontsize=size - 0.5,
                         color="white" if stacked else None)
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, vals, strict=True)]
    ax.set_xticks(xs, [_wrap(c) for c in data.categories])
    ax.tick_params(axis="x", length=0)
    ax.yaxis.grid(True, color="#dddddd", linewidth=0.6, zorder=0)
    ax.margins(y=0.12)
    if data.percent:
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")


def _draw_barh(ax: Any, data: ChartData, palette: list[str], size: float, family: str,
               plot_w: float) -> None:
    n = len(data.series)
    ys = list(range(len(data.categories)))
    height = 0.7 if n == 1 else 0.8 / n
    for i, s in enumerate(data.series):
        vals = [v if v is not None else 0.0 for v in s.values]
        offs = [y if n == 1 else y - 0.4 + height * (i + 0.5) for y in ys]
        bars = ax.barh(offs, vals, height, color=palette[i % len(palette)],
                       label=s.name or None, zorder=2)
        if data.value_labels:
            ax.bar_label(bars, labels=list(s.labels), padding=3, fontsize=size - 0.5)
    ax.set_yticks(ys, list(data.categories))
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.xaxis.grid(True, color="#dddddd", linewidth=0.6, zorder=0)
    # Leave exactly the room the longest value label needs beyond the longest bar.
    top = max((v for s in data.series for v in s.values if v is not None), default=1.0) or 1.0
    label_in = max((text_width(lab, size - 0.5, family) for s in data.series for lab in s.labels),
                   default=0.0) if data.value_labels else 0.0
    room = max(plot_w - label_in - 0.12, plot_w * 0.3)
    ax.set_xlim(0, top * plot_w / room)


def _draw_line(ax: Any, data: ChartData, palette: list[str]) -> None:
    xs = list(range(len(data.categories)))
    for i, s in enumerate(data.series):
        pts = [(x, v) for x, v in zip(xs, s.values, strict=True) if v is not None]
        ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", markersize=3.5,
                linewidth=1.8, color=palette[i % len(palette)], label=s.name or None)
    step = max(1, len(xs) // 12)
    ax.set_xticks(xs[::step], [data.categories[i] for i in xs[::step]])
    ax.yaxis.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_ylim(bottom=0)


TIMELINE_SIDE_IN = 0.25


@dataclass(frozen=True)
class TimelineLayout:
    """Where each event's label goes: x range, label levels and the height of a level."""

    x0: float
    x1: float
    placed: tuple[tuple[Any, str, str, int], ...]  # (event, text, alignment, level)
    step_in: float
    up: int  # label levels used above the line
    down: int  # and below it


def timeline_layout(data: ChartData, look: dict[str, Any], plot_w: float) -> TimelineLayout:
    """Place each label on the nearest level (above, then below the line) where it fits."""
    events = sorted(data.events, key=lambda e: e.when)
    size = float(look["size"]) - 1
    lo, hi = (events[0].when, events[-1].when) if events else (0.0, 1.0)
    pad = max((hi - lo) * 0.02, 0.3)
    x0, x1 = lo - pad, hi + pad
    per_in = (x1 - x0) / plot_w
    text_lines = max((_wrap(e.label, 20).count("\n") + 2 for e in events), default=1)
    step_in = text_lines * size * 1.25 / 72 + 0.06
    ends: dict[int, float] = {}
    placed = []
    for event in events:
        text = f"{event.date}\n{_wrap(event.label, 20)}"
        half = text_width(text, size, look["font"]) * per_in / 2 + 0.06 * per_in
        ha, left = "center", event.when - half
        if left < x0:
            ha, left = "left", event.when - 0.05 * per_in
        elif event.when + half > x1:
            ha, left = "right", event.when - 2 * half
        level, k = 0, 1
        while not level:
            level = next((lv for lv in (k, -k) if ends.get(lv, -1e9) < left), 0)
            k += 1
        ends[level] = left + 2 * half
        placed.append((event, text, ha, level))
    up = max((lv for *_rest, lv in placed if lv > 0), default=0)
    down = max((-lv for *_rest, lv in placed if lv < 0), default=0)
    return TimelineLayout(x0, x1, tuple(placed), step_in, up, down)


def _draw_timeline(ax: Any, data: ChartData, look: dict[str, Any], plot_w: float,
                   plot_h: float) -> None:
    """Dated events on a line, each label on a level of its own (one y unit is one inch)."""
    layout = timeline_layout(data, look, plot_w)
    size = float(look["size"]) - 1
    ax.set_xlim(layout.x0, layout.x1)
    top = layout.up * layout.step_in + 0.12
    bottom = layout.down * layout.step_in + 0.12
    spare = max(plot_h - top - bottom, 0) / 2
    ax.set_ylim(-bottom - spare, top + spare)
    ax.axhline(0, color=look["muted"], linewidth=1.2, zorder=1)
    accent = list(look["palette"])[0]
    for event, text, ha, level in layout.placed:
        y = (abs(level) - 1) * layout.step_in + 0.12
        y = y if level > 0 else -y
        ax.vlines(event.when, 0, y, color=look["rule"], linewidth=0.8, zorder=1)
        ax.plot([event.when], [0], marker="o", markersize=4.5, color=accent, zorder=3)
        ax.text(event.when, y, text, ha=ha, va="bottom" if level > 0 else "top",
                fontsize=size, linespacing=1.15, color=look["text"])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    first, last = math.ceil(layout.x0), int(layout.x1)
    step = max(1, math.ceil((last - first) / 8))
    years = list(range(first, last + 1, step))
    ax.set_xticks(years, [str(y) for y in years])
    ax.tick_params(axis="x", length=0, labelsize=size)
