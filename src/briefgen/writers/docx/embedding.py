"""Fonts embedded in the .docx as Word embeds them, so the file renders the same anywhere.

Word stores each embedded face as an obfuscated TrueType part (word/fonts/fontN.odttf)
related from the font table, which names it in w:embedRegular / w:embedBold /
w:embedItalic / w:embedBoldItalic with the GUID that de-obfuscates it (ECMA-376 Part 1,
§17.8.1: the first 32 bytes of the font are XORed with the GUID's 16 bytes in reverse
order). Faces are subset to the document's characters plus the Latin and punctuation an
editor is likely to type, which keeps the file small; settings.xml then says so
(w:saveSubsetFonts). Variable fonts are instanced to static faces first: Word cannot use
an embedded variable font.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from briefgen.fonts import FontChain, FontFileError, family_files, family_key
from briefgen.fonts.cache import cached_bytes
from briefgen.fonts.instances import shaping_source
from briefgen.glyphs import ARABIC_FAMILY, arabic_font_path

FONT_CT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
FACES = ("Regular", "Bold", "Italic", "BoldItalic")
_NAMESPACE = uuid.UUID("6f1b6a52-3c1e-4f43-9a55-6b2f1c0de0c1")
# What an editor may type even if the brief does not use it yet: Latin-1, Latin Extended-A,
# general punctuation, currency, arrows and the common symbols.
_BASE = frozenset([*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2030),
                   *range(0x2030, 0x2050), *range(0x20A0, 0x20C0), 0x2122, 0x2212, 0x2190,
                   0x2192, 0x2026, 0x25CF, 0xFB01, 0xFB02])


def family_faces(family: str) -> dict[str, Path]:
    """Return the font files of `family` by face ('Regular', 'Bold', 'Italic', 'BoldItalic')."""
    if family == ARABIC_FAMILY:  # one face: Word emboldens it where a bold run needs it
        path = arabic_font_path()
        return {"Regular": path} if path else {}
    files = family_files(family)
    return dict(zip(FACES, (files.regular, files.bold, files.italic, files.bold_italic),
                    strict=True))


def arabic_face() -> Path | None:
    """Return the Arabic-script fallback font file, or None when it is not installed."""
    return arabic_font_path()


@dataclass(frozen=True)
class EmbeddedFont:
    """One embedded face: its family, face, GUID key and the obfuscated font bytes."""

    family: str
    face: str
    key: str  # '{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}'
    data: bytes


def font_key(family: str, face: str) -> str:
    """Return the stable GUID that obfuscates `family`'s `face` (the same in every build)."""
    return "{" + str(uuid.uuid5(_NAMESPACE, f"{family}/{face}")).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes of `data` with the GUID `key`'s bytes reversed (both ways)."""
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


@cache
def subset_face(path: Path, codepoints: frozenset[int], weight: int | None = None, *,
                shaping: bool = True, index: int = 0) -> bytes:
    """Return the TrueType bytes of `path` (font `index` of a collection) cut to `codepoints`
    (a static `weight` instance).

    Without `shaping` the OpenType layout tables go too: simple scripts need none of them
    to render, and decoding them is most of the cost of a subset. Subsets are kept in the
    font cache: most briefs in one language ask for the same characters.
    """
    import fontTools

    key = ("docx-subset", fontTools.version, sorted(codepoints), weight, shaping,
           *((index,) if index else ()))
    return cached_bytes(key, path, lambda: _subset(path, codepoints, weight, shaping, index))


def _subset(path: Path, codepoints: frozenset[int], weight: int | None,
            shaping: bool, index: int = 0) -> bytes:
    """Make the subset `subset_face` describes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False)
    options = subset.Options()
    # fontTools' default features cover shaping: joining forms, ligatures, marks, kerning.
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.glyph_names = False
    options.legacy_kern = True
    drop = ("FFTM",) if shaping else ("FFTM", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH")
    for tag in drop:  # FFTM: FontForge's timestamps, which the subsetter cannot keep
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    if "fvar" in font:
        font = _instance(font, weight or 400)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _instance(font: object, weight: int) -> object:
    """Return a static instance of variable `font` at `weight`, named and flagged for it."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    assert isinstance(font, TTFont)
    axes = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
    if "wght" in axes:
        axes["wght"] = weight
    static = instancer.instantiateVariableFont(font, axes, inplace=True)
    bold = weight >= 600
    static["OS/2"].usWeightClass = weight
    selection = static["OS/2"].fsSelection & ~0b1100001  # clear italic, bold, regular
    static["OS/2"].fsSelection = selection | (0b100000 if bold else 0b1000000)
    static["head"].macStyle = (static["head"].macStyle & ~1) | (1 if bold else 0)
    names = static["name"]
    family = names.getDebugName(1) or ""
    style = "Bold" if bold else "Regular"
    for ident, value in ((2, style), (4, f"{family} {style}".strip()),
                         (6, f"{family.replace(' ', '')}-{style}")):
        names.setName(value, ident, 3, 1, 0x409)
        names.setName(value, ident, 1, 0, 0)
    for ident in (16, 17, 25):
        names.removeNames(nameID=ident)
    return static


