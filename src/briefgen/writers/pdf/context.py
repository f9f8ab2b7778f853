"""The rendering context the block builders share, and inline runs to Paragraph markup.

Every user string is escaped here (`escape`, as XML wants it) before ReportLab sees it, and
every stretch a style's first family cannot draw is set in the first family of the role's
chain that can. Text in a complex script (right-to-left, Indic, South-East Asian, CJK) is
laid out as a ShapedParagraph instead, whatever runs (bold, links, notes) it is made of.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from briefgen import model as m
from briefgen.labels import Labels
from briefgen.writers.pdf.fonts import FaceNames, RoleFonts
from briefgen.writers.pdf.grid import Grid, widen
from briefgen.writers.pdf.rtl import is_arabic_char
from briefgen.writers.pdf.shaping import ShapedParagraph, Span, bidi_levels, needs_shaping
from briefgen.writers.pdf.styles import Styles
from briefgen.writers.text import escape_xml as escape

RTL_LANGUAGES = frozenset({"ar", "arc", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug",
                           "ur", "yi"})
_TAGS = re.compile(r"<[^>]+>")


def is_rtl_language(language: str) -> bool:
    """Return True if BCP 47 `language` is written right to left (Urdu, Arabic, Hebrew …)."""
    return language.split("-")[0].lower() in RTL_LANGUAGES


def _hyphenation_available() -> bool:
    """Return True if pyphen (ReportLab's hyphenation patterns) is installed."""
    import importlib.util

    return importlib.util.find_spec("pyphen") is not None


def hex_color(color: Color) -> str:
    """Return `color` as '#rrggbb' for markup attributes."""
    hexval: str = color.hexval()
    return "#" + hexval[2:]


def role_of(styles: Styles, style: ParagraphStyle) -> tuple[RoleFonts, bool, bool]:
    """Return the role whose family `style` uses, and the style's weight and slant."""
    fonts = styles.fonts
    for name in ("body", "heading", "caption", "chart"):
        faces: FaceNames = getattr(fonts, name)
        for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
            if faces.pick(bold, italic) == style.fontName:
                return fonts.role(name), bold, italic
    return fonts.role("body"), False, False


def plain_flowable(text: str, style: ParagraphStyle, styles: Styles,
                   rtl_language: bool = False) -> Flowable:
    """Return a plain string in `style`: shaped and bidi-ordered when it holds a complex script."""
    role, bold, italic = role_of(styles, style)
    if not needs_shaping(text):
        return Paragraph(esc(text, role), style)
    spans = [Span(piece, face, style.fontSize, style.textColor)
             for piece, face in role.split(text, bold, italic)]
    align = {1: "center", 2: "right"}.get(style.alignment, "")
    return ShapedParagraph(spans, max(style.leading, style.fontSize * 1.5), align,
                           True if rtl_language else None, style.spaceBefore, style.spaceAfter)


def esc(text: str, arabic_font: str | RoleFonts | None = None) -> str:
    """Escape `text` for Paragraph markup; put stretches the first family lacks in a fallback.

    Given a role's chain, each stretch goes to the first family that draws it; given a face
    name, Arabic-script stretches go to that face.
    """
    if isinstance(arabic_font, RoleFonts):
        return fallback_markup(text, arabic_font)
    if arabic_font is None or not any(is_arabic_char(ch) for ch in text):
        return escape(text)
    out: list[str] = []
    chunk = ""
    chunk_arabic = False
    for ch in text + "\0":
        arabic = is_arabic_char(ch)
        if ch == "\0" or (chunk and arabic != chunk_arabic and not ch.isspace()):
            piece = escape(chunk)
            out.append(f'<font name="{arabic_font}">{piece}</font>' if chunk_arabic else piece)
            chunk, chunk_arabic = "", arabic
        if ch != "\0":
            if not chunk:
                chunk_arabic = arabic
            chunk += ch
    return "".join(out)


def fallback_markup(text: str, role: RoleFonts, bold: bool = False, italic: bool = False) -> str:
    """Escape `text`, wrapping stretches outside the role's first family in <font> tags."""
    pieces = role.chain.split(text, bold, italic)
    if all(index == 0 for _, index in pieces):
        return escape(text)
    return "".join(escape(piece) if index == 0 else
                   f'<font name="{role.names(index).regular}">{escape(piece)}</font>'
                   for piece, index in pieces)


def attr(value: str) -> str:
    """Escape `value` for a double-quoted markup attribute."""
    return escape(value).replace('"', "&quot;")


def _styled(inner: str, bold: bool, italic: bool) -> str:
    if italic:
        inner = f"<i>{inner}</i>"
    if bold:
        inner = f"<b>{inner}</b>"
    return inner


def internal_link(target: str, label: str, colour: str, anchors: set[str] | None) -> str:
    """Return `label` linked to destination `target`, or plain if the target does not exist."""
    if anchors is not None and target not in anchors:
        return label  # a dangling destination would make ReportLab fail at save time
    return f'<a href="#{attr(target)}" color="{colour}">{label}</a>'


def runs_markup(runs: m.Runs, link: Color, arabic_font: str | RoleFonts | None = None,
                anchors: set[str] | None = None) -> str:
    """Return Paragraph markup for inline `runs` (links, note references, cross-references)."""
    colour = hex_color(link)
    parts: list[str] = []
    for run in runs:
        match run:
            case m.Text():
                parts.append(_styled(_esc_run(run, arabic_font), run.bold, run.italic))
            case m.Link():
                text = _styled(_esc_run(run, arabic_font), run.bold, run.italic)
                parts.append(f'<a href="{attr(run.url)}" color="{colour}"><u>{text}</u></a>')
            case m.NoteRef():
                marks = "".join(text if number is None else
                                internal_link(f"note-{number}", text, colour, anchors)
                                for text, number in run.pieces())
                parts.append(f"<super>{marks}</super>")
            case m.XRef():
                label = esc(run.text)
                parts.append(internal_link(run.anchor, label, colour, anchors))
    return "".join(parts)


def _esc_run(run: m.Text | m.Link, fonts: str | RoleFonts | None) -> str:
    if isinstance(fonts, RoleFonts):
        return fallback_markup(run.text, fonts, run.bold, run.italic)
    return esc(run.text, fonts)


def document_anchors(doc: m.Document) -> set[str]:
    """Return every link destination the PDF defines: headings, figures, tables, notes."""
    anchors: set[str] = set()
    for block in doc.blocks:
        if isinstance(block, m.Heading | m.Figure | m.Table):
            anchors.add(block.anchor)
        elif isinstance(block, m.Endnotes):
            anchors.update(f"note-{note.number}" for note in block.items)
    return anchors


def anchor(name: str) -> str:
    """Return markup that defines the link destination `name` at this point."""
    return f'<a name="{attr(name)}"/>'


@dataclass
class Context:
    """What every block builder needs to turn a node into flowables."""

    styles: Styles
    width: float
    height: float
    charts: Mapping[str, m.ChartArt] = field(default_factory=dict)
    anchors: set[str] | None = None  # destinations that exist; None links everything
    grid: Grid | None = None  # None: the frame is the whole text block
    labels: Labels = field(default_factory=Labels)
    language: str = "en-GB"  # BCP 47: the brief's language
    # this document's styles in its language, by the identity of the style they derive from
    language_styles: dict[int, tuple[ParagraphStyle, ParagraphStyle]] = field(
        default_factory=dict, repr=False)
    # the contexts of parts in other languages (sections, quotations), shared by all of them
    parts: dict[str, Context] = field(default_factory=dict, repr=False)

    def speaking(self, lang: str) -> Context:
        """Return the context for a part written in `lang` ('' or the same: this one).

        The part's paragraphs break lines and hyphenate by its language and, in a
        right-to-left language, read right to left.
        """
        if not lang or lang.lower() == self.language.lower():
            return self
        if lang not in self.parts:
            self.parts[lang] = replace(self, language=lang, language_styles={})
        return self.parts[lang]

    @property
    def block_width(self) -> float:
        """Return the width of the whole text block (main and side column)."""
        return self.grid.width if self.grid is not None else self.width

    @property
    def has_side(self) -> bool:
        """Return True if the grid has a side column."""
        return self.grid is not None and self.grid.has_side

    def wide(self, flowables: list[Flowable]) -> list[Flowable]:
        """Return `flowables` set across the whole text block."""
        return widen(flowables, self.grid) if self.grid is not None else flowables

    @property
    def arabic(self) -> str | None:
        """Return the registered Arabic-script face name, if any."""
        return self.styles.fonts.arabic

    @property
    def rtl_language(self) -> bool:
        """Return True if the part's language is written right to left (Urdu, Arabic …)."""
        return is_rtl_language(self.language)

    def role_of(self, style: ParagraphStyle) -> tuple[RoleFonts, bool, bool]:
        """Return the role whose family `style` uses, and the style's weight and slant."""
        return role_of(self.styles, style)

    def markup(self, runs: m.Runs, role: RoleFonts | None = None) -> str:
        """Return escaped Paragraph markup for `runs`, fallback families marked."""
        return runs_markup(runs, self.styles.colors.link, role or self.styles.fonts.role("body"),
                           self.anchors)

    def escape(self, text: str, role: RoleFonts | None = None) -> str:
        """Escape a plain user string for Paragraph markup, fallback families marked."""
        return esc(text, role or self.styles.fonts.role("body"))

    def para(self, runs: m.Runs, style: ParagraphStyle, prefix: str = "") -> Flowable:
        """Return a paragraph of `runs`: shaped when it holds a complex script."""
        role, _, _ = self.role_of(style)
        if needs_shaping(m.plain(runs)):
            return self.shaped(runs, style, prefix)
        return Paragraph(prefix + self.markup(runs, role), self.in_language(style))

    def in_language(self, style: ParagraphStyle) -> ParagraphStyle:
        """Return `style` with the brief's language's line breaking and hyphenation.

        Chinese, Japanese and Korean break between characters; other languages hyphenate
        by their own patterns when pyphen is installed (`briefgen[hyphenation]`).
        """
        base, cached = self.language_styles.get(id(style), (None, None))
        if base is not style or cached is None:
            primary = self.language.split("-")[0].lower()
            changes: dict[str, object] = {}
            if primary in ("zh", "ja", "ko"):
                changes["wordWrap"] = "CJK"
            elif _hyphenation_available():
                changes["hyphenationLang"] = self.language.replace("-", "_")
            cached = style.clone(f"{style.name}-{self.language}", **changes) if changes else style
            self.language_styles[id(style)] = (style, cached)
        return cached

    def text(self, text: str, style: ParagraphStyle, prefix: str = "") -> Flowable:
        """Return a paragraph of a plain string: shaped when it holds a complex script."""
        return self.para((m.Text(text),), style, prefix)

    def needs_shaping(self, text: str) -> bool:
        """Return True if `text` must be shaped (right-to-left, Indic, SE Asian or CJK)."""
        return needs_shaping(text)

    def is_rtl(self, text: str) -> bool:
        """Return True if `text` reads right to left (its first strong letter is RTL)."""
        return needs_shaping(text) and bool(bidi_levels(text, None)[1])

    def rtl(self, text: str, style: ParagraphStyle) -> Flowable:
        """Return shaped bidi text: right-aligned if it reads right to left, else left."""
        return self.shaped((m.Text(text),), style)

    def spans(self, runs: m.Runs, style: ParagraphStyle) -> list[Span]:
        """Return the runs as spans, each in the first family of the style's role that draws it."""
        role, bold, italic = self.role_of(style)
        size, color = style.fontSize, style.textColor
        link = self.styles.colors.link
        out: list[Span] = []
        previous: m.Inline | None = None
        for run in runs:
            if isinstance(run, m.NoteRef) and isinstance(previous, m.NoteRef):
                out.append(Span(",", role.names(0).regular, size * 0.65, color, size * 0.35))
            previous = run
            match run:
                case m.Text():
                    out += [Span(piece, face, size, color)
                            for piece, face in role.split(run.text, bold or run.bold,
                                                          italic or run.italic)]
                case m.Link():
                    out += [Span(piece, face, size, link, link=run.url)
                            for piece, face in role.split(run.text, bold or run.bold,
                                                          italic or run.italic)]
                case m.NoteRef():
                    for text, number in run.pieces():
                        target = self._internal(f"note-{number}") if number is not None else ""
                        out.append(Span(text, role.names(0).regular, size * 0.65, link,
                                        size * 0.35, target))
                case m.XRef():
                    out += [Span(piece, face, size, link, link=self._internal(run.anchor))
                            for piece, face in role.split(run.text, bold, italic)]
        return out

    def _internal(self, target: str) -> str:
        return f"#{target}" if self.anchors is None or target in self.anchors else ""

    def shaped(self, runs: m.Runs, style: ParagraphStyle, prefix: str = "") -> ShapedParagraph:
        """Return `runs` laid out by HarfBuzz and the bidi algorithm, in the style's look."""
        lead = _TAGS.sub("", prefix).replace("&nbsp;", "\u00a0")
        if lead:
            runs = (m.Text(lead + ("" if lead.endswith(" ") else " ")), *runs)
        spans = self.spans(runs, style)
        rtl = True if self.rtl_language else None
        align = {1: "center", 2: "right"}.get(style.alignment, "")
        has_complex = needs_shaping(m.plain(runs))
        size = style.fontSize * (1.05 if has_complex else 1.0)
        return ShapedParagraph(spans, max(style.leading, size * 1.5), align, rtl,
                               style.spaceBefore, style.spaceAfter)
