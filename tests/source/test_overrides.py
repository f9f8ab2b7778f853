from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.source.loader import load_bundle


def _problems(mini: Path, sets: dict[str, str]) -> list[str]:
    with pytest.raises(BriefError) as info:
        load_bundle(mini, sets)
    return [str(p) for p in info.value.problems]


def test_unknown_key_names_the_option_fields_and_params(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("style: default",
                                                     "style: default\nparams: {focus: Laos}")
    (mini / "brief.yaml").write_text(text)
    [line] = _problems(mini, {"focuss": "Laos"})
    assert line.startswith("--set focuss=Laos: unknown key (did you mean 'focus'? brief fields: "
                           "title, subtitle, ")
    assert line.endswith("; params: focus)")


def test_a_bad_value_is_blamed_on_the_option(mini: Path) -> None:
    assert _problems(mini, {"date": "tomorrow", "page_size": "A5"}) == [
        "--set date=tomorrow: not a date ('tomorrow'; write YYYY-MM-DD, e.g. 2026-12-01)",
        "--set page_size=A5: Input should be 'A4' or 'Letter' (got 'A5')",
    ]


def test_values_are_text_unless_they_are_a_list(mini: Path) -> None:
    bundle = load_bundle(mini, {"subtitle": "NO", "short_title": "0123",
                                "keywords": "[a, 1.10]", "sections.0.title": "First"})
    assert bundle.brief.subtitle == "NO" and bundle.brief.short_title == "0123"
    assert bundle.brief.keywords == ["a", "1.10"]
    assert bundle.brief.sections[0].title == "First"


def test_parameters_keep_their_written_text(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace(
        "style: default",
        "style: default\nparams: {code: 0123, flag: NO}\nsubject: ${code}-${flag}")
    (mini / "brief.yaml").write_text(text)
    assert load_bundle(mini).brief.subject == "0123-NO"
    assert load_bundle(mini, {"flag": "yes"}).brief.subject == "0123-yes"


@pytest.mark.parametrize(("key", "value", "message"), [
    ("title.main", "x", "'title' is not a mapping, so it has no 'main'"),
    ("sections.7.title", "x", "'sections' has no item 7 (it has 3)"),
    ("keywords", "[a, b", "not a valid YAML list or mapping"),
])
def test_impossible_overrides(mini: Path, key: str, value: str, message: str) -> None:
    [line] = _problems(mini, {key: value})
    assert line.startswith(f"--set {key}={value}: {message}")
