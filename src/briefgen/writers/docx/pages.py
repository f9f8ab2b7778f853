"""A page-layout estimate, so the pre-filled contents page shows plausible page numbers."""

# Word knows real page numbers only after it lays the document out; until a reader updates
# the contents, the numbers written here are what they see. Text is wrapped with the theme's
# font metrics; boxes, tables and pictures use the writer's own spacings.

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import assert_never

from briefgen import model as m
from briefgen.theme import Theme
from briefgen.writers.docx.styles import BODY_LEADING

EMU_PER_PT = 12700
LINE = BODY_LEADING  # the body's line height over its type size
_UNSPLIT = (m.Figure, m.KeyFigures, m.KeyJudgments, m.Callout, m.Quote)


@dataclass(frozen=True)
class PageEstimate:
    """The estimated page on which each block starts, and the page count."""

    pages: tuple[int, ...]
    total: int


@cache
def _advances(family: str) -> dict[int, float] | None:
    """Return the advance widths (ems) of `family`'s regular face, or None if it is unknown."""
    from briefgen.fonts import family_files
    from briefgen.fonts.coverage import advances

    try:
        return advances(family_files(family).regular)
    except (KeyError, OSError, RuntimeError, ValueError):
        return None


class _Measure:
    """Estimate block heights in points from wrapped text and the writer's spacings."""

    def __init__(self, theme: Theme, width_pt: float, charts: Mapping[str, m.ChartArt]):
        self.sizes = theme.sizes
        self.width = width_pt
        self.charts = charts
        self.font = _advances(theme.fonts.body)
        self._words: dict[str, float] = {}

    def _em(self, word: str) -> float:
        """Return the advance width of `word` in ems."""
        if word not in self._words:
            font = self.font
            self._words[word] = (sum(font.get(ord(ch), 0.55) for ch in word) if font
                                 else len(word) * 0.55)
        return self._words[word]

    def lines(self, text: str, width: float, size: float) -> int:
        """Return how many lines `text` fills at `size` points in `width` points (greedy)."""
        limit, count = width / size, 0
        for para in text.split("\n") or [""]:
            used, count = 0.0, count + 1
            space = self._em(" ")
            for word in para.split():
                w = self._em(word)
                if used and used + space + w > limit:
                    used, count = w, count + 1
                else:
                    used += (space if used else 0) + w
        return max(1, count)

    def prose(self, runs: m.Runs, width: float | None = None, size: float | None = None,
              after: float = 7.0, line: float = LINE) -> float:
        """Return the height of a paragraph of `runs`."""
        size = size or self.sizes.body
        return self.lines(m.plain(runs), width or self.width, size) * size * line + after

    def cell(self, items: Sequence[m.Runs], width: float, size: float | None = None) -> float:
        """Return the height of table-cell paragraphs (single spacing, 2 pt around each)."""
        return sum(self.prose(r, width - 11, size, 4.0, 1.164) for r in items) or 14.0

    def block(self, block: m.Block) -> float:
        """Return the estimated height of `block` in points."""
        s, w = self.sizes, self.width
        match block:
            case m.Heading():
                level = min(max(block.level, 1), 3)
                return (s.h1, s.h2, s.h3)[level - 1] * 1.2 + (24, 18, 14)[level - 1]
            case m.Paragraph():
                if block.role == "lead":
                    return self.prose(block.runs, size=s.body + 1.5, after=8, line=1.34)
                return self.prose(block.runs)
            case m.BulletList():
                return sum(self.prose(item, w - 18, after=3) for item in block.items)
            case m.KeyJudgments():
                return 32 + s.h3 * 1.2 + sum(self.prose(j.runs + (m.Text(" (Moderate "
                                                                          "confidence)"),),
                                                        w - 42, after=3) for j in block.items)
            case m.KeyFigures():
                per_row = len(block.items) if len(block.items) <= 4 else 3
                rows = math.ceil(len(block.items) / per_row) if block.items else 0
                col = w / max(per_row, 1)
                tallest = max((self.cell([(m.Text(f.label),)], col) + self.cell(
                    [f.source], col, s.small) for f in block.items), default=0)
                return rows * (s.key_figure * 1.2 + tallest + 12) + 6
            case m.Figure():
                art = self.charts.get(block.chart_id)
                ratio = art.height_in / art.width_in if art else 0.55
                caption = self.prose((m.Text(f"Figure 1: {block.caption}"),), after=11)
                return caption + w * ratio + self.prose(block.source, size=s.small, after=13)
            case m.Table():
                cols = max(1, len(block.header))
                body = sum(max((self.cell([c], w / cols) for c in row), default=14.0) + 6
                           for row in block.rows)
                caption = self.prose((m.Text(f"Table 1: {block.caption}"),), after=11)
                return caption + body + 20 + self.prose(block.source, size=s.small, after=13)
            case m.Quote():
                return self._quote(block, w)
            case m.Options():
                return sum(self._option(o) for o in block.items)
            case m.Recommendations():
                return sum(self.prose((m.Text(r.actor + ": "), *r.runs), w - 18, after=4)
                           for r in block.items)
            case m.Timeline():
                return 20 + sum(max(self.cell([e.runs], w * 0.8), 14) + 6 for e in block.events)
            case m.Callout():
                return 32 + s.h3 * 1.2 + sum(self.prose(p, w - 24) for p in block.paragraphs)
            case m.Glossary():
                return 20 + sum(max(self.cell([e.definition], w * 0.52),
                                    self.cell([(m.Text(e.term),)], w * 0.21)) + 6
                                for e in block.entries)
            case m.Endnotes():
                small = s.small + 0.5
                return sum(self.prose(n.runs, size=small, after=3, line=1.164)
                           for n in block.items)
            case m.SourceList():
                return sum(self.prose(e.runs, w - 18, after=5) for e in block.items)
            case _:
                assert_never(block)

    def _quote(self, quote: m.Quote, width: float) -> float:
        text = self.prose(quote.runs, width - 45, self.sizes.body + 0.5, after=2)
        return 6 + text + self.prose(quote.attribution, width - 45, self.sizes.small + 0.5,
                                     after=8)

    def _option(self, option: m.Option) -> float:
        width = self.width * 0.76
        groups = [[option.summary], option.advocates, option.pros, option.cons, option.risks,
                  [option.record]]
        rows = [self.cell([r for r in g if r], width - (18 if len(g) > 1 else 0))
                for g in groups if any(g)]
        quotes = sum(self._quote(q, width - 11) for q in option.quotes)
        return 26 + sum(r + 6 for r in rows) + (quotes + 6 if quotes else 0) + 6


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
        if isinstance(block, m.Heading):  # kept with the first lines that follow it
            moves = used + height + 40 > page_height
        else:  # prose and tables flow on; pictures and boxes move whole to the next page
            moves = isinstance(block, _UNSPLIT) and used + height > page_height
        if used > 0 and moves:
            page, used = page + 1, 0.0
        pages.append(page)
        used += height
        while used > page_height:
            page, used = page + 1, used - page_height
    return PageEstimate(tuple(pages), page)
