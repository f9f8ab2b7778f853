"""Render each chart once per build, in parallel, and cache it across builds by content hash."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
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


def cache_key(data: ChartData, look: dict[str, object]) -> str:
    """Hash everything that affects a chart: its data, the look, and tool versions."""
    return data.key({**look, "_v": [__version__, version("matplotlib")]})


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


def render_charts(
    jobs: dict[str, ChartData],
    look: dict[str, Any],
    cache_dir: Path | None,
    workers: int | None = None,
    on_render: Callable[[str], None] | None = None,
) -> tuple[dict[str, ChartArt], int]:
    """Return rendered art for every job key, and how many charts were actually rendered."""
    arts: dict[str, ChartArt] = {}
    todo: list[str] = []
    for key in sorted(jobs):
        hit = _load(cache_dir, key) if cache_dir else None
        if hit is not None:
            arts[key] = hit
        else:
            todo.append(key)
    workers = workers if workers is not None else min(len(todo), os.cpu_count() or 1)
    if len(todo) > 1 and workers > 1:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            results = pool.map(_render_one, [(jobs[k], look) for k in todo])
            for key, art in zip(todo, results, strict=True):
                arts[key] = art
    else:
        for key in todo:
            arts[key] = _render_one((jobs[key], look))
    for key in todo:
        if cache_dir:
            _store(cache_dir, key, arts[key])
        if on_render:
            on_render(key)
    return arts, len(todo)
