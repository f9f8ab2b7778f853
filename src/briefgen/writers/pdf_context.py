"""The rendering context the block builders share: styles, frame width, charts, helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from briefgen import model as m
from briefgen.writers.pdf_markup import esc, runs_markup
from briefgen.writers.pdf_rtl import RtlText, base_is_rtl, has_arabic
from briefgen.writers.pdf_styles import Styles


@dataclass
class Context:
    """What every block builder needs to turn a node into flowables."""

    styles: Styles
    width: float
    charts: dict[str, m.ChartArt] = field(default_factory=dict)

    @property
    def arabic(self) -> str | None:
        """Return the registered Arabic fallback font name, if any."""
        return self.styles.fonts.arabic

    def markup(self, runs: m.Runs) -> str:
        """Return escaped Paragraph markup for `runs`."""
        return runs_markup(runs, self.styles.colors.link, self.arabic)

    def escape(self, text: str) -> str:
        """Escape a plain user string for Paragraph markup."""
        return esc(text, self.arabic)

    def para(self, runs: m.Runs, style: ParagraphStyle, prefix: str = "") -> Flowable:
        """Return a paragraph of `runs`; right-to-left text becomes a shaped RtlText."""
        text = m.plain(runs)
        if not prefix and self.is_rtl(text) and all(isinstance(r, m.Text) for r in runs):
            return self.rtl(text, style)
        return Paragraph(prefix + self.markup(runs), style)

    def text(self, text: str, style: ParagraphStyle, prefix: str = "") -> Flowable:
        """Return a paragraph of a plain string (escaped); RTL strings are shaped."""
        if not prefix and self.is_rtl(text):
            return self.rtl(text, style)
        return Paragraph(prefix + self.escape(text), style)

    def is_rtl(self, text: str) -> bool:
        """Return True if `text` should be laid out right to left with the Arabic font."""
        return self.arabic is not None and has_arabic(text) and base_is_rtl(text)

    def rtl(self, text: str, style: ParagraphStyle, align: str = "right") -> RtlText:
        """Return shaped right-to-left text in the Arabic fallback font."""
        assert self.arabic is not None
        size = style.fontSize * 1.05
        flowable = RtlText(text, self.arabic, self.styles.fonts.body.regular, size,
                           max(style.leading, size * 1.7), style.textColor, align)
        flowable.spaceAfter = style.spaceAfter
        flowable.spaceBefore = style.spaceBefore
        return flowable
