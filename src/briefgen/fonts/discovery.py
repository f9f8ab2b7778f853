"""Font discovery: every usable font face, from `fonts/` folders, fontpkg packages and the system.

Families are searched in order: the folders a style or brief names (a `fonts/` folder beside
it), installed fontpkg packages (each declares itself under the `fontpkg.family` entry point and
ships a `metadata.json` beside its `files/`), matplotlib's bundled DejaVu (before the system's
copy, so every machine embeds the same DejaVu), and the system's fonts (fontconfig's `fc-list`,
or matplotlib's font manager where fontconfig is missing). The first place with a family wins.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True)
class Face:
    """One font file (or one font of a collection) with what its name table says."""

    family: str
    path: Path
    weight: int = 400
    italic: bool = False
    variable: bool = False
    index: int = 0  # the font's number inside a .ttc collection
    origin: str = "folder"  # folder | package NAME | system | matplotlib


@dataclass
class Family:
    """A font family: its faces, where it was found, and the package that installs it."""

    name: str
    origin: str
    faces: list[Face] = field(default_factory=list)

    @property
    def variable(self) -> bool:
        """Return True if any face of the family is a variable font."""
        return any(face.variable for face in self.faces)


def family_key(name: str) -> str:
    """Return the lookup key of a family name: case and spaces do not matter."""
    return "".join(name.split()).lower()


def package_name(family: str) -> str:
    """Return the fontpkg package that would install `family` ('Noto Sans Thai' → …-thai)."""
    return "fontpkg-" + "-".join(family.lower().split())


@cache
def matplotlib_font_dir() -> Path | None:
    """Return matplotlib's bundled TrueType folder (DejaVu) without importing matplotlib."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return folder if folder.is_dir() else None


def read_faces(path: Path, origin: str) -> list[Face]:
    """Read the family name, weight and slant of every font in `path` (a .ttc holds several).

    What a file says is kept in the font cache, so a build reads each font's tables once per
    machine rather than once per process.
    """
    from briefgen.fonts.cache import cached_bytes

    try:
        raw = cached_bytes(("faces",), path, lambda: json.dumps(_read_faces(path)).encode())
    except OSError:
        return []
    return [Face(family, path, weight, italic, variable, index, origin)
            for family, weight, italic, variable, index in json.loads(raw)]


def _read_faces(path: Path) -> list[tuple[str, int, bool, bool, int]]:
    """Parse `path` for (family, weight, italic, variable, index) of each font in it."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() == ".ttc":
            with TTCollection(str(path), lazy=True) as collection:
                fonts = list(collection.fonts)
                return [f for i, font in enumerate(fonts) if (f := _face(font, i))]
        with TTFont(str(path), lazy=True) as font:
            face = _face(font, 0)
            return [face] if face else []
    except (TTLibError, OSError, KeyError, AssertionError):
        return []


def _face(font: object, index: int) -> tuple[str, int, bool, bool, int] | None:
    names = font["name"]  # type: ignore[index]
    family = names.getDebugName(16) or names.getDebugName(1)
    if not family:
        return None
    os2 = font.get("OS/2")  # type: ignore[attr-defined]
    weight = int(getattr(os2, "usWeightClass", 400) or 400)
    italic = bool(getattr(os2, "fsSelection", 0) & 1) or bool(font["head"].macStyle & 2)  # type: ignore[index]
    return family, weight, italic, "fvar" in font, index  # type: ignore[operator]


def folder_faces(folder: Path) -> list[Face]:
    """Return the faces of every font file in `folder` (not recursive beyond one level)."""
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
    return [face for path in files for face in read_faces(path, "folder")]


def package_faces() -> list[Face]:
    """Return the faces installed by fontpkg packages (found through their entry points)."""
    from importlib.metadata import entry_points

    faces: list[Face] = []
    for entry in sorted(entry_points(group="fontpkg.family"), key=lambda e: e.name):
        root = _package_root(entry.value)
        if root is None:
            continue
        origin = "package " + (entry.dist.name if entry.dist else entry.value)
        faces += _package_faces(root, origin)
    return faces


def _package_root(module: str) -> Path | None:
    import importlib.util

    try:
        spec = importlib.util.find_spec(module.split(":")[0])
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _package_faces(root: Path, origin: str) -> list[Face]:
    """Read a fontpkg package's metadata.json (or, failing that, its font files)."""
    try:
        meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [f for p in sorted((root / "files").glob("*")) for f in read_faces(p, origin)]
    faces = []
    for entry in meta.get("files", []):
        path = root / entry["path"]
        if path.suffix.lower() not in FONT_SUFFIXES or not path.exists():
            continue
        faces.append(Face(meta["family"], path, int(entry.get("weight") or 400),
                          entry.get("style") == "italic", bool(entry.get("variable")), 0, origin))
    return faces


