"""A fact's qualifier and period must be what its quote (or its source's date) says."""

import datetime as dt

from briefgen.provenance.qualifiers import (
    period_problem,
    qualifier_problem,
    qualifiers_near,
    source_years,
)
from briefgen.source.schema import Fact, Source

DATED = Source(id="s", title="S", date=dt.date(2023, 1, 31))
UNDATED = Source(id="s", title="S", date_note="not printed; content implies late 2024 (inferred)")


def _fact(quote: str, value: float = 100, qualifier: str = "", period: str | None = None
          ) -> Fact:
    return Fact(id="f", value=value, source="s", quote=quote, qualifier=qualifier, period=period)


def test_qualifier_next_to_the_number() -> None:
    assert qualifiers_near(_fact("killing at least 100 people"), "killing at least 100 people") \
        == ({"at least"}, 1)
    assert qualifier_problem(_fact("killing at least 100 people", qualifier="at least")) is None
    assert qualifier_problem(_fact("nearly 1.7 million Afghans", 1_700_000, "nearly")) is None
    assert qualifier_problem(_fact("Out of the 100 attacks")) is None


def test_changed_or_dropped_qualifier() -> None:
    assert qualifier_problem(_fact("killing at least 100 people", qualifier="more than")) == (
        "qualifier 'more than' of fact 'f' is not in its quote next to the number (the quote "
        "has 'at least')")
    assert qualifier_problem(_fact("killing 100 people", qualifier="about")) == (
        "qualifier 'about' of fact 'f' is not in its quote next to the number (the quote has "
        "no qualifier)")
    assert qualifier_problem(_fact("over 100 people died")) == (
        "fact 'f' has no qualifier but its quote says 'over' before the number")


def test_source_years_from_date_or_inferred_note() -> None:
    assert source_years(DATED) == {2023}
    assert source_years(UNDATED) == {2024}


def test_period_in_the_quote() -> None:
    fact = _fact("100 deaths in 2023", period="2023")
    assert period_problem(fact, DATED, None) is None
    fact = _fact("100 deaths in 2023", period="2022")
    assert period_problem(fact, DATED, None) == (
        "period '2022' of fact 'f' does not match its quote, which refers to 2023")


def test_period_relative_to_the_source_date() -> None:
    assert period_problem(_fact("100 attacks last year", period="2022"), DATED, None) is None
    assert "refers to 2022" in (period_problem(_fact("100 attacks last year", period="2021"),
                                               DATED, None) or "")
    fact = _fact("a 56% rise in 2023", 56, period="2023 compared with 2022")
    assert period_problem(fact, DATED, None) is not None
    text = "Fatalities saw a 56% rise in 2023 compared to the previous year. Other news."
    assert period_problem(fact, DATED, text) is None


def test_period_from_the_sentence_around_the_quote() -> None:
    text = "In 2023 around 1,100 died. Nearly 400 of these were police. In 2014 it began."
    fact = _fact("Nearly 400 of these were police.", 400, "nearly", "2023")
    assert period_problem(fact, DATED, text) is None
    fact = _fact("Nearly 400 of these were police.", 400, "nearly", "2014")
    assert period_problem(fact, DATED, text) == (
        "period '2014' of fact 'f' does not match its quote and the sentence around it, which "
        "refers to 2023")


def test_period_without_time_in_the_quote_is_the_sources_date() -> None:
    fact = _fact("100 fighters are advancing", period="late 2024 (inferred)")
    assert period_problem(fact, UNDATED, "100 fighters are advancing now.") is None
    fact = _fact("100 fighters are advancing", period="late 2023 (inferred)")
    assert period_problem(fact, UNDATED, "100 fighters are advancing now.") == (
        "period 'late 2023 (inferred)' of fact 'f' does not match its source's date (2024); "
        "neither its quote nor the sentence around it says when")
