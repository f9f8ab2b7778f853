"""Scan an incident CSV with polars: one streaming pass that filters, groups and checks the data.

The pass reads only the columns a query needs, as text, and parses dates and numbers itself
so that a bad value never aborts the scan: it is flagged and counted instead. Flagged rows
survive the filter, so one pass both aggregates and proves the data clean. Only when something
is wrong does a second, slower pass find the offending rows and their exact line numbers.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefError, Problem
from briefgen.incidents.query import PRESETS, UCDP_VIOLENCE, IncidentQuery

if TYPE_CHECKING:
    from _csv import Reader

    import polars as pl

# Tried in order; the first that parses wins: ISO dates, UCDP's ISO timestamps, then ACLED's
# long form ('12 March 2023'; chrono's %B also takes 'Mar' and any letter case).
ISO_DATE = "%Y-%m-%d"
ISO_TIMESTAMP = "%Y-%m-%d %H:%M:%S%.f"
LONG_DATE = "%d %B %Y"
DATE_HELP = "expected YYYY-MM-DD or a date like '12 March 2023'"
# Polars reads a CSV in chunks of this many bytes. Its default grows with the file and holds
# most of a large file in memory at once; 2 MiB keeps a 1M-row scan near 120 MB at no cost in
# speed. A value already in the environment wins.
CSV_CHUNK_BYTES = 2 << 20
MAX_REPORTED = 10


def _tune_polars() -> None:
    """Bound polars' CSV read-ahead unless the user has set it."""
    os.environ.setdefault("POLARS_CSV_CHUNK_SIZE", str(CSV_CHUNK_BYTES))


def _date_expr(raw: pl.Expr) -> pl.Expr:
    """Parse a text column as dates in any accepted format; null where none fits."""
    import polars as pl

    return pl.coalesce(
        raw.str.to_date(ISO_DATE, strict=False),
        raw.str.to_datetime(ISO_TIMESTAMP, strict=False).dt.date(),
        raw.str.to_date(LONG_DATE, strict=False),
    )


def _period_expr(date: pl.Expr, period: str) -> pl.Expr:
    """Return a contiguous integer period key: year, year*4+quarter-1 or year*12+month-1."""
    year = date.dt.year().cast(int)
    if period == "quarter":
        return year * 4 + date.dt.quarter().cast(int) - 1
    if period == "month":
        return year * 12 + date.dt.month().cast(int) - 1
    return year


def _frame(
    path: Path, query: IncidentQuery, row_index: bool = False, whole_rows: bool = False
) -> pl.LazyFrame:
    """Return the lazy frame: needed columns by role, parsed values and the flags.

    `__void` marks rows with nothing in the columns read. A blank line reads as such a row and
    is not an event. With `whole_rows`, every column is read, so that only rows empty in every
    column are void, and the problem flags leave void rows out.
    """
    import polars as pl

    mapping = query.column_map()
    roles = query.roles()
    lf = pl.scan_csv(path, infer_schema=False, row_index_name="__row" if row_index else None)
    selected = [pl.col(mapping[role]).alias(role) for role in roles]
    if whole_rows:
        lf = lf.with_columns(
            (~pl.any_horizontal(pl.all().exclude("__row").is_not_null())).alias("__void")
        )
        selected.append(pl.col("__void"))
    if row_index:
        selected.insert(0, pl.col("__row"))
    lf = lf.select(selected)
    if not whole_rows:
        lf = lf.with_columns((~pl.any_horizontal([pl.col(r).is_not_null() for r in roles]))
                             .alias("__void"))
    void = pl.col("__void")

    derived: list[pl.Expr] = []
    flags: list[pl.Expr] = []
    if "date" in roles:
        derived.append(_date_expr(pl.col("date")).alias("__date"))
        flags.append((pl.col("__date").is_null() & ~void).alias("__bad_date"))
    if query.measure != "events":
        raw = pl.col(query.measure)
        value = raw.cast(pl.Float64, strict=False)
        derived.append(value.alias("__value"))
        bad = (
            (raw.is_not_null() & value.is_null())
            | (value < 0)
            | (value != value.floor())
            | value.is_infinite()
        )
        flags.append(bad.fill_null(False).alias("__bad_value"))
    coded = query.preset == "ucdp" and mapping["event_type"] == PRESETS["ucdp"]["event_type"]
    if coded and "event_type" in roles:
        derived.append(pl.col("event_type").replace(UCDP_VIOLENCE))
    if derived:
        lf = lf.with_columns(derived)
    if flags:
        lf = lf.with_columns(flags)
    return lf


def _flag_names(query: IncidentQuery) -> list[str]:
    """Return the names of the problem flags that `_frame` adds for this query."""
    names = ["__bad_date"] if "date" in query.roles() else []
    return names + (["__bad_value"] if query.measure != "events" else [])


def _keep_expr(query: IncidentQuery) -> pl.Expr | None:
    """Return the filter that keeps the events the query asks for (None: keep all)."""
    import polars as pl

    conditions: list[pl.Expr] = []
    if query.date_from is not None:
        conditions.append(pl.col("__date") >= query.date_from)
    if query.date_to is not None:
        conditions.append(pl.col("__date") <= query.date_to)
    for role, wanted in (
        ("region", query.regions), ("actor", query.actors), ("event_type", query.event_types)
    ):
        if wanted is not None:
            conditions.append(pl.col(role).is_in(wanted))
    return pl.all_horizontal(conditions).fill_null(False) if conditions else None


