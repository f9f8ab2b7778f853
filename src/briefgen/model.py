"""The document model: frozen nodes that both writers read and nothing else writes.

Numbering (figures, tables, endnotes) and all text are decided in `assemble`, so the
DOCX and PDF writers cannot disagree about what the brief says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from briefgen.labels import Labels

# ---------------------------------------------------------------- inline runs


@dataclass(frozen=True)
class Text:
    """A run of plain text, optionally bold and/or italic."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Link:
    """An external hyperlink."""

    text: str
    url: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class NoteRef:
    """One note marker citing endnotes `numbers` (1-based, sorted, unique), as a superscript.

    Several sources cited at one place share one marker: (1, 2, 3, 5) prints as '1–3,5'.
    Writers that need one reference per note (Word) use `numbers`; others print `pieces()`.
    """

    numbers: tuple[int, ...]

    @property
    def text(self) -> str:
        """The marker as printed: '4', '1–3,5'."""
        return "".join(text for text, _ in self.pieces())

    def pieces(self) -> list[tuple[str, int | None]]:
        """Return the printed pieces, each with the note it links to (None for '–' and ',')."""
        out: list[tuple[str, int | None]] = []
        nums = self.numbers
        i = 0
        while i < len(nums):
            j = i
            while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
                j += 1
            if out:
                out.append((",", None))
            out.append((str(nums[i]), nums[i]))
            if j - i >= 2:  # three or more in a row print as a range
                out += [("\u2013", None), (str(nums[j]), nums[j])]
                i = j + 1
            else:
                i += 1
        return out


def note_ref(*numbers: int) -> NoteRef:
    """Return one marker for `numbers`, sorted and without repeats."""
    return NoteRef(tuple(sorted(set(numbers))))


@dataclass(frozen=True)
class XRef:
    """A cross-reference to a numbered figure or table, printed as e.g. 'Figure 2'."""

    kind: str  # "figure" | "table"
    number: int
    anchor: str
    label: str  # the printed word, e.g. "Figure" (from the labels catalogue)

    @property
    def text(self) -> str:
        """The reference as printed, with a no-break space: 'Figure\u00a02'."""
        return f"{self.label}\u00a0{self.number}"


Inline = Text | Link | NoteRef | XRef
Runs = tuple[Inline, ...]


def plain(runs: Runs) -> str:
    """Return the visible text of `runs` (note references as their numbers)."""
    parts: list[str] = []
    for run in runs:
        match run:
            case Text() | Link():
                parts.append(run.text)
            case NoteRef():
                parts.append(run.text)
            case XRef():
                parts.append(run.text)
    return "".join(parts)


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1-3. `anchor` is unique in the document.

    `lang` is the language of the section it opens (its own or its parent section's, a
    BCP 47 tag), '' for the brief's; every block up to the next heading is in it.
    """

    level: int
    text: str
    anchor: str
    lang: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body prose. `role` is 'body' or 'lead' (a summary paragraph)."""

    runs: Runs
    role: str = "body"


@dataclass(frozen=True)
class BulletList:
    """A flat bullet list; each item is a run sequence."""

    items: tuple[Runs, ...]


@dataclass(frozen=True)
class Judgment:
    """One key judgment with its confidence level ('low', 'moderate', 'high')."""

    runs: Runs
    confidence: str


@dataclass(frozen=True)
class KeyJudgments:
    """The key-judgments box near the front of a brief."""

    title: str
    items: tuple[Judgment, ...]


@dataclass(frozen=True)
class KeyFigure:
    """A big number with a label and its source, e.g. '262' / 'attacks in 2022'."""

    value: str  # the number as printed, e.g. "262" or "56%"
    qualifier: str  # e.g. "at least", "" when none
    label: str
    source: Runs  # short source line, normally ending in a NoteRef


@dataclass(frozen=True)
class KeyFigures:
    """A row (or grid) of key-figure callouts."""

    items: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class ChartArt:
    """A rendered chart, shared by both writers: vector SVG and a raster PNG fallback."""

    svg: bytes
    png: bytes
    width_in: float
    height_in: float
    dpi: int


@dataclass(frozen=True)
class Figure:
    """A numbered figure: a chart with caption, alt text and a source note."""

    number: int
    anchor: str
    caption: str  # without the "Figure N:" prefix
    chart_id: str  # key into Document.charts
    alt: str  # full alt text describing the data
    source: Runs  # "Source: ..." line, normally ending in NoteRefs


