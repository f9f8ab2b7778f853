"""Charts in the page: the chart's SVG inlined (ids prefixed per figure), or a PNG fallback.

An SVG inlined into HTML shares the page's id space and its style sheet, so each chart's ids
get the figure's prefix (with every `#id` and `url(#id)` reference rewritten to match), and
the SVG's own <style> (a global `*` rule) moves into the page's CSS, scoped to charts.
"""

from __future__ import annotations

import base64
import re

from briefgen import model as m
from briefgen.writers.html.inline import esc

_PROLOG = re.compile(r"^.*?(?=<svg[\s>])", re.DOTALL)
_DROP = (re.compile(r"<metadata\b.*?</metadata>\s*", re.DOTALL),
         re.compile(r"<style\b.*?</style>\s*", re.DOTALL),
         re.compile(r"<!--.*?-->\s*", re.DOTALL),
         re.compile(r"<defs>\s*</defs>\s*"))
_ID = re.compile(r'\sid="([^"]+)"')
_OPEN = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_XMLNS = re.compile(r'\sxmlns(?::\w+)?="[^"]*"|\sversion="[^"]*"')
_USES_XLINK = re.compile(r"\bxlink:")


def _decode(svg: bytes) -> str | None:
    """Return the SVG's text from its <svg> element on, or None if it has none."""
    try:
        text = svg.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _PROLOG.search(text) is None:
        return None
    return _PROLOG.sub("", text, count=1).strip()


def prefix_ids(svg: str, prefix: str) -> str:
    """Return `svg` with every id, and every reference to one, prefixed with `prefix`."""
    ids = set(_ID.findall(svg))
    if not ids:
        return svg

    def rename(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in ids:
            return match.group(0)
        return f"{match.group(1)}{prefix}{name}{match.group(3)}"

    svg = re.sub(r'(\sid=")([^"]+)(")', rename, svg)
    svg = re.sub(r'(href="#)([^"]+)(")', rename, svg)
    return re.sub(r"(url\(#)([^)]+)(\))", rename, svg)


def _root(svg: str, alt: str, title_id: str) -> str:
    """Return `svg` with an accessible, responsive root element and a <title>."""
    opening = _OPEN.search(svg)
    assert opening is not None
    tag = _SIZE.sub("", _XMLNS.sub("", opening.group(0)))
    xlink = ' xmlns:xlink="http://www.w3.org/1999/xlink"' if _USES_XLINK.search(svg) else ""
    tag = tag.replace(
        "<svg", f'<svg xmlns="http://www.w3.org/2000/svg"{xlink} class="chart" role="img" '
        f'aria-labelledby="{title_id}"', 1)
    title = f'<title id="{title_id}">{esc(alt)}</title>'
    return svg[: opening.start()] + tag + title + svg[opening.end():]


def inline_svg(svg: bytes, alt: str, prefix: str) -> str | None:
    """Return the chart's SVG ready to inline under `prefix`, or None if it is not usable."""
    text = _decode(svg)
    if text is None or not text.endswith("</svg>"):
        return None
    for pattern in _DROP:
        text = pattern.sub("", text)
    text = prefix_ids(text, prefix)
    return _root(text, alt, f"{prefix}title")


def png_image(art: m.ChartArt, alt: str) -> str:
    """Return an <img> with the chart's PNG as a data: URI."""
    data = base64.b64encode(art.png).decode("ascii")
    width = round(art.width_in * 96)
    height = round(art.height_in * 96)
    return (f'<img class="chart" src="data:image/png;base64,{data}" alt="{esc(alt)}" '
            f'width="{width}" height="{height}">')


def chart(art: m.ChartArt | None, alt: str, prefix: str) -> str:
    """Return the chart as inline SVG, else a PNG image, else its alt text as a paragraph."""
    if art is not None:
        svg = inline_svg(art.svg, alt, prefix) if art.svg else None
        if svg is not None:
            return svg
        if art.png:
            return png_image(art, alt)
    return f'<p class="chart-missing">{esc(alt)}</p>'
