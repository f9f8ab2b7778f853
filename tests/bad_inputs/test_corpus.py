"""Every bad input gives its exact located lines and exit status, for validate and build alike,
never a traceback, and a failed build leaves the previous outputs' bytes as they were."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from tests.bad_inputs.corpus import Case, apply_edits, load_cases
from tests.conftest import FIXTURES, Built

CASES = load_cases()


def _params(command: str) -> list:
    out = []
    for case in CASES:
        if command not in case.commands:
            continue
        marks = [pytest.mark.xfail(reason=case.xfail, strict=False)] if case.xfail else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


@pytest.fixture(scope="module")
def good_outputs(mini_built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The outputs of a good build of the mini brief (the session's, copied once, with its
    chart cache, which the cases here share)."""
    base = tmp_path_factory.mktemp("good")
    mini_built.copy_outputs(base / "out", base / "cache")
    return base


@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run builds without worker processes (tested in test_pipeline), to keep this fast."""
    import briefgen.pipeline

    monkeypatch.setattr(briefgen.pipeline, "_start_pool", lambda _workers: None)


def _broken(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    brief = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", brief)
    monkeypatch.chdir(tmp_path)
    apply_edits(brief, case.edits)
    return brief


def _check(case: Case, result: object) -> None:
    output = result.stderr  # type: ignore[attr-defined]
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exc_info  # type: ignore[attr-defined]
    assert "Traceback" not in output
    assert result.exit_code == case.exit, output  # type: ignore[attr-defined]
    if case.stderr:
        assert output.splitlines() == list(case.stderr)
    for part in case.contains:
        assert part in output


@pytest.mark.parametrize("case", _params("validate"))
def test_validate(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(case, tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["validate", "mini", *case.args])
    _check(case, result)


@pytest.mark.parametrize("case", _params("build"))
def test_build(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               good_outputs: Path, in_process: None) -> None:
    shutil.copytree(good_outputs / "out", tmp_path / "out")
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    _broken(case, tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["build", "mini", "-o", "out", "--cache-dir",
                                       str(good_outputs / "cache"), *case.args])
    _check(case, result)
    if case.exit != 0:
        after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
        assert after == before


@pytest.mark.slow
@pytest.mark.parametrize("name", ["paths/brief-is-a-fifo", "yaml/alias-bomb",
                                  "cli/set-unknown-key"])
def test_real_command_does_not_hang(name: str, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The installed entry point refuses at once, with the same lines, in a process of its own."""
    case = next(c for c in CASES if c.id == name)
    _broken(case, tmp_path, monkeypatch)
    result = subprocess.run([sys.executable, "-m", "briefgen", "validate", "mini", *case.args],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == case.exit
    assert result.stderr.splitlines() == list(case.stderr)
