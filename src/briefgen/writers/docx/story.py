"""The writing primitives of a Word story: paragraphs, inline runs, notes and tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn

from briefgen import model as m
from briefgen.errors import BriefError
from briefgen.theme import Theme
from briefgen.writers.docx import ooxml as ox
from briefgen.writers.docx.fallback import RunFonts
from briefgen.writers.docx.ooxml import PPR_ORDER, TBLPR_ORDER, TCPR_ORDER, Element, el, set_child


class StoryWriter:
    """Write paragraphs, runs, fields and tables into the body, table cells and endnotes."""

    def __init__(self, word: WordDocument, theme: Theme, styles: dict[str, str],
                 notes_part: XmlPart, xrefs: dict[str, str]) -> None:
        self.word = word
        self.part = word.part
        self.body: Element = word.element.body
        self.theme = theme
        self.styles = styles
        self.notes_part = notes_part
        self.xrefs = xrefs  # figure/table anchor -> caption bookmark name
        self.note_order: list[int] = []  # endnote numbers in order of first reference
        self.note_runs: dict[int, Element] = {}  # endnote number -> its first reference run
        self._bookmarks = 0
        self.run_fonts = RunFonts(theme, word.part.styles.element)  # each run's family
        self._last_style = ""

    # ------------------------------------------------------------ structure

    def style(self, name: str) -> str:
        """Return this document's id of the style called `name`."""
        return self.styles[name.lower()]

    def bookmark_id(self) -> int:
        """Return a fresh bookmark id (unique across the document)."""
        self._bookmarks += 1
        return self._bookmarks

    def place(self, container: Element, child: Element) -> Element:
        """Append `child` to `container` (in the body: before the final section properties)."""
        last = container[-1] if len(container) else None
        if last is not None and last.tag == qn("w:sectPr"):
            last.addprevious(child)
        else:
            container.append(child)
        return child

    def paragraph(self, container: Element, style: str | None = None, runs: m.Runs = (), *,
                  align: str | None = None, keep_next: bool = False,
                  props: Iterable[Element] = ()) -> Element:
        """Add a paragraph in style `style` holding `runs`; return it."""
        p = self.place(container, el("w:p"))
        ppr = el("w:pPr")
        self._last_style = self.style(style) if style else ""
        if style:
            set_child(ppr, el("w:pStyle", {"w:val": self.style(style)}), PPR_ORDER)
        if keep_next:
            set_child(ppr, el("w:keepNext"), PPR_ORDER)
        if align:
            set_child(ppr, el("w:jc", {"w:val": align}), PPR_ORDER)
        for prop in props:
            set_child(ppr, prop, PPR_ORDER)
        if len(ppr):
            p.append(ppr)
        self.runs(p, runs)
        if runs and ox.is_rtl(m.plain(runs)) and _starts_rtl(m.plain(runs)):
            ox.set_bidi(p)
        return p

    # ------------------------------------------------------------ inline runs

    def text(self, p: Element, text: str, *, bold: bool = False, italic: bool = False,
             props: Sequence[Element] = ()) -> list[Element]:
        """Add `text` to `p` as runs, each script in its slot (right-to-left, complex, Asian)."""
        added = self.text_runs(p, text, bold=bold, italic=italic, props=props)
        for r in added:
            p.append(r)
        return added

    def text_runs(self, p: Element, text: str, *, bold: bool = False, italic: bool = False,
                  props: Sequence[Element] = ()) -> list[Element]:
        """Return `text` as runs for `p`: each script in its slot, in the family that draws it
        (the paragraph style's own, or the fallback the PDF uses)."""
        added = []
        for piece, slot, family in self.run_fonts.pieces(text, self._style_of(p), bold, italic):
            rpr = [ox.clone(x) for x in props]
            if bold:
                rpr += [el("w:b"), el("w:bCs")]
            if italic:
                rpr += [el("w:i"), el("w:iCs")]
            rpr += ox.script_props(piece, slot, family)
            added.append(ox.run(piece, rpr))
        return added

    def _style_of(self, node: Element | None) -> str:
        """Return the style id of the paragraph holding `node` ('' : the default style); for
        content not placed yet (a link being filled), the last paragraph's."""
        while node is not None and node.tag != qn("w:p"):
            node = node.getparent()
        if node is None:
            return self._last_style
        found = node.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return "" if found is None else found.get(qn("w:val"), "")

    def runs(self, p: Element, runs: m.Runs, part: Part | None = None) -> None:
        """Add inline `runs` to paragraph `p`, which lives in `part` (default: the body)."""
        part = part or self.part
        for item in runs:
            match item:
                case m.Text():
                    self.text(p, item.text, bold=item.bold, italic=item.italic)
                case m.Link():
                    rid = part.relate_to(item.url, RT.HYPERLINK, is_external=True)
                    link = ox.hyperlink([], rid=rid)
                    style = [el("w:rStyle", {"w:val": self.style("Hyperlink")})]
                    for r in self.text(p, item.text, bold=item.bold, italic=item.italic,
                                       props=style):
                        link.append(r)
                    p.append(link)
                case m.NoteRef():
                    # Word needs one reference per note: '1,2,3' where the PDF prints '1–3'.
                    for k, number in enumerate(item.numbers):
                        if k:
                            style = [el("w:rStyle", {"w:val": self.style("endnote reference")})]
                            p.append(ox.run(",", style))
                        self._note_reference(p, number, part)
                case m.XRef():
                    target = self.xrefs.get(item.anchor)
                    if target is None:
                        raise BriefError(f"cross-reference to unknown {item.kind} "
                                         f"{item.anchor!r} ({item.text})")
                    begin, code, separate, _, end = ox.field(f"REF {target} \\h", "")
                    p.extend([begin, code, separate, *self.text_runs(p, item.text), end])

    def _note_reference(self, p: Element, number: int, part: Part) -> None:
        ref_style = self.style("endnote reference")
        if part is self.notes_part:  # a note cannot hold a note: print the number only
            p.append(ox.run(str(number), [el("w:rStyle", {"w:val": ref_style})]))
            return
        first = self.note_runs.get(number)
        if first is None:
            r = ox.endnote_reference(number, ref_style)
            p.append(r)
            self.note_runs[number] = r
            self.note_order.append(number)
            return
        name = f"_RefNote{number}"
        before = first.getprevious()
        if before is None or before.get(qn("w:name")) != name:
            ident = self.bookmark_id()
            first.addprevious(el("w:bookmarkStart", {"w:id": str(ident), "w:name": name}))
            first.addnext(el("w:bookmarkEnd", {"w:id": str(ident)}))
        for r in ox.field(f"NOTEREF {name} \\f \\h", str(number),
                          [el("w:rStyle", {"w:val": ref_style})]):
            p.append(r)

    def write_endnotes(self, notes: Sequence[m.Endnote]) -> None:
        """Fill the endnotes part with every referenced note, in order of first reference."""
        by_number = {note.number: note for note in notes}
        missing = [n for n in self.note_order if n not in by_number]
        if missing:
            raise BriefError(f"note references {missing} have no matching endnote")
        # Word numbers endnotes by reference order; if that would differ from the brief's
        # numbers, print the brief's numbers as custom marks so Word and PDF agree.
        custom = any(n != i + 1 for i, n in enumerate(self.note_order))
        root = self.notes_part.element
        text_style, ref_style = self.style("endnote text"), self.style("endnote reference")
        for number in self.note_order:
            note, first_p = ox.endnote(number, text_style, ref_style)
            if custom:
                ox.use_custom_mark(first_p.findall(qn("w:r"))[0], str(number))
                ox.use_custom_mark(self.note_runs[number], str(number))
            self.runs(first_p, by_number[number].runs, self.notes_part)
            root.append(note)

    # ------------------------------------------------------------ tables

    def table(self, container: Element, widths: Sequence[int], *, description: str = "",
              header_row: bool = True, props: Iterable[Element] = ()) -> Element:
        """Add a Table Grid table with column `widths` (twentieths of a point); return it."""
        tbl = self.place(container, el("w:tbl"))
        tbl_pr = el("w:tblPr", {}, el("w:tblStyle", {"w:val": self.style("Table Grid")}),
                    el("w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"}),
                    el("w:tblLayout", {"w:type": "fixed"}),
                    el("w:tblLook", {"w:val": "04A0" if header_row else "0400",
                                     "w:firstRow": "1" if header_row else "0",
                                     "w:lastRow": "0", "w:firstColumn": "0",
                                     "w:lastColumn": "0", "w:noHBand": "1", "w:noVBand": "1"}))
        if description:  # the table's alt text
            set_child(tbl_pr, el("w:tblDescription", {"w:val": description}), TBLPR_ORDER)
        for prop in props:
            set_child(tbl_pr, prop, TBLPR_ORDER)
        tbl.append(tbl_pr)
        grid = el("w:tblGrid")
        for width in widths:
            grid.append(el("w:gridCol", {"w:w": str(width)}))
        tbl.append(grid)
        return tbl

    def row(self, tbl: Element, *, header: bool = False) -> Element:
        """Add a row to `tbl`; a header row repeats at the top of every page."""
        tr = el("w:tr")
        tbl.append(tr)
        if header:
            ox.repeat_header(tr)
        else:
            ox.keep_row_together(tr)
        return tr

    def cell(self, tr: Element, width: int, *, span: int = 1, fill: str | None = None,
             props: Iterable[Element] = ()) -> Element:
        """Add a cell (spanning `span` grid columns) to row `tr`; return it."""
        tc_pr = el("w:tcPr", {}, el("w:tcW", {"w:w": str(width), "w:type": "dxa"}))
        if span > 1:
            set_child(tc_pr, el("w:gridSpan", {"w:val": str(span)}), TCPR_ORDER)
        if fill:
            set_child(tc_pr, ox.shading(fill), TCPR_ORDER)
        for prop in props:
            set_child(tc_pr, prop, TCPR_ORDER)
        tc = el("w:tc", {}, tc_pr)
        tr.append(tc)
        return tc

    def close_table(self, tbl: Element) -> None:
        """Give every empty cell the paragraph Word requires."""
        for tc in tbl.iter(qn("w:tc")):
            if tc.find(qn("w:p")) is None:
                tc.append(el("w:p"))


def _starts_rtl(text: str) -> bool:
    """Return True if the first strong (letter) character of `text` is right-to-left."""
    for char in text:
        if char.isalpha():
            return ox.is_rtl(char)
    return False
