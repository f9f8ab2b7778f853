from briefgen.charts.data import event_date, format_chart_number, series_labels


def test_numbers_follow_the_brief_language() -> None:
    assert format_chart_number(22500) == "22,500"
    assert format_chart_number(22500, "fr") == "22\u202f500"
    assert format_chart_number(1234.5, "de-DE") == "1.234,5"
    assert format_chart_number(-2500) == "\u22122,500"
    assert series_labels([56.0, None], True) == ("56%", "")


def test_huge_numbers_stay_short() -> None:
    assert format_chart_number(1e300) == "1 × 10³⁰⁰"
    assert format_chart_number(3.2e9) == "3.2 billion"
    assert format_chart_number(1.7e6) == "1.7 million"


def test_timeline_dates_print_one_way() -> None:
    printed = [event_date(t)[1] for t in ("2007", "2014-06", "2023-01-30", "Aug 2021",
                                            "8 June 2014")]  # type: ignore[index]
    assert printed == ["2007", "Jun 2014", "30 Jan 2023", "Aug 2021", "8 Jun 2014"]


def test_impossible_dates_are_refused() -> None:
    assert [event_date(t) for t in ("2024-02-30", "2014-13", "soon", "Foo 2014")] == [None] * 4
