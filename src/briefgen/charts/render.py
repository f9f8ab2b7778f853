"""Draw ChartData with matplotlib's object API (no pyplot) into SVG and PNG bytes.

The chart system: the figure caption states the finding, a subtitle above the plot gives the
units; values are labelled directly, so a labelled chart has no value axis and no gridlines;
every bar is BAR_IN thick whatever the chart, so a horizontal chart's height follows from its
number of bars. Layouts are computed, not solved (no tight_layout); text stays text in the SVG
(complex scripts excepted, see shaping.py) and ids are pinned so output is byte-identical.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefgen.charts.columns import (
    BAR_IN,
    GAP_IN,
    SLOT_MAX_IN,
    columns_fit,
    draw_columns,
    draw_line,
    draw_share,
    line_margin,
    share_levels,
    value_axis,
)
from briefgen.charts.data import ChartData, Series
from briefgen.charts.legend import LegendItem, column_width, legend_height, put_legend
from briefgen.charts.look import chart_look as chart_look  # the cache key's half
from briefgen.charts.text import fit, put_text, text_height, text_width
from briefgen.charts.timeline import SIDE_IN, draw_timeline, timeline_layout
from briefgen.model import ChartArt

# The modules whose code decides a chart's pixels (a change to any must miss the cache).
DRAWING_MODULES = ("render", "look", "columns", "legend", "text", "shaping", "timeline", "data")


def drawing_code_hash() -> str:
    """A hash of the drawing code, for the chart cache's key."""
    digest = hashlib.sha256()
    for name in DRAWING_MODULES:
        digest.update(Path(__file__).with_name(f"{name}.py").read_bytes())
    return digest.hexdigest()[:12]


def _rc(look: dict[str, Any]) -> dict[str, Any]:
    return {
        "font.family": [look["font"]],
        "font.size": look["size"],
        "svg.fonttype": "none",
        "svg.hashsalt": "briefgen",
        "svg.id": None,
        "text.usetex": False,
        "text.parse_math": False,  # "$5 to $10" is money, not maths
        "text.color": look["text"],
        "axes.labelcolor": look["text"],
        "xtick.color": look["muted"],
        "ytick.color": look["muted"],
        "axes.edgecolor": look["rule"],
        "axes.unicode_minus": True,
        "path.simplify": True,
    }


def render_chart(data: ChartData, look: dict[str, Any]) -> ChartArt:
    """Render one chart to SVG (vector, text as text) and PNG (theme dpi)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    rc: Any = {k: v for k, v in _rc(look).items() if k in matplotlib.rcParams}
    with matplotlib.rc_context(rc):
        fig = draw_figure(data, look)
        width, height = (float(v) for v in fig.get_size_inches())
        svg, png = io.BytesIO(), io.BytesIO()
        # PNG first: printing SVG leaves the figure at 72 dpi.
        fig.set_dpi(int(look["dpi"]))
        FigureCanvasAgg(fig).print_png(png, metadata={"Software": "briefgen"},
                                       pil_kwargs={"compress_level": 2})
        FigureCanvasSVG(fig).print_svg(svg, metadata={"Date": None, "Creator": "briefgen"})
    return ChartArt(svg.getvalue(), png.getvalue(), width, height, int(look["dpi"]))


def normalise(data: ChartData) -> ChartData:
    """Turn a one-category chart of several series into the form that shows it best: parts
    of a whole (stacked) become one 100% bar, anything else horizontal bars by series."""
    if data.kind in ("bar", "grouped_bar", "stacked_bar") and len(data.categories) == 1:
        if data.kind == "stacked_bar" and len(data.series) > 1:
            return replace(data, kind="share")
        names = tuple(s.name or data.categories[0] for s in data.series)
        values = tuple(s.values[0] for s in data.series)
        labels = tuple(s.labels[0] for s in data.series)
        return replace(data, kind="barh", categories=names,
                       series=(Series("", values, labels),))
    return data


def units(data: ChartData) -> str:
    """The subtitle: given, or the value axis's label (which then needs no axis)."""
    if data.subtitle:
        return data.subtitle
    return data.xlabel if data.kind == "barh" else data.ylabel


