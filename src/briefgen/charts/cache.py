"""Render each chart once per build, in parallel, and cache it across builds by content hash."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from briefgen import __version__
from briefgen.charts.data import ChartData
from briefgen.model import ChartArt


def default_cache_dir() -> Path:
    """Return the user cache folder ($XDG_CACHE_HOME/briefgen or ~/.cache/briefgen)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefgen" / "charts"


@cache
def _renderer_version() -> list[str]:
    """Versions that change pixels: briefgen, matplotlib, and the drawing code itself."""
    code = hashlib.sha256(Path(__file__).with_name("render.py").read_bytes()).hexdigest()[:12]
    return [__version__, version("matplotlib"), code]


def cache_key(data: ChartData, look: dict[str, object]) -> str:
    """Hash everything that affects a chart: its data, the look, and tool versions."""
    return data.key({**look, "_v": _renderer_version()})


def _load(folder: Path, key: str) -> ChartArt | None:
    meta_path = folder / f"{key}.json"
    try:
        meta = json.loads(meta_path.read_text())
        svg = (folder / f"{key}.svg").read_bytes()
        png = (folder / f"{key}.png").read_bytes()
    except (OSError, ValueError):
        return None
    return ChartArt(svg, png, meta["width_in"], meta["height_in"], meta["dpi"])


def _write_atomic(path: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
    os.replace(tmp, path)


def _store(folder: Path, key: str, art: ChartArt) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomic(folder / f"{key}.svg", art.svg)
    _write_atomic(folder / f"{key}.png", art.png)
    meta = {"width_in": art.width_in, "height_in": art.height_in, "dpi": art.dpi}
    _write_atomic(folder / f"{key}.json", json.dumps(meta).encode())


def _render_one(args: tuple[ChartData, dict[str, Any]]) -> ChartArt:
    from briefgen.charts.render import render_chart

    return render_chart(*args)


def _render_batch(jobs: dict[str, ChartData], look: dict[str, Any]) -> dict[str, ChartArt]:
    """Render several charts in a helper process that has matplotlib loaded.

    It forks one renderer per core from itself, so matplotlib is imported once however
    many processes draw (importing it takes as long as drawing three charts).
    """
    keys = list(jobs)
    if len(keys) == 1:
        return {keys[0]: _render_one((jobs[keys[0]], look))}
    import multiprocessing

    workers = min(len(keys), os.cpu_count() or 1)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as sub:
        arts = list(sub.map(_render_one, [(jobs[k], look) for k in keys]))
    return dict(zip(keys, arts, strict=True))


def _warm_up() -> None:
    """Import matplotlib's renderers in a worker before any chart arrives."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    import briefgen.charts.render  # noqa: F401


def fork_pool(workers: int) -> Executor | None:
    """Forked worker processes that start importing matplotlib at once (None for 0)."""
    if workers < 1:
        return None
    import multiprocessing

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    for _ in range(workers):
        pool.submit(_warm_up)
    return pool


@dataclass
class PendingCharts:
    """Charts being rendered: cache hits now, the rest as futures (or rendered on demand)."""

    jobs: dict[str, ChartData]
    look: dict[str, Any]
    cache_dir: Path | None
    arts: dict[str, ChartArt] = field(default_factory=dict)
    futures: dict[str, Future[dict[str, ChartArt]] | None] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: str) -> ChartArt:
        """Return one chart, waiting for it (or rendering it here) if need be."""
        with self.lock:
            if key in self.arts:
                return self.arts[key]
            future = self.futures[key]
            if future is None:  # no workers: render in this process, once
                self.arts[key] = _render_one((self.jobs[key], self.look))
                return self.arts[key]
        art = future.result()[key]
        with self.lock:
            return self.arts.setdefault(key, art)

    def result(self) -> tuple[dict[str, ChartArt], int]:
        """Wait for every chart; store new ones in the cache; return (arts, number rendered)."""
        for key in self.futures:
            art = self.get(key)
            if self.cache_dir:
                _store(self.cache_dir, key, art)
        return dict(self.arts), len(self.futures)


class LazyArts(dict[str, ChartArt]):
    """The charts of a Document, each looked up only when a writer first needs it.

    The PDF writer lays out the pages before the first chart while the charts are still
    being rendered in the workers; it waits only when it reaches a page with a chart.
    """

    def __init__(self, pending: PendingCharts) -> None:
        super().__init__()
        self.pending = pending

    def __missing__(self, key: str) -> ChartArt:
        art = self.pending.get(key)
        self[key] = art
        return art

    def __contains__(self, key: object) -> bool:
        return key in self.pending.jobs

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        """Like dict.get, but waiting for a chart still being rendered."""
        return self[key] if key in self else default  # noqa: SIM401 - self.get is this method


def start_charts(jobs: dict[str, ChartData], look: dict[str, Any], cache_dir: Path | None,
                 pool: Executor | None) -> PendingCharts:
    """Take what the cache has and start rendering the rest on `pool` (if there is one)."""
    pending = PendingCharts(jobs, look, cache_dir)
    todo: dict[str, ChartData] = {}
    for key in jobs:  # in document order
        hit = _load(cache_dir, key) if cache_dir else None
        if hit is not None:
            pending.arts[key] = hit
        else:
            todo[key] = jobs[key]
    batch = pool.submit(_render_batch, todo, look) if pool and todo else None
    pending.futures = dict.fromkeys(todo, batch)
    return pending


def render_charts(
    jobs: dict[str, ChartData],
    look: dict[str, Any],
    cache_dir: Path | None,
    workers: int = 1,
) -> tuple[dict[str, ChartArt], int]:
    """Render (or fetch from the cache) every chart; return (arts, number rendered)."""
    pool = fork_pool(workers)
    try:
        return start_charts(jobs, look, cache_dir, pool).result()
    finally:
        if pool:
            pool.shutdown()