@dataclass(frozen=True)
class Table:
    """A numbered data table. Cells are run sequences; `header` is one row."""

    number: int
    anchor: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Runs, ...], ...]
    align: tuple[str, ...]  # per column: "left" | "right"
    source: Runs


@dataclass(frozen=True)
class Quote:
    """A displayed quotation with its attribution (speaker, role, source note).

    The attribution is in the language around the quotation; `lang` is the quotation's.
    """

    runs: Runs
    attribution: Runs
    lang: str = ""  # the quotation's language when not the one around it (BCP 47)


@dataclass(frozen=True)
class Option:
    """One policy option: what it is, who argues for it, for/against, risks, quotes."""

    name: str
    summary: Runs
    advocates: tuple[Runs, ...]
    pros: tuple[Runs, ...]
    cons: tuple[Runs, ...]
    risks: tuple[Runs, ...]
    record: Runs  # the track record of this option; may be empty
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Options:
    """The policy-options block (the debate)."""

    items: tuple[Option, ...]


@dataclass(frozen=True)
class Recommendation:
    """A recommendation addressed to one actor."""

    actor: str
    runs: Runs


@dataclass(frozen=True)
class Recommendations:
    """A numbered list of recommendations, each addressed to an actor."""

    items: tuple[Recommendation, ...]


@dataclass(frozen=True)
class Event:
    """A dated event on a timeline; `date` is printed as given (e.g. 'Aug 2021')."""

    date: str
    runs: Runs


@dataclass(frozen=True)
class Timeline:
    """A chronology of dated events."""

    events: tuple[Event, ...]


@dataclass(frozen=True)
class Callout:
    """A boxed note with a title and paragraphs (e.g. 'Changes since the last edition')."""

    title: str
    paragraphs: tuple[Runs, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    """A term, its native spelling (any script, may be empty) and its definition."""

    term: str
    native: str
    definition: Runs
    lang: str = ""  # the term's and definition's language when not the one around it


@dataclass(frozen=True)
class Glossary:
    """A glossary of groups, names and terms."""

    entries: tuple[GlossaryEntry, ...]


@dataclass(frozen=True)
class Endnote:
    """A numbered endnote: the citation text for one citation occurrence."""

    number: int
    runs: Runs


@dataclass(frozen=True)
class Endnotes:
    """The list of endnotes, in number order; placed where the brief puts it (usually last)."""

    items: tuple[Endnote, ...]


@dataclass(frozen=True)
class SourceEntry:
    """One source in the bibliography, formatted once for both writers."""

    key: str
    runs: Runs


@dataclass(frozen=True)
class SourceList:
    """The bibliography: every source the brief uses."""

    items: tuple[SourceEntry, ...]


Block = (
    Heading
    | Paragraph
    | BulletList
    | KeyJudgments
    | KeyFigures
    | Figure
    | Table
    | Quote
    | Options
    | Recommendations
    | Timeline
    | Callout
    | Glossary
    | Endnotes
    | SourceList
)


# ---------------------------------------------------------------- document


@dataclass(frozen=True)
class Author:
    """An author and their affiliation."""

    name: str
    affiliation: str = ""


@dataclass(frozen=True)
class Meta:
    """Document metadata printed on the cover and written to file properties."""

    title: str
    subtitle: str
    short_title: str
    authors: tuple[Author, ...]
    organisation: str
    date: str  # ISO date of the edition, e.g. "2026-11-22"
    date_text: str  # the edition date as printed, e.g. "22 November 2026"
    classification: str  # handling marking; empty when none
    subject: str
    keywords: tuple[str, ...]
    language: str = "en-GB"  # BCP 47
    series: str = ""  # the publication series, e.g. "Asia Briefing"; the cover falls back
    series_number: str = ""  # to the "Policy brief" label; the number within the series


def series_line(meta: Meta, labels: Labels) -> str:
    """Return the series as the cover and the footer print it: 'South Asia Brief · No. 7'.

    A brief that names no series is a 'Policy brief' (the label of its language).
    """
    name = meta.series or labels.policy_brief
    if not meta.series_number:
        return name
    return f"{name} \u00b7 {labels.series_number.replace('{n}', meta.series_number)}"


@dataclass(frozen=True)
class Document:
    """A whole brief: metadata, ordered blocks, and the rendered charts they refer to."""

    meta: Meta
    blocks: tuple[Block, ...]
    charts: Mapping[str, ChartArt] = field(default_factory=dict, hash=False, compare=False)
    labels: Labels = field(default_factory=Labels)

    def headings(self) -> list[Heading]:
        """Return every heading in reading order (for contents pages and outlines)."""
        return [b for b in self.blocks if isinstance(b, Heading)]
