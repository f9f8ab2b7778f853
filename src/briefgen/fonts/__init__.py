"""Fonts: find families (fonts/ folders, font packages, the system), check coverage, fill roles."""

import logging

from briefgen.fonts.coverage import cmap, needs_glyph, scripts_covered, suggestions
from briefgen.fonts.discovery import Face, Family, catalog, family_key, find_family
from briefgen.fonts.instances import FontFileError, static_face
from briefgen.fonts.roles import (
    DEFAULT_FALLBACK,
    ROLES,
    FontChain,
    FontFiles,
    family_files,
    resolve_chain,
    unknown_family_message,
)

# fontTools reports what it drops while subsetting and odd timestamps in name tables: notes
# for font engineers, not for someone building a brief (whatever module reads a font first).
logging.getLogger("fontTools").setLevel(logging.ERROR)

__all__ = [
    "DEFAULT_FALLBACK", "ROLES", "Face", "Family", "FontChain", "FontFileError", "FontFiles",
    "catalog", "cmap", "family_files", "family_key", "find_family", "needs_glyph",
    "resolve_chain", "scripts_covered", "static_face", "suggestions", "unknown_family_message",
]
