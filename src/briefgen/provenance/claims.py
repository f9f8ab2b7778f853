"""Claims: what a brief asserts (facts, quotations, cited numbers, own analysis) and the
sentences of its prose, with the citations each sentence carries."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefgen.provenance.texts import normalise
from briefgen.source.prose import TCite, TFact, TLink, Token, TOwn, TRef, TText, TUnsourced

CITE, FACT, REF, OWN_OPEN, OWN_CLOSE, UNS_OPEN, UNS_CLOSE = (chr(0xE000 + i) for i in range(7))
MARKERS = CITE + FACT + REF + OWN_OPEN + OWN_CLOSE + UNS_OPEN + UNS_CLOSE
_YEAR = re.compile(r"(?<![\w/.,-])((?:19|20)\d\d)(?![\w/]|,\d)")
_QUOTATION = re.compile(r'"([^"]+)"')
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\])\s*")


@dataclass
class Claim:
    """One checkable claim, its source passage and its verdict."""

    kind: str  # fact | quote | quotation | number | corroboration | own
    where: str  # 'file:line'
    key: str  # the YAML location, e.g. 'facts[3]'
    text: str
    sources: tuple[str, ...] = ()
    verdict: str = "pass"  # pass | fail | unchecked | own
    notes: list[str] = field(default_factory=list)
    source: str | None = None  # the source whose passage is shown
    passage: tuple[str, str, str] | None = None  # before, match, after

    def fail(self, message: str) -> None:
        """Mark the claim as failing, with the reason."""
        self.verdict = "fail"
        self.notes.append(message)

    def as_dict(self) -> dict[str, object]:
        """Return the claim as plain data (for the JSON evidence trail)."""
        before, match, after = self.passage or ("", "", "")
        return {"kind": self.kind, "where": self.where, "field": self.key, "text": self.text,
                "sources": list(self.sources), "verdict": self.verdict, "notes": self.notes,
                "source": self.source,
                "passage": None if self.passage is None else
                {"before": before, "match": match, "after": after}}


@dataclass
class Sentence:
    """One sentence of prose: its text with markers, and what it cites and refers to."""

    text: str  # normalised; markers stand for citations, facts, refs and spans
    cites: list[tuple[int, tuple[str, ...]]]  # (offset, source ids)
    facts: list[tuple[int, str, bool]]  # (offset, fact id, inside an own claim)

    def cited(self) -> tuple[str, ...]:
        """Every source the sentence cites, in order, once each."""
        return tuple(dict.fromkeys(s for _o, ids in self.cites for s in ids))

    def covering(self, pos: int) -> tuple[str, ...]:
        """Return the sources cited for the words at `pos` (the next citation, same parentheses)."""
        for off, ids in self.cites:
            if off < pos:
                continue
            between = self.text[pos:off]
            return () if between.count("(") != between.count(")") else ids
        return ()

    def plain(self) -> str:
        """The sentence without markers."""
        return re.sub(r"\s+([.,;:!?)])", r"\1", re.sub(f"[{MARKERS}]", "", self.text)).strip()


def flatten(tokens: tuple[Token, ...]) -> tuple[str, list[tuple[str, ...]], list[str]]:
    """Write tokens as one string with a marker for each citation, fact and ref."""
    cites: list[tuple[str, ...]] = []
    facts: list[str] = []
    parts: list[str] = []

    def walk(toks: tuple[Token, ...]) -> None:
        for tok in toks:
            if isinstance(tok, TText | TLink):
                parts.append(tok.text)
            elif isinstance(tok, TUnsourced):
                parts.append(UNS_OPEN + tok.text + UNS_CLOSE)
            elif isinstance(tok, TCite):
                cites.append(tok.ids)
                parts.append(CITE)
            elif isinstance(tok, TFact):
                facts.append(tok.id)
                parts.append(FACT)
            elif isinstance(tok, TRef):
                parts.append(REF)
            elif isinstance(tok, TOwn):
                parts.append(OWN_OPEN)
                walk(tok.tokens)
                parts.append(OWN_CLOSE)

    walk(tokens)
    return normalise("".join(parts)), cites, facts


def _boundaries(text: str) -> list[int]:
    """Offsets where a sentence ends (citations after the full stop stay with it)."""
    ends, quoted, i = [], False, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            quoted = not quoted
        elif ch in ".!?" and (not quoted or text[i + 1 : i + 2] == '"'):
            j = i + 1
            while j < len(text) and text[j] in "\"')]" + CITE + UNS_CLOSE + OWN_CLOSE:
                quoted = quoted and text[j] != '"'
                j += 1
            k = j
            while k < len(text) and text[k] in " " + CITE:
                k += 1
            if k == len(text) or (k > j and (text[k].isupper() or text[k] in MARKERS + '"(')):
                ends.append(k)
                i = k
                continue
        i += 1
    return ends


def sentences(tokens: tuple[Token, ...]) -> list[Sentence]:
    """Split a paragraph's tokens into sentences."""
    text, cites, facts = flatten(tokens)
    out: list[Sentence] = []
    start, n_cite, n_fact, own = 0, 0, 0, 0
    for end in [*_boundaries(text), len(text)]:
        if end <= start:
            continue
        chunk = text[start:end]
        sentence = Sentence(chunk, [], [])
        for k, ch in enumerate(chunk):
            if ch == CITE:
                sentence.cites.append((k, cites[n_cite]))
                n_cite += 1
            elif ch == FACT:
                sentence.facts.append((k, facts[n_fact], own > 0))
                n_fact += 1
            elif ch == OWN_OPEN:
                own += 1
            elif ch == OWN_CLOSE:
                own -= 1
        out.append(sentence)
        start = end
    return out


