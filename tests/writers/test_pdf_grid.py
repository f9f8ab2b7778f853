"""The grid, the side column and the front-matter helpers, unit by unit."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from briefgen import model as m
from briefgen.theme import Theme
from briefgen.writers.order import page_one_blocks
from briefgen.writers.pdf.fonts import register_fonts
from briefgen.writers.pdf.front import ELLIPSIS, fit_line, fit_paragraph
from briefgen.writers.pdf.grid import Wide, average_advance, build_grid
from tests.samples import sample_document


@pytest.fixture(scope="module")
def font() -> str:
    return register_fonts(Theme()).body.regular


def test_measure_sets_the_main_column(font: str) -> None:
    theme = Theme(grid={"measure": 66})
    grid = build_grid(theme, A4[0], font)
    assert grid.main_width == pytest.approx(66 * average_advance(font, theme.sizes.body))
    assert not grid.has_side
    assert grid.left + grid.width / 2 == pytest.approx(A4[0] / 2)  # centred


@pytest.mark.parametrize("side", ["left", "right"])
def test_side_column_takes_what_the_measure_leaves(font: str, side: str) -> None:
    theme = Theme(grid={"measure": 66, "side_column": side, "gutter_mm": 6})
    grid = build_grid(theme, A4[0], font)
    margins = theme.page.margins_mm
    assert grid.has_side
    assert grid.width == pytest.approx(A4[0] - (margins.left + margins.right) * mm)
    assert grid.side_width + grid.gutter + grid.main_width == pytest.approx(grid.width)
    assert (grid.side_x < grid.main_x) == (side == "left")


def test_a_side_column_too_narrow_to_use_is_dropped(font: str) -> None:
    theme = Theme(page={"size": "Letter", "margins_mm": {"left": 50, "right": 50}},
                  grid={"measure": 75, "side_column": "left"})
    assert not build_grid(theme, LETTER[0], font).has_side


def test_wide_flowable_spans_the_block(font: str) -> None:
    grid = build_grid(Theme(grid={"side_column": "left"}), A4[0], font)
    para = Paragraph("word " * 200, ParagraphStyle("t", fontName=font, fontSize=10))
    wide = Wide(para, grid)
    width, height = wide.wrap(grid.main_width, 10_000)
    assert width == grid.main_width
    assert para.width == pytest.approx(grid.width)
    parts = wide.split(grid.main_width, height / 2)
    assert len(parts) == 2 and all(isinstance(p, Wide) for p in parts)


def test_fit_line_cuts_at_a_word_with_an_ellipsis(font: str) -> None:
    assert fit_line("Short title", font, 8, 200) == "Short title"
    cut = fit_line("A very long running title " * 50, font, 8, 200)
    assert cut.endswith(ELLIPSIS) and stringWidth(cut, font, 8) <= 200
    assert fit_line("x" * 500, font, 8, 50).endswith(ELLIPSIS)


def test_fit_paragraph_shrinks_then_cuts(font: str) -> None:
    style = ParagraphStyle("title", fontName=font, fontSize=26, leading=30)
    para = fit_paragraph("Word " * 3000, style, 400, 120)
    assert para.wrap(400, 10_000)[1] <= 120
    assert para.style.fontSize < 26
    assert ELLIPSIS in para.text


def test_page_one_takes_the_judgments_or_the_summary() -> None:
    doc = sample_document()
    first, rest = page_one_blocks(doc, "judgments")
    assert [type(b) for b in first] == [m.KeyJudgments]
    assert len(first) + len(rest) == len(doc.blocks)
    first, rest = page_one_blocks(doc, "summary")
    assert isinstance(first[0], m.Heading) and first[0].anchor == "executive-summary"
    assert not any(isinstance(b, m.Heading) and b.level == 1 for b in first[1:])
    assert page_one_blocks(doc, "none") == ([], list(doc.blocks))


def test_side_column_holds_key_figures_and_figure_notes(font: str) -> None:
    import dataclasses
    import io

    import matplotlib
    import pdfplumber

    from briefgen.writers.pdf.writer import render_pdf

    theme = Theme(grid={"side_column": "left"}, front={"first_page": "none"})
    grid = build_grid(theme, A4[0], font)
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        doc = sample_document()
    figures = next(b for b in doc.blocks if isinstance(b, m.KeyFigures))
    figure = next(b for b in doc.blocks if isinstance(b, m.Figure))
    prose = m.Paragraph((m.Text("Prose beside the figures. " * 20),))
    doc = dataclasses.replace(doc, blocks=(figures, prose, figure))
    with pdfplumber.open(io.BytesIO(render_pdf(doc, theme))) as pdf:
        words = [w for p in pdf.pages[1:] for w in p.extract_words()]
    side = {w["text"] for w in words if w["x1"] <= grid.main_x}
    assert {"262", "36"} <= side  # the key figures
    assert "Figure" in side  # the caption, beside its chart
    assert all(w["x0"] >= grid.main_x - 1 for w in words if w["text"] == "Prose")
