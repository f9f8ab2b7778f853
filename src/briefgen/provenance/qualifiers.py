"""Qualifiers and periods: a fact's "at least" and "2022" must be what its quote says."""

from __future__ import annotations

import datetime as dt
import re

from briefgen.provenance.texts import normalise, sentence_around, value_spans
from briefgen.source.schema import Fact, Source

QUALIFIERS = (
    "at least", "more than", "fewer than", "less than", "up to", "as many as", "as few as",
    "close to", "upwards of", "in excess of", "just over", "just under", "an estimated",
    "estimated", "nearly", "almost", "around", "about", "approximately", "roughly", "some",
    "over", "under", "below", "above",
)
_YEAR = re.compile(r"(?<![\w/.,-])((?:19|20)\d\d)(?:-(\d\d(?:\d\d)?))?(?![\w/]|,\d)")
_RELATIVE = {"last year": -1, "past year": -1, "previous year": -1, "a year earlier": -1,
             "this year": 0, "so far this year": 0, "current year": 0}
_EARLIER = re.compile(r"year-on-year|previous year|a year earlier|compared (?:to|with)")
_SINCE = re.compile(r"\bsince (?:(?:early|late|mid-?)\s*)?(?:\w+ )?((?:19|20)\d\d)\b", re.I)


def qualifiers_near(fact: Fact, quote: str) -> tuple[set[str], int]:
    """Return the qualifiers just before the fact's value in the quote, and its occurrences."""
    text = normalise(quote).lower()
    spans = value_spans(fact, text)
    found: set[str] = set()
    for start, _end in spans:
        before = text[:start].rstrip(" $~")
        for q in QUALIFIERS:
            if re.search(rf"(?:^|\W){re.escape(q)}$", before):
                found.add(q)
                break
    return found, len(spans)


def qualifier_problem(fact: Fact) -> str | None:
    """Say why the fact's qualifier is not what its quote says, or None if it is."""
    if not fact.quote or fact.value is None:
        return None
    found, occurrences = qualifiers_near(fact, fact.quote)
    if not occurrences:
        return None  # the missing value is reported on its own
    wanted = " ".join(fact.qualifier.lower().split())
    if wanted and wanted not in found:
        said = f"'{sorted(found)[0]}'" if found else "no qualifier"
        return (f"qualifier '{fact.qualifier}' of fact '{fact.id}' is not in its quote next to "
                f"the number (the quote has {said})")
    if not wanted and found:
        return (f"fact '{fact.id}' has no qualifier but its quote says '{sorted(found)[0]}' "
                "before the number")
    return None


def _years(text: str) -> set[int]:
    """Every year written in a text; '2009-14' and '2009-2014' give both ends."""
    years: set[int] = set()
    for m in _YEAR.finditer(text):
        first = int(m.group(1))
        years.add(first)
        if m.group(2):
            last = m.group(2)
            years.add(int(last) if len(last) == 4 else first // 100 * 100 + int(last))
    return years


def source_years(source: Source) -> set[int]:
    """The year a source was published: its date, else the years its date note infers."""
    if isinstance(source.date, dt.date):
        return {source.date.year}
    return {y for y in _years(source.date_note or "") if y >= 1990}


def _times(text: str, published: set[int]) -> set[int]:
    """Years a text refers to, explicitly or relative to the source's date."""
    years = _years(text)
    low = text.lower()
    if years and _EARLIER.search(low):
        years |= {y - 1 for y in years}  # '2023 compared to the previous year'
    for phrase, shift in _RELATIVE.items():
        if phrase in low and not (years and shift < 0):
            years |= {y + shift for y in published}
    for m in _SINCE.finditer(text):
        start = int(m.group(1))
        top = max(published) if published else start
        years |= set(range(start, top + 1))
    return years


def period_problem(fact: Fact, source: Source | None, text: str | None) -> str | None:
    """Say why the fact's period fits neither its quote, its sentence nor its source's date."""
    if not fact.period or not fact.quote:
        return None
    wanted = _years(fact.period)
    if not wanted:
        return None
    published = source_years(source) if source else set()
    quote = normalise(fact.quote)
    said = in_quote = _times(quote, published)
    at = text.find(quote) if text is not None else -1
    for before in (0, 1):  # the sentence before only if nothing so far says when
        if (wanted - said if before == 0 else not said) and text is not None and at >= 0:
            said = said | _times(sentence_around(text, at, at + len(quote), before), published)
    where = "its quote" if said == in_quote else "its quote and the sentence around it"
    if said:
        wrong = sorted(wanted - said)
        if wrong:
            gives = ", ".join(str(y) for y in sorted(said))
            return (f"period '{fact.period}' of fact '{fact.id}' does not match {where}, "
                    f"which refers to {gives}")
        return None
    if published and not wanted <= published:
        year = ", ".join(str(y) for y in sorted(published))
        return (f"period '{fact.period}' of fact '{fact.id}' does not match its source's date "
                f"({year}); neither its quote nor the sentence around it says when")
    return None
