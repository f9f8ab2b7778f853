"""Shared fixtures: the mini brief copied to a temporary folder so tests can break it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefgen.errors import FALLBACK, Problem

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
FLAGSHIP = REPO / "examples" / "pakistan-dual-taliban"


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the mini brief (every block type, small data), run from its parent
    folder so that messages name it as `mini/brief.yaml`."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture
def mini_sources() -> Path:
    """Small source texts written for the tests (stand-ins for real articles)."""
    return FIXTURES / "mini-sources"


@pytest.fixture(autouse=True)
def every_problem_has_a_code(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test that raises a problem whose message the code catalogue does not cover."""
    seen: list[Problem] = []
    original = Problem.__init__

    def record(self: Problem, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        seen.append(self)

    monkeypatch.setattr(Problem, "__init__", record)
    yield
    unmapped = sorted({p.message for p in seen if p.message and p.code == FALLBACK.code})
    assert not unmapped, f"add these messages to briefgen.errors.CODES: {unmapped}"