def _collect(path: Path, query: IncidentQuery, whole_rows: bool) -> pl.DataFrame:
    """Run the aggregation pass; return one row per group with value, flag and void counts."""
    import polars as pl

    lf = _frame(path, query, whole_rows=whole_rows)
    flag_names = _flag_names(query)
    keep = _keep_expr(query)
    void = pl.col("__void")
    # Rows that are flagged (or void, on the fast pass) survive the filter to be counted.
    if whole_rows:
        wanted = ~void if keep is None else keep & ~void
        lf = lf.filter(pl.any_horizontal([wanted, *(pl.col(n) for n in flag_names)]))
    elif keep is not None:
        lf = lf.filter(pl.any_horizontal([keep, void, *(pl.col(n) for n in flag_names)]))

    keys: list[pl.Expr] = []
    if query.period:
        keys.append(_period_expr(pl.col("__date"), query.period).alias("__key"))
    if query.by:
        keys.append(pl.col(query.by).alias("__group"))
    value = pl.len() if query.measure == "events" else pl.col("__value").sum()
    aggs = [value.alias("__n"), void.sum(), *(pl.col(n).sum() for n in flag_names)]
    plan = lf.group_by(keys).agg(aggs) if keys else lf.select(aggs)
    try:
        return plan.collect(engine="streaming")
    except pl.exceptions.PolarsError as exc:
        raise BriefError(read_problem(path, exc)) from None


def scan_groups(path: Path, query: IncidentQuery) -> list[tuple[int | None, str | None, int]]:
    """Return (period key, group, value) per group; raise BriefError if any used value is bad.

    The fast pass reads only the needed columns. Should any row be empty in all of them (a
    blank line, or an event with those fields missing), a second pass reads whole rows to tell
    the two apart.
    """
    _tune_polars()
    whole_rows = not query.roles()
    df = _collect(path, query, whole_rows)
    if not whole_rows and df["__void"].sum():
        df = _collect(path, query, whole_rows=True)
    if any(df[n].sum() for n in _flag_names(query)):
        raise BriefError(diagnose(path, query))
    key_col = df["__key"].to_list() if query.period else [None] * df.height
    group_col = df["__group"].to_list() if query.by else [""] * df.height
    return [
        (k, g, int(round(v or 0)))
        for k, g, v in zip(key_col, group_col, df["__n"].to_list(), strict=True)
    ]


def read_problem(path: Path, exc: BaseException) -> Problem:
    """Explain why polars could not read the CSV, with the line at fault when it can be found."""
    text = str(exc).strip()
    if "utf-8" in text.lower() or "utf8" in text.lower():
        line = None
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    line = number
                    break
        return Problem(str(path), line, "", "not UTF-8 text; save the file as UTF-8 CSV")
    with _records(path, strict=True) as reader:
        width = None
        start = 1
        try:
            for record in reader:
                if width is None:
                    width = len(record)
                elif len(record) > width:
                    return Problem(str(path), start, "",
                                   f"{len(record)} fields in a row, but the header has {width}")
                start = reader.line_num + 1
        except csv.Error as err:
            return Problem(str(path), start, "", f"cannot read CSV: {err}")
    first = text.splitlines()[0] if text else type(exc).__name__
    return Problem(str(path), None, "", f"cannot read CSV: {first}")


@contextmanager
def _records(path: Path, strict: bool = False) -> Iterator[Reader]:
    """Yield a csv reader over the file that accepts fields of any length."""
    limit = csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
            yield csv.reader(fh, strict=strict)
    finally:
        csv.field_size_limit(limit)


def _value_problem(text: str) -> str:
    """Explain why a measure value is not a non-negative whole number."""
    try:
        number = float(text)
    except ValueError:
        return f"{text!r} is not a number"
    if number != number or number in (float("inf"), float("-inf")):
        return f"{text!r} is not a finite number"
    if number < 0:
        return f"{text!r} is negative"
    return f"{text!r} is not a whole number"


def diagnose(path: Path, query: IncidentQuery) -> list[Problem]:
    """Find the rows with bad dates or values and return a problem per row, with line numbers."""
    import polars as pl

    mapping = query.column_map()
    lf = _frame(path, query, row_index=True, whole_rows=True)
    bad = lf.filter(pl.any_horizontal([pl.col(n) for n in _flag_names(query)]))
    try:
        total = bad.select(pl.len()).collect(engine="streaming").item()
        first = bad.sort("__row").head(MAX_REPORTED).collect(engine="streaming")
    except pl.exceptions.PolarsError as exc:
        return [read_problem(path, exc)]
    lines = line_numbers(path, set(first["__row"].to_list()))
    problems = []
    for row in first.iter_rows(named=True):
        line = lines.get(row["__row"])
        if row.get("__bad_date"):
            shown = "empty" if row["date"] is None else repr(row["date"])
            problems.append(Problem(str(path), line, mapping["date"],
                                    f"cannot read date ({shown}); {DATE_HELP}"))
        if row.get("__bad_value"):
            column = mapping[query.measure]
            role = "" if column == query.measure else f" ({query.measure})"
            problems.append(Problem(str(path), line, column,
                                    _value_problem(row[query.measure]) + role))
    if total > len(first):
        more = total - len(first)
        problems.append(Problem(str(path), None, "", f"… and {more:,} more rows with problems"))
    return problems


def line_numbers(path: Path, rows: set[int]) -> dict[int, int]:
    """Map 0-based data row indexes to the 1-based line where each row starts in the file."""
    found: dict[int, int] = {}
    if not rows:
        return found
    last = max(rows)
    with _records(path) as reader:
        previous = 0
        for record, _ in enumerate(reader):
            if record - 1 in rows:
                found[record - 1] = previous + 1
            if record - 1 >= last:
                break
            previous = reader.line_num
    return found
