"""Raw WordprocessingML that python-docx lacks: fields, bookmarks, links, notes, alt text, RTL."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TypeAlias

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from briefgen.compat.docx import element_maker
from briefgen.errors import BriefError

Element: TypeAlias = etree._Element

SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Schema order of the children we write (ECMA-376 part 1, transitional).
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
)
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)
TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark",
)
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
    "tblLook", "tblCaption", "tblDescription",
)
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState",
    "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
    "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
    "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
SETTINGS_AFTER_ENDNOTEPR = SETTINGS_ORDER[SETTINGS_ORDER.index("endnotePr") + 1 :]

_INVALID = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_RTL_RUN = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
    "(?:[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc\\s\u200c\u200d]*"
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc])?"
)
_PASHTO = set("ټډړږښګڼۍېځڅ")
_URDU = set("ٹڈڑںےۓھہۃ")
_PERSO = set("پچژگکی")


def check_text(text: str, where: str) -> None:
    """Raise BriefError if `text` holds a character XML 1.0 cannot carry (a control character)."""
    bad = _INVALID.search(text)
    if bad:
        char = bad.group()
        raise BriefError(
            f"{where}: text {text!r} contains the control character U+{ord(char):04X} "
            f"at position {bad.start()}, which a Word document cannot hold"
        )


def is_rtl(text: str) -> bool:
    """Return True if `text` contains Arabic-script (right-to-left) letters."""
    return bool(_ARABIC.search(text))


def split_scripts(text: str) -> list[tuple[str, bool]]:
    """Split `text` into (segment, is_rtl) pieces; spaces between RTL letters stay RTL."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for match in _RTL_RUN.finditer(text):
        if match.start() > pos:
            pieces.append((text[pos : match.start()], False))
        pieces.append((match.group(), True))
        pos = match.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


RTL_LANGUAGES = frozenset({"ar", "ur", "ps", "fa", "he", "yi", "dv", "sd", "ug", "ckb"})
COMPLEX_LANGUAGES = frozenset({"th", "lo", "km", "my", "hi", "mr", "ne", "bn", "ta", "te",
                               "kn", "ml", "gu", "pa", "si", "bo"})
EAST_ASIAN_LANGUAGES = frozenset({"zh", "ja", "ko"})


def primary(language: str) -> str:
    """Return the primary subtag of a BCP 47 tag ('en-GB' -> 'en')."""
    return language.replace("_", "-").split("-")[0].lower()


def lang_element(language: str, tag: str = "w:lang") -> Element:
    """Return the w:lang that makes `language` the proofing language, each slot filled.

    w:val covers Latin text, w:eastAsia Chinese, Japanese and Korean, and w:bidi the complex
    scripts (Arabic, Hebrew, Indic, Thai ...); a slot the language does not use keeps Word's
    usual partner so text in that script is still checked in a sensible language.
    """
    code = primary(language)
    east_asia = language if code in EAST_ASIAN_LANGUAGES else "zh-CN"
    bidi = language if code in RTL_LANGUAGES | COMPLEX_LANGUAGES else "ar-SA"
    return el(tag, {"w:val": language, "w:eastAsia": east_asia, "w:bidi": bidi})


def is_rtl_language(language: str) -> bool:
    """Return True if `language` is written right to left."""
    return primary(language) in RTL_LANGUAGES


def mark_language(element: Element, language: str) -> None:
    """Mark the paragraphs in `element` (a paragraph, a table ...) as written in `language`.

    Each run's w:lang names the language in the slots it uses (w:val; w:eastAsia for
    Chinese, Japanese, Korean; w:bidi for right-to-left and complex scripts), keeping the
    script-based slots it had for text in other scripts; so does the paragraph mark's, which
    tells a later, enclosing part (a section around a quotation) to leave it alone. A
    paragraph in a right-to-left language that holds right-to-left letters is a w:bidi
    paragraph (its runs in the script already carry w:rtl).
    """
    paragraphs = [element] if element.tag == qn("w:p") else list(element.iter(qn("w:p")))
    code = primary(language)
    slots = {"w:val": language}
    if code in EAST_ASIAN_LANGUAGES:
        slots["w:eastAsia"] = language
    if code in RTL_LANGUAGES | COMPLEX_LANGUAGES:
        slots["w:bidi"] = language
    for p in paragraphs:
        ppr = get_pr(p, "w:pPr")
        mark = ppr.find(qn("w:rPr"))
        if mark is not None and _language_of(mark):
            continue  # a part in a language of its own, inside this one
        if mark is None:
            mark = set_child(ppr, el("w:rPr"), PPR_ORDER)
        if code in RTL_LANGUAGES and _has_rtl_letters("".join(p.itertext())):
            set_bidi(p)  # as in the PDF: a line of Latin text only stays left to right
        for rpr in [mark, *(get_pr(r, "w:rPr") for r in p.iter(qn("w:r")))]:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = set_child(rpr, el("w:lang"), RPR_ORDER)
            for key, value in slots.items():
                lang.set(qn(key), value)