def draw_figure(data: ChartData, look: dict[str, Any]) -> Any:
    """Lay out and draw the whole chart; return the matplotlib Figure."""
    from matplotlib.figure import Figure

    data = normalise(data)
    size, family = float(look["size"]), str(look["font"])
    width = float(look["width"])
    if data.kind in ("bar", "grouped_bar") and not columns_fit(data, look, width - 0.2):
        data = replace(data, value_labels=False)  # labels would collide: a value axis instead
    subtitle = fit(units(data), size, family, width - 0.1, 2) if units(data) else ""
    head_in = text_height(subtitle, size) + 0.12 if subtitle else 0.06
    items = _legend_items(data, look)
    stacked_column = data.kind == "stacked_bar" and bool(items)
    if items and not stacked_column:
        head_in += legend_height(items, size, family, width) + 0.06
    if data.kind == "line" or (not data.value_labels and data.kind != "timeline"):
        head_in += text_height("0", size) / 2  # the top tick label reaches above the plot
    height, left_in, bottom_in = _frame(data, look, width, head_in)
    fig = Figure(figsize=(width, height), dpi=int(look["dpi"]))
    if subtitle:
        put_text(fig, 0.0, height - 0.04, subtitle, size=size, family=family,
                 color=look["muted"], ha="left", va="top", transform=fig.dpi_scale_trans)
    right_in = line_margin(data, look) if data.kind == "line" else 0.12
    if items and stacked_column:  # a column beside the plot, top item on top of the stack
        right_in = column_width(items, size, family) + 0.1
        used = min(width - left_in - right_in, len(data.categories) * SLOT_MAX_IN)
        put_legend(fig, list(reversed(items)), look, width, height - head_in, column=True,
                   x0=left_in + used + 0.1)
    elif items:
        put_legend(fig, items, look, width, height - head_in + legend_height(
            items, size, family, width) + 0.06, column=False)
    plot_w = width - left_in - right_in
    plot_h = height - head_in - bottom_in
    ax = fig.add_axes((left_in / width, bottom_in / height, plot_w / width, plot_h / height))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if data.kind == "timeline":
        draw_timeline(ax, data, look, timeline_layout(data, look, plot_w), plot_h)
    elif data.kind == "share":
        draw_share(ax, data, look, plot_w)
    elif data.kind == "barh":
        _draw_barh(ax, data, look, plot_w)
    elif data.kind == "line":
        draw_line(ax, data, look, plot_w, plot_h)
    else:
        draw_columns(ax, data, look, plot_w, plot_h)
    return fig


def _legend_items(data: ChartData, look: dict[str, Any]) -> list[LegendItem]:
    if data.kind in ("timeline", "share", "line") or len(data.series) < 2:
        return []
    palette = list(look["palette"])
    return [LegendItem(s.name, palette[i % len(palette)]) for i, s in enumerate(data.series)]


def _category_labels(data: ChartData, look: dict[str, Any], width: float) -> list[str]:
    return [fit(c, float(look["size"]), str(look["font"]), width * 0.42) for c in data.categories]


def barh_slot(data: ChartData, look: dict[str, Any], width: float) -> float:
    """Height in inches of one category of a horizontal bar chart."""
    bars = 1 if len(data.series) == 1 else len(data.series)
    label_in = max((text_height(c, float(look["size"]))
                    for c in _category_labels(data, look, width)), default=0.0)
    return max(bars * BAR_IN, label_in) + GAP_IN


