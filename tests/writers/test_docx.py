"""Tests for the DOCX writer: Word-native structure, determinism, safety, reference styles."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree

from briefgen import model as m
from briefgen.errors import BriefError
from briefgen.theme import Theme
from briefgen.writers.docx.ooxml import SVG_EXT_URI, SVG_NS
from briefgen.writers.docx.writer import render_docx
from tests.samples import sample_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ENDNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
URDU = "تحریک طالبان پاکستان"


class Package:
    """A rendered .docx opened as parsed XML parts."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.word = docx.Document(io.BytesIO(data))

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    @property
    def body(self) -> etree._Element:
        return self.xml("word/document.xml")

    def instructions(self, root: etree._Element | None = None) -> list[str]:
        root = self.body if root is None else root
        return [(t.text or "").strip() for t in root.iter(qn("w:instrText"))]

    def rels(self, name: str) -> dict[str, etree._Element]:
        root = self.xml(name)
        return {r.get("Id"): r for r in root}

    def content_types(self) -> dict[str, str]:
        root = self.xml("[Content_Types].xml")
        return {o.get("PartName"): o.get("ContentType") for o in root if o.get("PartName")}


@pytest.fixture(scope="module")
def doc() -> m.Document:
    return sample_document()


@pytest.fixture(scope="module")
def pkg(doc: m.Document) -> Package:
    """The sample in the default style, with a contents list whatever its length."""
    return Package(render_docx(doc, Theme(front={"contents_min_pages": 0})))


def blocks_of(doc: m.Document, kind: type) -> list:
    return [b for b in doc.blocks if isinstance(b, kind)]


def paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def style_of(p: etree._Element) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


# ---------------------------------------------------------------- styles and page


def test_uses_builtin_styles_by_name(pkg: Package) -> None:
    used = {p.style.name for p in pkg.word.paragraphs}
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption", "Quote",
                 "List Bullet", "List Number", "Bibliography"):
        assert name in used, name
    table_styles = {t.style.name for t in pkg.word.tables}
    assert table_styles == {"Table Grid"}


def test_headings_map_to_heading_styles_in_order(pkg: Package, doc: m.Document) -> None:
    notes_at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, m.Endnotes))
    notes_heading = doc.blocks[notes_at - 1]
    expected = [(f"Heading {h.level}", h.text) for h in doc.headings() if h is not notes_heading]
    got = [(p.style.name, p.text) for p in pkg.word.paragraphs
           if p.style.name.startswith("Heading")]
    assert got == expected


def test_notes_heading_opens_the_first_endnote(pkg: Package, doc: m.Document) -> None:
    # Endnotes are laid out apart from the body: a body heading could end a page alone.
    notes_at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, m.Endnotes))
    first = pkg.xml("word/endnotes.xml").findall(qn("w:endnote"))[2]
    heading, note = first.findall(qn("w:p"))[:2]
    assert style_of(heading) == "Heading1"
    assert paragraph_text(heading) == doc.blocks[notes_at - 1].text
    assert next(heading.iter(qn("w:bookmarkStart"))).get(qn("w:name")).startswith("_Toc")
    assert note.find(f".//{qn('w:endnoteRef')}") is not None


def test_styles_are_configured_from_the_theme(pkg: Package) -> None:
    theme = Theme()
    h1 = pkg.word.styles["Heading 1"].font
    assert h1.name == theme.fonts.heading
    assert h1.size.pt == theme.sizes.h1
    assert h1.color.rgb == RGBColor.from_string(theme.colors.heading.lstrip("#").upper())
    normal = pkg.word.styles["Normal"].font
    assert normal.name == theme.fonts.body
    assert normal.size.pt == theme.sizes.body
    for name in ("toc 1", "toc 2", "toc 3", "endnote text", "endnote reference", "Hyperlink"):
        assert pkg.word.styles[name] is not None


def test_page_size_and_margins_come_from_the_theme(pkg: Package) -> None:
    for section in pkg.word.sections:
        assert round(section.page_width.mm) == 210
        assert round(section.page_height.mm) == 297
        assert round(section.left_margin.mm) == 22
        assert round(section.top_margin.mm) == 24
    letter = Package(render_docx(sample_document(), Theme().with_page_size("Letter")))
    assert letter.word.sections[-1].page_width.twips == 12240


