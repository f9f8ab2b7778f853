"""Paragraph styles and colours for the PDF writer, derived from one Theme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from briefgen.theme import Theme
from briefgen.writers.pdf.fonts import FontSet


@dataclass(frozen=True)
class Palette:
    """Theme colours as ReportLab colours."""

    text: Color
    heading: Color
    accent: Color
    muted: Color
    rule: Color
    callout_bg: Color
    header_bg: Color
    header_text: Color
    link: Color
    series: tuple[Color, ...]

    def tint(self, color: Color, amount: float) -> Color:
        """Return `color` mixed with white (amount 0 = colour, 1 = white)."""
        return Color(*(c + (1 - c) * amount for c in (color.red, color.green, color.blue)))


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the PDF writer uses."""

    fonts: FontSet
    colors: Palette
    body_size: float
    body: ParagraphStyle
    lead: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    source: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover_org: ParagraphStyle
    cover_meta: ParagraphStyle
    cover_author: ParagraphStyle
    box_title: ParagraphStyle
    label: ParagraphStyle
    figure_value: ParagraphStyle
    figure_label: ParagraphStyle
    table_head: ParagraphStyle
    table_head_right: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    option_name: ParagraphStyle
    toc_title: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]
    note: ParagraphStyle
    source_entry: ParagraphStyle
    cell_bullet: ParagraphStyle
    option_summary: ParagraphStyle
    option_label: ParagraphStyle
    judgment: ParagraphStyle
    figure_qualifier: ParagraphStyle

    @property
    def leading_ratio(self) -> float:
        """Return the body line height as a multiple of the body size."""
        ratio: float = self.body.leading / self.body.fontSize
        return ratio


def build_palette(theme: Theme) -> Palette:
    """Convert the theme's hex colours to ReportLab colours."""
    c = theme.colors
    return Palette(
        text=HexColor(c.text),
        heading=HexColor(c.heading),
        accent=HexColor(c.accent),
        muted=HexColor(c.muted),
        rule=HexColor(c.rule),
        callout_bg=HexColor(c.callout_bg),
        header_bg=HexColor(c.table_header_bg),
        header_text=HexColor(c.table_header_text),
        link=HexColor(c.link),
        series=tuple(HexColor(h) for h in theme.palette),
    )


