"""Shaped paragraphs: HarfBuzz shaping, Unicode bidi and line breaking for complex scripts.

ReportLab draws one character after another, which is wrong for scripts whose letters join,
reorder or stack (Arabic, Hebrew, Devanagari, Tamil, Thai, Khmer …) and it cannot break CJK
lines between characters. A paragraph holding such text is laid out here instead:

1. the paragraph's embedding levels come from python-bidi's implementation of the Unicode
   Bidirectional Algorithm (rules P–I), computed once for the whole paragraph;
2. each item — a stretch of one style, one font and one level — is shaped with uharfbuzz in
   its direction, so ligatures, contextual forms and mark positions are the font's own;
3. lines break at spaces and between CJK characters (inside an over-long word, at any
   cluster boundary);
4. each line's items are put in visual order by rule L2 and drawn glyph by glyph at their
   shaped positions. Every glyph extracts as the characters it stands for (see
   `EmbeddedFont`), so `pdftotext` returns the text in logical order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from briefgen.writers.pdf.fonts import embedded_font

_COMPLEX = re.compile(
    "[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff"
    "\u19e0-\u19ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufeff"
    "\U00020000-\U0002ffff]"
)
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff]")
_CLOSING = set("、。，．：；！？）」』】〕〉》”’・ー")  # never start a line with these


def needs_shaping(text: str) -> bool:
    """Return True if `text` holds right-to-left, Indic, South-East Asian or CJK script."""
    return _COMPLEX.search(text) is not None


def bidi_levels(text: str, rtl: bool | None = None) -> tuple[list[int], int]:
    """Return the resolved embedding level of each character, and the paragraph level.

    `rtl` forces the paragraph direction; by default the first strong character decides
    (rule P2). Uses python-bidi's Unicode Bidirectional Algorithm (rules X1–I2).
    """
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    base = uba.get_base_level(text) if rtl is None else int(rtl)
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    uba.get_embedding_levels(text, storage, False, False)
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels = [int(ch["level"]) for ch in storage["chars"]]
    if len(levels) != len(text):  # narrow builds split surrogates; never on CPython 3
        levels = [base] * len(text)
    return levels, base


def visual_order(levels: list[int]) -> list[int]:
    """Return the indices of items with `levels` in visual order (rule L2)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


@dataclass(frozen=True)
class Span:
    """A piece of logical text in one face: size, colour, baseline rise and link target."""

    text: str
    font: str  # a registered EmbeddedFont name
    size: float
    color: Color
    rise: float = 0.0
    link: str = ""  # an external URL, or '#anchor' for a destination in the document


@dataclass
class _Glyph:
    char: str  # the private character that draws the glyph and extracts as its text
    cluster: int  # index of the first character of its cluster, in the paragraph
    advance: float
    dx: float
    dy: float


@dataclass
class _Item:
    span: Span
    start: int
    end: int
    level: int
    glyphs: list[_Glyph] = field(default_factory=list)


def shape_item(item: _Item, text: str) -> None:
    """Shape `text[item.start:item.end]` in the item's font and direction."""
    import uharfbuzz

    font = embedded_font(item.span.font)
    piece = text[item.start:item.end]
    buf = uharfbuzz.Buffer()
    buf.add_str(piece)
    buf.guess_segment_properties()
    buf.direction = "rtl" if item.level % 2 else "ltr"
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(font.hb_font(), buf, {})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    texts = _glyph_texts(piece, [info.cluster for info in infos],
                         [pos.x_advance for pos in positions], bool(item.level % 2))
    scale = item.span.size / font.units_per_em()
    for info, pos, own in zip(infos, positions, texts, strict=True):
        item.glyphs.append(_Glyph(font.code_for(info.codepoint, own, pos.x_advance),
                                  item.start + info.cluster, pos.x_advance * scale,
                                  pos.x_offset * scale, pos.y_offset * scale))


def _glyph_texts(text: str, clusters: list[int], advances: list[int], rtl: bool) -> list[str]:
    """Return the text each glyph extracts as, so that a cluster's glyphs spell its characters.

    Right to left, the widest glyph of a cluster carries all of it (extractors reorder RTL
    text themselves). Left to right, the cluster's characters are dealt to its spacing glyphs
    in drawing order, the last taking the rest: a Khmer or Tamil vowel drawn before its
    consonant then extracts in logical order, with no gap that reads as a space.
    """
    starts = sorted(set(clusters))
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    members: dict[int, list[int]] = {}
    for i, cluster in enumerate(clusters):
        members.setdefault(cluster, []).append(i)
    out = [""] * len(clusters)
    for cluster, glyphs in members.items():
        chars = text[cluster:ends[cluster]]
        if rtl:
            out[max(glyphs, key=lambda i: advances[i])] = chars
            continue
        spacing = [i for i in glyphs if advances[i] > 0] or glyphs[:1]
        for k, i in enumerate(spacing):
            out[i] = chars[k] if k < len(spacing) - 1 else chars[k:]
    return out


def _items(spans: list[Span], levels: list[int]) -> tuple[str, list[_Item]]:
    """Cut the paragraph into items of one span and one level, shaped."""
    text = "".join(span.text for span in spans)
    items: list[_Item] = []
    at = 0
    for span in spans:
        start = at
        for i in range(at, at + len(span.text) + 1):
            if i == at + len(span.text) or levels[i] != levels[start]:
                if i > start:
                    items.append(_Item(span, start, i, levels[start]))
                start = i
        at += len(span.text)
    for item in items:
        shape_item(item, text)
    return text, items


