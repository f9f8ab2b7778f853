"""Tests for the DOCX's embedded fonts, proofing language, settings and column widths."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from lxml import etree

from briefgen import model as m
from briefgen.glyphs import ARABIC_FAMILY, arabic_font_path
from briefgen.theme import Theme
from briefgen.writers.docx import embedding
from briefgen.writers.docx.columns import ColumnMeasure
from briefgen.writers.docx.writer import document_strings, render_docx
from tests.samples import sample_document

URDU = "تحریک طالبان پاکستان"
FONT_CT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


@pytest.fixture(scope="module")
def doc() -> m.Document:
    return sample_document()


@pytest.fixture(scope="module")
def data(doc: m.Document) -> bytes:
    return render_docx(doc, Theme())


@pytest.fixture(scope="module")
def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def xml(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


# ---------------------------------------------------------------- obfuscation


def test_obfuscation_xors_the_first_32_bytes_with_the_reversed_guid() -> None:
    key = "{01020304-0506-0708-090A-0B0C0D0E0F10}"
    data = bytes(64)
    out = embedding.obfuscate(data, key)
    assert out[:16] == bytes(range(16, 0, -1)) and out[16:32] == bytes(range(16, 0, -1))
    assert out[32:] == data[32:]
    assert embedding.obfuscate(out, key) == data


def test_font_keys_are_stable_guids() -> None:
    key = embedding.font_key("DejaVu Sans", "Bold")
    assert key == embedding.font_key("DejaVu Sans", "Bold") != embedding.font_key("DejaVu Sans",
                                                                                  "Regular")
    assert len(key) == 38 and key.startswith("{") and key.endswith("}") and key == key.upper()


# ---------------------------------------------------------------- the package


def test_every_face_of_the_theme_is_embedded_as_word_does(parts: dict[str, bytes]) -> None:
    types = xml(parts, "[Content_Types].xml")
    defaults = {d.get("Extension"): d.get("ContentType") for d in types if d.get("Extension")}
    assert defaults["odttf"] == FONT_CT
    table = xml(parts, "word/fontTable.xml")
    dejavu = next(f for f in table.iter(qn("w:font")) if f.get(qn("w:name")) == "DejaVu Sans")
    embeds = [etree.QName(e).localname for e in dejavu if etree.QName(e).localname.startswith(
        "embed")]
    assert embeds == ["embedRegular", "embedBold", "embedItalic", "embedBoldItalic"]
    rels = {r.get("Id"): r for r in xml(parts, "word/_rels/fontTable.xml.rels")}
    for embed in dejavu.iter(qn("w:embedRegular"), qn("w:embedBold")):
        rel = rels[embed.get(qn("r:id"))]
        assert rel.get("Type").endswith("/relationships/font")
        assert f"word/{rel.get('Target')}" in parts
        assert embed.get(qn("w:fontKey")).startswith("{")
    settings = xml(parts, "word/settings.xml")
    names = [etree.QName(c).localname for c in settings]
    assert names.index("embedTrueTypeFonts") < names.index("saveSubsetFonts")
    assert names.index("saveSubsetFonts") < names.index("defaultTabStop")


def test_embedded_fonts_open_and_cover_the_documents_text(doc: m.Document,
                                                         parts: dict[str, bytes]) -> None:
    fonts = embedding.read_embedded(parts)
    assert ("DejaVu Sans", "Regular") in fonts
    text = {ord(ch) for ch in "".join(document_strings(doc)) if ch.isprintable()}
    covered: set[int] = set()
    for data in fonts.values():
        font = TTFont(io.BytesIO(data))
        assert "glyf" in font and "fvar" not in font  # static TrueType, as Word needs
        covered |= set(font.getBestCmap())
    assert text <= covered, sorted(chr(c) for c in text - covered)


@pytest.mark.skipif(arabic_font_path() is None, reason="the Arabic font package is missing")
def test_arabic_fallback_is_embedded_as_a_static_shaping_face(parts: dict[str, bytes]) -> None:
    fonts = embedding.read_embedded(parts)
    font = TTFont(io.BytesIO(fonts[(ARABIC_FAMILY, "Regular")]))
    assert set(map(ord, URDU.replace(" ", ""))) <= set(font.getBestCmap())
    assert "GSUB" in font  # joining forms survive the subset
    assert font["OS/2"].usWeightClass == 400


def test_subset_fonts_keep_the_file_small(data: bytes) -> None:
    sizes = {i.filename: i.compress_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    fonts = sum(size for name, size in sizes.items() if name.endswith(".odttf"))
    assert 0 < fonts < 400_000


def test_without_embedding_there_are_no_font_parts(doc: m.Document) -> None:
    data = render_docx(doc, Theme(), embed_fonts=False)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any(n.endswith(".odttf") for n in names)
    assert b"embedTrueTypeFonts" not in zipfile.ZipFile(io.BytesIO(data)).read(
        "word/settings.xml")


# ---------------------------------------------------------------- language and settings


def test_proofing_language_is_the_briefs(parts: dict[str, bytes]) -> None:
    styles = xml(parts, "word/styles.xml")
    langs = list(styles.iter(qn("w:lang")))
    assert len(langs) == 1 and langs[0].getparent().getparent().tag == qn("w:rPrDefault")
    assert langs[0].get(qn("w:val")) == "en-GB"
    assert langs[0].get(qn("w:bidi")) and langs[0].get(qn("w:eastAsia"))
    theme_lang = xml(parts, "word/settings.xml").find(qn("w:themeFontLang"))
    assert theme_lang.get(qn("w:val")) == "en-GB"


def test_right_to_left_brief_language_fills_the_bidi_slot(doc: m.Document) -> None:
    urdu = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, language="ur-PK"))
    with zipfile.ZipFile(io.BytesIO(render_docx(urdu, Theme(), embed_fonts=False))) as package:
        lang = etree.fromstring(package.read("word/styles.xml")).find(f".//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "ur-PK" and lang.get(qn("w:bidi")) == "ur-PK"


def test_run_fonts_fill_every_slot(parts: dict[str, bytes]) -> None:
    styles = xml(parts, "word/styles.xml")
    normal = next(s for s in styles.iter(qn("w:style")) if s.get(qn("w:styleId")) == "Normal")
    fonts = normal.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{slot}")), slot


def test_update_fields_on_open_is_an_option(doc: m.Document, parts: dict[str, bytes]) -> None:
    assert xml(parts, "word/settings.xml").find(qn("w:updateFields")) is None
    data = render_docx(doc, Theme(), update_fields=True, embed_fonts=False)
    settings = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml"))
    names = [etree.QName(c).localname for c in settings]
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    assert names.index("updateFields") < names.index("endnotePr") < names.index("compat")


def test_a_title_over_255_characters_is_clipped_in_the_properties_only(
        doc: m.Document) -> None:
    title = "A very long title " * 20
    long = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, title=title,
                                                             subject="s" * 300))
    data = render_docx(long, Theme(), embed_fonts=False)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = package.read("docProps/core.xml").decode()
        body = package.read("word/document.xml").decode()
    assert title.strip() in body
    clipped = etree.fromstring(core.encode()).find(
        "{http://purl.org/dc/elements/1.1/}title").text
    assert len(clipped) <= 255 and clipped.endswith("\u2026")


# ---------------------------------------------------------------- column widths


def test_columns_are_never_narrower_than_their_longest_word() -> None:
    measure = ColumnMeasure(Theme())
    heads = ["Figure", "What it counts", "Compiled by", "Reported in"]
    cells = [["more than 1,500"], ["Deaths from violence, 2023"], ["CRSS"], ["Mastung report"]]
    widths = measure.widths(heads, cells, 9500)
    assert sum(widths) == 9500
    for head, width in zip(heads, widths, strict=True):
        longest = max(measure.width(w, bold=True) for w in head.split())
        assert width >= longest + 200, head


def test_glossary_terms_fit_their_column(doc: m.Document) -> None:
    entry = m.GlossaryEntry("Jamaat-ul-Ahrar", "", (m.Text("A splinter faction."),))
    block = m.Glossary((entry, dataclasses.replace(entry, term="Lashkar-e-Taiba")))
    data = render_docx(dataclasses.replace(doc, blocks=(block,)), Theme(), embed_fonts=False)
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    table = body.findall(f".//{qn('w:tbl')}")[-1]
    term_width = int(table.find(f".//{qn('w:gridCol')}").get(qn("w:w")))
    assert term_width >= ColumnMeasure(Theme()).width("Jamaat-ul-Ahrar", bold=True) + 200


# ---------------------------------------------------------------- LibreOffice


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler is not installed")
def test_libreoffice_draws_the_arabic_glossary_with_the_embedded_font(
        data: bytes, tmp_path: Path) -> None:
    if arabic_font_path() is None:
        pytest.skip("the Arabic font package is missing")
    path = tmp_path / "brief.docx"
    path.write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "brief.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout
    assert "NotoSansArabic" in fonts  # not installed here: it can only come from the DOCX
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    words = URDU.split()
    assert any(word in text or word[::-1] in text for word in words)
