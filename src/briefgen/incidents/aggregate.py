"""Incident tables: count events, fatalities or injuries by period and by region, actor or type.

An incident table has one row per event (ACLED, UCDP GED or briefgen's own layout). A chart
or table spec embeds an `IncidentQuery` as `incidents: {...}`; `aggregate` turns the CSV into a
small, deterministically ordered `Aggregate`, and `Aggregate.to_wide` shapes it for charts.

`check_columns` only reads the header, so the validator can report every missing column
without touching the data. The heavy lifting (polars, imported only when `aggregate` runs)
lives in `incidents_scan`: a million rows aggregate in well under a second with bounded memory.

Only the columns a query uses are read and checked: a date that cannot be read, or a
fatality count that is negative or not a whole number, raises BriefError naming the file,
the line and the column, even in rows that the filters would drop. Blank lines are ignored;
an empty region, actor or type counts under 'Unknown'.
"""

from __future__ import annotations

import csv
import difflib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefError, Problem
from briefgen.incidents.query import (  # noqa: F401 - re-exported for callers
    LOGICAL,
    MAX_LISTED_COLUMNS,
    OTHER,
    PRESETS,
    TOTAL,
    UCDP_VIOLENCE,
    UNKNOWN,
    IncidentQuery,
)
from briefgen.incidents.scan import scan_groups


@dataclass(frozen=True)
class Wide:
    """Chart-ready shape: x labels and one series of values per group (same length as x)."""

    x_name: str
    x: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Aggregate:
    """An aggregated incident table in long form, rows sorted by period then group name."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]
    periods: tuple[str, ...] = ()
    """Every period from the first to the last with data, gaps included (empty if no period)."""
    groups: tuple[str, ...] = ()
    """Group names in series order: by name, with 'Other' last (empty if no grouping)."""
    measure: str = "events"

    def to_wide(self) -> Wide:
        """Pivot to x labels plus one series per group, filling gaps with zeros."""
        has_period = "period" in self.columns
        has_group = bool(self.columns) and len(self.columns) == (3 if has_period else 2)
        values: dict[tuple[str, str], int] = {}
        for row in self.rows:
            period = str(row[0]) if has_period else ""
            group = str(row[-2]) if has_group else ""
            values[period, group] = int(row[-1])
        if has_period and has_group:
            series = tuple(
                (g, tuple(values.get((p, g), 0) for p in self.periods)) for g in self.groups
            )
            return Wide("period", self.periods, series)
        if has_period:
            return Wide("period", self.periods,
                        ((self.measure, tuple(values.get((p, ""), 0) for p in self.periods)),))
        if has_group:
            return Wide(self.columns[0], self.groups,
                        ((self.measure, tuple(values.get(("", g), 0) for g in self.groups)),))
        total = int(self.rows[0][-1]) if self.rows else 0
        return Wide("", (TOTAL,), ((self.measure, (total,)),))


def read_header(path: Path) -> list[str]:
    """Return the CSV's column names (empty if the file has no header row)."""
    try:
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
            return next(csv.reader(fh), [])
    except FileNotFoundError:
        raise BriefError(Problem(str(path), None, "", "file not found")) from None
    except OSError as exc:
        raise BriefError(Problem(str(path), None, "", f"cannot read: {exc.strerror}")) from None


def _listing(header: list[str]) -> str:
    """List column names for a message, shortened when there are many."""
    shown = header[:MAX_LISTED_COLUMNS]
    more = len(header) - len(shown)
    return ", ".join(shown) + (f", … ({more} more)" if more > 0 else "")


def check_columns(path: Path, query: IncidentQuery) -> list[str]:
    """Return one message per column the query needs that the CSV lacks (empty list if none)."""
    path = Path(path)
    header = read_header(path)
    if not header:
        return [f"{path} is empty (no header row)"]
    odd = [sep for sep in (";", "\t", "|") if len(header) == 1 and sep in header[0]]
    separator = f"; is {path} separated by {odd[0]!r} rather than commas?" if odd else ""
    mapping = query.column_map()
    problems = []
    for role in query.roles():
        name = mapping.get(role)
        if name is None:
            problems.append(
                f"preset {query.preset} has no {role} column; name one under "
                f"columns: {{{role}: <CSV column>}}"
            )
        elif name not in header:
            hint = difflib.get_close_matches(name, header, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            problems.append(
                f"column '{name}' ({query._origin(role)}) not in {path} "
                f"(columns: {_listing(header)}){separator or suggestion}"
            )
    return problems


def period_label(key: int, period: str) -> str:
    """Format a period key (year, year*4+q-1 or year*12+m-1) as '2023', '2023-Q1' or '2023-03'."""
    if period == "quarter":
        return f"{key // 4}-Q{key % 4 + 1}"
    if period == "month":
        return f"{key // 12}-{key % 12 + 1:02d}"
    return str(key)


def _group_order(name: str) -> tuple[bool, str]:
    """Sort key for group names: by name, with 'Other' last."""
    return (name == OTHER, name)


Totals = dict[tuple[int | None, str], int]


def _fold_top(totals: Totals, top: int) -> Totals:
    """Keep the `top` largest groups by total; add every other group into 'Other'."""
    by_group: dict[str, int] = defaultdict(int)
    for (_, group), value in totals.items():
        by_group[group] += value
    ranked = sorted((g for g in by_group if g != OTHER), key=lambda g: (-by_group[g], g))
    kept = set(ranked[:top])
    folded: Totals = defaultdict(int)
    for (key, group), value in totals.items():
        folded[key, group if group in kept else OTHER] += value
    return dict(folded)


def aggregate(path: Path, query: IncidentQuery) -> Aggregate:
    """Aggregate an incident CSV as the query asks; raise BriefError for bad columns or data."""

    path = Path(path)
    missing = check_columns(path, query)
    if missing:
        raise BriefError([Problem(str(path), 1, "", message) for message in missing])
    raw = scan_groups(path, query)

    totals: Totals = defaultdict(int)
    for key, group, value in raw:
        totals[key, UNKNOWN if group is None else group] += value
    if query.top is not None:
        totals = _fold_top(totals, query.top)

    ordered = sorted(totals.items(), key=lambda kv: (kv[0][0] or 0, _group_order(kv[0][1])))
    columns: list[str] = []
    periods: tuple[str, ...] = ()
    if query.period:
        columns.append("period")
        keys = [k for (k, _), _ in ordered if k is not None]
        if keys:
            periods = tuple(period_label(k, query.period) for k in range(min(keys), max(keys) + 1))
    if query.by:
        columns.append(query.by)
    columns.append(query.measure)

    rows: list[tuple[str | int, ...]] = []
    for (key, group), value in ordered:
        row: list[str | int] = []
        if query.period:
            row.append(period_label(key or 0, query.period))
        if query.by:
            row.append(group)
        row.append(value)
        rows.append(tuple(row))
    groups = tuple(sorted({g for (_, g) in totals}, key=_group_order)) if query.by else ()
    return Aggregate(tuple(columns), tuple(rows), periods, groups, query.measure)