@cache
def embeddable(path: Path, index: int = 0) -> bool:
    """Return True if font `index` of `path` may be embedded as a subset, as Word would.

    It must have TrueType outlines (Word embeds no CFF font) and an OS/2 fsType that allows
    embedding (not 'restricted licence', not 'bitmap only') and subsetting (a font that may
    only travel whole is left out rather than embedded at full size).
    """
    try:
        fs_type = int(cached_bytes(("fstype", index), path, lambda: _fs_type(path, index)))
    except OSError:
        return False
    return fs_type >= 0 and fs_type & 0x000F != 0x0002 and not fs_type & 0x0300


def _fs_type(path: Path, index: int) -> bytes:
    """Return the font's OS/2 fsType as ASCII digits; -1 when it has no TrueType outlines."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), fontNumber=index, lazy=True) as font:
            if "glyf" not in font:
                return b"-1"
            return str(int(font["OS/2"].fsType) if "OS/2" in font else 0).encode()
    except (TTLibError, KeyError):
        return b"-1"


def face_bytes(path: Path, codepoints: frozenset[int], face: str, *,
               shaping: bool) -> bytes | None:
    """Return static face `path` ('Bold' `face` of its family) cut to `codepoints`, or None
    when its font may not be embedded.

    With `shaping`, or for a font of a .ttc collection, the cut is made from the file the
    face was found in (static faces lose their layout tables, see fonts/instances.py), then
    instanced at the face's weight; otherwise from the static face itself.
    """
    origin = shaping_source(path)
    if not embeddable(origin.source, origin.index):
        return None
    weight = 700 if face.startswith("Bold") else 400
    if not shaping and origin.source.suffix.lower() != ".ttc":
        return subset_face(path, codepoints, weight, shaping=False)
    weight = round(dict(origin.variations).get("wght", weight))
    return subset_face(origin.source, codepoints, weight, shaping=shaping, index=origin.index)


def embedded_fonts(families: Iterable[str], text: str,
                   shaped: Collection[str] = ()) -> list[EmbeddedFont]:
    """Return every face of `families` subset to `text`, obfuscated, in a stable order.

    Families in `shaped` set complex-script text: they keep their layout tables.
    """
    shaped = {family_key(name) for name in shaped}
    used = frozenset(map(ord, set(text)))
    fonts: list[EmbeddedFont] = []
    for family in dict.fromkeys(families):
        # A fallback family only draws the letters the main faces lack: it gets the text alone.
        wanted = used if family == ARABIC_FAMILY else used | _BASE
        shaping = family == ARABIC_FAMILY or family_key(family) in shaped
        for face, path in family_faces(family).items():
            data = face_bytes(path, wanted, face, shaping=shaping)
            if data is None:
                break  # not embeddable: the runs name it, an installed copy draws them
            key = font_key(family, face)
            fonts.append(EmbeddedFont(family, face, key, obfuscate(data, key)))
    return fonts


@dataclass
class FamilyUse:
    """What a document sets in one fallback family of a role's chain: characters by face
    ('Regular', 'Bold' ...), and whether some are a complex script (shaped by the font)."""

    chain: FontChain
    index: int
    faces: dict[str, set[str]] = field(default_factory=dict)
    shaping: bool = False

    @property
    def family(self) -> str:
        """Return the family's name."""
        return self.chain.families[self.index].name