# ---------------------------------------------------------------- cover, contents, captions


def test_cover_block_shows_the_metadata(pkg: Package, doc: m.Document) -> None:
    texts = [p.text for p in pkg.word.paragraphs[:12]]
    meta = doc.meta
    for value in (meta.classification, meta.organisation, meta.title, meta.subtitle,
                  meta.date_text):
        assert value in texts
    assert any(meta.authors[0].name in t and meta.authors[0].affiliation in t for t in texts)


def test_a_brief_shorter_than_the_threshold_has_no_contents(doc: m.Document) -> None:
    short = Package(render_docx(doc, Theme(front={"contents_min_pages": 40})))
    assert "TOC \\o" not in short.instructions()


def test_toc_is_a_real_field_already_filled_in(pkg: Package, doc: m.Document) -> None:
    body = pkg.body
    assert 'TOC \\o "1-3" \\h \\z \\u' in pkg.instructions()
    entries = [p for p in body.iter(qn("w:p")) if (style_of(p) or "").startswith("TOC")
               and style_of(p) != "TOCHeading"]
    headings = doc.headings()
    assert [paragraph_text(p).rstrip("0123456789") for p in entries] == [
        h.text for h in headings]
    assert [style_of(p) for p in entries] == [f"TOC{h.level}" for h in headings]
    bookmarks = {b.get(qn("w:name")) for root in (body, pkg.xml("word/endnotes.xml"))
                 for b in root.iter(qn("w:bookmarkStart"))}
    for entry in entries:
        anchor = entry.find(f".//{qn('w:hyperlink')}").get(qn("w:anchor"))
        assert anchor.startswith("_Toc") and anchor in bookmarks
        assert f"PAGEREF {anchor} \\h" in pkg.instructions(entry)
    settings = pkg.xml("word/settings.xml")
    assert settings.find(qn("w:updateFields")) is None


def test_heading_bookmarks_sit_in_the_heading_paragraphs(pkg: Package) -> None:
    for p in pkg.body.iter(qn("w:p")):
        if (style_of(p) or "").startswith("Heading"):
            names = [b.get(qn("w:name")) for b in p.iter(qn("w:bookmarkStart"))]
            assert len(names) == 1 and names[0].startswith("_Toc")


def test_captions_are_seq_fields_with_bookmarks_and_xrefs(pkg: Package, doc: m.Document) -> None:
    seq = [i for i in pkg.instructions() if i.startswith("SEQ ")]
    figures, tables = blocks_of(doc, m.Figure), blocks_of(doc, m.Table)
    assert len(seq) == len(figures) + len(tables)
    assert seq.count("SEQ Figure \\* ARABIC") == len(figures)
    assert seq.count("SEQ Table \\* ARABIC") == len(tables)
    captions = [p for p in pkg.body.iter(qn("w:p")) if style_of(p) in ("Caption", "TableCaption")]
    assert [paragraph_text(p) for p in captions] == [
        "Figure 1: Attacks in 2022 by perpetrator", "Table 1: Deaths in 2023 by source"]
    caption_marks = {b.get(qn("w:name")) for p in captions
                     for b in p.iter(qn("w:bookmarkStart"))}
    refs = [i for i in pkg.instructions() if i.startswith("REF ")]
    assert refs and all(r.split()[1] in caption_marks for r in refs)
    assert "Attacks rose, as Figure\u00a01 shows" in "\n".join(p.text for p in pkg.word.paragraphs)


# ---------------------------------------------------------------- endnotes


def test_endnotes_part_holds_one_note_per_endnote(pkg: Package, doc: m.Document) -> None:
    assert pkg.content_types()["/word/endnotes.xml"] == ENDNOTES_CT
    rels = pkg.rels("word/_rels/document.xml.rels").values()
    assert any(r.get("Target") == "endnotes.xml" and r.get("Type").endswith("/endnotes")
               for r in rels)
    root = pkg.xml("word/endnotes.xml")
    notes = root.findall(qn("w:endnote"))
    assert [(n.get(qn("w:id")), n.get(qn("w:type"))) for n in notes[:2]] == [
        ("-1", "separator"), ("0", "continuationSeparator")]
    (endnotes,) = blocks_of(doc, m.Endnotes)
    real = notes[2:]
    assert [int(n.get(qn("w:id"))) for n in real] == [e.number for e in endnotes.items]
    assert paragraph_text(real[0].findall(qn("w:p"))[-1]).strip() == m.plain(
        endnotes.items[0].runs)
    for note in real:
        p = note.findall(qn("w:p"))[-1]
        assert style_of(p) == "EndnoteText"
        assert p.find(f".//{qn('w:endnoteRef')}") is not None


