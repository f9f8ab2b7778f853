"""The worker pool's fallback: with no workers the build does the work in its own process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import workers
from briefgen.charts.cache import ChartSet
from briefgen.charts.data import ChartData, Series
from briefgen.charts.look import chart_look
from briefgen.theme import Theme
from briefgen.workers import PoolUnavailable, WorkerPool
from tests.conftest import REPO

MINI = REPO / "tests" / "fixtures" / "mini"


def _job() -> dict[str, ChartData]:
    return {"k": ChartData("bar", "t", ("a", "b"), (Series("", (1.0, 2.0), ("1", "2")),))}


def test_a_pool_that_cannot_start_fails_its_jobs_with_pool_unavailable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_main_reimportable", lambda: False)
    pool = WorkerPool(1)
    try:
        with pytest.raises(PoolUnavailable, match="no worker processes"):
            pool.submit(workers._ready).result(timeout=30)
    finally:
        pool.shutdown()


def test_charts_are_drawn_here_when_no_worker_can_draw_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_main_reimportable", lambda: False)
    pool = WorkerPool(1)
    try:
        charts = ChartSet(_job(), chart_look(Theme()), None, pool)
        assert charts["k"].png.startswith(b"\x89PNG") and charts.rendered == 1
    finally:
        pool.shutdown()


@pytest.mark.slow
def test_a_build_from_a_script_on_stdin_succeeds(tmp_path: Path) -> None:
    """`python -` has no main file a worker could import: the build runs in-process."""
    script = (f"from briefgen.pipeline import build\n"
              f"r = build({str(MINI)!r}, out_dir={str(tmp_path / 'out')!r}, use_cache=False)\n"
              f"print(sorted(r.outputs))\n")
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['docx', 'pdf']"
    assert "Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_a_worker_collects_garbage_although_its_libraries_loaded_without(
        method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    monkeypatch.setenv("BRIEFGEN_START_METHOD", method)
    pool = WorkerPool(1)
    try:
        assert pool.method == method
        assert pool.submit(gc.isenabled).result(timeout=120) is True
        assert pool.submit(gc.get_freeze_count).result(timeout=120) > 10_000  # the libraries
    finally:
        pool.shutdown()
    assert gc.isenabled()  # this process never stops collecting


def test_a_pool_given_no_job_is_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A brief that fails to validate is reported without waiting for matplotlib to load."""
    import threading
    import time

    started, stopped = threading.Event(), threading.Event()

    class Executor:
        def shutdown(self, wait: bool, cancel_futures: bool) -> None:
            assert cancel_futures
            stopped.set()

    def slow_start(self: WorkerPool) -> Executor:
        started.set()
        time.sleep(1.0)  # the workers importing matplotlib
        return Executor()

    monkeypatch.setattr(WorkerPool, "_start", slow_start)
    pool = WorkerPool(1)
    assert started.wait(10)
    t = time.perf_counter()
    pool.shutdown()
    assert time.perf_counter() - t < 0.5
    assert stopped.wait(10)  # once up, the unused workers are stopped by the pool's thread


def test_a_pool_given_a_job_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_main_reimportable", lambda: False)
    pool = WorkerPool(1)
    future = pool.submit(workers._ready)
    pool.shutdown()
    assert future.done()  # settled (here: no workers could start) before shutdown returned
