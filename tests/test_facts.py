import pytest

from briefgen.assemble.facts import Resolved, format_value, resolve_facts
from briefgen.numbers import format_number
from briefgen.source.schema import Fact


def _fact(**kw: object) -> Fact:
    base = {"id": "f", "value": 1, "source": "s"}
    base.update(kw)
    return Fact.model_validate(base)


def test_format_number() -> None:
    assert format_number(1500) == "1,500"
    assert format_number(1_700_000) == "1.7 million"
    assert format_number(36.4) == "36.4"
    assert format_number(2600.0) == "2,600"


def test_format_value_keeps_qualifier_and_unit() -> None:
    r = Resolved(_fact(value=100, qualifier="at least", unit="people"), 100, False)
    assert format_value(r) == "at least 100 people"
    assert format_value(r, with_unit=False) == "at least 100"
    pct = Resolved(_fact(value=56, unit="%"), 56, False)
    assert format_value(pct, with_unit=False) == "56%"
    percent = Resolved(_fact(value=57, unit="percent"), 57, False)
    assert format_value(percent, with_unit=False) == "57 percent"


def test_derived_facts_are_computed_and_marked_approximate() -> None:
    facts = {
        "a": _fact(id="a", value=400, qualifier="nearly"),
        "b": _fact(id="b", value=1100, qualifier="around"),
        "share": Fact.model_validate(
            {"id": "share", "unit": "%", "derive": {"op": "share", "of": ["a", "b"]}}
        ),
        "diff": Fact.model_validate(
            {"id": "diff", "derive": {"op": "difference", "of": ["b", "a"]}}
        ),
    }
    resolved = resolve_facts(facts)
    assert resolved["share"].value == 36
    assert format_value(resolved["share"]) == "about 36%"
    assert resolved["diff"].value == 700


@pytest.mark.parametrize(("lang", "expected"), [
    ("en-GB", ["1,234.5", "1.7 million", "3 billion"]),
    ("fr", ["1\u202f234,5", "1,7 million", "3 milliards"]),
    ("de", ["1.234,5", "1,7 Mio.", "3 Mrd."]),
])
def test_format_number_by_language(lang: str, expected: list[str]) -> None:
    assert [format_number(v, lang=lang) for v in (1234.5, 1_700_000, 3e9)] == expected


def test_huge_tiny_and_non_finite_values_print_sensibly() -> None:
    assert format_number(1e300) == "1.0 × 10³⁰⁰"
    assert format_number(-2.5e-7) == "-2.5 × 10⁻⁷"
    assert format_number(1e300, lang="fr") == "1,0 × 10³⁰⁰"
    assert format_number(float("nan")) == format_number(float("inf")) == "—"
    assert len(format_number(1e40)) < 15
