"""Glyph coverage: which characters a font draws, which scripts it covers, what would cover more."""

from __future__ import annotations

import marshal
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

# Characters that never need a glyph: line breaks, tabs, joiners and other format marks.
NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})

# Scripts a font must hold this many letters of before `briefgen fonts` says it covers them.
_MIN_LETTERS = 20

# Font packages on PyPI (the fontpkg family) that cover a script, by ISO 15924 code.
SCRIPT_PACKAGES: dict[str, tuple[str, ...]] = {
    "Latn": ("fontpkg-noto-sans", "fontpkg-source-serif-4"),
    "Grek": ("fontpkg-noto-sans", "fontpkg-noto-serif"),
    "Cyrl": ("fontpkg-noto-sans", "fontpkg-noto-serif"),
    "Arab": ("fontpkg-noto-sans-arabic", "fontpkg-ibm-plex-sans-arabic"),
    "Hebr": ("fontpkg-frank-ruhl-libre", "fontpkg-heebo"),
    "Deva": ("fontpkg-noto-sans-devanagari", "fontpkg-mukta"),
    "Beng": ("fontpkg-hind-siliguri",),
    "Taml": ("fontpkg-noto-sans-tamil",),
    "Telu": ("fontpkg-noto-sans-telugu",),
    "Thai": ("fontpkg-noto-sans-thai", "fontpkg-sarabun"),
    "Khmr": ("fontpkg-noto-sans-khmer",),
}
# Scripts with no PyPI font package: a system font is the way.
SCRIPT_SYSTEM_FONTS: dict[str, str] = {
    "Hani": "a CJK system font (Debian: fonts-noto-cjk or fonts-wqy-microhei)",
    "Hira": "a CJK system font (Debian: fonts-noto-cjk or fonts-wqy-microhei)",
    "Kana": "a CJK system font (Debian: fonts-noto-cjk or fonts-wqy-microhei)",
    "Hang": "a Korean system font (Debian: fonts-noto-cjk or fonts-nanum)",
    "Laoo": "a Lao system font (Debian: fonts-lao or fonts-noto-core)",
    "Mymr": "a Myanmar system font (Debian: fonts-noto-core or fonts-sil-padauk)",
    "Ethi": "an Ethiopic system font (Debian: fonts-noto-core or fonts-sil-abyssinica)",
    "Sinh": "a Sinhala system font (Debian: fonts-noto-core or fonts-lklug-sinhala)",
}


@cache
def cmap(path: Path, index: int = 0) -> frozenset[int]:
    """Return the code points the font file at `path` (font `index` of a collection) draws."""
    import uharfbuzz as hb  # reads the cmap in C, without decoding glyph names

    return frozenset(hb.Face(hb.Blob.from_file_path(str(path)), index).unicodes)


@cache
def advances(path: Path) -> dict[int, float]:
    """Return {code point: advance width in ems} of the font at `path` (kept in the font cache)."""
    from briefgen.fonts.cache import cached_bytes

    widths: dict[int, float] = marshal.loads(cached_bytes(("advances",), path,
                                                          lambda: _read_advances(path)))
    return widths


def _read_advances(path: Path) -> bytes:
    """Read the advance of every mapped character of `path`, marshalled."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        widths = {cp: metrics[name][0] / units for cp, name in cmap.items() if name in metrics}
    return marshal.dumps(widths)


def needs_glyph(ch: str) -> bool:
    """Return True if `ch` is drawn (not a control, format mark or line separator)."""
    return unicodedata.category(ch) not in NO_GLYPH_CATEGORIES


def script_code(ch: str) -> str:
    """Return the ISO 15924 script code of `ch` ('Thai', 'Arab', 'Zyyy' for common)."""
    from fontTools import unicodedata as fu

    return str(fu.script(ch))


def script_name(code: str) -> str:
    """Return the English name of an ISO 15924 script code ('Khmr' → 'Khmer')."""
    from fontTools import unicodedata as fu

    return str(fu.script_name(code, default=code)).replace("_", " ")


@cache
def scripts_covered(path: Path, index: int = 0) -> tuple[str, ...]:
    """Return the names of the scripts the font at `path` covers, most letters first."""
    counts: Counter[str] = Counter()
    for code in cmap(path, index):
        ch = chr(code)
        if unicodedata.category(ch).startswith("L"):
            counts[script_code(ch)] += 1
    return tuple(script_name(code) for code, n in counts.most_common()
                 if n >= _MIN_LETTERS and code not in ("Zyyy", "Zinh", "Zzzz"))


def suggestions(chars: str) -> list[str]:
    """Return how to get fonts for the scripts of `chars`: packages to install or system fonts."""
    hints: list[str] = []
    for code in dict.fromkeys(script_code(ch) for ch in chars):
        if code in SCRIPT_PACKAGES:
            hints.append(f"{script_name(code)}: pip install {SCRIPT_PACKAGES[code][0]}")
        elif code in ("Zyyy", "Zinh"):
            hints.append("symbols: a font that draws them (e.g. Noto Emoji, Noto Sans Symbols) "
                         "in a fonts/ folder beside the brief")
        elif code in SCRIPT_SYSTEM_FONTS:
            hints.append(f"{script_name(code)}: {SCRIPT_SYSTEM_FONTS[code]}")
        else:
            hints.append(f"{script_name(code)}: a font that covers it, in a fonts/ folder "
                         "beside the brief")
    return hints
