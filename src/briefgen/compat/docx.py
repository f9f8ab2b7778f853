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