def fallback_fonts(uses: Iterable[FamilyUse]) -> list[EmbeddedFont]:
    """Return the faces fallback runs use, each cut to the characters set in it, by family.

    A face the family lacks (Thai italic) is drawn from the one that stands in for it, which
    Word slants or emboldens: only that one is embedded.
    """
    fonts: list[EmbeddedFont] = []
    for use in sorted(uses, key=lambda u: u.family):
        try:
            paths = dict(zip(FACES, use.chain.files(use.index).faces(), strict=True))
        except (FontFileError, OSError):
            continue  # CFF outlines inside a collection, a broken variable font: named only
        wanted: dict[str, set[int]] = {}
        for face, chars in use.faces.items():
            owner = next(f for f in FACES if paths[f] == paths[face])
            wanted.setdefault(owner, set()).update(map(ord, chars))
        for face in (f for f in FACES if f in wanted):
            data = face_bytes(paths[face], frozenset(wanted[face]), face, shaping=use.shaping)
            if data is None:
                break
            key = font_key(use.family, face)
            fonts.append(EmbeddedFont(use.family, face, key, obfuscate(data, key)))
    return fonts


def font_parts(fonts: Iterable[EmbeddedFont], font_table: bytes,
               content_types: bytes) -> dict[str, bytes]:
    """Return the zip entries that embed `fonts`: font parts, font table, its rels, types."""
    fonts = list(fonts)
    table = etree.fromstring(font_table)
    rels = etree.Element(f"{{{PR_NS}}}Relationships", nsmap={None: PR_NS})
    entries: dict[str, bytes] = {}
    by_family: dict[str, list[tuple[EmbeddedFont, str]]] = {}
    for index, font in enumerate(fonts, start=1):
        rid = f"rId{index}"
        entries[f"word/fonts/font{index}.odttf"] = font.data
        etree.SubElement(rels, f"{{{PR_NS}}}Relationship", Id=rid, Type=FONT_REL,
                         Target=f"fonts/font{index}.odttf")
        by_family.setdefault(font.family, []).append((font, rid))
    for family, faces in by_family.items():
        _declare(table, family, faces)
    entries["word/fontTable.xml"] = _xml(table)
    entries["word/_rels/fontTable.xml.rels"] = _xml(rels)
    entries["[Content_Types].xml"] = _with_default(content_types, "odttf", FONT_CT)
    return entries


def _declare(table: etree._Element, family: str,
             faces: list[tuple[EmbeddedFont, str]]) -> None:
    """Add (or complete) the w:font entry of `family` with its w:embed* elements."""
    w = f"{{{W_NS}}}"
    entry = next((f for f in table.findall(f"{w}font") if f.get(f"{w}name") == family), None)
    if entry is None:
        entry = etree.SubElement(table, f"{w}font", {f"{w}name": family})
        etree.SubElement(entry, f"{w}charset", {f"{w}val": "00"})
        etree.SubElement(entry, f"{w}family", {f"{w}val": "swiss"})
        etree.SubElement(entry, f"{w}pitch", {f"{w}val": "variable"})
    for old in [c for c in entry if etree.QName(c).localname.startswith("embed")]:
        entry.remove(old)
    faces = sorted(faces, key=lambda item: FACES.index(item[0].face))
    for font, rid in faces:
        etree.SubElement(entry, f"{w}embed{font.face}",
                         {f"{{{R_NS}}}id": rid, f"{w}fontKey": font.key})


def _with_default(content_types: bytes, extension: str, content_type: str) -> bytes:
    """Return [Content_Types].xml with a Default for `extension` (placed before overrides)."""
    root = etree.fromstring(content_types)
    defaults = root.findall(f"{{{CT_NS}}}Default")
    if not any(d.get("Extension") == extension for d in defaults):
        new = etree.Element(f"{{{CT_NS}}}Default", Extension=extension, ContentType=content_type)
        if defaults:
            defaults[-1].addnext(new)
        else:
            root.insert(0, new)
    return _xml(root)


def _xml(root: etree._Element) -> bytes:
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


def read_embedded(parts: Mapping[str, bytes]) -> dict[tuple[str, str], bytes]:
    """Return {(family, face): plain font bytes} from a package's font table and font parts."""
    w = f"{{{W_NS}}}"
    table = etree.fromstring(parts["word/fontTable.xml"])
    rels = etree.fromstring(parts["word/_rels/fontTable.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    found: dict[tuple[str, str], bytes] = {}
    for entry in table.findall(f"{w}font"):
        for embed in entry:
            local = etree.QName(embed).localname
            if not local.startswith("embed"):
                continue
            target = targets[embed.get(f"{{{R_NS}}}id")]
            data = parts[f"word/{target}"]
            found[(entry.get(f"{w}name", ""), local[5:])] = obfuscate(data,
                                                                      embed.get(f"{w}fontKey", ""))
    return found
