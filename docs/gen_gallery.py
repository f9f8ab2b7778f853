"""Build the block gallery with briefgen and save a picture of every block in both formats.

For each section of docs/gallery/brief.yaml (one per block type) this builds a one-section
brief to PDF and DOCX, converts the DOCX to PDF with LibreOffice (as Word would print it),
crops the section's body from the page and saves docs/img/gallery/NAME-pdf.png and
NAME-docx.png, then writes docs/blocks.md with each block's YAML beside its pictures.

    python docs/gen_gallery.py          # needs pypdfium2, Pillow and LibreOffice (soffice)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import yaml
from PIL import Image, ImageChops

DOCS = Path(__file__).resolve().parent
GALLERY = DOCS / "gallery"
IMAGES = DOCS / "img" / "gallery"
MARKER = "Gallery block"
SCALE = 2.0  # 144 dpi

INTRO = """# Blocks

A section's `blocks:` is a list; each block is a mapping with exactly one key. Below, every
block type with its YAML and how it looks in the PDF and in the Word file (printed by
LibreOffice). The pictures are made by briefgen itself from `docs/gallery/` with
`python docs/gen_gallery.py`; the data in them is illustrative.

In prose fields, `{fact:ID}` prints a fact and cites its source, `[@id]` cites a source,
`{ref:ID}` names a chart or table, and `${name}` inserts a parameter
(see [Citations and facts](citations-and-facts.md)).
"""


def sections() -> list[dict]:
    """Return the gallery brief's sections, one per block type."""
    return yaml.safe_load((GALLERY / "brief.yaml").read_text(encoding="utf-8"))["sections"]


def one_section_brief(section: dict, folder: Path) -> Path:
    """Write a copy of the gallery brief that holds only SECTION, titled with the marker."""
    target = folder / "brief"
    shutil.copytree(GALLERY, target)
    brief = yaml.safe_load((GALLERY / "brief.yaml").read_text(encoding="utf-8"))
    brief["sections"] = [{"title": MARKER, "blocks": section["blocks"]}]
    brief["date"] = str(brief["date"])
    (target / "brief.yaml").write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return target


def body_image(pdf: Path) -> Image.Image:
    """Crop the marked section's body (below its heading, above the next heading) from PDF."""
    document = pdfium.PdfDocument(str(pdf))
    hits = []
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage()
        search = text.search(MARKER)
        found = search.get_next()
        if found:
            hits.append((index, text.get_charbox(found[0])))
    index, box = hits[1] if len(hits) > 1 else hits[0]  # the first hit is the contents page
    page = document[index]
    height = page.get_height()
    top = (height - box[1]) * SCALE + 14  # below the heading's descenders
    bottom = height * SCALE * 0.93
    text = page.get_textpage()
    for heading in ("Sources", "Notes"):
        search = text.search(heading, match_case=True, match_whole_word=True)
        found = search.get_next()
        if found:
            y = (height - text.get_charbox(found[0])[3]) * SCALE - 24
            if y > top:
                bottom = min(bottom, y)
    image = page.render(scale=SCALE).to_pil().convert("RGB")
    document.close()
    region = image.crop((0, int(top), image.width, int(bottom)))
    return trim(region)


def trim(image: Image.Image, pad: int = 12) -> Image.Image:
    """Cut the white margins around an image, keeping a small pad."""
    background = Image.new("RGB", image.size, (255, 255, 255))
    box = ImageChops.difference(image, background).convert("L").point(lambda v: 255 if v > 12
                                                                      else 0).getbbox()
    if box is None:
        return image
    left, upper, right, lower = box
    return image.crop((max(left - pad, 0), max(upper - pad, 0), min(right + pad, image.width),
                       min(lower + pad, image.height)))


def docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Print a DOCX to PDF with LibreOffice."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir),
                    str(docx)], check=True, capture_output=True, timeout=180)
    return out_dir / f"{docx.stem}.pdf"


# A paragraph printed under a block's YAML, where the block has more to say.
NOTES = {
    "quote": "A quotation in another language than the brief's gives its `lang` (a BCP 47 tag "
             "such as\n`fr`): it is printed with that language's quotation marks and marked as "
             "that language in\nevery format (see [Languages](writing.md#languages)).",
    "glossary": "An entry whose term and definition are in another language than the brief's "
                "gives its\n`lang`; `native` may be in any script and is tagged by it.",
}


def block_markdown(section: dict) -> str:
    """Return the gallery page's entry for one block: heading, YAML and both pictures."""
    name = section["title"]
    block_yaml = yaml.safe_dump(section["blocks"], allow_unicode=True, sort_keys=False,
                                width=90).rstrip()
    note = f"{NOTES[name]}\n\n" if name in NOTES else ""
    return (f"## {name}\n\n```yaml\n{block_yaml}\n```\n\n{note}"
            f"| PDF | Word |\n|---|---|\n"
            f"| ![{name} in the PDF](img/gallery/{name}-pdf.png) "
            f"| ![{name} in Word](img/gallery/{name}-docx.png) |\n")


def main() -> int:
    """Build every block of the gallery and write the pictures and docs/blocks.md."""
    from briefgen.pipeline import build

    IMAGES.mkdir(parents=True, exist_ok=True)
    entries = []
    for section in sections():
        name = section["title"]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            brief = one_section_brief(section, folder)
            result = build(brief, formats=["pdf", "docx"], out_dir=folder / "out", use_cache=False)
            body_image(result.outputs["pdf"]).save(IMAGES / f"{name}-pdf.png", optimize=True)
            printed = docx_to_pdf(result.outputs["docx"], folder / "printed")
            body_image(printed).save(IMAGES / f"{name}-docx.png", optimize=True)
        entries.append(block_markdown(section))
        print(f"saved {name}")
    (DOCS / "blocks.md").write_text(INTRO + "\n" + "\n".join(entries), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
