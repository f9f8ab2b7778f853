import pytest

from briefgen.errors import BriefError
from briefgen.preview import parse_pages


def test_parse_pages() -> None:
    assert parse_pages(None, 3) == [0, 1, 2]
    assert parse_pages("1-2", 5) == [0, 1]
    assert parse_pages("2,4-", 5) == [1, 3, 4]
    assert parse_pages("1-9", 2) == [0, 1]


@pytest.mark.parametrize("spec", ["x", "3-1", "0"])
def test_parse_pages_rejects_nonsense(spec: str) -> None:
    with pytest.raises(BriefError, match="--pages"):
        parse_pages(spec, 5)
