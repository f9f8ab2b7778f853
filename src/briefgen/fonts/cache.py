"""Facts derived from font files, kept on disk once per machine (like fontconfig's cache).

Reading a font's names, outlines or metrics means parsing it; a build reads dozens of fonts,
so what it learns is stored under the font cache folder, keyed by the file's path, size and
modification time (an upgraded font is read again) and by whatever else the result depends on.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

_VERSION = "1"  # bump when what is derived from a font changes shape


def cache_dir() -> Path:
    """Return the font cache folder ($XDG_CACHE_HOME/briefgen/fonts or ~/.cache/briefgen/fonts)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefgen" / "fonts"


def cached_bytes(key: tuple[object, ...], path: Path, make: Callable[[], bytes]) -> bytes:
    """Return bytes derived from the font file `path`, made once per machine by `make`.

    `key` names everything else the bytes depend on; the file's size and modification time
    are added, so an upgraded font package is never served an old result. A cache folder
    that cannot be written only costs the time to make the bytes again.
    """
    stat = path.stat()
    digest = hashlib.sha256(repr((_VERSION, str(path), stat.st_size, stat.st_mtime_ns,
                                  key)).encode()).hexdigest()[:32]
    target = cache_dir() / "derived" / f"{digest}.bin"
    try:
        return target.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except OSError:
        pass
    return data