def _has_rtl_letters(text: str) -> bool:
    """Return True if `text` holds a right-to-left letter (Arabic, Hebrew, Syriac ...)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _language_of(rpr: Element) -> str:
    """Return the w:val language of run properties `rpr`, '' if none."""
    lang = rpr.find(qn("w:lang"))
    return "" if lang is None else lang.get(qn("w:val"), "")


# Scripts Word sets in a slot other than ascii/hAnsi: (first, last, language, slot), where the
# slot is 'rtl' (complex script, right to left), 'cs' (complex script) or 'ea' (East Asian).
_SCRIPT_RANGES = (
    (0x0590, 0x05FF, "he-IL", "rtl"), (0x0600, 0x06FF, "ar-SA", "rtl"),
    (0x0750, 0x077F, "ar-SA", "rtl"), (0x08A0, 0x08FF, "ar-SA", "rtl"),
    (0x0900, 0x097F, "hi-IN", "cs"), (0x0980, 0x09FF, "bn-BD", "cs"),
    (0x0A00, 0x0A7F, "pa-IN", "cs"), (0x0A80, 0x0AFF, "gu-IN", "cs"),
    (0x0B00, 0x0B7F, "or-IN", "cs"), (0x0B80, 0x0BFF, "ta-IN", "cs"),
    (0x0C00, 0x0C7F, "te-IN", "cs"), (0x0C80, 0x0CFF, "kn-IN", "cs"),
    (0x0D00, 0x0D7F, "ml-IN", "cs"), (0x0D80, 0x0DFF, "si-LK", "cs"),
    (0x0E00, 0x0E7F, "th-TH", "cs"), (0x0E80, 0x0EFF, "lo-LA", "cs"),
    (0x0F00, 0x0FFF, "bo-CN", "cs"), (0x1000, 0x109F, "my-MM", "cs"),
    (0x1100, 0x11FF, "ko-KR", "ea"), (0x1780, 0x17FF, "km-KH", "cs"),
    (0x3000, 0x303F, "zh-CN", "ea"), (0x3040, 0x30FF, "ja-JP", "ea"),
    (0x3100, 0x312F, "zh-TW", "ea"), (0x3130, 0x318F, "ko-KR", "ea"),
    (0x3400, 0x4DBF, "zh-CN", "ea"), (0x4E00, 0x9FFF, "zh-CN", "ea"),
    (0xAC00, 0xD7AF, "ko-KR", "ea"), (0xF900, 0xFAFF, "zh-CN", "ea"),
    (0xFB1D, 0xFB4F, "he-IL", "rtl"), (0xFB50, 0xFDFF, "ar-SA", "rtl"),
    (0xFE70, 0xFEFC, "ar-SA", "rtl"), (0xFF00, 0xFFEF, "zh-CN", "ea"),
)


# A letter of any script above (typographic quotes and dashes are not: they need no slot).
_SLOTTED = re.compile("[" + "".join(f"\\U{first:08x}-\\U{last:08x}"
                                    for first, last, _, _ in _SCRIPT_RANGES) + "]")


def script_of(char: str) -> tuple[str, str] | None:
    """Return (language, slot) of a letter outside Latin, Greek and Cyrillic, else None."""
    cp = ord(char)
    if cp < 0x0590:
        return None
    for first, last, language, slot in _SCRIPT_RANGES:
        if first <= cp <= last:
            return language, slot
    return None


def split_by_slot(text: str) -> list[tuple[str, str | None]]:
    """Split `text` into (piece, slot) runs; spaces and marks between like letters stay in."""
    if not _SLOTTED.search(text):  # Latin, Greek, Cyrillic, punctuation: one run, no slot
        return [(text, None)] if text else []
    slots: list[str | None] = []
    for char in text:
        found = script_of(char)
        slots.append(found[1] if found else (None if char.isalnum() else ""))
    strong = [(i, slot) for i, slot in enumerate(slots) if slot != ""]
    for (i, left), (j, right) in zip(strong, strong[1:], strict=False):
        for k in range(i + 1, j):  # neutrals between two letters of one slot join them
            slots[k] = left if left == right else None
    resolved = [None if slot == "" else slot for slot in slots]
    pieces: list[tuple[str, str | None]] = []
    for char, slot in zip(text, resolved, strict=True):
        if pieces and pieces[-1][1] == slot:
            pieces[-1] = (pieces[-1][0] + char, slot)
        else:
            pieces.append((char, slot))
    return pieces


def script_props(text: str, slot: str | None, font: str | None = None) -> list[Element]:
    """Return the run properties for `text` written in `slot` ('rtl', 'cs', 'ea' or None),
    naming `font` in the slot's w:rFonts (ascii and hAnsi for None)."""
    if slot is None:
        return [el("w:rFonts", {"w:ascii": font, "w:hAnsi": font})] if font else []
    found = next((script_of(ch) for ch in text if script_of(ch)), None)
    language = found[0] if found else "und"
    if slot == "rtl" and language == "ar-SA":
        language = bidi_language(text)
    if slot == "ea":
        if any(0x3040 <= ord(ch) <= 0x30FF for ch in text):
            language = "ja-JP"
        fonts = {"w:eastAsia": font, "w:hint": "eastAsia"} if font else {"w:hint": "eastAsia"}
        return [el("w:rFonts", fonts), el("w:lang", {"w:eastAsia": language})]
    fonts = {"w:cs": font, "w:hint": "cs"} if font else {"w:hint": "cs"}
    props = [el("w:rFonts", fonts)]
    if slot == "rtl":
        props.append(el("w:rtl"))
    return [*props, el("w:cs"), el("w:lang", {"w:bidi": language})]


