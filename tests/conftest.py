"""Shared fixtures: the mini brief copied to a temporary folder so tests can break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
