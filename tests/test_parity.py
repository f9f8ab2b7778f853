"""The PDF and the DOCX are two views of one document model: they must say the same thing."""

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from lxml import etree
from pypdf import PdfReader

from briefgen import model as m
from briefgen.dump import dump_document
from briefgen.pipeline import BuildResult
from briefgen.theme import Theme
from briefgen.writers.html.page import render_html
from tests.conftest import FLAGSHIP_MARKS

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
# Both briefs are read from the session's shared builds (`mini_built`, `flagship_built`).
BRIEFS = ["mini", pytest.param("flagship", marks=FLAGSHIP_MARKS)]


def _built(brief: str, request: pytest.FixtureRequest) -> BuildResult:
    result: BuildResult = request.getfixturevalue(f"{brief}_built").result
    return result


def _outline_titles(outline: list) -> list[str]:  # type: ignore[type-arg]
    titles: list[str] = []
    for item in outline:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(item.title)
    return titles


def _docx_text(path: Path) -> tuple[list[str], str]:
    doc = open_docx(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2",
                                                                    "Heading 3")]
    # the heading of the notes opens the first endnote (Word lays endnotes out apart)
    with zipfile.ZipFile(path) as package:
        notes = etree.fromstring(package.read("word/endnotes.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for p in notes.iter(f"{w}p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        if style is not None and style.get(f"{w}val", "").startswith("Heading"):
            headings.append("".join(t.text or "" for t in p.iter(f"{w}t")))
    parts = [p.text for p in doc.paragraphs if not p.style.name.startswith("TOC")]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return headings, "\n".join(parts).replace("\u00a0", " ")


def _model_numbers(doc: m.Document) -> set[str]:
    """Numbers the model prints in text (not endnote marks, not chart internals)."""
    body = [b for b in doc.blocks if not isinstance(b, m.Endnotes)]
    text = dump_document(m.Document(doc.meta, tuple(body))).split("\n\n", 1)[1]  # no metadata
    text = re.sub(r"\^[\d,–]+", "", text)  # note references
    text = re.sub(r"(?m)^Source \S+: ", "", text)  # source ids are not printed
    text = re.sub(r"\n  alt: .*", "", text)  # alt text lives in the DOCX only
    text = re.sub(r"<(Figure|Table) \d+#[^>]+>|\{#[^}]+\}", "", text)
    return set(NUMBER.findall(text))


@pytest.mark.parametrize("brief", BRIEFS)
def test_pdf_and_docx_agree(brief: str, request: pytest.FixtureRequest) -> None:
    result = _built(brief, request)
    assert result.document is not None
    doc = result.document
    reader = PdfReader(str(result.outputs["pdf"]))
    pdf_text = "\n".join(page.extract_text() for page in reader.pages)
    pdf_flat = re.sub(r"\s+", " ", pdf_text.replace("\u00a0", " "))
    docx_headings, docx_text = _docx_text(result.outputs["docx"])

    # the same headings, in the same order (PDF: its outline; DOCX: heading styles)
    model_headings = [h.text for h in doc.headings()]
    assert _outline_titles(reader.outline) == model_headings
    assert docx_headings == model_headings

    # the same figures: every figure's caption in both, as many pictures as figures
    figures = [b for b in doc.blocks if isinstance(b, m.Figure)]
    word = open_docx(str(result.outputs["docx"]))
    assert len(word.inline_shapes) == len(figures)
    for fig in figures:
        assert f"Figure {fig.number}" in pdf_flat
        assert f"Figure {fig.number}" in docx_text

    # the same numbers: every number the model prints is in both, and the DOCX has no other
    numbers = _model_numbers(doc)
    pdf_numbers = set(NUMBER.findall(pdf_flat))
    docx_numbers = set(NUMBER.findall(docx_text))
    assert numbers <= pdf_numbers, sorted(numbers - pdf_numbers)
    assert numbers <= docx_numbers, sorted(numbers - docx_numbers)
    extra = docx_numbers - numbers - {str(i) for i in range(1, 200)}
    assert extra <= pdf_numbers, sorted(extra - pdf_numbers)


def _printed_labels(doc: m.Document) -> list[str]:
    """The fixed words and numbered labels the model makes both writers print."""
    lab = doc.labels
    labels: list[str] = []
    for block in doc.blocks:
        match block:
            case m.KeyJudgments():
                labels += [lab.confidence(j.confidence.lower()).upper() for j in block.items]
            case m.Options():
                labels += [f"{lab.option} {n}: {o.name}" for n, o in enumerate(block.items, 1)]
                if any(o.quotes for o in block.items):
                    labels.append(lab.voices)
                for option in block.items:
                    labels += [label for label, items in ((lab.advocates, option.advocates),
                                                          (lab.pros, option.pros),
                                                          (lab.cons, option.cons),
                                                          (lab.risks, option.risks)) if items]
            case m.Glossary():
                labels.append(lab.glossary_term)
            case m.Figure():
                labels.append(f"{lab.figure} {block.number}:")
            case m.Table():
                labels.append(f"{lab.table} {block.number}:")
    return labels


def _numbered_items(doc: m.Document) -> list[tuple[str, str]]:
    """(marker, opening words) of every key judgment and recommendation, as the model says."""
    items: list[tuple[str, str]] = []
    for block in doc.blocks:
        if isinstance(block, m.KeyJudgments):
            texts = [m.plain(j.runs) for j in block.items]
        elif isinstance(block, m.Recommendations):
            texts = [f"{r.actor}. {m.plain(r.runs)}" for r in block.items]
        else:
            continue
        items += [(doc.labels.number(n), " ".join(text.split()[:3]))
                  for n, text in enumerate(texts, start=1)]
    return items


def _docx_numbered(path: Path) -> list[tuple[str, str]]:
    """(marker as Word prints it, opening words) of every numbered paragraph of the body."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        numbering = etree.fromstring(package.read("word/numbering.xml"))
    abstract_of = {n.get(f"{w}numId"): n.find(f"{w}abstractNumId").get(f"{w}val")
                   for n in numbering.iter(f"{w}num")}
    text_of = {a.get(f"{w}abstractNumId"): a.find(f"{w}lvl[@{w}ilvl='0']/{w}lvlText")
               .get(f"{w}val") for a in numbering.iter(f"{w}abstractNum")}
    counts: dict[str, int] = {}
    out: list[tuple[str, str]] = []
    for p in body.iter(f"{w}p"):
        num = p.find(f"{w}pPr/{w}numPr/{w}numId")
        if num is None or text_of[abstract_of[num.get(f"{w}val")]].startswith("\u2022"):
            continue
        key = num.get(f"{w}val")
        counts[key] = counts.get(key, 0) + 1
        marker = text_of[abstract_of[key]].replace("%1", str(counts[key]))
        text = "".join(t.text or "" for t in p.iter(f"{w}t"))
        out.append((marker, " ".join(text.split()[:3])))
    return out


def _quotations(doc: m.Document) -> list[str]:
    """The opening words of every displayed quotation, with its opening mark."""
    quotes = [b for b in doc.blocks if isinstance(b, m.Quote)]
    for block in doc.blocks:
        if isinstance(block, m.Options):
            quotes += [q for o in block.items for q in o.quotes]
    words = [" ".join(m.plain(q.runs).split()[:3]) for q in quotes]  # marks are in the model
    return [w for w in words if w and not re.search("[\u0600-\u06ff]", w)]


@pytest.mark.parametrize("brief", BRIEFS)
def test_pdf_and_docx_print_the_same_labels_and_quotation_marks(
        brief: str, request: pytest.FixtureRequest) -> None:
    result = _built(brief, request)
    assert result.document is not None
    doc = result.document
    reader = PdfReader(str(result.outputs["pdf"]))
    pdf_flat = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages)
                      .replace("\u00a0", " "))
    _, docx_text = _docx_text(result.outputs["docx"])
    docx_flat = re.sub(r"\s+", " ", docx_text)
    expected = _printed_labels(doc) + _quotations(doc)
    assert expected
    for label in expected:
        assert label in pdf_flat, f"PDF lacks {label!r}"
        assert label in docx_flat, f"DOCX lacks {label!r}"
    # the same series on every cover: 'South Asia Brief · No. 1', or 'Policy brief'
    series = m.series_line(doc.meta, doc.labels).replace("\u00a0", " ")
    assert series.upper() in pdf_flat and series in docx_flat
    assert f'<p class="series">{series}</p>' in render_html(doc, Theme()).replace("\u00a0", " ")
    # the same numbers before key judgments and recommendations ('1.'), HTML too
    numbered = _numbered_items(doc)
    assert numbered
    for marker, words in numbered:
        assert f"{marker} {words}" in pdf_flat, f"PDF lacks {marker} {words!r}"
    assert _docx_numbered(result.outputs["docx"]) == numbered
    css = render_html(doc, Theme())  # the page's style sheet decides the HTML's markers
    prefix, _, suffix = doc.labels.list_number.partition("{n}")
    assert (f'prefix: "{prefix}"; suffix: "{suffix} "' in css
            and "ol, ol.recommendations { list-style-type: briefgen-number; }" in css)
    # the same kind of quotation marks: the DOCX adds none the PDF does not print
    for mark in "\u201c\u201d":
        assert docx_flat.count(mark) <= pdf_flat.count(mark) + 2, mark