def bidi_language(text: str) -> str:
    """Guess the BCP 47 tag of Arabic-script `text`: Pashto, Urdu, else Arabic or Urdu."""
    letters = set(text)
    if letters & _PASHTO:
        return "ps-AF"
    if letters & (_URDU | _PERSO):
        return "ur-PK"
    return "ar-SA"


# ---------------------------------------------------------------- element building


_MAKE = element_maker()


def el(tag: str, attrs: dict[str, str] | None = None, *children: Element) -> Element:
    """Return a new element `tag` ('w:p') with prefixed attributes and children."""
    element: Element = _MAKE(tag)
    for key, value in (attrs or {}).items():
        element.set(qn(key) if ":" in key else key, value)
    for child in children:
        element.append(child)
    return element


def clone(element: Element) -> Element:
    """Return a deep copy of `element`."""
    return copy.deepcopy(element)


def set_child(parent: Element, child: Element, order: Sequence[str]) -> Element:
    """Put `child` into `parent` in schema `order`, replacing a child with the same tag."""
    local = etree.QName(child).localname
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = order[order.index(local) + 1 :] if local in order else ()
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def get_pr(parent: Element, tag: str) -> Element:
    """Return the properties child `tag` ('w:pPr') of `parent`, creating it first."""
    found = parent.find(qn(tag))
    if found is None:
        found = el(tag)
        parent.insert(0, found)
    return found


