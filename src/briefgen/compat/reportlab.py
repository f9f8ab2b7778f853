"""ReportLab internals briefgen relies on (checked against ReportLab 4.2 up to, not incl., 6)."""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import Any

SUPPORTED = ((4, 2), (6, 0))  # lowest supported, first unsupported


def version_tuple() -> tuple[int, int]:
    """The installed ReportLab version as (major, minor)."""
    import reportlab

    major, minor, *_ = (int(p) for p in reportlab.Version.split(".")[:2])
    return major, minor


def stamp_document(canvas: Any, epoch_seconds: int) -> None:
    """Give the PDF a fixed creation and modification date (the edition's, not the clock's).

    ReportLab's invariant mode pins every date to 2000-01-01; the timestamp object on the
    canvas's document is the only place a real, fixed date can be set.
    """
    from reportlab.lib.utils import TimeStamp

    stamp = TimeStamp(1)
    stamp.t = epoch_seconds
    stamp.lt = time.gmtime(epoch_seconds)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp


def defer_save(template: Any) -> None:
    """Stop a doc template from saving at the end of `build` (forms are defined after it)."""
    template._doSave = 0


def tounicode_object(doc: Any, base_name: str) -> Any:
    """The ToUnicode CMap stream ReportLab wrote for one font subset."""
    return doc.idToObject["toUnicodeCMap:" + base_name]


# The parser's read position is not a fact about the font; the scale is a lambda (remade).
_FACE_INFO_SKIP = frozenset({"_pos", "_pdfScale"})


def _pdf_scale(units_per_em: int) -> Any:
    """Font units to 1/1000 em, as ReportLab's extractInfo defines `_pdfScale`."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def parsed_face(path: Path) -> Any:
    """Return a TTFontFace for `path` whose metrics come from the font cache when they can.

    ReportLab reads a font's cmap, widths and glyph offsets in Python (tens of milliseconds a
    face); what `extractInfo` sets is a pure function of the file, so it is kept on disk
    beside the other facts derived from fonts, keyed by the ReportLab version.
    """
    return _cached_face_class()(str(path))


# The per-glyph tables: most of a face's size, and not needed until text is set in it.
_FACE_TABLES = frozenset({"charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos"})


@cache
def _cached_face_class() -> type:
    """TTFontFace with `extractInfo` served from the font cache (made once per process).

    The per-glyph tables are unpickled on first use: a fallback face registered in case some
    text needs it costs almost nothing when none does.
    """
    import pickle

    import reportlab
    from reportlab.pdfbase.ttfonts import TTFontFace

    from briefgen.fonts.cache import cached_bytes

    class CachedFace(TTFontFace):  # type: ignore[misc]
        def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802, N803 - ReportLab's
            def parse() -> bytes:
                before = dict(self.__dict__)  # TypeFace.__init__ already set some (name)
                TTFontFace.extractInfo(self, charInfo)
                found = {k: v for k, v in self.__dict__.items() if k not in _FACE_INFO_SKIP
                         and (k not in before or before[k] is not v)}
                tables = {k: found.pop(k) for k in _FACE_TABLES if k in found}
                return pickle.dumps((found, pickle.dumps(tables, pickle.HIGHEST_PROTOCOL)),
                                    protocol=pickle.HIGHEST_PROTOCOL)

            key = ("reportlab-face-tables-apart", reportlab.Version, charInfo)
            info, tables = pickle.loads(cached_bytes(key, Path(self.filename), parse))  # noqa: S301 - this user's own cache
            self.__dict__.update(info)
            self._pdfScale = _pdf_scale(self.unitsPerEm)
            self._tables = None if "charWidths" in self.__dict__ else tables  # parsed now

        def __getattr__(self, name: str) -> Any:
            """Unpickle the per-glyph tables the first time one is asked for."""
            tables = self.__dict__.get("_tables")
            if name in _FACE_TABLES and tables is not None:
                self.__dict__.update(pickle.loads(tables))  # noqa: S301 - as above
                self._tables = None
                return self.__dict__[name]
            raise AttributeError(name)

    return CachedFace


def init_ttfont(font: Any, name: str, face: Any) -> None:
    """Set up `font` as TTFont.__init__ would, around a face already made (ReportLab 4.2-5)."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in getattr(ttfonts, "unShapedFontGlob",
                                                                     ()))
