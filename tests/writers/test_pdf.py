"""PDF writer: read the output back with pypdf (and poppler when installed) and check it."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import matplotlib
import pytest
from pypdf import PdfReader

from briefgen import model as m
from briefgen.theme import Theme
from briefgen.writers.pdf.rtl import bidi_runs
from briefgen.writers.pdf.writer import render_pdf
from tests.samples import sample_document

BASE14 = {
    "Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique", "Helvetica",
    "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique", "Symbol", "Times-Bold",
    "Times-BoldItalic", "Times-Italic", "Times-Roman", "ZapfDingbats",
}
NATIVE = "تحریک طالبان پاکستان"
THEME = Theme(front={"contents_min_pages": 0})  # always a contents list, on page 2


@pytest.fixture(scope="module")
def doc() -> m.Document:
    """The sample document with charts whose text is SVG <text> (as briefgen's charts are)."""
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        return sample_document()


@pytest.fixture(scope="module")
def pdf(doc: m.Document) -> bytes:
    return render_pdf(doc, THEME)


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _fonts(reader: PdfReader) -> Iterator[Any]:
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            yield font.get_object()
        for xobject in resources.get("/XObject", {}).values():
            xobject = xobject.get_object()
            for font in xobject.get("/Resources", {}).get("/Font", {}).values():
                yield font.get_object()


def _flatten(outline: list[Any], level: int = 1) -> Iterator[tuple[int, str]]:
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item, level + 1)
        else:
            yield level, str(item.title)


def _links(reader: PdfReader, page: int) -> list[Any]:
    annots = reader.pages[page].get("/Annots") or []
    return [a.get_object() for a in annots if a.get_object()["/Subtype"] == "/Link"]


def _page_of(reader: PdfReader, link: Any) -> int:
    dest = link["/Dest"]
    return reader.get_page_number(dest[0].get_object())


def test_user_text_prints_literally(text: str, reader: PdfReader) -> None:
    assert "User text with & and <b> and <unclosed stays literal." in text
    assert "Sample brief & <test>" in " ".join(reader.pages[0].extract_text().split())


def test_every_font_is_embedded_truetype(reader: PdfReader) -> None:
    fonts = list(_fonts(reader))
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"]).lstrip("/")
        assert name.split("+")[-1] not in BASE14, name
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"], name


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_says_embedded(pdf: bytes, tmp_path: Any) -> None:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert line.split()[-5] == "yes", line  # the emb column


def test_outline_mirrors_headings(doc: m.Document, reader: PdfReader) -> None:
    expected = [(h.level, h.text) for h in doc.headings()]
    assert list(_flatten(reader.outline)) == expected


def test_contents_entries_link_to_their_headings(doc: m.Document, reader: PdfReader) -> None:
    at = next(i for i, page in enumerate(reader.pages)
              if "Contents" in page.extract_text().splitlines())
    assert at <= 1  # on the cover under the judgments, or on page 2
    contents = reader.pages[at]
    links = [link for link in _links(reader, at) if "/Dest" in link]
    assert len(links) >= len(doc.headings())
    for heading in doc.headings():
        assert heading.text in contents.extract_text()


def test_note_refs_and_xrefs_are_internal_links(reader: PdfReader, text: str) -> None:
    notes_pages = {i for i, p in enumerate(reader.pages)
                   if re.search(r"Source number \d+, Outlet", p.extract_text())}
    body_links = [link for i in range(len(reader.pages)) for link in _links(reader, i)]
    internal = [link for link in body_links if "/Dest" in link]
    assert sum(_page_of(reader, link) in notes_pages for link in internal) >= 8
    figure_page = next(i for i, p in enumerate(reader.pages)
                       if "Figure 1: Attacks in 2022" in p.extract_text())
    assert any(_page_of(reader, link) == figure_page for link in internal)


def test_external_link_keeps_its_url(reader: PdfReader) -> None:
    uris = [link["/A"]["/URI"] for i in range(len(reader.pages)) for link in _links(reader, i)
            if "/A" in link]
    assert "https://example.org/report?a=1&b=2" in uris


