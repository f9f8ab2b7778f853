"""The PDF writer: Document -> print-ready PDF bytes (ReportLab Platypus).

Layout: a cover whose colour field carries the title and whose lower half carries the
contents list when the brief is long enough to need one, or else the key judgments or the
summary (by style), then the blocks on the style's grid in the reading order all formats
share (writers/order.py), with a running header and a 'Page X of Y' footer. Fonts are
embedded TrueType, charts are vector drawings, Arabic-script text is shaped right to left,
and the output is byte-identical for the same Document (ReportLab invariant mode).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from briefgen import model as m
from briefgen.theme import Theme
from briefgen.writers.order import page_one_blocks
from briefgen.writers.pdf.blocks import story
from briefgen.writers.pdf.context import Context, document_anchors
from briefgen.writers.pdf.fonts import register_fonts
from briefgen.writers.pdf.page import BriefDocTemplate
from briefgen.writers.pdf.styles import Styles, build_styles

CONTENTS_ROOM = 0.3  # the brief goes on under the contents only if this much of a page is left


@dataclass
class Layout:
    """One laid-out PDF: its bytes, its page count and (when asked) what went on each page."""

    pdf: bytes
    pages: int
    trace: list[tuple[int, Flowable]] | None = None


def contents(template: BriefDocTemplate, styles: Styles, title: str) -> list[Flowable]:
    """Return the contents list: a title kept with the first entries, then the entries.

    It opens a page (page 1 under the cover, or page 2), so it splits only when it is
    longer than the room there; a short page 1 leaves the rest of it to the brief.
    """
    entries = template.toc()
    return [KeepTogether([Paragraph(title, styles.toc_title), *entries[:3]]), *entries[3:],
            Spacer(1, styles.body_size * 2), CondPageBreak(template.height * CONTENTS_ROOM)]


def lay_out(doc: m.Document, theme: Theme, with_contents: bool, trace: bool = False) -> Layout:
    """Lay `doc` out once, with or without a contents list."""
    fonts = register_fonts(theme)
    styles = build_styles(theme, fonts)
    first, rest = page_one_blocks(doc, theme.front.first_page)
    # the contents come before all they list: on page 1 under the cover, unless the style
    # keeps page 1 for the cover alone
    contents_first = with_contents and theme.front.first_page != "none"
    buffer = io.BytesIO()
    template = BriefDocTemplate(buffer, doc, theme, styles,
                                cover_content=bool(first) or contents_first)
    if trace:
        template.trace = []
    # the contents and the outline follow the pages, where page 1 may carry a later heading
    template.headings = [b for b in (*first, *rest) if isinstance(b, m.Heading)]
    ctx = Context(styles, template.grid.main_width, template.height, doc.charts,
                  document_anchors(doc), template.grid, doc.labels, doc.meta.language)
    flowables: list[Flowable] = [NextPageTemplate("body")]
    if with_contents:
        if not contents_first:
            flowables.append(PageBreak())
        flowables += contents(template, styles, ctx.escape(doc.labels.contents))
        flowables += story(first, ctx)
    else:
        # page 1 carries the judgments or the summary under the field, the body follows on
        flowables += story(first, ctx) if first else [PageBreak()]
    flowables += story(rest, ctx)
    template.build(flowables)
    template.finish()
    return Layout(buffer.getvalue(), template.page, template.trace)


def render_layout(doc: m.Document, theme: Theme, trace: bool = False) -> Layout:
    """Lay `doc` out; again with a contents list if it runs to the style's threshold."""
    threshold = theme.front.contents_min_pages
    if threshold == 0 or not doc.headings():
        return lay_out(doc, theme, with_contents=bool(doc.headings()), trace=trace)
    layout = lay_out(doc, theme, with_contents=False, trace=trace)
    if layout.pages >= threshold:
        layout = lay_out(doc, theme, with_contents=True, trace=trace)
    return layout


def render_pdf(doc: m.Document, theme: Theme) -> bytes:
    """Render `doc` with `theme` and return the PDF bytes."""
    return render_layout(doc, theme).pdf
