"""Boxed blocks: key judgments, key figures, callouts, quotations and policy options."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from briefgen import model as m
from briefgen.writers.pdf.context import Context
from briefgen.writers.pdf.styles import table_style

_CONFIDENCE_SHADE = {"high": 0.0, "moderate": 0.35, "low": 0.6}


def _pad(top: float = 6, bottom: float = 6, left: float = 10, right: float = 10) -> list[Any]:
    return [
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ("LEFTPADDING", (0, 0), (-1, -1), left),
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
    ]


def _label(text: str, fill: Color, ctx: Context) -> Table:
    """Return a small coloured label such as 'HIGH CONFIDENCE'."""
    label = Table([[Paragraph(ctx.escape(text.upper()), ctx.styles.label)]], colWidths=[64])
    label.setStyle(table_style(ctx.styles, [("BACKGROUND", (0, 0), (-1, -1), fill),
                               *_pad(2, 3, 3, 3), ("ROUNDEDCORNERS", [2, 2, 2, 2])]))
    return label


def key_judgments(block: m.KeyJudgments, ctx: Context) -> list[Flowable]:
    """Return the key-judgments box: each judgment beside its confidence label."""
    st, pal = ctx.styles, ctx.styles.colors
    rows: list[list[Any]] = [[Paragraph(ctx.escape(block.title), st.box_title), ""]]
    for judgment in block.items:
        shade = _CONFIDENCE_SHADE.get(judgment.confidence.lower(), 0.6)
        fill = pal.tint(pal.heading, shade)
        rows.append([ctx.para(judgment.runs, st.judgment),
                     _label(f"{judgment.confidence} confidence", fill, ctx)])
    table = Table(rows, colWidths=[ctx.width - 86, 86], splitByRow=1, splitInRow=1)
    table.setStyle(table_style(ctx.styles, [
        ("BACKGROUND", (0, 0), (-1, -1), pal.callout_bg),
        ("LINEBEFORE", (0, 0), (0, -1), 3, pal.heading),
        ("SPAN", (0, 0), (1, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *_pad(4, 4, 12, 10),
        ("TOPPADDING", (0, 0), (-1, 0), 10),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ("TOPPADDING", (1, 1), (1, -1), 6),
    ]))
    return [table, Spacer(1, st.body_size * 1.2)]


def _figure_cell(fig: m.KeyFigure, qualifier_line: bool, ctx: Context) -> list[Flowable]:
    st = ctx.styles
    cell: list[Flowable] = []
    if qualifier_line:  # every box in the row gets the line, so the numbers align
        cell.append(Paragraph(ctx.escape(fig.qualifier) or "&nbsp;", st.figure_qualifier))
    cell += [
        Paragraph(ctx.escape(fig.value), st.figure_value),
        Paragraph(ctx.escape(fig.label), st.figure_label),
        ctx.para(fig.source, st.small),
    ]
    return cell


def key_figures(block: m.KeyFigures, ctx: Context) -> list[Flowable]:
    """Return a row (or grid) of key-figure boxes: big number, label and source."""
    st, pal = ctx.styles, ctx.styles.colors
    count = len(block.items)
    per_row = count if count <= 4 else (4 if count % 4 == 0 else 3)
    per_row = max(per_row, 1)
    gap = 8.0
    box = (ctx.width - gap * (per_row - 1)) / per_row
    out: list[Flowable] = []
    for start in range(0, count, per_row):
        chunk = block.items[start : start + per_row]
        qualifier_line = any(fig.qualifier for fig in chunk)
        cells: list[Any] = []
        widths: list[float] = []
        for i, fig in enumerate(chunk):
            if i:
                cells.append("")
                widths.append(gap)
            cells.append(_figure_cell(fig, qualifier_line, ctx))
            widths.append(box)
        table = Table([cells], colWidths=widths, hAlign="LEFT")
        commands: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP"), *_pad(8, 9, 10, 10)]
        for col in range(0, len(cells), 2):
            commands += [("BACKGROUND", (col, 0), (col, 0), pal.callout_bg),
                         ("LINEABOVE", (col, 0), (col, 0), 2.5, pal.accent)]
        table.setStyle(table_style(ctx.styles, commands))
        out += [table, Spacer(1, gap)]
    out.append(Spacer(1, st.body_size * 0.6))
    return out


def callout(block: m.Callout, ctx: Context) -> list[Flowable]:
    """Return a shaded box with a title; one row per paragraph so it can split."""
    st, pal = ctx.styles, ctx.styles.colors
    rows: list[list[Any]] = [[Paragraph(ctx.escape(block.title), st.box_title)]]
    rows += [[ctx.para(runs, st.body)] for runs in block.paragraphs]
    table = Table(rows, colWidths=[ctx.width], splitByRow=1, splitInRow=1)
    table.setStyle(table_style(ctx.styles, [
        ("BACKGROUND", (0, 0), (-1, -1), pal.callout_bg),
        ("LINEABOVE", (0, 0), (-1, 0), 2, pal.heading),
        *_pad(2, 2, 12, 12),
        ("TOPPADDING", (0, 0), (-1, 0), 9),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]))
    return [table, Spacer(1, st.body_size * 1.2)]


def quote(block: m.Quote, ctx: Context, width: float) -> list[Flowable]:
    """Return an indented quotation with an accent rule and its attribution."""
    st, pal = ctx.styles, ctx.styles.colors
    indent = 14.0
    text = m.plain(block.runs)
    body: Flowable = (ctx.para(block.runs, st.quote) if ctx.is_rtl(text)
                      else Paragraph(ctx.markup(block.runs), st.quote))
    cells: list[list[Any]] = [[body], [ctx.para(block.attribution, st.attribution, prefix="— ")]]
    table = Table(cells, colWidths=[width - indent], hAlign="RIGHT")
    table.setStyle(table_style(ctx.styles, [
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, pal.accent),
        *_pad(1, 1, 10, 4),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 3),
    ]))
    return [table, Spacer(1, st.body_size * 0.9)]


def _item(item: m.Runs, many: bool, ctx: Context) -> Flowable:
    st = ctx.styles
    return ctx.para(item, st.cell_bullet, prefix="<bullet>•</bullet>") if many \
        else ctx.para(item, st.cell)


def _option(number: int, option: m.Option, ctx: Context) -> Table:
    st, pal = ctx.styles, ctx.styles.colors
    label_w = 92.0
    name = Paragraph(f"Option {number}: {ctx.escape(option.name)}", st.option_name)
    rows: list[list[Any]] = [[name, ""]]
    if option.summary:
        rows.append([ctx.para(option.summary, st.option_summary), ""])
    colour_of = {"For": pal.series[2] if len(pal.series) > 2 else pal.heading,
                 "Against": pal.accent, "Risks": pal.accent}
    sections = [("Advocates", option.advocates), ("For", option.pros),
                ("Against", option.cons), ("Risks", option.risks)]
    if option.record:
        sections.append(("Track record", (option.record,)))
    commands: list[Any] = [
        ("BACKGROUND", (0, 0), (-1, 0), pal.heading),
        ("SPAN", (0, 0), (1, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *_pad(4, 4, 8, 8),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ("BOX", (0, 0), (-1, -1), 0.6, pal.rule),
    ]
    if option.summary:
        commands += [("SPAN", (0, 1), (1, 1)), ("BACKGROUND", (0, 1), (-1, 1), pal.callout_bg)]
    for title, items in sections:
        if not items:
            continue
        style = st.option_label.clone("bg-option-label-" + title,
                                      textColor=colour_of.get(title, pal.heading))
        first = len(rows)
        for i, item in enumerate(items):  # one row per item, so long lists split cleanly
            rows.append([Paragraph(title, style) if i == 0 else "",
                         _item(item, len(items) > 1, ctx)])
        commands.append(("LINEABOVE", (0, first), (-1, first), 0.4, pal.rule))
        if len(items) > 1:
            commands.append(("TOPPADDING", (0, first + 1), (-1, len(rows) - 1), 0))
    if option.quotes:
        commands.append(("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.4, pal.rule))
        for i, q in enumerate(option.quotes):
            rows.append([Paragraph("Voices", st.option_label) if i == 0 else "",
                         quote(q, ctx, ctx.width - label_w - 16)])
    table = Table(rows, colWidths=[label_w, ctx.width - label_w], repeatRows=1, splitByRow=1,
                  splitInRow=1)
    table.setStyle(table_style(ctx.styles, commands))
    return table


def options(block: m.Options, ctx: Context) -> list[Flowable]:
    """Return one framed table per policy option; tables split by row across pages."""
    out: list[Flowable] = []
    for number, option in enumerate(block.items, start=1):
        out += [_option(number, option, ctx), Spacer(1, ctx.styles.body_size * 1.2)]
    return out
