"""Fallback fonts in the DOCX: runs name the family the PDF draws them in, and it is embedded."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from lxml import etree

from briefgen import model as m
from briefgen.fonts import Face, Family, FontChain, FontFileError, find_family, resolve_chain
from briefgen.pipeline import build, prepare
from briefgen.theme import Theme, find_style, load_theme
from briefgen.writers.docx import embedding
from briefgen.writers.docx import ooxml as ox
from briefgen.writers.docx.writer import render_docx
from tests.samples import sample_document

FIXTURE = Path(__file__).parents[1] / "fixtures" / "scripts"
# One letter of each script the many-scripts brief uses, and the w:rFonts slot it goes in.
SCRIPTS = {"Thai": ("ก", "cs"), "Khmer": ("ភ", "cs"), "Devanagari": ("द", "cs"),
           "Tamil": ("ச", "cs"), "Arabic": ("ا", "cs"), "Hebrew": ("ש", "cs"),
           "Chinese": ("北", "eastAsia")}
SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")


@pytest.fixture(scope="module")
def theme() -> Theme:
    return prepare(FIXTURE)[1]


@pytest.fixture(scope="module")
def expected(theme: Theme) -> dict[str, str]:
    """The family the PDF's body chain sets each script in, for the scripts some font draws."""
    chain = resolve_chain(theme.fonts.chain("body"), theme.fonts.search_folders)
    found = {script: chain.families[chain.font_for(ch)].name
             for script, (ch, _) in SCRIPTS.items() if chain.first_drawing(ch) is not None}
    if set(found) < set(SCRIPTS) - {"Chinese"}:
        pytest.skip(f"no installed font draws {set(SCRIPTS) - set(found)} (see the test extra)")
    return found


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scripts-docx")
    result = build(FIXTURE, out_dir=out, formats=["docx"], use_cache=False, workers=0)
    return result.outputs["docx"]


