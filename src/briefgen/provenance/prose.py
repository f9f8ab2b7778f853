"""Prose checks: unmarked numbers, copied runs, quotations, cited numbers, corroboration and
the brief's own claims, sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from briefgen.assemble.document import Assembled
from briefgen.assemble.facts import fact_sources, format_value
from briefgen.errors import Problem
from briefgen.provenance.claims import (
    Claim,
    Sentence,
    fragments,
    needle,
    own_claims,
    quotations,
    sentences,
    years_outside_quotes,
)
from briefgen.provenance.qualifiers import source_years
from briefgen.provenance.report import Report
from briefgen.provenance.strands import one_strand
from briefgen.provenance.texts import (
    SourceTexts,
    find_quote,
    normalise,
    passage,
    value_spans,
    words,
)
from briefgen.source.prose import TFact, Token, TText, TUnsourced, expand_own
from briefgen.source.schema import TimelineEvent
from briefgen.source.yamlfile import Loc

_NUMBER = re.compile(r"(?<![\w/-])(\d[\d,]*(?:\.\d+)?)(?![\w/])")
_YEAR = re.compile(r"^(19|20)\d\d$")
_LABEL_BEFORE = re.compile(r"(Section|Figure|Table|Chapter|Annex|Article|Part)\s+$", re.I)
_EVENT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d(?:s\b)?)(?!\d)")
COPY_RUN = 12


def _numbers_in(tokens: tuple[Token, ...]) -> list[str]:
    """Numbers written in plain prose text (not fact references, not marked unsourced)."""
    found = []
    for tok in expand_own(tokens):
        if isinstance(tok, TUnsourced) or not isinstance(tok, TText):
            continue
        for m in _NUMBER.finditer(tok.text):
            number = m.group(1).rstrip(".,")
            if _YEAR.match(number) or _LABEL_BEFORE.search(tok.text[: m.start()]):
                continue
            found.append(number)
    return found


def _outside_quotes(text: str) -> str:
    """Drop text between quotation marks, which may be copied verbatim."""
    return re.sub(r'"[^"]*"', " … ", normalise(text))


def _year_spans(year: str, text: str) -> list[tuple[int, int]]:
    """Where a year ('2014', or a decade, '1990s') is written in a text."""
    return [m.span() for m in re.finditer(rf"(?<![\w.,]){year}(?![\w])", text)]


class ProseCheck:
    """Check every prose passage of an assembled brief against the sources' texts."""

    def __init__(self, assembled: Assembled, texts: SourceTexts, report: Report) -> None:
        self.assembled, self.texts, self.report = assembled, texts, report
        self.doc = assembled.bundle.brief_doc
        self.values = {fid: format_value(r) for fid, r in assembled.context.resolved.items()}

    def value_of(self, tok: TFact) -> str:
        """A fact reference as printed."""
        r = self.assembled.context.resolved.get(tok.id)
        return tok.id if r is None else format_value(r, with_unit=tok.form != "short")

    def problem(self, claim: Claim, loc: Loc, message: str, word: str | None) -> None:
        """Fail a claim and record the located problem."""
        claim.fail(message)
        self.report.failures.append(self.doc.problem(loc, message, word))

    def claim(self, kind: str, loc: Loc, text: str, ids: tuple[str, ...] = (),
              verdict: str = "pass", word: str | None = None) -> tuple[Claim, str | None]:
        """Record a claim made at `loc`, on the line that holds `word` (or its first long word)."""
        word = word or needle(text)
        at: Problem = self.doc.problem(loc, "", word)
        where = f"{at.file}:{at.line}" if at.line else at.file
        return self.report.add(Claim(kind, where, at.field, text, ids, verdict)), word

    def run(self) -> None:
        """Check every prose passage."""
        grams: dict[tuple[str, ...], str] = {}
        for sid, text in self.texts.texts.items():
            ws = words(text)
            for i in range(len(ws) - COPY_RUN + 1):
                grams.setdefault(tuple(ws[i : i + COPY_RUN]), sid)
        for loc, tokens in self.assembled.context.prose:
            self.unmarked(loc, tokens)
            self.copied(loc, tokens, grams)
            for text in own_claims(tokens, self.value_of):
                self.claim("own", loc, text, verdict="own")
            for sentence in sentences(tokens):
                self.sentence(loc, sentence)

    def unmarked(self, loc: Loc, tokens: tuple[Token, ...]) -> None:
        """A number in prose must be a fact reference or marked unsourced."""
        for number in _numbers_in(tokens):
            self.report.failures.append(self.doc.problem(
                loc, f"number '{number}' in prose is neither a fact reference nor marked "
                "{unsourced:…}", number))

    def copied(self, loc: Loc, tokens: tuple[Token, ...],
               grams: dict[tuple[str, ...], str]) -> None:
        """Twelve words in a row from a source must be in quotation marks."""
        prose = " ".join(t.text for t in expand_own(tokens) if isinstance(t, TText | TUnsourced))
        ws = words(_outside_quotes(prose))
        for i in range(len(ws) - COPY_RUN + 1):
            source = grams.get(tuple(ws[i : i + COPY_RUN]))
            if source:
                run = " ".join(ws[i : i + COPY_RUN])
                self.report.failures.append(self.doc.problem(
                    loc, f"a run of {COPY_RUN} words is copied from source '{source}' outside "
                    f"quotation marks: “{run}”", ws[i]))
                return

    def sentence(self, loc: Loc, sentence: Sentence) -> None:
        """Check one sentence's quotations, cited numbers and corroboration."""
        for quotation, ids in quotations(sentence):
            if ids:
                self.quotation(loc, quotation, ids)
        cited = sentence.cited()
        if not cited:
            return
        resolved = self.assembled.context.resolved
        for off, fid, own in sentence.facts:
            r = resolved.get(fid)
            ids = sentence.covering(off)
            if r is not None and ids and not own and not r.computed and r.fact.value is not None:
                self.number(loc, self.values[fid], ids, partial(value_spans, r.fact),
                            f"fact '{fid}'", fid)
        for off, year in years_outside_quotes(sentence):
            ids = sentence.covering(off)
            if not ids:
                continue
            self.number(loc, year, ids, partial(_year_spans, year), "year", year)
        sources = set(cited)
        for _off, fid, own in sentence.facts:
            if fid in resolved and not own:
                sources.update(fact_sources(resolved[fid], resolved))
        if self.report.strands and one_strand(sorted(sources), self.report.strands):
            claim, word = self.claim("corroboration", loc, sentence.plain(), tuple(sorted(sources)))
            names = " and ".join(f"'{s}'" for s in sorted(sources))
            self.problem(claim, loc, f"sentence rests on {names} as separate accounts, but their"
                         " texts overlap heavily (one strand of evidence)", word)
        missing = [s for s in cited if s in self.texts.missing]
        if missing:
            self.claim("citation", loc, sentence.plain(), tuple(missing), "unchecked")

    def event(self, loc: Loc, event: TimelineEvent, ids: tuple[str, ...]) -> None:
        """A dated event with a source: its years and quotations must be in that source."""
        for year in _EVENT_YEAR.findall(event.date):
            self.number((*loc, "date"), year, ids, partial(_year_spans, year),
                        f"date of “{event.text}”", year)
        for quotation in re.findall(r'"([^"]+)"', normalise(event.text)):
            self.quotation((*loc, "text"), quotation, ids)

    def quotation(self, loc: Loc, quotation: str, ids: tuple[str, ...]) -> None:
        """A quotation attributed to a source must be in its text, word for word."""
        claim, word = self.claim("quotation", loc, f"“{quotation}”", ids)
        parts = fragments(quotation)
        available = [s for s in ids if s in self.texts.texts]
        if not available:
            claim.verdict = "unchecked"
            return
        for sid in available:
            text = self.texts.texts[sid]
            spots = [find_quote(p, text) for p in parts]
            if parts and all(i >= 0 for i in spots):
                self.report.checked += 1
                claim.source = self.texts.name(sid, self.assembled.bundle.sources[sid])
                claim.passage = passage(text, spots[0], spots[0] + len(parts[0]))
                return
        names = ", ".join(f"{self.texts.name(s, self.assembled.bundle.sources[s])} (source "
                          f"'{s}')" for s in available)
        self.problem(claim, loc, f"quotation “{quotation}” not found in {names}", word)

    def number(self, loc: Loc, shown: str, cited: tuple[str, ...],
               find: Callable[[str], list[tuple[int, int]]], what: str, word: str) -> None:
        """A number in a sentence with a citation must be in (one of) the cited sources."""
        claim, _w = self.claim("number", loc, f"{shown} ({what})", cited, word=word)
        available = [s for s in cited if s in self.texts.texts]
        if not available:
            claim.verdict = "unchecked"
            return
        sources = self.assembled.bundle.sources
        for sid in available:
            spans = find(self.texts.texts[sid])
            if spans:
                self.report.checked += 1
                claim.source = self.texts.name(sid, sources[sid])
                claim.passage = passage(self.texts.texts[sid], *spans[0])
                return
            if shown.isdigit() and int(shown) in source_years(sources[sid]):
                return
        names = ", ".join(f"'{s}'" for s in available)
        self.problem(claim, loc, f"number {shown} ({what}) is not in the cited source {names}",
                     word)
