"""Font system: discovery in folders, packages and the system; roles and fallback chains."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from briefgen.cli import main
from briefgen.fonts import catalog, family_files, find_family, resolve_chain, scripts_covered
from briefgen.fonts.discovery import Face, family_key, matplotlib_font_dir, package_faces
from briefgen.fonts.instances import FontFileError, forget_static_faces, static_face
from briefgen.theme import Fonts, Theme, find_style, load_theme


def _needs(family: str) -> None:
    if find_family(family) is None:
        pytest.skip(f"{family} is not installed")


def test_fontpkg_packages_are_found_through_their_entry_points() -> None:
    faces = package_faces()
    arabic = [f for f in faces if f.family == "Noto Sans Arabic"]
    assert arabic and arabic[0].origin == "package fontpkg-noto-sans-arabic"
    assert arabic[0].variable


def test_bundled_dejavu_comes_before_the_system_copy() -> None:
    family = find_family("dejavu sans")  # case and spaces do not matter
    assert family is not None and family.origin == "matplotlib"
    assert all(face.path.parent == matplotlib_font_dir() for face in family.faces)


def test_a_fonts_folder_beside_the_style_comes_first(tmp_path: Path) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(family_files("DejaVu Serif").regular, folder / "Mine.ttf")
    found = catalog((folder,))[family_key("DejaVu Serif")]
    assert found.origin == "folder"
    style = tmp_path / "mine.yaml"
    style.write_text("fonts: {body: DejaVu Serif}\n", encoding="utf-8")
    theme = load_theme(style)
    assert theme.fonts.search_folders == (folder,)
    assert family_files("DejaVu Serif", theme.fonts.search_folders).regular == folder / "Mine.ttf"


def test_roles_take_a_name_a_chain_or_a_shared_fallback() -> None:
    fonts = Fonts.model_validate({"body": ["DejaVu Serif", "Noto Serif"],
                                  "headings": "DejaVu Sans", "fallback": ["Noto Sans"]})
    assert fonts.body == "DejaVu Serif"
    assert fonts.chain("body") == ("DejaVu Serif", "Noto Serif", "Noto Sans")
    assert fonts.chain("heading") == ("DejaVu Sans", "Noto Sans")
    assert fonts.chain("caption") == fonts.chain("chart") == fonts.chain("body")
    old = Fonts.model_validate({"body": "DejaVu Sans", "heading": "DejaVu Serif"})
    assert old.chain("heading") == ("DejaVu Serif",)


def test_an_unknown_family_is_refused_with_the_package_to_install() -> None:
    with pytest.raises(ValidationError) as err:
        Fonts.model_validate({"body": "Source Serif 5"})
    message = str(err.value)
    assert "font family 'Source Serif 5' not found" in message
    assert "pip install fontpkg-source-serif-5" in message


def test_every_shipped_style_loads() -> None:
    for name in ("default", "house-serif", "us-letter"):
        assert load_theme(find_style(name)).fonts.body


def test_text_faces_from_font_packages_can_be_named() -> None:
    for family in ("Source Serif 4", "Source Sans 3", "IBM Plex Serif", "IBM Plex Sans"):
        _needs(family)
        files = family_files(family)
        assert len(set(files.faces())) >= 2  # a real bold, not the regular twice
        assert "Latin" in scripts_covered(files.regular)


def test_a_variable_font_is_instantiated_at_the_weight_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _needs("Noto Sans Thai")
    from fontTools.ttLib import TTFont

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    face = find_family("Noto Sans Thai").faces[0]  # type: ignore[union-attr]
    forget_static_faces()
    bold = static_face(face, 700)
    assert bold.path.parent == tmp_path / "briefgen" / "fonts"
    assert dict(bold.variations)["wght"] == 700
    with TTFont(str(bold.path)) as font:
        assert "fvar" not in font and "glyf" in font
    assert static_face(face, 400).path == face.path  # the default instance is used as it is


def test_a_postscript_outline_font_is_refused_clearly(tmp_path: Path) -> None:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    from briefgen.fonts.discovery import Face

    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    pen = T2CharStringPen(500, None)
    builder.setupCFF("Cff-Regular", {}, {".notdef": pen.getCharString()}, {})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader()
    builder.setupNameTable({"familyName": "Cff", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path = tmp_path / "Cff.otf"
    builder.save(str(path))
    with pytest.raises(FontFileError, match="PostScript \\(CFF\\) outlines"):
        static_face(Face("Cff", path), 400)


def test_a_chain_sends_each_script_to_a_font_that_draws_it() -> None:
    _needs("Noto Sans Thai")
    chain = resolve_chain(("DejaVu Serif",))
    pieces = [(text, chain.families[i].name) for text, i in chain.split("Mekong แม่น้ำโขง, 2024")]
    assert pieces == [("Mekong ", "DejaVu Serif"), ("แม่น้ำโขง, 2024", "Noto Sans Thai")]
    # Arabic goes to a family made for it even where a general family also covers it.
    arabic = chain.families[chain.font_for("ب")].name
    assert "Arabic" in arabic


def test_styles_are_interchangeable_for_any_installed_script() -> None:
    for name in ("default", "house-serif", "us-letter"):
        theme = load_theme(find_style(name))
        chain = resolve_chain(theme.fonts.chain("body"), theme.fonts.search_folders)
        assert chain.missing("ລາວ ไทย ខ្មែរ हिन्दी") == resolve_chain(("DejaVu Sans",)).missing(
            "ລາວ ไทย ខ្មែរ हिन्दी")


def test_fonts_command_lists_families_scripts_and_roles() -> None:
    result = CliRunner().invoke(main, ["fonts", "--style", "house-serif"])
    assert result.exit_code == 0, result.output
    body = next(line for line in result.output.splitlines() if line.startswith("IBM Plex Serif"))
    assert re.search(r"\bbody\b(?! \d)", body) and "Latin" in body  # first in the body chain
    fallback = next(line for line in result.output.splitlines()
                    if line.startswith("DejaVu Serif"))
    assert "body 2" in fallback
    assert "Noto Sans Arabic" in result.output and "Arabic" in result.output
    as_json = CliRunner().invoke(main, ["fonts", "--json"])
    assert '"roles"' in as_json.output


def test_theme_default_fonts_are_valid() -> None:
    assert Theme().fonts.chain("body") == ("DejaVu Sans",)


def test_what_a_font_file_says_is_read_once_per_machine(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.fonts import discovery
    from briefgen.fonts.discovery import read_faces

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = family_files("DejaVu Sans").bold
    first = read_faces(path, "folder")
    assert [(f.family, f.weight, f.italic) for f in first] == [("DejaVu Sans", 700, False)]

    def parse_again(path: Path) -> None:
        raise AssertionError("the font was parsed again")

    monkeypatch.setattr(discovery, "_read_faces", parse_again)
    assert read_faces(path, "package x") == [
        Face(f.family, f.path, f.weight, f.italic, f.variable, f.index, "package x")
        for f in first]


def test_a_damaged_font_cache_entry_is_made_again_not_served(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.fonts.cache import cached_bytes

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    font = family_files("DejaVu Sans").regular
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"derived facts"

    assert cached_bytes(("test",), font, make) == b"derived facts"
    assert cached_bytes(("test",), font, make) == b"derived facts" and len(made) == 1
    [entry] = (tmp_path / "cache").rglob("*.bin")
    for damage in (entry.read_bytes()[:-3], entry.read_bytes().replace(b"facts", b"fact!"), b""):
        entry.write_bytes(damage)
        assert cached_bytes(("test",), font, make) == b"derived facts"
    assert len(made) == 4  # made again after each damage, and stored whole again
    assert cached_bytes(("test",), font, make) == b"derived facts" and len(made) == 4
