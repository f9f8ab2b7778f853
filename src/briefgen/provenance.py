"""Provenance checks: every number and quotation in a brief traced to its source's own text.

`briefgen check` reports, one line each: unknown or unused sources, fact quotes missing from
the source's local copy, fact values missing from their quotes, quotations missing from their
sources, unmarked numbers in prose, runs of a dozen words copied from a source outside
quotation marks, and sources that could not be checked because no local copy was found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.assemble.document import Assembled
from briefgen.assemble.facts import fact_sources
from briefgen.errors import Problem
from briefgen.numbers import format_number
from briefgen.source.prose import Token, TText, TUnsourced
from briefgen.source.schema import Fact, Source
from briefgen.source.tables import parse_number, read_csv

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]+")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"(?<![\w/-])(\d[\d,]*(?:\.\d+)?)(?![\w/])")
_YEAR = re.compile(r"^(19|20)\d\d$")
_LABEL_BEFORE = re.compile(r"(Section|Figure|Table|Chapter|Annex|Article|Part)\s+$", re.I)
COPY_RUN = 12
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)


def normalise(text: str) -> str:
    """Fold typographic quotes, apostrophes, dash styles and white space to one form."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return _SPACE.sub(" ", text).strip()


def value_forms(fact: Fact) -> list[str]:
    """Ways a source may print a fact's value: '1,500', '1500', '1.7 million', '56%'."""
    assert fact.value is not None
    value = float(fact.value)
    forms = {format_number(value), format_number(value, 0 if value.is_integer() else None)}
    if value.is_integer():
        forms.add(str(int(value)))
        if 0 <= value < len(_WORDS):
            forms.add(_WORDS[int(value)])
    else:
        forms.add(f"{value:g}")
    return sorted(forms, key=len, reverse=True)


def value_in_quote(fact: Fact, quote: str) -> bool:
    """True if the fact's value is written in `quote` as a whole number token."""
    text = normalise(quote)
    for form in value_forms(fact):
        if re.search(rf"(?<![\w.,]){re.escape(form)}(?![\w]|,\d)", text, re.IGNORECASE):
            return True
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", normalise(text).lower())


def _outside_quotes(text: str) -> str:
    """Drop text between quotation marks, which may be copied verbatim."""
    return re.sub(r'"[^"]*"', " … ", normalise(text))


@dataclass
class Report:
    """The result of a provenance check."""

    failures: list[Problem] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    checked: int = 0


def find_local_copy(source: Source, folders: list[Path]) -> Path | None:
    """Find the source's local file in the given folders."""
    if not source.file:
        return None
    for folder in folders:
        candidate = folder / source.file
        if candidate.is_file():
            return candidate
    return None


def check_provenance(assembled: Assembled, sources_dir: Path | None) -> Report:
    """Run every provenance check on an assembled brief."""
    bundle, ctx = assembled.bundle, assembled.context
    report = Report()
    folders = [sources_dir] if sources_dir else []
    folders += [bundle.root, *bundle.roots]
    texts: dict[str, str] = {}
    for sid, source in bundle.sources.items():
        path = find_local_copy(source, folders)
        if path is None:
            why = (f"local copy '{source.file}' not found" if source.file
                   else "no local copy named")
            report.unchecked.append(f"source '{sid}': unchecked ({why})")
        else:
            texts[sid] = normalise(path.read_text(encoding="utf-8", errors="replace"))
    sdoc = bundle.sources_doc
    for sid in bundle.sources:
        if sid not in ctx.used_sources and sdoc is not None:
            report.failures.append(sdoc.problem((*bundle.source_locs[sid], "id"),
                                                f"source '{sid}' is never cited"))
    _check_facts(assembled, texts, report)
    _check_chart_data(assembled, report)
    _check_quotes(assembled, texts, report)
    _check_prose(assembled, texts, report)
    return report


