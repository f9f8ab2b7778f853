"""Page furniture: the doc template, its frames on the grid, running header and footer, outline."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from briefgen import model as m
from briefgen.compat.reportlab import defer_save, stamp_document
from briefgen.theme import Theme
from briefgen.timestamps import stamp_datetime
from briefgen.writers.pdf.blocks import HeadingParagraph, ShapedHeading
from briefgen.writers.pdf.context import is_rtl_language, plain_flowable
from briefgen.writers.pdf.front import CoverPainter
from briefgen.writers.pdf.grid import Grid, build_grid
from briefgen.writers.pdf.lines import Line
from briefgen.writers.pdf.styles import Styles

TOC_LEVELS = 3  # the contents lists headings of levels 1-3, as the DOCX TOC field does
TOTAL_FORM = "briefgenPageTotal"
TOTAL_FORM_RTL = "briefgenPageTotalRtl"  # drawn to the left of its origin


class ContentsEntry(Flowable):
    """One linked line of the contents: the heading's title and its page number.

    The page number is a PDF form drawn here but defined after the last page, so the whole
    document is laid out in a single pass instead of ReportLab's usual two.
    """

    NUMBER_WIDTH = 36

    def __init__(self, title: Flowable, anchor: str, form: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.anchor, self.form, self.style = anchor, form, style
        self.para = title
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


class LongEnough(Exception):  # noqa: N818 - a signal, not an error
    """Raised to end a layout early once it is known to reach a page count."""


def page_size(theme: Theme) -> tuple[float, float]:
    """Return the theme's page size in points."""
    size: tuple[float, float] = LETTER if theme.page.size == "Letter" else A4
    return size


class BriefDocTemplate(BaseDocTemplate):
    """A cover and body template on the style's grid; headings go to the contents and outline."""

    def __init__(self, buffer: Any, doc: m.Document, theme: Theme, styles: Styles,
                 cover_content: bool = True) -> None:
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
        self.meta, self.labels, self.theme = meta, doc.labels, theme
        self.st = styles
        self.grid: Grid = build_grid(theme, self.pagesize[0], styles.fonts.body.regular)
        self.headings = doc.headings()
        self.heading_pages: dict[str, int] = {}
        self.trace: list[tuple[int, Flowable]] | None = None  # (page, flowable), for tests
        self.stop_at = 0  # when set, stop laying out once the document reaches this page
        self._outline_level = -1
        defer_save(self)  # save() comes after the forward-referenced forms are defined
        grid = self.grid
        body = Frame(grid.main_x, self.bottomMargin, grid.main_width, self.height, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.cover = CoverPainter(self, theme, cover_content)
        self._header: Line | None = None  # the running title, fitted once
        self._series: dict[float, Line] = {}  # the series, fitted beside each folio width
        self._total_rtl = False  # a folio read right to left used TOTAL_FORM_RTL
        cover_top = self.cover.frame_top()
        cover = Frame(grid.main_x, self.bottomMargin, grid.main_width,
                      max(cover_top - self.bottomMargin, 1.0), id="cover",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [cover], onPage=self.cover.paint),
            PageTemplate("body", [body], onPage=self._draw_page),
        ])

    def toc(self) -> list[Flowable]:
        """Return the contents entries (levels 1-3, linked, page numbers filled in at the end)."""
        return [
            ContentsEntry(plain_flowable(h.text, self.st.toc[h.level - 1], self.st,
                                         is_rtl_language(h.lang or self.meta.language)),
                          h.anchor, f"briefgenToc{i}", self.st.toc[h.level - 1])
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
        canv.setFillColor(self.st.colors.muted)
        canv.drawString(0, 0, str(self.page))
        canv.endForm()
        if self._total_rtl:
            canv.beginForm(TOTAL_FORM_RTL, lowerx=-60, lowery=-6, upperx=4, uppery=24)
            canv.setFont(self.st.fonts.body.regular, self.st.small.fontSize)
            canv.setFillColor(self.st.colors.muted)
            canv.drawRightString(0, 0, str(self.page))
            canv.endForm()
        canv.save()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab hook name
        """Add each heading to the contents and to the PDF outline."""
        if self.trace is not None:
            self.trace.append((self.page, flowable))
        if self.stop_at and self.page >= self.stop_at:
            raise LongEnough(self.page)
        heading = _heading_of(flowable)
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

        when = stamp_datetime(dt.date.fromisoformat(self.meta.date))
        stamp_document(self.canv, calendar.timegm(when.timetuple()))

    # ------------------------------------------------------------ page furniture

    def _draw_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Draw the running header (short title, marking) and the footer (series, folio).

        Every string is a shaped `Line`, so a title in Urdu or Thai reads as it does in the
        body; a right-to-left brief mirrors the furniture (title and series on the right).
        """
        pal, furniture, cover = self.st.colors, self.theme.furniture, self.cover
        page_h = self.pagesize[1]
        left, right = self.grid.left, self.grid.left + self.grid.width
        start, end = (right, left) if cover.rtl else (left, right)
        size = self.st.small.fontSize
        canvas.saveState()
        canvas.setStrokeColor(pal.rule)
        canvas.setLineWidth(0.5)
        top = page_h - self.topMargin + 6.5 * mm
        marking = cover.line(self.meta.classification.strip().upper(), "body", size,
                             pal.accent, bold=True)
        marking_w = marking.width + (6 * mm if marking.text else 0)
        if furniture.header == "title":
            if self._header is None:
                self._header = cover.fit(self.meta.short_title or self.meta.title, "body", size,
                                         pal.muted, right - left - marking_w)
            self._header.draw(canvas, start, top, cover.align_start)
        if marking.text:
            marking.draw(canvas, end, top, cover.align_end)
        if furniture.rules:
            canvas.line(left, top - 2 * mm, right, top - 2 * mm)
        foot = self.bottomMargin - 10 * mm
        if furniture.rules:
            canvas.line(left, foot + 4 * mm, right, foot + 4 * mm)
        folio = cover.line(f"{self.labels.page} {doc.page} {self.labels.page_of} ", "body",
                           size, pal.muted)
        total_w = canvas.stringWidth(str(max(doc.page, 10)), self.st.fonts.body.regular, size)
        width = folio.width + total_w
        if furniture.folio == "right":
            room = right - left - width - 6 * mm  # narrower once the folio has more digits
            if room not in self._series:
                self._series[room] = cover.fit(cover.series_line(), "body", size, pal.muted,
                                               room)
            self._series[room].draw(canvas, start, foot, cover.align_start)
            x = left if cover.rtl else right - width  # the folio's left edge
        else:
            x = (left + right - width) / 2
        canvas.saveState()
        if folio.rtl:  # 'صفحہ 2 از 3' reads from the right: the total ("of Y") on the left
            folio.draw(canvas, x + total_w, foot)
            canvas.translate(x + total_w, foot)
            canvas.doForm(TOTAL_FORM_RTL)
            self._total_rtl = True
        else:
            folio.draw(canvas, x, foot)
            canvas.translate(x + folio.width, foot)
            canvas.doForm(TOTAL_FORM)  # "of Y": a form defined after the last page (finish())
        canvas.restoreState()
        canvas.restoreState()


def _heading_of(flowable: Flowable) -> m.Heading | None:
    """Return the heading a (possibly wide) flowable carries, if any."""
    inner = getattr(flowable, "inner", flowable)
    return inner.heading if isinstance(inner, HeadingParagraph | ShapedHeading) else None
