"""Glyph coverage check: missing characters reported with their script, at their own line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefgen import glyphs
from briefgen import model as m
from briefgen.errors import BriefError
from briefgen.pipeline import prepare
from briefgen.theme import Theme
from tests.samples import sample_document

HIEROGLYPH = "\U00013000"  # Egyptian hieroglyph A001: in no font any test machine has


def _with_paragraph(text: str) -> m.Document:
    doc = sample_document()
    extra = m.Paragraph((m.Text(text),))
    return dataclasses.replace(doc, blocks=(*doc.blocks, extra))


def test_sample_document_is_fully_covered() -> None:
    assert glyphs.check_glyphs(sample_document(), Theme()) == []


def test_missing_character_is_named_with_its_script_and_text() -> None:
    messages = glyphs.check_glyphs(_with_paragraph(f"Sign {HIEROGLYPH} here"), Theme())
    assert len(messages) == 1
    assert messages[0].startswith("character U+13000")
    assert "(Egyptian Hieroglyphs)" in messages[0]
    assert messages[0].endswith(f'in: "Sign {HIEROGLYPH} here"')


def test_several_missing_characters_in_one_text_give_one_message() -> None:
    messages = glyphs.check_glyphs(_with_paragraph(f"{HIEROGLYPH} and \U00013001"), Theme())
    assert len(messages) == 1
    assert messages[0].startswith("characters U+13000 '")


def test_any_installed_family_covers_what_the_style_lacks() -> None:
    # DejaVu Serif has no Arabic and no Hebrew: the chain falls back to installed families.
    serif = Theme(fonts={"body": "DejaVu Serif", "heading": "DejaVu Serif"})
    doc = _with_paragraph("שלום and ภาษาไทย")
    assert glyphs.check_glyphs(doc, serif) == []
    assert glyphs.check_glyphs(sample_document(), serif) == []


def test_control_characters_and_long_texts() -> None:
    messages = glyphs.check_glyphs(
        _with_paragraph("line\nbreak\u200d" + "x" * 200 + HIEROGLYPH), Theme())
    assert len(messages) == 1
    assert messages[0].endswith(f'x{HIEROGLYPH}"')  # the excerpt shows the character
    assert '"…x' in messages[0]


def test_symbols_are_suggested_a_symbol_font() -> None:
    assert "(symbol)" in glyphs.message("\U0001f680")
    assert "Noto Emoji" in glyphs.message("\U0001f680")


def _edit(brief: Path, old: str, new: str) -> None:
    text = (brief / "brief.yaml").read_text(encoding="utf-8")
    assert old in text
    (brief / "brief.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(brief: Path, needle: str, nth: int = 1) -> int:
    lines = (brief / "brief.yaml").read_text(encoding="utf-8").splitlines()
    hits = [i for i, line in enumerate(lines, start=1) if needle in line]
    return hits[nth - 1]


def test_validation_reports_each_field_at_its_own_line(mini: Path) -> None:
    word = f"ka{HIEROGLYPH}"
    # The same word in the summary's second paragraph and in a glossary entry further down.
    _edit(mini, "A second paragraph with", f"A second paragraph ({word}) with")
    _edit(mini, "definition: A fictional country.", f"native: {word}, definition: Fictional.")
    with pytest.raises(BriefError) as err:
        prepare(mini)
    problems = [p for p in err.value.problems if "U+13000" in p.message]
    assert [(p.file, p.line) for p in problems] == [
        ("mini/brief.yaml", _line_of(mini, word, 1)),
        ("mini/brief.yaml", _line_of(mini, word, 2)),
    ]
    assert problems[0].field == "summary"
    assert problems[1].field.endswith("glossary[1].native")
    assert "Egyptian Hieroglyphs" in problems[1].message

