"""Read CSV data files named by a brief, and check their columns with helpful messages."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class CsvTable:
    """A small CSV table: header and rows of strings (line numbers are row index + 2)."""

    path: Path
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, name: str) -> list[str]:
        """Return the values of column `name`."""
        i = self.columns.index(name)
        return [row[i] if i < len(row) else "" for row in self.rows]


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int) -> CsvTable:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        rows = tuple(tuple(cell.strip() for cell in row) for row in reader if any(row))
    return CsvTable(path, tuple(h.strip() for h in header), rows)


def read_csv(path: Path) -> CsvTable:
    """Read a CSV file (cached by path and modification time)."""
    return _read(path, path.stat().st_mtime_ns)


def missing_column(name: str, table: CsvTable, shown: str) -> str | None:
    """Return an error message if `name` is not a column of `table`, else None."""
    if name in table.columns:
        return None
    close = difflib.get_close_matches(name, table.columns, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    cols = ", ".join(table.columns)
    return f"column '{name}' not in {shown} (columns: {cols}){hint}"


def parse_number(text: str) -> float | None:
    """Parse '1,500' or '56%' or '12.5' as a number; None when blank or not a number."""
    cleaned = text.replace(",", "").replace("%", "").strip()
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return None
