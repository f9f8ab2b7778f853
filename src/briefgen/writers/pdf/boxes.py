"""Boxed blocks: key judgments, key figures, callouts, quotations and policy options."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from briefgen import model as m
from briefgen.writers.pdf.context import Context
from briefgen.writers.pdf.styles import table_style
from briefgen.writers.text import unbreakable


def _pad(top: float = 6, bottom: float = 6, left: float = 10, right: float = 10) -> list[Any]:
    return [
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ("LEFTPADDING", (0, 0), (-1, -1), left),
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
    ]


def judgment_rows(block: m.KeyJudgments, ctx: Context) -> list[list[Any]]:
    """Return one row per judgment: its number, then its text over its confidence label."""
    st, pal = ctx.styles, ctx.styles.colors
    number = st.judgment.clone("bg-judgment-number", fontName=st.fonts.heading.bold,
                               fontSize=st.body_size * 1.25, leading=st.body_size * 1.5,
                               textColor=pal.accent)
    label = st.judgment.clone("bg-confidence", fontName=st.fonts.body.bold,
                              fontSize=st.small.fontSize, leading=st.small.fontSize * 1.4,
                              textColor=pal.heading, spaceBefore=2)
    return [[Paragraph(ctx.escape(ctx.labels.number(n)), number),
             [ctx.para(j.runs, st.judgment),
              Paragraph(ctx.escape(ctx.labels.confidence(j.confidence.lower()).upper()), label)]]
            for n, j in enumerate(block.items, start=1)]


def key_judgments(block: m.KeyJudgments, ctx: Context) -> list[Flowable]:
    """Return the key-judgments box: numbered judgments, each over its confidence label.

    Each judgment is its own slice of the box, so the box breaks between judgments and a
    heading before it needs only the first judgment beside it on the page.
    """
    st, pal = ctx.styles, ctx.styles.colors
    number_w = st.body_size * 3.2
    rows: list[list[Any]] = []
    if block.title:
        rows.append([Paragraph(ctx.escape(block.title), st.box_title), ""])
    rows += judgment_rows(block, ctx)
    slices: list[Flowable] = []
    for i, row in enumerate(rows):
        is_title = bool(block.title) and i == 0
        # "*": the box takes the width of whatever frame it lands in (cover or body)
        table = Table([row], colWidths=[number_w, "*"])
        commands: list[Any] = [
            ("BACKGROUND", (0, 0), (-1, -1), pal.callout_bg),
            ("LINEBEFORE", (0, 0), (0, -1), 3, pal.heading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *_pad(7, 7, 14, 14),
            ("RIGHTPADDING", (0, 0), (0, -1), 0),
            ("LEFTPADDING", (1, 0), (1, -1), 0),
        ]
        if is_title:
            commands += [("SPAN", (0, 0), (1, 0)), ("LEFTPADDING", (0, 0), (-1, -1), 14)]
        if i == 0:
            commands.append(("TOPPADDING", (0, 0), (-1, -1), 11))
        if i == len(rows) - 1:
            commands.append(("BOTTOMPADDING", (0, 0), (-1, -1), 11))
        elif not is_title:
            commands.append(("LINEBELOW", (1, 0), (-1, 0), 0.4, pal.tint(pal.heading, 0.7)))
        table.setStyle(table_style(ctx.styles, commands))
        slices.append(table)
    if block.title and len(slices) > 1:
        slices[0].keepWithNext = 1
    return [*ctx.wide(slices), Spacer(1, st.body_size * 1.2)]


def _figure_cell(fig: m.KeyFigure, qualifier_line: bool, ctx: Context,
                 value_style: ParagraphStyle) -> list[Flowable]:
    st = ctx.styles
    cell: list[Flowable] = []
    if qualifier_line:  # every box in the row gets the line, so the numbers align
        cell.append(Paragraph(ctx.escape(fig.qualifier) or "&nbsp;", st.figure_qualifier))
    cell += [
        Paragraph(ctx.escape(fig.value), value_style),
        Paragraph(ctx.escape(fig.label), st.figure_label),
        ctx.para(fig.source, st.small),
    ]
    return cell


_FIGURE_SIDE = 10.0  # a key-figure box's left and right padding
_SMALLEST_ON_ONE_LINE = 0.7  # below this a value wraps at its spaces instead of shrinking


def _value_style(block: m.KeyFigures, style: ParagraphStyle, room: float) -> ParagraphStyle:
    """The values' style, its size brought down until every value fits its box.

    One size for the whole block, so the figures read as a set: each value on one line if
    that needs no less than 70% of the style's size, else each word of it unbroken
    ("1.7 million" never prints as "1.7 milli / on"; a no-break space ties its words).
    """
    values = [fig.value for fig in block.items if fig.value.strip()]
    if not values or room <= 0:
        return style

    def width(text: str) -> float:
        return float(stringWidth(text, style.fontName, style.fontSize)) or 1.0

    whole = min(room / width(value) for value in values)
    words = min(room / width(word) for value in values for word in unbreakable(value))
    scale = min(1.0, whole if whole >= _SMALLEST_ON_ONE_LINE else words)
    if scale >= 1.0:
        return style
    size = style.fontSize * scale
    return ParagraphStyle(f"{style.name}-fitted", parent=style, fontSize=size,
                          leading=style.leading * scale)


def key_figures(block: m.KeyFigures, ctx: Context) -> list[Flowable]:
    """Return a row (or grid) of key-figure boxes, kept together on one page."""
    st, pal = ctx.styles, ctx.styles.colors
    width = ctx.block_width
    count = len(block.items)
    per_row = count if count <= 4 else (4 if count % 4 == 0 else 3)
    per_row = max(per_row, 1)
    gap = 8.0
    box = (width - gap * (per_row - 1)) / per_row
    value_style = _value_style(block, st.figure_value, box - 2 * _FIGURE_SIDE - 2)  # 2 pt spare
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
            cells.append(_figure_cell(fig, qualifier_line, ctx, value_style))
            widths.append(box)
        table = Table([cells], colWidths=widths, hAlign="LEFT")
        commands: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *_pad(8, 9, _FIGURE_SIDE, _FIGURE_SIDE)]
        for col in range(0, len(cells), 2):
            commands += [("BACKGROUND", (col, 0), (col, 0), pal.callout_bg),
                         ("LINEABOVE", (col, 0), (col, 0), 2.5, pal.accent)]
        table.setStyle(table_style(ctx.styles, commands))
        out += [table, Spacer(1, gap)]
    return [KeepTogether(ctx.wide(out[:-1])), Spacer(1, st.body_size * 1.2)]


def callout(block: m.Callout, ctx: Context) -> list[Flowable]:
    """Return a shaded box with a title; a long one splits between its paragraphs."""
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
    if table.wrap(ctx.width, ctx.height)[1] <= ctx.height * 0.5:
        return [KeepTogether([table]), Spacer(1, st.body_size * 1.2)]  # no title alone
    return [table, Spacer(1, st.body_size * 1.2)]


def quote(block: m.Quote, ctx: Context, width: float, keep: bool = True) -> list[Flowable]:
    """Return an indented quotation with an accent rule and its attribution.

    `keep`: hold the quotation and its attribution on one page (not inside a table cell).
    """
    st, pal = ctx.styles, ctx.styles.colors
    indent = 14.0
    body = ctx.speaking(block.lang).para(block.runs, st.quote)  # in its own language
    cells: list[list[Any]] = [[body], [ctx.para(block.attribution, st.attribution, prefix="— ")]]
    table = Table(cells, colWidths=[width - indent], hAlign="RIGHT")
    table.setStyle(table_style(ctx.styles, [
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, pal.accent),
        *_pad(1, 1, 10, 4),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 3),
    ]))
    # a quotation stays with its attribution (KeepTogether still splits one too tall)
    return [KeepTogether([table]) if keep else table, Spacer(1, st.body_size * 0.9)]


def _item(item: m.Runs, many: bool, ctx: Context) -> Flowable:
    st = ctx.styles
    return ctx.para(item, st.cell_bullet, prefix="<bullet>•</bullet>") if many \
        else ctx.para(item, st.cell)


def _option(number: int, option: m.Option, ctx: Context) -> tuple[Table, float]:
    st, pal = ctx.styles, ctx.styles.colors
    labels, width = ctx.labels, ctx.block_width
    label_w = 92.0
    name = Paragraph(f"{ctx.escape(labels.option)} {number}: {ctx.escape(option.name)}",
                     st.option_name)
    rows: list[list[Any]] = [[name, ""]]
    if option.summary:
        rows.append([ctx.para(option.summary, st.option_summary), ""])
    colour_of = {labels.pros: pal.series[2] if len(pal.series) > 2 else pal.heading,
                 labels.cons: pal.accent, labels.risks: pal.accent}
    sections = [(labels.advocates, option.advocates), (labels.pros, option.pros),
                (labels.cons, option.cons), (labels.risks, option.risks)]
    if option.record:
        sections.append((labels.record, (option.record,)))
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
        style = st.option_label.clone(f"bg-option-label-{len(rows)}",
                                      textColor=colour_of.get(title, pal.heading))
        first = len(rows)
        for i, item in enumerate(items):  # one row per item, so long lists split cleanly
            rows.append([Paragraph(ctx.escape(title), style) if i == 0 else "",
                         _item(item, len(items) > 1, ctx)])
        commands.append(("LINEABOVE", (0, first), (-1, first), 0.4, pal.rule))
        if len(items) > 1:
            commands.append(("TOPPADDING", (0, first + 1), (-1, len(rows) - 1), 0))
    if option.quotes:
        commands.append(("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.4, pal.rule))
        for i, q in enumerate(option.quotes):
            rows.append([Paragraph(ctx.escape(labels.voices), st.option_label) if i == 0
                         else "", quote(q, ctx, width - label_w - 16, keep=False)])
    table = Table(rows, colWidths=[label_w, width - label_w], repeatRows=1, splitByRow=1,
                  splitInRow=1)
    table.setStyle(table_style(ctx.styles, commands))
    head = 1 + bool(option.summary) + 1  # the name, the summary, the first section's line
    return table, _height(rows[:head], [label_w, width - label_w])


def _height(rows: list[list[Any]], widths: list[float]) -> float:
    """Return the height `rows` take as a table (padding as in an option card)."""
    probe = Table(rows, colWidths=widths)
    probe.setStyle(TableStyle([*_pad(6, 6, 8, 8)]))
    return float(probe.wrap(sum(widths), 10_000)[1])


def options(block: m.Options, ctx: Context) -> list[Flowable]:
    """Return one framed card per option; a card starts on a new page unless its head fits."""
    out: list[Flowable] = []
    for number, option in enumerate(block.items, start=1):
        card, head = _option(number, option, ctx)
        out += [CondPageBreak(head + ctx.styles.body_size * 3), *ctx.wide([card]),
                Spacer(1, ctx.styles.body_size * 1.2)]
    return out
