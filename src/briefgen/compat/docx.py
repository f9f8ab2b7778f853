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
