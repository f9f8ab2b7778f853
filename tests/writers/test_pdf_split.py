"""The PDF fonts' fast subset mapping gives exactly what ReportLab's own mapping gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from briefgen.theme import Theme
from briefgen.writers.pdf.fonts import embedded_font, register_fonts

TEXT = st.text(alphabet=st.sampled_from("abcdeéßøœ ,.’“”\u00a0-–—0123456789ĀŁ€\u0301"),
               max_size=40)


class _Doc:
    """A stand-in for a PDF document: ReportLab keys subset state by it."""


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=12))
def test_fast_split_matches_reportlab(texts: list[str]) -> None:
    font = embedded_font(register_fonts(Theme()).body.regular)
    fast_doc, slow_doc = _Doc(), _Doc()
    for text in texts:
        fast = font.splitString(text, fast_doc)
        slow = TTFont.splitString(font, text, slow_doc)
        assert fast == slow
