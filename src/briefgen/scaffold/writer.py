"""Write a starting brief from a template, with schema lines that editors can follow offline."""

from __future__ import annotations

import os
from pathlib import Path

from briefgen.errors import BriefError

TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATES: tuple[str, ...] = ("minimal", "full")
REPO_SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"
LOCAL_SCHEMAS = "schemas"


def scaffold(target: Path, template: str = "minimal", title: str | None = None) -> list[Path]:
    """Write the template into TARGET (new or empty) and return the files written."""
    if template not in TEMPLATES:
        raise BriefError(f"unknown template '{template}' (choose from {', '.join(TEMPLATES)})")
    if target.exists() and any(target.iterdir()):
        raise BriefError(f"{target}: folder is not empty; choose a new folder")
    target.mkdir(parents=True, exist_ok=True)
    schema_dir = schema_location(target)
    values = {"title": title or _title_from(target), "schema_dir": schema_dir}
    written: list[Path] = []
    source = TEMPLATES_DIR / template
    for path in sorted(source.rglob("*")):
        if path.is_dir() or path.name.startswith(("_", ".")):
            continue
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yaml":
            text = fill(text, values)
        out.write_text(text, encoding="utf-8")
        written.append(out)
    if schema_dir == LOCAL_SCHEMAS:
        written += write_schemas(target / LOCAL_SCHEMAS)
    return written


def schema_location(target: Path) -> str:
    """Say where the YAML files' schema lines point: the repository's schemas/ or a local copy."""
    if REPO_SCHEMAS.is_dir():
        repo = REPO_SCHEMAS.parent
        resolved = target.resolve()
        if resolved == repo or repo in resolved.parents:
            return Path(os.path.relpath(REPO_SCHEMAS, resolved)).as_posix()
    return LOCAL_SCHEMAS


def write_schemas(folder: Path) -> list[Path]:
    """Save every published schema into FOLDER (KIND.schema.json) and return the paths."""
    from briefgen.schemas import KINDS, render

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        paths.append(path)
    return paths


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each {{name}} in a template with its value."""
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def _title_from(target: Path) -> str:
    """Make a title from the folder name: 'water-brief' -> 'Water brief'."""
    words = target.resolve().name.replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) or "Untitled brief"
