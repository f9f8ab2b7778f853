"""What an incident query asks: column presets and the validated `incidents:` spec."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Logical = Literal["date", "region", "actor", "event_type", "fatalities", "injuries", "source"]
LOGICAL: tuple[str, ...] = (
    "date", "region", "actor", "event_type", "fatalities", "injuries", "source",
)
PresetName = Literal["acled", "ucdp", "briefgen"]
Period = Literal["year", "quarter", "month"]
GroupBy = Literal["region", "actor", "event_type"]
Measure = Literal["events", "fatalities", "injuries"]

PRESETS: dict[str, dict[str, str]] = {
    "briefgen": {
        "date": "date", "region": "region", "actor": "actor", "event_type": "event_type",
        "fatalities": "fatalities", "injuries": "injuries", "source": "source",
    },
    "acled": {
        "date": "event_date", "region": "admin1", "actor": "actor1", "event_type": "event_type",
        "fatalities": "fatalities", "source": "source",
    },
    "ucdp": {
        "date": "date_start", "region": "adm_1", "actor": "side_b",
        "event_type": "type_of_violence", "fatalities": "best", "source": "source_article",
    },
}
# UCDP GED codes its `type_of_violence` column; show the names its codebook gives them.
UCDP_VIOLENCE = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}

OTHER = "Other"
UNKNOWN = "Unknown"
TOTAL = "Total"
MAX_LISTED_COLUMNS = 25


class IncidentQuery(BaseModel):
    """What to count in an incident table, how to group it, and which events to keep."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    preset: PresetName = Field(
        default="briefgen",
        description="Column layout: 'acled' export, 'ucdp' GED, or briefgen's own "
        "(date, region, actor, event_type, fatalities, injuries, source).",
    )
    columns: dict[str, str] | None = Field(
        default=None,
        description="Map logical names (date, region, actor, event_type, fatalities, injuries, "
        "source) to CSV column names; overrides the preset for the names given.",
    )
    period: Period | None = Field(default=None, description="Count per year, quarter or month.")
    by: GroupBy | None = Field(default=None, description="One series per region, actor or type.")
    measure: Measure = Field(default="events", description="Count events, or sum a column.")
    date_from: dt.date | None = Field(default=None, description="Keep events on or after.")
    date_to: dt.date | None = Field(default=None, description="Keep events on or before.")
    regions: list[str] | None = Field(default=None, min_length=1, description="Keep these.")
    actors: list[str] | None = Field(default=None, min_length=1, description="Keep these.")
    event_types: list[str] | None = Field(default=None, min_length=1, description="Keep these.")
    top: int | None = Field(
        default=None, ge=1, description=f"Keep the N largest groups; fold the rest into '{OTHER}'."
    )

    @field_validator("columns")
    @classmethod
    def _known_logical_names(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for key in value or {}:
            if key not in LOGICAL:
                raise ValueError(f"unknown column role {key!r} (choose from {', '.join(LOGICAL)})")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> IncidentQuery:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        if self.top is not None and self.by is None:
            raise ValueError("'top' needs 'by' (which groups to rank)")
        return self

    def column_map(self) -> dict[str, str]:
        """Return logical name → CSV column: the preset's, overridden by `columns`."""
        return {**PRESETS[self.preset], **(self.columns or {})}

    def roles(self) -> list[str]:
        """Return the logical columns this query reads, in a fixed order."""
        used = {
            "date": self.period is not None or self.date_from is not None
            or self.date_to is not None,
            "region": self.by == "region" or self.regions is not None,
            "actor": self.by == "actor" or self.actors is not None,
            "event_type": self.by == "event_type" or self.event_types is not None,
            "fatalities": self.measure == "fatalities",
            "injuries": self.measure == "injuries",
        }
        return [role for role in LOGICAL if used.get(role)]

    def _origin(self, role: str) -> str:
        """Say where a role's column name came from, for messages."""
        if self.columns and role in self.columns:
            return f"columns.{role}"
        return f"preset {self.preset}: {role}"
