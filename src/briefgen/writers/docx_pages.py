"""A rough page-layout estimate, so the pre-filled contents page shows plausible numbers."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefgen import model as m
from briefgen.theme import Theme

EMU_PER_PT = 12700


@dataclass(frozen=True)
class PageEstimate:
    """The estimated page on which each block starts, and the page count."""

    pages: tuple[int, ...]
    total: int


class _Measure:
    """Estimate block heights in points from text length and the theme's sizes."""

    def __init__(self, theme: Theme, width_pt: float, charts: Mapping[str, m.ChartArt]):
        self.sizes = theme.sizes
        self.width = width_pt
        self.charts = charts

    def lines(self, text: str, width: float | None = None, size: float | None = None) -> int:
        """Return how many lines `text` fills at `size` in `width` points."""
        size = size or self.sizes.body
        per_line = max(8, int((width or self.width) / (size * 0.52)))
        return max(1, math.ceil(len(text) / per_line))

    def prose(self, runs: m.Runs, width: float | None = None, size: float | None = None) -> float:
        """Return the height of a paragraph of `runs`."""
        size = size or self.sizes.body
        return self.lines(m.plain(runs), width, size) * size * 1.35 + size * 0.7

    def block(self, block: m.Block) -> float:
        """Return the estimated height of `block` in points."""
        s = self.sizes
        match block:
            case m.Heading():
                size = (s.h1, s.h2, s.h3)[min(block.level, 3) - 1]
                return size * 1.3 + (30, 20, 15)[min(block.level, 3) - 1]
            case m.Paragraph():
                return self.prose(block.runs, size=s.body + (1.5 if block.role == "lead" else 0))
            case m.BulletList():
                return sum(self.prose(item, self.width - 20) for item in block.items)
            case m.KeyJudgments():
                return 50 + sum(self.prose(j.runs, self.width - 40) + 14 for j in block.items)
            case m.KeyFigures():
                return s.key_figure * 1.4 + s.body * 5 + 20
            case m.Figure():
                art = self.charts.get(block.chart_id)
                ratio = art.height_in / art.width_in if art else 0.55
                return 50 + self.width * ratio + 20
            case m.Table():
                cols = max(1, len(block.header))
                rows = sum(max(self.lines(m.plain(c), self.width / cols) for c in row) * s.body
                           * 1.35 + 8 for row in block.rows)
                return 60 + rows + s.body * 2
            case m.Quote():
                return self.prose(block.runs, self.width - 60) + 30
            case m.Options():
                return sum(self._option(o) for o in block.items)
            case m.Recommendations():
                return sum(self.prose(r.runs, self.width - 20) + 10 for r in block.items)
            case m.Timeline():
                return 30 + sum(self.prose(e.runs, self.width * 0.75) + 6 for e in block.events)
            case m.Callout():
                return 50 + sum(self.prose(p, self.width - 40) for p in block.paragraphs)
            case m.Glossary():
                return 30 + sum(self.prose(e.definition, self.width * 0.5) + 6
                                for e in block.entries)
            case m.Endnotes():
                return sum(self.prose(n.runs, size=s.small + 0.5) for n in block.items)
            case m.SourceList():
                return sum(self.prose(e.runs) for e in block.items)
        return 0.0

    def _option(self, option: m.Option) -> float:
        width = self.width * 0.75
        parts = [option.summary, option.record, *option.advocates, *option.pros, *option.cons,
                 *option.risks, *(q.runs for q in option.quotes)]
        return 50 + sum(self.prose(p, width) + 4 for p in parts if p)


def estimate_pages(
    blocks: Sequence[m.Block],
    theme: Theme,
    text_width_emu: int,
    text_height_emu: int,
    charts: Mapping[str, m.ChartArt],
    first_page: int = 2,
) -> PageEstimate:
    """Estimate where each block starts when the body begins on `first_page`."""
    measure = _Measure(theme, text_width_emu / EMU_PER_PT, charts)
    page_height = max(200.0, text_height_emu / EMU_PER_PT)
    page, used = first_page, 0.0
    pages: list[int] = []
    for block in blocks:
        height = measure.block(block)
        keep = height + (60 if isinstance(block, m.Heading) else 0)
        if used > 0 and used + min(keep, page_height * 0.5) > page_height:
            page, used = page + 1, 0.0
        pages.append(page)
        used += height
        while used > page_height:
            page, used = page + 1, used - page_height
    return PageEstimate(tuple(pages), page)
