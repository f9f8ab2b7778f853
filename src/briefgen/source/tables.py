"""Read CSV data files named by a brief, strictly, and check their columns and numbers.

A CSV is UTF-8 (with or without a byte-order mark); every row has as many cells as the
header; numbers are written `1234`, `1,234`, `12.5`, `-3` or `−3` (U+2212), optionally with
`%`; an empty cell or `n/a` is a missing value (a gap). Anything else is reported with its
file, line and column rather than read as something it is not.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefgen.errors import BriefError, Problem
from briefgen.source.yamlfile import MAX_BYTES, display_path, read_regular

MISSING = frozenset({"", "n/a", "N/A", "NA", "na"})
_NUMBER = re.compile(r"[+\-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?%?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class CsvTable:
    """A small CSV table: header, rows of strings, and the file line of each row."""

    path: Path
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...] = ()

    def column(self, name: str) -> list[str]:
        """Return the values of column `name`."""
        i = self.columns.index(name)
        return [row[i] if i < len(row) else "" for row in self.rows]

    def line(self, index: int) -> int:
        """Return the file line of row `index` (0-based)."""
        return self.lines[index] if index < len(self.lines) else index + 2


def _decode(data: bytes, shown: str) -> str:
    """Decode UTF-8 (BOM or not); say which encoding it seems to be in, and where, if not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 10:
        raise BriefError(Problem(shown, 1, "", "the file is UTF-16, not UTF-8; save it as "
                                 "UTF-8 (in Excel: 'CSV UTF-8')"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BriefError(Problem(shown, line, "", f"column {col}: byte 0x{data[exc.start]:02x} "
                                 "is not UTF-8 (the file looks like Windows-1252 or Latin-1); "
                                 "save it as UTF-8 (in Excel: 'CSV UTF-8')")) from None


def parse_csv(text: str, path: Path, shown: str) -> CsvTable:
    """Parse CSV text into a CsvTable; raise BriefError listing every malformed row."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    try:
        line = reader.line_num + 1
        for cells in reader:
            bad = next((c for c in cells if _CONTROL.search(c)), None)
            if bad is not None:
                code = f"U+{ord(_CONTROL.search(bad).group()):04X}"  # type: ignore[union-attr]
                problems.append(Problem(shown, line, "", f"control character {code} is not "
                                        "allowed"))
            if header is None:
                header = [h.strip() for h in cells]
                problems += _header_problems(header, shown, line)
            elif any(c.strip() for c in cells):
                if len(cells) != len(header):
                    problems.append(Problem(shown, line, "", f"row has {len(cells)} cells, the "
                                            f"header has {len(header)} ({', '.join(header)})"))
                rows.append(tuple(c.strip() for c in cells))
                lines.append(line)
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(shown, reader.line_num or 1, "", f"not valid CSV ({exc})"))
    if header is None:
        problems.append(Problem(shown, 1, "", "the file is empty (expected a header row)"))
    elif not rows and not problems:
        problems.append(Problem(shown, 2, "", "no data rows under the header"))
    if problems:
        raise BriefError(problems)
    assert header is not None
    return CsvTable(path, tuple(header), tuple(rows), tuple(lines))


def _header_problems(header: list[str], shown: str, line: int) -> list[Problem]:
    """A header names every column once."""
    problems = []
    if not any(header):
        return [Problem(shown, line, "", "the header row is blank")]
    for k, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(shown, line, "", f"column {k} has no name in the header"))
        elif name in header[: k - 1]:
            problems.append(Problem(shown, line, "", f"column '{name}' appears twice in the "
                                    "header"))
    return problems


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int, size: int, shown: str, max_bytes: int) -> CsvTable:
    data = read_regular(path, shown, "CSV file", max_bytes)
    return parse_csv(_decode(data, shown), path, shown)


def read_csv(path: Path, shown: str | None = None, max_bytes: int = MAX_BYTES) -> CsvTable:
    """Read a CSV file strictly (cached by path, modification time and size)."""
    shown = shown or display_path(path)
    try:
        info = path.stat()
    except OSError:
        raise BriefError(Problem(shown, None, "", "CSV file not found")) from None
    return _read(path, info.st_mtime_ns, info.st_size, shown, max_bytes)


def missing_column(name: str, table: CsvTable, shown: str) -> str | None:
    """Return an error message if `name` is not a column of `table`, else None."""
    if name in table.columns:
        return None
    close = difflib.get_close_matches(name, table.columns, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    cols = ", ".join(table.columns)
    return f"column '{name}' not in {shown} (columns: {cols}){hint}"


def is_missing(text: str) -> bool:
    """True for a cell that means 'no value': empty or n/a."""
    return text.strip() in MISSING


def parse_number(text: str) -> float | None:
    """Parse '1,500', '56%', '12.5' or '−3' as a number; None when missing or not a number."""
    cleaned = text.strip()
    if cleaned in MISSING or not _NUMBER.fullmatch(cleaned):
        return None
    value = float(cleaned.replace(",", "").replace("%", "").replace("\u2212", "-"))
    return value if math.isfinite(value) else None


def number_problem(text: str) -> str:
    """Say why `text` is not a number, and how to write it."""
    cleaned = text.strip()
    if cleaned.lower().lstrip("+-\u2212") in ("nan", "inf", "infinity") or (
            _NUMBER.fullmatch(cleaned) and parse_number(cleaned) is None):
        return f"'{cleaned}' is not a finite number (leave the cell empty or write n/a for a gap)"
    if re.fullmatch(r"[+\-\u2212]?\d{1,3}(\.\d{3})+(,\d+)?", cleaned):
        return (f"'{cleaned}' is not a number here (decimal comma?): write "
                f"{cleaned.replace('.', '').replace(',', '.')} with a decimal point")
    return (f"'{cleaned}' is not a number (write 1234, 1,234, 12.5, -3 or 45%; "
            "empty or n/a for a gap)")
