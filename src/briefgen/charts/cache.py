"""Render each chart once per build, in parallel, and cache it across builds by content hash."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable
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


# A queue from the helper process back to the build, inherited through fork (see fork_pool).
_STREAM: Any = None


def _render_batch(jobs: dict[str, ChartData], look: dict[str, Any],
                  cached: dict[str, ChartArt], after: Callable[[dict[str, ChartArt]], Any] | None
                  ) -> Any:
    """In the helper process: draw the charts, sending each back as soon as it is drawn,
    then run `after` (e.g. write the DOCX) with every chart at hand.

    The helper has matplotlib loaded and forks one renderer per core from itself, so
    matplotlib is imported once however many processes draw (the import takes as long as
    drawing three charts). Streaming lets the PDF go on past a figure as soon as it exists.
    """
    from concurrent.futures import as_completed

    stream = _STREAM
    arts = dict(cached)
    try:
        keys = list(jobs)
        if len(keys) == 1:
            arts[keys[0]] = _render_one((jobs[keys[0]], look))
            stream.put((keys[0], arts[keys[0]]))
        elif keys:
            import multiprocessing

            workers = min(len(keys), os.cpu_count() or 1)
            sub = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            futures = {sub.submit(_render_one, (jobs[k], look)): k for k in keys}
            for future in as_completed(futures):
                arts[futures[future]] = future.result()
                stream.put((futures[future], arts[futures[future]]))
            sub.shutdown(wait=False)  # the renderers exit on their own
    except BaseException as exc:  # tell the waiting build instead of leaving it blocked
        stream.put((None, exc))
        raise
    return after(arts) if after else None


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

    global _STREAM
    ctx = multiprocessing.get_context("fork")
    _STREAM = ctx.SimpleQueue()
    pool = ProcessPoolExecutor(workers, mp_context=ctx)
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
    futures: dict[str, Future[Any] | None] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stream: Any = None
    batch: Future[Any] | None = None

    def after_result(self) -> Any:
        """What the helper's `after` step returned (None if nothing was sent to a helper)."""
        return self.batch.result() if self.batch else None

    def get(self, key: str) -> ChartArt:
        """Return one chart, waiting for it (or rendering it here) if need be."""
        with self.lock:
            if key not in self.arts and self.futures[key] is None:
                # no helper process: render here, once
                self.arts[key] = _render_one((self.jobs[key], self.look))
            while key not in self.arts:  # charts stream back in the order they are drawn
                self._receive()
            return self.arts[key]

    def _receive(self) -> None:
        """Take the next chart from the helper; fail if the helper died without sending it."""
        reader = self.stream._reader  # SimpleQueue's pipe: poll it so a dead helper is noticed
        while not reader.poll(0.05):
            if self.batch is not None and self.batch.done() and not reader.poll(0):
                exc = self.batch.exception()
                raise exc or RuntimeError("the chart helper stopped before every chart was drawn")
        done, art = self.stream.get()
        if done is None:
            raise art
        self.arts[done] = art

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
                 pool: Executor | None,
                 after: Callable[[dict[str, ChartArt]], Any] | None = None) -> PendingCharts:
    """Take what the cache has and start rendering the rest on `pool` (if there is one).

    `after` (picklable) runs in the helper once every chart is drawn; its result comes
    back through `PendingCharts.after_result`.
    """
    pending = PendingCharts(jobs, look, cache_dir)
    todo: dict[str, ChartData] = {}
    for key in jobs:  # in document order
        hit = _load(cache_dir, key) if cache_dir else None
        if hit is not None:
            pending.arts[key] = hit
        else:
            todo[key] = jobs[key]
    batch = None
    if pool and (todo or after):
        cached = dict(pending.arts) if after else {}
        batch = pool.submit(_render_batch, todo, look, cached, after)
    pending.futures = dict.fromkeys(todo, batch)
    pending.stream, pending.batch = _STREAM, batch
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
