import os
from pathlib import Path

import pytest

from briefgen import model as m
from briefgen.dump import dump_document
from briefgen.errors import BriefError
from briefgen.pipeline import prepare

GOLDEN = Path(__file__).parent / "golden"


def _doc(path: Path) -> m.Document:
    assembled, _ = prepare(path)
    return m.Document(assembled.meta, assembled.blocks)


def test_golden_dump_of_mini_brief(mini: Path) -> None:
    text = dump_document(_doc(mini))
    golden = GOLDEN / "mini.dump"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_block_type_appears(mini: Path) -> None:
    kinds = {type(b).__name__ for b in _doc(mini).blocks}
    assert kinds >= {"Heading", "Paragraph", "BulletList", "KeyJudgments", "KeyFigures", "Figure",
                     "Table", "Quote", "Options", "Recommendations", "Timeline", "Callout",
                     "Glossary", "Endnotes", "SourceList"}


def test_endnotes_are_numbered_in_reading_order(mini: Path) -> None:
    doc = _doc(mini)
    refs = []
    for block in doc.blocks:
        refs += [int(n) for n in __import__("re").findall(r"\^(\d+)", dump_document(
            m.Document(doc.meta, (block,))).split("\n", 6)[-1])]
    notes = next(b for b in doc.blocks if isinstance(b, m.Endnotes))
    body_refs = [r for r in refs if r <= len(notes.items)]
    assert body_refs[: len(notes.items)] == sorted(body_refs[: len(notes.items)])
    assert [n.number for n in notes.items] == list(range(1, len(notes.items) + 1))


def test_cross_reference_problems_are_all_reported(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text()
    text = text.replace("[@report-b]. See", "[@report-c]. See")
    text = text.replace("{fact:attacks-2022} in 2022", "{fact:attacks-2019} in 2022")
    text = text.replace("y: attacks, ylabel", "y: atacks, ylabel")
    text = text.replace("{ref:tab-deaths}", "{ref:tab-death}")
    (mini / "brief.yaml").write_text(text)
    with pytest.raises(BriefError) as info:
        prepare(mini)
    lines = [str(p) for p in info.value.problems]
    assert any(line.startswith("mini/brief.yaml:13: summary: unknown fact 'attacks-2019' (did "
                               "you mean 'attacks-20") for line in lines)
    assert any(line.startswith("mini/brief.yaml:25: sections[0].blocks[0].text: unknown source "
                               "'report-c' (did you mean 'report-b'?)") for line in lines)
    assert any("unknown figure or table id 'tab-death' (did you mean 'tab-deaths'?)" in line
               for line in lines)
    assert ("mini/brief.yaml:41: sections[1].blocks[1].chart.y: column 'atacks' not in "
            "mini/data/annual.csv (columns: year, attacks, deaths); did you mean 'attacks'?"
            ) in lines


def test_fact_with_unknown_source_is_reported_in_facts_file(mini: Path) -> None:
    facts = (mini / "facts.yaml").read_text().replace("source: report-b", "source: report-z")
    (mini / "facts.yaml").write_text(facts)
    with pytest.raises(BriefError, match=r"mini/facts.yaml:\d+: facts\[5\].source: unknown "
                                         r"source 'report-z'"):
        prepare(mini)


def test_csv_outside_the_brief_is_refused(mini: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("year,attacks\n2020,1\n")
    text = (mini / "brief.yaml").read_text().replace(
        "title: Attacks per year, data: data/annual.csv",
        "title: Attacks per year, data: ../secret.csv")
    (mini / "brief.yaml").write_text(text)
    with pytest.raises(BriefError, match="outside the brief folder and its data_roots"):
        prepare(mini)


def test_computed_fact_note_says_how(mini: Path) -> None:
    doc = _doc(mini)
    notes = next(b for b in doc.blocks if isinstance(b, m.Endnotes))
    texts = [m.plain(n.runs).replace("\u00a0", " ") for n in notes.items]
    assert any(t.startswith("Computed for this brief as 86 attacks (attacks by the group) ÷ "
                            "262 attacks (attacks in 2022) × 100 = 33%.") for t in texts)
