"""briefgen: turn structured, sourced data into a policy brief (DOCX and PDF)."""

from __future__ import annotations

__version__ = "0.1.0"
