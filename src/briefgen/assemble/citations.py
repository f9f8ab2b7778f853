"""Format sources once, for endnotes, the bibliography and the source lines under charts."""

from __future__ import annotations

import datetime as dt
import re

from briefgen.model import Link, Runs, Text
from briefgen.source.schema import Source

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE = ("http", "https", "mailto")


def safe_link(url: str) -> bool:
    """True for a URL with an http, https or mailto scheme (control characters refused)."""
    found = _SCHEME.match(url.strip())
    return (found is not None and found[1].lower() in _SAFE and url == url.strip()
            and not any(ord(c) < 32 or c in "\x7f<>\"" for c in url))


def format_date(date: dt.date | None) -> str:
    """Print a date as '31 January 2023'."""
    return f"{date.day} {date:%B %Y}" if date else ""


def short_name(source: Source) -> str:
    """A short name for a source line: its `short` name, else outlet and date, else author."""
    if source.short:
        return source.short
    who = source.outlet or source.author or source.title
    return f"{who}, {format_date(source.date)}" if source.date else who


def note_runs(source: Source) -> Runs:
    """The endnote text for a citation of `source`."""
    runs: list[Text | Link] = []
    if source.author:
        runs.append(Text(f"{source.author}, "))
    runs.append(Text(f"“{source.title}”"))
    if source.outlet:
        runs.append(Text(", "))
        runs.append(Text(source.outlet, italic=True))
    runs.append(Text(f", {format_date(source.date)}." if source.date else ", undated."))
    return tuple(runs)


def bibliography_runs(source: Source) -> Runs:
    """The bibliography entry for `source`, with what is known of its date and location."""
    runs: list[Text | Link] = []
    if source.author:
        runs.append(Text(f"{source.author}. "))
    runs.append(Text(f"“{source.title}.” "))
    if source.outlet:
        runs.append(Text(source.outlet, italic=True))
        runs.append(Text(", "))
    if source.date:
        runs.append(Text(format_date(source.date) + "."))
    elif source.date_note:
        runs.append(Text(f"Undated ({source.date_note.rstrip('.')})."))
    else:
        runs.append(Text("Undated."))
    if not source.author:
        runs.append(Text(" Author not printed."))
    if source.url:
        runs.append(Text(" "))
        runs.append(Link(source.url, source.url) if safe_link(source.url) else Text(source.url))
    if source.file:
        runs.append(Text(f" Local copy: {source.file}."))
    return tuple(runs)
