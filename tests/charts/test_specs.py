import textwrap
from pathlib import Path

import pytest

from briefgen.charts.data import ChartData, Series, TimelinePoint
from briefgen.charts.specs import check_chart_data, too_many
from briefgen.errors import BriefError
from briefgen.pipeline import prepare


class Ctx:
    """A stand-in for assemble's context that only collects problems."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, loc: tuple, message: str) -> None:
        self.problems.append(message)


def _check(data: ChartData) -> list[str]:
    ctx = Ctx()
    check_chart_data(data, ctx, ("sections", 0))  # type: ignore[arg-type]
    return ctx.problems


def _bar(*values: float | None) -> ChartData:
    cats = tuple(f"c{i}" for i in range(len(values)))
    return ChartData("bar", "t", cats, (Series("", tuple(values), ("",) * len(values)),))


def test_nan_and_infinity_are_refused() -> None:
    assert "not a finite number" in _check(_bar(1.0, float("nan")))[0]
    assert "not a finite number" in _check(_bar(float("inf"), 2.0))[0]


def test_an_empty_series_is_refused() -> None:
    assert _check(_bar(None, None)) == ["the series has no values: every cell is blank"]


def test_a_single_value_is_refused_with_advice() -> None:
    assert "use a table" in _check(_bar(5.0))[0]


def test_an_empty_timeline_is_refused() -> None:
    assert _check(ChartData("timeline", "t", (), ())) == [
        "a timeline needs at least one dated event"]
    assert _check(ChartData("timeline", "t", (), (), events=(TimelinePoint(2000.5, "2000",
                                                                            "x"),))) == []


def test_more_points_than_a_chart_can_show_are_refused_with_advice() -> None:
    assert too_many("line", 2000) is None
    message = too_many("line", 1_000_000)
    assert message is not None and "1,000,000 points" in message and "incidents:" in message
    assert "61 bars" in (too_many("bar", 61) or "")


def _brief(tmp_path: Path, chart: str, csv: str) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "d.csv").write_text(csv, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(textwrap.dedent("""\
        sources:
          - id: s1
            title: A report
            outlet: An outlet
            date: 2023-01-31
            url: https://example.org/report
        """), encoding="utf-8")
    (tmp_path / "brief.yaml").write_text(textwrap.dedent("""\
        title: A brief
        authors: [{name: Someone}]
        date: 2024-01-01
        sources: sources.yaml
        sections:
          - title: One
            blocks:
              - chart:
        """) + textwrap.indent(chart, " " * 18), encoding="utf-8")
    return tmp_path


def test_a_huge_line_chart_is_refused_at_its_line(tmp_path: Path) -> None:
    rows = "".join(f"{i},{i}\n" for i in range(3000))
    brief = _brief(tmp_path, "kind: line\ntitle: T\ndata: data/d.csv\nx: x\ny: y\nsource: s1\n",
                   "x,y\n" + rows)
    with pytest.raises(BriefError) as err:
        prepare(brief)
    text = str(err.value)
    assert "brief.yaml:" in text and "3,000 points" in text and "incidents:" in text


def test_nan_in_a_csv_is_refused_at_its_line(tmp_path: Path) -> None:
    brief = _brief(tmp_path, "kind: bar\ntitle: T\ndata: data/d.csv\nx: x\ny: y\nsource: s1\n",
                   "x,y\na,1\nb,nan\n")
    with pytest.raises(BriefError) as err:
        prepare(brief)
    assert "brief.yaml:" in str(err.value) and "finite" in str(err.value)
