"""Embedded TrueType fonts for the PDF writer: theme families, Arabic fallback, chart fonts.

Every font is a subset-embedded TrueType face; no base-14 font is ever referenced. Fonts are
registered with ReportLab once per process under names prefixed with ``bg-``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

from briefgen.fonts import KNOWN_FAMILIES, family_files
from briefgen.glyphs import arabic_font_path
from briefgen.theme import Theme

# First code point handed out for shaped glyphs (Supplementary Private Use Area-A), far
# away from anything in a font's cmap and from ReportLab's own private-use allocations.
_FIRST_SHAPED_CODE = 0xF0000


class EmbeddedFont(TTFont):
    """A TrueType font that can also draw HarfBuzz-shaped glyphs and map them back to text.

    A shaped glyph (a contextual Arabic form, a ligature, a dot mark) often has no code point
    of its own, and one glyph may stand for different letters (Noto draws several Arabic
    letters from one dotless body plus dots). Each (glyph, text) pair therefore gets its own
    private code, and the ToUnicode map sends that code to exactly the text it stands for
    (empty for marks), so copy-paste and text extraction give the logical characters.
    """

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path))
        self.path = path
        self._codes: dict[tuple[int, str], int] = {}
        self._actual: dict[int, str] = {}
        self._hb: Any = None

    def hb_font(self) -> Any:
        """Return a uharfbuzz Font for this face (created on first use)."""
        if self._hb is None:
            import uharfbuzz

            self._hb = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(self.path.read_bytes())))
        return self._hb

    def units_per_em(self) -> int:
        """Return the font's design units per em."""
        return int(self.hb_font().face.upem)

    def code_for(self, glyph: int, text: str, advance: int) -> str:
        """Return the private character that draws `glyph` and extracts as `text`."""
        key = (glyph, text)
        code = self._codes.get(key)
        if code is None:
            code = _FIRST_SHAPED_CODE + len(self._codes)
            self._codes[key] = code
            self._actual[code] = text
            self.face.charToGlyph[code] = glyph
            self.face.charWidths[code] = advance * 1000.0 / self.units_per_em()
        return chr(code)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - ReportLab's method name
        """Write the font subsets, then rewrite their ToUnicode maps for shaped glyphs."""
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        if not self._actual:
            return
        for n, subset in enumerate(subsets):
            if not any(code in self._actual for code in subset):
                continue
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base_name = base.decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = self._to_unicode(base_name, subset)

    def _to_unicode(self, base_name: str, subset: list[int]) -> str:
        lines = []
        for i, code in enumerate(subset):
            text = self._actual.get(code, chr(code))
            target = "".join(f"{unit:04X}" for unit in _utf16_units(text))
            lines.append(f"<{i:02X}> <{target}>")
        cmap = makeToUnicodeCMap(base_name, subset)
        return re.sub(
            r"(\d+ beginbfchar\n).*?(\nendbfchar)",
            lambda match: match.group(1) + "\n".join(lines) + match.group(2),
            cmap,
            flags=re.S,
        )


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


@dataclass(frozen=True)
class FaceNames:
    """ReportLab names of the four faces of one registered family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def pick(self, bold: bool, italic: bool) -> str:
        """Return the face name for the given weight and slant."""
        if bold:
            return self.bold_italic if italic else self.bold
        return self.italic if italic else self.regular


@dataclass(frozen=True)
class FontSet:
    """The fonts one rendering uses: body, headings, the Arabic fallback, and chart faces."""

    body: FaceNames
    heading: FaceNames
    arabic: str | None
    sans: FaceNames
    serif: FaceNames


def _font_name(family: str, face: str = "") -> str:
    return "bg-" + family.replace(" ", "") + (f"-{face}" if face else "")


@cache
def register_family(family: str) -> FaceNames:
    """Register the four faces of `family` as embedded TrueType fonts; return their names."""
    files = family_files(family)
    names = FaceNames(
        _font_name(family),
        _font_name(family, "Bold"),
        _font_name(family, "Italic"),
        _font_name(family, "BoldItalic"),
    )
    for name, path in (
        (names.regular, files.regular),
        (names.bold, files.bold),
        (names.italic, files.italic),
        (names.bold_italic, files.bold_italic),
    ):
        pdfmetrics.registerFont(EmbeddedFont(name, path))
    pdfmetrics.registerFontFamily(
        names.regular,
        normal=names.regular,
        bold=names.bold,
        italic=names.italic,
        boldItalic=names.bold_italic,
    )
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(names.regular, bold, italic, names.pick(bool(bold), bool(italic)))
    return names


@cache
def register_arabic() -> str | None:
    """Register the Arabic-script fallback font; return its name, or None if not installed."""
    path = arabic_font_path()
    if path is None:
        return None
    name = "bg-NotoSansArabic"
    pdfmetrics.registerFont(EmbeddedFont(name, path))
    return name


def register_fonts(theme: Theme) -> FontSet:
    """Register every font a rendering with `theme` may use and return their names."""
    sans, serif = (register_family(family) for family in KNOWN_FAMILIES)
    return FontSet(
        body=register_family(theme.fonts.body),
        heading=register_family(theme.fonts.heading),
        arabic=register_arabic(),
        sans=sans,
        serif=serif,
    )


def embedded_font(name: str) -> EmbeddedFont:
    """Return the registered EmbeddedFont called `name`."""
    font = pdfmetrics.getFont(name)
    if not isinstance(font, EmbeddedFont):
        raise TypeError(f"{name} is not an embedded briefgen font")
    return font


class ChartFontMap:
    """An svglib font map that sends every SVG font request to an embedded DejaVu face."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts

    def find_font(
        self, font_name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        """Return the embedded face for an SVG family/weight/style and report an exact match."""
        name = font_name.lower()
        faces = self.fonts.serif if "serif" in name and "sans" not in name else self.fonts.sans
        weight = str(weight).strip().lower()
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        italic = str(style).strip().lower() in ("italic", "oblique")
        return faces.pick(bold, italic), True

    def face_for_standard(self, name: str) -> str:
        """Return the embedded face replacing a base-14 font name such as 'Helvetica-Bold'."""
        lower = name.lower()
        serif = lower.startswith("times")
        bold = "bold" in lower
        italic = "italic" in lower or "oblique" in lower
        return (self.fonts.serif if serif else self.fonts.sans).pick(bold, italic)
