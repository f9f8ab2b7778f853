"""`lang` on a section, a quotation and a glossary entry: validated like the brief's, typeset
in assemble by the part's language, and named by every writer."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html
from pypdf import PdfReader

from briefgen import model as m
from briefgen.dump import dump_document
from briefgen.errors import BriefError
from briefgen.fonts import resolve_chain
from briefgen.pipeline import BuildResult, build, prepare
from briefgen.source.languages import language_tag
from briefgen.walk import block_languages

SOURCES = Path(__file__).parent / "fixtures" / "scripts" / "sources.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
URDU_TITLE = "اردو میں"
BRIEF = """\
title: Languages in one brief
date: 2026-11-22
lang: en-GB
sources: sources.yaml
sections:
  - title: In English
    blocks:
      - text: An "English" paragraph [@atlas].
      - quote: {text: "La liberté ne se donne pas", speaker: B. Speaker, source: atlas,
                lang: fr}
      - glossary:
          - {term: Freiheit, definition: 'Die "Freiheit" des Einzelnen.', lang: de}
          - {term: Liberty, definition: Freedom.}
  - title: اردو میں
    lang: ur
    blocks:
      - text: اردو ایک زبان ہے جو "پاکستان" میں بولی جاتی ہے۔
      - quote: {text: "Liberty is not given", speaker: C. Speaker, source: atlas, lang: en-GB}
    sections:
      - title: پس منظر
        blocks:
          - text: یہ ایک ذیلی حصہ ہے۔
      - title: Back in English
        lang: en-GB
        blocks:
          - text: An English paragraph inside the Urdu section.
  - title: 中文
    lang: zh-Hans
    blocks:
      - text: 湄公河是东南亚最长的河流之一。