@pytest.fixture(scope="module")
def parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def runs(parts: dict[str, bytes]) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (text, {slot: family, 'hint': ...}) of every run with text in every story."""
    for name, data in parts.items():
        if not re.fullmatch(r"word/(document|endnotes|header\d*|footer\d*)\.xml", name):
            continue
        for r in etree.fromstring(data).iter(qn("w:r")):
            text = "".join(t.text or "" for t in r.iter(qn("w:t")))
            fonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            attrs = {} if fonts is None else {etree.QName(k).localname: v
                                               for k, v in fonts.attrib.items()}
            if text:
                yield text, attrs


def set_in(parts: dict[str, bytes]) -> dict[str, set[str]]:
    """Return the characters each family named by a run sets."""
    chars: dict[str, set[str]] = {}
    for text, fonts in runs(parts):
        for slot in SLOTS:
            if slot in fonts:
                chars.setdefault(fonts[slot], set()).update(ch for ch in text if not ch.isspace())
    return chars


def declared(parts: dict[str, bytes]) -> dict[str, list[str]]:
    """Return {family: its w:embed* faces} from the font table."""
    table = etree.fromstring(parts["word/fontTable.xml"])
    return {f.get(qn("w:name")): [etree.QName(e).localname[5:] for e in f
                                  if etree.QName(e).localname.startswith("embed")]
            for f in table.iter(qn("w:font"))}


# ---------------------------------------------------------------- the many-scripts brief


def test_every_run_names_the_family_the_pdf_uses_in_its_slot(
        parts: dict[str, bytes], expected: dict[str, str]) -> None:
    checked: set[str] = set()
    for text, fonts in runs(parts):
        for script, family in expected.items():
            letter, slot = SCRIPTS[script]
            if not any(ox.script_of(ch) == ox.script_of(letter) for ch in text):
                continue
            assert fonts.get(slot) == family, (script, text, fonts)
            assert fonts.get("hint") == ("eastAsia" if slot == "eastAsia" else "cs"), text
            assert "ascii" not in fonts, text  # the Latin slot keeps the style's family
            checked.add(script)
    assert checked == set(expected)


def test_the_font_table_embeds_every_family_a_run_names(
        parts: dict[str, bytes], expected: dict[str, str]) -> None:
    faces = declared(parts)
    for script, family in expected.items():
        assert "Regular" in faces.get(family, []), (script, family, faces)
    # Bold Thai, Khmer and Hindi in the brief: their families get a bold face; no Tamil is bold
    for script in ("Thai", "Khmer", "Devanagari"):
        assert "Bold" in faces[expected[script]], script
    assert faces[expected["Tamil"]] == ["Regular"]
    # Italic Arabic has no italic face to embed: Word slants the regular one
    assert "Italic" not in faces[expected["Arabic"]]
    assert set(set_in(parts)) <= set(faces)


def test_each_embedded_fallback_is_a_truetype_subset_covering_its_text(
        parts: dict[str, bytes], expected: dict[str, str]) -> None:
    fonts = embedding.read_embedded(parts)
    wanted = set_in(parts)
    for family in set(expected.values()):
        cmaps: set[int] = set()
        for (name, face), data in fonts.items():
            if name != family:
                continue
            font = TTFont(io.BytesIO(data))  # de-obfuscated, it is a font again
            assert "glyf" in font and "fvar" not in font, (family, face)
            assert font["name"].getDebugName(1).startswith(family), (family, face)
            if family != expected.get("Chinese"):
                assert "GSUB" in font, (family, face)  # complex scripts keep their shaping
            cmap = set(font.getBestCmap())
            assert len(cmap) < 200, family  # cut to the document's letters
            cmaps |= cmap
        missing = {ch for ch in wanted[family] if ord(ch) not in cmaps}
        assert not missing, (family, missing)


def test_bold_faces_are_bold_instances_with_their_own_letters(
        parts: dict[str, bytes], expected: dict[str, str]) -> None:
    fonts = embedding.read_embedded(parts)
    bold = TTFont(io.BytesIO(fonts[(expected["Thai"], "Bold")]))
    assert bold["OS/2"].usWeightClass == 700 and bold["head"].macStyle & 1
    assert set(map(ord, "กรุงเทพมหานคร")) <= set(bold.getBestCmap())


# ---------------------------------------------------------------- smaller documents


def _with(text: str) -> m.Document:
    doc = sample_document()
    return dataclasses.replace(doc, blocks=(m.Paragraph((m.Text(text),)),))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_a_latin_slot_fallback_is_named_in_ascii_and_hansi() -> None:
    theme = load_theme(find_style("house-serif"))
    chain = resolve_chain(theme.fonts.chain("body"), theme.fonts.search_folders)
    if chain.font_for("Α") == 0:
        pytest.skip("the body family draws Greek here")
    greek = chain.families[chain.font_for("Α")].name
    parts = _parts(render_docx(_with("Athens is Αθήνα in Greek."), theme))
    named = [(text, fonts) for text, fonts in runs(parts) if "Αθήνα" in text]
    assert named == [("Αθήνα", {"ascii": greek, "hAnsi": greek})]
    assert "Regular" in declared(parts)[greek]


def test_the_arabic_fallback_holds_only_what_it_sets() -> None:
    if find_family("Noto Sans Arabic") is None:
        pytest.skip("the Arabic font package is missing")
    parts = _parts(render_docx(_with("Lahore is لاہور in Urdu."), Theme()))
    font = TTFont(io.BytesIO(embedding.read_embedded(parts)[("Noto Sans Arabic", "Regular")]))
    assert not any(chr(c).isascii() and chr(c).isalpha() for c in font.getBestCmap())
    assert set(map(ord, "لاہور")) <= set(font.getBestCmap())


def test_a_font_that_may_not_be_embedded_is_named_and_left_out(
        monkeypatch: pytest.MonkeyPatch) -> None:
    chain = resolve_chain(Theme().fonts.chain("body"))
    if chain.first_drawing("ก") is None:
        pytest.skip("no Thai font")
    thai = chain.families[chain.font_for("ก")]
    sources = {face.path for face in thai.faces}
    allowed = embedding.embeddable
    monkeypatch.setattr(embedding, "embeddable",
                        lambda path, index=0: path not in sources and allowed(path, index))
    parts = _parts(render_docx(_with("Bangkok is กรุงเทพ."), Theme()))
    assert ("กรุงเทพ", {"cs": thai.name, "hint": "cs"}) in list(runs(parts))
    assert not declared(parts).get(thai.name)


def _copy(path: Path, target: Path, fs_type: int = 0, outlines: bool = True) -> Path:
    font = TTFont(str(path))
    font["OS/2"].fsType = fs_type
    if not outlines:  # stands for a CFF font: no TrueType outlines
        del font["glyf"], font["loca"]
    font.save(str(target))
    return target


@pytest.mark.parametrize(("fs_type", "outlines", "ok"), [
    (0, True, True), (0x0004, True, True), (0x0008, True, True),  # installable, print, edit
    (0x0002, True, False), (0x0200, True, False), (0x0100, True, False),  # restricted ...
    (0, False, False),
])
def test_embeddable_follows_the_licence_bits_and_the_outlines(
        tmp_path: Path, fs_type: int, outlines: bool, ok: bool) -> None:
    family = find_family("DejaVu Sans")
    assert family is not None
    path = _copy(family.faces[0].path, tmp_path / f"f{fs_type}{outlines}.ttf", fs_type, outlines)
    assert embedding.embeddable(path) is ok


def test_fallback_fonts_skip_a_family_without_usable_faces(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    family = find_family("DejaVu Sans")
    assert family is not None
    restricted = _copy(next(f.path for f in family.faces if f.weight == 400 and not f.italic),
                       tmp_path / "restricted.ttf", 0x0002)
    chain = FontChain((Family("Restricted", "folder", [Face("Restricted", restricted)]),))
    use = embedding.FamilyUse(chain, 0, {"Regular": set("abc")})
    assert embedding.fallback_fonts([use]) == []

    def broken(index: int) -> None:
        raise FontFileError("PostScript outlines")

    monkeypatch.setattr(chain, "files", broken)
    assert embedding.fallback_fonts([use]) == []


def test_a_collection_is_cut_from_the_right_font_number() -> None:
    family = find_family("WenQuanYi Micro Hei Mono")
    if family is None or family.faces[0].index == 0:
        pytest.skip("no second font of a .ttc collection installed (fonts-wqy-microhei)")
    face = family.faces[0]
    data = embedding.subset_face(face.path, frozenset(map(ord, "北京")), 400, shaping=False,
                                 index=face.index)
    font = TTFont(io.BytesIO(data))
    assert font["name"].getDebugName(1) == "WenQuanYi Micro Hei Mono"
    assert {ord("北"), ord("京")} <= set(font.getBestCmap())


def test_script_props_name_a_latin_slot_font() -> None:
    assert ox.script_props("Αθήνα", None) == []
    (fonts,) = ox.script_props("Αθήνα", None, "DejaVu Serif")
    assert (fonts.get(qn("w:ascii")), fonts.get(qn("w:hAnsi"))) == ("DejaVu Serif",) * 2


# ---------------------------------------------------------------- LibreOffice


def _system_families() -> set[str]:
    out = subprocess.run(["fc-list", "--format", "%{family[0]}\n"], capture_output=True,
                         text=True, check=False).stdout
    return set(out.splitlines())


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdffonts") is None,
                    reason="LibreOffice or poppler is not installed")
def test_libreoffice_draws_every_script_with_the_embedded_fallbacks(
        docx: Path, parts: dict[str, bytes], expected: dict[str, str], tmp_path: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / f"{docx.stem}.pdf"
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    used = {line.split()[0].split("+")[-1].split("-")[0] for line in listing}
    embedded = {name.replace(" ", "") for name in declared(parts)}
    # Every font LibreOffice drew with is one the DOCX carries: nothing was substituted.
    assert all(any(name.startswith(family) for family in embedded) for name in used), used
    system = _system_families()
    for script, family in expected.items():
        if family not in system:  # not installed here: it can only come from the DOCX
            assert family.replace(" ", "") in used, (script, family, used)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    for string in ("แม่น้ำโขง", "ភ្នំពេញ", "नमस्ते दुनिया", "சென்னை", "湄公河"):
        if any(ox.script_of(string[0]) == ox.script_of(SCRIPTS[s][0]) for s in expected):
            assert string in text, string
