"""Published JSON Schemas for every file a person writes: brief, registers, style, batch plan.

`briefgen schema KIND` prints one; the repository keeps them in `schemas/KIND.schema.json` so
editors (VS Code's YAML extension via a `# yaml-language-server: $schema=` line) complete keys
and show each field's description on hover.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

KINDS: tuple[str, ...] = ("brief", "sources", "facts", "style", "plan")
# Draft 7 is what every version of yaml-language-server reads; the schemas use nothing newer.
SCHEMA_URI = "http://json-schema.org/draft-07/schema#"

# Descriptions for the style and plan models, which are defined without them.
EXTRA_DESCRIPTIONS: dict[str, str] = {
    "Theme.name": "Name of the style, shown in messages.",
    "Theme.page": "Page size and margins.",
    "Theme.fonts": "Font families for body text and headings.",
    "Theme.sizes": "Font sizes in points.",
    "Theme.colors": "Colours as #rrggbb.",
    "Theme.palette": "Chart series colours, in order (#rrggbb).",
    "Theme.chart": "Chart dimensions and type size.",
    "Page.size": "A4 or Letter.",
    "Page.margins_mm": "Page margins in millimetres.",
    "Margins.top": "Top margin (mm).",
    "Margins.bottom": "Bottom margin (mm).",
    "Margins.left": "Left margin (mm).",
    "Margins.right": "Right margin (mm).",
    "Theme.grid": "The typographic grid: body measure and an optional side column.",
    "Theme.front": "Front matter: the cover, what page 1 carries, when to add contents.",
    "Theme.furniture": "Running header and footer.",
    "Fonts.body": ("Body text family, or a list tried in order (the first must be "
                   "installed); `briefgen fonts` lists what is found."),
    "Fonts.heading": "Heading family, or a list tried in order (also accepted as `headings`).",
    "Fonts.caption": ("Captions, source lines and notes: a family or a list (also `captions`); "
                      "empty: the body family."),
    "Fonts.chart": ("Chart text: a family or a list (also `charts`); empty: the body "
                    "family."),
    "Fonts.fallback": ("Families tried after every role's own list, before the script fonts "
                       "briefgen knows and then every installed family."),
    "Front.cover": "field: a full colour field; band: a colour band over white.",
    "Front.first_page": "What page 1 carries: judgments, summary or none.",
    "Front.contents_min_pages": ("Add a contents page once the brief has this many pages "
                                 "(0: always)."),
    "Furniture.header": "Running header: the title, or none.",
    "Furniture.folio": "Page number position: right or centre.",
    "Furniture.rules": "Draw thin rules under the header and above the footer.",
    "Grid.measure": "Characters per line of body text (55-80).",
    "Grid.side_column": "Side column beside the body: none, left or right (dropped if too narrow).",
    "Grid.gutter_mm": "Space between the body and the side column (mm, 2-20).",
    "Sizes.body": "Body text (pt).",
    "Sizes.small": "Captions, source lines, notes (pt).",
    "Sizes.title": "Cover title (pt).",
    "Sizes.subtitle": "Cover subtitle (pt).",
    "Sizes.h1": "Level-1 headings (pt).",
    "Sizes.h2": "Level-2 headings (pt).",
    "Sizes.h3": "Level-3 headings (pt).",
    "Sizes.key_figure": "Key-figure numbers (pt).",
    "Colors.text": "Body text.",
    "Colors.heading": "Headings and the title.",
    "Colors.accent": "Rules and highlights.",
    "Colors.muted": "Captions, source lines and running headers.",
    "Colors.rule": "Thin rules and table borders.",
    "Colors.callout_bg": "Background of callout boxes.",
    "Colors.table_header_bg": "Background of table header rows.",
    "Colors.table_header_text": "Text of table header rows.",
    "Colors.link": "Links and cross-references.",
    "ChartLook.width_in": "Chart width (inches).",
    "ChartLook.height_in": "Default chart height (inches).",
    "ChartLook.dpi": "Resolution of raster fallbacks (at least 200).",
    "ChartLook.font_size": "Chart text size (pt).",
    "Plan.brief": "Default brief folder (the template), relative to the plan.",
    "Plan.out_dir": "Output folder, relative to the plan (briefgen batch -o overrides it).",
    "Plan.formats": "Formats to build: pdf, docx or both.",
    "Plan.style": "Style name or path, for every brief of the plan.",
    "Plan.briefs": "The briefs to build.",
    "PlanEntry.name": "Output name (NAME.pdf, NAME.docx).",
    "PlanEntry.brief": "This brief's folder; default: the plan's.",
    "PlanEntry.set": "Field and params overrides, as with --set KEY=VALUE.",
}


def model_for(kind: str) -> type[BaseModel]:
    """Return the pydantic model that describes one kind of input file."""
    if kind in ("brief", "sources", "facts"):
        from briefgen.source import schema

        models: dict[str, type[BaseModel]] = {
            "brief": schema.Brief, "sources": schema.SourcesFile, "facts": schema.FactsFile}
        return models[kind]
    if kind == "style":
        from briefgen.theme import Theme

        return Theme
    if kind == "plan":
        from briefgen.batch import Plan

        return Plan
    raise ValueError(f"unknown schema '{kind}' (known: {', '.join(KINDS)})")


def json_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of one kind of input file, with a description on every field."""
    model = model_for(kind)
    schema = model.model_json_schema(by_alias=True)
    _describe(schema, model.__name__)
    for name, definition in schema.get("$defs", {}).items():
        _describe(definition, name)
    return {"$schema": SCHEMA_URI, **schema}


def render(kind: str) -> str:
    """Return the schema as the text written to schemas/KIND.schema.json."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def undescribed(schema: dict[str, Any]) -> list[str]:
    """List 'Model.field' for every property without a description (should be empty)."""
    missing = [f"{schema.get('title')}.{n}" for n, p in schema.get("properties", {}).items()
               if "description" not in p]
    for definition in schema.get("$defs", {}).values():
        missing += [f"{definition.get('title')}.{n}"
                    for n, p in definition.get("properties", {}).items()
                    if "description" not in p]
    return missing


def _describe(definition: dict[str, Any], model: str) -> None:
    """Fill in descriptions from EXTRA_DESCRIPTIONS for properties that lack one."""
    for name, prop in definition.get("properties", {}).items():
        text = EXTRA_DESCRIPTIONS.get(f"{model}.{name}")
        if text and "description" not in prop:
            prop["description"] = text
