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
