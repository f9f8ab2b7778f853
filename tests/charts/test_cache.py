"""The chart cache, the chart set and the worker pool that draws charts."""

import os
from pathlib import Path

import pytest

from briefgen.charts.cache import ChartSet, load_entry, render_charts, store_entry
from briefgen.charts.data import ChartData, Series
from briefgen.charts.render import chart_look
from briefgen.theme import Theme
from briefgen.workers import WorkerPool


def _jobs(n: int) -> dict[str, ChartData]:
    return {f"k{i}": ChartData("bar", f"chart {i}", ("a", "b"),
                               (Series("", (float(i), 2.0), (str(i), "2")),))
            for i in range(n)}


def test_cache_hits_skip_rendering(tmp_path: Path) -> None:
    look = chart_look(Theme())
    arts, rendered = render_charts(_jobs(3), look, tmp_path)
    assert rendered == 3 and len(arts) == 3
    again, rendered = render_charts(_jobs(3), look, tmp_path)
    assert rendered == 0
    assert again["k1"].svg == arts["k1"].svg


@pytest.mark.slow
def test_workers_and_in_process_rendering_agree() -> None:
    look = chart_look(Theme())
    in_workers, _ = render_charts(_jobs(3), look, None, workers=2)
    in_process, _ = render_charts(_jobs(3), look, None, workers=0)
    assert {k: a.png for k, a in in_workers.items()} == {k: a.png for k, a in in_process.items()}


@pytest.mark.slow
def test_spawned_workers_draw_the_same_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_START_METHOD", "spawn")
    look = chart_look(Theme())
    spawned, _ = render_charts(_jobs(1), look, None, workers=1)
    here, _ = render_charts(_jobs(1), look, None, workers=0)
    assert spawned["k0"].svg == here["k0"].svg


@pytest.mark.parametrize("damage", ["truncate", "empty", "random", "swap", "json-types"])
def test_a_damaged_cache_entry_is_drawn_again(tmp_path: Path, damage: str) -> None:
    look = chart_look(Theme())
    arts, _ = render_charts(_jobs(2), look, tmp_path)
    keys = sorted(p.stem for p in tmp_path.glob("*.json"))
    first = tmp_path / f"{keys[0]}.png"
    if damage == "truncate":
        first.write_bytes(first.read_bytes()[:100])
    elif damage == "empty":
        first.write_bytes(b"")
    elif damage == "random":
        first.write_bytes(os.urandom(400))
    elif damage == "swap":
        other = tmp_path / f"{keys[1]}.svg"
        mine = tmp_path / f"{keys[0]}.svg"
        a, b = mine.read_bytes(), other.read_bytes()
        mine.write_bytes(b)
        other.write_bytes(a)
    else:
        (tmp_path / f"{keys[0]}.json").write_text('{"key": 5, "svg": [], "png": null}')
    assert load_entry(tmp_path, keys[0]) is None
    again, rendered = render_charts(_jobs(2), look, tmp_path)
    assert rendered >= 1
    assert {k: a.svg for k, a in again.items()} == {k: a.svg for k, a in arts.items()}


def test_an_unwritable_cache_only_warns(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    arts, _ = render_charts(_jobs(1), chart_look(Theme()), None)
    with pytest.warns(UserWarning, match="chart cache not written"):
        store_entry(blocker / "charts", "k0", arts["k0"])


def _die(*_args: object) -> None:
    os._exit(3)  # the worker dies outright


@pytest.mark.slow
def test_a_dying_worker_is_an_error_not_a_hang() -> None:
    pool = WorkerPool(1)
    try:
        future = pool.submit(_die)
        with pytest.raises(Exception):  # noqa: B017 - BrokenProcessPool
            future.result(timeout=60)
    finally:
        pool.shutdown()


@pytest.mark.slow
def test_a_chart_set_waits_only_for_the_chart_asked_for() -> None:
    pool = WorkerPool(1)
    try:
        charts = ChartSet(_jobs(3), chart_look(Theme()), None, pool)
        assert charts["k2"].png.startswith(b"\x89PNG")
        assert len(charts) == 3 and list(charts) == ["k0", "k1", "k2"]
        assert len(charts.complete()) == 3
    finally:
        pool.shutdown()


class _Pool:
    """Records what a chart set submits, in order, without drawing anything."""

    def __init__(self) -> None:
        self.submitted: list[str] = []

    def submit(self, fn: object, data: ChartData, look: object, key: str) -> object:
        from concurrent.futures import Future

        self.submitted.append(key)
        return Future()


def test_charts_added_one_by_one_are_submitted_once_in_order(tmp_path: Path) -> None:
    look = chart_look(Theme())
    jobs = _jobs(3)
    store_entry(tmp_path, "k1", render_charts({"k1": jobs["k1"]}, look, None)[0]["k1"])
    pool = _Pool()
    charts = ChartSet({}, look, tmp_path, pool)  # type: ignore[arg-type]
    for key in ("k0", "k1", "k2", "k0"):
        charts.add(key, jobs[key])
    assert pool.submitted == ["k0", "k2"]  # k1 came from the cache; k0 only once
    assert list(charts) == ["k0", "k1", "k2"]
    assert charts["k1"].png.startswith(b"\x89PNG")
