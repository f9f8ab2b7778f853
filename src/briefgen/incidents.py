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
import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from briefgen.errors import BriefError, Problem

Logical = Literal["date", "region", "actor", "event_type", "fatalities", "injuries", "source"]
LOGICAL: tuple[str, ...] = (
    "date", "region", "actor", "event_type", "fatalities", "injuries", "source",
)
PresetName = Literal["acled", "ucdp", "briefgen"]
Period = Literal["year", "quarter", "month"]
GroupBy = Literal["region", "actor", "event_type"]
Measure = Literal["events", "fatalities", "injuries"]

PRESETS: dict[str, dict[str, str]] = {
    "briefgen": {
        "date": "date", "region": "region", "actor": "actor", "event_type": "event_type",
        "fatalities": "fatalities", "injuries": "injuries", "source": "source",
    },
    "acled": {
        "date": "event_date", "region": "admin1", "actor": "actor1", "event_type": "event_type",
        "fatalities": "fatalities", "source": "source",
    },
    "ucdp": {
        "date": "date_start", "region": "adm_1", "actor": "side_b",
        "event_type": "type_of_violence", "fatalities": "best", "source": "source_article",
    },
}
# UCDP GED codes its `type_of_violence` column; show the names its codebook gives them.
UCDP_VIOLENCE = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}

OTHER = "Other"
UNKNOWN = "Unknown"
TOTAL = "Total"
MAX_LISTED_COLUMNS = 25


class IncidentQuery(BaseModel):
    """What to count in an incident table, how to group it, and which events to keep."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    preset: PresetName = Field(
        default="briefgen",
        description="Column layout: 'acled' export, 'ucdp' GED, or briefgen's own "
        "(date, region, actor, event_type, fatalities, injuries, source).",
    )
    columns: dict[str, str] | None = Field(
        default=None,
        description="Map logical names (date, region, actor, event_type, fatalities, injuries, "
        "source) to CSV column names; overrides the preset for the names given.",
    )
    period: Period | None = Field(default=None, description="Count per year, quarter or month.")
    by: GroupBy | None = Field(default=None, description="One series per region, actor or type.")
    measure: Measure = Field(default="events", description="Count events, or sum a column.")
    date_from: dt.date | None = Field(default=None, description="Keep events on or after.")
    date_to: dt.date | None = Field(default=None, description="Keep events on or before.")
    regions: list[str] | None = Field(default=None, min_length=1, description="Keep these.")
    actors: list[str] | None = Field(default=None, min_length=1, description="Keep these.")
    event_types: list[str] | None = Field(default=None, min_length=1, description="Keep these.")
    top: int | None = Field(
        default=None, ge=1, description=f"Keep the N largest groups; fold the rest into '{OTHER}'."
    )

    @field_validator("columns")
    @classmethod
    def _known_logical_names(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for key in value or {}:
            if key not in LOGICAL:
                raise ValueError(f"unknown column role {key!r} (choose from {', '.join(LOGICAL)})")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> IncidentQuery:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        if self.top is not None and self.by is None:
            raise ValueError("'top' needs 'by' (which groups to rank)")
        return self

    def column_map(self) -> dict[str, str]:
        """Return logical name → CSV column: the preset's, overridden by `columns`."""
        return {**PRESETS[self.preset], **(self.columns or {})}

    def roles(self) -> list[str]:
        """Return the logical columns this query reads, in a fixed order."""
        used = {
            "date": self.period is not None or self.date_from is not None
            or self.date_to is not None,
            "region": self.by == "region" or self.regions is not None,
            "actor": self.by == "actor" or self.actors is not None,
            "event_type": self.by == "event_type" or self.event_types is not None,
            "fatalities": self.measure == "fatalities",
            "injuries": self.measure == "injuries",
        }
        return [role for role in LOGICAL if used.get(role)]

    def _origin(self, role: str) -> str:
        """Say where a role's column name came from, for messages."""
        if self.columns and role in self.columns:
            return f"columns.{role}"
        return f"preset {self.preset}: {role}"


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
    from briefgen.incidents_scan import scan_groups

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