def test_body_has_one_endnote_reference_per_note(pkg: Package, doc: m.Document) -> None:
    refs = list(pkg.body.iter(qn("w:endnoteReference")))
    (endnotes,) = blocks_of(doc, m.Endnotes)
    assert [int(r.get(qn("w:id"))) for r in refs] == [e.number for e in endnotes.items]
    for ref in refs:
        style = ref.getparent().find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        assert style.get(qn("w:val")) == "EndnoteReference"
    settings = pkg.xml("word/settings.xml").find(qn("w:endnotePr"))
    assert settings.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"


def test_notes_print_under_their_heading_when_blocks_follow(pkg: Package) -> None:
    # The sample has a Sources section after the notes: a continuous section break ends the
    # notes section and Word prints endnotes at the end of each section.
    settings = pkg.xml("word/settings.xml").find(qn("w:endnotePr"))
    assert settings.find(qn("w:pos")).get(qn("w:val")) == "sectEnd"
    breaks = [s for s in pkg.body.iter(qn("w:sectPr"))]
    assert len(breaks) == 3
    assert not any(p.text == "Notes" for p in pkg.word.paragraphs)  # it opens the notes
    ends = [p for p in pkg.body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            is not None]
    assert ends[-1].getnext() is not None  # the Sources follow the notes' section


def test_endnotes_last_need_no_section_break(doc: m.Document) -> None:
    blocks = [b for b in doc.blocks if not isinstance(b, m.SourceList)]
    blocks = [b for b in blocks if not (isinstance(b, m.Heading) and b.text == "Sources")]
    pkg = Package(render_docx(dataclasses.replace(doc, blocks=tuple(blocks)), Theme()))
    settings = pkg.xml("word/settings.xml").find(qn("w:endnotePr"))
    assert settings.find(qn("w:pos")) is None
    assert len(list(pkg.body.iter(qn("w:sectPr")))) == 2


def _notes_doc(refs: list[int], notes: int) -> m.Document:
    base = sample_document()
    runs = tuple(m.NoteRef((n,)) for n in refs)
    blocks = (m.Heading(1, "Body", "body"), m.Paragraph((m.Text("Claims"), *runs)),
              m.Endnotes(tuple(m.Endnote(i, (m.Text(f"Note {i}"),)) for i in range(1, notes + 1))))
    return dataclasses.replace(base, blocks=blocks)


def test_repeated_note_reference_becomes_a_noteref_field() -> None:
    pkg = Package(render_docx(_notes_doc([1, 2, 1], 2), Theme()))
    assert [r.get(qn("w:id")) for r in pkg.body.iter(qn("w:endnoteReference"))] == ["1", "2"]
    assert "NOTEREF _RefNote1 \\f \\h" in pkg.instructions()
    names = [b.get(qn("w:name")) for b in pkg.body.iter(qn("w:bookmarkStart"))]
    assert "_RefNote1" in names


def test_out_of_order_notes_keep_the_briefs_numbers() -> None:
    pkg = Package(render_docx(_notes_doc([2, 1], 2), Theme()))
    refs = list(pkg.body.iter(qn("w:endnoteReference")))
    assert [r.get(qn("w:customMarkFollows")) for r in refs] == ["1", "1"]
    assert [r.getparent().find(qn("w:t")).text for r in refs] == ["2", "1"]


def test_reference_to_a_missing_note_is_an_error() -> None:
    with pytest.raises(BriefError, match=r"\[3\]"):
        render_docx(_notes_doc([1, 3], 2), Theme())


# ---------------------------------------------------------------- pictures


def test_every_picture_has_alt_text_and_a_unique_id(pkg: Package, doc: m.Document) -> None:
    doc_prs = []
    for name in pkg.zip.namelist():
        if name.startswith("word/") and name.endswith(".xml"):
            doc_prs += list(pkg.xml(name).iter(qn("wp:docPr")))
    assert len(doc_prs) == len(blocks_of(doc, m.Figure))
    ids = [d.get("id") for d in doc_prs]
    assert len(ids) == len(set(ids))
    assert all(d.get("descr") for d in doc_prs)
    assert doc_prs[0].get("descr") == blocks_of(doc, m.Figure)[0].alt
    assert doc_prs[0].get("title").startswith("Figure 1")


