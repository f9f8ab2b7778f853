"""Chart data: what a chart shows, independent of how it is drawn (and its alt text)."""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from dataclasses import asdict, dataclass

from briefgen.numbers import format_number

KIND_NAMES = {
    "bar": "Bar chart",
    "grouped_bar": "Grouped bar chart",
    "stacked_bar": "Stacked bar chart",
    "barh": "Horizontal bar chart",
    "line": "Line chart",
    "timeline": "Timeline",
}


@dataclass(frozen=True)
class Series:
    """One data series: a name, a value per category (None = no data) and printed labels."""

    name: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class TimelinePoint:
    """One dated event: position in decimal years, the date as printed, a short label."""

    when: float
    date: str
    label: str


@dataclass(frozen=True)
class ChartData:
    """Everything needed to draw one chart; hashed to cache its rendering."""

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    xlabel: str = ""
    ylabel: str = ""
    percent: bool = False
    value_labels: bool = True
    height_in: float | None = None
    events: tuple[TimelinePoint, ...] = ()

    def key(self, look: dict[str, object]) -> str:
        """Return a content hash of this chart and the look it is drawn with."""
        payload = json.dumps([asdict(self), look], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()[:20]

    def alt_text(self, extra: str = "") -> str:
        """Describe the chart in words, with every value, for screen readers and Word."""
        head = f"{KIND_NAMES[self.kind]}: {self.title}."
        if self.kind == "timeline":
            body = " ".join(f"{e.date}: {e.label}." for e in self.events)
        else:
            parts = []
            for s in self.series:
                values = "; ".join(
                    f"{cat} {lab}"
                    for cat, v, lab in zip(self.categories, s.values, s.labels, strict=True)
                    if v is not None
                )
                parts.append(f"{s.name}: {values}." if s.name else f"{values}.")
            axis = f" Values show {self.ylabel.lower()}." if self.ylabel else ""
            body = " ".join(parts) + axis
        return f"{head} {body} {extra}".strip()


def series_labels(values: list[float | None], percent: bool) -> tuple[str, ...]:
    """Format values for bar labels: '1,500' or '56%'; blank for missing."""
    out = []
    for v in values:
        if v is None:
            out.append("")
        else:
            out.append(format_number(v) + ("%" if percent else ""))
    return tuple(out)


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})


def parse_event_date(text: str) -> float | None:
    """Turn '2014', '2014-06', '2014-06-08', 'Jun 2014' or '8 June 2014' into decimal years."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if m:
        if m[2] is None:
            return int(m[1]) + 0.5
        return int(m[1]) + (int(m[2]) - 1) / 12 + (int(m[3] or 15) - 1) / 365
    m = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s+(\d{4})", text)
    if m and m[2].lower() in _MONTHS:
        month, day = _MONTHS[m[2].lower()], int(m[1] or 15)
        return int(m[3]) + (month - 1) / 12 + (day - 1) / 365
    return None
