"""The HTML writer: the Document as one self-contained, accessible web page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen.writers.html.page import render_html

if TYPE_CHECKING:
    from briefgen.model import Document
    from briefgen.theme import Theme
    from briefgen.writers import WriteOptions


def write(doc: Document, theme: Theme, options: WriteOptions) -> bytes:
    """Return the HTML page of `doc` in `theme`, UTF-8 encoded."""
    return render_html(doc, theme).encode("utf-8")


__all__ = ["render_html", "write"]
