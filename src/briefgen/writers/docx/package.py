"""The .docx package around the body: endnotes and SVG parts, properties, page setup, zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm

from briefgen.compat.docx import section_properties
from briefgen.errors import BriefError
from briefgen.model import Meta
from briefgen.theme import Theme
from briefgen.timestamps import stamp_datetime
from briefgen.writers.docx.ooxml import el, endnotes_root
from briefgen.writers.text import escape_xml

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
CORE_LIMIT = 255  # python-docx (and Word's property dialog) refuse longer core properties
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}


def attach_endnotes(document: WordDocument) -> XmlPart:
    """Give the document a fresh endnotes part holding only Word's two separator notes."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == RT.ENDNOTES:
            part.drop_rel(rid)
    endnotes = XmlPart(PackURI("/word/endnotes.xml"), CT.WML_ENDNOTES, endnotes_root(),
                       part.package)
    part.relate_to(endnotes, RT.ENDNOTES)
    return endnotes


def attach_svg(part: Part, svg: bytes) -> str:
    """Store `svg` as an image part related to `part`; return the relationship id."""
    partname = part.package.next_partname("/word/media/image%d.svg")
    svg_part = Part(partname, "image/svg+xml", svg, part.package)
    return part.relate_to(svg_part, RT.IMAGE)


def max_drawing_id(document: WordDocument) -> int:
    """Return the largest wp:docPr id used in any part (headers and footers included)."""
    highest = 0
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            for doc_pr in part.element.iter(qn("wp:docPr")):
                value = doc_pr.get("id", "0")
                if value.isdigit():
                    highest = max(highest, int(value))
    return highest


def edition_datetime(meta: Meta) -> dt.datetime:
    """Return the edition date as a midnight UTC datetime (the build stays deterministic)."""
    try:
        day = dt.date.fromisoformat(meta.date)
    except ValueError as exc:
        raise BriefError(f"meta.date: {meta.date!r} is not an ISO date (YYYY-MM-DD)") from exc
    return stamp_datetime(day)


def clip(text: str, limit: int = CORE_LIMIT) -> str:
    """Return `text` cut to `limit` characters, ending in an ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def set_properties(document: WordDocument, meta: Meta, category: str = "Policy brief") -> None:
    """Write the brief's metadata into the core properties and drop the template thumbnail."""
    props = document.core_properties
    names = "; ".join(a.name for a in meta.authors)
    when = edition_datetime(meta)
    props.title = clip(meta.title)
    props.subject = clip(meta.subject)
    props.author = clip(names or meta.organisation)
    props.last_modified_by = clip(names or meta.organisation)
    props.keywords = clip(", ".join(meta.keywords))
    props.comments = clip(meta.subtitle)
    props.category = clip(category)
    props.language = clip(meta.language)
    props.identifier = ""
    props.version = ""
    props.created = when
    props.modified = when
    props.revision = 1
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)


def set_page(section: Section, theme: Theme) -> None:
    """Apply the theme's page size and margins to `section`."""
    width, height = PAGE_SIZES_MM[theme.page.size]
    margins = theme.page.margins_mm
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
    section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
    section.header_distance = Mm(max(6.0, min(12.0, margins.top - 12)))
    section.footer_distance = Mm(max(6.0, min(10.0, margins.bottom - 10)))
    section.gutter = Mm(0)


def number_endnotes_decimally(section: Section) -> None:
    """Number endnotes 1, 2, 3 in `section` (Word's default for endnotes is i, ii, iii)."""
    sect_pr = section_properties(section)
    for old in sect_pr.findall(qn("w:endnotePr")):
        sect_pr.remove(old)
    props = el("w:endnotePr", {}, el("w:numFmt", {"w:val": "decimal"}))
    anchor = sect_pr.find(qn("w:type"))
    if anchor is None:
        anchor = sect_pr.find(qn("w:pgSz"))
    if anchor is not None:
        anchor.addprevious(props)
    else:
        sect_pr.append(props)


def text_area(section: Section) -> tuple[int, int]:
    """Return the (width, height) between the margins of `section`, in EMU."""
    width = (section.page_width or Mm(210)) - (section.left_margin or 0) - (
        section.right_margin or 0)
    height = (section.page_height or Mm(297)) - (section.top_margin or 0) - (
        section.bottom_margin or 0)
    return int(width), int(height)


def app_properties(meta: Meta) -> bytes:
    """docProps/app.xml saying what made the file (the template's says 'Microsoft Word')."""
    company = escape_xml(meta.organisation)
    title = escape_xml(clip(meta.title))
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>0</TotalTime>'
        f"<Application>briefgen</Application><DocSecurity>0</DocSecurity>"
        f"<ScaleCrop>false</ScaleCrop><Company>{company}</Company>"
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Title'
        "</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector>"
        '</HeadingPairs><TitlesOfParts><vt:vector size="1" baseType="lpstr">'
        f"<vt:lpstr>{title}</vt:lpstr></vt:vector></TitlesOfParts>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def zip_package(entries: dict[str, bytes]) -> bytes:
    """Zip a package's members with fixed timestamps in a stable order (byte-identical builds)."""
    names = sorted(entries,
                   key=lambda n: (n != "[Content_Types].xml", not n.startswith("_rels/"), n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()
