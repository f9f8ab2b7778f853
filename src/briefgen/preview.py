"""Page images of a PDF (PNG) for a quick look in a terminal workflow or a review comment.

Rendered with pypdfium2 (PDFium wheels from PyPI), so no system program is needed.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import BriefError

DEFAULT_DPI = 110


def parse_pages(spec: str | None, count: int) -> list[int]:
    """Turn '1-3,5' into zero-based page indexes within COUNT pages (None: every page)."""
    if not spec:
        return list(range(count))
    pages: list[int] = []
    for part in spec.split(","):
        first, sep, last = part.strip().partition("-")
        try:
            start = int(first) if first else 1
            end = (int(last) if last else count) if sep else start
        except ValueError:
            raise BriefError(f"--pages {spec}: expected page numbers such as 1-3,5") from None
        if start < 1 or end < start:
            raise BriefError(f"--pages {spec}: expected page numbers such as 1-3,5")
        pages += [n - 1 for n in range(start, min(end, count) + 1) if n - 1 not in pages]
    return pages


def render_pages(pdf: Path, out_dir: Path, pages: str | None = None,
                 dpi: int = DEFAULT_DPI) -> list[Path]:
    """Write NAME-pN.png for the chosen pages of PDF into OUT_DIR and return their paths."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise BriefError("page images need pypdfium2: pip install pypdfium2") from None
    try:
        document = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as exc:
        raise BriefError(f"{pdf}: not a readable PDF ({exc})") from None
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for index in parse_pages(pages, len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            path = out_dir / f"{pdf.stem}-p{index + 1}.png"
            image.save(path, optimize=True)
            written.append(path)
    finally:
        document.close()
    return written
