"""What a process has learnt about fonts, handed to a worker so that it need not learn it again.

The main process finds every family and static face a brief uses while it validates the
brief; a worker writing the DOCX would otherwise search the fonts folders, packages and
system fonts once more. The state is small (families and file paths) and only ever adds to
what the worker knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.fonts.discovery import Face, Family, adopt_catalogs, known_catalogs
from briefgen.fonts.instances import StaticFace, adopt_statics, known_statics


@dataclass(frozen=True)
class FontState:
    """Catalogs by their search folders, and static faces by (face, weight)."""

    catalogs: dict[tuple[Path, ...], dict[str, Family]] = field(default_factory=dict)
    statics: dict[tuple[Face, int], StaticFace] = field(default_factory=dict)


def font_state() -> FontState:
    """Return what this process knows about fonts now."""
    return FontState(known_catalogs(), known_statics())


def adopt(state: FontState) -> None:
    """Add what another process of the same build learnt about fonts."""
    adopt_catalogs(state.catalogs)
    adopt_statics(state.statics)
