"""PDF layout as a reader meets it: the measure, page edges, page fill and the front matter."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.platypus import Paragraph

from briefgen import model as m
from briefgen.dump import dump_document
from briefgen.pipeline import build
from briefgen.theme import Theme, find_style, load_theme
from briefgen.writers.order import in_reading_order
from briefgen.writers.pdf.blocks import HeadingParagraph
from briefgen.writers.pdf.fonts import register_fonts
from briefgen.writers.pdf.grid import Wide, build_grid
from briefgen.writers.pdf.page import page_size
from briefgen.writers.pdf.writer import Layout, render_layout
from tests.conftest import FLAGSHIP, FLAGSHIP_MARKS

STYLES = ["default", "house-serif", "us-letter"]
# The flagship in its own style is the session's shared build; each other style is built here
# once, and under pytest-xdist its tests stay together in one worker, which builds it.
STYLE_PARAMS = [pytest.param(name, marks=FLAGSHIP_MARKS if name == "default" else
                             (pytest.mark.slow, pytest.mark.xdist_group(f"flagship-{name}")))
                for name in STYLES]


@pytest.fixture(scope="module", params=STYLE_PARAMS)
def styled(request: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Theme, m.Document]:
    """The flagship's document and the theme of one shipped style."""
    if request.param == "default":  # the flagship's own style
        result = request.getfixturevalue("flagship_built").result
    else:
        out = tmp_path_factory.mktemp(f"flagship-{request.param}")
        result = build(FLAGSHIP, formats=["pdf"], out_dir=out, cache_dir=out / "cache",
                       style=request.param)
    assert result.document is not None
    return load_theme(find_style(request.param)), result.document


@pytest.fixture(scope="module")
def layout(styled: tuple[Theme, m.Document]) -> Layout:
    theme, doc = styled
    return render_layout(doc, theme, trace=True)


def _inner(flowable: Any) -> Any:
    return flowable.inner if isinstance(flowable, Wide) else flowable


def _style_name(flowable: Any) -> str:
    inner = _inner(flowable)
    return inner.style.name if isinstance(inner, Paragraph) else ""


def _body_lines(pdf: bytes, theme: Theme) -> list[str]:
    """Return the lines set in the body face at the body size, in the main column."""
    fonts = register_fonts(theme)
    grid = build_grid(theme, page_size(theme)[0], fonts.body.regular)
    face = fonts.body.regular.split("-")[-1] if "-" in fonts.body.regular else "DejaVu"
    lines: dict[tuple[int, float], list[Any]] = defaultdict(list)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages[1:], start=2):
            for char in page.chars:
                if abs(char["size"] - theme.sizes.body) < 0.05:
                    lines[(number, round(char["top"]))].append(char)
    out = []
    for chars in lines.values():
        chars.sort(key=lambda c: c["x0"])
        starts_in_main = abs(chars[0]["x0"] - grid.main_x) < 1.5
        upright = all(face in c["fontname"] and "Bold" not in c["fontname"]
                      and "Italic" not in c["fontname"] and "Oblique" not in c["fontname"]
                      for c in chars)
        if starts_in_main and upright:
            out.append("".join(c["text"] for c in chars))
    return out


def test_body_measure_is_60_to_75_characters(layout: Layout,
                                             styled: tuple[Theme, m.Document]) -> None:
    theme, _doc = styled
    lines = _body_lines(layout.pdf, theme)
    full = [line for line in lines if len(line) > 40]  # not a paragraph's last line
    assert len(full) > 100
    average = sum(len(line) for line in full) / len(full)
    assert 60 <= average <= 75, average
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)


def test_no_heading_or_caption_ends_a_page_and_no_source_line_opens_one(
        layout: Layout) -> None:
    assert layout.trace
    by_page: dict[int, list[Any]] = defaultdict(list)
    for page, flowable in layout.trace:
        if _inner(flowable).__class__.__name__ not in ("Spacer", "CondPageBreak",
                                                       "NextPageTemplate"):
            by_page[page].append(flowable)
    pages = sorted(by_page)
    for page in pages[:-1]:
        last = by_page[page][-1]
        assert not isinstance(_inner(last), HeadingParagraph), (page, last)
        assert _style_name(last) != "bg-caption", (page, _inner(last).text)
    for page in pages[1:]:
        first = by_page[page][0]
        assert _style_name(first) != "bg-source", (page, _inner(first).text)


