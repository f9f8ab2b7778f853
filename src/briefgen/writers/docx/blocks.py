"""Word renderings of the brief's composite blocks: figures, tables, boxes and the debate."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence

from docx.document import Document as WordDocument
from docx.opc.part import XmlPart

from briefgen import model as m
from briefgen.errors import BriefError
from briefgen.theme import Theme
from briefgen.writers.docx import ooxml as ox
from briefgen.writers.docx.ooxml import Element, el
from briefgen.writers.docx.package import attach_svg
from briefgen.writers.docx.story import StoryWriter

EMU_PER_TWIP = 635


class BlockWriter(StoryWriter):
    """Render figures, tables and the boxed and tabular blocks of a brief."""

    def __init__(self, word: WordDocument, theme: Theme, styles: dict[str, str],
                 notes_part: XmlPart, xrefs: dict[str, str], charts: Mapping[str, m.ChartArt],
                 width_emu: int, first_drawing_id: int) -> None:
        super().__init__(word, theme, styles, notes_part, xrefs)
        self.charts = charts
        self.width_emu = width_emu
        self.width = width_emu // EMU_PER_TWIP  # text width in twips
        self._drawing_id = first_drawing_id
        self._svg_rids: dict[str, str] = {}
        self._seq: dict[str, int] = {}

    def _columns(self, weights: Sequence[float]) -> list[int]:
        total = sum(weights) or 1
        widths = [int(self.width * w / total) for w in weights]
        widths[-1] += self.width - sum(widths)
        return widths

    # ------------------------------------------------------------ captions and figures

    def caption(self, kind: str, number: int, anchor: str, text: str) -> None:
        """Add a Word caption 'Kind N: text' whose label and number are a SEQ field."""
        expected = self._seq.get(kind, 0) + 1
        reset = "" if number == expected else f" \\r {number}"
        self._seq[kind] = number
        p = self.paragraph(self.body, "caption", keep_next=True)
        label = [ox.run(f"{kind} "), *ox.field(f"SEQ {kind} \\* ARABIC{reset}", str(number))]
        for part in ox.bookmark(self.xrefs[anchor], self.bookmark_id(), label):
            p.append(part)
        self.text(p, f": {text}")

    def figure(self, fig: m.Figure) -> None:
        """Add a figure: caption, the chart (SVG with PNG fallback, alt text), source line."""
        art = self.charts.get(fig.chart_id)
        if art is None:
            raise BriefError(f"Figure {fig.number}: chart {fig.chart_id!r} was not rendered")
        self.caption("Figure", fig.number, fig.anchor, fig.caption)
        height = int(self.width_emu * art.height_in / art.width_in)
        inline = self.part.new_pic_inline(io.BytesIO(art.png), self.width_emu, height)
        self._drawing_id += 1
        ox.set_alt_text(inline, self._drawing_id, f"Figure {fig.number}",
                        f"Figure {fig.number}: {fig.caption}", fig.alt)
        digest = hashlib.sha1(art.svg).hexdigest()
        if digest not in self._svg_rids:
            self._svg_rids[digest] = attach_svg(self.part, art.svg)
        ox.add_svg_blip(inline, self._svg_rids[digest])
        p = self.paragraph(self.body, None, align="center", keep_next=True,
                           props=[el("w:spacing", {"w:before": "0", "w:after": "0"})])
        p.append(el("w:r", {}, el("w:drawing", {}, inline)))
        self.paragraph(self.body, "Source Note", fig.source)

    def data_table(self, table: m.Table) -> None:
        """Add a numbered data table: caption above, repeating header row, source below."""
        self.caption("Table", table.number, table.anchor, table.caption)
        columns = len(table.header)
        weights = [max([len(h)] + [len(m.plain(r[i])) for r in table.rows if i < len(r)])
                   for i, h in enumerate(table.header)]
        widths = self._columns([min(max(w, 6), 40) for w in weights])
        align = [table.align[i] if i < len(table.align) else "left" for i in range(columns)]
        tbl = self.table(self.body, widths,
                         description=f"Table {table.number}: {table.caption}")
        tr = self.row(tbl, header=True)
        for i, head in enumerate(table.header):
            self.head(self.cell(tr, widths[i]), head, _jc(align[i]))
        for index, row in enumerate(table.rows):
            tr = self.row(tbl)
            last = index == len(table.rows) - 1  # keeps the source line with the table
            for i in range(columns):
                tc = self.cell(tr, widths[i])
                self.paragraph(tc, None, row[i] if i < len(row) else (), align=_jc(align[i]),
                               keep_next=last)
        self.close_table(tbl)
        self.paragraph(self.body, "Source Note", table.source)

    # ------------------------------------------------------------ boxes

    def _box(self, title: str, fill: str) -> tuple[Element, Element]:
        """Add a shaded one-cell box with an accent rule on the left; return table and cell."""
        no_borders = ox.borders("w:tblBorders", {s: ("nil", 0, "") for s in
                                                 ("top", "left", "bottom", "right", "insideH",
                                                  "insideV")})
        tbl = self.table(self.body, [self.width], header_row=False, props=[no_borders])
        tc = self.cell(self.row(tbl), self.width, fill=fill, props=[
            ox.borders("w:tcBorders", {"left": ("single", 24, self.theme.colors.accent)}),
            el("w:tcMar", {}, el("w:top", {"w:w": "140", "w:type": "dxa"}),
               el("w:left", {"w:w": "240", "w:type": "dxa"}),
               el("w:bottom", {"w:w": "100", "w:type": "dxa"}),
               el("w:right", {"w:w": "240", "w:type": "dxa"}))])
        self.paragraph(tc, "Box Title", (m.Text(title),))
        return tbl, tc

    def key_judgments(self, block: m.KeyJudgments) -> None:
        """Add the key-judgments box: each judgment a bullet ending in its confidence."""
        tbl, tc = self._box(block.title, self.theme.colors.callout_bg)
        muted = el("w:color", {"w:val": ox.hex_color(self.theme.colors.muted)})
        for item in block.items:
            p = self.paragraph(tc, "List Bullet", item.runs)
            self.text(p, f" ({item.confidence.capitalize()} confidence)", italic=True,
                      props=[muted])
        self.close_table(tbl)
        self._gap()

    def callout(self, block: m.Callout) -> None:
        """Add a shaded box with a title and paragraphs."""
        tbl, tc = self._box(block.title, self.theme.colors.callout_bg)
        for runs in block.paragraphs:
            self.paragraph(tc, None, runs, props=[el("w:spacing", {"w:after": "100"})])
        self.close_table(tbl)
        self._gap()

    def key_figures(self, block: m.KeyFigures) -> None:
        """Add key-figure cards (up to four a row): number with qualifier, label, source."""
        if not block.items:
            return
        per_row = len(block.items) if len(block.items) <= 4 else 3
        widths = self._columns([1] * per_row)
        white = ("single", 36, "#ffffff")
        nil = ("nil", 0, "")
        tbl = self.table(self.body, widths, header_row=False, props=[
            ox.borders("w:tblBorders", {"top": nil, "left": nil, "bottom": nil, "right": nil,
                                        "insideH": white, "insideV": white})])
        small = ox.el("w:sz", {"w:val": str(round(self.theme.sizes.body * 2))})
        for start in range(0, len(block.items), per_row):
            tr = self.row(tbl)
            chunk = block.items[start : start + per_row]
            for width, item in zip(widths, chunk, strict=False):
                tc = self.cell(tr, width, fill=self.theme.colors.callout_bg, props=[
                    ox.borders("w:tcBorders", {"top": ("single", 18, self.theme.colors.accent)})])
                p = self.paragraph(tc, "Key Figure")
                if item.qualifier:
                    self.text(p, f"{item.qualifier} ", props=[ox.clone(small)])
                self.text(p, item.value)
                self.paragraph(tc, "Key Figure Label", (m.Text(item.label),))
                self.paragraph(tc, "Source Note", item.source,
                               props=[el("w:spacing", {"w:before": "40", "w:after": "60"})])
            for width in widths[len(chunk):]:
                self.cell(tr, width)
        self.close_table(tbl)
        self._gap()

    # ------------------------------------------------------------ tabular blocks

    def options(self, block: m.Options) -> None:
        """Add each policy option as a table whose header row (the name) repeats."""
        widths = self._columns([1, 3.2])
        label_fill = self.theme.colors.callout_bg
        for option in block.items:
            tbl = self.table(self.body, widths, description=f"Policy option: {option.name}")
            self.head(self.cell(self.row(tbl, header=True), self.width, span=2), option.name)
            rows: list[tuple[str, Sequence[m.Runs]]] = [
                ("Summary", [option.summary]), ("Advocates", option.advocates),
                ("For", option.pros), ("Against", option.cons), ("Risks", option.risks),
                ("Track record", [option.record]),
            ]
            for label, items in rows:
                items = [runs for runs in items if runs]
                if not items:
                    continue
                tr = self.row(tbl)
                self.paragraph(self.cell(tr, widths[0], fill=label_fill), None,
                               (m.Text(label, bold=True),))
                content = self.cell(tr, widths[1])
                style = "List Bullet" if len(items) > 1 else None
                for runs in items:
                    self.paragraph(content, style, runs)
            if option.quotes:
                tr = self.row(tbl)
                self.paragraph(self.cell(tr, widths[0], fill=label_fill), None,
                               (m.Text("In their words", bold=True),))
                content = self.cell(tr, widths[1])
                for quote in option.quotes:
                    self.quote(quote, content)
            self.close_table(tbl)
            self._gap()

    def quote(self, quote: m.Quote, container: Element | None = None) -> None:
        """Add a displayed quotation and its attribution."""
        container = self.body if container is None else container
        self.paragraph(container, "Quote", quote.runs, keep_next=True)
        if quote.attribution:
            self.paragraph(container, "Quote Attribution", (m.Text("\u2014 "),
                                                            *quote.attribution))

    def timeline(self, block: m.Timeline) -> None:
        """Add a chronology as a two-column Date / Event table."""
        widths = self._columns([1, 4])
        tbl = self.table(self.body, widths, description="Timeline of events")
        tr = self.row(tbl, header=True)
        for width, head in zip(widths, ("Date", "Event"), strict=True):
            self.head(self.cell(tr, width), head)
        for event in block.events:
            tr = self.row(tbl)
            self.paragraph(self.cell(tr, widths[0]), None, (m.Text(event.date, bold=True),))
            self.paragraph(self.cell(tr, widths[1]), None, event.runs)
        self.close_table(tbl)
        self._gap()

    def glossary(self, block: m.Glossary) -> None:
        """Add a glossary table: term, native spelling (right-to-left aware), definition."""
        native = any(e.native for e in block.entries)
        heads = ("Term", "Native spelling", "Definition") if native else ("Term", "Definition")
        widths = self._columns([1.2, 1.5, 3] if native else [1.2, 4])
        tbl = self.table(self.body, widths, description="Glossary of terms")
        tr = self.row(tbl, header=True)
        for width, head in zip(widths, heads, strict=True):
            self.head(self.cell(tr, width), head)
        for entry in block.entries:
            tr = self.row(tbl)
            self.paragraph(self.cell(tr, widths[0]), None, (m.Text(entry.term, bold=True),))
            if native:
                self.paragraph(self.cell(tr, widths[1]), None, (m.Text(entry.native),))
            self.paragraph(self.cell(tr, widths[-1]), None, entry.definition)
        self.close_table(tbl)
        self._gap()

    def head(self, tc: Element, text: str, align: str | None = None) -> None:
        """Write header-row text (bold, header colour: LibreOffice ignores table-style runs)."""
        p = self.paragraph(tc, None, align=align)
        color = el("w:color", {"w:val": ox.hex_color(self.theme.colors.table_header_text)})
        self.text(p, text, bold=True, props=[color])

    def _gap(self) -> None:
        """Add a small empty paragraph so adjacent tables stay apart."""
        self.paragraph(self.body, None, props=[el("w:spacing", {"w:before": "0",
                                                                "w:after": "120",
                                                                "w:line": "120",
                                                                "w:lineRule": "exact"})])


def _jc(align: str) -> str | None:
    return "right" if align == "right" else None
