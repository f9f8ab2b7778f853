"""Static fonts for embedding: variable fonts pinned to one instance, collections split.

ReportLab embeds plain TrueType files only. A variable font (every fontpkg family is one) is
instantiated with fontTools' instancer at the weight a face needs, other axes at their
defaults; a font inside a .ttc collection is saved on its own. Results are cached on disk, so
this costs about half a second per face once per machine. The layout tables are dropped from
the static copy (instancing them is slow and ReportLab never reads them): HarfBuzz shapes with
the original file at the same location, which has the same glyph order.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefgen.fonts.cache import cache_dir, cached_bytes
from briefgen.fonts.discovery import Face

_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "STAT")
_VERSION = "1"  # bump when the instancing recipe changes


class FontFileError(ValueError):
    """A font file that cannot be embedded (PostScript outlines, a broken variable font)."""


@dataclass(frozen=True)
class StaticFace:
    """A face ready to embed: a static TrueType file, plus what HarfBuzz should shape with."""

    path: Path  # static TrueType, same glyph order as `source`
    source: Path  # the original file (variable, or a collection)
    index: int  # font number of `source` inside a collection
    variations: tuple[tuple[str, float], ...]  # axis location for HarfBuzz; () when static


_ORIGINS: dict[Path, StaticFace] = {}


def shaping_source(path: Path) -> StaticFace:
    """Return what HarfBuzz should shape with for the static file `path`."""
    return _ORIGINS.get(path) or StaticFace(path, path, 0, ())


_STATICS: dict[tuple[Face, int], StaticFace] = {}


def static_face(face: Face, weight: int) -> StaticFace:
    """Return `face` as a static TrueType file at `weight` (a variable face is instantiated)."""
    static = _STATICS.get((face, weight))
    if static is None:
        static = _STATICS[(face, weight)] = _make_static(face, weight)
    _ORIGINS.setdefault(static.path, static)
    return static


def known_statics() -> dict[tuple[Face, int], StaticFace]:
    """Return the static faces this process has made or found, by (face, weight)."""
    return dict(_STATICS)


def adopt_statics(statics: dict[tuple[Face, int], StaticFace]) -> None:
    """Take static faces another process of this build made (the files are on disk)."""
    for key, static in statics.items():
        if key not in _STATICS and static.path.exists():
            _STATICS[key] = static
            _ORIGINS.setdefault(static.path, static)


def forget_static_faces() -> None:
    """Forget every static face (tests that change the font cache folder)."""
    _STATICS.clear()
    _ORIGINS.clear()


def _make_static(face: Face, weight: int) -> StaticFace:
    if not face.variable and face.index == 0 and face.path.suffix.lower() != ".ttc":
        check_outlines(face.path)
        return StaticFace(face.path, face.path, 0, ())
    axes = json.loads(cached_bytes(("axes", face.index, weight), face.path,
                                   lambda: _axes(face, weight)))
    if axes is None:
        raise FontFileError(_cff_message(face.path))
    location, default = axes
    variations = tuple(sorted(location.items())) if location != default else ()
    if face.index == 0 and not variations and face.path.suffix.lower() != ".ttc":
        static = StaticFace(face.path, face.path, 0, ())  # the default instance as it is
    else:
        static = StaticFace(_instance_file(face, location), face.path, face.index,
                            tuple(sorted(location.items())))
    _ORIGINS[static.path] = static
    return static


def _axes(face: Face, weight: int) -> bytes:
    """Return, as JSON, [location at `weight`, default location] of `face`; null for CFF."""
    from fontTools.ttLib import TTFont

    with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
        if "glyf" not in font:
            return b"null"
        location = _location(font, weight) if "fvar" in font else {}
        default = {a.axisTag: a.defaultValue for a in font["fvar"].axes} if "fvar" in font else {}
    return json.dumps([location, default]).encode()


def _location(font: object, weight: int) -> dict[str, float]:
    """Return a full axis location: `weight` clamped to the wght axis, defaults elsewhere."""
    location: dict[str, float] = {}
    for axis in font["fvar"].axes:  # type: ignore[index]
        value = axis.defaultValue
        if axis.axisTag == "wght":
            value = min(max(float(weight), axis.minValue), axis.maxValue)
        elif axis.axisTag == "wdth":
            value = min(max(100.0, axis.minValue), axis.maxValue)
        location[axis.axisTag] = value
    return location


def _instance_file(face: Face, location: dict[str, float]) -> Path:
    """Return the cached static file for `face` at `location`, making it on first use."""
    stat = face.path.stat()
    key = hashlib.sha256(repr((_VERSION, str(face.path), stat.st_size, stat.st_mtime_ns,
                               face.index, sorted(location.items()))).encode()).hexdigest()[:20]
    target = cache_dir() / f"{face.path.stem.replace(' ', '')}-{key}.ttf"
    if target.exists():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(str(face.path), fontNumber=face.index)
    for tag in _LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    if "fvar" in font:
        try:
            instancer.instantiateVariableFont(font, location, inplace=True, optimize=False,
                                              updateFontNames=False)
        except Exception as exc:  # noqa: BLE001 - fontTools raises many kinds
            raise FontFileError(f"{face.path.name}: cannot make a static instance of this "
                                f"variable font ({exc}); use a static build of the family") from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        font.save(tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


@cache
def check_outlines(path: Path) -> None:
    """Refuse a font with PostScript (CFF) outlines, which ReportLab cannot embed."""
    if path.suffix.lower() == ".ttc":
        return  # read per font in static_face
    if cached_bytes(("outlines",), path, lambda: _outlines(path)) != b"glyf":
        raise FontFileError(_cff_message(path))


def _outlines(path: Path) -> bytes:
    """Return b"glyf" for TrueType outlines, b"cff" for PostScript ones."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return b"glyf" if "glyf" in font else b"cff"


def _cff_message(path: Path) -> str:
    return (f"{path.name} has PostScript (CFF) outlines, which cannot be embedded in the PDF; "
            "use the TrueType (.ttf) build of the family")
