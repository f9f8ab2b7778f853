"""A brief in ten scripts: builds in every style, no missing glyphs, text extracts in order,
and a specimen page of shaped text matches its golden image."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from briefgen.fonts import resolve_chain
from briefgen.pipeline import build, prepare
from briefgen.theme import available_styles

FIXTURE = Path(__file__).parent / "fixtures" / "scripts"
GOLDEN = Path(__file__).parent / "golden" / "scripts"
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))

# Each string as it must come out of pdftotext: logical order, whole words.
STRINGS = {
    "Thai": "แม่น้ำโขง", "Khmer": "ភ្នំពេញ", "Devanagari": "नमस्ते दुनिया", "Tamil": "சென்னை",
    "Arabic": "القاهرة", "Urdu": "پاکستان", "Hebrew": "ירושלים", "Chinese": "湄公河",
    "Russian": "Москва", "Greek": "Αθήνα", "Vietnamese": "Hà Nội",
}


def _covered() -> None:
    missing = resolve_chain(("DejaVu Sans",)).missing("".join(STRINGS.values()))
    if missing:
        pytest.skip(f"no installed font draws {''.join(missing)} (see briefgen[fonts-asia])")


def _pdftotext(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.translate(BIDI_CONTROLS).split())


@pytest.mark.slow
@pytest.mark.parametrize("style", available_styles())
def test_builds_in_every_style_with_every_string_in_order(style: str, tmp_path: Path) -> None:
    _covered()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    result = build(FIXTURE, out_dir=tmp_path, style=style, use_cache=False, workers=0)
    text = _pdftotext(result.outputs["pdf"])
    for script, string in STRINGS.items():
        assert string in text, f"{script} {string!r} not extracted in order ({style})"


def test_validate_finds_no_missing_glyph() -> None:
    _covered()
    assembled, _ = prepare(FIXTURE)  # raises BriefError on a missing glyph
    assert assembled.meta.language == "en-GB"


@pytest.mark.slow
def test_a_whole_brief_in_urdu_builds_right_to_left(tmp_path: Path) -> None:
    _covered()
    brief = tmp_path / "urdu"
    shutil.copytree(FIXTURE, brief)
    text = (brief / "brief.yaml").read_text(encoding="utf-8")
    text = text.replace("lang: en-GB", "lang: ur")
    text = text.replace('title: "Names in their own scripts"', 'title: "ناموں کی اپنی تحریریں"')
    (brief / "brief.yaml").write_text(text, encoding="utf-8")
    result = build(brief, out_dir=tmp_path / "out", use_cache=False, workers=0)
    assert result.document is not None and result.document.meta.language == "ur"
    assert result.outputs["pdf"].stat().st_size > 0 and result.outputs["docx"].stat().st_size > 0
    if shutil.which("pdftotext"):
        assert "ناموں کی اپنی تحریریں" in _pdftotext(result.outputs["pdf"])


def _specimen_pdf() -> bytes:
    """Render one shaped paragraph per script, plain and bold, on one page."""
    from reportlab.lib.colors import black
    from reportlab.lib.pagesizes import A5
    from reportlab.platypus import SimpleDocTemplate

    from briefgen.theme import Theme
    from briefgen.writers.pdf.fonts import register_fonts
    from briefgen.writers.pdf.shaping import ShapedParagraph, Span

    role = register_fonts(Theme()).role("body")
    story = []
    for script, string in STRINGS.items():
        spans = [Span(piece, face, 11, black) for piece, face in role.split(f"{script}: ")]
        spans += [Span(piece, face, 11, black) for piece, face in role.split(string)]
        spans += [Span(piece, face, 11, black)
                  for piece, face in role.split(f" / {string}", bold=True)]
        story.append(ShapedParagraph(spans, 18))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A5, invariant=1).build(story)
    return buffer.getvalue()


@pytest.mark.slow
def test_specimen_page_matches_its_golden_image(tmp_path: Path) -> None:
    _covered()
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    from PIL import Image, ImageChops, ImageStat

    pdf = tmp_path / "specimen.pdf"
    pdf.write_bytes(_specimen_pdf())
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    page = Image.open(tmp_path / "page.png").convert("L")
    golden = GOLDEN / "specimen.png"
    if os.environ.get("BRIEFGEN_UPDATE_GOLDEN") or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        page.save(golden, optimize=True)
    expected = Image.open(golden).convert("L")
    assert page.size == expected.size
    difference = ImageStat.Stat(ImageChops.difference(page, expected)).mean[0]
    assert difference < 1.5, f"specimen differs from {golden} by {difference:.2f} grey levels"
