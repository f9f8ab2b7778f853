"""Each chart rendered once per build (in a worker when there is one) and cached by content hash.

`ChartSet` is the Document's chart mapping: cache hits are there at once, the rest arrive as
futures from the worker pool, and a writer that asks for a chart waits for that chart only.
The cache is an optimisation and never a reason to fail: an entry that is unreadable, of the
wrong shape or whose bytes do not match the hashes stored with it is ignored (and replaced),
and a cache that cannot be written (read-only, full disk) only produces a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import warnings
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.charts.data import ChartData
from briefgen.model import ChartArt
from briefgen.version import __version__, installed_version

if TYPE_CHECKING:
    from briefgen.workers import WorkerPool


class CacheWarning(UserWarning):
    """The chart cache could not be used; the build goes on without it."""


def default_cache_dir() -> Path | None:
    """Return $XDG_CACHE_HOME/briefgen/charts or ~/.cache/briefgen/charts (None: no home)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no passwd entry (some cron and CI set-ups)
            return None
    return Path(base) / "briefgen" / "charts"


@cache
def _renderer_version() -> list[str]:
    """Versions that change pixels: briefgen, matplotlib, and the drawing code itself."""
    here = Path(__file__).parent
    code = hashlib.sha256()
    for name in sorted(p.name for p in here.glob("*.py")):
        code.update((here / name).read_bytes())
    return [__version__, installed_version("matplotlib"), code.hexdigest()[:12]]


def cache_key(data: ChartData, look: dict[str, object]) -> str:
    """Hash everything that affects a chart: its data, the look, and tool versions."""
    return data.key({**look, "_v": _renderer_version()})


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def load_entry(folder: Path, key: str) -> ChartArt | None:
    """Return a cached chart, or None if it is missing, damaged or not what its hashes say."""
    try:
        meta = json.loads((folder / f"{key}.json").read_text())
        svg = (folder / f"{key}.svg").read_bytes()
        png = (folder / f"{key}.png").read_bytes()
        if meta.get("key") != key or meta["svg"] != _digest(svg) or meta["png"] != _digest(png):
            return None
        return ChartArt(svg, png, float(meta["width_in"]), float(meta["height_in"]),
                        int(meta["dpi"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_atomic(path: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_entry(folder: Path, key: str, art: ChartArt) -> None:
    """Cache a chart (the JSON, written last, holds the hashes that vouch for the images)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomic(folder / f"{key}.svg", art.svg)
        _write_atomic(folder / f"{key}.png", art.png)
        meta = {"key": key, "svg": _digest(art.svg), "png": _digest(art.png),
                "width_in": art.width_in, "height_in": art.height_in, "dpi": art.dpi}
        _write_atomic(folder / f"{key}.json", json.dumps(meta).encode())
    except OSError as exc:
        warnings.warn(f"chart cache not written ({folder}: {exc.strerror or exc}); "
                      "the build goes on without it", CacheWarning, stacklevel=2)


# The charts this process drew as a worker's jobs, by key: its later jobs (the DOCX) use them.
_DRAWN: dict[str, ChartArt] = {}


def draw(data: ChartData, look: dict[str, Any], key: str | None = None) -> ChartArt:
    """Render one chart (the job a worker runs); keep it here under `key` for later jobs."""
    from briefgen.charts.render import render_chart

    art = render_chart(data, look)
    if key is not None:
        _DRAWN[key] = art
    return art


def _result_or_draw(future: Future[ChartArt] | None, data: ChartData,
                    look: dict[str, Any]) -> ChartArt:
    """Return a worker's chart; draw it here when no worker could (the in-process fallback)."""
    from briefgen.workers import NO_WORKERS

    if future is not None:
        try:
            return future.result()
        except NO_WORKERS:
            pass
    return draw(data, look)


class ChartSet(Mapping[str, ChartArt]):
    """The charts of one build, by key: cached, being drawn in a worker, or drawn on demand."""

    def __init__(self, jobs: dict[str, ChartData], look: dict[str, Any],
                 cache_dir: Path | None, pool: WorkerPool | None) -> None:
        self.look, self.cache_dir, self.pool = look, cache_dir, pool
        self.jobs: dict[str, ChartData] = {}
        self._arts: dict[str, ChartArt] = {}
        self._futures: dict[str, Future[ChartArt]] = {}
        self._lock = threading.Lock()
        self.rendered = 0
        for key, data in jobs.items():  # in document order, so the first figure comes first
            self.add(key, data)

    def add(self, key: str, data: ChartData) -> None:
        """Take one more chart: from the cache, else start drawing it in a worker now."""
        with self._lock:
            if key in self.jobs:
                return
            self.jobs[key] = data
        hit = load_entry(self.cache_dir, key) if self.cache_dir else None
        with self._lock:
            if hit is not None:
                self._arts[key] = hit
            elif self.pool is not None:
                self._futures[key] = self.pool.submit(draw, data, self.look, key)

    def __getitem__(self, key: str) -> ChartArt:
        """Return one chart, waiting for its worker (or drawing it here) if need be."""
        with self._lock:
            if key in self._arts:
                return self._arts[key]
            if key not in self.jobs:
                raise KeyError(key)
            future = self._futures.get(key)
        art = _result_or_draw(future, self.jobs[key], self.look)
        with self._lock:
            if key not in self._arts:
                self._arts[key] = art
                self.rendered += 1
                if self.cache_dir:
                    store_entry(self.cache_dir, key, art)
            return self._arts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.jobs)

    def __len__(self) -> int:
        return len(self.jobs)

    def for_worker(self) -> DrawnInWorker:
        """These charts as a job queued behind the chart jobs in the same worker sees them."""
        with self._lock:
            return DrawnInWorker(self.jobs, self.look, dict(self._arts))

    def complete(self) -> dict[str, ChartArt]:
        """Wait for every chart and return them all, in document order."""
        return {key: self[key] for key in self.jobs}

    def cancel(self) -> None:
        """Cancel the charts no worker has started (the build is giving up)."""
        for future in self._futures.values():
            future.cancel()


class DrawnInWorker(Mapping[str, ChartArt]):
    """A build's charts as seen by a worker job queued after the chart jobs (the DOCX).

    The worker drew them moments ago, so they are taken from this process rather than sent
    back from the main one; a chart this process did not draw (another worker's, or one whose
    job was cancelled) is drawn again, with the same bytes. Charts from the cache come along.
    """

    def __init__(self, jobs: dict[str, ChartData], look: dict[str, Any],
                 ready: dict[str, ChartArt]) -> None:
        self.jobs, self.look, self.ready = jobs, look, ready

    def __getitem__(self, key: str) -> ChartArt:
        art = self.ready.get(key) or _DRAWN.get(key)
        if art is None:
            if key not in self.jobs:
                raise KeyError(key)
            art = draw(self.jobs[key], self.look, key)
        return art

    def __iter__(self) -> Iterator[str]:
        return iter(self.jobs)

    def __len__(self) -> int:
        return len(self.jobs)


def render_charts(jobs: dict[str, ChartData], look: dict[str, Any], cache_dir: Path | None,
                  workers: int = 0) -> tuple[dict[str, ChartArt], int]:
    """Render (or fetch from the cache) every chart; return (arts, number rendered)."""
    from briefgen.workers import WorkerPool

    pool = WorkerPool(workers) if workers > 0 else None
    try:
        charts = ChartSet(jobs, look, cache_dir, pool)
        return charts.complete(), charts.rendered
    finally:
        if pool is not None:
            pool.shutdown()