def build_styles(theme: Theme, fonts: FontSet) -> Styles:
    """Build the paragraph styles of `theme` using the registered `fonts`."""
    s = theme.sizes
    pal = build_palette(theme)
    body_font, head_font = fonts.body, fonts.heading
    base = ParagraphStyle(
        "bg-body",
        fontName=body_font.regular,
        fontSize=s.body,
        leading=s.body * 1.5,
        textColor=pal.text,
        spaceAfter=s.body * 0.75,
        alignment=TA_LEFT,
        bulletFontName=body_font.regular,
        bulletFontSize=s.body,
        allowOrphans=0,
        allowWidows=0,
    )

    def derive(name: str, parent: ParagraphStyle = base, **kw: object) -> ParagraphStyle:
        if "fontSize" in kw and "bulletFontSize" not in kw:
            kw["bulletFontSize"] = kw["fontSize"]
        return ParagraphStyle(f"bg-{name}", parent=parent, **kw)

    def heading(name: str, size: float, before: float, after: float) -> ParagraphStyle:
        return derive(name, fontName=head_font.bold, fontSize=size, leading=size * 1.25,
                      textColor=pal.heading, spaceBefore=before, spaceAfter=after,
                      keepWithNext=1)

    small = derive("small", fontSize=s.small, leading=s.small * 1.4, textColor=pal.muted,
                   spaceAfter=0)
    cell = derive("cell", fontSize=s.body * 0.9, leading=s.body * 0.9 * 1.35, spaceAfter=0)
    table_head = derive("table-head", parent=cell, fontName=body_font.bold,
                        textColor=pal.header_text)
    toc_base = derive("toc", fontSize=s.body, leading=s.body * 1.6, spaceAfter=0)
    return Styles(
        fonts=fonts,
        colors=pal,
        body_size=s.body,
        body=base,
        lead=derive("lead", fontSize=s.body * 1.18, leading=s.body * 1.18 * 1.5,
                    textColor=pal.heading, spaceAfter=s.body),
        bullet=derive("bullet", leftIndent=s.body * 1.4, bulletIndent=s.body * 0.3,
                      spaceAfter=s.body * 0.3),
        small=small,
        caption=derive("caption", fontName=body_font.bold, fontSize=s.body * 0.95,
                       leading=s.body * 1.3, textColor=pal.heading, spaceAfter=4, spaceBefore=2,
                       keepWithNext=1),
        source=derive("source", parent=small, spaceBefore=3, spaceAfter=s.body),
        h1=heading("h1", s.h1, s.h1 * 1.1, s.h1 * 0.45),
        h2=heading("h2", s.h2, s.h2 * 1.0, s.h2 * 0.4),
        h3=derive("h3", fontName=head_font.bold_italic, fontSize=s.h3, leading=s.h3 * 1.3,
                  textColor=pal.heading, spaceBefore=s.h3 * 0.8, spaceAfter=s.h3 * 0.3,
                  keepWithNext=1),
        title=derive("title", fontName=head_font.bold, fontSize=s.title, leading=s.title * 1.15,
                     textColor=pal.heading, spaceAfter=s.title * 0.4),
        subtitle=derive("subtitle", fontName=head_font.regular, fontSize=s.subtitle,
                        leading=s.subtitle * 1.35, textColor=pal.muted,
                        spaceAfter=s.subtitle * 1.6),
        cover_org=derive("cover-org", fontName=head_font.bold, fontSize=s.body * 1.1,
                         leading=s.body * 1.5, textColor=pal.header_text),
        cover_meta=derive("cover-meta", fontSize=s.body, leading=s.body * 1.5,
                          textColor=pal.muted, spaceAfter=2),
        cover_author=derive("cover-author", fontName=body_font.bold, fontSize=s.body * 1.1,
                            leading=s.body * 1.5, spaceAfter=0),
        box_title=derive("box-title", fontName=head_font.bold, fontSize=s.h3,
                         leading=s.h3 * 1.3, textColor=pal.heading, spaceAfter=s.body * 0.5),
        label=derive("label", fontName=body_font.bold, fontSize=s.small * 0.9,
                     leading=s.small * 1.2, textColor=pal.header_text, alignment=TA_CENTER,
                     spaceAfter=0),
        figure_value=derive("figure-value", fontName=head_font.bold, fontSize=s.key_figure,
                            leading=s.key_figure * 1.1, textColor=pal.accent, spaceAfter=2),
        figure_label=derive("figure-label", fontSize=s.body * 0.95, leading=s.body * 1.3,
                            spaceAfter=4),
        table_head=table_head,
        table_head_right=derive("table-head-right", parent=table_head, alignment=TA_RIGHT),
        cell=cell,
        cell_right=derive("cell-right", parent=cell, alignment=TA_RIGHT),
        quote=derive("quote", fontName=body_font.italic, fontSize=s.body * 1.08,
                     leading=s.body * 1.08 * 1.5, textColor=pal.heading, spaceAfter=2),
        attribution=derive("attribution", parent=small, fontSize=s.small * 1.05,
                           leading=s.small * 1.5, spaceAfter=0),
        option_name=derive("option-name", fontName=head_font.bold, fontSize=s.h3,
                           leading=s.h3 * 1.3, textColor=pal.header_text, spaceAfter=0),
        toc_title=heading("toc-title", s.h1, 0, s.h1),
        toc=(
            derive("toc-1", parent=toc_base, fontName=body_font.bold, spaceBefore=4),
            derive("toc-2", parent=toc_base, leftIndent=s.body * 1.5),
            derive("toc-3", parent=toc_base, leftIndent=s.body * 3, fontSize=s.body * 0.92,
                   textColor=pal.muted),
        ),
        note=derive("note", fontSize=s.small * 1.05, leading=s.small * 1.05 * 1.45,
                    leftIndent=s.body * 1.8, bulletIndent=0, spaceAfter=2),
        source_entry=derive("source-entry", fontSize=s.small * 1.05,
                            leading=s.small * 1.05 * 1.45, leftIndent=s.body * 1.8,
                            firstLineIndent=-s.body * 1.8, spaceAfter=3),
        cell_bullet=derive("cell-bullet", parent=cell, leftIndent=s.body * 1.1, bulletIndent=0,
                           spaceAfter=2),
        option_summary=derive("option-summary", parent=cell, fontName=body_font.italic),
        option_label=derive("option-label", parent=cell, fontName=body_font.bold,
                            textColor=pal.heading),
        judgment=derive("judgment", spaceAfter=0),
        figure_qualifier=derive("figure-qualifier", parent=small, fontSize=s.body * 0.9,
                                leading=s.body * 1.1, spaceAfter=0),
    )


def table_style(st: Styles, commands: list[Any]) -> TableStyle:
    """Return a TableStyle whose cell font is the embedded body font (never Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), st.fonts.body.regular, st.body_size),
                       *commands])
