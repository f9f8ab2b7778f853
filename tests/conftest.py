"""Shared fixtures: the mini brief copied to a temporary folder so tests can break it, and the
mini brief and the flagship each built once per test session for the tests that only read
the outputs."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pytest

from briefgen.errors import FALLBACK, Problem

if TYPE_CHECKING:
    from briefgen.pipeline import BuildResult

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
FLAGSHIP = REPO / "examples" / "pakistan-dual-taliban"

# Tests that read the session's flagship build: it takes seconds, so they are slow, and under
# pytest-xdist (`--dist loadgroup`) they all run in one worker, which builds it once.
FLAGSHIP_MARKS = (pytest.mark.slow, pytest.mark.xdist_group("flagship"))
T = TypeVar("T")


def flagship_test(test: T) -> T:
    """Mark a test that reads `flagship_built` (see FLAGSHIP_MARKS)."""
    marked: Any = test
    for mark in FLAGSHIP_MARKS:
        marked = mark(marked)
    return cast(T, marked)


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


@contextmanager
def problems_have_codes() -> Iterator[None]:
    """Fail if a problem raised inside the block has a message the code catalogue lacks."""
    seen: list[Problem] = []
    original = Problem.__init__

    def record(self: Problem, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        seen.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Problem, "__init__", record)
        yield
    unmapped = sorted({p.message for p in seen if p.message and p.code == FALLBACK.code})
    assert not unmapped, f"add these messages to briefgen.errors.CODES: {unmapped}"


@pytest.fixture(autouse=True)
def every_problem_has_a_code() -> Iterator[None]:
    """Fail the test that raises a problem whose message the code catalogue does not cover."""
    with problems_have_codes():
        yield


# ------------------------------------------------------------------ builds shared by a session


@dataclass(frozen=True)
class Built:
    """A brief built once for the whole session. Read it, never write to it: a test that
    changes an output, the cache or the brief works on a copy (`copy_outputs`)."""

    brief: Path  # the brief folder that was built (the flagship's: in the repository)
    out: Path  # what `briefgen build` writes: the PDF, the DOCX and the manifest
    cache: Path  # the chart cache the build filled
    result: BuildResult  # the build of `out`
    html: BuildResult | None = None  # `briefgen build -f html` into a folder of its own

    def copy_outputs(self, target: Path, cache: Path | None = None) -> Path:
        """Copy the outputs and the manifest to `target` (and the cache to `cache`)."""
        shutil.copytree(self.out, target)
        if cache is not None:
            shutil.copytree(self.cache, cache)
        return target


def _digests(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).digest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def _unchanged(base: Path) -> Iterator[None]:
    """Fail at the end of the session if a test changed a file of a shared build."""
    before = _digests(base)
    yield
    after = _digests(base)
    changed = sorted(name for name in {*before, *after} if before.get(name) != after.get(name))
    assert not changed, f"a test wrote into a shared build (copy it first): {changed}"


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The mini brief built once in every format: PDF and DOCX as `briefgen build` makes them
    (fresh chart cache), then HTML into a folder of its own. Built from a copy as deep in the
    temporary folder as the `mini` fixture's, since a manifest names the style file relative
    to the brief. Read-only: see `Built`."""
    from briefgen.pipeline import build

    base = tmp_path_factory.mktemp("mini-built")
    brief, out, cache = base / "mini", base / "out", base / "cache"
    shutil.copytree(FIXTURES / "mini", brief)
    with problems_have_codes():
        result = build(brief, out_dir=out, cache_dir=cache)
        html = build(brief, out_dir=base / "html", cache_dir=cache, formats=["html"])
    with _unchanged(base):
        yield Built(brief, out, cache, result, html)


@pytest.fixture(scope="session")
def flagship_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The flagship built once as the README builds it (PDF and DOCX). Read-only: see `Built`.
    Tests that use it carry FLAGSHIP_MARKS."""
    from briefgen.pipeline import build

    base = tmp_path_factory.mktemp("flagship-built")
    with problems_have_codes():
        result = build(FLAGSHIP, out_dir=base / "out", cache_dir=base / "cache")
    with _unchanged(base):
        yield Built(FLAGSHIP, base / "out", base / "cache", result)