def test_unique_docpr_ids_with_several_figures(doc: m.Document) -> None:
    fig = blocks_of(doc, m.Figure)[0]
    extra = tuple(dataclasses.replace(fig, number=n, anchor=f"fig-{n}") for n in (2, 3))
    pkg = Package(render_docx(dataclasses.replace(doc, blocks=doc.blocks + extra), Theme()))
    ids = [d.get("id") for d in pkg.body.iter(qn("wp:docPr"))]
    assert len(ids) == 3 and len(set(ids)) == 3


def test_chart_is_embedded_as_svg_with_png_fallback(pkg: Package) -> None:
    blip = next(pkg.body.iter(qn("a:blip")))
    rels = pkg.rels("word/_rels/document.xml.rels")
    assert rels[blip.get(qn("r:embed"))].get("Target").endswith(".png")
    ext = blip.find(f"{qn('a:extLst')}/{qn('a:ext')}")
    assert ext.get("uri") == SVG_EXT_URI
    svg = ext.find(f"{{{SVG_NS}}}svgBlip")
    target = rels[svg.get(qn("r:embed"))].get("Target")
    assert target.endswith(".svg")
    assert pkg.content_types()[f"/word/{target}"] == "image/svg+xml"
    assert pkg.zip.read(f"word/{target}").lstrip().startswith(b"<?xml")


def test_chart_is_scaled_to_the_text_width(pkg: Package) -> None:
    shape = pkg.word.inline_shapes[0]
    section = pkg.word.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    assert abs(shape.width - width) < 1000
    assert abs(shape.height / shape.width - 0.5) < 0.01


# ---------------------------------------------------------------- header, footer, properties


def test_header_and_footer(pkg: Package, doc: m.Document) -> None:
    body_section = pkg.word.sections[1]
    header = "\n".join(p.text for p in body_section.header.paragraphs)
    assert doc.meta.short_title in header and doc.meta.classification in header
    footer = body_section.footer._element
    instructions = pkg.instructions(footer)
    assert "PAGE \\* Arabic" in instructions and "NUMPAGES \\* Arabic" in instructions
    assert "Page" in paragraph_text(footer) and " of " in paragraph_text(footer)


def test_core_properties(pkg: Package, doc: m.Document) -> None:
    props = pkg.word.core_properties
    meta = doc.meta
    assert props.title == meta.title
    assert props.subject == meta.subject
    assert props.author == "A. Analyst"
    assert props.last_modified_by == "A. Analyst"
    assert props.keywords == "test, brief"
    assert props.revision == 1
    assert props.created.date().isoformat() == meta.date
    assert props.modified == props.created
    rels = pkg.xml("_rels/.rels")
    assert not any(r.get("Type").endswith("/thumbnail") for r in rels)


# ---------------------------------------------------------------- blocks


def test_tables_have_repeating_headers_and_right_aligned_numbers(pkg: Package) -> None:
    data = next(t for t in pkg.word.tables if t.cell(0, 0).text == "Source")
    first_row = data.rows[0]._tr
    assert first_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    number_cell = data.cell(1, 1).paragraphs[0]._p
    assert number_cell.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "right"
    source = data._tbl.getnext()
    assert style_of(source) == "SourceNote" and "Sources: as listed." in paragraph_text(source)


def test_each_option_is_a_table_with_a_repeating_name_row(pkg: Package, doc: m.Document) -> None:
    (options,) = blocks_of(doc, m.Options)
    for option in options.items:
        number = options.items.index(option) + 1
        table = next(t for t in pkg.word.tables
                     if t.cell(0, 0).text == f"Option {number}: {option.name}")
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert table.cell(1, 0).text == table.cell(1, 1).text  # the summary spans the row
        labels = [row.cells[0].text for row in table.rows[2:]]
        assert labels[:4] == ["Advocates", "For", "Against", "Risks"]
    first = next(t for t in pkg.word.tables
                 if t.cell(0, 0).text == "Option 1: Negotiated ceasefire")
    assert [r.cells[0].text for r in first.rows][-2:] == ["Track record", "Voices"]
    quotes = [p for p in first.rows[-1].cells[1].paragraphs if p.style.name == "Quote"]
    (option,) = [o for o in options.items if o.name == "Negotiated ceasefire"]
    assert quotes and quotes[0].text == m.plain(option.quotes[0].runs)  # marks from the model


