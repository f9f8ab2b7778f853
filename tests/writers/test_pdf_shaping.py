"""Shaped paragraphs: bidi levels, visual order, line breaks, and text that extracts in order."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from briefgen.fonts import find_family
from briefgen.theme import Theme
from briefgen.writers.pdf.fonts import register_fonts
from briefgen.writers.pdf.shaping import (
    ShapedParagraph,
    Span,
    _glyph_texts,
    bidi_levels,
    break_points,
    needs_shaping,
    visual_order,
)

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def test_complex_scripts_are_recognised() -> None:
    for text in ("اردو", "עברית", "हिन्दी", "தமிழ்", "ไทย", "ខ្មែរ", "ລາວ", "မြန်မာ", "中文"):
        assert needs_shaping(text), text
    for text in ("Plain English", "Русский", "Ελληνικά", "Tiếng Việt"):
        assert not needs_shaping(text), text


def test_bidi_levels_follow_the_unicode_algorithm() -> None:
    levels, base = bidi_levels("abc אבג 123 def")
    assert base == 0
    assert levels[4:7] == [1, 1, 1]  # Hebrew letters
    assert levels[8:11] == [2, 2, 2]  # a number inside right-to-left text
    levels, base = bidi_levels("اردو English")
    assert base == 1 and levels[0] == 1 and levels[5] == 2
    assert bidi_levels("English اردو", rtl=True)[1] == 1  # the brief's language may decide


def test_visual_order_reverses_right_to_left_runs() -> None:
    assert visual_order([0, 1, 0]) == [0, 1, 2]
    assert visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]
    assert visual_order([1, 2, 1]) == [2, 1, 0]


def test_lines_break_at_spaces_and_between_cjk_characters() -> None:
    assert break_points("one two") == [4, 7]
    assert break_points("北京市") == [1, 2, 3]
    assert break_points("北京。") == [1, 3]  # no line starts with a full stop


def test_cluster_text_is_dealt_to_glyphs_in_drawing_order() -> None:
    # Khmer 'ន្លេ': the pre-base vowel is drawn first but must extract after the consonant.
    assert _glyph_texts("ន្លេ", [0, 0, 0], [500, 600, 0], rtl=False) == ["ន", "្លេ", ""]
    assert _glyph_texts("لا", [0, 0], [0, 700], rtl=True) == ["", "لا"]


def _render(paragraphs: list[ShapedParagraph]) -> str:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(list(paragraphs))
    text = "".join(page.extract_text() for page in PdfReader(buffer).pages)
    return " ".join(text.translate(BIDI_CONTROLS).split())


@pytest.fixture(scope="module")
def fonts():  # type: ignore[no-untyped-def]
    return register_fonts(Theme())


def _spans(fonts, text: str, bold: bool = False, link: str = "") -> list[Span]:  # type: ignore[no-untyped-def]
    return [Span(piece, face, 10, black, link=link)
            for piece, face in fonts.role("body").split(text, bold, False)]


@pytest.mark.parametrize("text", [
    "The Mekong is แม่น้ำโขง in Thai.",
    "ភ្នំពេញ is the capital.",
    "नमस्ते दुनिया and दिल्ली",
    "சென்னை in Tamil",
    "北京 and 湄公河",
    "Москва and Αθήνα",
])
def test_shaped_text_extracts_in_logical_order(fonts, text: str) -> None:  # type: ignore[no-untyped-def]
    if any(fonts.role("body").chain.missing(text) for _ in [0]):
        pytest.skip("no installed font covers this script")
    assert text in _render([ShapedParagraph(_spans(fonts, text), 14)])


def test_bold_and_linked_runs_are_shaped_in_their_own_faces(fonts) -> None:  # type: ignore[no-untyped-def]
    if find_family("Noto Sans Thai") is None:
        pytest.skip("Noto Sans Thai is not installed")
    spans = [*_spans(fonts, "Bold กรุงเทพ", bold=True), *_spans(fonts, " and "),
             *_spans(fonts, "เชียงใหม่", link="https://example.org/")]
    paragraph = ShapedParagraph(spans, 14)
    assert {span.font for span in paragraph.spans} >= {"bg-NotoSansThai-Bold", "bg-NotoSansThai"}
    assert "Bold กรุงเทพ and เชียงใหม่" in _render([paragraph])


def test_right_to_left_paragraphs_align_right_and_wrap(fonts) -> None:  # type: ignore[no-untyped-def]
    urdu = "اردو ایک زبان ہے جو پاکستان اور بھارت میں بولی جاتی ہے۔ " * 6
    paragraph = ShapedParagraph(_spans(fonts, urdu.strip()), 14)
    assert paragraph.rtl and paragraph.align == "right"
    paragraph.wrap(200, 1000)
    assert paragraph.lines is not None and len(paragraph.lines) > 3
    parts = paragraph.split(200, 14 * 2 + 5)
    assert len(parts) == 2
    text = _render([ShapedParagraph(_spans(fonts, urdu.strip()), 14)])
    assert "پاکستان" in text


def test_an_overlong_word_breaks_inside_at_a_cluster(fonts) -> None:  # type: ignore[no-untyped-def]
    paragraph = ShapedParagraph(_spans(fonts, "กรุงเทพมหานครอมรรัตนโกสินทร์" * 3), 14)
    paragraph.wrap(80, 1000)
    assert paragraph.lines is not None and len(paragraph.lines) > 2
    assert all(paragraph._width(a, b) <= 80 for a, b in paragraph.lines)


def test_the_brief_language_sets_line_breaking() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from briefgen.writers.pdf.context import Context

    class _Styles:
        fonts = None

    style = ParagraphStyle("body")
    chinese = Context(_Styles(), 100, 100, language="zh-Hans")  # type: ignore[arg-type]
    assert chinese.in_language(style).wordWrap == "CJK"
    urdu = Context(_Styles(), 100, 100, language="ur")  # type: ignore[arg-type]
    assert urdu.rtl_language and not Context(_Styles(), 100, 100).rtl_language  # type: ignore[arg-type]