def _first_on_each_page(layout: Layout) -> dict[int, Any]:
    first: dict[int, Any] = {}
    for page, flowable in layout.trace or []:
        if _inner(flowable).__class__.__name__ not in ("Spacer", "CondPageBreak"):
            first.setdefault(page, _inner(flowable))
    return first


def test_no_page_is_more_than_half_empty_but_the_last_of_a_part(layout: Layout) -> None:
    first = _first_on_each_page(layout)
    with pdfplumber.open(io.BytesIO(layout.pdf)) as document:
        pages = document.pages
        for number, page in enumerate(pages[1:-1], start=2):
            body = [w for w in page.extract_words()
                    if page.height * 0.08 < w["top"] < page.height * 0.9]
            filled = max((w["bottom"] for w in body), default=0.0) / page.height
            opener = first.get(number + 1)
            next_opens_part = (isinstance(opener, HeadingParagraph)
                               and opener.heading is not None and opener.heading.level == 1)
            assert filled >= 0.5 or next_opens_part, (number, round(filled, 2))


def test_cover_carries_title_series_date_marking_and_the_judgments(
        styled: tuple[Theme, m.Document]) -> None:
    theme, doc = styled
    short = theme.model_copy(update={"front": theme.front.model_copy(
        update={"contents_min_pages": 400})})  # no contents: page 1 carries what the style says
    with pdfplumber.open(io.BytesIO(render_layout(doc, short).pdf)) as document:
        cover = " ".join(document.pages[0].extract_text().split())
    assert " ".join(doc.meta.title.split()) in cover
    assert " ".join(doc.meta.date_text.split()) in cover
    assert doc.meta.classification.upper() in cover
    assert " ".join(m.series_line(doc.meta, doc.labels).upper().split()) in cover
    if theme.front.first_page == "judgments":
        assert f"{doc.labels.number(1)} The TTP threat" in cover
        assert doc.labels.confidence("high").upper() in cover
    if theme.front.first_page == "summary":
        assert doc.labels.summary in cover


def test_notes_are_numbered_in_the_order_the_style_prints_them(
        styled: tuple[Theme, m.Document]) -> None:
    theme, doc = styled  # house-serif prints the summary before the key judgments
    markers = re.findall(r"\^([\d,\u2013]+)", dump_document(doc))
    firsts = [int(re.split("[,\u2013]", marks)[0]) for marks in markers]
    new = [n for i, n in enumerate(firsts) if n not in firsts[:i]]
    assert new == sorted(new) and new[0] == 1, new[:10]
    assert [b for b in doc.blocks if isinstance(b, m.Heading)] == [
        b for b in in_reading_order(doc, theme).blocks if isinstance(b, m.Heading)]


def test_contents_come_before_all_they_list(layout: Layout,
                                            styled: tuple[Theme, m.Document]) -> None:
    theme, doc = styled
    with pdfplumber.open(io.BytesIO(layout.pdf)) as document:
        pages = [page.extract_text().splitlines() for page in document.pages[:3]]
    lines = [line for page in pages for line in page]
    assert doc.labels.contents in pages[0]  # under the cover, on page 1
    start = lines.index(doc.labels.contents)
    for heading in doc.headings():
        if heading.text in lines:  # the heading itself, not its contents line
            assert lines.index(heading.text) > start, heading.text
    opening = next(b for b in doc.blocks if isinstance(b, m.Paragraph))
    words = " ".join(m.plain(opening.runs).split()[:4])
    assert all(words not in line for line in lines[:start])


def test_contents_only_when_the_brief_is_long(styled: tuple[Theme, m.Document]) -> None:
    theme, doc = styled
    never = theme.model_copy(update={"front": theme.front.model_copy(
        update={"contents_min_pages": 400})})
    always = theme.model_copy(update={"front": theme.front.model_copy(
        update={"contents_min_pages": 1})})
    for chosen, expected in ((never, False), (always, True)):
        pdf = render_layout(doc, chosen).pdf
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            text = "\n".join(p.extract_text() for p in document.pages[:3])
        assert (doc.labels.contents in text.splitlines()) is expected


