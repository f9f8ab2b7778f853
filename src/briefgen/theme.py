"""Themes: one YAML file (styles/*.yaml) drives the DOCX writer, the PDF writer and the charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

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


_ROLE_KEYS = {"body": "body", "heading": "heading", "headings": "heading",
              "caption": "caption", "captions": "caption", "chart": "chart", "charts": "chart"}


class Fonts(_Strict):
    """Font families by role, each an ordered chain: `body: [Source Serif 4, DejaVu Serif]`.

    `fallback:` lists families tried after every role's own chain; after those come the
    script fonts briefgen knows and then every installed family. Families are looked up in a
    `fonts/` folder beside the style (and beside the brief), in font packages, then the system.
    """

    body: str = "DejaVu Sans"
    heading: str = "DejaVu Sans"
    caption: str = ""  # empty: the body family
    chart: str = ""  # empty: the body family
    fallback: tuple[str, ...] = ()
    chains: dict[str, tuple[str, ...]] = Field(default_factory=dict, exclude=True)
    folders: tuple[str, ...] = Field(default=(), exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _chains(cls, data: Any, info: ValidationInfo) -> Any:
        """Accept `body: NAME` or `body: [NAME, ...]` (also `headings`, `captions`, `charts`)."""
        if not isinstance(data, dict):
            return data
        out: dict[str, Any] = {}
        chains: dict[str, tuple[str, ...]] = {}
        for key, value in data.items():
            role = _ROLE_KEYS.get(key)
            if role is None:
                out[key] = value
                continue
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list | tuple) or not names:
                raise ValueError(f"{key}: give a family name or a list of family names")
            out[role], chains[role] = names[0], tuple(names[1:])
        if isinstance(out.get("fallback"), str):
            out["fallback"] = [out["fallback"]]
        out["chains"] = chains
        folders = (info.context or {}).get("font_folders", ())
        out["folders"] = tuple(str(folder) for folder in folders)
        return out

    @model_validator(mode="after")
    def _installed(self) -> Fonts:
        """Refuse a role whose first family is not installed (later ones may be missing)."""
        from briefgen.fonts import find_family, unknown_family_message

        folders = self.search_folders
        for name in dict.fromkeys(self.chain(role)[0] for role in ("body", "heading",
                                                                     "caption", "chart")):
            if find_family(name, folders) is None:
                raise ValueError(unknown_family_message(name, folders))
        return self

    @property
    def search_folders(self) -> tuple[Path, ...]:
        """Return the `fonts/` folders searched before font packages and the system."""
        return tuple(Path(folder) for folder in self.folders)

    def chain(self, role: str) -> tuple[str, ...]:
        """Return the families of `role` in order: its own chain, then the shared fallback."""
        first = getattr(self, role) or self.body
        rest = self.chains.get(role, ()) if getattr(self, role) else self.chains.get("body", ())
        return tuple(dict.fromkeys((first, *rest, *self.fallback)))


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


def load_theme(path: Path, brief_dir: Path | None = None) -> Theme:
    """Read and validate a theme file (raises FileNotFoundError or pydantic.ValidationError).

    Font families are looked up first in a `fonts/` folder beside the brief, then beside the
    style file.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    folders = [folder / "fonts" for folder in (brief_dir, path.parent) if folder is not None]
    return Theme.model_validate(data, context={"font_folders": [f for f in folders
                                                                if f.is_dir()]})
