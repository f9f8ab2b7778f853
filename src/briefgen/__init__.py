"""briefgen: turn structured, sourced data into a policy brief (DOCX and PDF).

The Python API mirrors the CLI: `briefgen.build("examples/pakistan-dual-taliban")`.
Heavy libraries are imported only when a function needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefgen.version import __version__

if TYPE_CHECKING:
    from briefgen.pipeline import BuildResult


def build(path: Any, **options: Any) -> BuildResult:
    """Build a brief folder to PDF and DOCX (see `briefgen.pipeline.build` for options)."""
    from briefgen.pipeline import build as _build

    return _build(path, **options)


def validate(path: Any, **options: Any) -> None:
    """Load and check a brief folder; raise `briefgen.errors.BriefError` listing every problem."""
    from briefgen.pipeline import prepare

    prepare(path, **options)


__all__ = ["__version__", "build", "validate"]
