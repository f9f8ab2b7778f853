"""Source texts: normalising, finding local copies, and matching quotes and numbers in them."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.numbers import format_number
from briefgen.source.schema import Fact, Source

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]+")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?][\"')]*\s")
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
PASSAGE = 220  # characters of context shown either side of a match


def normalise(text: str) -> str:
    """Fold typographic quotes, apostrophes, dash styles and white space to one form."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return _SPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Return the lower-cased words of a text, after normalising it."""
    return re.findall(r"[\w']+", normalise(text).lower())


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


def value_spans(fact: Fact, text: str) -> list[tuple[int, int]]:
    """Where the fact's value is written in (already normalised) `text` as a whole number."""
    spans: list[tuple[int, int]] = []
    for form in value_forms(fact):
        pattern = rf"(?<![\w.,]){re.escape(form)}(?![\w]|,\d)"
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def value_in_quote(fact: Fact, quote: str) -> bool:
    """True if the fact's value is written in `quote` as a whole number token."""
    return bool(value_spans(fact, normalise(quote)))


def find_quote(fragment: str, text: str) -> int:
    """Return where a quotation is in a text, or -1 (the first letter's case may differ)."""
    index = text.find(fragment)
    if index >= 0 or not fragment:
        return index
    swapped = fragment[0].swapcase() + fragment[1:]
    return text.find(swapped)


def passage(text: str, start: int, end: int) -> tuple[str, str, str]:
    """Return the text before, at and after a match, cut at word boundaries."""
    lo, hi = max(0, start - PASSAGE), min(len(text), end + PASSAGE)
    before, after = text[lo:start], text[end:hi]
    if lo > 0:
        before = "…" + before.split(" ", 1)[-1]
    if hi < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return before, text[start:end], after


def sentence_around(text: str, start: int, end: int, before: int = 0) -> str:
    """Return the sentence that holds start..end, with `before` sentences ahead of it."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    starts = [e for e in ends if e <= start]
    lo = starts[-1 - before] if len(starts) > before else 0
    hi = next((e for e in ends if e >= end), len(text))
    return text[lo:hi]


def sha256_text(path: Path) -> str:
    """Return the sha256 of a file's bytes, as hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class SourceTexts:
    """Each source's local copy: its normalised text and where it came from."""

    texts: dict[str, str] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def name(self, sid: str, source: Source) -> str:
        """The file name to show for a source's local copy."""
        path = self.paths.get(sid)
        return path.name if path else (source.file or f"{sid}.txt")


def archive_copy(source: Source, register_dir: Path | None) -> Path | None:
    """Return the archived text of a source ('archive/ID.txt' beside the register), if any."""
    if register_dir is None:
        return None
    candidate = register_dir / "archive" / f"{source.id}.txt"
    return candidate if candidate.is_file() else None


def find_local_copy(source: Source, folders: list[Path]) -> Path | None:
    """Find the source's local file in the given folders."""
    if not source.file:
        return None
    for folder in folders:
        candidate = folder / source.file
        if candidate.is_file():
            return candidate
    return None


def load_texts(sources: dict[str, Source], folders: list[Path],
               register_dir: Path | None) -> SourceTexts:
    """Read every source's local copy (its 'file', else its archived text)."""
    out = SourceTexts()
    for sid, source in sources.items():
        path = find_local_copy(source, folders) or archive_copy(source, register_dir)
        if path is None:
            out.missing[sid] = (f"local copy '{source.file}' not found" if source.file
                                else "no local copy named")
            continue
        out.paths[sid] = path
        out.texts[sid] = normalise(path.read_text(encoding="utf-8", errors="replace"))
    return out
