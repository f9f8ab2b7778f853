"""Right-to-left text: HarfBuzz shaping and a simplified bidi layout for Arabic-script runs.

ReportLab's own RTL support needs the `rlbidi` package, which is not on PyPI, so this module
does the layout itself: it splits a line into directional runs (a simplified Unicode bidi
algorithm: strong letters decide, numbers read left to right, neutrals join their
neighbours or the base direction), shapes each run with uharfbuzz in its direction, and
draws the glyphs at their shaped positions. Glyphs are written in visual order and their
ToUnicode entries carry the logical characters (see `EmbeddedFont`), so `pdftotext` and
pypdf extract the text in reading order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from briefgen.writers.pdf.fonts import EmbeddedFont, embedded_font

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


def _strength(ch: str) -> str:
    kind = unicodedata.bidirectional(ch)
    if kind in ("R", "AL"):
        return "R"
    if kind in ("L", "EN", "AN"):  # numbers are laid out left to right
        return "L"
    return "N"


def base_is_rtl(text: str) -> bool:
    """Return True if the first strong character of `text` is right-to-left."""
    for ch in text:
        strength = _strength(ch)
        if strength != "N":
            return strength == "R"
    return False


def bidi_runs(text: str, rtl_base: bool | None = None) -> list[tuple[str, bool]]:
    """Split a line into (text, is_rtl) runs in visual (left-to-right) order.

    `rtl_base` is the paragraph's direction; by default the line's first strong letter.
    """
    if not text:
        return []
    if rtl_base is None:
        rtl_base = base_is_rtl(text)
    levels = [_strength(ch) for ch in text]
    resolved: list[bool] = []
    for i, kind in enumerate(levels):
        if kind != "N":
            resolved.append(kind == "R")
            continue
        before = next((k for k in reversed(levels[:i]) if k != "N"), None)
        after = next((k for k in levels[i + 1 :] if k != "N"), None)
        resolved.append(before == "R" if before is not None and before == after else rtl_base)
    runs: list[tuple[str, bool]] = []
    for ch, rtl in zip(text, resolved, strict=True):
        if runs and runs[-1][1] == rtl:
            runs[-1] = (runs[-1][0] + ch, rtl)
        else:
            runs.append((ch, rtl))
    return list(reversed(runs)) if rtl_base else runs


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


class RtlText(Flowable):
    """A paragraph with Arabic-script (Arabic, Urdu, Pashto) text, shaped, bidi, wrapped."""

    def __init__(self, text: str, arabic: str, latin: str, size: float, leading: float,
                 color: Color, align: str = "right") -> None:
        super().__init__()
        self.text = " ".join(text.split())
        self.arabic, self.latin = arabic, latin
        self.size, self.leading, self.color = size, leading, color
        self.align = align
        self.rtl_base = base_is_rtl(self.text)  # one direction for every line
        self._lines: list[tuple[list[PlacedGlyph], float]] = []

    def _measure(self, text: str) -> tuple[list[PlacedGlyph], float]:
        return shape_line(text, self.arabic, self.latin, self.size, self.rtl_base)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Break the text into lines (in logical order) that fit `availWidth`."""
        words = self.text.split(" ")
        self._lines = []
        current: list[str] = []
        for word in words:
            trial = " ".join([*current, word])
            if current and self._measure(trial)[1] > availWidth:
                self._lines.append(self._measure(" ".join(current)))
                current = [word]
            else:
                current.append(word)
        if current:
            self._lines.append(self._measure(" ".join(current)))
        self.width = availWidth
        self.height = self.size * 1.55 + self.leading * (len(self._lines) - 1)
        return self.width, self.height

    def draw(self) -> None:
        """Draw each line's glyphs at their shaped positions, aligned to the right edge."""
        canvas: Any = self.canv
        canvas.saveState()
        canvas.setFillColor(self.color)
        text = canvas.beginText()
        baseline = self.height - self.size  # like a Paragraph: first baseline one size down
        font = None
        for glyphs, width in self._lines:
            if self.align == "right":
                start = self.width - width
            elif self.align == "center":
                start = (self.width - width) / 2
            else:
                start = 0.0
            for glyph in glyphs:
                if glyph.font != font:
                    font = glyph.font
                    text.setFont(font, self.size)
                text.setTextOrigin(start + glyph.x, baseline + glyph.y)
                text.textOut(glyph.char)
            baseline -= self.leading
        canvas.drawText(text)
        canvas.restoreState()
