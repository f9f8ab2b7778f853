import io

from PIL import Image

from briefgen.charts.data import ChartData, Series, TimelinePoint
from briefgen.charts.render import chart_look, render_chart
from briefgen.theme import Theme


def _bar() -> ChartData:
    return ChartData("barh", "Attacks in 2022 by perpetrator", ("TTP", "Others"),
                     (Series("", (86.0, 176.0), ("86", "176")),), xlabel="Attacks")


def test_png_is_at_least_200_dpi_and_svg_keeps_text() -> None:
    theme = Theme()
    art = render_chart(_bar(), chart_look(theme))
    image = Image.open(io.BytesIO(art.png))
    assert image.width >= theme.chart.width_in * 200 - 1
    svg = art.svg.decode()
    assert "<text" in svg and "TTP" in svg and "176" in svg  # text stays text (searchable)
    assert "DejaVu Sans" in svg


def test_rendering_is_deterministic() -> None:
    look = chart_look(Theme())
    first, second = render_chart(_bar(), look), render_chart(_bar(), look)
    assert first.svg == second.svg and first.png == second.png


def test_every_kind_renders() -> None:
    look = chart_look(Theme())
    series = (Series("a", (1.0, 2.0), ("1", "2")), Series("b", (3.0, None), ("3", "")))
    for kind in ("bar", "grouped_bar", "stacked_bar", "barh", "line"):
        art = render_chart(ChartData(kind, "t", ("x", "y"), series), look)
        assert art.svg.startswith(b"<?xml") and art.png.startswith(b"\x89PNG")
    timeline = ChartData("timeline", "t", (), (), events=(TimelinePoint(2007.5, "2007", "A"),
                                                          TimelinePoint(2021.6, "Aug 2021", "B")))
    assert b"Aug 2021" in render_chart(timeline, look).svg


def test_alt_text_lists_the_values() -> None:
    alt = _bar().alt_text()
    assert alt == ("Horizontal bar chart: Attacks in 2022 by perpetrator. TTP 86; Others 176.")