def test_chart_text_is_real_text(reader: PdfReader) -> None:
    page = next(p.extract_text() for p in reader.pages if "Figure 1:" in p.extract_text())
    # once in the caption, once as the chart's own title
    assert page.count("Attacks in 2022 by perpetrator") == 2
    for label in ("TTP", "Other", "175", "150"):
        assert label in page


def test_chart_falls_back_to_png_when_svg_is_unusable(doc: m.Document) -> None:
    art = doc.charts["chart-1"]
    broken = dataclasses.replace(doc, charts={"chart-1": dataclasses.replace(art, svg=b"<x")})
    reader = PdfReader(io.BytesIO(render_pdf(broken, THEME)))
    images = [img for page in reader.pages for img in page.images]
    assert images


def test_page_size_follows_theme(doc: m.Document, reader: PdfReader) -> None:
    a4 = reader.pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    letter = PdfReader(io.BytesIO(render_pdf(doc, Theme().with_page_size("Letter"))))
    box = letter.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_metadata(reader: PdfReader) -> None:
    info = reader.metadata
    assert info is not None
    assert info.title == "Sample brief & <test>"
    assert info.author == "A. Analyst"
    assert info.subject == "Testing"
    assert info["/Keywords"] == "test, brief"
    assert info.creator == "briefgen"


def test_same_document_gives_identical_bytes(doc: m.Document, pdf: bytes) -> None:
    assert render_pdf(doc, THEME) == pdf


def test_header_footer_and_marking(reader: PdfReader) -> None:
    total = len(reader.pages)
    cover = reader.pages[0].extract_text()
    assert "Page 1 of" not in cover
    assert cover.count("PUBLIC") == 1  # one marking, in the field
    for number in range(2, total + 1):
        page = reader.pages[number - 1].extract_text()
        # the total is a form drawn after the last page: pypdf reads it as a separate line
        assert f"Page {number} of {total}" in re.sub(r"\s+", " ", page)
        assert page.count("PUBLIC") == 1  # one marking, in the running header
        assert "Sample brief" in page  # running header (short title)


def test_cover_carries_the_edition(reader: PdfReader) -> None:
    cover = reader.pages[0].extract_text()
    for part in ("Example Institute", "Every node type, once", "A. Analyst", "22 November 2026"):
        assert part in cover


def test_arabic_native_spelling_extracts_in_reading_order(text: str, reader: PdfReader) -> None:
    assert NATIVE in text
    names = {str(f["/BaseFont"]).split("+")[-1] for f in _fonts(reader)}
    assert "NotoSansArabic-Regular" in names


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_poppler_extracts_arabic_in_reading_order(pdf: bytes, tmp_path: Any) -> None:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert NATIVE in out


def test_arabic_is_shaped_not_isolated(reader: PdfReader) -> None:
    arabic = next(f for f in _fonts(reader) if "NotoSansArabic" in str(f["/BaseFont"]))
    glyphs = int(arabic["/LastChar"]) + 1
    # the phrase has 12 distinct letters; shaping adds contextual forms and dots
    assert glyphs > len(set(NATIVE.replace(" ", ""))) + 1


def test_bidi_runs_put_rtl_words_in_visual_order() -> None:
    assert bidi_runs("abc") == [("abc", False)]
    runs = bidi_runs("طالبان 2021")
    assert runs[0] == ("2021", False)
    assert runs[-1][1] is True
    # a wrapped line of an English paragraph keeps the paragraph's direction
    assert bidi_runs("طالبان was", rtl_base=False) == [("طالبان", True), (" was", False)]


