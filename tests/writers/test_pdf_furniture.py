"""Running header, footer and cover lines: shaped like body text, in logical order, mirrored
in a right-to-left brief."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.colors import black
from reportlab.pdfgen.textobject import PDFTextObject

from briefgen import model as m
from briefgen.fonts import find_family
from briefgen.labels import labels_for
from briefgen.theme import Theme
from briefgen.writers.pdf import front, page
from briefgen.writers.pdf.fonts import embedded_font, register_fonts
from briefgen.writers.pdf.lines import ELLIPSIS, Line, fit
from briefgen.writers.pdf.writer import render_pdf

TITLE = "ناموں کی تحریریں"  # Urdu: joins and reads right to left
ORGANISATION = "ادارۂ تحقیق"
AUTHOR = "สมชาย ใจดี"  # Thai: marks stack above and below their consonants
AFFILIATION = "สถาบันทดสอบ"
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def _need_fonts() -> None:
    for family in ("Noto Sans Arabic", "Noto Sans Thai"):
        if find_family(family) is None:
            pytest.skip(f"{family} is not installed (briefgen[fonts-asia])")


def _document(language: str = "en-GB") -> m.Document:
    meta = m.Meta(
        title=TITLE, subtitle="", short_title="", organisation=ORGANISATION,
        authors=(m.Author(AUTHOR, AFFILIATION),), date="2026-11-22",
        date_text="22 November 2026", classification="", subject="", keywords=(),
        language=language,
    )
    blocks: list[m.Block] = []
    for n in range(1, 4):
        blocks.append(m.Heading(1, f"Part {n}", f"part-{n}"))
        blocks += [m.Paragraph((m.Text("Plain English body text. " * 40),))] * 6
    return m.Document(meta, tuple(blocks), labels=labels_for(language))


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str, str]]]:
    """Record (where, font, text) of every string drawn on the cover and page furniture."""
    calls: list[tuple[str, str, str]] = []
    where: list[str] = []
    original = PDFTextObject._formatText

    def record(self: PDFTextObject, text: str) -> Any:
        if where:
            calls.append((where[-1], self._fontname, text))
        return original(self, text)

    def inside(name: str, method: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            where.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                where.pop()
        return wrapper

    monkeypatch.setattr(PDFTextObject, "_formatText", record)
    monkeypatch.setattr(page.BriefDocTemplate, "_draw_page",
                        inside("page", page.BriefDocTemplate._draw_page))
    monkeypatch.setattr(front.CoverPainter, "paint", inside("cover", front.CoverPainter.paint))
    yield calls


def _harfbuzz_glyphs(text: str, font: str) -> list[int]:
    """Return the glyph ids HarfBuzz gives `text` in `font`, in visual order."""
    import uharfbuzz

    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    uharfbuzz.shape(embedded_font(font).hb_font(), buf, {})
    return [info.codepoint for info in buf.glyph_infos]


def _glyphs(calls: list[tuple[str, str, str]], where: str, font: str) -> list[int]:
    """Return the glyph ids drawn in `font` at `where`, in drawing order."""
    face = embedded_font(font).face
    return [face.charToGlyph[ord(ch)] for w, f, text in calls if w == where and f == font
            for ch in text]


def test_header_and_cover_draw_the_glyphs_harfbuzz_shapes(
        drawn: list[tuple[str, str, str]]) -> None:
    _need_fonts()
    fonts = register_fonts(Theme())
    render_pdf(_document(), Theme())
    urdu = dict(fonts.role("body").split(TITLE))
    assert len(urdu) == 1, urdu  # one face (Noto Sans Arabic) draws the whole title
    (face,) = urdu.values()
    title = _harfbuzz_glyphs(TITLE, face)
    header = _glyphs(drawn, "page", face)
    pages = len(header) // len(title)
    assert pages >= 2 and header == title * pages  # the same shaped title on every page
    # contextual forms: the shaped title is not the letters' default (isolated) glyphs
    cmap = embedded_font(face).face.charToGlyph
    assert set(title) - {cmap[ord(ch)] for ch in TITLE}
    thai = dict(fonts.role("body").split(AUTHOR))
    (thai_face,) = thai.values()
    assert _harfbuzz_glyphs(AUTHOR, thai_face) == _glyphs(drawn, "cover", thai_face)[
        : len(_harfbuzz_glyphs(AUTHOR, thai_face))]
    organisation = dict(fonts.role("heading").split(ORGANISATION, bold=True))
    (org_face,) = organisation.values()
    assert _glyphs(drawn, "cover", org_face)[:len(_harfbuzz_glyphs(ORGANISATION, org_face))] \
        == _harfbuzz_glyphs(ORGANISATION, org_face)


def _pdftotext(pdf: bytes, tmp_path: Path, first: int, last: int) -> str:
    path = tmp_path / "furniture.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return " ".join(text.translate(BIDI_CONTROLS).split())


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_furniture_extracts_in_logical_order(tmp_path: Path) -> None:
    _need_fonts()
    pdf = render_pdf(_document(), Theme())
    cover = _pdftotext(pdf, tmp_path, 1, 1)
    for text in (ORGANISATION, TITLE, f"{AUTHOR}, {AFFILIATION}", "22 November 2026"):
        assert text in cover, text
    body = _pdftotext(pdf, tmp_path, 2, 2)
    assert body.startswith(TITLE)  # the running header, before the page's first heading
    assert "Page 2 of" in body


def test_a_right_to_left_brief_mirrors_the_furniture() -> None:
    _need_fonts()
    import pdfplumber

    theme = Theme()
    pdf = render_pdf(_document("ur"), theme)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        cover, second = document.pages[0], document.pages[1]
        width = float(second.width)
        top = [c for c in second.chars if c["top"] < 60]
        foot = [c for c in second.chars if c["top"] > second.height - 60]
        date = [c for c in cover.chars if c["text"].isdigit()]
        org = [c for c in cover.chars if c["top"] < 60]
    assert top and min(c["x0"] for c in top) > width / 2  # the title on the right
    labels = labels_for("ur")
    folio = [c for c in foot if c["x0"] < width / 2]  # 'صفحہ 2 از 2' on the left
    series = [c for c in foot if c["x0"] > width / 2]  # the series on the right
    assert folio and series and labels.page_of
    assert min(c["x0"] for c in org) > width / 2 and max(c["x1"] for c in date) < width / 2


def test_fit_cuts_a_shaped_line_at_a_word() -> None:
    _need_fonts()
    role = register_fonts(Theme()).role("body")
    line = fit(f"{TITLE} " * 30, role, 8, black, 120)
    assert line.width <= 120 and line.text.endswith(ELLIPSIS) and line.shaped is not None
    words = line.text.removesuffix(ELLIPSIS).split()
    assert words and words == (TITLE.split() * 30)[: len(words)]  # whole words, in order
    assert Line("Plain", role, 8, black).shaped is None  # Latin text is drawn as it was
    thai = fit(AUTHOR * 20, role, 8, black, 60)  # one long word: cut between characters
    assert thai.width <= 60 and thai.text.endswith(ELLIPSIS)
