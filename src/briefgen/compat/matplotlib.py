"""matplotlib internals briefgen relies on (checked against matplotlib 3.8 up to, not incl. 4)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

SUPPORTED = ((3, 8), (4, 0))  # lowest supported, first unsupported


def version_tuple() -> tuple[int, int]:
    """The installed matplotlib version as (major, minor)."""
    from importlib.metadata import version

    major, minor, *_ = (int(p) for p in version("matplotlib").split(".")[:2])
    return major, minor


def _no_property_list(artist: Any) -> str:
    """Stand in for `matplotlib.artist.kwdoc` while the artist classes are defined."""
    return ""


@contextlib.contextmanager
def without_property_docs() -> Iterator[None]:
    """Import matplotlib's artist classes without writing their properties into docstrings.

    Each Artist subclass, as it is defined, lists every settable property in the docstring of
    its `set()` (`Artist._update_set_signature_and_docstring` calls `kwdoc`). That is a third of
    the import's time, for text only `help()` reads; a chart worker never does. The signature
    of `set()` is still made, and `kwdoc` is restored on leaving, so later calls work as usual.
    """
    import matplotlib.artist as artist

    original = artist.kwdoc
    artist.kwdoc = _no_property_list
    try:
        yield
    finally:
        artist.kwdoc = original