def text_elements(text: str) -> list[Element]:
    """Turn `text` into w:t, w:tab and w:br elements (tabs and newlines become Word's)."""
    out: list[Element] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            out.append(el("w:br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                out.append(el("w:tab"))
            if chunk:
                t = el("w:t")
                t.text = chunk
                if chunk != chunk.strip():
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                out.append(t)
    return out


def run(text: str = "", props: Iterable[Element] = ()) -> Element:
    """Return a w:r with run properties `props` (in any order) and `text`."""
    r = el("w:r")
    props = list(props)
    if props:
        rpr = el("w:rPr")
        for prop in props:
            set_child(rpr, prop, RPR_ORDER)
        r.append(rpr)
    for child in text_elements(text):
        r.append(child)
    return r


def rtl_props(text: str, font: str) -> list[Element]:
    """Return run properties that mark `text` as right-to-left complex-script text."""
    return [
        el("w:rFonts", {"w:cs": font, "w:hint": "cs"}),
        el("w:rtl"),
        el("w:cs"),
        el("w:lang", {"w:bidi": bidi_language(text)}),
    ]


def set_bidi(p: Element) -> None:
    """Make paragraph `p` a right-to-left paragraph."""
    set_child(get_pr(p, "w:pPr"), el("w:bidi"), PPR_ORDER)


def field(instr: str, result: str, props: Iterable[Element] = ()) -> list[Element]:
    """Return the runs of a complex field: begin, instruction, separate, `result`, end."""
    props = list(props)

    def clone() -> list[Element]:
        return [copy.deepcopy(p) for p in props]

    instr_el = el("w:instrText", {"xml:space": "preserve"})
    instr_el.text = f" {instr} "
    begin, sep, end = (run("", clone()) for _ in range(3))
    begin.append(el("w:fldChar", {"w:fldCharType": "begin"}))
    sep.append(el("w:fldChar", {"w:fldCharType": "separate"}))
    end.append(el("w:fldChar", {"w:fldCharType": "end"}))
    code = run("", clone())
    code.append(instr_el)
    return [begin, code, sep, run(result, clone()), end]


def bookmark(name: str, ident: int, content: Sequence[Element]) -> list[Element]:
    """Return `content` wrapped in a bookmark `name` with id `ident`."""
    start = el("w:bookmarkStart", {"w:id": str(ident), "w:name": name})
    return [start, *content, el("w:bookmarkEnd", {"w:id": str(ident)})]


def hyperlink(content: Sequence[Element], *, rid: str = "", anchor: str = "") -> Element:
    """Return a w:hyperlink to an external relationship `rid` or an internal bookmark `anchor`."""
    attrs = {"r:id": rid} if rid else {"w:anchor": anchor}
    attrs["w:history"] = "1"
    link = el("w:hyperlink", attrs)
    for child in content:
        link.append(child)
    return link


def style_prop(tag: str, style_id: str) -> Element:
    """Return a pStyle/rStyle/tblStyle element naming `style_id`."""
    return el(tag, {"w:val": style_id})


# ---------------------------------------------------------------- notes


def endnotes_root() -> Element:
    """Return an empty w:endnotes element holding Word's separator notes (ids -1 and 0)."""
    root = parse_xml(f"<w:endnotes {nsdecls('w', 'r')}/>")
    for ident, kind in (("-1", "separator"), ("0", "continuationSeparator")):
        p = el("w:p", {}, el("w:pPr", {}, el("w:spacing", {"w:after": "0", "w:line": "240",
                                                            "w:lineRule": "auto"})))
        r = el("w:r")
        r.append(el(f"w:{kind}"))
        p.append(r)
        root.append(el("w:endnote", {"w:type": kind, "w:id": ident}, p))
    return root


def endnote(ident: int, text_style: str, ref_style: str) -> tuple[Element, Element]:
    """Return a w:endnote and its first paragraph (already holding the note's own mark)."""
    p = el("w:p", {}, el("w:pPr", {}, style_prop("w:pStyle", text_style)))
    mark = run("", [style_prop("w:rStyle", ref_style)])
    mark.append(el("w:endnoteRef"))
    p.append(mark)
    p.append(run(" "))
    return el("w:endnote", {"w:id": str(ident)}, p), p


def endnote_reference(ident: int, ref_style: str) -> Element:
    """Return a run holding a reference to endnote `ident`."""
    r = run("", [style_prop("w:rStyle", ref_style)])
    r.append(el("w:endnoteReference", {"w:id": str(ident)}))
    return r


def use_custom_mark(reference_run: Element, mark: str) -> None:
    """Make an endnote mark run print `mark` literally instead of Word's automatic number."""
    ref = reference_run.find(qn("w:endnoteReference"))
    if ref is not None:
        ref.set(qn("w:customMarkFollows"), "1")
    else:
        own = reference_run.find(qn("w:endnoteRef"))
        if own is None:
            return
        reference_run.remove(own)
    for child in text_elements(mark):
        reference_run.append(child)


def set_endnote_properties(settings: Element, at_section_end: bool, ref_ids: Sequence[str]) -> None:
    """Declare decimal endnote numbering (and position) in settings.xml."""
    props = el("w:endnotePr")
    if at_section_end:
        props.append(el("w:pos", {"w:val": "sectEnd"}))
    props.append(el("w:numFmt", {"w:val": "decimal"}))
    for ident in ref_ids:
        props.append(el("w:endnote", {"w:id": ident}))
    for old in settings.findall(qn("w:endnotePr")):
        settings.remove(old)
    for index, existing in enumerate(settings):
        if etree.QName(existing).localname in SETTINGS_AFTER_ENDNOTEPR:
            settings.insert(index, props)
            return
    settings.append(props)


def set_setting(settings: Element, setting: Element) -> Element:
    """Put `setting` into settings.xml in schema order, replacing one with the same tag."""
    return set_child(settings, setting, SETTINGS_ORDER)


# ---------------------------------------------------------------- pictures and tables


def set_alt_text(inline: Element, ident: int, name: str, title: str, descr: str) -> None:
    """Give a wp:inline picture a unique docPr id, a name, a title and alt text."""
    doc_pr = inline.find(qn("wp:docPr"))
    if doc_pr is None:
        raise ValueError("inline has no wp:docPr")
    doc_pr.set("id", str(ident))
    doc_pr.set("name", name)
    doc_pr.set("descr", descr)
    doc_pr.set("title", title)
    for c_nv_pr in inline.iter(qn("pic:cNvPr")):
        c_nv_pr.set("name", name)
        c_nv_pr.set("descr", descr)


def add_svg_blip(inline: Element, svg_rid: str) -> None:
    """Add the Office 2016 SVG extension to the picture's blip (the PNG stays as fallback)."""
    blip = next(inline.iter(qn("a:blip")))
    ext_lst = blip.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = el("a:extLst")
        blip.append(ext_lst)
    svg = etree.SubElement(
        el("a:ext", {"uri": SVG_EXT_URI}), f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS}
    )
    svg.set(f"{{{R_NS}}}embed", svg_rid)
    ext = svg.getparent()
    assert ext is not None
    ext_lst.append(ext)


def repeat_header(tr: Element) -> None:
    """Mark table row `tr` as a header row that repeats on every page and never splits."""
    tr_pr = get_pr(tr, "w:trPr")
    for tag in ("w:cantSplit", "w:tblHeader"):
        if tr_pr.find(qn(tag)) is None:
            tr_pr.append(el(tag))


def keep_row_together(tr: Element) -> None:
    """Forbid table row `tr` from breaking across pages."""
    tr_pr = get_pr(tr, "w:trPr")
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, el("w:cantSplit"))


