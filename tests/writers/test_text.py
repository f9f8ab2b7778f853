"""Where a line may break, for every writer."""

from briefgen.writers.text import unbreakable


def test_no_break_spaces_tie_a_stretch_and_other_spaces_split_it() -> None:
    assert unbreakable("over\u00a01,000\u00a0deaths and  5\u202f%\tmore") == [
        "over\u00a01,000\u00a0deaths", "and", "5\u202f%", "more"]
    assert unbreakable("   ") == []