def test_mixed_paragraph_keeps_english_order(doc: m.Document) -> None:
    sentence = f"The group {NATIVE} was founded in 2007. "
    blocks: list[m.Block] = [
        m.Paragraph((m.Text(sentence * 4),)),
        m.Paragraph((m.Text(f"Styled {NATIVE} text", bold=True), m.NoteRef((1,)))),
        m.Paragraph((m.Text("Two notes"), m.NoteRef((11, 12)), m.Text(" end."))),
    ]
    reader = PdfReader(io.BytesIO(render_pdf(_doc_with(blocks, doc), THEME)))
    body = "\n".join(p.extract_text() for p in reader.pages[1:])
    assert f"The group {NATIVE}" in body
    assert "was founded in 2007." in body
    assert "Styled" in body  # (its note 1 has no endnote here: printed, not linked)
    assert "Two notes11,12 end." in body


def _doc_with(blocks: list[m.Block], doc: m.Document) -> m.Document:
    return dataclasses.replace(doc, blocks=tuple(blocks))


def test_long_options_split_across_pages(doc: m.Document) -> None:
    many = tuple((m.Text(f"Argument number {i} " + "with more words " * 6),) for i in range(60))
    option = m.Option("Long option", (m.Text("Summary."),), many[:5], many, many[:10], (), (), ())
    out = render_pdf(_doc_with([m.Heading(1, "Options", "opts"), m.Options((option,))], doc),
                     Theme())
    reader = PdfReader(io.BytesIO(out))
    pages = [p.extract_text() for p in reader.pages]
    assert sum("Argument number" in p for p in pages) >= 2
    assert "Argument number 59" in "".join(pages)


def test_heading_levels_may_skip_and_texts_are_escaped(doc: m.Document) -> None:
    blocks: list[m.Block] = [m.Heading(2, "Starts at <two> & up", "a"),
                             m.Heading(3, "Deeper", "b"), m.Heading(1, "Top", "c")]
    reader = PdfReader(io.BytesIO(render_pdf(_doc_with(blocks, doc), THEME)))
    titles = [title for _, title in _flatten(reader.outline)]
    assert titles == ["Starts at <two> & up", "Deeper", "Top"]
    assert "Starts at <two> & up" in "".join(page.extract_text() for page in reader.pages)


def test_serif_theme_uses_serif_faces(doc: m.Document) -> None:
    theme = Theme(fonts={"body": "DejaVu Serif", "heading": "DejaVu Serif"})
    reader = PdfReader(io.BytesIO(render_pdf(doc, theme)))
    names = {str(f["/BaseFont"]).split("+")[-1] for f in _fonts(reader)}
    assert {"DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"} <= names


def test_sample_with_path_text_charts_still_renders() -> None:
    out = render_pdf(sample_document(), Theme())
    assert out.startswith(b"%PDF") and len(PdfReader(io.BytesIO(out)).pages) >= 4


def test_all_arabic_paragraph_and_long_native_are_shaped(doc: m.Document) -> None:
    long_native = " ".join([NATIVE] * 6)
    blocks: list[m.Block] = [
        m.Paragraph((m.Text(NATIVE),)),
        m.Glossary((m.GlossaryEntry("TTP", long_native, (m.Text("Definition."),)),)),
    ]
    reader = PdfReader(io.BytesIO(render_pdf(_doc_with(blocks, doc), THEME)))
    body = "\n".join(p.extract_text() for p in reader.pages[1:])
    assert body.count(NATIVE) >= 4  # the paragraph, and whole phrases on the wrapped lines


def test_no_heading_is_left_at_the_foot_of_a_page(doc: m.Document) -> None:
    # (with keepWithNext switched off, this layout leaves two headings at a page foot)
    blocks: list[m.Block] = []
    for i in range(40):
        blocks.append(m.Heading(2, f"Section heading {i}", f"s{i}"))
        blocks.append(m.Paragraph((m.Text("word " * (15 + (i * 37) % 120)),)))
    reader = PdfReader(io.BytesIO(render_pdf(_doc_with(blocks, doc), THEME)))
    body = [p.extract_text() for p in reader.pages[1:]]
    body = [text for text in body if "Contents" not in text and ".  ." not in text]
    assert len(body) > 5
    for text in body:
        lines = [line for line in text.splitlines() if line.strip()]
        assert not lines[-1].startswith("Section heading"), lines[-3:]