def _check_facts(assembled: Assembled, texts: dict[str, str], report: Report) -> None:
    bundle = assembled.bundle
    doc = bundle.facts_doc
    if doc is None:
        return
    for fid, fact in bundle.facts.items():
        loc = bundle.fact_locs[fid]
        if fact.derive is not None:
            continue
        if not fact.quote:
            report.failures.append(doc.problem((*loc, "quote"),
                                               f"fact '{fid}' has no supporting quote"))
            continue
        if not value_in_quote(fact, fact.quote):
            forms = " or ".join(f"'{f}'" for f in value_forms(fact))
            message = f"value {forms} of fact '{fid}' is not in its quote"
            report.failures.append(doc.problem((*loc, "quote"), message))
        assert fact.source is not None
        text = texts.get(fact.source)
        if text is None:
            continue
        report.checked += 1
        if normalise(fact.quote) not in text:
            file = bundle.sources[fact.source].file
            report.failures.append(doc.problem((*loc, "quote"), f"quote of fact '{fid}' not "
                                               f"found in {file} (source '{fact.source}')"))


def _check_chart_data(assembled: Assembled, report: Report) -> None:
    """Every number in a chart's CSV must be the value of a fact from the chart's sources."""
    bundle, ctx = assembled.bundle, assembled.context
    for loc, spec in ctx.csv_charts:
        assert spec.data is not None and spec.y is not None
        path = bundle.resolve(spec.data)
        if path is None or not path.is_file():
            continue
        table = read_csv(path)
        sources = {spec.source} if isinstance(spec.source, str) else set(spec.source)
        values = {
            r.value for r in ctx.resolved.values()
            if sources & set(fact_sources(r, ctx.resolved))
        }
        for column in [spec.y] if isinstance(spec.y, str) else spec.y:
            if column not in table.columns:
                continue
            for row, raw in enumerate(table.column(column), start=2):
                value = parse_number(raw)
                if value is None:
                    continue
                report.checked += 1
                if value not in values:
                    report.failures.append(bundle.brief_doc.problem(
                        (*loc, "data"), f"{bundle.display(path)}:{row}: value {raw} in column "
                        f"'{column}' is not a fact of source {', '.join(sorted(sources))}"))


def _check_quotes(assembled: Assembled, texts: dict[str, str], report: Report) -> None:
    brief_doc = assembled.bundle.brief_doc
    for loc, spec in assembled.context.quotes:
        text = texts.get(spec.source)
        if text is None:
            continue
        report.checked += 1
        if normalise(spec.text) not in text:
            file = assembled.bundle.sources[spec.source].file
            report.failures.append(brief_doc.problem((*loc, "text"), f"quotation of {spec.speaker}"
                                                     f" not found in {file} (source "
                                                     f"'{spec.source}')"))


def _numbers_in(tokens: tuple[Token, ...]) -> list[str]:
    """Numbers written in plain prose text (not fact references, not marked unsourced)."""
    found = []
    for tok in tokens:
        if isinstance(tok, TUnsourced) or not isinstance(tok, TText):
            continue
        for m in _NUMBER.finditer(tok.text):
            number = m.group(1).rstrip(".,")
            if _YEAR.match(number) or _LABEL_BEFORE.search(tok.text[: m.start()]):
                continue
            found.append(number)
    return found


def _check_prose(assembled: Assembled, texts: dict[str, str], report: Report) -> None:
    brief_doc = assembled.bundle.brief_doc
    grams: dict[tuple[str, ...], str] = {}
    for sid, text in texts.items():
        words = _words(text)
        for i in range(len(words) - COPY_RUN + 1):
            grams.setdefault(tuple(words[i : i + COPY_RUN]), sid)
    for loc, tokens in assembled.context.prose:
        for number in _numbers_in(tokens):
            report.failures.append(brief_doc.problem(loc, f"number '{number}' in prose is neither a"
                                                     " fact reference nor marked {unsourced:…}",
                                                     number))
        prose = " ".join(t.text for t in tokens if isinstance(t, TText | TUnsourced))
        words = _words(_outside_quotes(prose))
        for i in range(len(words) - COPY_RUN + 1):
            copied = grams.get(tuple(words[i : i + COPY_RUN]))
            if copied:
                run = " ".join(words[i : i + COPY_RUN])
                report.failures.append(brief_doc.problem(
                    loc, f"a run of {COPY_RUN} words is copied from source '{copied}' outside "
                    f"quotation marks: “{run}”", words[i]))
                break
