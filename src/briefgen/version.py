"""The version of briefgen (one place; the package root re-exports it)."""

__version__ = "0.2.0"
