"""The DOCX writer: render a Document as an editable, Word-native report."""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import assert_never

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import Section, _Footer, _Header

from briefgen import model as m
from briefgen.compat.docx import package_entries
from briefgen.errors import BriefError, Problem
from briefgen.fonts import family_key
from briefgen.theme import Theme
from briefgen.walk import block_languages
from briefgen.writers.docx import ooxml as ox
from briefgen.writers.docx.blocks import BlockWriter
from briefgen.writers.docx.embedding import embedded_fonts, fallback_fonts, font_parts
from briefgen.writers.docx.ooxml import el
from briefgen.writers.docx.package import (
    app_properties,
    attach_endnotes,
    max_drawing_id,
    number_endnotes_decimally,
    set_page,
    set_properties,
    text_area,
    zip_package,
)
from briefgen.writers.docx.pages import estimate_pages
from briefgen.writers.docx.styles import install_styles, list_spacing, restart_numbering
from briefgen.writers.order import in_reading_order

BAND_INSET = 240  # twips from the cover band's edges to its text


def render_docx(doc: m.Document, theme: Theme, reference_docx: Path | None = None, *,
                update_fields: bool = False, embed_fonts: bool = True) -> bytes:
    """Render `doc` as .docx bytes, styled by `theme` or by `reference_docx`'s own styles.

    `update_fields` asks Word to refresh every field (contents, page numbers) on opening;
    `embed_fonts` embeds the theme's font families, subset to the document's characters.
    """
    check_strings(doc)
    word = _open(reference_docx)
    writer = DocxWriter(word, in_reading_order(doc, theme), theme,
                        reference=reference_docx is not None)
    writer.write()
    settings = word.settings.element
    if update_fields:
        ox.set_setting(settings, el("w:updateFields", {"w:val": "true"}))
    fonts = []
    if embed_fonts:
        text = "".join(document_strings(doc))
        own = [theme.fonts.body, theme.fonts.heading]
        uses = writer.run_fonts.uses.values()  # the families runs name, with what they set
        fonts = embedded_fonts(own, text, [u.family for u in uses if u.shaping])
        mine = {family_key(name) for name in own}
        fonts += fallback_fonts(u for u in uses if family_key(u.family) not in mine)
    if fonts:
        ox.set_setting(settings, el("w:embedTrueTypeFonts"))
        ox.set_setting(settings, el("w:saveSubsetFonts"))
    entries = package_entries(word)
    entries["docProps/app.xml"] = app_properties(doc.meta)
    if fonts:
        entries |= font_parts(fonts, entries["word/fontTable.xml"],
                              entries["[Content_Types].xml"])
    return zip_package(entries)


def document_strings(doc: m.Document) -> Iterator[str]:
    """Yield every string the document prints: metadata, blocks and fixed labels."""

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                yield from walk(getattr(value, f.name))
        elif isinstance(value, tuple | list):
            for item in value:
                yield from walk(item)

    yield from walk(doc.meta)
    yield from walk(doc.blocks)
    yield from walk(doc.labels)
    yield "0123456789\u2014\u201c\u201d\u2018\u2019.,:;"


