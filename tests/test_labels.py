"""The fixed words: every language in the catalogue says every one of them."""

from __future__ import annotations

import pytest

from briefgen.labels import CATALOGUE, KEYS, Labels, labels_for

LANGUAGES = sorted(lang for lang in CATALOGUE if lang != "en")  # English is Labels' defaults


def test_the_catalogue_covers_the_languages_briefs_are_written_in() -> None:
    assert {"en", "fr", "ur", "de", "es", "ar", "fa", "hi", "ru", "zh"} <= set(CATALOGUE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_fills_every_field(lang: str) -> None:
    words = CATALOGUE[lang]
    assert sorted(set(KEYS) - set(words)) == [], f"{lang} lacks these labels"
    assert sorted(set(words) - set(KEYS)) == [], f"{lang} has labels Labels does not know"
    for key, text in words.items():
        assert text.strip() == text and text, (lang, key)
    labels = labels_for(f"{lang}-XX")
    assert labels == Labels(**words)
    for key in ("list_number", "series_number"):
        assert getattr(labels, key).count("{n}") == 1, (lang, key)
    assert "7" in labels.number(7) and "{n}" not in labels.number(7)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_are_not_english_left_in_place(lang: str) -> None:
    english = Labels()
    same = {key for key in KEYS if getattr(labels_for(lang), key) == getattr(english, key)}
    # some words are the same in some languages (French 'Date', 'Figure', 'Note', 'Sources')
    assert len(same) <= len(KEYS) // 3, (lang, sorted(same))
    for key in ("key_judgments", "summary", "first_edition", "method_intro", "changes"):
        assert key not in same, (lang, key)
