from pathlib import Path

import pytest

import briefgen.assemble.document  # noqa: F401 - registers the later checks, as a build does
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


def test_an_impossible_date_is_one_located_line(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("date: 2026-11-22", "date: 2024-02-30")
    (mini / "brief.yaml").write_text(text)
    assert _problems(mini) == ["mini/brief.yaml:6: date: not a real date ('2024-02-30')"]


def test_text_fields_keep_what_was_written(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("short_title: Mini brief",
                                                     "short_title: 1.10")
    (mini / "brief.yaml").write_text(text)
    text = (mini / "facts.yaml").read_text().replace('period: "2022"', "period: 2022", 1)
    (mini / "facts.yaml").write_text(text)
    bundle = load_bundle(mini)
    assert bundle.brief.short_title == "1.10"
    assert bundle.facts["attacks-2022"].period == "2022"


def test_a_broken_register_does_not_hide_the_other_problems(mini: Path) -> None:
    (mini / "facts.yaml").write_text((mini / "facts.yaml").read_text() + "  - [oops\n")
    text = (mini / "brief.yaml").read_text().replace("kind: barh", "kind: pie")
    text = text.replace("in 2007 [@report-b]", "in 2007 [@report-c]")
    (mini / "brief.yaml").write_text(text)
    problems = _problems(mini)
    assert problems[0].startswith("mini/brief.yaml:43: sections[1].blocks[3].chart.kind: ")
    assert problems[1].startswith("mini/facts.yaml:20: YAML syntax: ")
    assert problems[2].startswith("mini/brief.yaml:25: sections[0].blocks[0].text: unknown "
                                  "source 'report-c'")
    assert not any("unknown fact" in p for p in problems)  # facts.yaml could not be read
    assert len(problems) == 3


def test_untrusted_briefs_keep_to_their_folder(mini: Path, tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    text = (mini / "brief.yaml").read_text().replace(
        "style: default", "style: default\ndata_roots: [../shared, data]")
    (mini / "brief.yaml").write_text(text)
    assert len(load_bundle(mini).roots) == 2
    with pytest.raises(BriefError) as info:
        load_bundle(mini, untrusted=True)
    assert [str(p) for p in info.value.problems] == [
        "mini/brief.yaml:10: data_roots[0]: '../shared' is outside the brief folder; not "
        "allowed for an untrusted brief"]


def test_untrusted_briefs_have_smaller_files(mini: Path) -> None:
    (mini / "brief.yaml").write_text((mini / "brief.yaml").read_text()
                                     + "# " + "x" * 3_000_000 + "\n")
    with pytest.raises(BriefError, match="larger than the limit of 2,097,152"):
        load_bundle(mini, untrusted=True)


def test_unsafe_source_url_is_a_warning(mini: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = (mini / "sources.yaml").read_text().replace("https://example.org/report-a",
                                                        "javascript:alert(1)")
    (mini / "sources.yaml").write_text(text)
    load_bundle(mini)
    assert ("warning: mini/sources.yaml:7: sources[0].url: 'javascript:alert(1)' is not an "
            "http, https or mailto URL; printed as text, not a link") in caplog.messages


def test_untrusted_briefs_cap_their_data_files(mini: Path) -> None:
    from briefgen.assemble.document import assemble
    from briefgen.source.yamlfile import Limits

    bundle = load_bundle(mini, untrusted=True)
    assert bundle.limits.max_data_bytes is not None
    bundle.limits = Limits(max_data_bytes=10)
    with pytest.raises(BriefError) as info:
        assemble(bundle, {})
    assert ("mini/brief.yaml:41: sections[1].blocks[1].chart.data: mini/data/annual.csv is 59 "
            "bytes, larger than the limit of 10 for an untrusted brief") in str(info.value)
