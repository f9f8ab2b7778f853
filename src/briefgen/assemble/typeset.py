"""Typesetting rules decided once, for every writer: quotation marks, no-break spaces, notes.

Applied to every piece of text that reaches the model (prose, headings, captions, table
cells, quotations, glossary, options, titles), never to URLs:

- Quotation marks by the language of the part: the brief's, a section's, a quotation's or a
  glossary entry's own `lang`. Straight and curly marks typed by the author are
  read as opening or closing from their context and printed at their nesting level with the
  language's pair: British English uses ‘single’ marks outside and “double” inside (the common
  British publishing choice: Oxford, Chatham House); American English “double” then ‘single’;
  French « guillemets » with narrow no-break spaces inside, then “…”; German „…“ then ‚…‘;
  Russian «…» then „…“; Arabic and Persian «…» then “…”; Chinese and Hindi “…” then ‘…’.
  An apostrophe is always ’.
- No-break spaces where a line break would hurt: between a number and its unit or scale word
  ('110 km', '1.7 million', '27 per cent'), inside dates ('5 October 2023'), and between a
  qualifier and its number ('about 40', 'at least 100'). Group separators inside numbers
  are commas, points or narrow no-break spaces (numbers.py), so '190,000' never breaks.
- French high punctuation (; : ! ?) takes a narrow no-break space before it.
- Note markers as editors place them: after the punctuation that ends the clause or sentence
  (and after a closing quotation mark or bracket that follows it), before a dash, never
  directly after a digit. A marker in mid-clause moves forward to the clause end; markers
  that meet merge into one sorted marker ('1–3').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, TypeVar

from briefgen import model as m
from briefgen.numbers import primary
from briefgen.walk import block_languages

NBSP = "\u00a0"
NNBSP = "\u202f"

# primary language → ((open, close) outer, (open, close) inner); en-US by its region
QUOTES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "en-gb": (("‘", "’"), ("“", "”")),
    "en": (("“", "”"), ("‘", "’")),
    "fr": (("«" + NNBSP, NNBSP + "»"), ("“", "”")),
    "de": (("„", "“"), ("‚", "‘")),
    "it": (("«", "»"), ("“", "”")),
    "es": (("«", "»"), ("“", "”")),
    "pt": (("«", "»"), ("“", "”")),
    "ru": (("«", "»"), ("„", "“")),
    "uk": (("«", "»"), ("„", "“")),
    "pl": (("„", "”"), ("«", "»")),
    "nl": (("“", "”"), ("‘", "’")),
    "tr": (("“", "”"), ("‘", "’")),
    "ar": (("«", "»"), ("“", "”")),
    "fa": (("«", "»"), ("“", "”")),
    "ps": (("«", "»"), ("“", "”")),
    "ur": (("“", "”"), ("‘", "’")),
    "he": (("“", "”"), ("‘", "’")),
    "zh": (("“", "”"), ("‘", "’")),
    "ja": (("「", "」"), ("『", "』")),
    "ko": (("“", "”"), ("‘", "’")),
    "hi": (("“", "”"), ("‘", "’")),
}
BRITISH = ("en-gb", "en-au", "en-nz", "en-ie", "en-za", "en-in", "en-pk")

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
UNITS = ("km|m|cm|mm|kg|t|ha|mi|ft|h|s|km²|m²|°C|per cent|percent|million|billion|"
         "trillion|thousand|people|persons|attacks|deaths|fatalities|incidents|soldiers|"
         "fighters|civilians|troops|men|women|children|refugees|years|months|weeks|days|"
         "hours|miles|kilometres|kilometers|metres|dollars|rupees|USD|PKR|EUR")
QUALIFIERS = ("about|around|nearly|almost|over|under|some|least|most|roughly|"
              "approximately|than|to|only|just|circa|c\\.|~")
_NUMBER = r"[\d][\d,.\u202f]*"
_DATE = re.compile(rf"\b(\d{{1,2}}) ({MONTHS})\b(\.?) (?=\d{{4}}\b)"
                   rf"|\b(\d{{1,2}}) (?=(?:{MONTHS})\b)|\b((?:{MONTHS})\.?) (?=\d{{1,4}}\b)")
_UNIT = re.compile(rf"(?<=\d)(%?) (?=(?:{UNITS})\b)")
_PER_CENT = re.compile(r"(?<=\d\u00a0per) (?=cent\b)")
_QUALIFIED = re.compile(rf"\b((?:{QUALIFIERS})) (?={_NUMBER})", re.IGNORECASE)
_FR_HIGH = re.compile(r"(?<=\w) ?([;:!?])(?=\s|$)")

_OPENERS = set(" \t\n\u00a0\u202f([{—–-/") | {""}
_ABBREVIATIONS = ("e.g.", "i.e.", "cf.", "Mr.", "Mrs.", "Dr.", "St.", "vs.", "No.", "approx.")
_CLAUSE_END = re.compile(r"[.,;:!?…،؛؟۔。，；：！？]+[’”“»」』)\]'\"\u202f]*(?=\s|$)|\s[—–]\s"
                         r"|[。，；：！？]+[”’」』]*")  # CJK punctuation needs no space after it
_CLOSERS = "’”“»」』)]'\"\u202f"
_DECADE = re.compile(r"\d\ds?\b(?![,.]?\d)")
_DIGITS = set("0123456789%")
_DIGIT = re.compile(r"\d")
_QUOTE_MARK = re.compile("[\"'“”‘’«»„‚]")


def quote_pairs(lang: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Return the outer and inner quotation-mark pairs for a BCP 47 tag."""
    tag = lang.lower()
    if tag.startswith(BRITISH) or tag == "en":
        return QUOTES["en-gb"]
    if tag.startswith("pt-br"):
        return QUOTES["en"]
    return QUOTES.get(primary(lang), QUOTES["en"])


