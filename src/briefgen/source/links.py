"""Which link addresses a brief may make live: http, https and mailto, nothing else."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE = ("http", "https", "mailto")


def safe_link(url: str) -> bool:
    """True for a URL with an http, https or mailto scheme (control characters refused)."""
    found = _SCHEME.match(url.strip())
    return (found is not None and found[1].lower() in _SAFE and url == url.strip()
            and not any(ord(c) < 32 or c in "\x7f<>\"" for c in url))