def test_key_judgments_figures_timeline_and_glossary(pkg: Package) -> None:
    texts = [t.cell(0, 0).text for t in pkg.word.tables]
    judgments = next(t for t in pkg.word.tables if t.cell(0, 0).text.startswith("Key judgments"))
    assert judgments.cell(1, 1).text == "HIGH CONFIDENCE"
    assert judgments.cell(1, 0)._tc.find(f".//{qn('w:shd')}") is not None
    first = judgments.cell(1, 0).paragraphs[0]
    assert first.style.name == "List Number" and first._p.find(f".//{qn('w:numId')}") is not None
    figures = next(t for t in pkg.word.tables if "262" in t.cell(0, 0).text)
    assert len(figures.columns) == 2 and "at least" in figures.cell(0, 1).text
    dates = [row.cells[0].text for t in pkg.word.tables for row in t.rows]
    assert "Aug 2021" in dates and "Term" in texts


def test_recommendations_are_numbered_with_bold_actors(pkg: Package) -> None:
    items = [p for p in pkg.word.paragraphs if p.style.name == "List Number"]
    items = items[-2:]  # after the numbered key judgments
    assert [p.text for p in items] == ["Government of Pakistan. Do one thing.",
                                       "Donors. Do another."]
    assert items[0].runs[0].bold and items[0].runs[0].text.startswith("Government")
    assert items[0]._p.find(f".//{qn('w:numId')}") is not None


def test_links_are_external_hyperlinks(pkg: Package) -> None:
    rels = pkg.rels("word/_rels/document.xml.rels")
    links = list(pkg.body.iter(qn("w:hyperlink")))
    external = [h for h in links if h.get(qn("r:id"))]
    targets = {rels[h.get(qn("r:id"))].get("Target") for h in external}
    assert targets == {"https://example.org/report?a=1&b=2", "https://www.dw.com/"}
    assert all(rels[h.get(qn("r:id"))].get("TargetMode") == "External" for h in external)
    style = external[0].find(f".//{qn('w:rStyle')}")
    assert style.get(qn("w:val")) == "Hyperlink"


def test_arabic_script_is_marked_right_to_left(pkg: Package) -> None:
    run = next(r for r in pkg.body.iter(qn("w:r")) if URDU in paragraph_text(r))
    rpr = run.find(qn("w:rPr"))
    assert rpr.find(qn("w:rtl")) is not None
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "ur-PK"
    assert rpr.find(qn("w:rFonts")).get(qn("w:cs"))
    p = run.getparent()
    assert p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
    latin = next(r for r in pkg.body.iter(qn("w:r")) if paragraph_text(r) == "TTP")
    assert latin.find(f".//{qn('w:rtl')}") is None


def test_every_node_type_renders_text(pkg: Package) -> None:
    text = "\n".join(paragraph_text(p) for p in pkg.body.iter(qn("w:p")))
    for needle in ("Key judgments", "terrorist attacks in 2022", "First point",
                   "growing.", "Talk to the group.", "Do one thing.", "Taliban take Kabul",
                   "Nothing changed.", "Tehrik-i-Taliban Pakistan.", "Janjua", "CRSS"):
        assert needle in text, needle


# ---------------------------------------------------------------- determinism and safety


def test_output_is_byte_identical_across_renders(doc: m.Document, pkg: Package) -> None:
    assert render_docx(doc, Theme(front={"contents_min_pages": 0})) == pkg.data
    infos = pkg.zip.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_control_characters_are_rejected_with_the_offending_text(doc: m.Document) -> None:
    bad = (m.Paragraph((m.Text("fine"), m.Text("broken\x07bell")),),)
    with pytest.raises(BriefError) as info:
        render_docx(dataclasses.replace(doc, blocks=bad + doc.blocks), Theme())
    message = str(info.value)
    assert "blocks[0].runs[1].text" in message
    assert "broken" in message and "U+0007" in message


