"""The font listing behind `briefgen fonts`: each family found, its scripts, the roles using it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.fonts.coverage import scripts_covered
from briefgen.fonts.discovery import catalog, family_key
from briefgen.fonts.roles import ROLES, coverage_face


@dataclass(frozen=True)
class FamilyRow:
    """One line of the listing."""

    family: str
    origin: str
    faces: int
    variable: bool
    scripts: tuple[str, ...]
    roles: tuple[str, ...]  # e.g. ("body", "heading 2") — the position in a role's chain


def font_rows(chains: dict[str, tuple[str, ...]], folders: tuple[Path, ...] = ()
              ) -> list[FamilyRow]:
    """List every installed family, and the families a style names that are not installed."""
    uses: dict[str, list[str]] = {}
    for role in ROLES:
        for position, name in enumerate(chains.get(role, ()), start=1):
            uses.setdefault(family_key(name), []).append(role if position == 1
                                                         else f"{role} {position}")
    rows = []
    found = catalog(folders)
    for key, family in found.items():
        face = coverage_face(family)
        rows.append(FamilyRow(family.name, family.origin, len(family.faces), family.variable,
                              scripts_covered(face.path, face.index),
                              tuple(uses.get(key, ()))))
    for role in ROLES:
        for name in chains.get(role, ()):
            if family_key(name) not in found and all(r.family != name for r in rows):
                rows.append(FamilyRow(name, "not installed", 0, False, (),
                                      tuple(uses[family_key(name)])))
    return sorted(rows, key=lambda r: (not r.roles, r.origin == "not installed", r.family))


def format_rows(rows: list[FamilyRow]) -> str:
    """Return the listing as aligned text, one family a line."""
    table = [("family", "used by", "scripts", "found in")]
    for r in rows:
        scripts = ", ".join(r.scripts[:4]) + (" …" if len(r.scripts) > 4 else "")
        table.append((r.family, ", ".join(r.roles) or "-", scripts or "-",
                      r.origin + (" (variable)" if r.variable else "")))
    widths = [max(len(row[i]) for row in table) + 2 for i in range(3)]
    return "\n".join("".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
                     + row[3] for row in table)
