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