def test_control_characters_in_metadata_are_rejected(doc: m.Document) -> None:
    meta = dataclasses.replace(doc.meta, title="Title\x0b")
    with pytest.raises(BriefError, match="meta.title"):
        render_docx(dataclasses.replace(doc, meta=meta), Theme())


def test_all_parts_are_well_formed_xml(pkg: Package) -> None:
    for name in pkg.zip.namelist():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(pkg.zip.read(name))


# ---------------------------------------------------------------- reference document


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ref = docx.Document()
    ref.styles["Heading 1"].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    ref.styles["Normal"].font.name = "Georgia"
    ref.add_paragraph("Template text that must not survive")
    path = tmp_path_factory.mktemp("ref") / "reference.docx"
    ref.save(str(path))
    return path


def test_reference_docx_styles_win(doc: m.Document, reference: Path) -> None:
    pkg = Package(render_docx(doc, Theme(), reference_docx=reference))
    assert pkg.word.styles["Heading 1"].font.color.rgb == RGBColor(0xFF, 0x00, 0x00)
    assert pkg.word.styles["Normal"].font.name == "Georgia"
    texts = [p.text for p in pkg.word.paragraphs]
    assert "Template text that must not survive" not in texts
    assert doc.meta.title in texts
    # Styles the reference lacks are filled in from the theme.
    assert pkg.word.styles["endnote text"] is not None
    assert pkg.word.styles["Source Note"].font.size.pt == Theme().sizes.small
    # The reference's page setup (Letter, python-docx's template) is kept.
    assert pkg.word.sections[-1].page_width.twips == 12240


