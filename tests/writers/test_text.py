"""Where a line may break, and how text goes into markup, for every writer."""

from hypothesis import given
from hypothesis import strategies as st

from briefgen.writers.text import escape_xml, unbreakable


def test_no_break_spaces_tie_a_stretch_and_other_spaces_split_it() -> None:
    assert unbreakable("over\u00a01,000\u00a0deaths and  5\u202f%\tmore") == [
        "over\u00a01,000\u00a0deaths", "and", "5\u202f%", "more"]
    assert unbreakable("   ") == []


@given(st.text(max_size=40))
def test_escape_xml_escapes_as_the_standard_library_does(text: str) -> None:
    from xml.sax.saxutils import escape

    assert escape_xml(text) == escape(text)
