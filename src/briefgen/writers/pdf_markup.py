"""Inline runs to ReportLab Paragraph markup; every user string is escaped here."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import Color

from briefgen import model as m
from briefgen.writers.pdf_rtl import is_arabic_char


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


def runs_markup(runs: m.Runs, link: Color, arabic_font: str | None = None) -> str:
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
                parts.append(
                    f'<super><a href="#note-{run.number}" color="{colour}">{run.number}</a></super>'
                )
            case m.XRef():
                label = esc(f"{run.kind} {run.number}")
                parts.append(f'<a href="#{attr(run.anchor)}" color="{colour}">{label}</a>')
    return "".join(parts)


def anchor(name: str) -> str:
    """Return markup that defines the link destination `name` at this point."""
    return f'<a name="{attr(name)}"/>'