def _frame(data: ChartData, look: dict[str, Any], width: float,
           head_in: float) -> tuple[float, float, float]:
    """Return (figure height, left margin, bottom margin) in inches."""
    size, family = float(look["size"]), str(look["font"])
    axis_in = 0.0 if data.value_labels else 0.3
    if data.kind == "timeline":
        layout = timeline_layout(data, look, width - 2 * SIDE_IN)
        return max(float(data.height_in or 0), head_in + layout.height_in), SIDE_IN, 0.28
    if data.kind == "share":
        levels = share_levels(data, look, width - 0.14) * (text_height("A\nB", size) + 0.08)
        return head_in + levels + BAR_IN + 0.16, 0.02, 0.05
    if data.kind == "barh":
        labels = _category_labels(data, look, width)
        # matplotlib's hinted glyphs run a little wider than their outlines measure
        left = max((text_width(c, size, family) for c in labels), default=0.3) * 1.04 + 0.14
        height = head_in + len(data.categories) * barh_slot(data, look, width) + axis_in + 0.04
        return height, left, axis_in + 0.02
    lines = max((fit(c, size, family, 1.2).count("\n") + 1 for c in data.categories), default=1)
    bottom = lines * size * 1.25 / 72 + 0.12 + (0.25 if data.xlabel else 0)
    left = 0.02 if data.value_labels and data.kind != "line" else 0.55
    # labelled columns need no axis to read, so they need less height than the theme's default
    labelled = data.value_labels and data.kind != "line"
    default = min(float(look["height"]), 2.4) if labelled else float(look["height"])
    height = float(data.height_in or default)
    return max(height, head_in + bottom + 1.0), left, bottom


def _draw_barh(ax: Any, data: ChartData, look: dict[str, Any], plot_w: float) -> None:
    """Horizontal bars of BAR_IN each, category labels on the left, values at the ends."""
    size, family = float(look["size"]), str(look["font"])
    palette = list(look["palette"])
    labels = _category_labels(data, look, float(look["width"]))
    slot = barh_slot(data, look, float(look["width"]))
    n = len(data.series)
    thick = BAR_IN / slot  # in category units (one category = one unit)
    cats = range(len(data.categories))
    top = max((v for s in data.series for v in s.values if v is not None), default=1.0) or 1.0
    label_in = max((text_width(lab, size - 0.5, family) for s in data.series
                    for lab in s.labels), default=0.0) if data.value_labels else 0.0
    room = max(plot_w - label_in - 0.1, plot_w * 0.3)
    ax.set_xlim(min(0.0, *(v for s in data.series for v in s.values if v is not None)),
                top * plot_w / room)
    plot_h = ax.get_position().height * ax.figure.get_size_inches()[1]
    spare = (plot_h / slot - len(data.categories)) / 2  # one category is `slot` inches
    ax.set_ylim(len(data.categories) - 0.5 + spare, -0.5 - spare)
    from matplotlib.transforms import offset_copy

    for i, s in enumerate(data.series):
        offs = [c + (i - (n - 1) / 2) * thick for c in cats]
        vals = [v if v is not None else 0.0 for v in s.values]
        color = palette[i % len(palette)]
        ax.barh(offs, vals, thick, color=color, zorder=2, linewidth=0)
        if not data.value_labels:
            continue
        at_end = offset_copy(ax.transData, fig=ax.figure, x=3, units="points")
        for y, v, lab, cat in zip(offs, s.values, s.labels, data.categories, strict=True):
            if v is None or not lab or lab in cat:  # each value printed once
                continue
            put_text(ax, max(v, 0.0), y, lab, size=size - 0.5, family=family,
                     color=look["text"], ha="left", va="center", transform=at_end)
    at_left = offset_copy(ax.get_yaxis_transform(), fig=ax.figure, x=-6, units="points")
    for c, label in zip(cats, labels, strict=True):
        put_text(ax, 0.0, c, label, size=size, family=family, color=look["text"],
                 ha="right", va="center", transform=at_left)
    ax.set_yticks([])
    ax.spines["left"].set_color(look["rule"])
    ax.tick_params(axis="y", length=0)
    if data.value_labels:
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
    else:
        value_axis(ax.xaxis, data, look)
        ax.xaxis.grid(True, color="#e3e3e3", linewidth=0.6, zorder=0)
