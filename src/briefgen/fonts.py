"""Font families: map a theme's family name to TrueType files that both writers embed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class FontFiles:
    """The four faces of a family as TrueType paths."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


@cache
def _mpl_ttf_dir() -> Path:
    # Find matplotlib's bundled DejaVu fonts without importing matplotlib itself.
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def family_files(family: str) -> FontFiles:
    """Return the TrueType files of `family` ('DejaVu Sans' or 'DejaVu Serif')."""
    d = _mpl_ttf_dir()
    if family == "DejaVu Sans":
        return FontFiles(
            family,
            d / "DejaVuSans.ttf",
            d / "DejaVuSans-Bold.ttf",
            d / "DejaVuSans-Oblique.ttf",
            d / "DejaVuSans-BoldOblique.ttf",
        )
    if family == "DejaVu Serif":
        return FontFiles(
            family,
            d / "DejaVuSerif.ttf",
            d / "DejaVuSerif-Bold.ttf",
            d / "DejaVuSerif-Italic.ttf",
            d / "DejaVuSerif-BoldItalic.ttf",
        )
    raise KeyError(f"unknown font family {family!r} (known: DejaVu Sans, DejaVu Serif)")


KNOWN_FAMILIES = ("DejaVu Sans", "DejaVu Serif")
