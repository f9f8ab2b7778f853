"""Figures and tables: SVG charts via svglib, data tables, the timeline and the glossary."""

from __future__ import annotations

import io
import logging
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import standardFonts, stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from briefgen import model as m
from briefgen.writers.pdf.context import Context, anchor
from briefgen.writers.pdf.fonts import ChartFontMap, FontSet
from briefgen.writers.pdf.rtl import shape_line
from briefgen.writers.pdf.styles import table_style
from briefgen.writers.text import unbreakable

log = logging.getLogger(__name__)


def _replace_standard_fonts(node: Any, fonts: ChartFontMap) -> None:
    """Swap any base-14 font left in the drawing for an embedded face (a safety net)."""
    if isinstance(node, String):
        if node.fontName in standardFonts:
            node.fontName = fonts.face_for_standard(node.fontName)
        return
    if isinstance(node, Group | Drawing):
        for child in node.contents:
            _replace_standard_fonts(child, fonts)


def svg_drawing(svg: bytes, fonts: FontSet) -> Drawing | None:
    """Convert SVG bytes to a ReportLab Drawing whose text uses embedded fonts."""
    from svglib.svglib import svg2rlg

    font_map = ChartFontMap(fonts)
    try:
        drawing = svg2rlg(io.BytesIO(svg), font_map=font_map)
    except Exception as exc:  # svglib raises many kinds of errors on odd SVG
        log.warning("svglib could not convert a chart (%s); using the PNG", exc)
        return None
    if drawing is None:
        return None
    _replace_standard_fonts(drawing, font_map)
    drawing.initialFontName = fonts.chart.regular  # the renderer's first Tf (else Helvetica)
    return drawing


class VectorChart(Flowable):
    """A Drawing as a plain flowable, so it can take keepWithNext and spacing like any other."""

    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.width, drawing.height
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Return the drawing's size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the drawing at the flowable's origin."""
        self.drawing.drawOn(self.canv, 0, 0)


def chart_flowable(art: m.ChartArt, width: float, fonts: FontSet,
                   max_height: float | None = None) -> Flowable:
    """Return the chart scaled to `width` (or `max_height`): vector if svglib manages, else PNG."""
    drawing = scaled_drawing(art.svg, width, max_height, fonts) if art.svg else None
    if drawing is not None:
        return VectorChart(drawing)
    aspect = art.height_in / art.width_in if art.width_in else 0.5
    if max_height and width * aspect > max_height:
        width = max_height / aspect
    image = Image(io.BytesIO(art.png), width=width, height=width * aspect)
    image.hAlign = "CENTER"
    return image


_DRAWINGS: dict[tuple[bytes, float, float | None, int], Drawing | None] = {}


def scaled_drawing(svg: bytes, width: float, max_height: float | None,
                   fonts: FontSet) -> Drawing | None:
    """Return the chart's drawing scaled to `width` (converted once for every layout pass)."""
    key = (svg, width, max_height, id(fonts))
    if key not in _DRAWINGS:
        if len(_DRAWINGS) > 64:
            _DRAWINGS.clear()
        _DRAWINGS[key] = _scaled_drawing(svg, width, max_height, fonts)
    return _DRAWINGS[key]


def _scaled_drawing(svg: bytes, width: float, max_height: float | None,
                    fonts: FontSet) -> Drawing | None:
    drawing = svg_drawing(svg, fonts)
    if drawing is None or drawing.width <= 0 or drawing.height <= 0:
        return None
    factor = width / drawing.width
    if max_height and drawing.height * factor > max_height:
        factor = max_height / drawing.height
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


class LazyChart(Flowable):
    """A figure's chart, fetched (and converted) only when layout reaches it.

    Charts may still be rendering in worker processes while the pages before them are laid
    out; looking the chart up at wrap time lets that work overlap.
    """

    def __init__(self, block: m.Figure, ctx: Context) -> None:
        super().__init__()
        self.block, self.ctx = block, ctx
        self.inner: Flowable | None = None
        self.hAlign = "CENTER"

    def _resolve(self) -> Flowable:
        if self.inner is None:
            ctx, st = self.ctx, self.ctx.styles
            art = ctx.charts.get(self.block.chart_id)
            self.inner = (chart_flowable(art, ctx.width, st.fonts, ctx.height * 0.7)
                          if art is not None
                          else Paragraph(f"[{ctx.escape(self.block.alt)}]", st.small))
        return self.inner

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Return the chart's size (waiting for the chart if it is still being rendered)."""
        self.width, self.height = self._resolve().wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        """Draw the chart at the flowable's origin."""
        self._resolve().drawOn(self.canv, 0, 0)


