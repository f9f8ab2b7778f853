"""Untrusted builds run in a child process under a memory cap and a time limit."""

import contextlib
import time
from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.pipeline import BuildOptions, build_here
from briefgen.sandbox import Limits, TimeLimitError, build_in_sandbox, time_limit


@pytest.mark.slow
def test_an_untrusted_build_produces_the_same_files(mini: Path, tmp_path: Path) -> None:
    options = BuildOptions(out_dir=tmp_path / "out", formats=("pdf",), use_cache=False,
                           untrusted=True)
    result = build_in_sandbox(build_here, mini, options)
    assert result.outputs["pdf"].read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_an_untrusted_build_is_stopped_at_its_time_limit(mini: Path, tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="stopped after 0 s"):
        build_in_sandbox(build_here, mini, BuildOptions(out_dir=tmp_path / "out", use_cache=False,
                                            untrusted=True), Limits(seconds=0.02))
    assert not (tmp_path / "out" / "mini.pdf").exists()


@pytest.mark.slow
def test_an_untrusted_build_is_held_to_its_memory_cap(mini: Path, tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="MB"):
        build_in_sandbox(build_here, mini, BuildOptions(out_dir=tmp_path / "out", use_cache=False,
                                            untrusted=True), Limits(memory_mb=150))


def _swallow(seconds: float) -> None:
    """Sleep, swallowing any error, as a library's broad `except Exception` does."""
    with contextlib.suppress(Exception):
        time.sleep(seconds)


def test_a_time_limit_swallowed_once_fires_again() -> None:
    t0 = time.monotonic()
    with pytest.raises(TimeLimitError, match="stopped after 0 s"), time_limit(0.1, "brief"):
        _swallow(5)  # the first alarm ends this sleep and is swallowed
        time.sleep(5)  # the next one ends the block
    assert time.monotonic() - t0 < 2.5


def test_a_block_that_swallows_every_alarm_still_fails_at_its_end() -> None:
    with pytest.raises(TimeLimitError, match="stopped after 0 s"), time_limit(0.05, "brief"):
        end = time.monotonic() + 0.4
        while time.monotonic() < end:
            _swallow(0.01)
