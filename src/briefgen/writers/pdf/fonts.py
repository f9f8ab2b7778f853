"""Embedded TrueType fonts for the PDF writer: each role's family chain, and chart fonts.

Every font is a subset-embedded TrueType face; no base-14 font is ever referenced. Fonts are
registered with ReportLab once per process under names prefixed with ``bg-``; a fallback
family is registered only when some text needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

from briefgen.compat.reportlab import init_ttfont, parsed_face, tounicode_object
from briefgen.fonts import FontChain, FontFiles, family_files, resolve_chain
from briefgen.fonts.instances import shaping_source
from briefgen.theme import Theme

# First code point handed out for shaped glyphs (Supplementary Private Use Area-A), far
# away from anything in a font's cmap and from ReportLab's own private-use allocations.
_FIRST_SHAPED_CODE = 0xF0000


_PDF_NAMES: set[bytes] = set()


class EmbeddedFont(TTFont):
    """A TrueType font that can also draw HarfBuzz-shaped glyphs and map them back to text.

    A shaped glyph (a contextual Arabic form, a ligature, a dot mark) often has no code point
    of its own, and one glyph may stand for different letters (Noto draws several Arabic
    letters from one dotless body plus dots). Each (glyph, text) pair therefore gets its own
    private code, and the ToUnicode map sends that code to exactly the text it stands for
    (empty for marks), so copy-paste and text extraction give the logical characters.
    """

    def __init__(self, name: str, path: Path) -> None:
        init_ttfont(self, name, parsed_face(path))  # TTFont.__init__, metrics from the cache
        # A static instance keeps its variable font's PostScript name, and two faces of one
        # name would share PDF objects: a name already taken becomes the registered name.
        if self.face.name in _PDF_NAMES:
            self.face.name = name.removeprefix("bg-").encode("ascii")
        _PDF_NAMES.add(self.face.name)
        self.path = path
        self._codes: dict[tuple[int, str, int], int] = {}
        self._actual: dict[int, str] = {}
        self._hb: Any = None

    def hb_font(self) -> Any:
        """Return a uharfbuzz Font for this face (created on first use)."""
        if self._hb is None:
            import uharfbuzz

            # Shape with the original file (a variable font keeps its layout tables there) at
            # the location this static face was made from; the glyph order is the same.
            source = shaping_source(self.path)
            blob = uharfbuzz.Blob(source.source.read_bytes())
            self._hb = uharfbuzz.Font(uharfbuzz.Face(blob, source.index))
            if source.variations:
                self._hb.set_variations(dict(source.variations))
        return self._hb

    def units_per_em(self) -> int:
        """Return the font's design units per em."""
        return int(self.hb_font().face.upem)

    def code_for(self, glyph: int, text: str, advance: int) -> str:
        """Return the private character that draws `glyph` and extracts as `text`."""
        key = (glyph, text, advance)  # one glyph may be kerned to different advances
        code = self._codes.get(key)
        if code is None:
            code = _FIRST_SHAPED_CODE + len(self._codes)
            self._codes[key] = code
            self._actual[code] = text
            self.face.charToGlyph[code] = glyph
            self.face.charWidths[code] = advance * 1000.0 / self.units_per_em()
        return chr(code)

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:  # noqa: N802
        """Map `text` to subset codes; text whose characters all sit in subset 0 in one go.

        ReportLab looks every character up in Python; most text repeats characters already
        assigned to the first subset, which one `str.translate` maps at C speed.
        """
        state = self.state.get(doc)
        if state is not None and isinstance(text, str):
            fast = getattr(state, "briefgen_subset0", None)
            if fast is not None and fast[0].issuperset(text):
                return [(0, text.translate(fast[1]).encode("latin-1"))] if text else []
        result = super().splitString(text, doc, encoding)
        state = self.state[doc]
        assignments = state.assignments
        if getattr(state, "briefgen_assigned", -1) != len(assignments):
            table = {code: chr(n) for code, n in assignments.items() if n < 256}
            if 32 in table:
                table[0xA0] = table[32]  # ReportLab draws a no-break space as a space
            state.briefgen_subset0 = ({chr(code) for code in table}, table)
            state.briefgen_assigned = len(assignments)
        return result

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
            stream = tounicode_object(doc, base_name)
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


