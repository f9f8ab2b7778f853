"""Fallback fonts in runs: text the style's family does not draw names the family that does.

The PDF sets each stretch of text in the first family of its role's chain that draws it
(`FontChain.split`, fonts/roles.py); the DOCX asks the same chain, so both make the same
choice. A run in a family other than its paragraph style's names it in the w:rFonts slot
Word reads for its script (`ooxml.split_by_slot`, `ooxml.script_props`): ascii/hAnsi for
Latin, Greek and Cyrillic, cs (w:hint="cs") for complex scripts, eastAsia
(w:hint="eastAsia") for Chinese, Japanese and Korean. Complex-script and East Asian runs
always name their family: a style's cs slot names the Arabic fallback, which draws no Thai.

Every family named is recorded with the characters it sets in each face, for embedding
(`embedding.fallback_fonts`).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from briefgen.fonts import FontChain, family_key, resolve_chain
from briefgen.theme import Theme
from briefgen.writers.docx import ooxml as ox
from briefgen.writers.docx.embedding import FamilyUse
from briefgen.writers.docx.ooxml import Element

_OFF = ("0", "false", "off")


@dataclass(frozen=True)
class StyleLook:
    """What a paragraph style gives its runs: the role whose chain it uses, its family
    (None when it names none, as a reference document's theme fonts), weight and slant."""

    role: str = "body"
    font: str | None = None
    bold: bool = False
    italic: bool = False


def style_looks(styles: Element, theme: Theme) -> dict[str, StyleLook]:
    """Return the look of every paragraph style in styles.xml, by style id ('' : the default)."""
    by_id = {s.get(qn("w:styleId"), ""): s for s in styles.iter(qn("w:style"))}

    def inherited(style_id: str, path: str, attr: str) -> str | None:
        seen: set[str] = set()
        node = by_id.get(style_id)
        while node is not None and style_id not in seen:
            seen.add(style_id)
            found = node.find(path)
            if found is not None:
                return str(found.get(qn(attr), "1"))
            based = node.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val"), "") if based is not None else ""
            node = by_id.get(style_id)
        return None

    rpr = qn("w:rPr")
    heading = family_key(theme.fonts.heading)
    body = family_key(theme.fonts.body)
    looks: dict[str, StyleLook] = {}
    for style_id, node in by_id.items():
        if node.get(qn("w:type")) != "paragraph":
            continue
        font = inherited(style_id, f"{rpr}/{qn('w:rFonts')}[@{qn('w:ascii')}]", "w:ascii")
        role = "heading" if font and family_key(font) == heading != body else "body"
        look = StyleLook(role, font,
                         inherited(style_id, f"{rpr}/{qn('w:b')}", "w:val") not in (None, *_OFF),
                         inherited(style_id, f"{rpr}/{qn('w:i')}", "w:val") not in (None, *_OFF))
        looks[style_id] = look
        if node.get(qn("w:default")) in ("1", "true", "on"):
            looks[""] = look
    return looks


def face_name(bold: bool, italic: bool) -> str:
    """Return the embedded face name of a weight and slant ('BoldItalic')."""
    return ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"


class RunFonts:
    """Pick the family of every run as the PDF does, and record the fallbacks named."""

    def __init__(self, theme: Theme, styles: Element) -> None:
        self.theme = theme
        self.looks = style_looks(styles, theme)
        self.uses: dict[str, FamilyUse] = {}  # family name -> what the document sets in it
        self._chains: dict[str, FontChain] = {}
        self._owns: dict[tuple[str | None, str, int], bool] = {}

    def chain(self, role: str) -> FontChain:
        """Return the font chain of `role` ('body', 'heading'), the one the PDF uses."""
        if role not in self._chains:
            fonts = self.theme.fonts
            self._chains[role] = resolve_chain(fonts.chain(role), fonts.search_folders)
        return self._chains[role]

    def pieces(self, text: str, style: str, bold: bool = False,
               italic: bool = False) -> list[tuple[str, str | None, str | None]]:
        """Split `text`, in paragraph style id `style`, into (piece, slot, family) runs.

        `slot` is `ooxml.split_by_slot`'s; `family` the one to name in that slot, None where
        the style's own family draws a Latin-slot piece.
        """
        look = self.looks.get(style) or self.looks.get("", StyleLook())
        bold, italic = bold or look.bold, italic or look.italic
        chain = self.chain(look.role)
        out: list[tuple[str, str | None, str | None]] = []
        for piece, slot in ox.split_by_slot(text):
            if not chain.families:
                out.append((piece, slot, None))
                continue
            for sub, index in chain.split(piece, bold, italic):
                if slot is None and self._own(look, chain, index):
                    out.append((sub, None, None))
                    continue
                family = chain.families[index].name
                self._record(chain, index, face_name(bold, italic), sub, slot)
                out.append((sub, slot, family))
        return out

    def _own(self, look: StyleLook, chain: FontChain, index: int) -> bool:
        """Return True if family `index` of `chain` is the style's own (the one it names)."""
        key = (look.font, look.role, index)
        if key not in self._owns:
            name = chain.families[index].name
            self._owns[key] = (family_key(name) == family_key(look.font) if look.font
                               else index == 0)
        return self._owns[key]

    def _record(self, chain: FontChain, index: int, face: str, text: str,
                slot: str | None) -> None:
        family = chain.families[index].name
        use = self.uses.get(family)
        if use is None:
            use = self.uses[family] = FamilyUse(chain, index)
        use.faces.setdefault(face, set()).update(text)
        use.shaping = use.shaping or slot in ("rtl", "cs")
