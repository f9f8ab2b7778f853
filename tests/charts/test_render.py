import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from briefgen.charts.columns import BAR_IN
from briefgen.charts.data import ChartData, Series, TimelinePoint
from briefgen.charts.render import chart_look, draw_figure, render_chart
from briefgen.pipeline import prepare
from briefgen.theme import Theme
from tests.charts.conftest import overlaps, text_boxes

ROOT = Path(__file__).parents[2]


def _bar() -> ChartData:
    return ChartData("barh", "Attacks in 2022 by perpetrator", ("TTP", "Others"),
                     (Series("", (86.0, 176.0), ("86", "176")),), xlabel="Attacks")


def _series(*values: tuple[float | None, ...]) -> tuple[Series, ...]:
    names = ("BLA", "ISIS-K", "TTP", "Unidentified armed group", "Other")
    return tuple(Series(names[i], v, tuple("" if x is None else f"{x:,.0f}" for x in v))
                 for i, v in enumerate(values))


def every_kind() -> list[ChartData]:
    """One chart of each kind, with the hard cases: thin segments, long labels, crowded dates."""
    years = ("2019", "2020", "2021", "2022", "2023", "2024")
    stack = _series((68, 68, 92, 69, 89, 89), (91, 17, 40, 103, 70, 120),
                    (119, 198, 190, 378, 464, 685), (82, 103, 214, 159, 283, 373),
                    (132, 300, 140, 155, 257, 318))
    crowded = tuple(TimelinePoint(2021 + i / 12, f"{m} 2021", f"Event number {i} in a row")
                    for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun")))
    return [
        ChartData("bar", "t", years, stack[:1], ylabel="Fatalities"),
        ChartData("grouped_bar", "t", years, stack[:2]),
        ChartData("stacked_bar", "t", years, stack, ylabel="Fatalities"),
        ChartData("stacked_bar", "t", ("2023 deaths",), _series((400,), (700,))),
        ChartData("barh", "t", ("A rather long category label that must wrap", "B", "C"),
                  _series((1500, 1100, 1000)), xlabel="Deaths"),
        ChartData("barh", "t", ("A", "B"), _series((10, 20), (30, 40))),
        ChartData("line", "t", tuple(str(y) for y in range(1990, 2025)),
                  _series(tuple(float(i) for i in range(35)),
                          tuple(float(i * 2) for i in range(35))),
                  ylabel="Deaths"),
        ChartData("timeline", "t", (), (), events=crowded),
        ChartData("grouped_bar", "t", years, stack[1:4], value_labels=False, ylabel="Deaths"),
        ChartData("stacked_bar", "t", years, stack, value_labels=False),
        ChartData("barh", "t", ("A", "B"), _series((1200, 30000)), value_labels=False),
        ChartData("bar", "t", years, stack[:1], value_labels=False),
    ]


def brief_charts() -> list[ChartData]:
    charts: list[ChartData] = []
    for brief in ("examples/pakistan-dual-taliban", "examples/province-incidents",
                  "tests/fixtures/mini"):
        assembled, _theme = prepare(ROOT / brief)
        charts.extend(assembled.charts.values())
    return charts


@pytest.mark.parametrize("data", every_kind() + brief_charts(), ids=lambda d: d.kind)
def test_no_two_texts_overlap_and_none_is_cut_off(data: ChartData,
                                                  look: dict[str, Any]) -> None:
    boxes = text_boxes(data, look)
    assert list(overlaps(boxes)) == []
    art = render_chart(data, look)
    width, height = art.width_in * art.dpi, art.height_in * art.dpi
    cut = [t for t, b in boxes if b.x0 < -1 or b.y0 < -1 or b.x1 > width + 1 or b.y1 > height + 1]
    assert cut == []


def test_labelled_values_need_no_value_axis_or_gridlines(look: dict[str, Any]) -> None:
    svg = render_chart(every_kind()[0], look).svg.decode()
    assert "ytick" not in svg and "xtick" not in svg and "grid" not in svg
    assert svg.count(">442<") <= 1 and "Fatalities" in svg  # units in the subtitle, value once
    plain = render_chart(every_kind()[-1], look).svg.decode()
    assert "ytick" in plain  # without labels the values need their axis


def test_every_bar_has_one_thickness(look: dict[str, Any]) -> None:
    three, seven = (render_chart(ChartData("barh", "t", tuple("ABCDEFG"[:n]),
                                           _series(tuple(range(1, n + 1)))), look)
                    for n in (3, 7))
    assert seven.height_in > three.height_in  # the height follows the number of bars
    from matplotlib.patches import Rectangle

    heights = set()
    for data in (ChartData("barh", "t", ("A", "B", "C"), _series((1, 2, 3))),
                 ChartData("barh", "t", tuple("ABCDEFG"), _series(tuple(range(1, 8))))):
        fig = draw_figure(data, look)
        ax = fig.axes[0]
        per_in = abs(ax.get_ylim()[1] - ax.get_ylim()[0]) / (ax.get_position().height
                                                             * fig.get_size_inches()[1])
        heights |= {round(p.get_height() / per_in, 3) for p in ax.patches
                    if isinstance(p, Rectangle)}
    assert heights == {BAR_IN}  # in inches, whatever the number of bars


def test_legend_reads_in_stack_order(look: dict[str, Any]) -> None:
    data = every_kind()[2]
    names = [s.name for s in data.series]
    texts = [(box.y0, t.replace("\n", " ")) for t, box in text_boxes(data, look)
             if t.replace("\n", " ") in names]
    top_down = [t for _y, t in sorted(texts, reverse=True)]
    assert top_down == list(reversed(names))  # the top entry is the top of the stack


def test_one_category_becomes_a_100_percent_bar(look: dict[str, Any]) -> None:
    texts = [t for t, _box in text_boxes(every_kind()[3], look)]
    assert texts == ["BLA\n400", "ISIS-K\n700"]  # named and valued once, no legend, no axis


def test_chart_text_is_never_maths(look: dict[str, Any]) -> None:
    data = ChartData("barh", "t", ("$5 to $10", "a_b^c"), _series((1, 2)),
                     xlabel="Cost in $ (from $5)")
    svg = render_chart(data, look).svg.decode()
    assert "$5 to $10" in svg and "a_b^c" in svg and "Cost in $ (from $5)" in svg


def test_huge_values_print_briefly(look: dict[str, Any]) -> None:
    data = ChartData("barh", "t", ("a", "b"), (Series("", (1e300, 2e300), ("1 × 10³⁰⁰",
                                                                          "2 × 10³⁰⁰")),))
    art = render_chart(data, look)
    assert "10³⁰⁰" in art.svg.decode()


def test_png_is_at_least_200_dpi_and_svg_keeps_text() -> None:
    theme = Theme()
    art = render_chart(_bar(), chart_look(theme))
    image = Image.open(io.BytesIO(art.png))
    assert image.width >= theme.chart.width_in * 200 - 1
    svg = art.svg.decode()
    assert "<text" in svg and "TTP" in svg and "176" in svg  # text stays text (searchable)
    assert "DejaVu Sans" in svg


def test_rendering_is_deterministic(look: dict[str, Any]) -> None:
    first, second = render_chart(_bar(), look), render_chart(_bar(), look)
    assert first.svg == second.svg and first.png == second.png


def test_every_kind_renders(look: dict[str, Any]) -> None:
    urdu = ChartData("line", "t", ("۲۰۲۰", "۲۰۲۱"), _series((1.0, 2.0), (2.0, 1.0)))
    for data in [*every_kind(), urdu]:
        art = render_chart(data, look)
        assert art.svg.startswith(b"<?xml") and art.png.startswith(b"\x89PNG")


def test_alt_text_lists_the_values() -> None:
    alt = _bar().alt_text()
    assert alt == ("Horizontal bar chart: Attacks in 2022 by perpetrator. TTP 86; Others 176.")


def test_the_drawing_code_hash_covers_every_drawing_module() -> None:
    from briefgen.charts import render

    folder = Path(render.__file__).parent
    drawing = {f.stem for f in folder.glob("*.py")} - {"__init__", "cache", "specs"}
    assert drawing == set(render.DRAWING_MODULES)
    assert len(render.drawing_code_hash()) == 12
