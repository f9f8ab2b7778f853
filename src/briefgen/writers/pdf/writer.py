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
from briefgen.walk import texts
from briefgen.writers.order import page_one_blocks
from briefgen.writers.pdf.blocks import story
from briefgen.writers.pdf.context import Context, document_anchors
from briefgen.writers.pdf.fonts import register_fonts
from briefgen.writers.pdf.page import BriefDocTemplate, LongEnough
from briefgen.writers.pdf.styles import Styles, build_styles

CONTENTS_ROOM = 0.3  # the brief goes on under the contents only if this much of a page is left


@dataclass
class Layout:
    """One laid-out PDF: its bytes, its page count and (when asked) what went on each page."""

    pdf: bytes
    pages: int
    trace: list[tuple[int, Flowable]] | None = None
    contents_pages: int = 0  # page breaks the contents list adds (0 without one)


class PageMark(Flowable):
    """An invisible flowable that notes the page it lands on."""

    def __init__(self) -> None:
        super().__init__()
        self.page = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Take no room."""
        return 0, 0

    def draw(self) -> None:
        """Note the page."""
        self.page = self.canv.getPageNumber()


CHARS_PER_PAGE = 3200  # of body text on a page, roughly, in every shipped style


def contents(template: BriefDocTemplate, styles: Styles, title: str) -> list[Flowable]:
    """Return the contents list: a title kept with the first entries, then the entries.

    It opens a page (page 1 under the cover, or page 2), so it splits only when it is
    longer than the room there; a short page 1 leaves the rest of it to the brief.
    """
    entries = template.toc()
    return [KeepTogether([Paragraph(title, styles.toc_title), *entries[:3]]), *entries[3:],
            Spacer(1, styles.body_size * 2), CondPageBreak(template.height * CONTENTS_ROOM)]


def lay_out(doc: m.Document, theme: Theme, with_contents: bool, trace: bool = False,
            stop_at: int = 0) -> Layout:
    """Lay `doc` out once, with or without a contents list.

    With `stop_at`, stop as soon as the layout reaches that many pages and return a Layout
    with no bytes: enough to know the brief is long enough for a contents list.
    """
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
    template.stop_at = stop_at
    # the contents and the outline follow the pages, where page 1 may carry a later heading
    template.headings = [b for b in (*first, *rest) if isinstance(b, m.Heading)]
    ctx = Context(styles, template.grid.main_width, template.height, doc.charts,
                  document_anchors(doc), template.grid, doc.labels, doc.meta.language)
    flowables: list[Flowable] = [NextPageTemplate("body")]
    before, after = PageMark(), PageMark()
    if with_contents:
        if not contents_first:
            flowables.append(PageBreak())
        flowables += [before, *contents(template, styles, ctx.escape(doc.labels.contents)),
                      after]
        flowables += story(first, ctx)
    else:
        # page 1 carries the judgments or the summary under the field, the body follows on
        flowables += story(first, ctx) if first else [PageBreak()]
    flowables += story(rest, ctx)
    try:
        template.build(flowables)
    except LongEnough as enough:
        return Layout(b"", enough.args[0], template.trace)
    template.finish()
    return Layout(buffer.getvalue(), template.page, template.trace, after.page - before.page)


def rough_pages(doc: m.Document) -> float:
    """Guess the page count from the amount of text and figures (to pick the first pass)."""
    chars = sum(len(found.text) for found in texts(doc))
    figures = sum(isinstance(block, m.Figure) for block in doc.blocks)
    return 1 + chars / CHARS_PER_PAGE + figures * 0.45


def render_layout(doc: m.Document, theme: Theme, trace: bool = False) -> Layout:
    """Lay `doc` out; again with a contents list if it runs to the style's threshold."""
    threshold = theme.front.contents_min_pages
    if threshold == 0 or not doc.headings():
        return lay_out(doc, theme, with_contents=bool(doc.headings()), trace=trace)
    with_contents = None
    if rough_pages(doc) >= threshold * 0.7:  # likely long: lay out with the contents first
        with_contents = lay_out(doc, theme, with_contents=True, trace=trace)
        # without the list the brief loses the list's pages and at most one more
        if with_contents.pages - with_contents.contents_pages - 1 >= threshold:
            return with_contents
    # the exact test: does the brief without a contents list reach the threshold?
    layout = lay_out(doc, theme, with_contents=False, trace=trace, stop_at=threshold)
    if layout.pages >= threshold:
        layout = with_contents or lay_out(doc, theme, with_contents=True, trace=trace)
    return layout


def render_pdf(doc: m.Document, theme: Theme) -> bytes:
    """Render `doc` with `theme` and return the PDF bytes."""
    return render_layout(doc, theme).pdf
