"""Single lines drawn straight on the canvas: running header and footer, the cover's lines.

A line goes through the same path as body text: the role's family chain picks a face for
each stretch (`RoleFonts.split`), and text that needs it (right-to-left, Indic, South-East
Asian, CJK, or more than one family) is laid out by `ShapedParagraph` — HarfBuzz shaping and
the Unicode bidi algorithm — so an Urdu title or a Thai author's name is joined, ordered and
extracted in logical order like the same words in a paragraph. Text the role's first family
draws and that needs no shaping is drawn with `drawString`, as ReportLab draws body text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Literal

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from briefgen.writers.pdf.fonts import RoleFonts
from briefgen.writers.pdf.shaping import ShapedParagraph, Span, needs_shaping

ELLIPSIS = "\u2026"
Align = Literal["left", "right", "center"]


class Line:
    """One line of text in a role's face, measured once and drawn at a baseline.

    `rtl` sets the direction of a line that is shaped (a right-to-left brief); by default
    its first strong letter decides. As in the body, text without a complex script is drawn
    left to right whatever the brief's language.
    """

    def __init__(self, text: str, role: RoleFonts, size: float, color: Color,
                 bold: bool = False, italic: bool = False, rtl: bool | None = None) -> None:
        self.text, self.size, self.color = text, size, color
        pieces = role.split(text, bold, italic) if text else []
        self.font = pieces[0][1] if pieces else role.names(0).pick(bold, italic)
        self.shaped: ShapedParagraph | None = None
        self.trailing = 0.0
        if needs_shaping(text) or len({face for _, face in pieces}) > 1:
            spans = [Span(piece, face, size, color) for piece, face in pieces]
            self.shaped = ShapedParagraph(spans, size * 1.2, align="left",
                                          rtl=rtl if needs_shaping(text) else None)
            # trailing spaces are not drawn (rule L1) but keep their advance, at the line's
            # logical end: on the right of a left-to-right line, on the left of a right-to-left
            text = self.shaped.text
            self.trailing = sum(self.shaped.advances[len(text.rstrip(" ")):len(text)])
            self.width = self.shaped.line_glyphs(0, len(text))[1] + self.trailing
        else:
            self.width = stringWidth(text, self.font, size)

    @property
    def rtl(self) -> bool:
        """Return True if the line reads right to left."""
        return self.shaped is not None and self.shaped.rtl

    def draw(self, canvas: Canvas, x: float, y: float, align: Align = "left") -> None:
        """Draw the line on baseline `y`; `x` is its left edge, right edge or centre (`align`)."""
        left = {"left": x, "right": x - self.width, "center": x - self.width / 2}[align]
        if self.shaped is None:
            canvas.setFillColor(self.color)
            canvas.setFont(self.font, self.size)
            canvas.drawString(left, y, self.text)
            return
        para = self.shaped
        para.wrap(self.width + 1.0, self.size * 10)  # one line: it is no wider than that
        para.lines = [(0, len(para.text))]
        shift = self.trailing if para.rtl else 0.0
        para.drawOn(canvas, left + shift, y - (para.height - para.size))


def fit_text(text: str, measure: Callable[[str], float], width: float) -> str:
    """Return `text` on one line of `width`, cut at a word with an ellipsis if needed.

    `measure` gives a candidate's width; a single word wider than the line is cut between
    characters, never before a combining mark (a Thai vowel sign, an Arabic vowel).
    """
    text = " ".join(text.split())
    if measure(text) <= width:
        return text
    words = text.split(" ")

    def cut(n: int) -> str:
        return " ".join(words[:n]).rstrip(" ,;:") + ELLIPSIS

    fits = _last_fitting(len(words) - 1, lambda n: measure(cut(n)) <= width)
    if fits >= 1:
        return cut(fits)
    word = words[0]
    ends = [i for i in range(1, len(word)) if not unicodedata.category(word[i]).startswith("M")]
    fits = _last_fitting(len(ends), lambda n: measure(word[:ends[n - 1]] + ELLIPSIS) <= width)
    return (word[:ends[fits - 1]] if fits else "") + ELLIPSIS


def _last_fitting(count: int, fits: Callable[[int], bool]) -> int:
    """Return the largest n in 1..count with fits(n) (0 if none): widths grow with n."""
    low, high = 0, count
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def fit(text: str, role: RoleFonts, size: float, color: Color, width: float,
        bold: bool = False, italic: bool = False, rtl: bool | None = None) -> Line:
    """Return `text` as a Line no wider than `width`, cut with an ellipsis if needed."""
    made: dict[str, Line] = {}

    def line(candidate: str) -> Line:
        if candidate not in made:
            made[candidate] = Line(candidate, role, size, color, bold, italic, rtl)
        return made[candidate]

    return line(fit_text(text, lambda candidate: line(candidate).width, width))