def check_strings(doc: m.Document) -> None:
    """Raise BriefError naming every text in `doc` that holds an XML-invalid character."""
    problems: list[Problem] = []

    def walk(value: object, path: str) -> None:
        if isinstance(value, str):
            try:
                ox.check_text(value, path)
            except BriefError as exc:
                problems.extend(exc.problems)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name), f"{path}.{f.name}")
        elif isinstance(value, tuple | list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")

    walk(doc.meta, "meta")
    walk(doc.blocks, "blocks")
    if problems:
        raise BriefError(problems)


def _open(reference: Path | None) -> WordDocument:
    """Return the default template, or `reference` emptied of its body content."""
    if reference is None:
        return docx.Document()
    try:
        word = docx.Document(str(reference))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise BriefError(f"{reference}: not a usable Word document ({exc})") from exc
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return word


class DocxWriter(BlockWriter):
    """Write one brief into a python-docx Document, block by block."""

    def __init__(self, word: WordDocument, doc: m.Document, theme: Theme, *,
                 reference: bool) -> None:
        section = word.sections[-1]
        if not reference:
            set_page(section, theme)
        number_endnotes_decimally(section)
        width, height = text_area(section)
        styles = install_styles(word.part, theme, keep_existing=reference,
                                language=doc.meta.language)
        ox.set_setting(word.settings.element, ox.lang_element(doc.meta.language,
                                                              "w:themeFontLang"))
        numbered = [b for b in doc.blocks if isinstance(b, m.Figure | m.Table)]
        xrefs = {b.anchor: f"_Ref{i:09d}" for i, b in enumerate(numbered, 1)}
        super().__init__(word, theme, styles, attach_endnotes(word), xrefs, doc.charts, width,
                         max_drawing_id(word), doc.labels)
        self.doc = doc
        self.reference = reference
        self.pages = estimate_pages(doc.blocks, theme, width, height, doc.charts)
        self.toc_names = {i: f"_Toc{i + 1:09d}" for i, b in enumerate(doc.blocks)
                          if isinstance(b, m.Heading)}
        self.notes_heading: ox.Element | None = None

    def write(self) -> None:
        """Write cover, contents, every block, the endnotes and the document properties."""
        self.cover()
        self.contents()
        self.word.add_section(WD_SECTION.NEW_PAGE)
        self.header_footer(self.word.sections[-1])
        notes: list[m.Endnote] = []
        notes_at_section_end = False
        for index, (block, lang) in enumerate(block_languages(self.doc.blocks)):
            before = set(self.body) if lang else set()
            self.block(index, block)
            for child in self.body if lang else ():
                if child not in before:  # what the block added: a section in its language
                    ox.mark_language(child, lang)
            if isinstance(block, m.Endnotes):
                notes.extend(block.items)
                if index < len(self.doc.blocks) - 1 and not notes_at_section_end:
                    # End a section here so Word prints the notes under the 'Notes' heading.
                    self.word.add_section(WD_SECTION.CONTINUOUS)
                    notes_at_section_end = True
        self.write_endnotes(notes)
        self._place_notes_heading()
        ox.set_endnote_properties(self.word.settings.element, notes_at_section_end, ("-1", "0"))
        set_properties(self.word, self.doc.meta, m.series_line(self.doc.meta, self.doc.labels))

    def block(self, index: int, block: m.Block) -> None:
        """Write one block of the brief."""
        match block:
            case m.Heading():
                self.heading(index, block)
            case m.Paragraph():
                self.paragraph(self.body, "Lead" if block.role == "lead" else None, block.runs)
            case m.BulletList():
                self.bullets(block.items)
            case m.KeyJudgments():
                self.key_judgments(block)
            case m.KeyFigures():
                self.key_figures(block)
            case m.Figure():
                self.figure(block)
            case m.Table():
                self.data_table(block)
            case m.Quote():
                self.quote(block)
            case m.Options():
                self.options(block)
            case m.Recommendations():
                self.recommendations(block)
            case m.Timeline():
                self.timeline(block)
            case m.Callout():
                self.callout(block)
            case m.Glossary():
                self.glossary(block)
            case m.Endnotes():
                pass  # the notes live in the endnotes part; Word prints them here
            case m.SourceList():
                for entry in block.items:
                    self.paragraph(self.body, "Bibliography", entry.runs)
            case _:
                assert_never(block)

    def heading(self, index: int, block: m.Heading) -> None:
        """Write a heading wrapped in the bookmark its contents entry links to.

        The heading of the notes goes into the first endnote, above it: Word and LibreOffice
        lay endnotes out apart from the body, so a body heading could end a page alone.
        """
        level = min(max(block.level, 1), 3)
        following = self.doc.blocks[index + 1] if index + 1 < len(self.doc.blocks) else None
        notes_next = isinstance(following, m.Endnotes) and bool(following.items)
        container = el("w:sdtContent") if notes_next else self.body
        p = self.paragraph(container, f"heading {level}")
        if notes_next:
            self.notes_heading = p
        start, *_, end = ox.bookmark(self.toc_names[index], self.bookmark_id(), [])
        p.append(start)
        self.text(p, block.text)
        p.append(end)

    def bullets(self, items: tuple[m.Runs, ...]) -> None:
        """Write a bullet list whose last item keeps the space a list ends with."""
        end = el("w:spacing", {"w:before": "0", "w:after": str(list_spacing(self.theme)[1])})
        for index, item in enumerate(items):
            last = index == len(items) - 1
            self.paragraph(self.body, "List Bullet", item, props=[ox.clone(end)] if last else [])

    def _place_notes_heading(self) -> None:
        """Put the notes' heading at the top of the first endnote (or in the body if none)."""
        heading = self.notes_heading
        if heading is None:
            return
        first = str(self.note_order[0]) if self.note_order else None
        for note in self.notes_part.element.iter(qn("w:endnote")):
            if note.get(qn("w:id")) == first:
                note.insert(0, heading)
                return
        self.place(self.body, heading)

    def recommendations(self, block: m.Recommendations) -> None:
        """Write recommendations as a freshly numbered list, each actor in bold."""
        num_id = restart_numbering(self.part, self.lists["list number"])
        end = el("w:spacing", {"w:before": "0", "w:after": str(list_spacing(self.theme)[1])})
        for index, item in enumerate(block.items):
            last = index == len(block.items) - 1
            p = self.paragraph(self.body, "List Number",
                               props=[ox.number(num_id), *([ox.clone(end)] if last else [])])
            self.text(p, f"{item.actor}. ", bold=True)
            self.runs(p, item.runs)

    # ------------------------------------------------------------ front matter

    def cover(self) -> None:
        """Write the cover page: marking, a colour band (organisation, series, date), title.

        The band is two shaded paragraphs boxed by borders of their own colour, not a table:
        a table here would be read by Pandoc as a captioned table (taking the first table
        caption of the brief) and by screen readers as data.
        """
        meta, colors, lab = self.doc.meta, self.theme.colors, self.doc.labels
        white = el("w:color", {"w:val": "FFFFFF"})
        if meta.classification:
            p = self.paragraph(self.body, "Cover Details", align="center")
            self.text(p, meta.classification, bold=True, props=[
                el("w:color", {"w:val": ox.hex_color(colors.accent)})])
        size = str(round(self.theme.sizes.subtitle * 2 * 0.93))
        p = self.paragraph(self.body, "Cover Details", keep_next=True,
                           props=self._band(after=80))
        self.text(p, meta.organisation or lab.policy_brief, bold=True, props=[
            ox.clone(white), el("w:sz", {"w:val": size}), el("w:szCs", {"w:val": size})])
        p = self.paragraph(self.body, "Cover Details", props=[
            *self._band(after=0), self._right_tab("Cover Details")])
        self.text(p, f"{m.series_line(meta, lab)}\t{meta.date_text}", props=[ox.clone(white)])
        self.paragraph(self.body, None, props=[el("w:spacing", {"w:before": "2400",
                                                                "w:after": "0"})])
        self.paragraph(self.body, "Title", (m.Text(meta.title),))
        if meta.subtitle:
            self.paragraph(self.body, "Subtitle", (m.Text(meta.subtitle),))
        self.paragraph(self.body, None, props=[  # a short accent rule, as on the PDF cover
            ox.borders("w:pBdr", {"bottom": ("single", 16, colors.accent)}),
            el("w:spacing", {"w:before": "0", "w:after": "480", "w:line": "120",
                             "w:lineRule": "exact"}),
            el("w:ind", {"w:right": str(max(0, self.width - 2268))})])
        for author in meta.authors:
            p = self.paragraph(self.body, "Cover Details", keep_next=True)
            self.text(p, author.name, bold=True, props=[
                el("w:color", {"w:val": ox.hex_color(colors.text)})])
            if author.affiliation:
                self.text(p, f"\n{author.affiliation}")
        if meta.date_text:
            self.paragraph(self.body, "Cover Details", (m.Text(meta.date_text),),
                           props=[el("w:spacing", {"w:before": "360", "w:after": "40"})])
        if meta.organisation:
            self.paragraph(self.body, "Cover Details", (m.Text(meta.organisation),))

    def _band(self, after: int) -> list[ox.Element]:
        """Return the properties of a cover-band paragraph: filled, padded, accent-ruled.

        Paragraphs with the same borders share one box, so the band's paragraphs make one
        colour block, its text flush with the text block (an indent would make Pandoc read
        a quotation) and its fill reaching a little into the margins, with a thick accent
        rule under it (as in the PDF).
        """
        colors = self.theme.colors
        pad = str(BAND_INSET // 20 - 1)  # points between the text and the box's sides
        return [
            el("w:pBdr", {},
               el("w:top", {"w:val": "single", "w:sz": "4", "w:space": "24",
                            "w:color": ox.hex_color(colors.heading)}),
               el("w:left", {"w:val": "single", "w:sz": "4", "w:space": pad,
                             "w:color": ox.hex_color(colors.heading)}),
               el("w:bottom", {"w:val": "single", "w:sz": "36", "w:space": "10",
                               "w:color": ox.hex_color(colors.accent)}),
               el("w:right", {"w:val": "single", "w:sz": "4", "w:space": pad,
                              "w:color": ox.hex_color(colors.heading)})),
            ox.shading(colors.heading),
            el("w:spacing", {"w:before": "0", "w:after": str(after)}),
        ]

    def contents(self) -> None:
        """Write a TOC field whose result already lists every heading with a page estimate.

        Like the PDF, only a brief long enough for the style's threshold gets one (by the
        page estimate; Word itself knows pages only once it lays the file out).
        """
        threshold = self.theme.front.contents_min_pages
        if not self.toc_names or (threshold and self.pages.total < threshold):
            return
        content = el("w:sdtContent")
        self.place(self.body, el("w:sdt", {}, el("w:sdtPr", {}, el("w:docPartObj", {},
                   el("w:docPartGallery", {"w:val": "Table of Contents"}),
                   el("w:docPartUnique"))), content))
        self.paragraph(content, "TOC Heading", (m.Text(self.doc.labels.contents),),
                       props=[el("w:pageBreakBefore")])
        begin, code, separate, _, end = ox.field('TOC \\o "1-3" \\h \\z \\u', "")
        tab = el("w:tabs", {}, el("w:tab", {"w:val": "right", "w:leader": "dot",
                                            "w:pos": str(self.width)}))
        for number, (index, name) in enumerate(self.toc_names.items()):
            heading = self.doc.blocks[index]
            assert isinstance(heading, m.Heading)
            p = self.paragraph(content, f"toc {min(max(heading.level, 1), 3)}",
                               props=[ox.clone(tab)])
            if number == 0:
                p.extend([begin, code, separate])
            link = ox.hyperlink([], anchor=name)
            self.text(link, heading.text, props=[el("w:noProof")])
            hidden = [el("w:noProof"), el("w:webHidden")]
            link.append(ox.run("\t", hidden))
            link.extend(ox.field(f"PAGEREF {name} \\h", str(self.pages.pages[index]), hidden))
            p.append(link)
        self.paragraph(content, None).append(end)

    def header_footer(self, section: Section) -> None:
        """Write the running header (short title, marking) and footer ('Page X of Y')."""
        meta, first = self.doc.meta, self.word.sections[0]
        if not (self.reference and _has_content(first.header)):
            section.header.is_linked_to_previous = False
            root = _emptied(section.header)
            rule = ox.borders("w:pBdr", {"bottom": ("single", 4, self.theme.colors.rule)})
            p = self.paragraph(root, "header", props=[self._right_tab("header"), rule])
            self.text(p, meta.short_title or meta.title)
            if meta.classification:
                accent = el("w:color", {"w:val": ox.hex_color(self.theme.colors.accent)})
                self.text(p, f"\t{meta.classification}", bold=True, props=[accent])
        if not (self.reference and _has_content(first.footer)):
            section.footer.is_linked_to_previous = False
            p = self.paragraph(_emptied(section.footer), "footer",
                               props=[self._right_tab("footer")])
            lab = self.doc.labels
            self.text(p, f"{meta.organisation}\t{lab.page} ")
            p.extend(ox.field("PAGE \\* Arabic", "2"))
            self.text(p, f" {lab.page_of} ")
            p.extend(ox.field("NUMPAGES \\* Arabic", str(self.pages.total)))

    def _right_tab(self, style: str, inset: int = 0) -> ox.Element:
        """Return tab stops: one right-aligned at the margin (less `inset` twips), the style's
        own ones cleared."""
        tabs = el("w:tabs")
        position = str(self.width - inset)
        style_id = self.style(style)
        for node in self.part.styles.element.iter(qn("w:style")):
            if node.get(qn("w:styleId")) == style_id:
                for tab in node.iter(qn("w:tab")):
                    if tab.get(qn("w:val")) != "clear" and tab.get(qn("w:pos")) != position:
                        tabs.append(el("w:tab", {"w:val": "clear", "w:pos": tab.get(qn("w:pos"))
                                                 or "0"}))
        tabs.append(el("w:tab", {"w:val": "right", "w:pos": position}))
        tabs[:] = sorted(tabs, key=lambda t: int(t.get(qn("w:pos")) or 0))
        return tabs


def _has_content(part_owner: _Header | _Footer) -> bool:
    """Return True if a (reference) header or footer already shows text or a picture."""
    if part_owner.is_linked_to_previous:
        return False
    root = part_owner.part.element
    text = "".join(t.text or "" for t in root.iter(qn("w:t")))
    return bool(text.strip()) or next(root.iter(qn("w:drawing")), None) is not None


def _emptied(part_owner: _Header | _Footer) -> ox.Element:
    """Return the root of a header or footer part with its old content removed."""
    root: ox.Element = part_owner.part.element
    for child in list(root):
        root.remove(child)
    return root
