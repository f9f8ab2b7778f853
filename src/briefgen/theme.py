"""Themes: one YAML file (styles/*.yaml) drives the DOCX writer, the PDF writer and the charts."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.fonts import KNOWN_FAMILIES

STYLES_DIRS = (
    Path(__file__).parent / "styles",  # installed wheel
    Path(__file__).resolve().parents[2] / "styles",  # source checkout / editable install
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Margins(_Strict):
    top: float = 24
    bottom: float = 22
    left: float = 22
    right: float = 22


class Page(_Strict):
    size: Literal["A4", "Letter"] = "A4"
    margins_mm: Margins = Margins()


class Fonts(_Strict):
    body: str = "DejaVu Sans"
    heading: str = "DejaVu Sans"

    @field_validator("body", "heading")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in KNOWN_FAMILIES:
            raise ValueError(f"unknown font family '{value}' (known: {', '.join(KNOWN_FAMILIES)})")
        return value


class Sizes(_Strict):
    body: float = 10
    small: float = 8
    title: float = 26
    subtitle: float = 14
    h1: float = 16
    h2: float = 12.5
    h3: float = 11
    key_figure: float = 22


class Colors(_Strict):
    text: str = "#1b1f23"
    heading: str = "#0b3d5c"
    accent: str = "#c8553d"
    muted: str = "#5b6670"
    rule: str = "#c5ccd3"
    callout_bg: str = "#edf2f6"
    table_header_bg: str = "#0b3d5c"
    table_header_text: str = "#ffffff"
    link: str = "#0b5c8e"


class ChartLook(_Strict):
    width_in: float = 6.3
    height_in: float = 3.3
    dpi: int = Field(default=200, ge=200)
    font_size: float = 8.5


class Theme(_Strict):
    """A complete house style."""

    name: str = "default"
    page: Page = Page()
    fonts: Fonts = Fonts()
    sizes: Sizes = Sizes()
    colors: Colors = Colors()
    palette: tuple[str, ...] = ("#0b3d5c", "#c8553d", "#2a7f62", "#b08900", "#6d597a", "#5b6670")
    chart: ChartLook = ChartLook()

    def with_page_size(self, size: str | None) -> Theme:
        """Return this theme with the page size overridden (a brief may ask for Letter)."""
        if not size or size == self.page.size:
            return self
        return self.model_copy(update={"page": self.page.model_copy(update={"size": size})})


def find_style(name_or_path: str, base: Path | None = None) -> Path:
    """Resolve a style name ('default') or a path to a YAML file."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml"):
        if not candidate.is_absolute() and base is not None and (base / candidate).exists():
            return base / candidate
        return candidate
    for folder in STYLES_DIRS:
        path = folder / f"{name_or_path}.yaml"
        if path.exists():
            return path
    return candidate


def available_styles() -> list[str]:
    """List the names of the styles that ship with briefgen."""
    names: set[str] = set()
    for folder in STYLES_DIRS:
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(names)


def load_theme(path: Path) -> Theme:
    """Read and validate a theme file (raises FileNotFoundError or pydantic.ValidationError)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Theme.model_validate(data)
