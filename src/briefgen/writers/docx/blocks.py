"""Word renderings of the brief's composite blocks: figures, tables, boxes and the debate."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Mapping, Sequence

from docx.document import Document as WordDocument
from docx.opc.part import XmlPart

from briefgen import model as m
from briefgen.errors import BriefError
from briefgen.labels import Labels
from briefgen.theme import Theme
from briefgen.writers.docx import ooxml as ox
from briefgen.writers.docx.columns import ColumnMeasure
from briefgen.writers.docx.ooxml import Element, el
from briefgen.writers.docx.package import attach_svg
from briefgen.writers.docx.story import StoryWriter
from briefgen.writers.docx.styles import list_numbering, restart_numbering

EMU_PER_TWIP = 635
LABEL_WIDTH = 1720  # twips: the confidence-label column of the key-judgments box
_CONFIDENCE_SHADE = {"high": 0.0, "moderate": 0.5, "low": 0.8}  # darker: surer


class BlockWriter(StoryWriter):
    """Render figures, tables and the boxed and tabular blocks of a brief."""

    def __init__(self, word: WordDocument, theme: Theme, styles: dict[str, str],
                 notes_part: XmlPart, xrefs: dict[str, str], charts: Mapping[str, m.ChartArt],
                 width_emu: int, first_drawing_id: int, labels: Labels) -> None:
        super().__init__(word, theme, styles, notes_part, xrefs)
        self.labels = labels
        self.measure = ColumnMeasure(theme)
        self.lists = list_numbering(word.part, styles, labels.list_number)
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
        """Add a Word caption 'Label N: text' whose number is a SEQ field named `kind`."""
        expected = self._seq.get(kind, 0) + 1
        reset = "" if number == expected else f" \\r {number}"
        self._seq[kind] = number
        printed = self.labels.figure if kind == "Figure" else self.labels.table
        style = "caption" if kind == "Figure" else "Table Caption"
        p = self.paragraph(self.body, style, keep_next=True, props=[el("w:keepLines")])
        label = [*self.text_runs(p, f"{printed} "),
                 *ox.field(f"SEQ {kind} \\* ARABIC{reset}", str(number))]
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
        name = f"{self.labels.figure} {fig.number}"
        ox.set_alt_text(inline, self._drawing_id, name, f"{name}: {fig.caption}", fig.alt)
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
        cells = [[m.plain(r[i]) for r in table.rows if i < len(r)] for i in range(columns)]
        widths = self.measure.widths(list(table.header), cells, self.width)
        align = [table.align[i] if i < len(table.align) else "left" for i in range(columns)]
        tbl = self.table(self.body, widths,
                         description=f"{self.labels.table} {table.number}: {table.caption}")
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
        """Add the key-judgments box: numbered judgments, each beside its confidence label."""
        fill, accent = self.theme.colors.callout_bg, self.theme.colors.heading
        widths = [self.width - LABEL_WIDTH, LABEL_WIDTH]
        nil = ("nil", 0, "")
        tbl = self.table(self.body, widths, header_row=False, props=[
            ox.borders("w:tblBorders", {"top": nil, "left": ("single", 24, accent),
                                        "bottom": nil, "right": nil, "insideH": nil,
                                        "insideV": nil})])
        margins = el("w:tcMar", {}, el("w:top", {"w:w": "80", "w:type": "dxa"}),
                     el("w:left", {"w:w": "240", "w:type": "dxa"}),
                     el("w:bottom", {"w:w": "60", "w:type": "dxa"}),
                     el("w:right", {"w:w": "200", "w:type": "dxa"}))
        if block.title:
            tr = self.row(tbl)
            title = self.cell(tr, self.width, span=2, fill=fill, props=[ox.clone(margins)])
            self.paragraph(title, "Box Title", (m.Text(block.title),), keep_next=True)
        num_id = restart_numbering(self.part, self.lists["list number"])
        for index, item in enumerate(block.items):
            tr = self.row(tbl)
            text = self.cell(tr, widths[0], fill=fill, props=[ox.clone(margins)])
            last = index == len(block.items) - 1
            spacing = el("w:spacing", {"w:before": "0", "w:after": "160" if last else "100"})
            self.paragraph(text, "List Number", item.runs, props=[ox.number(num_id), spacing])
            badge = self.cell(tr, widths[1], fill=fill, props=[ox.clone(margins)])
            self.confidence_label(badge, item.confidence)
        self.close_table(tbl)
        self._gap()

    def confidence_label(self, container: Element, level: str) -> None:
        """Add a small shaded label such as 'HIGH CONFIDENCE' (upper case, as the PDF).

        The lighter the shade, the lower the confidence; the words are white where that is
        readable (contrast 4.5:1) and in the text colour where the shade is too light for it.
        """
        shade = _CONFIDENCE_SHADE.get(level.lower(), 0.8)
        fill = ox.tint(self.theme.colors.heading, shade)
        ink = ox.legible_on(fill, "#ffffff", self.theme.colors.text)
        size = str(max(12, round(self.theme.sizes.small * 0.9 * 2)))
        p = self.paragraph(container, None, align="center", props=[
            ox.shading(fill), el("w:spacing", {"w:before": "40", "w:after": "0",
                                               "w:line": "240", "w:lineRule": "auto"})])
        self.text(p, self.labels.confidence(level.lower()).upper(), bold=True, props=[
            el("w:color", {"w:val": ink}), el("w:sz", {"w:val": size}),
            el("w:szCs", {"w:val": size})])

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
        """Add each policy option as a table: 'Option N: name' (repeating), summary, groups."""
        lab, colors = self.labels, self.theme.colors
        widths = self._columns([1, 3.2])
        green = self.theme.palette[2] if len(self.theme.palette) > 2 else colors.heading
        colour_of = {lab.pros: green, lab.cons: colors.accent, lab.risks: colors.accent}
        for number, option in enumerate(block.items, start=1):
            name = f"{lab.option} {number}: {option.name}"
            tbl = self.table(self.body, widths, description=f"{lab.option} {number}: "
                                                            f"{option.name}")
            self.head(self.cell(self.row(tbl, header=True), self.width, span=2), name)
            if option.summary:
                tc = self.cell(self.row(tbl), self.width, span=2, fill=colors.callout_bg)
                p = self.paragraph(tc, None)
                for run in option.summary:
                    if isinstance(run, m.Text | m.Link):
                        run = dataclasses.replace(run, italic=True)
                    self.runs(p, (run,))
            rows: list[tuple[str, Sequence[m.Runs]]] = [
                (lab.advocates, option.advocates), (lab.pros, option.pros),
                (lab.cons, option.cons), (lab.risks, option.risks), (lab.record, [option.record]),
            ]
            for label, items in rows:
                items = [runs for runs in items if runs]
                if not items:
                    continue
                tr = self.row(tbl)
                colour = el("w:color", {"w:val": ox.hex_color(colour_of.get(label,
                                                                             colors.heading))})
                p = self.paragraph(self.cell(tr, widths[0]), None)
                self.text(p, label, bold=True, props=[colour])
                content = self.cell(tr, widths[1])
                style = "List Bullet" if len(items) > 1 else None
                for runs in items:
                    self.paragraph(content, style, runs)
            if option.quotes:
                tr = self.row(tbl)
                p = self.paragraph(self.cell(tr, widths[0]), None)
                self.text(p, lab.voices, bold=True, props=[
                    el("w:color", {"w:val": ox.hex_color(colors.heading)})])
                content = self.cell(tr, widths[1])
                for quote in option.quotes:
                    self.quote(quote, content)
            self.close_table(tbl)
            self._gap()

    def quote(self, quote: m.Quote, container: Element | None = None) -> None:
        """Add a displayed quotation (its marks are in the model) and its attribution."""
        container = self.body if container is None else container
        runs = quote.runs
        p = self.paragraph(container, "Quote", runs, keep_next=bool(quote.attribution),
                           props=[el("w:keepLines")])
        if quote.lang:  # the quotation's words; the attribution is in the language around
            ox.mark_language(p, quote.lang)
        if quote.attribution:
            self.paragraph(container, "Quote Attribution", (m.Text("\u2014 "),
                                                            *quote.attribution))

    def timeline(self, block: m.Timeline) -> None:
        """Add a chronology: a bold date column ruled off from the events, as in the PDF."""
        dates = [e.date for e in block.events]
        date_w = self.measure.widths([""], [dates], self.width, bold=True)[0]
        date_w = min(max(date_w, self.width // 8), self.width // 3)
        widths = [date_w, self.width - date_w]
        nil = ("nil", 0, "")
        tbl = self.table(self.body, widths, header_row=False,
                         description=f"{self.labels.date} / {self.labels.event}", props=[
                             ox.borders("w:tblBorders", {s: nil for s in (
                                 "top", "left", "bottom", "right", "insideH", "insideV")})])
        rule = ox.borders("w:tcBorders", {"right": ("single", 12, self.theme.colors.accent)})
        for index, event in enumerate(block.events):
            tr = self.row(tbl)
            keep = index < 2  # a chronology never opens with one row alone
            self.paragraph(self.cell(tr, widths[0], props=[ox.clone(rule)]), None,
                           (m.Text(event.date, bold=True),), keep_next=keep)
            self.paragraph(self.cell(tr, widths[1]), None, event.runs, keep_next=keep)
        self.close_table(tbl)
        self._gap()

    def glossary(self, block: m.Glossary) -> None:
        """Add a glossary table: term, native spelling (right-to-left aware), definition."""
        lab = self.labels
        native = any(e.native for e in block.entries)
        heads = [lab.glossary_term, lab.glossary_native, lab.glossary_definition]
        columns = [[e.term for e in block.entries], [e.native for e in block.entries],
                   [m.plain(e.definition) for e in block.entries]]
        if not native:
            heads, columns = [heads[0], heads[2]], [columns[0], columns[2]]
        widths = self.measure.widths(heads, columns, self.width, bold_columns=(0,),
                                     flexible=len(heads) - 1)
        tbl = self.table(self.body, widths, description=heads[0])
        tr = self.row(tbl, header=True)
        for width, head in zip(widths, heads, strict=True):
            self.head(self.cell(tr, width), head)
        for entry in block.entries:
            tr = self.row(tbl)
            own = [self.paragraph(self.cell(tr, widths[0]), None,
                                  (m.Text(entry.term, bold=True),))]
            if native:
                self.paragraph(self.cell(tr, widths[1]), None, (m.Text(entry.native),))
            own.append(self.paragraph(self.cell(tr, widths[-1]), None, entry.definition))
            for p in own if entry.lang else ():  # the native spelling keeps its script's
                ox.mark_language(p, entry.lang)
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

