"""Turn a chart spec from brief.yaml into ChartData, reporting every data problem found."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Protocol, TypedDict

from briefgen.assemble.facts import Resolved, format_bare, format_value
from briefgen.charts.data import ChartData, Series, TimelinePoint, event_date, series_labels
from briefgen.errors import BriefError
from briefgen.incidents.aggregate import Aggregate, aggregate, check_columns
from briefgen.incidents.query import IncidentQuery
from briefgen.source.schema import Chart
from briefgen.source.tables import (
    CsvTable,
    is_missing,
    missing_column,
    number_problem,
    parse_number,
)
from briefgen.source.yamlfile import Loc


class DataContext(Protocol):
    """What chart building needs from assemble: facts, files and a place to report problems."""

    resolved: dict[str, Resolved]

    def problem(self, loc: Loc, message: str) -> None: ...

    def csv(self, rel: str, loc: Loc) -> tuple[CsvTable, str] | None: ...

    def path(self, rel: str, loc: Loc) -> Path | None: ...


class ChartBase(TypedDict):
    """The ChartData fields every kind of chart source fills the same way."""

    kind: str
    title: str
    subtitle: str
    xlabel: str
    ylabel: str
    value_labels: bool
    height_in: float | None
    lang: str


# The most a chart can show legibly; beyond it the author is asked to aggregate.
MAX_POINTS = {"line": 2000, "bar": 60, "grouped_bar": 60, "stacked_bar": 60, "barh": 60,
              "timeline": 40}
MAX_SERIES = 8


def _lang(ctx: Any) -> str:
    brief = getattr(getattr(ctx, "bundle", None), "brief", None)
    return str(getattr(brief, "lang", "en-GB"))


def build_chart_data(spec: Chart, ctx: DataContext, loc: Loc) -> ChartData | None:
    """Build the data for one chart; None (after reporting) if it cannot be built."""
    base: ChartBase = {
        "kind": spec.kind,
        "title": spec.title,
        "subtitle": getattr(spec, "subtitle", None) or "",
        "xlabel": spec.xlabel or "",
        "ylabel": spec.ylabel or "",
        "value_labels": spec.value_labels,
        "height_in": spec.height,
        "lang": _lang(ctx),
    }
    if spec.events is not None:
        data = _from_events(spec, ctx, loc, base)
    elif spec.kind == "timeline":
        ctx.problem((*loc, "kind"), "a timeline chart takes 'events'")
        return None
    elif spec.facts is not None:
        data = _from_facts(spec, ctx, loc, base)
    elif spec.incidents is not None:
        data = _from_incidents(spec, ctx, loc, base)
    else:
        data = _from_csv(spec, ctx, loc, base)
    return data if data is not None and check_chart_data(data, ctx, loc) else None


def too_many(kind: str, count: int) -> str | None:
    """The message for a chart over more points than it can show (None if it can show them)."""
    cap = MAX_POINTS.get(kind, 60)
    if count <= cap:
        return None
    what = "events" if kind == "timeline" else "points" if kind == "line" else "bars"
    advice = ("keep the events that matter, or use a table" if kind == "timeline" else
              "aggregate the rows first (an 'incidents:' query groups and counts them by "
              "period or category) or chart a summary CSV")
    return f"{count:,} {what} is more than a {kind} chart can show ({cap:,}): {advice}"


def check_chart_data(data: ChartData, ctx: DataContext, loc: Loc) -> bool:
    """Refuse what cannot be drawn faithfully: too many points, NaN or infinite values,
    empty series, and a chart of a single value; report each at the chart's line."""
    ok = True
    count = len(data.events) if data.kind == "timeline" else len(data.categories)
    message = too_many(data.kind, count)
    if message:
        ctx.problem((*loc, "kind"), message)
        return False
    if data.kind == "timeline":
        if not data.events:
            ctx.problem((*loc, "events"), "a timeline needs at least one dated event")
            ok = False
        return ok
    if not data.categories or not data.series:
        ctx.problem(loc, "the chart has no data: the CSV has a header but no rows")
        return False
    if len(data.series) > MAX_SERIES:
        ctx.problem((*loc, "y"), f"{len(data.series)} series are more than a chart can tell "
                    f"apart ({MAX_SERIES}): chart fewer, or use a table")
        ok = False
    for s in data.series:
        name = f"series '{s.name}'" if s.name else "the series"
        bad = [c for c, v in zip(data.categories, s.values, strict=True)
               if v is not None and not math.isfinite(v)]
        if bad:
            ctx.problem(loc, f"{name} holds a value that is not a finite number "
                        f"(NaN or infinity) at '{bad[0]}': give a number or leave the cell blank")
            ok = False
        elif all(v is None for v in s.values):
            ctx.problem(loc, f"{name} has no values: every cell is blank")
            ok = False
    if ok and len(data.categories) == 1 and len(data.series) == 1:
        ctx.problem(loc, "a chart of a single value shows nothing a sentence cannot: state "
                    "it in the text, or use a table")
        ok = False
    return ok


def incident_rows(spec_data: str, query: IncidentQuery, ctx: DataContext,
                  loc: Loc) -> Aggregate | None:
    """Aggregate an incident CSV named in a chart or table, reporting problems at `loc`."""
    path = ctx.path(spec_data, (*loc, "data"))
    if path is None:
        return None
    problems = check_columns(path, query)
    for message in problems:
        ctx.problem((*loc, "incidents"), message)
    if problems:
        return None
    try:
        return aggregate(path, query)
    except BriefError as exc:
        for p in exc.problems:
            ctx.problem((*loc, "data"), str(p))
        return None