def shading(fill: str) -> Element:
    """Return a w:shd filling with hex colour `fill` ('#edf2f6' or 'EDF2F6')."""
    return el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": hex_color(fill)})


def borders(tag: str, sides: dict[str, tuple[str, int, str]]) -> Element:
    """Return border element `tag` (w:pBdr, w:tblBorders, w:tcBorders) from side specs."""
    element = el(tag)
    order = ("top", "left", "start", "bottom", "right", "end", "between", "bar",
             "insideH", "insideV")
    for side in sorted(sides, key=order.index):
        style, size, color = sides[side]
        attrs = {"w:val": style, "w:sz": str(size), "w:space": "0"}
        if style not in ("nil", "none"):
            attrs["w:color"] = hex_color(color)
            attrs["w:space"] = "4" if tag == "w:pBdr" else "0"
        element.append(el(f"w:{side}", attrs))
    return element


def number(num_id: str, level: int = 0) -> Element:
    """Return the w:numPr that puts a paragraph in list `num_id` at `level`."""
    return el("w:numPr", {}, el("w:ilvl", {"w:val": str(level)}), el("w:numId", {"w:val": num_id}))


def tint(color: str, amount: float) -> str:
    """Return `color` mixed with white by `amount` (0: unchanged, 1: white), as Word hex."""
    value = hex_color(color)
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21; 4.5 is enough for small text)."""
    def luminance(color: str) -> float:
        value = hex_color(color)
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def legible_on(fill: str, *colors: str) -> str:
    """Return the first of `colors` readable as small text on `fill`, else the most readable."""
    for color in colors:
        if contrast(color, fill) >= 4.5:
            return hex_color(color)
    return hex_color(max(colors, key=lambda color: contrast(color, fill)))


def hex_color(color: str) -> str:
    """Return `color` ('#0b3d5c') as Word's upper-case six-digit hex ('0B3D5C')."""
    value = color.lstrip("#").upper()
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return value
