"""python-docx internals briefgen relies on (checked against 1.1 up to, not including, 2)."""

from __future__ import annotations

from typing import Any

SUPPORTED = ((1, 1), (2, 0))  # lowest supported, first unsupported


def version_tuple() -> tuple[int, int]:
    """The installed python-docx version as (major, minor)."""
    from importlib.metadata import version

    major, minor, *_ = (int(p) for p in version("python-docx").split(".")[:2])
    return major, minor


def section_properties(section: Any) -> Any:
    """A section's `w:sectPr` element (python-docx has no public accessor for it)."""
    return section._sectPr


def element_maker() -> Any:
    """A fast `OxmlElement(tag)`: each tag's namespace resolved once, not at every element.

    python-docx's OxmlElement parses 'w:p' into a Clark name and namespace map each time; a
    DOCX of a brief makes thousands of elements. The result is the same custom element class
    (python-docx's parser makes it) with the same namespace declaration.
    """
    from docx.oxml.ns import NamespacePrefixedTag
    from docx.oxml.parser import oxml_parser

    resolved: dict[str, tuple[str, dict[str, str]]] = {}

    def make(tag: str) -> Any:
        found = resolved.get(tag)
        if found is None:
            prefixed = NamespacePrefixedTag(tag)
            found = resolved[tag] = (prefixed.clark_name, prefixed.nsmap)
        return oxml_parser.makeelement(found[0], nsmap=found[1])

    return make


class _Entries(dict[str, bytes]):
    """Stands in for python-docx's zip writer: keeps each part's bytes by member name."""

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self[pack_uri.membername] = blob


def package_entries(document: Any) -> dict[str, bytes]:
    """Every member of a python-docx document's package, by name, as `save()` would zip it.

    `Document.save` compresses each part into a zip that briefgen then reads back to write
    its own, normalised one; taking the parts directly compresses them once. The members,
    their bytes and the content types are python-docx's own (its `PackageWriter` steps).
    """
    from docx.opc import pkgwriter

    steps: Any = pkgwriter.PackageWriter  # its private, untyped steps, fed a dict not a zip
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    entries = _Entries()
    steps._write_content_types_stream(entries, package.parts)
    steps._write_pkg_rels(entries, package.rels)
    steps._write_parts(entries, package.parts)
    return dict(entries)