"""


def _brief(folder: Path, text: str = BRIEF) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brief.yaml").write_text(text, encoding="utf-8")
    shutil.copy(SOURCES, folder / "sources.yaml")
    return folder


def _need_fonts() -> None:
    missing = resolve_chain(("DejaVu Sans",)).missing(BRIEF)
    if missing:
        pytest.skip(f"no installed font draws {''.join(missing)}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    _need_fonts()
    folder = _brief(tmp_path_factory.mktemp("languages") / "languages")
    return build(folder, out_dir=folder.parent / "out", formats=["pdf", "docx", "html"],
                 use_cache=False, workers=0)


@pytest.fixture(scope="module")
def doc(built: BuildResult) -> m.Document:
    assert built.document is not None
    return built.document


# ---------------------------------------------------------------- input and model


@pytest.mark.parametrize(("tag", "message"), [
    ("en_GB", "'en_GB' is not a BCP 47 language tag (did you mean 'en-GB'?)"),
    ("english", "'english' is not a BCP 47 language tag (e.g. en-GB, fr, ur-PK, zh-Hans)"),
    ("xx-GB", "'xx-GB' names no known language: 'xx' is not an ISO 639 language code"),
])
def test_a_bad_tag_says_what_is_wrong(tag: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        language_tag(tag)
    for good in ("en-GB", "fr", "ur-PK", "zh-Hans", "sr-Latn-RS", "es-419", "gsw", "de-CH-1901"):
        assert language_tag(good) == good


def test_every_part_language_is_checked_where_it_is_written(tmp_path: Path) -> None:
    text = (BRIEF.replace("lang: ur\n", "lang: ur_PK\n")
            .replace("lang: de}", "lang: xx}")
            .replace("lang: en-GB}", "lang: english}")
            .replace("lang: en-GB\nsources", "lang: en-gb-oed-x\nsources"))
    folder = _brief(tmp_path / "bad", text)
    with pytest.raises(BriefError) as info:
        prepare(folder)
    lines = text.splitlines()
    found = {p.field: p for p in info.value.problems}
    for where, written in [("lang", "lang: en-gb-oed-x"),
                           ("sections[0].blocks[2].glossary[0].lang", "lang: xx}"),
                           ("sections[1].lang", "lang: ur_PK"),
                           ("sections[1].blocks[1].quote.lang", "lang: english}")]:
        problem = found[where]
        assert problem.line is not None and written in lines[problem.line - 1], where
        assert problem.code == "BG124" and "\n" not in problem.coded()


def test_sections_pass_their_language_to_subsections(doc: m.Document) -> None:
    headings = {h.text: h.lang for h in doc.headings()}
    assert headings == {"In English": "", URDU_TITLE: "ur", "پس منظر": "ur",
                        "Back in English": "", "中文": "zh-Hans", "Sources": "",
                        "Notes": ""}
    langs = [lang for block, lang in block_languages(doc.blocks)
             if isinstance(block, m.Paragraph)]
    assert langs == ["", "ur", "ur", "", "zh-Hans"]


def test_quotation_marks_are_decided_by_the_part_language(doc: m.Document) -> None:
    dump = dump_document(doc)
    assert "Para[body] An ‘English’ paragraph." in dump  # the brief's British marks
    assert "Quote[lang=fr] «\u202fLa liberté ne se donne pas\u202f»" in dump
    assert "Term[lang=de] Freiheit []: Die „Freiheit“ des Einzelnen." in dump
    assert "Term Liberty []: Freedom." in dump
    assert f"# {URDU_TITLE} {{#" in dump and " lang=ur}" in dump
    assert "## Back in English {#back-in-english}" in dump  # the brief's language again
    # inside the Urdu section, an English quotation names its language; its attribution
    # (in the section's language) is typeset by the section's rules
    assert "Quote[lang=en-GB] ‘Liberty is not given’ — C. Speaker" in dump


# ---------------------------------------------------------------- writers


def _document_xml(built: BuildResult) -> etree._Element:
    with zipfile.ZipFile(built.outputs["docx"]) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _paragraph(root: etree._Element, text: str) -> etree._Element:
    """Return the last paragraph holding `text` (a heading's, not its contents entry)."""
    found = [p for p in root.iter(f"{W}p")
             if text in "".join(t.text or "" for t in p.iter(f"{W}t"))]
    assert found, f"no paragraph holds {text!r}"
    return found[-1]


def _langs(p: etree._Element) -> list[dict[str, str]]:
    return [{k.removeprefix(W): v for k, v in lang.attrib.items()}
            for r in p.iter(f"{W}r") for lang in r.iter(f"{W}lang")]


def test_docx_marks_each_part_with_its_language(built: BuildResult) -> None:
    root = _document_xml(built)
    urdu = _paragraph(root, "اردو ایک زبان")
    assert urdu.find(f"{W}pPr/{W}bidi") is not None  # a right-to-left paragraph
    assert _langs(urdu) and all(lang["val"] == "ur" and lang["bidi"] == "ur"
                                for lang in _langs(urdu))
    assert all(r.find(f"{W}rPr/{W}rtl") is not None for r in urdu.iter(f"{W}r")
               if "ا" in "".join(t.text or "" for t in r.iter(f"{W}t")))
    heading = _paragraph(root, "پس منظر")  # a subsection inherits its section's language
    assert {lang["val"] for lang in _langs(heading)} == {"ur"}
    french = _paragraph(root, "La liberté")
    assert {lang["val"] for lang in _langs(french)} == {"fr"}
    assert all(lang["val"] != "fr" for lang in _langs(_paragraph(root, "B. Speaker")))
    english = _paragraph(root, "Liberty is not given")  # its own language inside Urdu
    assert {lang["val"] for lang in _langs(english)} == {"en-GB"}
    assert english.find(f"{W}pPr/{W}bidi") is None
    attribution = _paragraph(root, "C. Speaker")  # in the section's language, Latin letters:
    assert {lang["val"] for lang in _langs(attribution)} == {"ur"}  # marked Urdu, but a
    assert attribution.find(f"{W}pPr/{W}bidi") is None  # left-to-right line, as in the PDF
    assert {lang["val"] for lang in _langs(_paragraph(root, "Die „Freiheit“"))} == {"de"}
    assert _langs(_paragraph(root, "inside the Urdu section")) == []  # the document's
    chinese = _langs(_paragraph(root, "湄公河"))
    assert chinese and all(lang["eastAsia"] == "zh-Hans" for lang in chinese)


def test_html_names_the_language_of_each_part(built: BuildResult) -> None:
    page = html.fromstring(built.outputs["html"].read_bytes())
    sections = {s.get("aria-labelledby"): s for s in page.iter("section")}
    urdu = next(s for s in sections.values() if s.findtext(".//h2") == URDU_TITLE)
    assert (urdu.get("lang"), urdu.get("dir")) == ("ur", "rtl")
    back = sections["back-in-english"]
    assert (back.get("lang"), back.get("dir")) == ("en-GB", "ltr")
    assert sections["in-english"].get("lang") is None  # the page's language
    quotes = {q.text_content().strip(): q for q in page.iter("blockquote")}
    french = next(q for text, q in quotes.items() if "liberté" in text)
    assert french.get("lang") == "fr" and french.get("dir") is None
    english = next(q for text, q in quotes.items() if "Liberty" in text)
    assert (english.get("lang"), english.get("dir")) == ("en-GB", "ltr")
    term = next(dt for dt in page.iter("dt") if dt.text_content().startswith("Freiheit"))
    assert term.get("lang") == "de" and term.getnext().get("lang") == "de"


def test_pdf_sets_a_right_to_left_section_right_to_left(built: BuildResult) -> None:
    import pdfplumber

    reader = PdfReader(built.outputs["pdf"])
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert URDU_TITLE in outline  # a shaped heading is still a bookmark
    lines: dict[tuple[int, int], list[dict[str, Any]]] = {}
    with pdfplumber.open(built.outputs["pdf"]) as pdf:
        for number, page in enumerate(pdf.pages):
            for char in page.chars:
                lines.setdefault((number, round(char["top"])), []).append(char)
    urdu = next(line for line in lines.values()  # the paragraph, not the heading
                if any("ز" in c["text"] for c in line) and line[0]["size"] < 12)
    english = next(line for line in lines.values()
                   if "An English paragraph inside" in "".join(c["text"] for c in line))
    assert min(c["x0"] for c in urdu) > min(c["x0"] for c in english) + 50  # set right
    assert max(c["x1"] for c in urdu) > max(c["x1"] for c in english) + 50


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_headings_in_a_complex_script_extract_in_order(doc: m.Document,
                                                           tmp_path: Path) -> None:
    from briefgen.theme import Theme
    from briefgen.writers.pdf.writer import render_pdf

    pdf = tmp_path / "contents.pdf"
    pdf.write_bytes(render_pdf(doc, Theme(front={"contents_min_pages": 0})))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub("[\u200e\u200f\u202a-\u202e]", "", text)
    assert text.count(URDU_TITLE) == 2  # its contents entry and the heading
    assert text.count("پس منظر") == 2 and "湄公河是东南亚最长的河流之一" in text


def test_pdf_hyphenates_a_part_by_its_own_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.lib.styles import ParagraphStyle

    from briefgen.writers.pdf import context as pdf_context

    monkeypatch.setattr(pdf_context, "_hyphenation_available", lambda: True)

    class _Styles:
        fonts = None

    ctx = pdf_context.Context(_Styles(), 100, 100, language="en-GB")  # type: ignore[arg-type]
    style = ParagraphStyle("body")
    german = ctx.speaking("de-CH")
    assert german.in_language(style).hyphenationLang == "de_CH"
    assert ctx.in_language(style).hyphenationLang == "en_GB"
    assert ctx.speaking("") is ctx and ctx.speaking("EN-gb") is ctx
    assert ctx.speaking("ur").rtl_language and not ctx.rtl_language
    assert ctx.speaking("zh-Hans").in_language(style).wordWrap == "CJK"
    assert german is ctx.speaking("de-CH")  # one context per language


def test_an_unmarked_brief_writes_no_language_marks() -> None:
    from tests.samples import sample_document

    sample = sample_document()
    assert all(lang == "" for _, lang in block_languages(sample.blocks))
    from briefgen.theme import Theme
    from briefgen.writers.docx.writer import render_docx

    with zipfile.ZipFile(io.BytesIO(render_docx(sample, Theme(), embed_fonts=False))) as docx:
        body = docx.read("word/document.xml").decode()
    assert 'w:val="en-GB"' not in body  # the document default says it, once, in styles
