"""Word styles for a brief: built-in styles themed from the Theme, missing ones created."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.document import DocumentPart

from briefgen.glyphs import ARABIC_FAMILY, arabic_font_path
from briefgen.theme import Theme
from briefgen.writers.docx.ooxml import (
    PPR_ORDER,
    RPR_ORDER,
    TBLPR_ORDER,
    Element,
    borders,
    el,
    lang_element,
    set_child,
    shading,
)
from briefgen.writers.docx.ooxml import hex_color as hx


@dataclass(frozen=True)
class StyleSpec:
    """One style as the theme wants it: identity plus the properties to set."""

    name: str  # Word's built-in (English) name, e.g. 'heading 1'
    style_id: str
    kind: str = "paragraph"
    based_on: str | None = "Normal"  # a style name, resolved to this document's id
    next_name: str | None = None
    ppr: tuple[Element, ...] = ()
    rpr: tuple[Element, ...] = ()
    table: tuple[Element, ...] = ()  # tblPr children and tblStylePr elements
    drop: tuple[str, ...] = ()  # pPr children to remove (e.g. a template's numPr)
    priority: int = 99
    custom: bool = False


def _pt(size: float) -> str:
    return str(round(size * 2))


BODY_LEADING = 1.5  # line height over type size, as the PDF's body text
NATURAL_LEADING = 1.164  # DejaVu's own line height (ascent + descent) over its size


def complex_family() -> str | None:
    """Return the family for complex-script (Arabic-script) text, if its font is installed."""
    return ARABIC_FAMILY if arabic_font_path() is not None else None


def body_spacing(theme: Theme) -> tuple[int, int]:
    """Return the body's space after (twips) and Word 'auto' line value (240 = single)."""
    return round(theme.sizes.body * 0.75 * 20), round(240 * BODY_LEADING / NATURAL_LEADING)


def list_spacing(theme: Theme) -> tuple[int, int]:
    """Return the space after a list item and after a list's last item, in twips."""
    return round(theme.sizes.body * 0.3 * 20), round(theme.sizes.body * 0.7 * 20)


def _font(name: str, cs: str | None = None) -> Element:
    return el("w:rFonts", {"w:ascii": name, "w:hAnsi": name, "w:eastAsia": name,
                           "w:cs": cs or name})


def _run(font: str, size: float, color: str, *, bold: bool = False, italic: bool = False,
         cs: str | None = None) -> tuple[Element, ...]:
    props = [_font(font, cs), el("w:color", {"w:val": hx(color)}),
             el("w:sz", {"w:val": _pt(size)}), el("w:szCs", {"w:val": _pt(size)})]
    props += [el("w:b"), el("w:bCs")] if bold else [el("w:b", {"w:val": "0"}),
                                                    el("w:bCs", {"w:val": "0"})]
    props += [el("w:i"), el("w:iCs")] if italic else [el("w:i", {"w:val": "0"}),
                                                      el("w:iCs", {"w:val": "0"})]
    return tuple(props)


def _space(before: int, after: int, line: int | None = None) -> Element:
    attrs = {"w:before": str(before), "w:after": str(after)}
    if line:
        attrs |= {"w:line": str(line), "w:lineRule": "auto"}
    return el("w:spacing", attrs)


