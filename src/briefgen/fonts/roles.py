"""Font roles: the ordered chain of families a style gives body text, headings, captions, charts.

A chain lists families in order of preference; a run of text is set in the first family that
draws all its characters. After the chain come every other installed family, so a character
any installed font covers is never missing: a brief that builds in one style builds in all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefgen.fonts.coverage import cmap, needs_glyph, script_code
from briefgen.fonts.discovery import Face, Family, catalog, family_key, package_name
from briefgen.fonts.instances import static_face

ROLES = ("body", "heading", "caption", "chart")

# After a style's own chain: families that cover many scripts, tried before the rest.
DEFAULT_FALLBACK = ("Noto Sans Arabic", "Noto Sans Devanagari", "Noto Sans Thai",
                    "Noto Sans Khmer", "Noto Sans Tamil", "Noto Sans Telugu", "DejaVu Sans",
                    "Noto Sans")


# Complex scripts whose shaping is best done by a font made for them: a family named after
# the script ("Noto Sans Arabic") is preferred to a general one that also covers it.
_SPECIALISTS = {"Arab": "arabic", "Hebr": "hebrew", "Deva": "devanagari", "Beng": "bengali",
                "Taml": "tamil", "Telu": "telugu", "Thai": "thai", "Khmr": "khmer",
                "Laoo": "lao", "Mymr": "myanmar", "Sinh": "sinhala", "Gujr": "gujarati",
                "Guru": "gurmukhi", "Knda": "kannada", "Mlym": "malayalam"}


@dataclass(frozen=True)
class FontFiles:
    """The four faces of a family as static TrueType paths (missing faces reuse another)."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def faces(self) -> tuple[Path, Path, Path, Path]:
        """Return regular, bold, italic and bold italic, in that order."""
        return self.regular, self.bold, self.italic, self.bold_italic


def _pick(faces: list[Face], weight: int, italic: bool) -> Face:
    """Return the face closest to `weight` and slant (a variable face matches any weight)."""
    def distance(face: Face) -> tuple[int, int]:
        return (face.italic != italic, 0 if face.variable else abs(face.weight - weight))
    return min(faces, key=distance)


def unknown_family_message(name: str, folders: tuple[Path, ...] = ()) -> str:
    """Explain that `name` is not installed and how to install it."""
    import difflib

    known = {f.name for f in catalog(folders).values()}
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return (f"font family '{name}' not found in a fonts/ folder, a font package or the "
            f"system (try: pip install {package_name(name)}){hint}")


@cache
def family_files(name: str, folders: tuple[Path, ...] = ()) -> FontFiles:
    """Return static files for the four faces of family `name` (KeyError if not installed)."""
    family = catalog(folders).get(family_key(name))
    if family is None:
        raise KeyError(unknown_family_message(name, folders))
    return files_of(family)


def files_of(family: Family) -> FontFiles:
    """Return static files for the four faces of `family`."""
    paths = []
    for weight, italic in ((400, False), (700, False), (400, True), (700, True)):
        face = _pick(family.faces, weight, italic)
        paths.append(static_face(face, weight).path)
    return FontFiles(family.name, *paths)


def coverage_face(family: Family) -> Face:
    """Return the face whose character map stands for the family's coverage (the regular)."""
    return _pick(family.faces, 400, False)


