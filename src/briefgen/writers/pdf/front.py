"""Front matter: the cover and what page 1 carries below it.

The cover is a colour field (or a band over white, by style) holding the series name and
number, the title, subtitle, authors, date and the one handling marking. Its height follows
its text, so the rest of page 1 takes the contents list of a long brief, or else the key
judgments or the summary (a style option); with none, the field fills the page. A title of
any length is fitted: smaller, then cut with an ellipsis, never off the page; the
organisation and each author's line wrap, and the field grows to hold them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from briefgen import model as m
from briefgen.theme import Theme
from briefgen.writers.pdf.context import RTL_LANGUAGES, esc, plain_flowable
from briefgen.writers.pdf.lines import ELLIPSIS, Align, Line, fit, fit_text
from briefgen.writers.pdf.styles import Styles

if TYPE_CHECKING:
    from briefgen.writers.pdf.page import BriefDocTemplate

STRIP = 1.6 * mm  # the accent strip under the field


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """Return `text` on one line of `width` points, cut at a word with an ellipsis if needed."""
    return fit_text(text, lambda candidate: stringWidth(candidate, font, size), width)


def fit_paragraph(text: str, style: ParagraphStyle, width: float, height: float,
                  styles: Styles | None = None, rtl_language: bool = False) -> Flowable:
    """Return `text` as a paragraph that fits `width` × `height`: smaller first, then cut.

    Given the document's styles, a complex script (Arabic, Urdu, Indic, CJK …) is shaped
    and set in bidi order, each stretch in the first family of the role that draws it.
    """
    size = style.fontSize
    while True:
        fitted = style.clone(style.name + "-fit", fontSize=size, leading=size * 1.15)
        para = (plain_flowable(text, fitted, styles, rtl_language) if styles is not None
                else Paragraph(esc(text), fitted))
        if para.wrap(width, height)[1] <= height:
            return para
        if size > style.fontSize * 0.6:
            size *= 0.92
            continue
        words = text.split()
        if len(words) <= 1:
            text = text[: max(len(text) * 2 // 3, 1)]
        else:
            text = " ".join(words[: max(len(words) * 3 // 4, 1)]).rstrip(" ,;:") + ELLIPSIS


class CoverPainter:
    """Measure and paint the cover's colour field on page 1."""

    def __init__(self, template: BriefDocTemplate, theme: Theme,
                 has_content: bool = True) -> None:
        self.t, self.theme, self.has_content = template, theme, has_content
        self.left, self.width = template.grid.left, template.grid.width  # the text block
        st = template.st
        self.band = theme.front.cover == "band"
        on_field = st.colors.header_text
        ink = st.colors.heading if self.band else on_field
        self.title_style = st.title.clone("bg-cover-title", textColor=ink, spaceAfter=0)
        self.subtitle_style = st.subtitle.clone(
            "bg-cover-subtitle", spaceAfter=0,
            textColor=st.colors.muted if self.band else st.colors.tint(on_field, 0.0))
        # a right-to-left brief mirrors the cover and the page furniture
        self.rtl = template.meta.language.split("-")[0].lower() in RTL_LANGUAGES
        self.align_start: Align = "right" if self.rtl else "left"
        self.align_end: Align = "left" if self.rtl else "right"
        small = st.small.fontSize
        self.org_style = ParagraphStyle(
            "bg-cover-organisation", fontName=st.fonts.heading.bold, fontSize=small * 1.25,
            leading=small * 1.25 * 1.25, textColor=on_field, spaceBefore=0, spaceAfter=0,
            alignment=2 if self.rtl else 0)
        self.byline_style = ParagraphStyle(
            "bg-cover-byline", fontName=st.fonts.body.regular, fontSize=st.body_size,
            leading=st.body_size * 1.3, textColor=ink, spaceBefore=0, spaceAfter=0,
            alignment=2 if self.rtl else 0)
        self._layout()

    def series_line(self) -> str:
        """Return the series name and number, e.g. 'South Asia Brief · No. 7'."""
        return m.series_line(self.t.meta, self.t.labels)

    def _layout(self) -> None:
        """Fit the title and subtitle, wrap the organisation and the authors, and decide the
        field's height."""
        t, page_h = self.t, self.t.pagesize[1]
        width = self.width
        self.top_pad = 14 * mm
        rtl = self.rtl
        self._organisation(rtl)
        self.band_h = 24 * mm + self.org_extra
        self.title_top = page_h - 34 * mm - (14 * mm if self.band else 0) - self.org_extra
        room = page_h * (0.3 if self.has_content else 0.45)
        self.title = fit_paragraph(t.meta.title, self.title_style, width, room * 0.7,
                                   t.st, rtl)
        self.title_h = self.title.wrap(width, room)[1]
        self.subtitle: Flowable | None = None
        self.subtitle_h = 0.0
        if t.meta.subtitle:
            self.subtitle = fit_paragraph(t.meta.subtitle, self.subtitle_style, width,
                                          room * 0.3, t.st, rtl)
            self.subtitle_h = self.subtitle.wrap(width, room)[1] + 4 * mm
        self._authors(rtl)
        byline = 12 * mm - self.byline_style.fontSize + self.byline_h
        text_bottom = self.title_top - self.title_h - self.subtitle_h - byline
        self.field_bottom = text_bottom - 8 * mm if self.has_content else 0.0

    def _organisation(self, rtl: bool) -> None:
        """Wrap the organisation beside the marking (up to three lines, then fitted)."""
        t, st = self.t, self.t.st
        marking = t.meta.classification.strip().upper()
        marking_w = stringWidth(marking, st.fonts.body.bold, st.small.fontSize) + 8 * mm
        self.org_width = max(self.width - marking_w, self.width * 0.4)
        leading = self.org_style.leading
        self.org: Flowable | None = None
        self.org_h = self.org_extra = 0.0
        if t.meta.organisation.strip():
            self.org = fit_paragraph(t.meta.organisation, self.org_style, self.org_width,
                                     leading * 3, st, rtl)
            self.org_h = self.org.wrap(self.org_width, leading * 3)[1]
            self.org_extra = max(0.0, self.org_h - leading)

    def _authors(self, rtl: bool) -> None:
        """Wrap each author line ('name, affiliation') beside the date, never cutting it.

        A byline too long for a fifth of the page is set as one paragraph fitted to it.
        """
        t, st = self.t, self.t.st
        style = self.byline_style
        self.date_w = stringWidth(t.meta.date_text, st.fonts.body.bold, style.fontSize) + 6 * mm
        width = self.width - self.date_w
        authors = t.meta.authors or (m.Author(t.meta.organisation),)
        lines = [a.name + (f", {a.affiliation}" if a.affiliation else "") for a in authors]
        lines = [line for line in lines if line.strip()]
        room = t.pagesize[1] * 0.2
        self.authors = [plain_flowable(line, style, st, rtl) for line in lines]
        heights = [a.wrap(width, room)[1] for a in self.authors]
        self.author_gap = 1.2 * mm
        self.byline_h = sum(heights) + self.author_gap * max(len(heights) - 1, 0)
        if self.byline_h > room:
            self.authors = [fit_paragraph("; ".join(lines), style, width, room, st, rtl)]
            self.byline_h = self.authors[0].wrap(width, room)[1]
        self.byline_h = max(self.byline_h, style.leading)

    def frame_top(self) -> float:
        """Return the top of the frame under the field, where page-1 content starts."""
        top: float = self.field_bottom - STRIP - 9 * mm
        return top

    def paint(self, canvas: Canvas, doc: object) -> None:
        """Paint the field, its text and the marking."""
        t, pal = self.t, self.t.st.colors
        page_w, page_h = t.pagesize
        left, width = self.left, self.width
        right = left + width
        small = t.st.small.fontSize
        canvas.saveState()
        if self.band:
            band_h = self.band_h
            canvas.setFillColor(pal.heading)
            canvas.rect(0, page_h - band_h, page_w, band_h, stroke=0, fill=1)
            on_band = pal.header_text
            ink = pal.heading
            head_y = page_h - 15 * mm  # the band grows down with a long organisation
        else:
            canvas.setFillColor(pal.heading)
            canvas.rect(0, self.field_bottom, page_w, page_h - self.field_bottom, stroke=0,
                        fill=1)
            if self.has_content:
                canvas.setFillColor(pal.accent)
                canvas.rect(0, self.field_bottom - STRIP, page_w, STRIP, stroke=0, fill=1)
            on_band = ink = pal.header_text
            head_y = page_h - self.top_pad
        # the organisation and the series on the reading side, the marking opposite
        start, end = (right, left) if self.rtl else (left, right)
        marking = self.line(t.meta.classification.strip().upper(), "body", small, on_band,
                            bold=True)
        if self.org is not None:  # its first baseline on the marking's
            size = getattr(getattr(self.org, "style", None), "fontSize", small * 1.25)
            self.org.drawOn(canvas, right - self.org_width if self.rtl else left,
                            head_y + size - self.org_h)
        marking.draw(canvas, end, head_y, self.align_end)
        series_ink = pal.accent if self.band else pal.tint(pal.accent, 0.45)
        self.fit(self.series_line().upper(), "body", small * 1.1, series_ink, width,
                 bold=True).draw(canvas, start, self.title_top + 10 * mm, self.align_start)
        self.title.drawOn(canvas, left, self.title_top - self.title_h)
        y = self.title_top - self.title_h
        if self.subtitle is not None:
            y -= 4 * mm
            self.subtitle.drawOn(canvas, left, y - (self.subtitle_h - 4 * mm))
            y -= self.subtitle_h - 4 * mm
        if self.band:
            canvas.setFillColor(pal.accent)
            canvas.rect(right - 28 * mm if self.rtl else left, y - 6 * mm, 28 * mm, 1.4 * mm,
                        stroke=0, fill=1)
        size = self.byline_style.fontSize
        first = (y - 12 * mm if self.has_content
                 else t.bottomMargin + 8 * mm + self.byline_h - size)
        self._byline(canvas, first, ink)
        canvas.restoreState()

    def _byline(self, canvas: Canvas, y: float, ink: Color) -> None:
        """Draw the authors (name, affiliation; wrapped) on the reading side from baseline
        `y`, and the edition date opposite, on the first line."""
        t = self.t
        size = self.byline_style.fontSize
        left, right = self.left, self.left + self.width
        end = left if self.rtl else right
        self.line(t.meta.date_text, "body", size, ink, bold=True).draw(
            canvas, end, y, self.align_end)
        width = self.width - self.date_w
        top = y + size
        for author in self.authors:
            height = author.wrap(width, t.pagesize[1])[1]
            author.drawOn(canvas, right - width if self.rtl else left, top - height)
            top -= height + self.author_gap

    def line(self, text: str, role: str, size: float, color: Color,
             bold: bool = False) -> Line:
        """Return one line of the cover in a role's face, shaped if it needs it."""
        return Line(text, self.t.st.fonts.role(role), size, color, bold, rtl=self.rtl or None)

    def fit(self, text: str, role: str, size: float, color: Color, width: float,
            bold: bool = False) -> Line:
        """Return one line of the cover no wider than `width`, cut with an ellipsis if needed."""
        return fit(text, self.t.st.fonts.role(role), size, color, width, bold,
                   rtl=self.rtl or None)
