import pytest

from briefgen.source.prose import (
    ProseError,
    ProseList,
    ProsePara,
    TCite,
    TFact,
    TLink,
    TRef,
    TText,
    TUnsourced,
    parse_inline,
    parse_prose,
)


def test_emphasis_links_and_references() -> None:
    tokens = parse_inline(
        "A **bold** and *it* [x](https://e.org/?a=1&b=2) {fact:f1} {fact:f2:short} "
        "{ref:fig} {unsourced:3 men} [@s1; @s2]"
    )
    assert TText("bold", bold=True) in tokens
    assert TText("it", italic=True) in tokens
    assert TLink("x", "https://e.org/?a=1&b=2") in tokens
    assert TFact("f1") in tokens and TFact("f2", "short") in tokens
    assert TRef("fig") in tokens
    assert TUnsourced("3 men") in tokens
    assert TCite(("s1", "s2")) in tokens


def test_markup_characters_stay_literal() -> None:
    tokens = parse_inline("a & <b> and <unclosed")
    assert tokens == (TText("a & <b> and <unclosed"),)


def test_backslash_escapes() -> None:
    assert parse_inline(r"2 \* 3") == (TText("2 * 3"),)


def test_unclosed_bold_is_an_error() -> None:
    with pytest.raises(ProseError, match="unclosed"):
        parse_inline("**oops")


def test_paragraphs_and_bullets() -> None:
    blocks = parse_prose("One\nline.\n\n- a\n- b\n  continued\n\nAfter.")
    assert isinstance(blocks[0], ProsePara)
    assert blocks[0].tokens == (TText("One line."),)
    assert isinstance(blocks[1], ProseList)
    assert blocks[1].items[1] == (TText("b continued"),)
    assert isinstance(blocks[2], ProsePara)


def test_own_claim_holds_other_markup() -> None:
    from briefgen.source.prose import TOwn, expand_own

    tokens = parse_inline("Reported [@a]. {own:So **{fact:f}** means {unsourced:3} more.} End")
    own = next(t for t in tokens if isinstance(t, TOwn))
    assert own.tokens == (TText("So "), TFact("f"), TText(" means "), TUnsourced("3"),
                          TText(" more."))
    assert TFact("f") in expand_own(tokens) and not any(isinstance(t, TOwn)
                                                        for t in expand_own(tokens))
    with pytest.raises(ProseError, match="unclosed '{own:'"):
        parse_inline("{own:never closed")
    assert parse_inline(r"\{own:not markup}") == (TText("{own:not markup}"),)


def test_own_claim_prints_exactly_like_plain_prose(mini) -> None:  # type: ignore[no-untyped-def]
    from briefgen import model as m
    from briefgen.dump import dump_document
    from briefgen.pipeline import prepare

    def dump() -> str:
        assembled, _ = prepare(mini)
        return dump_document(m.Document(assembled.meta, assembled.blocks))

    plain = dump()
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text().replace(
        "The group formed in 2007 [@report-b]. See",
        "{own:The group formed in 2007} [@report-b]. {own:See}"))
    assert dump() == plain
