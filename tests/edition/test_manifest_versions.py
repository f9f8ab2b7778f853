"""The manifest's tool versions: read from folder names, the same as the metadata says."""

from __future__ import annotations

from importlib.metadata import version

from packaging.version import Version

from briefgen.edition.manifest import RENDERING_LIBRARIES, tool_versions


def test_versions_match_the_installed_metadata() -> None:
    found = tool_versions()
    for name in RENDERING_LIBRARIES:
        assert Version(found[name]) == Version(version(name))


def test_font_packages_are_listed_with_their_versions() -> None:
    found = tool_versions()
    fonts = {name: v for name, v in found.items() if name.startswith("fontpkg-")}
    assert "fontpkg-source-serif-4" in fonts
    for name, release in fonts.items():
        assert Version(release) == Version(version(name))  # '2.6' is '2.006', normalised
