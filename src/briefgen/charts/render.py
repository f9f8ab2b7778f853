"""Draw ChartData with matplotlib's object API (no pyplot) into SVG and PNG bytes.

Layouts are fixed rather than solved (no tight_layout), text stays text in the SVG so the
PDF keeps it searchable, and metadata and ids are pinned so output is byte-identical.
"""

from __future__ import annotations

import io
import math
import textwrap
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
    rc: Any = {k: v for k, v in _rc(look).items() if k in matplotlib.rcParams}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width, height), dpi=int(look["dpi"]))
        _draw(fig, data, look, width, height)
        svg, png = io.BytesIO(), io.BytesIO()
        FigureCanvasSVG(fig).print_svg(svg, metadata={"Date": None, "Creator": "briefgen"})
        FigureCanvasAgg(fig).print_png(png, metadata={"Software": "briefgen"})
    return ChartArt(svg.getvalue(), png.getvalue(), width, height, int(look["dpi"]))


def _draw(fig: Any, data: ChartData, look: dict[str, Any], width: float, height: float) -> None:
    size = float(look["size"])
    top_in = 0.45  # room for the title
    left_in = 0.65
    bottom_in = 0.55
    if data.kind == "barh":
        longest = max((len(c) for c in data.categories), default=4)
        left_in = min(0.3 + longest * size * 0.0078, width * 0.45)
    if data.kind == "timeline":
        left_in, bottom_in = 0.25, 0.35
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
    fig.text(
        left_in / width if data.kind != "barh" else 0.02,
        1 - 0.14 / height,
        data.title,
        ha="left",
        va="top",
        fontsize=size + 2,
        fontweight="bold",
        color=look["text"],
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    palette = list(look["palette"])
    if data.kind == "timeline":
        _draw_timeline(ax, data, look)
        return
    if data.kind == "line":
        _draw_line(ax, data, palette)
    elif data.kind == "barh":
        _draw_barh(ax, data, palette, size)
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


def _draw_barh(ax: Any, data: ChartData, palette: list[str], size: float) -> None:
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
    ax.margins(x=0.22)


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


def _draw_timeline(ax: Any, data: ChartData, look: dict[str, Any]) -> None:
    events = sorted(data.events, key=lambda e: e.when)
    if not events:
        return
    lo, hi = events[0].when, events[-1].when
    pad = max((hi - lo) * 0.04, 0.5)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(-1.3, 1.3)
    ax.axhline(0, color=look["muted"], linewidth=1.2, zorder=1)
    accent = list(look["palette"])[0]
    levels = (0.95, -0.95, 0.45, -0.45)
    for i, event in enumerate(events):
        y = levels[i % len(levels)]
        ax.vlines(event.when, 0, y, color=look["rule"], linewidth=0.8, zorder=1)
        ax.plot([event.when], [0], marker="o", markersize=5, color=accent, zorder=3)
        label = f"{event.date}\n{_wrap(event.label, 22)}"
        ax.text(event.when, y + (0.05 if y > 0 else -0.05), label,
                ha="center", va="bottom" if y > 0 else "top", fontsize=float(look["size"]) - 1,
                linespacing=1.15, color=look["text"])
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.spines["bottom"].set_visible(False)
    step = max(1, math.ceil((hi - lo) / 8))
    years = range(int(lo), int(hi) + 1, step)
    ax.set_xticks(list(years), [str(y) for y in years])
    ax.tick_params(axis="x", length=0)