class FontChain:
    """An ordered list of families for one role, to pick a font per run of text.

    Coverage is read from the original files; static faces are made only for families a run
    actually uses.
    """

    def __init__(self, families: tuple[Family, ...]) -> None:
        self.families = families
        self._files: dict[int, FontFiles] = {}
        self._cmaps: dict[tuple[int, bool, bool], frozenset[int]] = {}
        self._chosen: dict[tuple[str, int, bool, bool], int] = {}
        self._plain: dict[tuple[bool, bool], set[str]] = {}  # characters that stay in family 0

    def files(self, index: int) -> FontFiles:
        """Return the static faces of family number `index`."""
        if index not in self._files:
            self._files[index] = files_of(self.families[index])
        return self._files[index]

    def covers(self, index: int, ch: str, bold: bool = False, italic: bool = False) -> bool:
        """Return True if family number `index` draws `ch` in the given face."""
        key = (index, bold, italic)
        if key not in self._cmaps:  # one face lookup per family and style, not per character
            face = _pick(self.families[index].faces, 700 if bold else 400, italic)
            self._cmaps[key] = cmap(face.path, face.index)
        return ord(ch) in self._cmaps[key]

    def font_for(self, ch: str, current: int = 0, bold: bool = False,
                 italic: bool = False) -> int:
        """Return the family for `ch`: the first that draws it, one named after its script
        first for complex scripts; common characters (digits, punctuation) stay in the
        `current` family when it draws them."""
        if not self.families or not needs_glyph(ch):
            return current
        key = (ch, current, bold, italic)
        if key not in self._chosen:  # text repeats its characters: decide each once
            self._chosen[key] = self._font_for(ch, current, bold, italic)
        return self._chosen[key]

    def _font_for(self, ch: str, current: int, bold: bool, italic: bool) -> int:
        script = script_code(ch)
        if script in ("Zyyy", "Zinh") and self.covers(current, ch, bold, italic):
            return current
        first = self.first_drawing(ch, bold, italic, _SPECIALISTS.get(script, ""))
        return current if first is None else first

    def first_drawing(self, ch: str, bold: bool = False, italic: bool = False,
                      prefer: str = "") -> int | None:
        """Return the index of the first family that draws `ch`, or None if none does.

        With `prefer` (a script name), a family named after that script comes first.
        """
        indexes = range(len(self.families))
        named = (i for i in indexes if prefer and prefer in self.families[i].name.lower())
        return next((i for i in (*named, *indexes) if self.covers(i, ch, bold, italic)), None)

    def split(self, text: str, bold: bool = False, italic: bool = False
              ) -> list[tuple[str, int]]:
        """Split `text` into (piece, family index) runs; spaces and marks stay with their run."""
        plain = self._plain.setdefault((bold, italic), set())
        if plain.issuperset(text):  # most text: every character already known to stay put
            return [(text, 0)] if text else []
        for ch in set(text) - plain:
            if _stays(ch) or self.font_for(ch, 0, bold, italic) == 0:
                plain.add(ch)
        runs: list[tuple[str, int]] = []
        current = 0
        start = 0
        for i, ch in enumerate(text):
            if ch in plain and current == 0 or _stays(ch):
                continue
            index = self.font_for(ch, current, bold, italic)
            if index != current:
                cut = i
                while index == 0 and cut > start + 1 and text[cut - 1].isspace():
                    cut -= 1  # spaces between a fallback and the first family go with the first
                if cut > start:
                    runs.append((text[start:cut], current))
                start = cut
                current = index
        runs.append((text[start:], current))
        return [run for run in runs if run[0]]

    def missing(self, text: str) -> list[str]:
        """Return the characters of `text` that no family of the chain draws."""
        return [ch for ch in dict.fromkeys(text)
                if needs_glyph(ch) and self.first_drawing(ch) is None]


def _stays(ch: str) -> bool:
    """Return True for a character that never starts a run: space, no glyph, combining mark."""
    return ch.isspace() or not needs_glyph(ch) or unicodedata.category(ch).startswith("M")


@cache
def resolve_chain(names: tuple[str, ...], folders: tuple[Path, ...] = (),
                  everything: bool = True) -> FontChain:
    """Return the installed families of `names`, in order; with `everything`, all others after."""
    families = catalog(folders)
    order = [*names, *DEFAULT_FALLBACK]
    if everything:
        order += [f.name for f in families.values()]
    chosen: dict[str, Family] = {}
    for name in order:
        key = family_key(name)
        if key in families and key not in chosen and _embeddable(families[key]):
            chosen[key] = families[key]
    return FontChain(tuple(chosen.values()))


def _embeddable(family: Family) -> bool:
    """Return True if the family's regular face has TrueType outlines (not CFF)."""
    from briefgen.fonts.instances import FontFileError, check_outlines

    try:
        check_outlines(coverage_face(family).path)
    except FontFileError:
        return False
    return True