def theme_styles(theme: Theme) -> list[StyleSpec]:
    """Return every style a brief uses, with the properties `theme` gives it."""
    f, s, c = theme.fonts, theme.sizes, theme.colors
    body = _run(f.body, s.body, c.text, cs=complex_family())
    item_after = list_spacing(theme)[0]
    heading_sizes = (s.h1, s.h2, s.h3)
    spacing = ((360, 120), (280, 80), (220, 60))
    specs = [
        StyleSpec("Normal", "Normal", based_on=None, rpr=body, priority=0),
        StyleSpec("Title", "Title", next_name="Normal", priority=10,
                  ppr=(el("w:pBdr"), _space(0, 80, 240), el("w:contextualSpacing")),
                  rpr=_run(f.heading, s.title, c.heading, bold=True)),
        StyleSpec("Subtitle", "Subtitle", next_name="Normal", priority=11, drop=("numPr",),
                  ppr=(_space(0, 240),), rpr=_run(f.heading, s.subtitle, c.muted)),
        *(
            StyleSpec(f"heading {n}", f"Heading{n}", next_name="Normal", priority=9,
                      ppr=(el("w:keepNext"), el("w:keepLines"), _space(*spacing[n - 1]),
                           el("w:outlineLvl", {"w:val": str(n - 1)})),
                      rpr=_run(f.heading, heading_sizes[n - 1], c.heading, bold=True))
            for n in (1, 2, 3)
        ),
        StyleSpec("TOC Heading", "TOCHeading", based_on="heading 1", next_name="Normal",
                  priority=39, ppr=(_space(240, 120), el("w:outlineLvl", {"w:val": "9"}))),
        *(
            StyleSpec(f"toc {n}", f"TOC{n}", next_name="Normal", priority=39,
                      ppr=(_space(60 if n == 1 else 0, 40),
                           el("w:ind", {"w:left": str(220 * (n - 1))})),
                      rpr=(el("w:b") if n == 1 else el("w:b", {"w:val": "0"}),
                           el("w:sz", {"w:val": _pt(s.body)}),
                           el("w:szCs", {"w:val": _pt(s.body)})))
            for n in (1, 2, 3)
        ),
        StyleSpec("caption", "Caption", next_name="Normal", priority=35,
                  ppr=(el("w:keepNext"), _space(160, 60)),
                  rpr=_run(f.heading, s.body, c.heading, bold=True)),
        # A table's caption looks like any caption, but Pandoc would hand a 'Caption'
        # paragraph with a SEQ Table field to the first table of the document (the key
        # judgments' box), so tables get their own style based on it.
        StyleSpec("Table Caption", "TableCaption", based_on="caption", next_name="Normal",
                  custom=True, priority=35, ppr=(el("w:keepNext"),)),
        StyleSpec("Quote", "Quote", next_name="Normal", priority=29,
                  ppr=(el("w:pBdr", {}, el("w:left", {"w:val": "single", "w:sz": "18",
                                                     "w:space": "10", "w:color": hx(c.accent)})),
                       _space(120, 40), el("w:ind", {"w:left": "454", "w:right": "454"})),
                  rpr=_run(f.body, s.body + 0.5, c.text, italic=True)),
        StyleSpec("List Bullet", "ListBullet", ppr=(_space(0, item_after),)),
        StyleSpec("List Number", "ListNumber", ppr=(_space(0, item_after),)),
        StyleSpec("Hyperlink", "Hyperlink", kind="character", based_on="Default Paragraph Font",
                  rpr=(el("w:color", {"w:val": hx(c.link)}), el("w:u", {"w:val": "single"}))),
        StyleSpec("endnote text", "EndnoteText", next_name="endnote text",
                  ppr=(_space(0, 60, 240),),
                  rpr=(el("w:sz", {"w:val": _pt(s.small + 0.5)}),
                       el("w:szCs", {"w:val": _pt(s.small + 0.5)}))),
        StyleSpec("endnote reference", "EndnoteReference", kind="character",
                  based_on="Default Paragraph Font",
                  rpr=(el("w:vertAlign", {"w:val": "superscript"}),)),
        StyleSpec("header", "Header", ppr=(_space(0, 0, 240),), drop=("tabs",),
                  rpr=_run(f.body, s.small, c.muted)),
        StyleSpec("footer", "Footer", ppr=(_space(0, 0, 240),), drop=("tabs",),
                  rpr=_run(f.body, s.small, c.muted)),
        StyleSpec("Table Grid", "TableGrid", kind="table", based_on="Normal Table", priority=59,
                  ppr=(_space(40, 40, 240),), table=_table_grid(theme)),
        StyleSpec("Bibliography", "Bibliography", priority=37,
                  ppr=(_space(0, 100), el("w:ind", {"w:left": "360", "w:hanging": "360"}))),
        # Custom styles: named so an editor finds and restyles them in Word's style pane.
        StyleSpec("Lead", "Lead", custom=True, ppr=(_space(0, 160, 276),),
                  rpr=_run(f.body, s.body + 1.5, c.text)),
        StyleSpec("Source Note", "SourceNote", custom=True, ppr=(_space(60, 200, 240),),
                  rpr=_run(f.body, s.small, c.muted)),
        StyleSpec("Quote Attribution", "QuoteAttribution", based_on="Quote", custom=True,
                  ppr=(_space(0, 160),), rpr=_run(f.body, s.small + 0.5, c.muted)),
        StyleSpec("Box Title", "BoxTitle", custom=True, ppr=(el("w:keepNext"), _space(60, 80)),
                  rpr=_run(f.heading, s.h3, c.heading, bold=True)),
        StyleSpec("Key Figure", "KeyFigure", custom=True, ppr=(_space(60, 0, 240),),
                  rpr=_run(f.heading, s.key_figure, c.accent, bold=True)),
        StyleSpec("Key Figure Label", "KeyFigureLabel", custom=True, ppr=(_space(20, 40, 240),),
                  rpr=_run(f.body, s.body, c.heading, bold=True)),
        StyleSpec("Cover Details", "CoverDetails", custom=True, ppr=(_space(0, 40),),
                  rpr=_run(f.body, s.body + 1, c.muted)),
    ]
    return specs