def _caption(kind: str, number: int, name: str, text: str, ctx: Context) -> Paragraph:
    label = f"{ctx.escape(kind)}\u00a0{number}:"
    return Paragraph(f"{anchor(name)}{label} {ctx.escape(text)}", ctx.styles.caption)


def figure(block: m.Figure, ctx: Context) -> list[Flowable]:
    """Return caption, vector chart and source line, chained with keepWithNext.

    The chain (rather than a KeepTogether) lets a heading just before the figure join the
    same group, so neither the heading nor the caption is ever left alone at a page foot.
    On a grid with a side column the caption and source note sit beside the chart.
    """
    st = ctx.styles
    caption = _caption(ctx.labels.figure, block.number, block.anchor, block.caption, ctx)
    chart = LazyChart(block, ctx)
    source = ctx.para(block.source, st.source)
    if ctx.has_side:
        return [*side_by_side([caption, source], [chart], ctx), Spacer(1, st.body_size * 0.8)]
    chart.keepWithNext = 1
    chart.spaceAfter = 2
    return [caption, chart, source, Spacer(1, st.body_size * 0.4)]


def side_by_side(side: list[Flowable], main: list[Flowable], ctx: Context) -> list[Flowable]:
    """Return `main` in the main column with `side` beside it (a figure and its notes)."""
    from briefgen.writers.pdf.side import beside

    return beside(side, main, ctx)


def _column_widths(block: m.Table, width: float, ctx: Context) -> list[float]:
    """Share `width` between columns: each gets its longest word, the rest goes by need."""
    st = ctx.styles
    pad = 12.0
    ncols = len(block.header)
    columns: list[list[tuple[str, str, float]]] = [
        [(h, st.table_head.fontName, st.table_head.fontSize)] for h in block.header
    ]
    for row in block.rows:
        for i, cell in enumerate(row[:ncols]):
            columns[i].append((m.plain(cell), st.cell.fontName, st.cell.fontSize))
    least, want = [], []
    for cells in columns:
        words = [stringWidth(w, font, size)
                 for text, font, size in cells for w in unbreakable(text)]
        least.append(max(words, default=0.0) + pad)
        want.append(min(max(stringWidth(t, f, z) for t, f, z in cells), width * 0.6) + pad)
    if sum(want) <= width:
        return [width * w / sum(want) for w in want]
    if sum(least) >= width:
        return [width * w / sum(least) for w in least]
    spare, extra = width - sum(least), [w - lo for w, lo in zip(want, least, strict=True)]
    return [lo + spare * e / sum(extra) for lo, e in zip(least, extra, strict=True)]


def _grid_table(rows: list[list[Any]], widths: list[float], ctx: Context, header: bool,
                start: int) -> Table:
    """Return a data table (or its tail, `start` rows in, without a header) in house style."""
    pal = ctx.styles.colors
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitByRow=1,
                  hAlign="LEFT")
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, pal.rule),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), pal.header_bg))
    for r in range(len(rows)):
        if (start + r) % 2 == 0 and (start + r) > 0:
            commands.append(("BACKGROUND", (0, r), (-1, r), pal.tint(pal.callout_bg, 0.4)))
    commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.8, pal.heading))
    table.setStyle(table_style(ctx.styles, commands))
    return table


TAIL_ROWS = 2  # a long table's last rows stay with its source line


def data_table(block: m.Table, ctx: Context) -> list[Flowable]:
    """Return caption, table and source line; a short table is kept whole on one page.

    A long table splits by row with its header repeated; its caption stays with its first
    rows and its source line with its last rows, so neither is left alone at a page edge.
    """
    st = ctx.styles
    widths = _column_widths(block, ctx.block_width, ctx)
    caption = _caption(ctx.labels.table, block.number, block.anchor, block.caption, ctx)
    source = ctx.para(block.source, st.source)
    rows = _table_rows(block, ctx)
    whole = _grid_table(rows, widths, ctx, header=True, start=0)
    height = whole.wrap(ctx.block_width, ctx.height)[1]
    if height <= ctx.height * 0.45 or len(rows) <= TAIL_ROWS + 3:
        return [KeepTogether(ctx.wide([caption, whole, source]))]
    head = _grid_table(rows[:-TAIL_ROWS], widths, ctx, header=True, start=0)
    tail = _grid_table(rows[-TAIL_ROWS:], widths, ctx, header=False,
                       start=len(rows) - TAIL_ROWS)
    caption.keepWithNext = 0  # room for its first rows instead (a chain would move it all)
    room = caption.wrap(ctx.block_width, ctx.height)[1] + st.body_size * 8
    return [CondPageBreak(room), *ctx.wide([caption, head]),
            KeepTogether(ctx.wide([tail, source]))]


