"""Strands of evidence: sources whose texts overlap so much that they count as one account.

Two measures, either of which joins two sources: the share of the shorter text's five-word
shingles found in the other (copied text), and the share of either text's sentences that have
a close counterpart in the other (the same report rewritten sentence by sentence).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

SHINGLE = 5
COPIED = 0.3  # share of shared shingles (of the shorter text)
REWRITTEN = 0.15  # share of sentences with a close counterpart
MIN_CLOSE = 2  # one matching sentence is a coincidence, not a rewrite
CLOSE = 0.3  # Jaccard similarity of two sentences' content words that makes them counterparts
_STOP_WORDS = (
    "a an the and or of to in on for with by from as at is are was were be been has have had "
    "that this which it its their they them his her he she we our not but than into over after "
    "since about also more most such can could would will who whom what when where while there "
    "these those said says"
)
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class Overlap:
    """How much two sources' texts overlap."""

    a: str
    b: str
    copied: float
    rewritten: float

    def heavy(self) -> bool:
        """True if the two texts overlap enough to be one strand of evidence."""
        return self.copied >= COPIED or self.rewritten >= REWRITTEN

    def describe(self) -> str:
        """Say how the two texts overlap, for the report."""
        return (f"{self.copied:.0%} of word sequences shared, {self.rewritten:.0%} of sentences "
                "with a close counterpart")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[\w']+", text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _sentence_words(text: str) -> list[frozenset[str]]:
    """Content words (first five letters) of each sentence with at least five of them."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        words = frozenset(w[:5] for w in re.findall(r"[a-z0-9][a-z0-9',.]*[a-z0-9]|[a-z0-9]",
                                                    sentence.lower()) if w not in _STOP)
        if len(words) >= 5:
            out.append(words)
    return out


def _counterparts(mine: list[frozenset[str]], theirs: list[frozenset[str]]) -> float:
    if not mine or not theirs:
        return 0.0
    close = sum(1 for s in mine if any(len(s & t) / len(s | t) >= CLOSE for t in theirs))
    return close / len(mine) if close >= MIN_CLOSE else 0.0


def overlaps(texts: dict[str, str]) -> list[Overlap]:
    """Measure the overlap of every pair of source texts."""
    shingles = {sid: _shingles(t) for sid, t in texts.items()}
    sents = {sid: _sentence_words(t) for sid, t in texts.items()}
    out = []
    for a, b in itertools.combinations(sorted(texts), 2):
        smaller = min(len(shingles[a]), len(shingles[b]))
        copied = len(shingles[a] & shingles[b]) / smaller if smaller else 0.0
        rewritten = max(_counterparts(sents[a], sents[b]), _counterparts(sents[b], sents[a]))
        out.append(Overlap(a, b, copied, rewritten))
    return out


def strands(found: list[Overlap]) -> list[tuple[str, ...]]:
    """Group sources joined by heavy overlaps into strands (only groups of two or more)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for o in found:
        if o.heavy():
            parent[root(o.a)] = root(o.b)
    groups: dict[str, list[str]] = {}
    for sid in parent:
        groups.setdefault(root(sid), []).append(sid)
    return sorted(tuple(sorted(g)) for g in groups.values() if len(g) > 1)


def one_strand(ids: tuple[str, ...] | list[str], groups: list[tuple[str, ...]]) -> bool:
    """True if two or more distinct sources are all in one strand."""
    distinct = set(ids)
    return len(distinct) > 1 and any(distinct <= set(g) for g in groups)
