from pathlib import Path

from briefgen.source.schema import FactsFile
from briefgen.source.validation import validate_doc
from briefgen.source.yamlfile import read_yaml


def _facts(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    f = tmp_path / "facts.yaml"
    f.write_text(text)
    parsed, problems = validate_doc(read_yaml(f, "facts.yaml"), FactsFile)
    return parsed, [str(p) for p in problems]


def test_numbers_written_in_text_fields_keep_their_text(tmp_path: Path) -> None:
    parsed, problems = _facts(tmp_path, "facts:\n  - {id: a, value: 0123, period: 2022.10, "
                                        "unit: NO, source: s}\n")
    assert problems == []
    fact = parsed.facts[0]  # type: ignore[attr-defined]
    assert (fact.value, fact.period, fact.unit) == (123, "2022.10", "NO")


def test_messages_are_plain(tmp_path: Path) -> None:
    _parsed, problems = _facts(tmp_path, "facts:\n  - {id: a, value: many, source: s}\n"
                                         "  - {id: b, value: 1, source: s, decimals: 9}\n"
                                         "  - {id: c, value: 1, source: s, sorce: t}\n")
    assert problems == [
        "facts.yaml:2: facts[0].value: not a number ('many')",
        "facts.yaml:3: facts[1].decimals: Input should be less than or equal to 3",
        "facts.yaml:4: facts[2].sorce: unknown key 'sorce' (did you mean 'source'?)",
    ]


def test_override_origins_take_the_blame(tmp_path: Path) -> None:
    from briefgen.source.schema import Brief

    f = tmp_path / "brief.yaml"
    f.write_text("title: x\ndate: later\nsections: [{title: a}]\n")
    _parsed, problems = validate_doc(read_yaml(f, "brief.yaml"), Brief,
                                     {("date",): "--set date=later"})
    assert [str(p) for p in problems] == [
        "--set date=later: not a date ('later'; write YYYY-MM-DD, e.g. 2026-12-01)"]


def test_series_and_number_are_one_short_line_each(tmp_path: Path) -> None:
    from briefgen.errors import code_for
    from briefgen.source.schema import Brief

    f = tmp_path / "brief.yaml"
    f.write_text("title: x\ndate: 2026-01-01\nsections: [{title: a}]\nseries: South Asia Brief\n"
                 "series_number: 7\n")
    parsed, problems = validate_doc(read_yaml(f, "brief.yaml"), Brief)
    assert problems == []
    assert (parsed.series, parsed.series_number) == ("South Asia Brief", "7")  # type: ignore[union-attr]
    f.write_text("title: x\ndate: 2026-01-01\nsections: [{title: a}]\n"
                 "series: \"Asia\\nBrief\"\nseries_number: 0\n")
    _parsed, problems = validate_doc(read_yaml(f, "brief.yaml"), Brief)
    messages = [str(p) for p in problems]
    assert any("series: should be one line" in m for m in messages), messages
    assert any("series_number: should be a whole number from 1" in m for m in messages), messages
    assert {code_for(p.message).code for p in problems} == {"BG106"}
