"""Facts derived from font files, kept on disk once per machine (like fontconfig's cache).

Reading a font's names, outlines or metrics means parsing it; a build reads dozens of fonts,
so what it learns is stored under the font cache folder, keyed by the file's path, size and
modification time (an upgraded font is read again) and by whatever else the result depends on.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

_VERSION = "2"  # bump when what is derived from a font changes shape
_MAGIC = b"BGF2"  # then a CRC-32 of what follows
_HEAD = len(_MAGIC) + 4


def cache_dir() -> Path:
    """Return the font cache folder ($XDG_CACHE_HOME/briefgen/fonts or ~/.cache/briefgen/fonts)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefgen" / "fonts"


def cached_bytes(key: tuple[object, ...], path: Path, make: Callable[[], bytes]) -> bytes:
    """Return bytes derived from the font file `path`, made once per machine by `make`.

    `key` names everything else the bytes depend on; the file's size and modification time
    are added, so an upgraded font package is never served an old result. Each entry carries
    a checksum: a damaged one is made again, never served. A cache folder that cannot be
    written only costs the time to make the bytes again.
    """
    stat = path.stat()
    digest = hashlib.sha256(repr((_VERSION, str(path), stat.st_size, stat.st_mtime_ns,
                                  key)).encode()).hexdigest()[:32]
    target = cache_dir() / "derived" / f"{digest}.bin"
    try:
        stored = target.read_bytes()
    except OSError:
        stored = b""
    head, data = stored[:_HEAD], stored[_HEAD:]
    if head == _MAGIC + zlib.crc32(data).to_bytes(4, "big"):
        return data
    data = make()
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(_MAGIC + zlib.crc32(data).to_bytes(4, "big") + data)
        os.replace(tmp, target)
    except OSError:  # a full or read-only disk: no entry, and no half-written file left
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return data
