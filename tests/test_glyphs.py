"""Glyph coverage check: text no configured font can draw is reported with its text."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen import glyphs
from briefgen import model as m
from briefgen.theme import Theme
from tests.samples import sample_document


def _with_paragraph(text: str) -> m.Document:
    doc = sample_document()
    extra = m.Paragraph((m.Text(text),))
    return dataclasses.replace(doc, blocks=(*doc.blocks, extra))


def test_sample_document_is_fully_covered() -> None:
    assert glyphs.check_glyphs(sample_document(), Theme()) == []


def test_emoji_is_reported_with_its_text() -> None:
    # (DejaVu Sans draws a few emoticons such as U+1F600, but not the rocket)
    messages = glyphs.check_glyphs(_with_paragraph("Attacks rose 🚀 sharply"), Theme())
    assert messages == ['glyph U+1F680 not in any configured font in: "Attacks rose 🚀 sharply"']


def test_several_missing_characters_in_one_text_give_one_message() -> None:
    messages = glyphs.check_glyphs(_with_paragraph("🚀 and 🙈"), Theme())
    assert len(messages) == 1
    assert messages[0].startswith("glyphs U+1F680, U+1F648 not in any configured font")


def test_missing_glyph_in_metadata_and_glossary_is_found() -> None:
    doc = sample_document()
    entry = m.GlossaryEntry("Term", "中文", (m.Text("Definition."),))
    doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, subtitle="With ☃ snow"),
                              blocks=(*doc.blocks, m.Glossary((entry,))))
    messages = glyphs.check_glyphs(doc, Theme())
    assert any("U+4E2D" in msg and "中文" in msg for msg in messages)
    assert not any("U+2603" in msg for msg in messages)  # DejaVu has the snowman


def test_arabic_needs_the_fallback_font(monkeypatch: pytest.MonkeyPatch) -> None:
    serif = Theme(fonts={"body": "DejaVu Serif", "heading": "DejaVu Serif"})
    assert glyphs.check_glyphs(sample_document(), serif) == []
    monkeypatch.setattr(glyphs, "arabic_font_path", lambda: None)
    messages = glyphs.check_glyphs(sample_document(), serif)
    assert any("تحریک طالبان پاکستان" in msg for msg in messages)


def test_control_characters_and_long_texts() -> None:
    messages = glyphs.check_glyphs(_with_paragraph("line\nbreak\u200d" + "x" * 200 + "🚀"),
                                   Theme())
    assert len(messages) == 1
    assert messages[0].startswith("glyph U+1F680 ")
    assert messages[0].endswith('x🚀"')  # the excerpt shows the offending character
    assert '"…x' in messages[0]
