"""--style switches page size, fonts and palette in both writers and the charts together."""

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.shared import Mm
from pypdf import PdfReader

from briefgen.pipeline import build


def _fonts(reader: PdfReader) -> set[str]:
    names: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize(("style", "size_pt", "family", "word_body", "chart_font"), [
    ("default", (595, 842), "SourceSerif4", "Source Serif 4", "DejaVu Sans"),
    ("house-serif", (595, 842), "IBMPlexSerif", "IBM Plex Serif", "DejaVu Sans"),
    ("us-letter", (612, 792), "DejaVuSans", "DejaVu Sans", "DejaVu Sans"),
])
def test_style_drives_both_writers_and_the_charts(mini: Path, tmp_path: Path, style: str,
                                                   size_pt: tuple[int, int], family: str,
                                                   word_body: str, chart_font: str) -> None:
    result = build(mini, out_dir=tmp_path, cache_dir=tmp_path / "cache", style=style)
    reader = PdfReader(str(result.outputs["pdf"]))
    box = reader.pages[1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size_pt
    assert any(family in name for name in _fonts(reader)), _fonts(reader)
    section = open_docx(str(result.outputs["docx"])).sections[-1]
    assert abs(section.page_width - Mm(size_pt[0] * 25.4 / 72)) < Mm(1)
    body = open_docx(str(result.outputs["docx"])).styles["Normal"].font.name
    assert body == word_body
    assert result.document is not None
    svg = next(iter(result.document.charts.values())).svg.decode()
    assert chart_font in svg
    # whatever the style puts first (judgments or summary), both files put first
    word = open_docx(str(result.outputs["docx"]))
    docx_parts = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    pdf_parts = [item.title for item in reader.outline if not isinstance(item, list)]
    assert docx_parts == [title for title in pdf_parts if title in docx_parts]
    assert len(docx_parts) >= len(pdf_parts) - 1  # the notes' heading opens the endnotes
