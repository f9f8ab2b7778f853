from collections.abc import Iterator
from typing import Any

import matplotlib
import pytest

from briefgen.charts.render import _rc, chart_look, draw_figure
from briefgen.charts.shaping import ShapedText
from briefgen.theme import Theme


@pytest.fixture
def look() -> dict[str, Any]:
    return chart_look(Theme())


def text_boxes(data: Any, look: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every piece of text a chart draws, with its box in display pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    with matplotlib.rc_context(_rc(look)):
        fig = draw_figure(data, look)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Text)
                 if t.get_visible() and t.get_text().strip()]
        boxes += [(a.text, a.get_window_extent(renderer)) for a in fig.findobj(ShapedText)]
    return boxes


def overlaps(boxes: list[tuple[str, Any]]) -> Iterator[tuple[str, str]]:
    """Pairs of texts whose boxes intersect (touching within half a pixel is allowed)."""
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if (min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 0.5
                    and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 0.5):
                yield a, b
