from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.source.tables import is_missing, number_problem, parse_csv, parse_number, read_csv


def _problems(text: str) -> list[str]:
    with pytest.raises(BriefError) as info:
        parse_csv(text, Path("d.csv"), "d.csv")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(("text", "value"), [
    ("1234", 1234.0), ("1,234", 1234.0), ("1,234,567.5", 1234567.5), ("12.5", 12.5),
    ("-3", -3.0), ("\u22123", -3.0), ("45%", 45.0), ("+7", 7.0), ("1e3", 1000.0),
])
def test_documented_number_forms(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1.234,5", "1,23", "12abc", "nan", "inf", "-Infinity",
                                  "(5)", "1 234", "1e999", "$5"])
def test_anything_else_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None
    assert not is_missing(text)


def test_missing_values_are_gaps() -> None:
    assert all(is_missing(t) and parse_number(t) is None for t in ("", " ", "n/a", "NA"))


def test_messages_say_how_to_write_the_number() -> None:
    assert "write 1234.5 with a decimal point" in number_problem("1.234,5")
    assert "not a finite number" in number_problem("NaN")
    assert "not a finite number" in number_problem("1e999")
    assert "(write 1234, 1,234, 12.5, -3 or 45%" in number_problem("about 5")


def test_rows_must_match_the_header_and_lines_are_counted() -> None:
    assert _problems("a,b\n1,2\n\n3\n4,5,6\n") == [
        "d.csv:4: row has 1 cells, the header has 2 (a, b)",
        "d.csv:5: row has 3 cells, the header has 2 (a, b)",
    ]


def test_quoted_newlines_keep_line_numbers() -> None:
    table = parse_csv('a,b\n"x\ny",1\n\nz,2\n', Path("d.csv"), "d.csv")
    assert table.lines == (2, 5)
    assert table.line(1) == 5


@pytest.mark.parametrize(("text", "message"), [
    ("", "d.csv:1: the file is empty (expected a header row)"),
    ("a,b\n", "d.csv:2: no data rows under the header"),
    ("\n\n", "d.csv:1: the header row is blank"),
    ("a,a\n1,2\n", "d.csv:1: column 'a' appears twice in the header"),
    ("a,\n1,2\n", "d.csv:1: column 2 has no name in the header"),
    ('a,b\n"1,2\n', "d.csv:2: not valid CSV (unexpected end of data)"),
])
def test_malformed_files(text: str, message: str) -> None:
    assert _problems(text) == [message]


def test_encodings(tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_bytes("a,b\n1,caf\u00e9\n".encode("cp1252"))
    with pytest.raises(BriefError, match=r"d.csv:2: column 6: byte 0xe9 is not UTF-8"):
        read_csv(f, "d.csv")
    f.write_bytes("a,b\n1,2\n".encode("utf-16"))
    with pytest.raises(BriefError, match="d.csv:1: the file is UTF-16"):
        read_csv(f, "d.csv")
    f.write_bytes("\ufeffa,b\n1,2\n".encode())
    assert read_csv(f, "d.csv").columns == ("a", "b")


def test_a_folder_or_fifo_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(BriefError, match="is a folder"):
        read_csv(tmp_path / "dir.csv", "dir.csv")
    import os

    os.mkfifo(tmp_path / "p.csv")
    with pytest.raises(BriefError, match=r"is a pipe \(FIFO\)"):
        read_csv(tmp_path / "p.csv", "p.csv")
