"""citeproc-py internals briefgen relies on (checked against citeproc-py 0.6 up to, not incl. 1)."""

from __future__ import annotations

from typing import Any

SUPPORTED = ((0, 6), (1, 0))  # lowest supported, first unsupported


def version_tuple() -> tuple[int, int]:
    """The installed citeproc-py version as (major, minor)."""
    from importlib.metadata import version

    major, minor, *_ = (int(p) for p in version("citeproc-py").split(".")[:2])
    return major, minor


_MACROS: dict[tuple[int, str], tuple[Any, Any]] = {}


def memoize_macros() -> None:
    """Find each CSL macro once per style, not with an XPath search at every use.

    citeproc-py looks a macro up by name each time an element asks whether it calls a
    variable, which rendering one Chicago note does hundreds of times. A macro is a fixed
    child of the style's root, so the element found first is the one every later search finds.
    Entries hold their root, so a root's id is never reused while its entries exist.
    """
    from citeproc import model

    element = model.CitationStylesElement
    if getattr(element.get_macro, "briefgen_memoized", False):
        return
    search = element.get_macro

    def get_macro(self: Any, name: str) -> Any:
        root = self.get_root()
        found = _MACROS.get((id(root), name))
        if found is None or found[0] is not root:
            found = _MACROS[(id(root), name)] = (root, search(self, name))
        return found[1]

    get_macro.briefgen_memoized = True  # type: ignore[attr-defined]
    element.get_macro = get_macro