def _table_grid(theme: Theme) -> tuple[Element, ...]:
    rule = theme.colors.rule
    line = ("single", 4, rule)
    margins = el("w:tblCellMar", {},
                 el("w:top", {"w:w": "57", "w:type": "dxa"}),
                 el("w:left", {"w:w": "108", "w:type": "dxa"}),
                 el("w:bottom", {"w:w": "57", "w:type": "dxa"}),
                 el("w:right", {"w:w": "108", "w:type": "dxa"}))
    table_borders = borders("w:tblBorders", {side: line for side in
                                             ("top", "left", "bottom", "right", "insideH",
                                              "insideV")})
    first_row = el("w:tblStylePr", {"w:type": "firstRow"},
                   el("w:rPr", {}, el("w:b"), el("w:bCs"),
                      el("w:color", {"w:val": hx(theme.colors.table_header_text)})),
                   el("w:tcPr", {}, shading(theme.colors.table_header_bg)))
    return table_borders, margins, first_row


class _StyleIndex:
    """The styles of a styles part by lower-case name and by id (the first of each wins)."""

    def __init__(self, styles: Element) -> None:
        self.by_name: dict[str, Element] = {}
        self.by_id: dict[str, Element] = {}
        for style in styles.iter(qn("w:style")):
            self.add(style)

    def add(self, style: Element) -> None:
        """Index a style (one just created, too)."""
        name = style.find(qn("w:name"))
        if name is not None:
            self.by_name.setdefault(name.get(qn("w:val"), "").lower(), style)
        style_id = style.get(qn("w:styleId"))
        if style_id is not None:
            self.by_id.setdefault(style_id, style)

    def find(self, spec: StyleSpec) -> Element | None:
        """Return the style `spec` names (by name, else by id), or None."""
        found = self.by_name.get(spec.name.lower())
        return found if found is not None else self.by_id.get(spec.style_id)

    def style_id(self, name: str) -> str:
        """Return the id of the style called `name` here (ids are localised, names are not)."""
        found = self.by_name.get(name.lower())
        if found is not None:
            style_id: str = found.get(qn("w:styleId"), "")
            return style_id
        return {"normal table": "TableNormal"}.get(name.lower(), name.title().replace(" ", ""))


def _new_style(index: _StyleIndex, spec: StyleSpec) -> Element:
    attrs = {"w:type": spec.kind, "w:styleId": spec.style_id}
    if spec.custom:
        attrs["w:customStyle"] = "1"
    style = el("w:style", attrs, el("w:name", {"w:val": spec.name}))
    if spec.based_on:
        style.append(el("w:basedOn", {"w:val": index.style_id(spec.based_on)}))
    if spec.next_name:
        next_id = spec.style_id if spec.next_name == spec.name else index.style_id(
            spec.next_name)
        style.append(el("w:next", {"w:val": next_id}))
    style.append(el("w:uiPriority", {"w:val": str(spec.priority)}))
    if spec.priority < 60 or spec.custom:
        style.append(el("w:qFormat"))
    return style


