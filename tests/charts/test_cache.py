"""The chart cache and the helper process that renders charts."""

import os
from pathlib import Path

import pytest

from briefgen.charts.cache import fork_pool, render_charts, start_charts
from briefgen.charts.data import ChartData, Series
from briefgen.charts.render import chart_look
from briefgen.theme import Theme


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


def test_helper_and_in_process_rendering_agree(tmp_path: Path) -> None:
    look = chart_look(Theme())
    with_helper, _ = render_charts(_jobs(3), look, None, workers=1)
    in_process, _ = render_charts(_jobs(3), look, None, workers=0)
    assert {k: a.png for k, a in with_helper.items()} == {k: a.png for k, a in in_process.items()}


def _die(_arts: object) -> None:
    os._exit(3)  # the helper process dies outright


def test_a_dead_helper_is_an_error_not_a_hang() -> None:
    pool = fork_pool(1)
    assert pool is not None
    try:
        pending = start_charts({}, chart_look(Theme()), None, pool, after=_die)
        with pytest.raises(Exception):  # noqa: B017 - BrokenProcessPool
            pending.after_result()
    finally:
        pool.shutdown(wait=False)


def _exit_now(*_args: object) -> None:
    os._exit(3)


def test_a_helper_dying_mid_render_does_not_hang_the_build(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.charts.cache as cache

    monkeypatch.setattr(cache, "_render_batch", _exit_now)
    pool = fork_pool(1)  # forked after the patch: the helper dies on its first job
    assert pool is not None
    try:
        pending = start_charts(_jobs(2), chart_look(Theme()), None, pool)
        with pytest.raises(Exception):  # noqa: B017 - BrokenProcessPool
            pending.get("k0")
    finally:
        pool.shutdown(wait=False)