def test_bad_reference_docx_is_a_brief_error(doc: m.Document, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.docx"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(BriefError, match="bogus.docx"):
        render_docx(doc, Theme(), reference_docx=bogus)


# ---------------------------------------------------------------- other readers


@pytest.mark.slow
def test_pandoc_reads_it_back(pkg: Package, tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    path = tmp_path / "brief.docx"
    path.write_bytes(pkg.data)
    text = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", str(path)], check=True,
                          capture_output=True, text=True).stdout
    for needle in ("Executive summary", "Figure 1: Attacks in 2022", "[8] Source number 8",
                   "Negotiated ceasefire", URDU.split()[0]):
        assert needle in text, needle


def _pandoc_text(node: object) -> str:
    """The words of a Pandoc JSON node, spaces between them."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return str(node["c"])
        if node.get("t") in ("Space", "SoftBreak", "LineBreak"):
            return " "
        return _pandoc_text(node.get("c", []))
    if isinstance(node, list):
        return "".join(_pandoc_text(item) for item in node)
    return ""


@pytest.mark.slow
def test_pandoc_reads_the_cover_as_text_and_captions_only_data_tables(
        pkg: Package, doc: m.Document, tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    path = tmp_path / "brief.docx"
    path.write_bytes(pkg.data)
    blocks = json.loads(subprocess.run(["pandoc", "-f", "docx", "-t", "json", str(path)],
                                       check=True, capture_output=True, text=True).stdout)["blocks"]
    # the cover is paragraphs of text, none of them a table, a quotation or a caption
    title = next(i for i, b in enumerate(blocks) if _pandoc_text(b) == doc.meta.title)
    cover = [" ".join(_pandoc_text(b).split()) for b in blocks[:title]]
    assert all(b["t"] == "Para" for b in blocks[:title]), [b["t"] for b in blocks[:title]]
    assert doc.meta.organisation in cover
    assert f"{doc.labels.policy_brief} {doc.meta.date_text}" in cover
    # a table's caption is its own: the boxes have none, the data table has its own
    captions = {" ".join(_pandoc_text(b["c"][3:]).split()): _pandoc_text(b["c"][1]).strip()
                for b in blocks if b["t"] == "Table"}
    judgments = next(b for b in doc.blocks if isinstance(b, m.KeyJudgments))
    words = " ".join(m.plain(judgments.items[0].runs).split()[:3])
    assert [c for cells, c in captions.items() if words in cells] == [""]
    table = next(b for b in doc.blocks if isinstance(b, m.Table))
    assert sum(c.startswith(f"{doc.labels.table} {table.number}:")
               for c in captions.values()) == 1


@pytest.mark.slow
def test_libreoffice_converts_it_to_pdf(pkg: Package, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("soffice is not on PATH")
    path = tmp_path / "brief.docx"
    path.write_bytes(pkg.data)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "brief.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 3
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Executive summary" in text and "Source number 8" in text


def test_reference_without_list_styles_or_numbering_gets_them(doc: m.Document,
                                                             tmp_path: Path) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    ref = docx.Document()
    styles = ref.styles.element
    keep = {"Normal", "heading 1", "Default Paragraph Font", "Normal Table"}
    for style in list(styles.iter(qn("w:style"))):
        if style.find(qn("w:name")).get(qn("w:val")) not in keep:
            styles.remove(style)
    ref.styles["Heading 1"].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    for rid, rel in list(ref.part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            ref.part.drop_rel(rid)
    path = tmp_path / "minimal.docx"
    ref.save(str(path))
    pkg = Package(render_docx(doc, Theme(), reference_docx=path))
    assert pkg.word.styles["Heading 1"].font.color.rgb == RGBColor(0xFF, 0x00, 0x00)
    assert pkg.word.styles["Heading 2"].font.size.pt == Theme().sizes.h2
    numbering = pkg.xml("word/numbering.xml")
    bullet = pkg.word.styles["List Bullet"].element.find(f".//{qn('w:numId')}")
    num_ids = {n.get(qn("w:numId")) for n in numbering.iter(qn("w:num"))}
    assert bullet is not None and bullet.get(qn("w:val")) in num_ids
    formats = {f.get(qn("w:val")) for f in numbering.iter(qn("w:numFmt"))}
    assert {"bullet", "decimal"} <= formats


# ---------------------------------------------------------------- edge cases


def test_a_document_without_headings_figures_or_notes_renders(doc: m.Document) -> None:
    bare = dataclasses.replace(doc, blocks=(m.Paragraph((m.Text("Only text."),)),), charts={})
    pkg = Package(render_docx(bare, Theme()))
    assert "Only text." in [p.text for p in pkg.word.paragraphs]
    assert not any(i.startswith("TOC") for i in pkg.instructions())
    assert len(pkg.xml("word/endnotes.xml").findall(qn("w:endnote"))) == 2


def test_six_key_figures_make_a_grid_of_three(doc: m.Document) -> None:
    figure = m.KeyFigure("1,100", "around", "deaths", (m.Text("Source"),))
    block = m.KeyFigures(tuple(dataclasses.replace(figure, value=str(i)) for i in range(6)))
    pkg = Package(render_docx(dataclasses.replace(doc, blocks=(block,)), Theme()))
    (table,) = pkg.word.tables  # the grid (the cover's band is paragraphs, not a table)
    assert len(table.rows) == 2 and len(table.columns) == 3


def test_adjacent_note_marks_are_separated(doc: m.Document) -> None:
    base = _notes_doc([], 2)
    para = m.Paragraph((m.Text("Claims"), m.note_ref(2, 1)))
    pkg = Package(render_docx(dataclasses.replace(base, blocks=(base.blocks[0], para,
                                                                base.blocks[2])), Theme()))
    (p,) = [p for p in pkg.word.paragraphs if p.text.startswith("Claims")]
    runs = p._p.findall(qn("w:r"))
    assert [paragraph_text(r) for r in runs[1:]] == ["", ",", ""]


def test_links_inside_endnotes_relate_from_the_endnotes_part(doc: m.Document) -> None:
    note = m.Endnote(1, (m.Text("See "), m.Link("the source", "https://example.org/n1")))
    blocks = (m.Paragraph((m.Text("Claim"), m.NoteRef((1,)))), m.Endnotes((note,)))
    pkg = Package(render_docx(dataclasses.replace(doc, blocks=blocks), Theme()))
    link = next(pkg.xml("word/endnotes.xml").iter(qn("w:hyperlink")))
    rels = pkg.rels("word/_rels/endnotes.xml.rels")
    assert rels[link.get(qn("r:id"))].get("Target") == "https://example.org/n1"


def test_unknown_cross_reference_and_missing_chart_are_errors(doc: m.Document) -> None:
    xref = (m.Paragraph((m.XRef("figure", 9, "fig-missing", "Figure"),)),)
    with pytest.raises(BriefError, match="fig-missing"):
        render_docx(dataclasses.replace(doc, blocks=xref), Theme())
    figure = dataclasses.replace(blocks_of(doc, m.Figure)[0], chart_id="nope")
    with pytest.raises(BriefError, match="nope"):
        render_docx(dataclasses.replace(doc, blocks=(figure,)), Theme())


def test_right_to_left_paragraph_in_body_text(doc: m.Document) -> None:
    blocks = (m.Paragraph((m.Text(URDU),)), m.Paragraph((m.Text(f"The TTP ({URDU})."),)))
    pkg = Package(render_docx(dataclasses.replace(doc, blocks=blocks), Theme()))
    rtl_p, mixed_p = (p._p for p in pkg.word.paragraphs if URDU in p.text)
    assert rtl_p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
    assert mixed_p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is None
    flags = [r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None for r in mixed_p.iter(qn("w:r"))]
    assert flags == [False, True, False]


def test_table_style_header_row_uses_theme_colours(pkg: Package) -> None:
    style = pkg.word.styles["Table Grid"].element
    first = next(s for s in style.iter(qn("w:tblStylePr")) if s.get(qn("w:type")) == "firstRow")
    assert first.find(f".//{qn('w:shd')}").get(qn("w:fill")) == "0B3D5C"
    assert first.find(f".//{qn('w:color')}").get(qn("w:val")) == "FFFFFF"


def test_page_estimates_are_plausible(doc: m.Document) -> None:
    from briefgen.writers.docx.pages import estimate_pages

    emu_per_mm = 36000
    pages = estimate_pages(doc.blocks, Theme(), 166 * emu_per_mm, 251 * emu_per_mm, doc.charts)
    assert pages.pages[0] == 2
    assert list(pages.pages) == sorted(pages.pages)
    assert pages.total >= pages.pages[-1] >= 3
    long = tuple(m.Paragraph((m.Text("word " * 400),)) for _ in range(20))
    assert estimate_pages(long, Theme(), 166 * emu_per_mm, 251 * emu_per_mm, {}).total > 8


def test_bad_edition_date_is_a_brief_error(doc: m.Document) -> None:
    meta = dataclasses.replace(doc.meta, date="22/11/2026")
    with pytest.raises(BriefError, match="meta.date"):
        render_docx(dataclasses.replace(doc, meta=meta), Theme())


def test_app_properties_name_briefgen_not_word() -> None:
    import io
    import zipfile

    from briefgen.theme import Theme
    from briefgen.writers.docx.writer import render_docx
    from tests.samples import sample_document

    data = render_docx(sample_document(), Theme())
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "<Application>briefgen</Application>" in app
    assert "Microsoft" not in app
    assert "<Company>Example Institute</Company>" in app


def test_a_column_is_as_wide_as_its_longest_stretch_tied_by_no_break_spaces() -> None:
    from briefgen.writers.docx.columns import ColumnMeasure

    measure = ColumnMeasure(Theme())
    tied = "over\u00a01,000\u00a0deaths"
    assert measure.longest_word([tied]) == measure.width(tied)
    assert measure.longest_word(["over 1,000 deaths"]) == max(
        measure.width(word) for word in ("over", "1,000", "deaths"))


@pytest.mark.parametrize("style", ["default", "house-serif", "us-letter"])
def test_confidence_labels_are_readable_in_every_style(doc: m.Document, style: str) -> None:
    from briefgen.theme import find_style, load_theme
    from briefgen.writers.docx import ooxml as ox

    theme = load_theme(find_style(style))
    items = tuple(m.Judgment((m.Text(f"Judgment {level}."),), level)
                  for level in ("High", "Moderate", "Low"))
    word = Package(render_docx(dataclasses.replace(
        doc, blocks=(m.KeyJudgments("", items),)), theme)).word
    table = word.tables[0]
    seen = []
    for row in table.rows[-3:]:
        cell = row.cells[1]._tc
        fill = cell.find(f".//{qn('w:pPr')}/{qn('w:shd')}").get(qn("w:fill"))  # the label's
        ink = cell.find(f".//{qn('w:color')}").get(qn("w:val"))
        seen.append((row.cells[1].text, fill))
        assert ox.contrast(ink, fill) >= 4.5, (style, row.cells[1].text, ink, fill)
    assert [text for text, _ in seen] == ["HIGH CONFIDENCE", "MODERATE CONFIDENCE",
                                          "LOW CONFIDENCE"]
    assert len({fill for _, fill in seen}) == 3  # still told apart by their shade