def break_points(text: str) -> list[int]:
    """Return the offsets where a line may end: after spaces, around CJK characters."""
    points = []
    for i in range(1, len(text)):
        before, ch = text[i - 1], text[i]
        if (before == " " and ch != " ") or (
            (_CJK.match(ch) or _CJK.match(before)) and ch not in _CLOSING and ch != " "
        ):
            points.append(i)
    return [*points, len(text)]


class ShapedParagraph(Flowable):
    """A paragraph of shaped, bidi-ordered, wrapped text; splits across frames by lines."""

    def __init__(self, spans: list[Span], leading: float, align: str = "",
                 rtl: bool | None = None, space_before: float = 0, space_after: float = 0
                 ) -> None:
        super().__init__()
        self.spans = [s for s in spans if s.text]
        self.text = "".join(s.text for s in self.spans)
        levels, base = bidi_levels(self.text, rtl) if self.text else ([], 0)
        self.rtl = bool(base)
        self.align = align or ("right" if self.rtl else "left")
        self.leading = leading
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.text, self.items = _items(self.spans, levels)
        self.advances = [0.0] * (len(self.text) + 1)
        for item in self.items:
            for glyph in item.glyphs:
                self.advances[glyph.cluster] += glyph.advance
        self.lines: list[tuple[int, int]] | None = None
        self.size = max((s.size for s in self.spans), default=10.0)

    def _width(self, start: int, end: int) -> float:
        while end > start and self.text[end - 1] == " ":
            end -= 1
        return sum(self.advances[start:end])

    def _break(self, width: float) -> list[tuple[int, int]]:
        """Fill lines greedily; an over-long word breaks at a cluster boundary."""
        lines: list[tuple[int, int]] = []
        start = last = 0
        for point in break_points(self.text):
            if self._width(start, point) <= width:
                last = point
                continue
            if last > start:
                lines.append((start, last))
                start = last
            if self._width(start, point) > width:
                start = self._force(lines, start, point, width)
            last = point
        if start < len(self.text):
            lines.append((start, len(self.text)))
        return lines or [(0, 0)]

    def _force(self, lines: list[tuple[int, int]], start: int, end: int, width: float) -> int:
        """Break a word wider than the line at cluster boundaries; return the rest's start."""
        cuts = sorted({g.cluster for item in self.items for g in item.glyphs
                       if start < g.cluster < end})
        line_start = previous = start
        for cut in [*cuts, end]:
            if self._width(line_start, cut) > width and previous > line_start:
                lines.append((line_start, previous))
                line_start = previous
            previous = cut
        return line_start

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Break the text into lines for `availWidth`; return the size needed."""
        if self.lines is None or getattr(self, "_for", None) != availWidth:
            self.lines = self._break(availWidth)
            self._for = availWidth
        self.width = availWidth
        self.height = self.leading * len(self.lines) + max(0.0, self.size * 0.3)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Split by whole lines when the paragraph does not fit the frame."""
        self.wrap(availWidth, availHeight)
        assert self.lines is not None
        fit = int((availHeight - self.size * 0.3) // self.leading)
        if fit < 1 or fit >= len(self.lines):
            return []
        first, rest = self._part(self.lines[:fit]), self._part(self.lines[fit:])
        first.spaceAfter, rest.spaceBefore = 0, 0
        return [first, rest]

    def _part(self, lines: list[tuple[int, int]]) -> ShapedParagraph:
        part = object.__new__(type(self))  # a subclass (a shaped heading) splits into its own
        part.__dict__.update(self.__dict__)
        part.lines = lines
        part._for = self._for
        return part

    def line_glyphs(self, start: int, end: int) -> tuple[list[tuple[_Item, list[_Glyph]]], float]:
        """Return the line's items in visual order with their glyphs, and its width."""
        while end > start and self.text[end - 1] == " ":
            end -= 1  # rule L1: trailing spaces take the paragraph level; they are not drawn
        parts = [(item, [g for g in item.glyphs if start <= g.cluster < end])
                 for item in self.items if item.start < end and item.end > start]
        parts = [(item, glyphs) for item, glyphs in parts if glyphs]
        order = visual_order([item.level for item, _ in parts])
        visual = [parts[i] for i in order]
        width = sum(g.advance for _, glyphs in visual for g in glyphs)
        return visual, width

    def draw(self) -> None:
        """Draw each line's glyphs at their shaped positions, aligned, with link areas."""
        canvas: Any = self.canv
        assert self.lines is not None
        baseline = self.height - self.size
        text = canvas.beginText()
        links: list[tuple[str, tuple[float, float, float, float]]] = []
        state: tuple[str, float, Color] | None = None
        for start, end in self.lines:
            visual, width = self.line_glyphs(start, end)
            x = {"right": self.width - width, "center": (self.width - width) / 2}.get(
                self.align, 0.0)
            for item, glyphs in visual:
                span = item.span
                if state != (span.font, span.size, span.color):
                    state = (span.font, span.size, span.color)
                    text.setFont(span.font, span.size)
                    text.setFillColor(span.color)
                left = x
                for glyph in glyphs:
                    text.setTextOrigin(x + glyph.dx, baseline + span.rise + glyph.dy)
                    text.textOut(glyph.char)
                    x += glyph.advance
                if span.link:
                    links.append((span.link, (left, baseline + span.rise - span.size * 0.25,
                                              x, baseline + span.rise + span.size * 0.85)))
            baseline -= self.leading
        canvas.saveState()
        canvas.drawText(text)
        canvas.restoreState()
        for target, rect in links:
            if target.startswith("#"):
                canvas.linkRect("", target[1:], rect, relative=1)
            else:
                canvas.linkURL(target, rect, relative=1)
