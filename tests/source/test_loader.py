from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.source.loader import load_bundle


def _problems(path: Path) -> list[str]:
    with pytest.raises(BriefError) as info:
        load_bundle(path)
    return [str(p) for p in info.value.problems]


def test_loads_the_mini_brief(mini: Path) -> None:
    bundle = load_bundle(mini)
    assert bundle.brief.title.startswith("Mini brief")
    assert set(bundle.sources) == {"report-a", "report-b"}
    assert "group-share-2022" in bundle.facts


def test_unknown_key_suggests_the_closest(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("subtitle:", "subtitel:", 1)
    (mini / "brief.yaml").write_text(text)
    assert _problems(mini) == [
        "mini/brief.yaml:2: subtitel: unknown key 'subtitel' (did you mean 'subtitle'?)"
    ]


def test_every_schema_problem_is_reported(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text()
    text = text.replace("confidence: high", "confidence: certain")
    text = text.replace("kind: barh", "kind: pie")
    (mini / "brief.yaml").write_text(text)
    problems = _problems(mini)
    assert len(problems) == 2
    assert problems[0].startswith("mini/brief.yaml:18: key_judgments[0].confidence: ")
    assert "'low', 'moderate' or 'high'" in problems[0] and "(got 'certain')" in problems[0]
    assert "sections[1].blocks[3].chart.kind" in problems[1]


def test_block_with_two_keys(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace(
        "      - recommendations:", "      - bullets: [x]\n        recommendations:")
    (mini / "brief.yaml").write_text(text)
    problems = _problems(mini)
    assert len(problems) == 1
    assert "a block has exactly one key (got: bullets, recommendations)" in problems[0]


def test_problems_in_registers_name_their_file(mini: Path) -> None:
    facts = (mini / "facts.yaml").read_text().replace("value: 262,", "valeu: 262,")
    (mini / "facts.yaml").write_text(facts)
    problems = _problems(mini)
    assert problems[0].startswith("mini/facts.yaml:2: facts[0]")
    assert any("unknown key 'valeu' (did you mean 'value'?)" in p for p in problems)


def test_paths_may_not_escape_the_brief(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("sources: sources.yaml",
                                                     "sources: ../../etc/passwd.yaml")
    (mini / "brief.yaml").write_text(text)
    assert _problems(mini) == ["mini/brief.yaml:10: sources: path '../../etc/passwd.yaml' is "
                               "outside the brief folder and its data_roots"]


def test_overrides_set_fields(mini: Path) -> None:
    bundle = load_bundle(mini, {"title": "Other title", "date": "2027-01-02"})
    assert bundle.brief.title == "Other title"
    assert bundle.brief.date.isoformat() == "2027-01-02"


def test_params_are_substituted_and_set_overrides_them(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text()
    text = text.replace("title: \"Mini brief: attacks in Freedonia\"",
                        "params: {region: Freedonia}\ntitle: \"Mini brief: attacks in ${region}\"")
    (mini / "brief.yaml").write_text(text)
    assert load_bundle(mini).brief.title == "Mini brief: attacks in Freedonia"
    other = load_bundle(mini, {"region": "Sylvania"})
    assert other.brief.title == "Mini brief: attacks in Sylvania"


def test_unknown_param_is_reported(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("short_title: Mini brief",
                                                     "short_title: Mini ${regoin}")
    (mini / "brief.yaml").write_text(text)
    assert _problems(mini) == ["mini/brief.yaml:3: short_title: unknown parameter '${regoin}' "
                               "(declared: none)"]
