"""The rendering context the block builders share, and inline runs to Paragraph markup.

Every user string is escaped here (xml.sax.saxutils.escape) before ReportLab sees it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from briefgen import model as m
from briefgen.writers.pdf.rtl import RtlText, base_is_rtl, has_arabic, is_arabic_char
from briefgen.writers.pdf.styles import Styles


def hex_color(color: Color) -> str:
    """Return `color` as '#rrggbb' for markup attributes."""
    return "#" + color.hexval()[2:]


def esc(text: str, arabic_font: str | None = None) -> str:
    """Escape `text` for Paragraph markup; put Arabic-script stretches in the fallback font."""
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


def attr(value: str) -> str:
    """Escape `value` for a double-quoted markup attribute."""
    return escape(value, {'"': "&quot;"})


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


def runs_markup(runs: m.Runs, link: Color, arabic_font: str | None = None,
                anchors: set[str] | None = None) -> str:
    """Return Paragraph markup for inline `runs` (links, note references, cross-references)."""
    colour = hex_color(link)
    parts: list[str] = []
    for run in runs:
        match run:
            case m.Text():
                parts.append(_styled(esc(run.text, arabic_font), run.bold, run.italic))
            case m.Link():
                text = _styled(esc(run.text, arabic_font), run.bold, run.italic)
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

    @property
    def arabic(self) -> str | None:
        """Return the registered Arabic fallback font name, if any."""
        return self.styles.fonts.arabic

    def markup(self, runs: m.Runs) -> str:
        """Return escaped Paragraph markup for `runs`."""
        return runs_markup(runs, self.styles.colors.link, self.arabic, self.anchors)

    def escape(self, text: str) -> str:
        """Escape a plain user string for Paragraph markup."""
        return esc(text, self.arabic)

    def para(self, runs: m.Runs, style: ParagraphStyle, prefix: str = "") -> Flowable:
        """Return a paragraph of `runs`; plain runs with Arabic script are shaped (RtlText).

        Arabic inside styled runs (bold, links, note references) stays a Paragraph: it is
        drawn in the Arabic font but not shaped, since ReportLab cannot lay it out.
        """
        plain_runs = all(isinstance(r, m.Text) and not (r.bold or r.italic) for r in runs)
        text = m.plain(runs)
        if not prefix and plain_runs and self.needs_shaping(text):
            return self.rtl(text, style)
        return Paragraph(prefix + self.markup(runs), style)

    def text(self, text: str, style: ParagraphStyle, prefix: str = "") -> Flowable:
        """Return a paragraph of a plain string (escaped); Arabic-script strings are shaped."""
        if not prefix and self.needs_shaping(text):
            return self.rtl(text, style)
        return Paragraph(prefix + self.escape(text), style)

    def needs_shaping(self, text: str) -> bool:
        """Return True if `text` holds Arabic script and the Arabic font is available."""
        return self.arabic is not None and has_arabic(text)

    def is_rtl(self, text: str) -> bool:
        """Return True if `text` reads right to left (its first strong letter is RTL)."""
        return self.needs_shaping(text) and base_is_rtl(text)

    def rtl(self, text: str, style: ParagraphStyle) -> RtlText:
        """Return shaped bidi text: right-aligned if it reads right to left, else left."""
        assert self.arabic is not None
        rtl = base_is_rtl(text)
        size = style.fontSize * (1.05 if rtl else 1.0)
        flowable = RtlText(text, self.arabic, style.fontName, size,
                           max(style.leading, size * 1.7), style.textColor,
                           "right" if rtl else "left")
        flowable.spaceAfter = style.spaceAfter
        flowable.spaceBefore = style.spaceBefore
        return flowable
