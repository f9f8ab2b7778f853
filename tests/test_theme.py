from pathlib import Path

import pytest

from briefgen.errors import BriefError
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
    assert serif.fonts.body == "IBM Plex Serif" and letter.fonts.body == "DejaVu Sans"
    assert load_theme(find_style("default")).fonts.body == "Source Serif 4"


def test_a_style_file_path_works(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\npage: {size: Letter}\n")
    assert load_theme(find_style(str(path))).page.size == "Letter"


BAD_STYLES = [
    ('colors:\n  text: "#GGG"\n', 2, "colors.text: '#GGG' is not a colour"),
    ("page:\n  margins_mm: {top: 200}\n", 2, "page.margins_mm.top: 200 is too large (at most 80)"),
    ("page:\n  margins_mm: {left: 70, right: 70}\n", 1, "page: margins leave a text block of 70"),
    ("sizes:\n  body: 0\n", 2, "sizes.body: 0 is too small (at least 6)"),
    ("chart:\n  dpi: 100000\n", 2, "chart.dpi: 100000 is too large (at most 600)"),
    ("grid: {side_column: middle}\n", 1, "grid.side_column: 'middle' is not one of the choices"),
    ("grid: {measure: 120}\n", 1, "grid.measure: 120 is too large (at most 80)"),
    ("name: x\ncolours: {}\n", 2, "colours: unknown key 'colours'"),
    ("page: [1\n", 2, "YAML syntax"),
    ("- a\n", 1, "a style file is a mapping"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD_STYLES)
def test_a_bad_style_is_a_located_error(tmp_path: Path, text: str, line: int,
                                        message: str) -> None:
    path = tmp_path / "style.yaml"
    path.write_text(text)
    with pytest.raises(BriefError) as caught:
        load_theme(path)
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith(f"{path}:{line}: ") and message in s for s in shown), shown


def test_a_missing_style_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_theme(tmp_path / "none.yaml")
