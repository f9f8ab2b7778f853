"""Normalising source texts and finding quotes and numbers in them."""

from pathlib import Path

from briefgen.provenance.texts import (
    find_quote,
    load_texts,
    normalise,
    passage,
    sentence_around,
    value_in_quote,
    value_spans,
)
from briefgen.source.schema import Fact, Source


def test_normalise_folds_quotes_dashes_and_space() -> None:
    assert normalise("“It’s  a\n test” — ok") == normalise("\"It's a test\" - ok")


def test_value_in_quote_forms() -> None:
    fact = Fact(id="f", value=1_700_000, source="s", quote="nearly 1.7 million Afghans")
    assert value_in_quote(fact, fact.quote or "")
    fact = Fact(id="f", value=1500, source="s", quote="more than 1,500 deaths")
    assert value_in_quote(fact, fact.quote or "")
    assert not value_in_quote(Fact(id="f", value=150, source="s"), "more than 1,500 deaths")


def test_value_spans_finds_each_whole_number() -> None:
    fact = Fact(id="f", value=86, source="s")
    assert value_spans(fact, "86 of 186 attacks; 86 again") == [(0, 2), (19, 21)]


def test_find_quote_allows_a_capital_first_letter_only() -> None:
    text = normalise("The minister said the talks “succeeded in pushing” them out.")
    assert find_quote("Succeeded in pushing", text) > 0
    assert find_quote("Succeeded In pushing", text) == -1


def test_passage_cuts_at_words_and_keeps_the_match() -> None:
    text = "word " * 100 + "MATCH" + " word" * 100
    before, match, after = passage(text, 500, 505)
    assert match == "MATCH"
    assert before.startswith("…word") and after.endswith("word…")


def test_sentence_around_with_the_one_before() -> None:
    text = 'In 2011 she warned them. "Quoted." They died in 2023. Nearly 400 were police. Next.'
    start = text.index("Nearly")
    assert sentence_around(text, start, start + 10) == "Nearly 400 were police. "
    assert sentence_around(text, start, start + 10, 1) == \
        "They died in 2023. Nearly 400 were police. "


def test_load_texts_uses_file_then_archive(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha “text”.")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "b.txt").write_text("Beta text.")
    sources = {"a": Source(id="a", title="A", file="a.txt"),
               "b": Source(id="b", title="B", url="http://127.0.0.1/b"),
               "c": Source(id="c", title="C", file="c.txt")}
    texts = load_texts(sources, [tmp_path], tmp_path)
    assert texts.texts == {"a": 'Alpha "text".', "b": "Beta text."}
    assert texts.missing == {"c": "local copy 'c.txt' not found"}
    assert texts.name("b", sources["b"]) == "b.txt"
