"""The side column: key figures and pull quotes set beside the prose they belong to."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from briefgen import model as m
from briefgen.writers.pdf.context import Context
from briefgen.writers.pdf.styles import table_style

SIDE_BLOCKS = (m.KeyFigures, m.Quote)


def key_figure_stack(block: m.KeyFigures, ctx: Context) -> list[Flowable]:
    """Return the key figures one above the other, each under a short accent rule."""
    st, pal = ctx.styles, ctx.styles.colors
    assert ctx.grid is not None
    width = ctx.grid.side_width
    value = st.figure_value.clone("bg-side-value", fontSize=st.figure_value.fontSize * 0.8,
                                  leading=st.figure_value.fontSize * 0.9)
    label = st.figure_label.clone("bg-side-label", fontSize=st.small.fontSize * 1.1,
                                  leading=st.small.fontSize * 1.45, spaceAfter=1)
    out: list[Flowable] = []
    for fig in block.items:
        out.append(HRFlowable(width=width * 0.35, thickness=2, color=pal.accent,
                              hAlign="LEFT", spaceBefore=2, spaceAfter=4))
        if fig.qualifier:
            out.append(Paragraph(ctx.escape(fig.qualifier), st.figure_qualifier))
        out += [Paragraph(ctx.escape(fig.value), value),
                Paragraph(ctx.escape(fig.label), label),
                ctx.para(fig.source, st.small), Spacer(1, st.body_size * 0.9)]
    return out


def pull_quote(block: m.Quote, ctx: Context) -> list[Flowable]:
    """Return a quotation set large in the side column, with its attribution.

    The quotation marks are part of the quotation's text (typeset by language), so none are
    added here.
    """
    st, pal = ctx.styles, ctx.styles.colors
    assert ctx.grid is not None
    style = st.quote.clone("bg-pull-quote", fontSize=st.body_size * 1.02,
                           leading=st.body_size * 1.4, spaceAfter=4)
    body = ctx.speaking(block.lang).para(block.runs, style)  # the marks are in the text
    return [HRFlowable(width=ctx.grid.side_width * 0.35, thickness=2, color=pal.accent,
                       hAlign="LEFT", spaceBefore=2, spaceAfter=5),
            body, ctx.para(block.attribution, st.attribution, prefix="\u2014 ")]


def side_flowables(block: m.Block, ctx: Context) -> list[Flowable]:
    """Return what `block` shows in the side column."""
    if isinstance(block, m.KeyFigures):
        return key_figure_stack(block, ctx)
    if isinstance(block, m.Quote):
        return pull_quote(block, ctx)
    raise TypeError(f"{type(block).__name__} has no side-column form")


def beside(side: list[Flowable], main: list[Flowable], ctx: Context) -> list[Flowable]:
    """Return `main` in the main column with `side` beside it, across the text block."""
    grid = ctx.grid
    assert grid is not None
    left = grid.side_x < grid.main_x
    cells: list[Any] = [side, "", main] if left else [main, "", side]
    widths = ([grid.side_width, grid.gutter, grid.main_width] if left
              else [grid.main_width, grid.gutter, grid.side_width])
    table = Table([cells], colWidths=widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(table_style(ctx.styles, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return ctx.wide([table])