# ---------------------------------------------------------------- quotation marks


def smart_quotes(text: str, lang: str) -> str:
    """Return `text` with every quotation mark and apostrophe typeset for `lang`."""
    return "".join(quote_marks(text, lang))


def quote_marks(text: str, lang: str) -> list[str]:
    """Return `text` as a list, one entry per character, with quotation marks typeset."""
    outer, inner = quote_pairs(lang)
    stack: list[str] = []  # kinds of the open quotations: '"' or "'"
    out = list(text)
    for found in _QUOTE_MARK.finditer(text):  # only the marks change
        i, ch = found.start(), found.group()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        kind = "'" if ch in "'‘’‚" else '"'
        if kind == "'" and before.isalnum() and (after.isalnum() or "'" not in stack):
            out[i] = "’"  # don’t, the Taliban’s
            continue
        # “ and ‘ close a quotation in German and Russian: there, context decides
        closes_here = ch in (outer[1], inner[1])
        opening = (ch in "“‘«„‚" and not closes_here) or (
            (ch in "\"'" or closes_here) and before in _OPENERS and after not in _OPENERS)
        if ch == "'" and opening and _DECADE.match(text, i + 1):
            out[i] = "’"  # the ’90s
            continue
        if opening:
            pair = outer if len(stack) % 2 == 0 else inner
            stack.append(kind)
            out[i] = pair[0]
        elif kind in stack:
            while stack[-1] != kind:
                stack.pop()
            stack.pop()
            pair = outer if len(stack) % 2 == 0 else inner
            out[i] = pair[1]
        else:
            out[i] = "’" if kind == "'" else outer[1]  # an apostrophe: the Taliban’ claims
    return out


def no_break_spaces(text: str, lang: str) -> str:
    """Tie numbers to their units, dates together and qualifiers to numbers with no-break spaces."""
    if _DIGIT.search(text):  # every rule here but French punctuation needs a digit
        text = _DATE.sub(lambda mt: mt.group(0).replace(" ", NBSP), text)
        text = _UNIT.sub(lambda mt: mt.group(1) + NBSP, text)
        text = _PER_CENT.sub(NBSP, text)
        text = _QUALIFIED.sub(lambda mt: mt.group(1) + NBSP, text)
    if primary(lang) == "fr":
        text = _FR_HIGH.sub(lambda mt: NNBSP + mt.group(1), text)
    return text


def typeset_text(text: str, lang: str) -> str:
    """Apply the quotation-mark and no-break-space rules to one string."""
    if "://" in text or text.startswith("mailto:"):
        return text
    return no_break_spaces(smart_quotes(text, lang), lang)


# ---------------------------------------------------------------- runs


def typeset_runs(runs: m.Runs, lang: str) -> m.Runs:
    """Typeset the text of `runs` (quotation marks pair across runs) and place note markers."""
    texts = [r.text if isinstance(r, m.Text | m.Link) else "" for r in runs]
    marks = quote_marks("".join(texts), lang)
    out: list[m.Inline] = []
    start = 0
    for run, text in zip(runs, texts, strict=True):
        piece = "".join(marks[start:start + len(text)])
        start += len(text)
        if isinstance(run, m.Text) or (isinstance(run, m.Link) and "://" not in run.text):
            out.append(replace(run, text=no_break_spaces(piece, lang)))
        else:
            out.append(run)
    return place_notes(out)


def _at_clause_end(out: list[m.Inline]) -> bool:
    """True if a marker may stand right after what `out` ends with."""
    if not out:
        return True
    last = out[-1]
    if isinstance(last, m.NoteRef):
        return True
    if not isinstance(last, m.Text):
        return False
    if last.text.endswith(("—", "–")):
        return True
    text = last.text.rstrip(_CLOSERS)
    return text.endswith((".", ",", ";", ":", "!", "?", "…")) and not text.endswith(
        _ABBREVIATIONS)


