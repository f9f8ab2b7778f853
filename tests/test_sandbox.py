"""Untrusted builds run in a child process under a memory cap and a time limit."""

from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.pipeline import BuildOptions, build_here
from briefgen.sandbox import Limits, build_in_sandbox

pytestmark = pytest.mark.slow


def test_an_untrusted_build_produces_the_same_files(mini: Path, tmp_path: Path) -> None:
    options = BuildOptions(out_dir=tmp_path / "out", formats=("pdf",), use_cache=False,
                           untrusted=True)
    result = build_in_sandbox(build_here, mini, options)
    assert result.outputs["pdf"].read_bytes().startswith(b"%PDF")


def test_an_untrusted_build_is_stopped_at_its_time_limit(mini: Path, tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="stopped after 0 s"):
        build_in_sandbox(build_here, mini, BuildOptions(out_dir=tmp_path / "out", use_cache=False,
                                            untrusted=True), Limits(seconds=0.02))
    assert not (tmp_path / "out" / "mini.pdf").exists()


def test_an_untrusted_build_is_held_to_its_memory_cap(mini: Path, tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="MB"):
        build_in_sandbox(build_here, mini, BuildOptions(out_dir=tmp_path / "out", use_cache=False,
                                            untrusted=True), Limits(memory_mb=150))
