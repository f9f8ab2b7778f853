"""Unit tests for the raw WordprocessingML helpers."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from briefgen.errors import BriefError
from briefgen.writers.docx import ooxml as ox
from tests.samples import sample_document

URDU = "تحریک طالبان پاکستان"


def local_names(element: ox.Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


# ---------------------------------------------------------------- text checks and scripts


@pytest.mark.parametrize("text", ["plain", "tab\there", "two\nlines", URDU, "émigré – “x”"])
def test_check_text_accepts_xml_safe_text(text: str) -> None:
    ox.check_text(text, "blocks[0]")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\ufffe"])
def test_check_text_rejects_control_characters_naming_the_text(char: str) -> None:
    with pytest.raises(BriefError) as info:
        ox.check_text(f"bad{char}text", "blocks[3].runs[0].text")
    message = str(info.value)
    assert "blocks[3].runs[0].text" in message
    assert "bad" in message
    assert f"U+{ord(char):04X}" in message


def test_split_scripts_keeps_spaces_between_rtl_words_rtl() -> None:
    pieces = ox.split_scripts(f"TTP ({URDU}) group")
    assert pieces == [("TTP (", False), (URDU, True), (") group", False)]


def test_split_scripts_plain_latin_is_one_ltr_piece() -> None:
    assert ox.split_scripts("hello world") == [("hello world", False)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [(URDU, "ur-PK"), ("ټوپک", "ps-AF"), ("الدولة الإسلامية", "ar-SA")],
)
def test_bidi_language_guesses_the_script_language(text: str, lang: str) -> None:
    assert ox.is_rtl(text)
    assert ox.bidi_language(text) == lang


def test_is_rtl_false_for_latin() -> None:
    assert not ox.is_rtl("Tehrik-i-Taliban Pakistan")


# ---------------------------------------------------------------- element building


def test_set_child_keeps_schema_order_and_replaces_same_tag() -> None:
    rpr = ox.el("w:rPr")
    ox.set_child(rpr, ox.el("w:color", {"w:val": "FF0000"}), ox.RPR_ORDER)
    ox.set_child(rpr, ox.el("w:lang", {"w:bidi": "ur-PK"}), ox.RPR_ORDER)
    ox.set_child(rpr, ox.el("w:b"), ox.RPR_ORDER)
    ox.set_child(rpr, ox.el("w:rStyle", {"w:val": "Hyperlink"}), ox.RPR_ORDER)
    ox.set_child(rpr, ox.el("w:color", {"w:val": "00FF00"}), ox.RPR_ORDER)
    assert local_names(rpr) == ["rStyle", "b", "color", "lang"]
    assert rpr.find(qn("w:color")).get(qn("w:val")) == "00FF00"


def test_run_turns_tabs_and_newlines_into_word_elements() -> None:
    r = ox.run(" a\tb\nc", [ox.el("w:b")])
    assert local_names(r) == ["rPr", "t", "tab", "t", "br", "t"]
    first = r.find(qn("w:t"))
    assert first.text == " a"
    assert first.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_rtl_props_mark_run_rtl_with_cs_font_and_bidi_language() -> None:
    r = ox.run(URDU, ox.rtl_props(URDU, "DejaVu Sans"))
    rpr = r.find(qn("w:rPr"))
    assert local_names(rpr) == ["rFonts", "rtl", "cs", "lang"]
    assert rpr.find(qn("w:rFonts")).get(qn("w:cs")) == "DejaVu Sans"
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "ur-PK"


def test_set_bidi_adds_bidi_in_order() -> None:
    p = ox.el("w:p", {}, ox.el("w:pPr", {}, ox.el("w:pStyle", {"w:val": "Normal"}),
                               ox.el("w:jc", {"w:val": "left"})))
    ox.set_bidi(p)
    assert local_names(p.find(qn("w:pPr"))) == ["pStyle", "bidi", "jc"]


def test_field_is_a_complete_complex_field_with_a_result() -> None:
    runs = ox.field("SEQ Figure \\* ARABIC", "3", [ox.el("w:b")])
    kinds = [r.find(qn("w:fldChar")).get(qn("w:fldCharType"))
             for r in runs if r.find(qn("w:fldChar")) is not None]
    assert kinds == ["begin", "separate", "end"]
    assert runs[1].find(qn("w:instrText")).text == " SEQ Figure \\* ARABIC "
    assert runs[3].find(qn("w:t")).text == "3"
    assert all(r.find(qn("w:rPr")) is not None for r in runs)


def test_bookmark_wraps_content_with_matching_ids() -> None:
    start, middle, end = ox.bookmark("_Ref000000001", 7, [ox.run("Figure 1")])
    assert start.get(qn("w:name")) == "_Ref000000001"
    assert start.get(qn("w:id")) == end.get(qn("w:id")) == "7"
    assert middle.find(qn("w:t")).text == "Figure 1"


def test_hyperlink_external_and_internal() -> None:
    external = ox.hyperlink([ox.run("x")], rid="rId9")
    internal = ox.hyperlink([ox.run("x")], anchor="_Toc000000001")
    assert external.get(qn("r:id")) == "rId9"
    assert internal.get(qn("w:anchor")) == "_Toc000000001"
    assert internal.get(qn("r:id")) is None


# ---------------------------------------------------------------- notes


def test_endnotes_root_holds_the_two_separators() -> None:
    root = ox.endnotes_root()
    notes = root.findall(qn("w:endnote"))
    assert [(n.get(qn("w:id")), n.get(qn("w:type"))) for n in notes] == [
        ("-1", "separator"), ("0", "continuationSeparator")]
    assert notes[0].find(f".//{qn('w:separator')}") is not None
    assert notes[1].find(f".//{qn('w:continuationSeparator')}") is not None


def test_endnote_and_reference() -> None:
    note, p = ox.endnote(4, "EndnoteText", "EndnoteReference")
    assert note.get(qn("w:id")) == "4"
    assert p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "EndnoteText"
    assert p.find(f".//{qn('w:endnoteRef')}") is not None
    ref = ox.endnote_reference(4, "EndnoteReference")
    assert ref.find(qn("w:endnoteReference")).get(qn("w:id")) == "4"
    assert ref.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "EndnoteReference"


def test_use_custom_mark_prints_the_given_number() -> None:
    ref = ox.endnote_reference(5, "EndnoteReference")
    ox.use_custom_mark(ref, "5")
    assert ref.find(qn("w:endnoteReference")).get(qn("w:customMarkFollows")) == "1"
    assert ref.find(qn("w:t")).text == "5"
    _, p = ox.endnote(5, "EndnoteText", "EndnoteReference")
    mark = p.find(qn("w:r"))
    ox.use_custom_mark(mark, "5")
    assert mark.find(qn("w:endnoteRef")) is None
    assert mark.find(qn("w:t")).text == "5"


def test_set_endnote_properties_goes_before_compat_and_replaces_old() -> None:
    settings = ox.el("w:settings", {}, ox.el("w:zoom"), ox.el("w:endnotePr"), ox.el("w:compat"),
                     ox.el("w:rsids"))
    ox.set_endnote_properties(settings, True, ("-1", "0"))
    assert local_names(settings) == ["zoom", "endnotePr", "compat", "rsids"]
    props = settings.find(qn("w:endnotePr"))
    assert local_names(props) == ["pos", "numFmt", "endnote", "endnote"]
    assert props.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
    assert props.find(qn("w:pos")).get(qn("w:val")) == "sectEnd"


# ---------------------------------------------------------------- pictures and tables


def _inline() -> ox.Element:
    art = sample_document().charts["chart-1"]
    return docx.Document().part.new_pic_inline(io.BytesIO(art.png), 914400, 457200)


def test_set_alt_text_sets_id_title_and_descr() -> None:
    inline = _inline()
    ox.set_alt_text(inline, 42, "Figure 1", "Figure 1: Attacks", "Bar chart of attacks")
    doc_pr = inline.find(qn("wp:docPr"))
    assert doc_pr.get("id") == "42"
    assert doc_pr.get("descr") == "Bar chart of attacks"
    assert doc_pr.get("title") == "Figure 1: Attacks"


def test_add_svg_blip_keeps_png_blip_and_adds_extension() -> None:
    inline = _inline()
    ox.add_svg_blip(inline, "rId77")
    blip = next(inline.iter(qn("a:blip")))
    assert blip.get(qn("r:embed"))  # the PNG fallback stays the main blip
    ext = blip.find(f"{qn('a:extLst')}/{qn('a:ext')}")
    assert ext.get("uri") == ox.SVG_EXT_URI
    svg = ext[0]
    assert svg.tag == f"{{{ox.SVG_NS}}}svgBlip"
    assert svg.get(qn("r:embed")) == "rId77"


def test_repeat_header_and_keep_row_together() -> None:
    tr = ox.el("w:tr")
    ox.repeat_header(tr)
    ox.repeat_header(tr)
    assert local_names(tr.find(qn("w:trPr"))) == ["cantSplit", "tblHeader"]
    body = ox.el("w:tr")
    ox.keep_row_together(body)
    assert local_names(body.find(qn("w:trPr"))) == ["cantSplit"]


def test_borders_shading_and_colours() -> None:
    bdr = ox.borders("w:pBdr", {"bottom": ("single", 4, "#c5ccd3"), "top": ("nil", 0, "")})
    assert local_names(bdr) == ["top", "bottom"]
    assert bdr.find(qn("w:bottom")).get(qn("w:color")) == "C5CCD3"
    assert ox.shading("#abc").get(qn("w:fill")) == "AABBCC"
    assert ox.hex_color("0b3d5c") == "0B3D5C"


# ---------------------------------------------------------------- scripts and slots


def test_split_by_slot_keeps_each_script_apart_and_spaces_inside() -> None:
    text = "Bangkok กรุงเทพ and 東京 とうきょう, שלום " + URDU
    assert ox.split_by_slot(text) == [
        ("Bangkok ", None), ("กรุงเทพ", "cs"), (" and ", None), ("東京 とうきょう", "ea"),
        (", ", None), ("שלום " + URDU, "rtl")]
    assert ox.split_by_slot("plain, text.") == [("plain, text.", None)]
    # CJK punctuation is East Asian, as Word and LibreOffice class it: it takes that font
    assert ox.split_by_slot("湄公河。Next") == [("湄公河。", "ea"), ("Next", None)]


@pytest.mark.parametrize(("text", "slot", "names", "lang"), [
    ("กรุงเทพ", "cs", ["rFonts", "cs", "lang"], ("bidi", "th-TH")),
    ("東京", "ea", ["rFonts", "lang"], ("eastAsia", "zh-CN")),
    ("とうきょう", "ea", ["rFonts", "lang"], ("eastAsia", "ja-JP")),
    ("שלום", "rtl", ["rFonts", "rtl", "cs", "lang"], ("bidi", "he-IL")),
    (URDU, "rtl", ["rFonts", "rtl", "cs", "lang"], ("bidi", "ur-PK")),
])
def test_script_props_name_the_slot_and_language(text: str, slot: str, names: list[str],
                                                 lang: tuple[str, str]) -> None:
    rpr = ox.run(text, ox.script_props(text, slot)).find(qn("w:rPr"))
    assert local_names(rpr) == names
    hint = "eastAsia" if slot == "ea" else "cs"
    assert rpr.find(qn("w:rFonts")).get(qn("w:hint")) == hint
    assert rpr.find(qn("w:lang")).get(qn(f"w:{lang[0]}")) == lang[1]


def test_lang_element_fills_every_slot() -> None:
    gb = ox.lang_element("en-GB")
    assert (gb.get(qn("w:val")), gb.get(qn("w:bidi"))) == ("en-GB", "ar-SA")
    assert ox.lang_element("th-TH").get(qn("w:bidi")) == "th-TH"
    assert ox.lang_element("ja").get(qn("w:eastAsia")) == "ja"
    assert ox.lang_element("en-GB", "w:themeFontLang").tag == qn("w:themeFontLang")


def test_number_and_tint() -> None:
    assert local_names(ox.number("7")) == ["ilvl", "numId"]
    assert ox.tint("#000000", 0.5) == "808080" and ox.tint("0B3D5C", 0) == "0B3D5C"


def test_set_setting_follows_the_schema_order() -> None:
    settings = parse_xml(f"<w:settings {nsdecls('w')}><w:zoom/><w:defaultTabStop/>"
                         "<w:compat/></w:settings>")
    ox.set_setting(settings, ox.el("w:updateFields", {"w:val": "true"}))
    ox.set_setting(settings, ox.el("w:embedTrueTypeFonts"))
    assert local_names(settings) == ["zoom", "embedTrueTypeFonts", "defaultTabStop",
                                     "updateFields", "compat"]


def _split_char_by_char(text: str) -> list[tuple[str, str | None]]:
    """split_by_slot without its fast path (every character looked up)."""
    saved = ox._SLOTTED
    try:
        ox._SLOTTED = re.compile(".", re.S)  # every text takes the slow path
        return ox.split_by_slot(text)
    finally:
        ox._SLOTTED = saved


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.–‘’“”\u00a0\u2009é ЖΩ1") + [
    "ط", "ا", "ب", "北", "ก", "क", "\u200d", "\u0651"]), max_size=12))
def test_the_fast_path_of_split_by_slot_splits_as_the_slow_one(text: str) -> None:
    assert ox.split_by_slot(text) == _split_char_by_char(text)
