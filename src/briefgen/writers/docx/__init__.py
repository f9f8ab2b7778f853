"""The DOCX writer: Word-native styles, fields, captions and endnotes (python-docx + OOXML)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen.writers.docx.writer import render_docx

if TYPE_CHECKING:
    from briefgen.model import Document
    from briefgen.theme import Theme
    from briefgen.writers import WriteOptions


def write(doc: Document, theme: Theme, options: WriteOptions) -> bytes:
    """Return the .docx of `doc`, styled by `theme` or by the options' reference document."""
    return render_docx(doc, theme, options.reference_docx,
                       update_fields=options.update_fields)


__all__ = ["render_docx", "write"]
