"""The private APIs behind briefgen.compat still exist in the installed library versions."""

import io

from briefgen.compat import docx as docx_compat
from briefgen.compat import reportlab as rl_compat


def test_reportlab_is_within_the_tested_bounds() -> None:
    low, high = rl_compat.SUPPORTED
    assert low <= rl_compat.version_tuple() < high


def test_python_docx_is_within_the_tested_bounds() -> None:
    low, high = docx_compat.SUPPORTED
    assert low <= docx_compat.version_tuple() < high


def test_reportlab_timestamp_and_deferred_save() -> None:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    canvas = Canvas(io.BytesIO(), invariant=1)
    rl_compat.stamp_document(canvas, 1_700_000_000)
    assert canvas._doc._timeStamp.YMDhms[:3] == (2023, 11, 14)
    import inspect

    from reportlab.platypus import doctemplate

    # BaseDocTemplate.build saves unless the template's _doSave is false
    assert "getattr(self,'_doSave',1)" in inspect.getsource(doctemplate.BaseDocTemplate)
    template = SimpleDocTemplate(io.BytesIO())
    rl_compat.defer_save(template)
    assert template._doSave == 0


def test_reportlab_writes_tounicode_objects_under_the_expected_name() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from briefgen.fonts import family_files

    path = family_files("DejaVu Sans").regular
    pdfmetrics.registerFont(TTFont("CompatProbe", str(path)))
    canvas = Canvas(io.BytesIO(), invariant=1)
    canvas.setFont("CompatProbe", 10)
    canvas.drawString(10, 10, "abc")
    canvas.showPage()
    canvas.save()
    names = [k for k in canvas._doc.idToObject if str(k).startswith("toUnicodeCMap:")]
    assert names, "ReportLab no longer names ToUnicode streams 'toUnicodeCMap:<font>'"
    assert rl_compat.tounicode_object(canvas._doc, names[0][len("toUnicodeCMap:"):]) is not None


def test_docx_section_properties() -> None:
    from docx import Document

    section = Document().sections[0]
    assert docx_compat.section_properties(section).tag.endswith("}sectPr")


def _dejavu() -> str:
    from briefgen.fonts import family_files

    return str(family_files("DejaVu Sans").regular)


def test_a_face_from_the_font_cache_is_the_face_reportlab_parses(
        tmp_path: object, monkeypatch: object) -> None:
    from pathlib import Path

    from reportlab.pdfbase.ttfonts import TTFontFace

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # type: ignore[attr-defined]
    path = _dejavu()
    parsed = TTFontFace(path)
    first = rl_compat.parsed_face(Path(path))  # parses and stores
    again = rl_compat.parsed_face(Path(path))  # read from the cache
    assert list(Path(str(tmp_path)).rglob("*.bin"))
    assert "charWidths" not in again.__dict__  # the per-glyph tables wait for first use
    for face in (first, again):
        keys = set(parsed.__dict__) - {"_pos", "_pdfScale"}
        for key in keys:
            assert getattr(face, key) == getattr(parsed, key), key
        assert set(face.__dict__) - {"_pos", "_pdfScale", "_tables"} == keys
        assert face.name.ustr == parsed.name.ustr
        assert [face._pdfScale(v) for v in (1, 7, 2048)] == [
            parsed._pdfScale(v) for v in (1, 7, 2048)]


def test_init_ttfont_sets_what_ttfont_init_sets() -> None:
    from pathlib import Path

    from reportlab.pdfbase.ttfonts import TTFont

    path = _dejavu()
    reference = TTFont("bg-reference", path)
    made = TTFont.__new__(TTFont)
    rl_compat.init_ttfont(made, "bg-reference", rl_compat.parsed_face(Path(path)))
    assert set(made.__dict__) == set(reference.__dict__)
    for key in ("fontName", "_asciiReadable", "shapable"):
        assert getattr(made, key) == getattr(reference, key)
    assert type(made.encoding) is type(reference.encoding)


def test_citeproc_is_within_the_tested_bounds() -> None:
    from briefgen.compat import citeproc as citeproc_compat

    low, high = citeproc_compat.SUPPORTED
    assert low <= citeproc_compat.version_tuple() < high


def test_a_memoized_csl_macro_is_the_macro_xpath_finds() -> None:
    from citeproc import CitationStylesStyle, model

    from briefgen.assemble.citations import style_path
    from briefgen.compat import citeproc as citeproc_compat

    citeproc_compat.memoize_macros()
    citeproc_compat.memoize_macros()  # a second call changes nothing
    style = CitationStylesStyle(str(style_path(None)), validate=False)
    root = style.root
    names = [m.get("name") for m in root.xpath_search("cs:macro")]
    assert len(names) > 10
    for name in names:
        found = root.get_macro(name)
        assert found is root.get_macro(name)
        assert found == root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
    assert model.CitationStylesElement.get_macro.briefgen_memoized


def test_a_macro_calls_a_variable_as_the_walk_says() -> None:
    from citeproc import CitationStylesStyle, model

    from briefgen.assemble.citations import style_path
    from briefgen.compat import citeproc as citeproc_compat

    citeproc_compat.memoize_macros()
    walk = model.Text.calls_variable.briefgen_walk
    checked = 0
    for name in (None, "apa"):
        root = CitationStylesStyle(str(style_path(name)), validate=False).root
        for text in root.iter("{*}text"):
            assert text.calls_variable() == walk(text), text.get("macro")
            assert text.calls_variable() == walk(text)  # memoized, same answer
            checked += 1
    assert checked > 20


def test_the_element_maker_makes_what_oxmlelement_makes() -> None:
    from docx.oxml import OxmlElement
    from lxml import etree

    make = docx_compat.element_maker()
    for tag in ("w:p", "w:r", "w:tbl", "wp:inline", "a:blip", "w:fldChar"):
        ours, theirs = make(tag), OxmlElement(tag)
        assert type(ours) is type(theirs), tag
        assert ours.tag == theirs.tag and ours.nsmap == theirs.nsmap, tag
        assert etree.tostring(ours) == etree.tostring(theirs), tag
    assert make("w:p") is not make("w:p")  # a new element every time


def test_matplotlib_is_within_the_tested_bounds() -> None:
    from briefgen.compat import matplotlib as mpl_compat

    low, high = mpl_compat.SUPPORTED
    assert low <= mpl_compat.version_tuple() < high


def test_matplotlib_artists_defined_without_property_docs() -> None:
    import inspect

    import matplotlib.artist as artist

    from briefgen.compat import matplotlib as mpl_compat

    original = artist.kwdoc
    with mpl_compat.without_property_docs():
        class Quiet(artist.Artist):
            def set_probe(self, value: object) -> None:
                """Set the probe."""

    class Documented(artist.Artist):
        def set_probe(self, value: object) -> None:
            """Set the probe."""

    assert artist.kwdoc is original
    assert "probe" in inspect.signature(Quiet.set).parameters  # set() still takes it
    assert "probe" not in (Quiet.set.__doc__ or "")
    # matplotlib still writes the list through artist.kwdoc (else the saving has gone)
    assert "probe" in (Documented.set.__doc__ or "")


def test_docx_package_entries_are_what_save_writes() -> None:
    import zipfile

    from docx import Document

    document = Document()
    document.add_paragraph("Kabul and Islamabad")
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as package:
        written = {name: package.read(name) for name in package.namelist()}
    assert docx_compat.package_entries(document) == written