def test_a_huge_title_and_short_title_stay_on_the_page(
        styled: tuple[Theme, m.Document]) -> None:
    theme, doc = styled
    long = "Word " * 600
    meta = m.Meta(**{**doc.meta.__dict__, "title": long.strip(), "short_title": long.strip()})
    pdf = render_layout(m.Document(meta, doc.blocks, doc.charts, doc.labels), theme).pdf
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages[:3]:
            for char in page.chars:
                assert char["x0"] >= 0 and char["x1"] <= page.width, char["text"]
                assert char["top"] >= 0 and char["bottom"] <= page.height, char["text"]
            assert "\u2026" in page.extract_text()


def test_styles_differ_in_grid_and_furniture() -> None:
    themes = [load_theme(find_style(name)) for name in STYLES]
    assert len({(t.grid.side_column, t.front.cover, t.front.first_page,
                 t.furniture.folio) for t in themes}) == len(STYLES)
    assert any(t.grid.side_column != "none" for t in themes)


def test_style_files_are_in_the_repository() -> None:
    assert Path(find_style("default")).is_file()


LONG_AUTHORS = (
    ("Dr Alexandra Konstantinidou-Papadopoulou",
     "Senior Fellow for Mediterranean Climate Security, Hellenic Foundation for European and "
     "Foreign Policy, Athens"),
    ("Jonathan Q. Whitmore-Fairbanks",
     "Visiting Researcher, Centre for Disaster Resilience and Emergency Management Studies"),
)
LONG_ORGANISATION = ("The Institute for the Study of Disaster Risk, Climate Adaptation and "
                     "Civil Protection")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("style", STYLES)
def test_long_author_and_organisation_lines_wrap_on_the_cover(mini: Path, style: str) -> None:
    brief = mini / "brief.yaml"
    authors = ", ".join(f'{{name: "{name}", affiliation: "{affiliation}"}}'
                        for name, affiliation in LONG_AUTHORS)
    text = brief.read_text(encoding="utf-8")
    text = text.replace("authors: [{name: Test Author, affiliation: Test Institute}]",
                        f"authors: [{authors}]")
    text = text.replace("organisation: Test Institute", f'organisation: "{LONG_ORGANISATION}"')
    brief.write_text(text, encoding="utf-8")
    result = build(mini, formats=["pdf"], out_dir=mini / "out", cache_dir=mini / "cache",
                   style=style)
    cover = subprocess.run(["pdftotext", "-l", "1", str(result.outputs["pdf"]), "-"],
                           check=True, capture_output=True, text=True).stdout
    flat = " ".join(cover.split())
    for name, affiliation in LONG_AUTHORS:
        assert f"{name}, {affiliation}" in flat, style
    assert LONG_ORGANISATION in flat
    assert "\u2026" not in cover
    with pdfplumber.open(str(result.outputs["pdf"])) as document:
        page = document.pages[0]
        for char in page.chars:  # nothing off the page
            assert char["x0"] >= 0 and char["x1"] <= page.width, char["text"]
            assert char["top"] >= 0 and char["bottom"] <= page.height, char["text"]


def test_every_key_figure_prints_whole_on_its_line(
        styled: tuple[Theme, m.Document], layout: Layout) -> None:
    theme, doc = styled
    values = [fig.value for block in doc.blocks if isinstance(block, m.KeyFigures)
              for fig in block.items]
    assert "1.7\u00a0million" in values  # the widest of the flagship's figures
    lines: dict[tuple[int, float], list[Any]] = defaultdict(list)
    with pdfplumber.open(io.BytesIO(layout.pdf)) as document:
        for number, page in enumerate(document.pages):
            for char in page.chars:  # the figures are set far larger than any body text
                if char["size"] > theme.sizes.body * 1.4 and char["top"] > 60:
                    lines[(number, round(char["top"]))].append(char)
    printed = {"".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))
               for chars in lines.values()}
    printed = {" ".join(line.split()) for line in printed}
    for value in values:
        assert any(" ".join(value.split()) in line for line in printed), (value, printed)