class RoleFonts:
    """A role's family chain, registered with ReportLab on demand, to pick a face per run."""

    def __init__(self, chain: FontChain) -> None:
        self.chain = chain
        self._names: dict[int, FaceNames] = {}

    def names(self, index: int) -> FaceNames:
        """Return the registered faces of family number `index` of the chain."""
        if index not in self._names:
            self._names[index] = register_files(self.chain.files(index))
        return self._names[index]

    def split(self, text: str, bold: bool = False, italic: bool = False
              ) -> list[tuple[str, str]]:
        """Split `text` into (piece, face name) runs, each in the first family that draws it."""
        return [(piece, self.names(i).pick(bold, italic))
                for piece, i in self.chain.split(text, bold, italic)]

    def needs_fallback(self, text: str) -> bool:
        """Return True if some character of `text` is not in the chain's first family."""
        return any(i != 0 for _, i in self.chain.split(text))


@dataclass(frozen=True)
class FontSet:
    """The fonts one rendering uses: each role's first family and chain, and chart faces."""

    body: FaceNames
    heading: FaceNames
    caption: FaceNames
    chart: FaceNames
    roles: dict[str, RoleFonts]
    arabic: str | None  # the Arabic-script face, for callers that mark Arabic runs themselves

    @cached_property
    def sans(self) -> FaceNames:
        """The sans-serif faces charts fall back to (registered when a chart asks)."""
        return register_family("DejaVu Sans")

    @cached_property
    def serif(self) -> FaceNames:
        """The serif faces charts fall back to (registered when a chart asks)."""
        return register_family("DejaVu Serif")

    def role(self, name: str) -> RoleFonts:
        """Return the chain of role `name` ('body', 'heading', 'caption', 'chart')."""
        return self.roles[name]


def _font_name(family: str, face: str = "") -> str:
    return "bg-" + "".join(ch for ch in family if ch.isalnum()) + (f"-{face}" if face else "")


@cache
def register_files(files: FontFiles) -> FaceNames:
    """Register the four faces of a family as embedded TrueType fonts; return their names."""
    names = FaceNames(
        _font_name(files.family),
        _font_name(files.family, "Bold"),
        _font_name(files.family, "Italic"),
        _font_name(files.family, "BoldItalic"),
    )
    for name, path in zip((names.regular, names.bold, names.italic, names.bold_italic),
                          files.faces(), strict=True):
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


def register_family(family: str) -> FaceNames:
    """Register the four faces of the installed family `family`; return their names."""
    return register_files(family_files(family))


ROLES = ("body", "heading", "caption", "chart")


def register_fonts(theme: Theme) -> FontSet:
    """Register every font a rendering with `theme` may use and return their names."""
    return _font_set(tuple(theme.fonts.chain(role) for role in ROLES),
                     theme.fonts.search_folders)


@cache
def _font_set(chains: tuple[tuple[str, ...], ...], folders: tuple[Path, ...]) -> FontSet:
    """Return the FontSet of these role chains (one per process: layout passes share it)."""
    roles = {role: RoleFonts(resolve_chain(chain, folders))
             for role, chain in zip(ROLES, chains, strict=True)}
    arabic = roles["body"].chain.first_drawing("\u0627", prefer="arabic")
    return FontSet(
        body=roles["body"].names(0),
        heading=roles["heading"].names(0),
        caption=roles["caption"].names(0),
        chart=roles["chart"].names(0),
        roles=roles,
        arabic=roles["body"].names(arabic).regular if arabic is not None else None,
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
        faces = self._named(name) or (
            self.fonts.serif if "serif" in name and "sans" not in name else self.fonts.sans)
        weight = str(weight).strip().lower()
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        italic = str(style).strip().lower() in ("italic", "oblique")
        return faces.pick(bold, italic), True

    def _named(self, name: str) -> FaceNames | None:
        """Return a role's family when the SVG names it (charts drawn in the style's face)."""
        wanted = "".join(name.split()).strip("'\"").lower()
        for role in self.fonts.roles.values():
            if "".join(role.chain.families[0].name.split()).lower() == wanted:
                return role.names(0)
        return None

    def face_for_standard(self, name: str) -> str:
        """Return the embedded face replacing a base-14 font name such as 'Helvetica-Bold'."""
        lower = name.lower()
        serif = lower.startswith("times")
        bold = "bold" in lower
        italic = "italic" in lower or "oblique" in lower
        return (self.fonts.serif if serif else self.fonts.sans).pick(bold, italic)
