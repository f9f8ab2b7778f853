"""One line of Arabic-script text measured and placed: bidi runs shaped in two fonts.

Paragraphs are laid out by `briefgen.writers.pdf.shaping`; this module keeps the single-line
helpers that size table columns. Directional runs come from python-bidi's implementation of
the Unicode Bidirectional Algorithm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.writers.pdf.fonts import EmbeddedFont, embedded_font
from briefgen.writers.pdf.shaping import bidi_levels, visual_order

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF),
                  (0xFE70, 0xFEFF))


def is_arabic_char(ch: str) -> bool:
    """Return True if `ch` belongs to the Arabic script blocks."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _ARABIC_RANGES)


_ARABIC_RE = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _ARABIC_RANGES)
                        + "]")


def has_arabic(text: str) -> bool:
    """Return True if `text` holds any Arabic-script character."""
    return _ARABIC_RE.search(text) is not None


def base_is_rtl(text: str) -> bool:
    """Return True if the first strong character of `text` is right-to-left (rule P2)."""
    return bool(bidi_levels(text)[1])


def bidi_runs(text: str, rtl_base: bool | None = None) -> list[tuple[str, bool]]:
    """Split a line into (text, is_rtl) runs in visual (left-to-right) order.

    `rtl_base` is the paragraph's direction; by default the line's first strong letter.
    """
    if not text:
        return []
    levels, _ = bidi_levels(text, rtl_base)
    runs: list[tuple[str, int]] = []
    for ch, level in zip(text, levels, strict=True):
        if runs and runs[-1][1] == level:
            runs[-1] = (runs[-1][0] + ch, level)
        else:
            runs.append((ch, level))
    order = visual_order([level for _, level in runs])
    return [(runs[i][0], bool(runs[i][1] % 2)) for i in order]


@dataclass(frozen=True)
class PlacedGlyph:
    """One shaped glyph: its font, private character and position relative to the pen."""

    font: str
    char: str
    x: float
    y: float


def shape_run(font: EmbeddedFont, text: str, rtl: bool, size: float) -> tuple[
    list[PlacedGlyph], float
]:
    """Shape `text` with HarfBuzz; return glyphs in visual order and the run's advance."""
    import uharfbuzz

    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(font.hb_font(), buf, {})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = {start: end for start, end in zip(starts, [*starts[1:], len(text)], strict=True)}
    carrier: dict[int, int] = {}  # cluster -> index of the glyph that carries its text
    for i, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        best = carrier.get(info.cluster)
        if best is None or pos.x_advance > positions[best].x_advance:
            carrier[info.cluster] = i
    scale = size / font.units_per_em()
    glyphs: list[PlacedGlyph] = []
    pen = 0.0
    for i, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        cluster_text = text[info.cluster : ends[info.cluster]] if carrier[info.cluster] == i else ""
        char = font.code_for(info.codepoint, cluster_text, pos.x_advance)
        glyphs.append(PlacedGlyph(font.fontName, char, pen + pos.x_offset * scale,
                                  pos.y_offset * scale))
        pen += pos.x_advance * scale
    return glyphs, pen


def shape_line(text: str, arabic: str, latin: str, size: float,
               rtl_base: bool | None = None) -> tuple[list[PlacedGlyph], float]:
    """Lay out one line: bidi runs, each shaped in the Arabic or the Latin font."""
    glyphs: list[PlacedGlyph] = []
    pen = 0.0
    for run, rtl in bidi_runs(text, rtl_base):
        font = embedded_font(arabic if (rtl or has_arabic(run)) else latin)
        run_glyphs, advance = shape_run(font, run, rtl, size)
        glyphs += [PlacedGlyph(g.font, g.char, g.x + pen, g.y) for g in run_glyphs]
        pen += advance
    return glyphs, pen
