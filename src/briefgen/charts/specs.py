"""Turn a chart spec from brief.yaml into ChartData, reporting every data problem found."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from briefgen.assemble.facts import Resolved, format_bare, format_value
from briefgen.charts.data import ChartData, Series, TimelinePoint, parse_event_date, series_labels
from briefgen.errors import BriefError
from briefgen.incidents.aggregate import Aggregate, IncidentQuery, aggregate, check_columns
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


def build_chart_data(spec: Chart, ctx: DataContext, loc: Loc) -> ChartData | None:
    """Build the data for one chart; None (after reporting) if it cannot be built."""
    base = {
        "kind": spec.kind,
        "title": spec.title,
        "xlabel": spec.xlabel or "",
        "ylabel": spec.ylabel or "",
        "value_labels": spec.value_labels,
        "height_in": spec.height,
    }
    if spec.events is not None:
        return _from_events(spec, ctx, loc, base)
    if spec.kind == "timeline":
        ctx.problem((*loc, "kind"), "a timeline chart takes 'events'")
        return None
    if spec.facts is not None:
        return _from_facts(spec, ctx, loc, base)
    if spec.incidents is not None:
        return _from_incidents(spec, ctx, loc, base)
    return _from_csv(spec, ctx, loc, base)


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


def _from_incidents(spec: Chart, ctx: DataContext, loc: Loc, base: dict) -> ChartData | None:
    assert spec.data is not None and spec.incidents is not None
    agg = incident_rows(spec.data, spec.incidents, ctx, loc)
    if agg is None:
        return None
    wide = agg.to_wide()
    single = len(wide.series) == 1
    series = tuple(
        Series("" if single else name, tuple(float(v) for v in values),
               series_labels([float(v) for v in values], False))
        for name, values in wide.series
    )
    if not base["ylabel"]:
        base = {**base, "ylabel": spec.incidents.measure.capitalize()}
    return ChartData(**base, categories=tuple(wide.x), series=series)


def _from_events(spec: Chart, ctx: DataContext, loc: Loc, base: dict) -> ChartData | None:
    points = []
    for i, ev in enumerate(spec.events or []):
        when = parse_event_date(ev.date)
        if when is None:
            ctx.problem((*loc, "events", i, "date"),
                        f"cannot read date '{ev.date}' (use 2014, 2014-06, 2014-06-08 or Jun 2014)")
            continue
        points.append(TimelinePoint(when, ev.date, ev.text))
    if spec.kind != "timeline":
        ctx.problem((*loc, "kind"), "'events' need kind: timeline")
        return None
    return ChartData(**base, categories=(), series=(), events=tuple(points))


def _from_facts(spec: Chart, ctx: DataContext, loc: Loc, base: dict) -> ChartData | None:
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


def _from_csv(spec: Chart, ctx: DataContext, loc: Loc, base: dict) -> ChartData | None:
    assert spec.data is not None and spec.x is not None and spec.y is not None
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
                             series_labels(values, percent)))
    if not ok:
        return None
    return ChartData(**base, categories=categories, series=tuple(series), percent=all(percents))