def _table_rows(block: m.Table, ctx: Context) -> list[list[Any]]:
    """Return the header row and the body rows of `block` as cell paragraphs."""
    st = ctx.styles
    right = [a == "right" for a in block.align] + [False] * len(block.header)
    header = [Paragraph(ctx.escape(h), st.table_head_right if right[i] else st.table_head)
              for i, h in enumerate(block.header)]
    rows: list[list[Any]] = [header]
    for row in block.rows:
        rows.append([ctx.para(cell, st.cell_right if right[i] else st.cell)
                     for i, cell in enumerate(row)])
    return rows


FIRST_EVENTS = 3  # a chronology's opening rows, kept together


def timeline(block: m.Timeline, ctx: Context) -> list[Flowable]:
    """Return a chronology: a date column, a rule, and the events."""
    st, pal = ctx.styles, ctx.styles.colors
    date_w = 72.0
    date_style = st.cell.clone("bg-timeline-date", fontName=st.fonts.body.bold,
                               textColor=pal.heading, alignment=2)
    rows = [[Paragraph(ctx.escape(e.date), date_style), ctx.para(e.runs, st.cell)]
            for e in block.events]
    parts: list[Flowable] = []
    # The first rows (and the last) stay together, so no page opens or ends on one event.
    cuts = [0, *([FIRST_EVENTS] if len(rows) > FIRST_EVENTS + 2 else []), len(rows)]
    if len(rows) > FIRST_EVENTS + 4:
        cuts.insert(-1, len(rows) - 2)
    for start, end in zip(cuts, cuts[1:], strict=False):
        table = Table(rows[start:end], colWidths=[date_w, ctx.width - date_w], splitByRow=1,
                      hAlign="LEFT")
        table.setStyle(table_style(ctx.styles, [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEAFTER", (0, 0), (0, -1), 1.5, pal.accent),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]))
        whole = start == 0 or end == len(rows) and end - start <= 2
        parts.append(KeepTogether([table]) if whole else table)
    return [*parts, Spacer(1, st.body_size)]


def _glossary_widths(block: m.Glossary, ctx: Context, font: str, size: float) -> list[float]:
    """Fit the term column to its longest word and the native column to its longest entry."""
    pad, width = 12.0, ctx.block_width
    words = [w for e in block.entries for w in unbreakable(e.term)] or ["Term"]
    term = min(max(stringWidth(w, font, size) for w in words) + pad, width * 0.3)
    term = max(term, width * 0.18)
    if not any(e.native for e in block.entries):
        return [term, width - term]
    size = ctx.styles.cell.fontSize * 1.05  # RtlText draws slightly larger
    latin = ctx.styles.fonts.body.regular
    arabic = ctx.arabic
    native = max(
        shape_line(e.native, arabic, latin, size)[1]
        if arabic and ctx.needs_shaping(e.native) else stringWidth(e.native, latin, size)
        for e in block.entries
    )
    native = min(max(native + pad + 4, width * 0.15), width * 0.3)
    return [term, native, width - term - native]


def glossary(block: m.Glossary, ctx: Context) -> list[Flowable]:
    """Return the glossary: term, native spelling (shaped right to left) and definition."""
    st, pal = ctx.styles, ctx.styles.colors
    has_native = any(e.native for e in block.entries)
    term_style = st.cell.clone("bg-glossary-term", fontName=st.fonts.body.bold,
                               textColor=pal.heading)
    widths = _glossary_widths(block, ctx, term_style.fontName, term_style.fontSize)
    labels = ctx.labels
    header: list[Any] = [Paragraph(ctx.escape(labels.glossary_term), st.table_head)]
    if has_native:
        header.append(Paragraph(ctx.escape(labels.glossary_native), st.table_head_right))
    header.append(Paragraph(ctx.escape(labels.glossary_definition), st.table_head))
    rows: list[list[Any]] = [header]
    for entry in block.entries:
        words = ctx.speaking(entry.lang)  # the term and definition in the entry's language
        row: list[Any] = [words.text(entry.term, term_style)]
        if has_native:
            native = entry.native
            row.append(ctx.text(native, st.cell))
        row.append(words.para(entry.definition, st.cell))
        rows.append(row)
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1,
                  hAlign="LEFT")
    table.setStyle(table_style(ctx.styles, [
        ("BACKGROUND", (0, 0), (-1, 0), pal.header_bg),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, pal.rule),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return [*ctx.wide([table]), Spacer(1, st.body_size)]
