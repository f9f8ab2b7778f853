from typing import Any

from briefgen.charts.data import ChartData, Series
from briefgen.charts.render import render_chart
from briefgen.charts.shaping import needs_shaping, script_font, shape_block
from briefgen.charts.text import family_file, text_width
from tests.charts.conftest import overlaps, text_boxes

URDU = "تحریک طالبان پاکستان"


def test_complex_scripts_are_recognised() -> None:
    assert needs_shaping(URDU) and needs_shaping("हिन्दी") and needs_shaping("ภาษาไทย")
    assert not needs_shaping("Tehrik-i-Taliban Pakistan, 2023 – “TTP”")


def test_a_font_is_found_for_each_script() -> None:
    for text in (URDU, "हिन्दी", "ភាសាខ្មែរ", "ภาษาไทย"):
        font = script_font(text)
        assert font is not None and "Italic" not in font.name


def test_arabic_letters_join() -> None:
    base = family_file("DejaVu Sans")
    joined = shape_block("بببب", 10, base)
    apart = shape_block("ب ب ب ب", 10, base)
    assert joined is not None and apart is not None
    assert joined.width < apart.width * 0.8  # joined forms, not four isolated letters


def test_an_arabic_label_is_drawn_as_shaped_outlines(look: dict[str, Any]) -> None:
    data = ChartData("barh", "t", (f"{URDU} (TTP)", "Others"),
                     (Series("", (86.0, 176.0), ("86", "176")),))
    boxes = text_boxes(data, look)
    assert any(t.startswith(URDU) for t, _b in boxes)  # placed as a shaped artist
    assert list(overlaps(boxes)) == []
    svg = render_chart(data, look).svg.decode()
    assert URDU not in svg and "Others" in svg  # outlines, not unshaped text; Latin stays text
    assert text_width(URDU, 9, "DejaVu Sans") > 0.3
