"""Figure and table numbers and every link anchor in a brief, decided once and never twice.

Explicit ids (`id:` on a section, chart or table) are claimed first and must be unique;
automatic anchors (from titles, or `figure-N` / `table-N`) then take the first free slug,
so a section titled "Table 2" can never collide with the anchor of Table 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from briefgen.source.schema import Section
from briefgen.source.yamlfile import Loc


@dataclass(frozen=True)
class Target:
    """A numbered figure or table that {ref:ID} can point at."""

    kind: str  # "figure" | "table"
    number: int
    anchor: str


def slugify(text: str) -> str:
    """Return the anchor slug for `text` ('Key judgments' → 'key-judgments')."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


@dataclass
class Numbering:
    """The allocator of anchors and of figure and table numbers for one document."""

    anchors: set[str] = field(default_factory=set)
    targets: dict[str, Target] = field(default_factory=dict)  # by explicit id
    at: dict[Loc, Target] = field(default_factory=dict)  # by the input location of the block
    duplicates: list[tuple[Loc, str]] = field(default_factory=list)

    def anchor(self, text: str) -> str:
        """Return a new unique anchor derived from `text`."""
        base = slugify(text)
        slug, n = base, 2
        while slug in self.anchors:
            slug, n = f"{base}-{n}", n + 1
        self.anchors.add(slug)
        return slug

    def claim(self, explicit_id: str, loc: Loc) -> None:
        """Reserve an author's explicit id as an anchor; a second claim is a duplicate."""
        if explicit_id in self.anchors:
            self.duplicates.append((loc, explicit_id))
        self.anchors.add(explicit_id)

    def section_anchor(self, explicit_id: str | None, title: str) -> str:
        """Return a section's anchor: its explicit (already claimed) id, or one from its title."""
        return explicit_id if explicit_id else self.anchor(title)

    def plan(self, sections: list[Section], loc: Loc = ("sections",)) -> None:
        """Claim every explicit id, then number figures and tables in reading order."""
        blocks = list(_numbered_blocks(sections, loc))
        for sec_loc, sec in _sections(sections, loc):
            if sec.id:
                self.claim(sec.id, (*sec_loc, "id"))
        for block_loc, _, explicit in blocks:
            if explicit:
                self.claim(explicit, (*block_loc, "id"))
        counts = {"figure": 0, "table": 0}
        for block_loc, kind, explicit in blocks:
            counts[kind] += 1
            number = counts[kind]
            target = Target(kind, number, explicit or self.anchor(f"{kind}-{number}"))
            self.at[block_loc] = target
            if explicit:
                self.targets.setdefault(explicit, target)


def _sections(sections: list[Section], loc: Loc) -> Iterator[tuple[Loc, Section]]:
    """Yield every section, nested ones too, with its input location, in reading order."""
    for i, sec in enumerate(sections):
        yield (*loc, i), sec
        yield from _sections(sec.sections, (*loc, i, "sections"))


def _numbered_blocks(sections: list[Section], loc: Loc) -> Iterator[tuple[Loc, str, str | None]]:
    """Yield (location, 'figure' | 'table', explicit id) for each chart and table in order."""
    for sec_loc, sec in _sections(sections, loc):
        for j, block in enumerate(sec.blocks):
            if block.chart is not None:
                yield (*sec_loc, "blocks", j, "chart"), "figure", block.chart.id
            elif block.table is not None:
                yield (*sec_loc, "blocks", j, "table"), "table", block.table.id
