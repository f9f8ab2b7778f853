"""Themes: one YAML file (styles/*.yaml) drives the DOCX writer, the PDF writer and the charts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from briefgen.errors import BriefError, Problem

STYLES_DIRS = (
    Path(__file__).parent / "styles",  # installed wheel
    Path(__file__).resolve().parents[2] / "styles",  # source checkout / editable install
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


PAGE_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MIN_BLOCK_MM = (100.0, 150.0)  # the smallest text block (width, height) a brief can be set in

Hex = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
Margin = Annotated[float, Field(ge=5, le=80)]


class Margins(_Strict):
    top: Margin = 24
    bottom: Margin = 22
    left: Margin = 22
    right: Margin = 22


class Page(_Strict):
    size: Literal["A4", "Letter"] = "A4"
    margins_mm: Margins = Field(default_factory=Margins)

    @model_validator(mode="after")
    def _room(self) -> Page:
        width, height = PAGE_MM[self.size]
        m = self.margins_mm
        block = (width - m.left - m.right, height - m.top - m.bottom)
        least = MIN_BLOCK_MM
        if block[0] < least[0] or block[1] < least[1]:
            raise ValueError(
                f"margins leave a text block of {block[0]:.0f} × {block[1]:.0f} mm on "
                f"{self.size}; at least {least[0]:.0f} × {least[1]:.0f} mm is needed")
        return self


class Grid(_Strict):
    """The typographic grid: the body measure and an optional side column."""

    measure: int = Field(default=66, ge=55, le=80)  # characters per line of body text
    side_column: Literal["none", "left", "right"] = "none"
    gutter_mm: float = Field(default=6, ge=2, le=20)


class Front(_Strict):
    """Front matter: the cover, what page 1 carries, and when a contents page is worth it."""

    cover: Literal["field", "band"] = "field"  # a full colour field, or a band over white
    first_page: Literal["judgments", "summary", "none"] = "judgments"
    contents_min_pages: int = Field(default=12, ge=0, le=500)  # 0: always


class Furniture(_Strict):
    """Running header and footer."""

    header: Literal["title", "none"] = "title"
    folio: Literal["right", "centre"] = "right"
    rules: bool = True


_ROLE_KEYS = {"body": "body", "heading": "heading", "headings": "heading",
              "caption": "caption", "captions": "caption", "chart": "chart", "charts": "chart"}


def _fonts_schema(schema: dict[str, Any]) -> None:
    """Publish what a style file may write: each role (and fallback) a name or a list of names."""
    names = {"type": "array", "items": {"type": "string"}, "minItems": 1}
    for key, prop in schema.get("properties", {}).items():
        if key in _ROLE_KEYS or key == "fallback":
            default = prop.get("default")
            kept = {k: v for k, v in prop.items() if k in ("title", "description")}
            prop.clear()
            listed = names if key != "fallback" else {**names, "minItems": 0}
            prop.update(kept, anyOf=[{"type": "string"}, listed])
            if default is not None:
                prop["default"] = default


class Fonts(_Strict):
    """Font families by role, each an ordered chain: `body: [Source Serif 4, DejaVu Serif]`.

    `fallback:` lists families tried after every role's own chain; after those come the
    script fonts briefgen knows and then every installed family. Families are looked up in a
    `fonts/` folder beside the style (and beside the brief), in font packages, then the system.
    """

    model_config = ConfigDict(json_schema_extra=_fonts_schema)

    body: str = "DejaVu Sans"
    heading: str = "DejaVu Sans"
    caption: str = ""  # empty: the body family
    chart: str = ""  # empty: the body family
    fallback: tuple[str, ...] = ()
    # Filled in by the validators below, never written in a style file.
    chains: SkipJsonSchema[dict[str, tuple[str, ...]]] = Field(default_factory=dict, exclude=True)
    folders: SkipJsonSchema[tuple[str, ...]] = Field(default=(), exclude=True)

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
    body: float = Field(default=10, ge=6, le=16)
    small: float = Field(default=8, ge=5, le=14)
    title: float = Field(default=26, ge=12, le=60)
    subtitle: float = Field(default=14, ge=8, le=36)
    h1: float = Field(default=16, ge=8, le=36)
    h2: float = Field(default=12.5, ge=7, le=30)
    h3: float = Field(default=11, ge=6, le=24)
    key_figure: float = Field(default=22, ge=10, le=48)


class Colors(_Strict):
    text: Hex = "#1b1f23"
    heading: Hex = "#0b3d5c"
    accent: Hex = "#c8553d"
    muted: Hex = "#5b6670"
    rule: Hex = "#c5ccd3"
    callout_bg: Hex = "#edf2f6"
    table_header_bg: Hex = "#0b3d5c"
    table_header_text: Hex = "#ffffff"
    link: Hex = "#0b5c8e"


class ChartLook(_Strict):
    width_in: float = Field(default=6.3, ge=2, le=12)
    height_in: float = Field(default=3.3, ge=1, le=12)
    dpi: int = Field(default=200, ge=200, le=600)
    font_size: float = Field(default=8.5, ge=5, le=16)


class Theme(_Strict):
    """A complete house style."""

    name: str = "default"
    page: Page = Field(default_factory=Page)
    fonts: Fonts = Field(default_factory=Fonts)
    sizes: Sizes = Field(default_factory=Sizes)
    colors: Colors = Field(default_factory=Colors)
    grid: Grid = Field(default_factory=Grid)
    front: Front = Field(default_factory=Front)
    furniture: Furniture = Field(default_factory=Furniture)
    palette: tuple[Hex, ...] = Field(min_length=1, default=(
        "#0b3d5c", "#c8553d", "#2a7f62", "#b08900", "#6d597a", "#5b6670"))
    chart: ChartLook = Field(default_factory=ChartLook)

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
    """Read and validate a style file; every problem is a BriefError at its file and line.

    Raises FileNotFoundError when there is no such file (the caller names the known styles).
    Font families are looked up first in a `fonts/` folder beside the brief, then beside the
    style file.
    """
    from briefgen.source.yamlfile import read_yaml

    if not path.is_file():
        raise FileNotFoundError(path)
    doc = read_yaml(path)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise BriefError(doc.problem((), "a style file is a mapping of sections "
                                         "(page, fonts, sizes, colors, ...)"))
    try:
        folders = [folder / "fonts" for folder in (brief_dir, path.parent) if folder is not None]
        return Theme.model_validate(data, context={"font_folders": [f for f in folders
                                                                    if f.is_dir()]})
    except ValidationError as exc:
        problems = [doc.problem(tuple(err["loc"]), _style_message(err)) for err in exc.errors()]
        raise BriefError(_unique(problems)) from None


def _style_message(err: Any) -> str:
    """Say what is wrong with one style value, in the style file's own terms."""
    kind, value = err["type"], err.get("input")
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a colour (write #rrggbb, e.g. #0b3d5c)"
    if kind == "extra_forbidden":
        return f"unknown key '{err['loc'][-1]}'"
    bound = err.get("ctx", {})
    if kind == "greater_than_equal":
        return f"{value!r} is too small (at least {bound['ge']:g})"
    if kind == "less_than_equal":
        return f"{value!r} is too large (at most {bound['le']:g})"
    if kind == "literal_error":
        choices = err["msg"].removeprefix("Input should be ")
        return f"{value!r} is not one of the choices ({choices})"
    if kind == "too_short":
        return "give at least one colour"
    return str(err["msg"]).removeprefix("Value error, ")


def _unique(problems: list[Problem]) -> list[Problem]:
    """Drop repeated problems (a union type reports one per alternative)."""
    return list(dict.fromkeys(problems))
