"""Citations: CSL notes and bibliography, short repeat notes, the evidence trail kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen import model as m
from briefgen.errors import BriefError
from briefgen.pipeline import prepare


def _texts(blocks: tuple[m.Block, ...], kind: type) -> list[str]:
    block = next(b for b in blocks if isinstance(b, kind))
    return [m.plain(i.runs) for i in block.items]


def test_first_note_is_full_and_repeats_are_short(mini: Path) -> None:
    assembled, _ = prepare(mini)
    notes = _texts(assembled.blocks, m.Endnotes)
    full = [n for n in notes if n.startswith("Jane Writer, ‘Annual Security Report’, Example")]
    short = [n for n in notes if n.startswith("Jane Writer, ‘Annual Security Report’.")]
    assert len(full) == 1 and notes.index(full[0]) < notes.index(short[0])
    assert len(notes) == len(set(range(len(notes))))


def test_sources_list_has_no_working_notes_and_is_sorted(mini: Path) -> None:
    assembled, _ = prepare(mini)
    entries = _texts(assembled.blocks, m.SourceList)
    assert entries == sorted(entries, key=str.casefold)
    for entry in entries:
        assert ".txt" not in entry and "inferred" not in entry and "Local copy" not in entry
    assert not any(isinstance(b, m.Heading) and b.text == "Method and sources"
                   for b in assembled.blocks)


def test_method_appendix_holds_the_evidence_trail(mini: Path) -> None:
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text() + "method_appendix: true\n")
    assembled, _ = prepare(mini)
    lists = [b for b in assembled.blocks if isinstance(b, m.SourceList)]
    assert len(lists) == 2
    trail = " ".join(m.plain(e.runs) for e in lists[1].items)
    assert "report-a.txt" in trail and "inferred" in trail and "No author printed" in trail


def test_citation_style_picks_another_csl_style(mini: Path) -> None:
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text() + "citation_style: apa\n")
    assembled, _ = prepare(mini)
    entries = _texts(assembled.blocks, m.SourceList)
    assert any(e.startswith("Writer, J. (2023") or "(2023" in e for e in entries), entries


def test_unknown_citation_style_is_reported(mini: Path) -> None:
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text() + "citation_style: no-such-style\n")
    with pytest.raises(BriefError, match="citation_style: unknown citation style"):
        prepare(mini)


def test_csl_file_outside_the_brief_is_refused(mini: Path) -> None:
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text() + "citation_style: ../elsewhere.csl\n")
    with pytest.raises(BriefError, match="outside the brief folder"):
        prepare(mini)
