"""citeproc-py internals briefgen relies on (checked against citeproc-py 0.6 up to, not incl. 1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SUPPORTED = ((0, 6), (1, 0))  # lowest supported, first unsupported


def version_tuple() -> tuple[int, int]:
    """The installed citeproc-py version as (major, minor)."""
    from importlib.metadata import version

    major, minor, *_ = (int(p) for p in version("citeproc-py").split(".")[:2])
    return major, minor


# Answers per style: (what, id(root), name) -> (root, answer). Each entry holds its root, so
# a root's id is never reused while its entries exist.
_PER_STYLE: dict[tuple[str, int, str], tuple[Any, Any]] = {}


def _per_style(what: str, root: Any, name: str, find: Callable[[], Any]) -> Any:
    """Return the answer about `name` in the style under `root`, finding it the first time."""
    key = (what, id(root), name)
    found = _PER_STYLE.get(key)
    if found is None or found[0] is not root:
        found = _PER_STYLE[key] = (root, find())
    return found[1]


def memoize_macros() -> None:
    """Find each CSL macro, and whether it calls a variable, once per style.

    citeproc-py looks a macro up by name with an XPath search each time an element asks
    whether it calls a variable, which rendering one Chicago note does hundreds of times; a
    macro is a fixed child of the style's root, so the element found first is the one every
    later search finds. And a group is left out when none of the variables it calls has a
    value, so each `cs:text macro=...` asks whether its macro calls one, which walks the whole
    macro again at every use; the answer depends on the macro alone.
    """
    from citeproc import model

    element, text = model.CitationStylesElement, model.Text
    if getattr(element.get_macro, "briefgen_memoized", False):
        return
    search, walk = element.get_macro, text.calls_variable

    def get_macro(self: Any, name: str) -> Any:
        return _per_style("macro", self.get_root(), name, lambda: search(self, name))

    def calls_variable(self: Any) -> bool:
        name = self.get("macro")
        if name is None or "variable" in self.attrib:
            return bool(walk(self))
        return bool(_per_style("calls", self.get_root(), name, lambda: walk(self)))

    get_macro.briefgen_memoized = True  # type: ignore[attr-defined]
    calls_variable.briefgen_walk = walk  # type: ignore[attr-defined]
    element.get_macro = get_macro
    text.calls_variable = calls_variable
