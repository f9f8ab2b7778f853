from pathlib import Path

import pytest

from briefgen.theme import available_styles, find_style, load_theme


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_three_styles_ship() -> None:
    assert {"default", "house-serif", "us-letter"} <= set(available_styles())


@pytest.mark.parametrize("name", ["default", "house-serif", "us-letter"])
def test_style_colours_have_sufficient_contrast(name: str) -> None:
    theme = load_theme(find_style(name))
    white = "#ffffff"
    # WCAG 2.1: body text 4.5:1, graphics (chart marks) 3:1.
    assert _contrast(theme.colors.text, white) >= 4.5
    assert _contrast(theme.colors.heading, white) >= 4.5
    assert _contrast(theme.colors.muted, white) >= 4.5
    assert _contrast(theme.colors.text, theme.colors.callout_bg) >= 4.5
    assert _contrast(theme.colors.table_header_text, theme.colors.table_header_bg) >= 4.5
    for colour in theme.palette:
        assert _contrast(colour, white) >= 3.0, colour


def test_styles_differ_in_page_size_and_font() -> None:
    serif = load_theme(find_style("house-serif"))
    letter = load_theme(find_style("us-letter"))
    assert serif.page.size == "A4" and letter.page.size == "Letter"
    assert serif.fonts.body == "DejaVu Serif" and letter.fonts.body == "DejaVu Sans"


def test_a_style_file_path_works(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\npage: {size: Letter}\n")
    assert load_theme(find_style(str(path))).page.size == "Letter"
