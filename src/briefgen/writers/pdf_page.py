"""Page furniture: the doc template, cover and running header/footer, outline and TOC hooks."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from briefgen import model as m
from briefgen.theme import Theme
from briefgen.writers.pdf_blocks import HeadingParagraph
from briefgen.writers.pdf_context import esc
from briefgen.writers.pdf_styles import Styles, table_style

COVER_BAND = 64 * mm


class PageCount(IndexingFlowable):
    """An invisible flowable that keeps multiBuild going until the page total is stable."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self._last = -1
        self.doc: BaseDocTemplate | None = None

    def beforeBuild(self) -> None:  # noqa: N802 - ReportLab hook name
        """Remember the total of the previous pass."""
        self._last = self.total

    def afterBuild(self) -> None:  # noqa: N802 - ReportLab hook name
        """Record the number of pages this pass produced."""
        if self.doc is not None:
            self.total = self.doc.page

    def isSatisfied(self) -> bool:  # noqa: N802 - ReportLab hook name
        """Return True once two passes agree on the page count."""
        return self.total == self._last

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Take no space."""
        return 0, 0

    def draw(self) -> None:
        """Draw nothing."""


def page_size(theme: Theme) -> tuple[float, float]:
    """Return the theme's page size in points."""
    return LETTER if theme.page.size == "Letter" else A4


class BriefDocTemplate(BaseDocTemplate):
    """A two-template document (cover, body) that records headings in the TOC and outline."""

    def __init__(self, buffer: Any, doc: m.Document, theme: Theme, styles: Styles) -> None:
        margins = theme.page.margins_mm
        meta = doc.meta
        super().__init__(
            buffer,
            pagesize=page_size(theme),
            leftMargin=margins.left * mm,
            rightMargin=margins.right * mm,
            topMargin=margins.top * mm,
            bottomMargin=margins.bottom * mm,
            title=meta.title,
            author=", ".join(a.name for a in meta.authors),
            subject=meta.subject,
            keywords=list(meta.keywords),
            creator="briefgen",
            producer="briefgen (ReportLab)",
            invariant=1,
            lang=meta.language,
            initialFontName=styles.fonts.body.regular,
            initialFontSize=styles.body_size,
            displayDocTitle=1,
        )
        self.meta = meta
        self.st = styles
        self.page_count = PageCount()
        self.page_count.doc = self
        self._outline_level = -1
        body = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover_height = self.pagesize[1] - COVER_BAND - 16 * mm - self.bottomMargin
        cover = Frame(self.leftMargin, self.bottomMargin, self.width, cover_height, id="cover",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [cover], onPage=self._draw_cover),
            PageTemplate("body", [body], onPage=self._draw_page),
        ])

    def toc(self) -> TableOfContents:
        """Return the table of contents flowable (levels 1-3, linked, with page numbers)."""
        style = table_style(self.st, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        return TableOfContents(levelStyles=list(self.st.toc), dotsMinLevel=0,
                               rightColumnWidth=36, tableStyle=style)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab hook name
        """Add each heading to the contents and to the PDF outline."""
        heading = flowable.heading if isinstance(flowable, HeadingParagraph) else None
        if heading is None:
            return
        text = esc(heading.text, self.st.fonts.arabic)
        self.notify("TOCEntry", (heading.level - 1, text, self.page, heading.anchor))
        level = min(heading.level - 1, self._outline_level + 1)
        self._outline_level = level
        self.canv.addOutlineEntry(heading.text, heading.anchor, level=level, closed=False)

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab hook name
        """Reset per-pass state and open the outline pane in viewers."""
        self._outline_level = -1
        self.canv.showOutline()

    # ------------------------------------------------------------ page furniture

    def _marking(self, canvas: Canvas, y: float) -> None:
        """Draw the classification marking centred at height `y` (if there is one)."""
        text = self.meta.classification.strip()
        if not text:
            return
        pal = self.st.colors
        font, size = self.st.fonts.body.bold, 8.5
        width = canvas.stringWidth(text.upper(), font, size) + 14
        x = (self.pagesize[0] - width) / 2
        canvas.setFillColor(pal.accent)
        canvas.roundRect(x, y - 2.6 * mm, width, 5.2 * mm, 1.2 * mm, stroke=0, fill=1)
        canvas.setFillColor(pal.header_text)
        canvas.setFont(font, size)
        canvas.drawCentredString(self.pagesize[0] / 2, y - size * 0.35, text.upper())

    def _draw_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Paint the cover: colour band with the organisation, marking top and bottom."""
        pal, fonts = self.st.colors, self.st.fonts
        page_w, page_h = self.pagesize
        canvas.saveState()
        canvas.setFillColor(pal.heading)
        canvas.rect(0, page_h - COVER_BAND, page_w, COVER_BAND, stroke=0, fill=1)
        canvas.setFillColor(pal.accent)
        canvas.rect(0, page_h - COVER_BAND - 1.5 * mm, page_w, 1.5 * mm, stroke=0, fill=1)
        canvas.setFillColor(pal.header_text)
        canvas.setFont(fonts.heading.bold, 13)
        canvas.drawString(self.leftMargin, page_h - COVER_BAND + 14 * mm, self.meta.organisation)
        canvas.setFont(fonts.body.regular, 9.5)
        canvas.drawString(self.leftMargin, page_h - COVER_BAND + 8 * mm, "Policy brief")
        canvas.setFont(fonts.body.regular, 9.5)
        canvas.drawRightString(page_w - self.rightMargin, page_h - COVER_BAND + 8 * mm,
                               self.meta.date_text)
        self._marking(canvas, page_h - 9 * mm)
        self._marking(canvas, 9 * mm)
        canvas.restoreState()

    def _draw_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Draw the running header (short title, marking) and footer ('Page X of Y')."""
        pal, fonts = self.st.colors, self.st.fonts
        page_w, page_h = self.pagesize
        left, right = self.leftMargin, page_w - self.rightMargin
        size = self.st.small.fontSize
        canvas.saveState()
        top = page_h - self.topMargin
        canvas.setStrokeColor(pal.rule)
        canvas.setLineWidth(0.5)
        canvas.line(left, top + 4.5 * mm, right, top + 4.5 * mm)
        canvas.setFillColor(pal.muted)
        canvas.setFont(fonts.body.regular, size)
        canvas.drawString(left, top + 6.5 * mm, self.meta.short_title or self.meta.title)
        canvas.drawRightString(right, top + 6.5 * mm, self.meta.date_text)
        bottom = self.bottomMargin
        canvas.line(left, bottom - 6 * mm, right, bottom - 6 * mm)
        canvas.drawString(left, bottom - 10 * mm, self.meta.organisation)
        total = self.page_count.total or doc.page
        canvas.setFillColor(pal.text)
        canvas.drawRightString(right, bottom - 10 * mm, f"Page {doc.page} of {total}")
        self._marking(canvas, page_h - 9 * mm)
        self._marking(canvas, 9 * mm)
        canvas.restoreState()
