"""Charts as vector drawings: matplotlib SVG through svglib, with embedded fonts."""

from __future__ import annotations

import io
import logging
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import standardFonts
from reportlab.platypus import Flowable, Image

from briefgen.model import ChartArt
from briefgen.writers.pdf_fonts import ChartFontMap, FontSet

log = logging.getLogger(__name__)


def _replace_standard_fonts(node: Any, fonts: ChartFontMap) -> None:
    """Swap any base-14 font left in the drawing for an embedded face (a safety net)."""
    if isinstance(node, String):
        if node.fontName in standardFonts:
            node.fontName = fonts.face_for_standard(node.fontName)
        return
    if isinstance(node, Group | Drawing):
        for child in node.contents:
            _replace_standard_fonts(child, fonts)


def svg_drawing(svg: bytes, fonts: FontSet) -> Drawing | None:
    """Convert SVG bytes to a ReportLab Drawing whose text uses embedded fonts."""
    from svglib.svglib import svg2rlg

    font_map = ChartFontMap(fonts)
    try:
        drawing = svg2rlg(io.BytesIO(svg), font_map=font_map)
    except Exception as exc:  # svglib raises many kinds of errors on odd SVG
        log.warning("svglib could not convert a chart (%s); using the PNG", exc)
        return None
    if drawing is None:
        return None
    _replace_standard_fonts(drawing, font_map)
    return drawing


def chart_flowable(art: ChartArt, width: float, fonts: FontSet) -> Flowable:
    """Return the chart scaled to `width`: vector when svglib manages, else the PNG."""
    drawing = svg_drawing(art.svg, fonts) if art.svg else None
    if drawing is not None and drawing.width > 0 and drawing.height > 0:
        factor = width / drawing.width
        drawing.scale(factor, factor)
        drawing.width, drawing.height = width, drawing.height * factor
        drawing.hAlign = "CENTER"
        return drawing
    height = width * art.height_in / art.width_in if art.width_in else width * 0.5
    image = Image(io.BytesIO(art.png), width=width, height=height)
    image.hAlign = "CENTER"
    return image