def system_faces() -> list[Face]:
    """Return the system's fonts, from fontconfig (or matplotlib's font manager without it)."""
    if shutil.which("fc-list"):
        return list(_fontconfig_faces())
    try:
        from matplotlib import font_manager
    except ImportError:
        return []
    return [Face(e.name, Path(e.fname), _weight(e.weight), e.style != "normal", False, 0, "system")
            for e in font_manager.fontManager.ttflist]


def _weight(value: object) -> int:
    named = {"light": 300, "normal": 400, "regular": 400, "medium": 500, "semibold": 600,
             "bold": 700, "heavy": 800, "black": 900}
    return value if isinstance(value, int) else named.get(str(value).lower(), 400)


def _fontconfig_faces() -> Iterator[Face]:
    fmt = "%{file}\t%{index}\t%{family[0]}\t%{weight}\t%{slant}\t%{variable}\t%{width}\n"
    try:
        out = subprocess.run(["fc-list", "--format", fmt], capture_output=True, text=True,
                             timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return
    for line in sorted(out.splitlines()):
        parts = line.split("\t")
        if len(parts) != 7 or Path(parts[0]).suffix.lower() not in FONT_SUFFIXES:
            continue
        file, index, family, weight, slant, variable, width = parts
        if width not in ("", "100"):  # condensed and expanded cuts are not the family's faces
            continue
        if not index.isdigit() or int(index) >= 0x10000:  # named instances of a variable font
            continue
        yield Face(family, Path(file), _fc_weight(weight), slant not in ("", "0"),
                   variable == "True", int(index), "system")


def _fc_weight(value: str) -> int:
    """Map a fontconfig weight (80 regular, 200 bold) to a CSS weight."""
    try:
        fc = float(value.split()[0].strip("[]"))
    except (ValueError, IndexError):
        return 400
    scale = ((0, 100), (40, 200), (50, 300), (80, 400), (100, 500), (180, 600), (200, 700),
             (205, 800), (210, 900))
    return min(scale, key=lambda pair: abs(pair[0] - fc))[1]


def group(faces: Iterable[Face]) -> dict[str, Family]:
    """Group faces into families by lookup key; the first origin of a family wins."""
    families: dict[str, Family] = {}
    for face in faces:
        key = family_key(face.family)
        family = families.get(key)
        if family is None:
            families[key] = Family(face.family, face.origin, [face])
        elif family.origin == face.origin:
            family.faces.append(face)
    return families


_CATALOGS: dict[tuple[Path, ...], dict[str, Family]] = {}


def catalog(folders: tuple[Path, ...] = ()) -> dict[str, Family]:
    """Return every family found, by lookup key, searching `folders` first (once a process)."""
    found = _CATALOGS.get(folders)
    if found is None:
        found = _CATALOGS[folders] = _search(folders)
    return found


def known_catalogs() -> dict[tuple[Path, ...], dict[str, Family]]:
    """Return the catalogs this process has searched, by their folders."""
    return dict(_CATALOGS)


def adopt_catalogs(catalogs: dict[tuple[Path, ...], dict[str, Family]]) -> None:
    """Take catalogs another process of this build searched (a worker need not search again)."""
    for folders, families in catalogs.items():
        _CATALOGS.setdefault(folders, families)


def _search(folders: tuple[Path, ...]) -> dict[str, Family]:
    """Search `folders`, font packages, matplotlib's DejaVu and the system, in that order."""
    faces: list[Face] = []
    for folder in folders:
        faces += folder_faces(folder)
    faces += package_faces()
    bundled = matplotlib_font_dir()  # before the system's copy: the same DejaVu everywhere
    if bundled is not None:
        faces += [Face(f.family, f.path, f.weight, f.italic, f.variable, f.index, "matplotlib")
                  for f in folder_faces(bundled) if f.family.startswith("DejaVu")]
    faces += system_faces()
    return group(faces)


def find_family(name: str, folders: tuple[Path, ...] = ()) -> Family | None:
    """Return the family called `name`, or None if it is not installed anywhere searched."""
    return catalog(folders).get(family_key(name))