def _from_incidents(spec: Chart, ctx: DataContext, loc: Loc, base: ChartBase) -> ChartData | None:
    assert spec.data is not None and spec.incidents is not None
    agg = incident_rows(spec.data, spec.incidents, ctx, loc)
    if agg is None:
        return None
    wide = agg.to_wide()
    cap = MAX_POINTS.get(spec.kind, 60)
    if len(wide.x) > cap:
        ctx.problem((*loc, "incidents"), f"the query gives {len(wide.x):,} periods or groups, "
                    f"more than a {spec.kind} chart can show ({cap:,}): count by a longer "
                    "period (year rather than month) or filter the rows")
        return None
    single = len(wide.series) == 1
    series = tuple(
        Series("" if single else name, tuple(float(v) for v in values),
               series_labels([float(v) for v in values], False, base["lang"]))
        for name, values in wide.series
    )
    if not base["ylabel"]:
        base = {**base, "ylabel": spec.incidents.measure.capitalize()}
    return ChartData(**base, categories=tuple(wide.x), series=series)


def _from_events(spec: Chart, ctx: DataContext, loc: Loc, base: ChartBase) -> ChartData | None:
    points = []
    ok = True
    for i, ev in enumerate(spec.events or []):
        found = event_date(str(ev.date))
        if found is None:
            ctx.problem((*loc, "events", i, "date"),
                        f"cannot read date '{ev.date}' (use 2014, 2014-06, 2014-06-08 or "
                        "Jun 2014, with a real month and day)")
            ok = False
            continue
        points.append(TimelinePoint(found[0], found[1], ev.text))
    if spec.kind != "timeline":
        ctx.problem((*loc, "kind"), "'events' need kind: timeline")
        return None
    if not ok:
        return None
    return ChartData(**base, categories=(), series=(), events=tuple(points))


def _from_facts(spec: Chart, ctx: DataContext, loc: Loc, base: ChartBase) -> ChartData | None:
    cats: list[str] = []
    groups: list[str] = []
    cells: dict[tuple[str, str], Resolved] = {}
    ok = True
    for i, ref in enumerate(spec.facts or []):
        fact = ctx.resolved.get(ref.fact)
        if fact is None:
            ctx.problem((*loc, "facts", i, "fact"), f"unknown fact '{ref.fact}'")
            ok = False
            continue
        group = ref.group or ""
        if ref.label not in cats:
            cats.append(ref.label)
        if group not in groups:
            groups.append(group)
        cells[(ref.label, group)] = fact
    if not ok or not cats:
        return None
    percent = all(f.fact.unit == "%" for f in cells.values())
    series = []
    for group in groups:
        facts = [cells.get((c, group)) for c in cats]
        values = tuple(f.value if f else None for f in facts)
        labels = tuple(_bar_label(f) if f else "" for f in facts)
        series.append(Series(group, values, labels))
    return ChartData(**base, categories=tuple(cats), series=tuple(series), percent=percent)


def _bar_label(fact: Resolved) -> str:
    """Label a bar with the fact's qualifier kept visible: 'at least 150', 'nearly 60'."""
    return format_value(fact, with_unit=False) if fact.fact.qualifier else format_bare(fact)


def _count_rows(path: Path) -> int:
    """Count the data lines of a CSV quickly (without parsing), or -1 if it cannot be read."""
    try:
        with path.open("rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return -1
    return max(lines - 1, 0)


def _from_csv(spec: Chart, ctx: DataContext, loc: Loc, base: ChartBase) -> ChartData | None:
    assert spec.data is not None and spec.x is not None and spec.y is not None
    path = ctx.path(spec.data, (*loc, "data"))
    if path is None:
        return None
    rows = _count_rows(path)
    message = too_many(spec.kind, rows) if rows > 2 * MAX_POINTS.get(spec.kind, 60) else None
    if message:  # far too many: refuse before reading (and parsing) every row
        ctx.problem((*loc, "data"), f"{spec.data}: {message}")
        return None
    found = ctx.csv(spec.data, (*loc, "data"))
    if found is None:
        return None
    table, shown = found
    ys = [spec.y] if isinstance(spec.y, str) else list(spec.y)
    ok = True
    for name, field in [(spec.x, "x"), *[(y, "y") for y in ys]]:
        message = missing_column(name, table, shown)
        if message:
            ctx.problem((*loc, field), message)
            ok = False
    if not ok:
        return None
    categories = tuple(table.column(spec.x))
    message = too_many(spec.kind, len(categories))
    if message:
        ctx.problem((*loc, "data"), f"{shown}: {message}")
        return None
    labels = spec.labels or {}
    series = []
    percents = [any("%" in v for v in table.column(y)) for y in ys]
    for y, percent in zip(ys, percents, strict=True):
        values: list[float | None] = []
        for row, raw in enumerate(table.column(y)):
            value = parse_number(raw)
            if value is None and not is_missing(raw):
                ctx.problem((*loc, "y"), f"{shown}:{table.line(row)}: column '{y}': "
                            + number_problem(raw))
                ok = False
            values.append(value)
        series.append(Series(labels.get(y, y if len(ys) > 1 else ""), tuple(values),
                             series_labels(values, percent, base["lang"])))
    if not ok:
        return None
    return ChartData(**base, categories=categories, series=tuple(series), percent=all(percents))
