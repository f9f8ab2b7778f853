"""Sentences, their citations, quotations and own claims, from parsed prose."""

from briefgen.provenance.claims import (
    fragments,
    own_claims,
    quotations,
    sentences,
    years_outside_quotes,
)
from briefgen.source.prose import parse_inline


def _sentences(text: str):  # type: ignore[no-untyped-def]
    return sentences(parse_inline(text))


def test_sentences_keep_citations_after_the_full_stop() -> None:
    found = _sentences("One said “We will not talk.” [@b] Two rose in 2022 [@a; @c]. "
                       "Three. [@z] Four, in the U.S. too.")
    assert [s.plain() for s in found] == ['One said "We will not talk."', "Two rose in 2022.",
                                          "Three.", "Four, in the U.S. too."]
    assert [s.cited() for s in found] == [("b",), ("a", "c"), ("z",), ()]


def test_quotation_takes_the_next_citation_else_the_one_before() -> None:
    (s,) = _sentences('A said "x y" [@a] and B said "z" [@b], as [@c] put it: "w".')
    assert quotations(s) == [("x y", ("a",)), ("z", ("b",)), ("w", ("c",))]


def test_citation_covers_the_words_before_it_outside_parentheses() -> None:
    (s,) = _sentences("It predates 2021 (in 2014 it was there [@m]), says {fact:f} [@d].")
    years = dict((y, s.covering(off)) for off, y in years_outside_quotes(s))
    assert years == {"2021": (), "2014": ("m",)}
    assert [s.covering(off) for off, _f, _own in s.facts] == [("d",)]


def test_years_in_quotations_own_claims_and_unsourced_text_are_not_cited_numbers() -> None:
    (s,) = _sentences('In 2020 "in 2011" {own:after 2012} {unsourced:2013} [@a].')
    assert [y for _o, y in years_outside_quotes(s)] == ["2020"]


def test_fragments_split_at_ellipses() -> None:
    assert fragments("pushing TTP militants out … of the country, ") == [
        "pushing TTP militants out", "of the country"]
    assert fragments("a [...] b...c") == ["a", "b", "c"]


def test_own_claims_print_facts_as_values() -> None:
    tokens = parse_inline("Reported [@a]. {own:This means **{fact:f:short}** more.} Done.")
    assert own_claims(tokens, lambda tok: f"<{tok.id}:{tok.form}>") == [
        "This means <f:short> more."]
    (_, own, _) = sentences(tokens)
    assert own.facts == [(12, "f", True)]
