"""Page furniture: the doc template, cover and running header/footer, outline and TOC hooks."""

from __future__ import annotations

import time
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from briefgen import model as m
from briefgen.theme import Theme
from briefgen.timestamps import stamp_datetime
from briefgen.writers.pdf.blocks import HeadingParagraph
from briefgen.writers.pdf.context import esc
from briefgen.writers.pdf.styles import Styles

TOC_LEVELS = 3  # the contents lists headings of levels 1-3, as the DOCX TOC field does
TOTAL_FORM = "briefgenPageTotal"

COVER_BAND = 64 * mm


class ContentsEntry(Flowable):
    """One linked line of the contents: the heading's title and its page number.

    The page number is a PDF form drawn here but defined after the last page, so the whole
    document is laid out in a single pass instead of ReportLab's usual two.
    """

    NUMBER_WIDTH = 36

    def __init__(self, text: str, anchor: str, form: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.anchor, self.form, self.style = anchor, form, style
        self.para = Paragraph(text, style)
        self.spaceBefore = style.spaceBefore

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Lay the title out beside a fixed column for the page number."""
        self.width = availWidth
        _w, self.height = self.para.wrap(availWidth - self.NUMBER_WIDTH, availHeight)
        return availWidth, self.height

    def draw(self) -> None:
        """Draw the title, the (forward-referenced) page number, and a link to the heading."""
        canv = self.canv
        self.para.drawOn(canv, 0, 0)
        canv.saveState()
        # ReportLab puts a paragraph's first baseline fontSize below its top
        # (rl_config.paraFontSizeHeightOffset); the number sits on the same baseline.
        canv.translate(self.width, self.height - self.style.fontSize)
        canv.doForm(self.form)
        canv.restoreState()
        canv.linkRect("", self.anchor, (0, 0, self.width, self.height), relative=1,
                      thickness=0)


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
        self.headings = doc.headings()
        self.heading_pages: dict[str, int] = {}
        self._outline_level = -1
        self._doSave = 0  # save() comes after the forward-referenced forms are defined
        body = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover_height = self.pagesize[1] - COVER_BAND - 16 * mm - self.bottomMargin
        cover = Frame(self.leftMargin, self.bottomMargin, self.width, cover_height, id="cover",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [cover], onPage=self._draw_cover),
            PageTemplate("body", [body], onPage=self._draw_page),
        ])

    def toc(self) -> list[Flowable]:
        """Return the contents entries (levels 1-3, linked, page numbers filled in at the end)."""
        return [
            ContentsEntry(esc(h.text, self.st.fonts.arabic), h.anchor, f"briefgenToc{i}",
                          self.st.toc[h.level - 1])
            for i, h in enumerate(self.headings) if h.level <= TOC_LEVELS
        ]

    def finish(self) -> None:
        """Define the page-number forms (now that every page is known) and save the PDF."""
        canv = self.canv
        for i, h in enumerate(self.headings):
            if h.level > TOC_LEVELS:
                continue
            style = self.st.toc[h.level - 1]
            canv.beginForm(f"briefgenToc{i}", lowerx=-60, lowery=-6, upperx=4, uppery=24)
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(style.textColor)
            canv.drawRightString(0, 0, str(self.heading_pages.get(h.anchor, "")))
            canv.endForm()
        canv.beginForm(TOTAL_FORM, lowerx=-4, lowery=-6, upperx=60, uppery=24)
        canv.setFont(self.st.fonts.body.regular, self.st.small.fontSize)
        canv.setFillColor(self.st.colors.text)
        canv.drawString(0, 0, str(self.page))
        canv.endForm()
        canv.save()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab hook name
        """Add each heading to the contents and to the PDF outline."""
        heading = flowable.heading if isinstance(flowable, HeadingParagraph) else None
        if heading is None:
            return
        self.heading_pages.setdefault(heading.anchor, self.page)
        level = min(heading.level - 1, self._outline_level + 1)
        self._outline_level = level
        self.canv.addOutlineEntry(heading.text, heading.anchor, level=level, closed=False)

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab hook name
        """Reset per-pass state and open the outline pane in viewers."""
        self._outline_level = -1
        self.canv.showOutline()
        self._stamp_date()

    def _stamp_date(self) -> None:
        """Date the file with the edition (or SOURCE_DATE_EPOCH), not ReportLab's 2000-01-01."""
        import calendar
        import datetime as dt

        from reportlab.lib.utils import TimeStamp

        when = stamp_datetime(dt.date.fromisoformat(self.meta.date))
        stamp = TimeStamp(1)
        stamp.t = calendar.timegm(when.timetuple())
        stamp.lt = time.gmtime(stamp.t)
        stamp.YMDhms = tuple(stamp.lt)[:6]
        self.canv._doc._timeStamp = stamp

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
        # "Page X of Y": Y is a form defined after the last page (see finish()).
        canvas.setFillColor(pal.text)
        label = f"Page {doc.page} of "
        x = right - canvas.stringWidth(f"{label}00", fonts.body.regular, size)
        canvas.drawString(x, bottom - 10 * mm, label)
        canvas.saveState()
        canvas.translate(x + canvas.stringWidth(label, fonts.body.regular, size), bottom - 10 * mm)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()
        self._marking(canvas, page_h - 9 * mm)
        self._marking(canvas, 9 * mm)
        canvas.restoreState()
