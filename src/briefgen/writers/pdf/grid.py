"""The typographic grid: a body measure in characters, and an optional side column.

The style names the measure (characters per line of body text), not a width, so a line keeps
its length when the face changes. What the measure leaves of the text block becomes the side
column, which carries key figures, pull quotes and figure captions with their source notes
(the RAND / Chatham House pattern). Without a side column the text block itself narrows to
the measure, centred on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from briefgen.theme import Theme

# Running English prose with ordinary letter frequencies: its average advance is the width
# of one "character" of the measure.
SAMPLE = (
    "Violence has risen sharply since the change of government in the neighbouring country, "
    "and officials now describe the militant group as the main threat to the state. Talks "
    "were tried twice and failed each time; an offensive in the border districts displaced "
    "about a million people, reduced attacks for several years, and left the leadership "
    "intact across the frontier, from where it later returned with weapons and recruits."
)
MIN_SIDE = 34 * mm  # a side column narrower than this holds no key figure legibly


def average_advance(font: str, size: float) -> float:
    """Return the mean width of one character of English prose in `font` at `size`."""
    width: float = stringWidth(SAMPLE, font, size)
    return width / len(SAMPLE)


@dataclass(frozen=True)
class Grid:
    """Horizontal positions on the page, in points from the page's left edge."""

    left: float  # the text block (main and side column together)
    width: float
    main_x: float  # the main column, where body text runs
    main_width: float
    side_x: float  # the side column; side_width is 0 when there is none
    side_width: float
    gutter: float

    @property
    def has_side(self) -> bool:
        """Return True if the grid has a side column."""
        return self.side_width > 0

    @property
    def main_offset(self) -> float:
        """Return the main column's offset inside the text block."""
        return self.main_x - self.left


def build_grid(theme: Theme, page_width: float, body_font: str) -> Grid:
    """Lay out the grid of `theme` on a page `page_width` points wide."""
    margins = theme.page.margins_mm
    left = margins.left * mm
    block = page_width - left - margins.right * mm
    measure = theme.grid.measure * average_advance(body_font, theme.sizes.body)
    main = min(block, measure)
    gutter = theme.grid.gutter_mm * mm
    side = block - main - gutter
    if theme.grid.side_column == "none" or side < MIN_SIDE:
        centred = left + (block - main) / 2
        return Grid(centred, main, centred, main, centred, 0.0, gutter)
    if theme.grid.side_column == "left":
        return Grid(left, block, left + side + gutter, main, left, side, gutter)
    return Grid(left, block, left, main, left + main + gutter, side, gutter)


class Wide(Flowable):
    """A flowable set across the whole text block although the frame is the main column."""

    def __init__(self, inner: Flowable, grid: Grid) -> None:
        super().__init__()
        self.inner, self.grid = inner, grid
        self.keepWithNext = getattr(inner, "keepWithNext", 0)
        self.extra = grid.width - grid.main_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Wrap the inner flowable to the block width; occupy the frame's width."""
        _w, self.height = self.inner.wrap(availWidth + self.extra, availHeight)
        self.width = availWidth
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Split the inner flowable at the block width and keep each part wide."""
        parts = self.inner.split(availWidth + self.extra, availHeight)
        return [Wide(part, self.grid) for part in parts]

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab API
        """Return the inner flowable's space before."""
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab API
        """Return the inner flowable's space after."""
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        """Draw the inner flowable from the text block's left edge."""
        self.inner.drawOn(self.canv, -self.grid.main_offset, 0)


def widen(flowables: list[Flowable], grid: Grid) -> list[Flowable]:
    """Return `flowables` set across the text block (unchanged without a side column)."""
    if not grid.has_side:
        return flowables
    return [Wide(f, grid) for f in flowables]
