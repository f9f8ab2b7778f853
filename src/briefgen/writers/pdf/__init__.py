"""The PDF writer: the Document laid out with ReportLab Platypus, fonts embedded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen.writers.pdf.writer import render_pdf

if TYPE_CHECKING:
    from briefgen.model import Document
    from briefgen.theme import Theme
    from briefgen.writers import WriteOptions


def write(doc: Document, theme: Theme, options: WriteOptions) -> bytes:
    """Return the PDF of `doc` in `theme`."""
    return render_pdf(doc, theme)


__all__ = ["render_pdf", "write"]