def _configure(style: Element, spec: StyleSpec) -> None:
    """Set the spec's properties on `style`, keeping what the spec does not mention."""
    order = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
             "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
             "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr",
             "tblStylePr")
    if spec.ppr or spec.drop:
        ppr = style.find(qn("w:pPr"))
        if ppr is None:
            ppr = set_child(style, el("w:pPr"), order)
        for tag in spec.drop:
            for old in ppr.findall(qn(f"w:{tag}")):
                ppr.remove(old)
        for prop in spec.ppr:
            set_child(ppr, prop, PPR_ORDER)
    if spec.rpr:
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = set_child(style, el("w:rPr"), order)
        for prop in spec.rpr:
            set_child(rpr, prop, RPR_ORDER)
    if spec.table:
        tbl_pr = style.find(qn("w:tblPr"))
        if tbl_pr is None:
            tbl_pr = set_child(style, el("w:tblPr"), order)
        for prop in spec.table:
            if prop.tag == qn("w:tblStylePr"):
                for old in style.findall(qn("w:tblStylePr")):
                    if old.get(qn("w:type")) == prop.get(qn("w:type")):
                        style.remove(old)
                style.append(prop)
            else:
                set_child(tbl_pr, prop, TBLPR_ORDER)
    for hidden in ("semiHidden", "unhideWhenUsed"):
        for old in style.findall(qn(f"w:{hidden}")):
            style.remove(old)


def install_styles(part: DocumentPart, theme: Theme, keep_existing: bool,
                   language: str = "en-GB") -> dict[str, str]:
    """Theme the styles a brief uses; return {style name: style id in this document}."""
    # With `keep_existing` (a reference document) the styles it defines stay exactly as they
    # are; only the missing ones are created from the theme.
    styles = part.styles.element
    ids: dict[str, str] = {}
    index = _StyleIndex(styles)
    for spec in theme_styles(theme):
        style = index.find(spec)
        if style is None:
            style = _new_style(index, spec)
            styles.append(style)
            index.add(style)
            _configure(style, spec)
        elif not keep_existing:
            _configure(style, spec)
        ids[spec.name.lower()] = style.get(qn("w:styleId"), spec.style_id)
    if not keep_existing:
        _theme_defaults(styles, theme)
    set_language(styles, language)
    return ids


def set_language(styles: Element, language: str) -> None:
    """Make `language` the proofing language of the document defaults (and of every style)."""
    for old in list(styles.iter(qn("w:lang"))):
        parent = old.getparent()
        if parent is not None:
            parent.remove(old)
    rpr = _defaults(styles, "w:rPrDefault", "w:rPr")
    set_child(rpr, lang_element(language), RPR_ORDER)