def _clause_end(text: str) -> int | None:
    """Return the index in `text` just after the first clause end (or before a spaced dash)."""
    for found in _CLAUSE_END.finditer(text):
        if found.group(0)[0].isspace():
            if not text[: found.start()][-1:].isdigit():
                return found.start()
            continue
        if text[: found.start() + 1].endswith(_ABBREVIATIONS):
            continue
        return found.end()
    return None


def _emit(out: list[m.Inline], numbers: list[int]) -> None:
    """Append a marker, merging it with a marker already at the end of `out`."""
    if out and isinstance(out[-1], m.NoteRef):
        numbers = [*out[-1].numbers, *numbers]
        out.pop()
    out.append(m.note_ref(*numbers))


def place_notes(runs: list[m.Inline]) -> m.Runs:
    """Move note markers to the end of their clause and merge markers that meet."""
    out: list[m.Inline] = []
    pending: list[int] = []
    for run in runs:
        if isinstance(run, m.NoteRef):
            if pending or not _at_clause_end(out):
                pending += run.numbers
            else:
                _emit(out, list(run.numbers))
            continue
        cut = _clause_end(run.text) if pending and isinstance(run, m.Text) else None
        if cut is None or not isinstance(run, m.Text):
            out.append(run)
            continue
        if run.text[:cut]:
            out.append(replace(run, text=run.text[:cut]))
        _emit(out, pending)
        pending = []
        if run.text[cut:]:
            out.append(replace(run, text=run.text[cut:]))
    if pending:
        last = out[-1] if out else None
        if isinstance(last, m.XRef) or (isinstance(last, m.Text)
                                        and last.text.rstrip(_CLOSERS)[-1:] in _DIGITS):
            out.append(m.Text(".", last.bold, last.italic) if isinstance(last, m.Text)
                       else m.Text("."))  # '… in 2023.¹', never '2023¹'
        _emit(out, pending)
    return merge_runs(out)


def merge_runs(runs: list[m.Inline]) -> m.Runs:
    """Join adjacent Text runs with the same emphasis."""
    out: list[m.Inline] = []
    for run in runs:
        prev = out[-1] if out else None
        if (isinstance(run, m.Text) and isinstance(prev, m.Text)
                and (prev.bold, prev.italic) == (run.bold, run.italic)):
            out[-1] = m.Text(prev.text + run.text, run.bold, run.italic)
        else:
            out.append(run)
    return tuple(out)


# ---------------------------------------------------------------- the whole document


def _own_language(node: object) -> str:
    """Return the language a quotation or glossary entry is in, when not the one around it."""
    return node.lang if isinstance(node, m.Quote | m.GlossaryEntry) else ""

TEXT_FIELDS = {"text", "caption", "title", "subtitle", "short_title", "name", "label", "term",
               "actor", "alt", "qualifier", "value", "date_text", "subject", "organisation",
               "affiliation", "series"}
T = TypeVar("T")


@dataclass(frozen=True)
class Typesetter:
    """The typesetting rules of one language, applied to whole model nodes."""

    lang: str = "en-GB"

    def node(self, node: T) -> T:
        """Return `node` (a block, a nested node or Meta) with all its text typeset.

        A quotation or glossary entry in a language of its own is typeset in that language
        (a quotation's attribution stays in the language around it).
        """
        if not is_dataclass(node) or isinstance(node, type):
            return node
        own = _own_language(node)
        words = Typesetter(own) if own else self
        changes: dict[str, Any] = {}
        for f in fields(node):
            value = getattr(node, f.name)
            setter = self if isinstance(node, m.Quote) and f.name == "attribution" else words
            new = setter.value(value, f.name)
            if new is not value:
                changes[f.name] = new
        if isinstance(node, m.Event):
            changes["date"] = no_break_spaces(node.date, self.lang)
        return replace(node, **changes) if changes else node

    def value(self, value: Any, name: str) -> Any:
        """Typeset one field value: a string, runs, nested nodes or tuples of them."""
        if isinstance(value, str):
            return typeset_text(value, self.lang) if name in TEXT_FIELDS else value
        if isinstance(value, tuple):
            if value and all(isinstance(v, m.Text | m.Link | m.NoteRef | m.XRef) for v in value):
                return typeset_runs(value, self.lang)
            if name == "header":
                return tuple(typeset_text(v, self.lang) for v in value)
            if name == "keywords":
                return value
            return tuple(self.value(v, name) for v in value)
        return self.node(value)

    def blocks(self, blocks: list[m.Block]) -> tuple[m.Block, ...]:
        """Return every block typeset, each in the language of its section."""
        return tuple((Typesetter(lang) if lang else self).node(block)
                     for block, lang in block_languages(blocks))
