"""The theme values a chart's pixels depend on, without importing matplotlib.

The build needs them early (they are part of every chart's cache key) in a process that
never draws a chart itself; drawing is `render.py`'s job, in the workers.
"""

from __future__ import annotations

from typing import Any


def chart_look(theme: Any) -> dict[str, object]:
    """Return the theme values that affect a chart's pixels (part of its cache key)."""
    return {
        "font": theme.fonts.chart or theme.fonts.body,
        "size": theme.chart.font_size,
        "palette": list(theme.palette),
        "text": theme.colors.text,
        "muted": theme.colors.muted,
        "rule": theme.colors.rule,
        "width": theme.chart.width_in,
        "height": theme.chart.height_in,
        "dpi": theme.chart.dpi,
    }
