"""Front matter: the cover and what page 1 carries below it.

The cover is a colour field (or a band over white, by style) holding the series name and
number, the title, subtitle, authors, date and the one handling marking. Its height follows
its text, so the rest of page 1 takes the key judgments or the summary (a style option);
with neither, the field fills the page. A title of any length is fitted: smaller, then cut
with an ellipsis, never off the page.
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
        self._layout()

    def series_line(self) -> str:
        """Return the series name and number, e.g. 'Policy brief · No. 4'."""
        meta = self.t.meta
        name = getattr(meta, "series", "") or self.t.labels.policy_brief
        number = getattr(meta, "series_number", "")
        return f"{name} \u00b7 {number}" if number else name

    def _layout(self) -> None:
        """Fit the title and subtitle and decide the field's height."""
        t, page_h = self.t, self.t.pagesize[1]
        width = self.width
        self.top_pad = 14 * mm
        self.title_top = page_h - 34 * mm - (14 * mm if self.band else 0)
        room = page_h * (0.3 if self.has_content else 0.45)
        rtl = self.rtl
        self.title = fit_paragraph(t.meta.title, self.title_style, width, room * 0.7,
                                   t.st, rtl)
        self.title_h = self.title.wrap(width, room)[1]
        self.subtitle: Flowable | None = None
        self.subtitle_h = 0.0
        if t.meta.subtitle:
            self.subtitle = fit_paragraph(t.meta.subtitle, self.subtitle_style, width,
                                          room * 0.3, t.st, rtl)
            self.subtitle_h = self.subtitle.wrap(width, room)[1] + 4 * mm
        byline = 9 * mm + 4.5 * mm * max(len(t.meta.authors), 1)
        text_bottom = self.title_top - self.title_h - self.subtitle_h - byline
        self.field_bottom = text_bottom - 8 * mm if self.has_content else 0.0

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
            band_h = 24 * mm
            canvas.setFillColor(pal.heading)
            canvas.rect(0, page_h - band_h, page_w, band_h, stroke=0, fill=1)
            on_band = pal.header_text
            ink, muted = pal.heading, pal.muted
            head_y = page_h - band_h + 9 * mm
        else:
            canvas.setFillColor(pal.heading)
            canvas.rect(0, self.field_bottom, page_w, page_h - self.field_bottom, stroke=0,
                        fill=1)
            if self.has_content:
                canvas.setFillColor(pal.accent)
                canvas.rect(0, self.field_bottom - STRIP, page_w, STRIP, stroke=0, fill=1)
            on_band = ink = muted = pal.header_text
            head_y = page_h - self.top_pad
        # the organisation and the series on the reading side, the marking opposite
        start, end = (right, left) if self.rtl else (left, right)
        marking = self.line(t.meta.classification.strip().upper(), "body", small, on_band,
                            bold=True)
        marking_w = marking.width + 8 * mm
        self.fit(t.meta.organisation, "heading", small * 1.25, on_band, width - marking_w,
                 bold=True).draw(canvas, start, head_y, self.align_start)
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
        self._byline(canvas, y - 12 * mm if self.has_content else 12 * mm + t.bottomMargin,
                     ink, muted)
        canvas.restoreState()

    def _byline(self, canvas: Canvas, y: float, ink: Color, muted: Color) -> None:
        """Draw authors (name, affiliation) on the reading side, the edition date opposite."""
        t = self.t
        size = t.st.body_size
        left, right = self.left, self.left + self.width
        start, end = (right, left) if self.rtl else (left, right)
        date = self.line(t.meta.date_text, "body", size, ink, bold=True)
        date.draw(canvas, end, y, self.align_end)
        authors = t.meta.authors or (m.Author(t.meta.organisation),)
        for author in authors:
            text = author.name + (f", {author.affiliation}" if author.affiliation else "")
            self.fit(text, "body", size, ink, right - left - date.width - 6 * mm).draw(
                canvas, start, y, self.align_start)
            y -= 4.5 * mm

    def line(self, text: str, role: str, size: float, color: Color,
             bold: bool = False) -> Line:
        """Return one line of the cover in a role's face, shaped if it needs it."""
        return Line(text, self.t.st.fonts.role(role), size, color, bold, rtl=self.rtl or None)

    def fit(self, text: str, role: str, size: float, color: Color, width: float,
            bold: bool = False) -> Line:
        """Return one line of the cover no wider than `width`, cut with an ellipsis if needed."""
        return fit(text, self.t.st.fonts.role(role), size, color, width, bold,
                   rtl=self.rtl or None)


def page_one_blocks(doc: m.Document, choice: str) -> tuple[list[m.Block], list[m.Block]]:
    """Split the blocks into those page 1 carries (by `choice`) and the rest, in order."""
    blocks = list(doc.blocks)
    if choice == "judgments":
        for i, block in enumerate(blocks):
            if isinstance(block, m.KeyJudgments):
                before = blocks[i - 1] if i else None
                start = i - 1 if isinstance(before, m.Heading) else i  # its heading too
                return blocks[start : i + 1], blocks[:start] + blocks[i + 1 :]
    if choice == "summary":
        for i, block in enumerate(blocks):
            if isinstance(block, m.Heading) and block.level == 1 and block.anchor in (
                    "executive-summary", "summary"):
                end = next((j for j in range(i + 1, len(blocks)) if _is_part(blocks[j])),
                           len(blocks))
                return blocks[i:end], blocks[:i] + blocks[end:]
    return [], blocks


def _is_part(block: m.Block) -> bool:
    """Return True if `block` opens a part (a level-1 heading)."""
    return isinstance(block, m.Heading) and block.level == 1
