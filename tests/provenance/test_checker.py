import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main


@pytest.fixture
def sources(tmp_path: Path, mini_sources: Path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(mini_sources, target)
    return target


def _check(mini: Path, sources: Path, *extra: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", str(mini), "--sources-dir", str(sources), *extra])
    lines = result.stderr.strip().splitlines()
    return result.exit_code, [re.sub(r" \[BG\d{3}\]$", "", line) for line in lines]


def test_check_passes_on_matching_sources(mini: Path, sources: Path) -> None:
    code, lines = _check(mini, sources)
    assert code == 0, lines


def test_altered_quote_in_source_fails(mini: Path, sources: Path) -> None:
    text = (sources / "report-b.txt").read_text().replace("We will not talk", "We will talk")
    (sources / "report-b.txt").write_text(text)
    code, lines = _check(mini, sources)
    assert code == 1
    assert any("quotation of A. Spokesman not found in report-b.txt (source 'report-b')" in line
               for line in lines)


def test_altered_number_in_source_fails(mini: Path, sources: Path) -> None:
    text = (sources / "report-a.txt").read_text().replace("262 attacks", "263 attacks")
    (sources / "report-a.txt").write_text(text)
    code, lines = _check(mini, sources)
    assert code == 1
    assert "mini/facts.yaml:2: facts[0].quote: quote of fact 'attacks-2022' not found in " \
           "report-a.txt (source 'report-a')" in lines


def test_fact_value_must_appear_in_its_quote(mini: Path, sources: Path) -> None:
    facts = (mini / "facts.yaml").read_text().replace("value: 262,", "value: 265,")
    (mini / "facts.yaml").write_text(facts)
    code, lines = _check(mini, sources)
    assert code == 1
    assert "mini/facts.yaml:2: facts[0].quote: value '265' of fact 'attacks-2022' is not in " \
           "its quote" in lines


def test_unmarked_number_in_prose_fails(mini: Path, sources: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("One {unsourced:3} point", "One 3 point")
    (mini / "brief.yaml").write_text(text)
    code, lines = _check(mini, sources)
    assert code == 1
    assert any("sections[0].sections[0].blocks[0].bullets[0]: number '3' in prose is neither" in
               line for line in lines)


def test_copied_run_of_words_fails(mini: Path, sources: Path) -> None:
    long = ("the quick brown fox jumps over the lazy dog while the cat watches from the "
            "warm windowsill above")
    (sources / "report-a.txt").write_text((sources / "report-a.txt").read_text() + "\n" + long)
    text = (mini / "brief.yaml").read_text().replace(
        "Talks are unlikely to succeed.", f"As reported, {long}.")
    (mini / "brief.yaml").write_text(text)
    code, lines = _check(mini, sources)
    assert code == 1
    assert any("a run of 12 words is copied from source 'report-a'" in line for line in lines)
    # the same words inside quotation marks are a marked quotation, and pass
    text = (mini / "brief.yaml").read_text().replace(f"As reported, {long}.",
                                                     f"As reported, “{long}”.")
    (mini / "brief.yaml").write_text(text)
    assert _check(mini, sources)[0] == 0


def test_unused_source_fails(mini: Path, sources: Path) -> None:
    register = (mini / "sources.yaml").read_text() + "  - id: report-c\n    title: Unused\n"
    (mini / "sources.yaml").write_text(register)
    code, lines = _check(mini, sources, "--allow-unchecked")
    assert code == 1
    assert any("source 'report-c' is never cited" in line for line in lines)


def test_source_without_local_copy_is_unchecked_not_passing(mini: Path, sources: Path) -> None:
    (sources / "report-b.txt").unlink()
    code, lines = _check(mini, sources)
    assert code == 1
    assert any("source 'report-b': unchecked (local copy 'report-b.txt' not found)" in line
               for line in lines)
    assert _check(mini, sources, "--allow-unchecked")[0] == 0


def test_chart_csv_values_must_be_facts_of_its_sources(mini: Path, sources: Path) -> None:
    csv = mini / "data" / "annual.csv"
    csv.write_text(csv.read_text().replace("2021,206,520", "2021,207,520"))
    code, lines = _check(mini, sources)
    assert code == 1
    assert any(line.endswith("chart.data: mini/data/annual.csv:3: value 207 in column "
                             "'attacks' is not a fact of source report-a") for line in lines)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


QUOTED = ("The group formed in 2007 [@report-b]. Its spokesman said “We will not talk” "
          "[@report-b], and {fact:attacks-2022} followed in 2022 [@report-a].")


def test_quotation_in_prose_must_be_in_the_cited_source(mini: Path, sources: Path) -> None:
    _edit(mini / "brief.yaml", "The group formed in 2007 [@report-b].", QUOTED)
    assert _check(mini, sources)[0] == 0
    _edit(mini / "brief.yaml", "“We will not talk”", "“We will never talk”")
    code, lines = _check(mini, sources)
    assert code == 1
    assert ("mini/brief.yaml:25: sections[0].blocks[0].text: quotation “We will never talk” not "
            "found in report-b.txt (source 'report-b')") in lines


def test_quotation_attributed_to_the_wrong_source_fails(mini: Path, sources: Path) -> None:
    _edit(mini / "brief.yaml", "The group formed in 2007 [@report-b].",
          'A rival said "We will not talk" [@report-a].')
    code, lines = _check(mini, sources)
    assert code == 1
    assert any("quotation “We will not talk” not found in report-a.txt" in line for line in lines)


def test_swapped_citation_of_a_number_fails(mini: Path, sources: Path) -> None:
    _edit(mini / "brief.yaml", "The group formed in 2007 [@report-b].", QUOTED)
    _edit(mini / "brief.yaml", "followed in 2022 [@report-a]", "followed in 2022 [@report-b]")
    code, lines = _check(mini, sources)
    assert code == 1
    assert ("mini/brief.yaml:25: sections[0].blocks[0].text: number 262 attacks (fact "
            "'attacks-2022') is not in the cited source 'report-b'") in lines
    assert any("number 2022 (year) is not in the cited source 'report-b'" in line
               for line in lines)


def test_changed_qualifier_fails_naming_the_fact(mini: Path, sources: Path) -> None:
    _edit(mini / "facts.yaml", "qualifier: more than", "qualifier: at least")
    code, lines = _check(mini, sources)
    assert code == 1
    assert ("mini/facts.yaml:12: facts[4].qualifier: qualifier 'at least' of fact 'deaths-a' is "
            "not in its quote next to the number (the quote has 'more than')") in lines


def test_dropped_qualifier_fails(mini: Path, sources: Path) -> None:
    _edit(mini / "facts.yaml", "qualifier: around, ", "")
    code, lines = _check(mini, sources)
    assert code == 1
    assert any("facts.yaml:13: facts[5].qualifier: fact 'deaths-b' has no qualifier but its "
               "quote says 'around'" in line for line in lines)


def test_changed_period_fails_naming_the_fact(mini: Path, sources: Path) -> None:
    _edit(mini / "facts.yaml", 'unit: deaths, label: deaths in 2023, source: report-b',
          'unit: deaths, period: "2023", label: deaths in 2023, source: report-b')
    assert _check(mini, sources)[0] == 0
    _edit(mini / "facts.yaml", 'period: "2023"', 'period: "2022"')
    code, lines = _check(mini, sources)
    assert code == 1
    assert ("mini/facts.yaml:13: facts[5].period: period '2022' of fact 'deaths-b' does not match "
            "its quote, which refers to 2023") in lines


def test_period_read_from_the_sources_date(mini: Path, sources: Path) -> None:
    # report-a is dated 2023-01-31, so its "last year" is 2022
    assert "period: \"2022\", label: attacks in 2022" in (mini / "facts.yaml").read_text()
    assert _check(mini, sources)[0] == 0
    _edit(mini / "facts.yaml", 'value: 262, unit: attacks, period: "2022"',
          'value: 262, unit: attacks, period: "2021"')
    code, lines = _check(mini, sources)
    assert code == 1
    assert any("facts.yaml:2: facts[0].period: period '2021' of fact 'attacks-2022' does not "
               "match its quote, which refers to 2022" in line for line in lines)


def test_duplicated_source_is_one_strand_and_corroboration_fails(
        mini: Path, sources: Path) -> None:
    copy = (sources / "report-b.txt").read_text().replace("Group profile.", "Republished.")
    (sources / "report-c.txt").write_text(copy)
    _edit(mini / "sources.yaml", "  - id: report-b\n",
          "  - id: report-c\n    title: Copy\n    file: report-c.txt\n  - id: report-b\n")
    _edit(mini / "brief.yaml", "The group formed in 2007 [@report-b].",
          "The group formed in 2007 [@report-b; @report-c].")
    code, lines = _check(mini, sources)
    assert code == 1
    assert any(line.startswith("warning: sources 'report-b' and 'report-c' are one strand")
               for line in lines)
    assert ("mini/brief.yaml:25: sections[0].blocks[0].text: sentence rests on 'report-b' and "
            "'report-c' as separate accounts, but their texts overlap heavily (one strand of "
            "evidence)") in lines


def test_missing_copy_names_every_dependent_claim(mini: Path, sources: Path) -> None:
    _edit(mini / "brief.yaml", "The group formed in 2007 [@report-b].", QUOTED)
    (sources / "report-b.txt").unlink()
    code, lines = _check(mini, sources)
    assert code == 1
    rests = [line for line in lines if "rests on source 'report-b'" in line]
    assert any(line.startswith("mini/facts.yaml:13: facts[5]: fact deaths-b") for line in rests)
    assert any(line.startswith("mini/brief.yaml:29: sections[0].blocks[1].quote.text: quotation "
                               "“We will not talk.” (A. Spokesman)") for line in rests)
    assert any(line.startswith("mini/brief.yaml:25: sections[0].blocks[0].text: quotation "
                               "“We will not talk”") for line in rests)
    assert any("sentence" in line and "formed in 2007" in line for line in rests)


def test_own_claims_are_listed_and_their_numbers_still_checked(mini: Path,
                                                              sources: Path) -> None:
    _edit(mini / "brief.yaml", "- text: Talks are unlikely to succeed.",
          '- text: "{own:Talks are unlikely to succeed, given {fact:attacks-2022:short} '
          'attacks.}"')
    code, lines = _check(mini, sources)
    assert code == 0, lines
    result = CliRunner().invoke(main, ["check", str(mini), "--sources-dir", str(sources)])
    assert "1 claim(s) of the brief's own (analysis, not sourced):" in result.output
    assert "mini/brief.yaml:19: Talks are unlikely to succeed, given 262 attacks." in result.output
    _edit(mini / "brief.yaml", "{fact:attacks-2022:short} attacks", "262 attacks")
    code, lines = _check(mini, sources)
    assert code == 1
    assert any("number '262' in prose is neither a fact reference" in line for line in lines)


def test_changed_archived_text_warns(mini: Path, sources: Path) -> None:
    import hashlib

    digest = hashlib.sha256((sources / "report-b.txt").read_bytes()).hexdigest()
    _edit(mini / "sources.yaml", "    file: report-b.txt\n",
          f"    file: report-b.txt\n    retrieved: 2026-01-05\n    sha256: {digest}\n")
    code, lines = _check(mini, sources)
    assert code == 0 and not any("warning" in line for line in lines), lines
    (sources / "report-b.txt").write_text((sources / "report-b.txt").read_text() + "Edited.\n")
    code, lines = _check(mini, sources)
    assert code == 0
    assert ("warning: source 'report-b': the text of report-b.txt has changed since it was "
            "archived on 2026-01-05 (sha256 differs)") in lines


def test_sources_dir_from_the_environment(mini: Path, sources: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(mini)],
                                env={"BRIEFGEN_SOURCES_DIR": str(sources)})
    assert result.exit_code == 0, result.stderr


def test_chart_showing_one_strand_twice_fails(mini: Path, sources: Path) -> None:
    a = (sources / "report-a.txt").read_text()
    (sources / "report-b.txt").write_text((sources / "report-b.txt").read_text() + a)
    code, lines = _check(mini, sources)
    assert code == 1
    assert ("mini/brief.yaml:44: sections[1].blocks[4].chart.facts: chart “Deaths by source” "
            "shows facts from 'report-a' and 'report-b' as separate accounts, but their texts "
            "overlap heavily (one strand of evidence)") in lines


def test_timeline_event_dates_and_quotations_are_in_their_source(mini: Path,
                                                                 sources: Path) -> None:
    _edit(mini / "brief.yaml", '{date: "2007", text: Group founded, source: report-b}',
          '{date: "2007", text: "Group founded: “We will not talk”", source: report-b}')
    assert _check(mini, sources)[0] == 0
    _edit(mini / "brief.yaml", "source: report-b}\n                - {date: \"Aug 2021\"",
          "source: report-a}\n                - {date: \"Aug 2021\"")
    code, lines = _check(mini, sources)
    assert code == 1
    assert ("mini/brief.yaml:36: sections[0].sections[0].blocks[1].timeline.events[0].date: "
            "number 2007 (date of “Group founded: “We will not talk””) is not in the cited "
            "source 'report-a'") in lines
    assert any("timeline.events[0].text: quotation “We will not talk” not found in "
               "report-a.txt" in line for line in lines)