def _defaults(styles: Element, holder: str, tag: str) -> Element:
    """Return docDefaults/`holder`/`tag` of `styles`, creating what is missing."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("w:docDefaults")
        styles.insert(0, defaults)
    found = defaults.find(qn(holder))
    if found is None:
        found = el(holder)
        if holder == "w:rPrDefault":
            defaults.insert(0, found)
        else:
            defaults.append(found)
    inner = found.find(qn(tag))
    if inner is None:
        inner = el(tag)
        found.append(inner)
    return inner


def _theme_defaults(styles: Element, theme: Theme) -> None:
    """Put body spacing in the document defaults (so table styles can override it)."""
    after, line = body_spacing(theme)
    set_child(_defaults(styles, "w:pPrDefault", "w:pPr"), _space(0, after, line), PPR_ORDER)


def list_numbering(part: DocumentPart, ids: dict[str, str], marker: str = "{n}.") -> dict[str, str]:
    """Return {'list bullet': numId, 'list number': numId}, defining lists the styles lack.

    A numbered list prints `marker` ("{n}." → "1.", from the labels), the marker the PDF and
    the HTML print, whatever the template's or the reference's own list says; its indents
    and look stay the style's.
    """
    numbering = _numbering(part)
    styles = part.styles.element
    found: dict[str, str] = {}
    number_text = marker.replace("{n}", "%1")
    for name, fmt, text in (("list bullet", "bullet", "\u2022"),
                            ("list number", "decimal", number_text)):
        style = next(s for s in styles.iter(qn("w:style"))
                     if s.get(qn("w:styleId")) == ids[name])
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            found[name] = num_id.get(qn("w:val"), "")
            continue
        abstract_id = _next_id(numbering, "w:abstractNum", "w:abstractNumId")
        level = el("w:lvl", {"w:ilvl": "0"}, el("w:start", {"w:val": "1"}),
                   el("w:numFmt", {"w:val": fmt}), el("w:pStyle", {"w:val": ids[name]}),
                   el("w:lvlText", {"w:val": text}), el("w:lvlJc", {"w:val": "left"}),
                   el("w:pPr", {}, el("w:ind", {"w:left": "360", "w:hanging": "360"})))
        abstract = el("w:abstractNum", {"w:abstractNumId": abstract_id},
                      el("w:multiLevelType", {"w:val": "singleLevel"}), level)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        found[name] = _add_num(numbering, abstract_id)
        ppr = style.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("w:pPr")
            style.append(ppr)
        set_child(ppr, el("w:numPr", {}, el("w:numId", {"w:val": found[name]})), PPR_ORDER)
    found["list number"] = _marked_list(numbering, found["list number"], number_text)
    return found


def _marked_list(numbering: Element, num_id: str, text: str) -> str:
    """Return a list id like `num_id`'s (same indents and look) whose first level prints
    `text` as a decimal number ('%1.')."""
    source = _abstract_of(numbering, num_id)
    if source is None:
        return num_id
    abstract_id = _next_id(numbering, "w:abstractNum", "w:abstractNumId")
    abstract = copy.deepcopy(source)
    abstract.set(qn("w:abstractNumId"), abstract_id)
    for tag in ("w:nsid", "w:tmpl", "w:styleLink", "w:numStyleLink", "w:name"):
        for child in abstract.findall(qn(tag)):
            abstract.remove(child)
    for level in abstract.findall(qn("w:lvl")):
        if level.get(qn("w:ilvl")) == "0":
            for child in level.findall(qn("w:pStyle")):
                level.remove(child)  # the style keeps pointing at its own list
            for tag, value in (("w:numFmt", "decimal"), ("w:lvlText", text)):
                node = level.find(qn(tag))
                if node is None:
                    node = el(tag)
                    set_child(level, node, LVL_ORDER)
                node.set(qn("w:val"), value)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return _add_num(numbering, abstract_id)


LVL_ORDER = ("start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText",
             "lvlPicBulletId", "legacy", "lvlJc", "pPr", "rPr")


def _abstract_of(numbering: Element, num_id: str) -> Element | None:
    """Return the abstract list definition that list `num_id` uses, if any."""
    for num in numbering.iter(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            ref = num.find(qn("w:abstractNumId"))
            wanted = ref.get(qn("w:val")) if ref is not None else None
            for abstract in numbering.iter(qn("w:abstractNum")):
                if abstract.get(qn("w:abstractNumId")) == wanted:
                    return abstract
    return None


def restart_numbering(part: DocumentPart, num_id: str) -> str:
    """Return a new list id that continues list `num_id`'s look but starts again at 1."""
    numbering = _numbering(part)
    abstract_id = "0"
    for num in numbering.iter(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            ref = num.find(qn("w:abstractNumId"))
            abstract_id = ref.get(qn("w:val"), "0") if ref is not None else "0"
    override = el("w:lvlOverride", {"w:ilvl": "0"}, el("w:startOverride", {"w:val": "1"}))
    return _add_num(numbering, abstract_id, override)


def _numbering(part: DocumentPart) -> Element:
    """Return the numbering definitions root, adding a numbering part if there is none."""
    try:
        numbering = part.part_related_by(RT.NUMBERING)
    except KeyError:
        numbering = XmlPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING,
                            parse_xml(f"<w:numbering {nsdecls('w')}/>"), part.package)
        part.relate_to(numbering, RT.NUMBERING)
    assert isinstance(numbering, XmlPart)
    return numbering.element


def _next_id(parent: Element, tag: str, attr: str) -> str:
    used = [int(x.get(qn(attr), "0")) for x in parent.iter(qn(tag))]
    return str(max(used, default=0) + 1)


def _add_num(numbering: Element, abstract_id: str, *extra: Element) -> str:
    num_id = _next_id(numbering, "w:num", "w:numId")
    numbering.append(el("w:num", {"w:numId": num_id},
                        el("w:abstractNumId", {"w:val": abstract_id}), *extra))
    return num_id
