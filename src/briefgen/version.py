"""The version of briefgen (one place; the package root re-exports it), and of what it uses."""

from __future__ import annotations

import os
import sys
from functools import cache

__version__ = "0.2.0"


@cache
def distributions() -> dict[str, str]:
    """Name and version of every distribution installed as a wheel, first on sys.path first.

    Read from the `.dist-info` folder names (`fontpkg_noto_sans_thai-2.2.dist-info`), not
    from each distribution's metadata, which would cost a fifth of a second per build.
    """
    found: dict[str, str] = {}
    for entry in dict.fromkeys(sys.path):
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info") and "-" in folder:
                name, _, release = folder.removesuffix(".dist-info").partition("-")
                found.setdefault(name.replace("_", "-").replace(".", "-").lower(), release)
    return found


def installed_version(name: str) -> str:
    """The installed version of distribution `name` ('-' if it is not installed)."""
    found = distributions().get(name.lower())
    if found:
        return found
    from importlib.metadata import PackageNotFoundError, version  # an egg or editable install

    try:
        return version(name)
    except PackageNotFoundError:
        return "-"
