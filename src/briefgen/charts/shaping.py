"""Complex-script chart text: shaped with HarfBuzz, ordered by the Unicode Bidi Algorithm,
drawn as glyph outlines so the SVG (and the PDF made from it) and the PNG look the same.

matplotlib lays out one glyph per character, left to right, so Arabic letters would not
join and Devanagari or Khmer vowels would not reorder. Text holding such scripts is drawn
here instead; the chart's alt text keeps the words for screen readers.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from matplotlib.artist import Artist
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D, Bbox

# Scripts whose letters change shape or order with their neighbours (and right-to-left ones).
COMPLEX_RANGES = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Arabic Extended
    (0x0900, 0x0DFF),  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil ... Sinhala
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x1900, 0x1AFF),  # Limbu, Tai Le, New Tai Lue, Khmer symbols, Buginese, Tai Tham
    (0xA8E0, 0xA8FF),  # Devanagari Extended
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
)


_COMPLEX = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in COMPLEX_RANGES) + "]")


def needs_shaping(text: str) -> bool:
    """Whether `text` holds a character of a script matplotlib cannot lay out."""
    return _COMPLEX.search(text) is not None


@cache
def _font_packages() -> tuple[Path, ...]:
    """Font files of the installed fontpkg packages, Noto first."""
    from importlib.metadata import distributions

    files: list[Path] = []
    names = sorted({d.metadata["Name"] for d in distributions()
                    if (d.metadata["Name"] or "").lower().startswith("fontpkg-")})
    names.sort(key=lambda n: ("noto" not in n.lower(), n))
    for name in names:
        try:
            pkg = importlib.import_module(name.lower().replace("-", "_"))
        except ImportError:
            continue
        root = Path(getattr(pkg, "ROOT", Path(pkg.__file__ or ".").parent), "files")
        files.extend(sorted(root.glob("*.[ot]tf"), key=lambda f: ("Italic" in f.name, f.name)))
    return tuple(files)


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap() or {})


def script_font(text: str) -> Path | None:
    """Return a font file covering the complex-script characters of `text` (None if none)."""
    wanted = {ord(ch) for ch in text if needs_shaping(ch)}
    best, best_count = None, 0
    for path in _font_packages():
        count = len(wanted & _cmap(path))
        if count == len(wanted):
            return path
        if count > best_count:
            best, best_count = path, count
    return best


@cache
def _hb_font(path: Path) -> Any:
    import uharfbuzz as hb

    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))


@cache
def _glyph_set(path: Path) -> tuple[Any, int, tuple[str, ...]]:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    return font.getGlyphSet(), font["head"].unitsPerEm, tuple(font.getGlyphOrder())


class _PathPen:
    """A fontTools pen collecting an outline as matplotlib path vertices and codes."""

    def __init__(self, glyph_set: Any) -> None:
        from fontTools.pens.basePen import BasePen

        outer = self

        class Pen(BasePen):  # type: ignore[misc]
            def _moveTo(self, p: Any) -> None:  # noqa: N802 - fontTools' names
                outer.add(MplPath.MOVETO, p)

            def _lineTo(self, p: Any) -> None:  # noqa: N802
                outer.add(MplPath.LINETO, p)

            def _curveToOne(self, a: Any, b: Any, c: Any) -> None:  # noqa: N802
                for p in (a, b, c):
                    outer.add(MplPath.CURVE4, p)

            def _qCurveToOne(self, a: Any, b: Any) -> None:  # noqa: N802
                for p in (a, b):
                    outer.add(MplPath.CURVE3, p)

            def _closePath(self) -> None:  # noqa: N802
                outer.add(MplPath.CLOSEPOLY, (0.0, 0.0))

        self.pen = Pen(glyph_set)
        self.verts: list[tuple[float, float]] = []
        self.codes: list[int] = []

    def add(self, code: Any, point: Any) -> None:
        """Append one vertex."""
        self.codes.append(code)
        self.verts.append((float(point[0]), float(point[1])))


@cache
def _outline(path: Path, gid: int) -> tuple[tuple[tuple[float, float], ...], tuple[int, ...]]:
    glyphs, _upem, order = _glyph_set(path)
    pen = _PathPen(glyphs)
    glyphs[order[gid]].draw(pen.pen)
    return tuple(pen.verts), tuple(pen.codes)


def _levels(line: str) -> list[int]:
    """Embedding level of each character (Unicode Bidi Algorithm, python-bidi)."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    base = uba.get_base_level(line)
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    uba.get_embedding_levels(line, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    return [int(c["level"]) for c in storage["chars"]]


def _visual_runs(line: str, fonts: tuple[Path, Path]) -> list[tuple[str, int, Path]]:
    """Split a line into runs of one level and font, in visual order (rule L2)."""
    levels = _levels(line)
    runs: list[tuple[str, int, Path]] = []
    for ch, level in zip(line, levels, strict=True):
        font = fonts[1] if ord(ch) > 0x7F and ord(ch) in _cmap(fonts[1]) else fonts[0]
        if runs and runs[-1][1] == level and (runs[-1][2] == font or ch == " "):
            runs[-1] = (runs[-1][0] + ch, level, runs[-1][2])
        else:
            runs.append((ch, level, font))
    top = max(levels, default=0)
    lowest_odd = min((lv for lv in levels if lv % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][1] >= level:
                j = i
                while j < len(runs) and runs[j][1] >= level:
                    j += 1
                runs[i:j] = reversed(runs[i:j])
                i = j
            else:
                i += 1
    return runs


def _shape_line(line: str, size: float, fonts: tuple[Path, Path]
                ) -> tuple[list[tuple[float, float]], list[int], float]:
    """Shape one line into glyph outlines in points from its left baseline; return width."""
    import uharfbuzz as hb

    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    pen_x = 0.0
    for text, level, font_path in _visual_runs(line, fonts):
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.direction = "rtl" if level % 2 else "ltr"
        hb.shape(_hb_font(font_path), buf)
        scale = size / _glyph_set(font_path)[1]
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
            g_verts, g_codes = _outline(font_path, info.codepoint)
            ox, oy = pen_x + pos.x_offset * scale, pos.y_offset * scale
            verts.extend((ox + x * scale, oy + y * scale) for x, y in g_verts)
            codes.extend(g_codes)
            pen_x += pos.x_advance * scale
    return verts, codes, pen_x


@dataclass(frozen=True)
class ShapedBlock:
    """Shaped text as one outline path in points, placed relative to its anchor."""

    path: MplPath
    width: float
    height: float
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the anchor


def shape_block(text: str, size: float, base_font: Path, ha: str = "left",
                va: str = "baseline", linespacing: float = 1.2) -> ShapedBlock | None:
    """Shape every line of `text` and align the block to its anchor; None without a font."""
    font = script_font(text)
    if font is None:
        return None
    ascent, descent, step = 0.92 * size, 0.28 * size, size * linespacing
    lines = [_shape_line(line, size, (base_font, font)) for line in text.split("\n")]
    width = max(w for _v, _c, w in lines)
    height = ascent + descent + step * (len(lines) - 1)
    top = {"top": 0.0, "bottom": height, "center": height / 2,
           "baseline": ascent, "center_baseline": ascent}[va]
    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    for k, (l_verts, l_codes, l_width) in enumerate(lines):
        dx = {"left": 0.0, "center": -l_width / 2, "right": -l_width}[ha]
        dy = top - ascent - k * step
        verts.extend((x + dx, y + dy) for x, y in l_verts)
        codes.extend(l_codes)
    x0 = {"left": 0.0, "center": -width / 2, "right": -width}[ha]
    path = MplPath(verts or [(0.0, 0.0)], codes or [MplPath.MOVETO])
    return ShapedBlock(path, width, height, (x0, top - height, x0 + width, top))


class ShapedText(Artist):
    """An artist drawing a ShapedBlock at a data (or axes, or figure) position."""

    def __init__(self, x: float, y: float, block: ShapedBlock, color: Any,
                 transform: Any, text: str) -> None:
        super().__init__()
        self.xy = (x, y)
        self.block = block
        self.color = color
        self.text = text  # the words, kept for inspection and accessibility
        self.set_transform(transform)

    def _place(self, renderer: Any) -> Affine2D:
        ax, ay = self.get_transform().transform(self.xy)
        return Affine2D().scale(renderer.points_to_pixels(1.0)).translate(ax, ay)

    def draw(self, renderer: Any) -> None:
        """Fill the glyph outlines (no stroke) at the anchor."""
        if not self.get_visible():
            return
        from matplotlib.colors import to_rgba

        gc = renderer.new_gc()
        gc.set_linewidth(0)
        renderer.draw_path(gc, self.block.path, self._place(renderer), to_rgba(self.color))
        gc.restore()
        self.stale = False

    def get_window_extent(self, renderer: Any = None) -> Bbox:
        """The block's box in display pixels."""
        if renderer is None:
            renderer = self.figure._get_renderer()  # type: ignore[union-attr]
        x0, y0, x1, y1 = self.block.box
        return Bbox(self._place(renderer).transform([(x0, y0), (x1, y1)]))
