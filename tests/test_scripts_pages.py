"""Every page of the many-scripts brief, drawn small and grey, matches its golden image.

A shaping, bidi, font-fallback or layout change that moves or breaks text on any page
shows up here as a difference in the picture, even when the extracted text stays the same.

Regenerate the images after an intended change (and look at them before committing):

    BRIEFGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_scripts_pages.py -p no:cacheprovider

The pages depend only on the brief, the fonts and poppler: the PDF is byte-for-byte the
same for the same inputs, and the fonts are the pinned-by-name families of the test extra
(`fontpkg-*` from PyPI, DejaVu from matplotlib) and WenQuanYi Micro Hei for CJK, which
`.ci/run` installs (`fonts-wqy-microhei`). `fonts.json` beside the images records the faces
the PDF embeds: on a machine whose fonts resolve differently the test is skipped, saying
which differ (in CI, `CI=true`, it fails instead).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.fonts import resolve_chain
from briefgen.pipeline import build

FIXTURE = Path(__file__).parent / "fixtures" / "scripts"
GOLDEN = Path(__file__).parent / "golden" / "scripts"
FONTS = GOLDEN / "fonts.json"
RESOLUTION = 30  # dots per inch: enough to see a word move or lose its shaping
# Mean absolute differences in grey levels (0-255), over a whole page and over the worst tile
# of an 8 × 12 grid (so that a change in one place shows on a full page). The same inputs
# differ by 0; an Urdu heading drawn unshaped by about 35 in its tile; the same PDF drawn
# by another rasteriser (pdfium instead of poppler) by 15-25.
PAGE_LIMIT = 1.0
TILE_LIMIT = 8.0
TILES = (8, 12)
UPDATE = bool(os.environ.get("BRIEFGEN_UPDATE_GOLDEN"))
REGENERATE = "BRIEFGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_scripts_pages.py"


def _embedded_fonts(pdf: Path) -> list[str]:
    """Return the base names of the fonts the PDF embeds, without subset prefixes."""
    names: set[str] = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return sorted(names)


def _font_packages() -> dict[str, str]:
    """Return the installed fontpkg distributions and their versions (for messages)."""
    return {d.metadata["Name"]: d.version for d in sorted(
        metadata.distributions(), key=lambda d: d.metadata["Name"] or "")
            if (d.metadata["Name"] or "").lower().startswith("fontpkg-")}


def _render(pdf: Path, folder: Path) -> list[Path]:
    """Draw every page as a greyscale PNG at RESOLUTION dpi; return them in page order."""
    subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-gray", "-png", str(pdf),
                    str(folder / "page")], check=True)
    pages = folder.glob("page-*.png")
    return sorted(pages, key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))


def _tiles_worst(difference: object) -> float:
    """Return the largest mean of a difference image over the tiles of the TILES grid."""
    from PIL import Image, ImageStat

    assert isinstance(difference, Image.Image)
    width, height = difference.size
    across, down = TILES
    worst = 0.0
    for i in range(across):
        for j in range(down):
            box = (width * i // across, height * j // down,
                   width * (i + 1) // across, height * (j + 1) // down)
            worst = max(worst, ImageStat.Stat(difference.crop(box)).mean[0])
    return worst


@pytest.mark.slow
def test_every_page_matches_its_golden_image(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    text = (FIXTURE / "brief.yaml").read_text(encoding="utf-8")
    missing = resolve_chain(("DejaVu Sans",)).missing(text)
    if missing:
        pytest.skip(f"no installed font draws {''.join(sorted(set(missing)))} "
                    "(install briefgen[test] and fonts-wqy-microhei)")
    from PIL import Image, ImageChops, ImageStat

    result = build(FIXTURE, out_dir=tmp_path / "out", formats=["pdf"], use_cache=False,
                   workers=0)
    pdf = result.outputs["pdf"]
    fonts = _embedded_fonts(pdf)
    pages = _render(pdf, tmp_path)
    golden = sorted(GOLDEN.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))

    if UPDATE:
        for old in golden:
            old.unlink()
        for number, page in enumerate(pages, start=1):
            Image.open(page).convert("L").save(GOLDEN / f"page-{number}.png", optimize=True)
        FONTS.write_text(json.dumps({"resolution": RESOLUTION, "fonts": fonts,
                                     "font_packages": _font_packages()}, indent=2) + "\n",
                         encoding="utf-8")
        return

    assert golden and FONTS.exists(), (
        f"no golden pages in {GOLDEN}: run {REGENERATE}, look at the images, commit them")
    recorded = json.loads(FONTS.read_text(encoding="utf-8"))
    if fonts != recorded["fonts"]:
        message = (f"the PDF embeds other fonts than the golden pages were drawn with: "
                   f"{sorted(set(fonts) ^ set(recorded['fonts']))}")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert len(pages) == len(golden), (
        f"the brief has {len(pages)} pages, its golden images {len(golden)}")
    failures = []
    for number, (page, expected) in enumerate(zip(pages, golden, strict=True), start=1):
        actual, wanted = Image.open(page).convert("L"), Image.open(expected).convert("L")
        if actual.size != wanted.size:
            failures.append(f"page {number}: {actual.size} pixels, golden {wanted.size}")
            continue
        difference = ImageChops.difference(actual, wanted)
        mean, worst = ImageStat.Stat(difference).mean[0], _tiles_worst(difference)
        if mean >= PAGE_LIMIT or worst >= TILE_LIMIT:
            kept = tmp_path / f"page-{number}-actual.png"
            actual.save(kept)
            ImageChops.invert(difference).save(tmp_path / f"page-{number}-difference.png")
            failures.append(f"page {number}: differs by {mean:.2f} grey levels on average "
                            f"and {worst:.1f} in its worst tile (see {kept})")
    if failures and _font_packages() != recorded.get("font_packages"):
        failures.append(f"the font packages changed: now {_font_packages()}, "
                        f"drawn with {recorded.get('font_packages')}")
    assert not failures, "\n".join([*failures, f"if the change is intended: {REGENERATE}"])
