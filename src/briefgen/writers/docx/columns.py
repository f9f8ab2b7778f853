"""Table column widths sized to their content, measured with the theme's own fonts.

Word wraps a cell's text inside the width the table grid gives it; a column narrower than
its longest word breaks that word ("Compile / d by"). Each column therefore gets at least
its longest word (a header in bold), and the remaining width goes to the columns that
want more, in proportion to how much more they want.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from briefgen.fonts.coverage import advances
from briefgen.theme import Theme
from briefgen.writers.docx.embedding import arabic_face, family_faces
from briefgen.writers.text import unbreakable

CELL_PADDING = 108 * 2 + 60  # twips: the Table Grid style's left and right margins, plus slack
_FALLBACK_EM = 0.6


def _advances(path: Path) -> tuple[dict[int, float], float]:
    """Return {code point: advance in ems} of the font at `path`, and its space advance."""
    widths = advances(path)
    return widths, widths.get(32, 0.3)


class ColumnMeasure:
    """Measure text in the theme's body font and share a table's width between columns."""

    def __init__(self, theme: Theme) -> None:
        self.size = theme.sizes.body
        faces = family_faces(theme.fonts.body)
        self.regular = faces["Regular"]
        self.bold = faces["Bold"]
        self.fallback = arabic_face()

    def width(self, text: str, *, bold: bool = False) -> int:
        """Return the width of `text` on one line, in twips."""
        primary, _ = _advances(self.bold if bold else self.regular)
        extra = _advances(self.fallback)[0] if self.fallback else {}
        ems = 0.0
        for char in text:
            cp = ord(char)
            ems += primary.get(cp, extra.get(cp, _FALLBACK_EM))
        return round(ems * self.size * 20)

    def longest_word(self, texts: Sequence[str], *, bold: bool = False) -> int:
        """Return the width of the widest unbreakable stretch among `texts`.

        Text breaks only at breakable spaces: '1,000\u00a0deaths' (tied by a no-break space
        when the brief was typeset) is one stretch, as Word and LibreOffice treat it.
        """
        return max((self.width(word, bold=bold) for text in texts
                    for word in unbreakable(text)), default=0)

    def widths(self, heads: Sequence[str], columns: Sequence[Sequence[str]], total: int, *,
               bold: bool = False, bold_columns: Collection[int] = (),
               flexible: int | None = None) -> list[int]:
        """Return column widths in twips summing to `total`; no word is broken if it fits."""
        least: list[int] = []
        want: list[int] = []
        for index, head in enumerate(heads):
            cells = list(columns[index]) if index < len(columns) else []
            strong = bold or index in bold_columns
            words = max(self.longest_word([head], bold=True),
                        self.longest_word(cells, bold=strong))
            lines = max([self.width(head, bold=True)]
                        + [self.width(c, bold=strong) for c in cells])
            least.append(words + CELL_PADDING)
            cap = total if index == flexible else int(total * 0.6)
            want.append(max(least[-1], min(lines + CELL_PADDING, cap)))
        if flexible is not None and flexible < len(want):
            want[flexible] = max(want[flexible], total)  # the prose column takes what is left
        return _share(least, want, total)


def _share(least: list[int], want: list[int], total: int) -> list[int]:
    """Give every column its least width, and share what remains by how much more it wants."""
    if not least:
        return []
    if sum(want) <= total:
        shares = [total * w / sum(want) for w in want]
    elif sum(least) >= total:
        shares = [total * w / sum(least) for w in least]
    else:
        spare = total - sum(least)
        extra = [w - lo for w, lo in zip(want, least, strict=True)]
        shares = [lo + spare * e / (sum(extra) or 1) for lo, e in zip(least, extra, strict=True)]
    widths = [int(s) for s in shares]
    widths[-1] += total - sum(widths)
    return widths