def quotations(sentence: Sentence) -> list[tuple[str, tuple[str, ...]]]:
    """Return each quotation with the citation after it (else the one before it)."""
    found = []
    for m in _QUOTATION.finditer(sentence.text):
        inner = re.sub(f"[{MARKERS}]", "", m.group(1)).strip()
        if not inner:
            continue
        after = [ids for off, ids in sentence.cites if off >= m.end()]
        before = [ids for off, ids in sentence.cites if off < m.start()]
        ids = after[0] if after else (before[-1] if before else ())
        found.append((inner, ids))
    return found


def fragments(quotation: str) -> list[str]:
    """The parts of a quotation between ellipses, without the edges' punctuation."""
    parts = [p.strip(" ,;:.!?") for p in _ELLIPSIS.split(quotation)]
    return [p for p in parts if p]


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def years_outside_quotes(sentence: Sentence) -> list[tuple[int, str]]:
    """Return the years in the sentence's own words, with their offsets."""
    text = _QUOTATION.sub(_blank, sentence.text)
    text = re.sub(f"{OWN_OPEN}[^{OWN_CLOSE}]*{OWN_CLOSE}", _blank, text)
    text = re.sub(f"{UNS_OPEN}[^{UNS_CLOSE}]*{UNS_CLOSE}", _blank, text)
    return [(m.start(), m.group(1)) for m in _YEAR.finditer(text)]


def own_claims(tokens: tuple[Token, ...], value_of: Callable[[TFact], str]) -> list[str]:
    """The text of each {own:…} span in the tokens, fact references written as values."""

    def text(toks: tuple[Token, ...]) -> str:
        out = []
        for tok in toks:
            if isinstance(tok, TText | TLink | TUnsourced):
                out.append(tok.text)
            elif isinstance(tok, TFact):
                out.append(value_of(tok))
            elif isinstance(tok, TOwn):
                out.append(text(tok.tokens))
        return "".join(out)

    found: list[str] = []
    for tok in tokens:
        if isinstance(tok, TOwn):
            found.append(normalise(text(tok.tokens)))
    return found


def needle(text: str) -> str | None:
    """A distinctive word of a claim, to find the line it is written on."""
    match = re.search(r"[A-Za-z][A-Za-z-]{3,}", text)
    return match.group() if match else None
