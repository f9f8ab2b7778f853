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
    subtitle: str = ""  # units and scope, printed above the plot: "Deaths, Jan–Sep 2023"
    lang: str = "en-GB"  # BCP 47: sets the separators of the numbers printed

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


# Group and decimal separators by language (the primary subtag of a BCP 47 tag).
_SEPARATORS = {
    **dict.fromkeys(("de", "es", "it", "pt", "nl", "id", "tr", "da", "el", "ro", "sl", "hr",
                     "sr", "vi"), (".", ",")),
    **dict.fromkeys(("fr", "ru", "uk", "pl", "cs", "sk", "sv", "fi", "nb", "no", "hu", "bg",
                     "et", "lt", "lv", "kk"), ("\u202f", ",")),
    "de-CH": ("\u2019", "."),
}
_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3"
                             "\u2074\u2075\u2076\u2077\u2078\u2079")


def format_chart_number(value: float, lang: str = "en-GB", decimals: int | None = None) -> str:
    """Format a value as the brief's language writes it: '1,500' (en), '1 500' (fr),
    '1.500' (de), '1.7 million'; beyond a trillion, '1.2 × 10¹⁵'."""
    if abs(value) >= 1e15:
        mantissa, exponent = f"{value:.1e}".split("e")
        power = str(int(exponent)).translate(_SUPERSCRIPT)
        text = f"{mantissa.rstrip('0').rstrip('.')} × 10{power}"
    elif abs(value) >= 1e12 and decimals is None:
        text = f"{value / 1e12:.1f}".rstrip("0").rstrip(".") + " trillion"
    elif abs(value) >= 1e9 and decimals is None:
        text = f"{value / 1e9:.1f}".rstrip("0").rstrip(".") + " billion"
    else:
        text = format_number(value, decimals)
    group, point = _SEPARATORS.get(lang, _SEPARATORS.get(lang.split("-")[0].lower(), (",", ".")))
    if (group, point) != (",", "."):
        text = text.replace(",", "\0").replace(".", point).replace("\0", group)
    return text.replace("-", "\u2212", 1) if text.startswith("-") else text


def series_labels(values: list[float | None], percent: bool,
                  lang: str = "en-GB") -> tuple[str, ...]:
    """Format values for bar labels: '1,500' or '56%'; blank for missing."""
    out = []
    for v in values:
        if v is None:
            out.append("")
        else:
            out.append(format_chart_number(v, lang) + ("%" if percent else ""))
    return tuple(out)


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_MONTHS = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)})
_MONTHS["sept"] = 9


def event_date(text: str) -> tuple[float, str] | None:
    """Read '2014', '2014-06', '2014-06-08', 'Jun 2014' or '8 June 2014'; return the date in
    decimal years and as every timeline prints it ('2014', 'Jun 2014', '8 Jun 2014')."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if m:
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    else:
        m = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})", text)
        if not m or m[2].lower() not in _MONTHS:
            return None
        year, month, day = int(m[3]), _MONTHS[m[2].lower()], int(m[1] or 0)
    if not month:
        return year + 0.5, str(year)
    if not 1 <= month <= 12 or day > calendar.monthrange(year, month)[1]:
        return None
    short = _MONTH_NAMES[month - 1][:3]
    when = year + (month - 1) / 12 + ((day or 15) - 1) / 365
    return when, (f"{day} {short} {year}" if day else f"{short} {year}")


def parse_event_date(text: str) -> float | None:
    """Turn '2014', '2014-06', '2014-06-08', 'Jun 2014' or '8 June 2014' into decimal years."""
    found = event_date(text)
    return found[0] if found else None
