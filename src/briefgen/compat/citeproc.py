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
    _memoize_macro_calls(model)


_CALLS: dict[tuple[int, str], tuple[Any, bool]] = {}


def _memoize_macro_calls(model: Any) -> None:
    """Decide once per style whether a macro calls a variable.

    A group is left out when none of the variables it calls has a value, so citeproc-py asks
    each `cs:text` whether it calls one; for `cs:text macro=...` that walks the whole macro,
    again at every use (thousands of walks per note). The answer depends on the macro alone.
    """
    text = model.Text
    walk = text.calls_variable

    def calls_variable(self: Any) -> bool:
        name = self.get("macro")
        if name is None or "variable" in self.attrib:
            return bool(walk(self))
        root = self.get_root()
        found = _CALLS.get((id(root), name))
        if found is None or found[0] is not root:
            found = _CALLS[(id(root), name)] = (root, bool(walk(self)))
        return found[1]

    calls_variable.briefgen_walk = walk  # type: ignore[attr-defined]
    text.calls_variable = calls_variable
