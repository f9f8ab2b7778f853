import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.provenance import normalise, value_in_quote
from briefgen.source.schema import Fact


@pytest.fixture
def sources(tmp_path: Path, mini_sources: Path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(mini_sources, target)
    return target


def _check(mini: Path, sources: Path, *extra: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", str(mini), "--sources-dir", str(sources), *extra])
    return result.exit_code, result.stderr.strip().splitlines()


def test_normalise_folds_quotes_dashes_and_space() -> None:
    assert normalise("“It’s  a\n test” — ok") == normalise("\"It's a test\" - ok")


def test_value_in_quote_forms() -> None:
    fact = Fact(id="f", value=1_700_000, source="s", quote="nearly 1.7 million Afghans")
    assert value_in_quote(fact, fact.quote or "")
    fact = Fact(id="f", value=1500, source="s", quote="more than 1,500 deaths")
    assert value_in_quote(fact, fact.quote or "")
    assert not value_in_quote(Fact(id="f", value=150, source="s"), "more than 1,500 deaths")


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
