"""Starting briefs for `briefgen init`: templates that validate, check and build at once."""

from briefgen.scaffold.writer import TEMPLATES, scaffold

__all__ = ["TEMPLATES", "scaffold"]
