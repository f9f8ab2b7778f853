"""The PDF writer: Document -> print-ready PDF bytes (ReportLab Platypus).

Layout: a cover page, a linked contents page, then the blocks, with a running header and a
'Page X of Y' footer. Fonts are embedded TrueType (see pdf_fonts), charts are vector
drawings (pdf_tables), Arabic-script text is shaped right to left (pdf_rtl), and the output
is byte-identical for the same Document (ReportLab invariant mode).
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from briefgen import model as m
from briefgen.theme import Theme
from briefgen.writers.pdf.blocks import story
from briefgen.writers.pdf.context import Context, document_anchors
from briefgen.writers.pdf.fonts import register_fonts
from briefgen.writers.pdf.page import BriefDocTemplate
from briefgen.writers.pdf.styles import Styles, build_styles


def cover(meta: m.Meta, ctx: Context) -> list[Flowable]:
    """Return the cover flowables: title, subtitle, authors and affiliations, edition."""
    st = ctx.styles
    flowables: list[Flowable] = [
        ctx.text(meta.title, st.title),
    ]
    if meta.subtitle:
        flowables.append(ctx.text(meta.subtitle, st.subtitle))
    flowables.append(HRFlowable(width=40 * mm, thickness=2, color=st.colors.accent,
                                hAlign="LEFT", spaceBefore=0, spaceAfter=8 * mm))
    for author in meta.authors:
        flowables.append(ctx.text(author.name, st.cover_author))
        if author.affiliation:
            flowables.append(ctx.text(author.affiliation, st.cover_meta))
        flowables.append(Spacer(1, 2 * mm))
    flowables.append(Spacer(1, 8 * mm))
    flowables.append(Paragraph(f"<b>Edition:</b> {ctx.escape(meta.date_text)}", st.cover_meta))
    if meta.organisation:
        flowables.append(Paragraph(f"<b>Published by:</b> {ctx.escape(meta.organisation)}",
                                   st.cover_meta))
    return flowables


def contents(template: BriefDocTemplate, styles: Styles) -> list[Flowable]:
    """Return the contents page: a title and the linked table of contents."""
    return [Paragraph("Contents", styles.toc_title), *template.toc()]


def render_pdf(doc: m.Document, theme: Theme) -> bytes:
    """Render `doc` with `theme` and return the PDF bytes."""
    fonts = register_fonts(theme)
    styles = build_styles(theme, fonts)
    buffer = io.BytesIO()
    template = BriefDocTemplate(buffer, doc, theme, styles)
    ctx = Context(styles, template.width, template.height, doc.charts,
                  document_anchors(doc), doc.meta.language)
    flowables: list[Flowable] = [
        *cover(doc.meta, ctx),
        NextPageTemplate("body"),
        PageBreak(),
        *contents(template, styles),
        PageBreak(),
        *story(doc, ctx),
    ]
    template.build(flowables)
    template.finish()
    return buffer.getvalue()
