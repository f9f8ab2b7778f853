"""The input schema: what a person writes in brief.yaml, sources.yaml and facts.yaml.

Pydantic models with `extra="forbid"`, so a misspelled key is an error (with a suggestion)
rather than silently ignored. `briefgen schema` prints the JSON Schema of `Brief`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from briefgen.incidents.query import IncidentQuery

Confidence = Literal["low", "moderate", "high"]
ChartKind = Literal["bar", "grouped_bar", "stacked_bar", "barh", "line", "timeline"]


class Strict(BaseModel):
    """Base for every input model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ---------------------------------------------------------------- registers


class Source(Strict):
    """One entry in the sources register; record only what the source itself shows."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    title: str
    short: str | None = Field(default=None, description="Short name for source lines.")
    author: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    date_note: str | None = Field(
        default=None, description="How the date is known, e.g. 'not printed; inferred late 2024'."
    )
    url: str | None = None
    file: str | None = Field(default=None, description="File name of the local copy.")
    retrieved: dt.date | None = Field(default=None, description="When the URL was archived.")
    sha256: str | None = Field(default=None, description="sha256 of the archived text.")


class Derivation(Strict):
    """How a computed fact is derived from other facts."""

    op: Literal["share", "difference", "sum", "ratio"]
    of: list[str] = Field(min_length=2, description="Fact ids, in order (a, b, ...).")


class Fact(Strict):
    """A number that matters: value, unit, qualifier, period, source and supporting quote."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    value: float | int | None = None
    unit: str = ""
    qualifier: str = Field(default="", description="e.g. 'at least', 'nearly', 'more than'.")
    period: str | None = None
    label: str = Field(default="", description="What the number counts, for callouts and charts.")
    source: str | None = None
    quote: str | None = Field(default=None, description="Short verbatim supporting quote.")
    derive: Derivation | None = None
    decimals: int | None = Field(default=None, ge=0, le=3)
    note: str | None = None

    @model_validator(mode="after")
    def _value_or_derivation(self) -> Fact:
        if self.derive is None and (self.value is None or self.source is None):
            raise ValueError("a fact needs 'value' and 'source' (or 'derive' for computed facts)")
        if self.derive is not None and self.value is not None:
            raise ValueError("a computed fact ('derive') must not also give 'value'")
        return self


class SourcesFile(Strict):
    """sources.yaml: a list of sources under `sources:`."""

    sources: list[Source]


class FactsFile(Strict):
    """facts.yaml: a list of facts under `facts:`."""

    facts: list[Fact]


# ---------------------------------------------------------------- blocks


class Author(Strict):
    name: str
    affiliation: str | None = None


class Judgment(Strict):
    text: str
    confidence: Confidence


class KeyFigureRef(Strict):
    fact: str
    label: str | None = Field(default=None, description="Overrides the fact's label.")


class ChartFact(Strict):
    fact: str
    label: str
    group: str | None = Field(default=None, description="Series name for grouped charts.")


class TimelineEvent(Strict):
    date: str = Field(description="As printed: '2014-06', 'Aug 2021', '2023-01-30'.")
    text: str
    source: str | None = None


class Chart(Strict):
    """A chart from a CSV file, from facts, or (kind: timeline) from dated events."""

    id: str | None = Field(default=None, description="Anchor for {ref:ID} cross-references.")
    kind: ChartKind
    title: str = Field(description="The figure's caption: best stated as the finding.")
    subtitle: str | None = Field(
        default=None, description="Units and scope printed above the plot ('Deaths, 2023'); "
        "defaults to the value axis label."
    )
    data: str | None = Field(default=None, description="CSV path, relative to the brief.")
    facts: list[ChartFact] | None = None
    events: list[TimelineEvent] | None = None
    incidents: IncidentQuery | None = Field(
        default=None, description="Aggregate the incident table in 'data' instead of x/y."
    )
    x: str | None = None
    y: str | list[str] | None = None
    labels: dict[str, str] | None = Field(default=None, description="Column display names.")
    xlabel: str | None = None
    ylabel: str | None = None
    source: str | list[str]
    note: str | None = None
    alt: str | None = Field(default=None, description="Extra alt text, added to the generated.")
    height: float | None = Field(
        default=None, gt=1, le=9,
        description="Height in inches (a barh chart's height follows from its number of bars).")
    value_labels: bool = True

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

    id: str | None = None
    title: str
    data: str | None = None
    incidents: IncidentQuery | None = None
    columns: list[str] | None = None
    rows: list[list[str | int | float]] | None = None
    labels: dict[str, str] | None = None
    source: str | list[str] | None = None
    note: str | None = None

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
    text: str = Field(description="Verbatim words of the speaker, as the source prints them.")
    speaker: str
    role: str | None = None
    source: str


class OptionSpec(Strict):
    name: str
    summary: str
    advocates: list[str] = []
    for_: list[str] = Field(default=[], alias="for")
    against: list[str] = []
    risks: list[str] = []
    record: str | None = Field(default=None, description="The record of past attempts.")
    quotes: list[QuoteSpec] = []


class RecommendationSpec(Strict):
    actor: str
    text: str


class CalloutSpec(Strict):
    title: str
    text: str


class GlossarySpec(Strict):
    term: str
    native: str | None = Field(default=None, description="Native spelling (any script).")
    definition: str


class TimelineSpec(Strict):
    events: list[TimelineEvent]


class Block(Strict):
    """One content block: exactly one of these keys."""

    text: str | None = Field(default=None, description="Prose: Markdown subset with citations.")
    bullets: list[str] | None = None
    key_figures: list[KeyFigureRef] | None = None
    chart: Chart | None = None
    table: TableSpec | None = None
    quote: QuoteSpec | None = None
    options: list[OptionSpec] | None = None
    recommendations: list[RecommendationSpec] | None = None
    timeline: TimelineSpec | None = None
    callout: CalloutSpec | None = None
    glossary: list[GlossarySpec] | None = None

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
    title: str
    id: str | None = None
    blocks: list[Block] = []
    sections: list[Section] = Field(default=[], description="Subsections (up to three levels).")


class Brief(Strict):
    """brief.yaml: metadata and the ordered content of one brief."""

    title: str
    subtitle: str | None = None
    short_title: str | None = Field(default=None, description="For running headers.")
    authors: list[Author] = []
    organisation: str | None = None
    date: dt.date = Field(description="Edition date.")
    classification: str | None = Field(default=None, description="Handling marking, if any.")
    subject: str | None = None
    keywords: list[str] = []
    params: dict[str, str | int | float | bool] = Field(
        default={}, description="Named parameters; ${name} in any text is replaced by the value."
    )
    lang: str = Field(
        default="en-GB", pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="The brief's language as a BCP 47 tag (en-GB, fr, ur-PK): sets quotation "
        "marks, fixed labels and the spell-check language.",
    )
    style: str = "default"
    page_size: Literal["A4", "Letter"] | None = None
    data_roots: list[str] = Field(
        default=[], description="Folders outside the brief that its paths may name."
    )
    sources: str = Field(default="sources.yaml", description="Path to the sources register.")
    facts: str | None = Field(default=None, description="Path to the facts register.")
    summary: str | None = Field(default=None, description="Executive summary (prose).")
    key_judgments: list[Judgment] = []
    sections: list[Section] = Field(min_length=1)
