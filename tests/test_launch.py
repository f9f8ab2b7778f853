"""The `briefgen` entry point starts the chart workers ahead for a build, and only then."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import cli, launch, process, workers


@pytest.fixture(autouse=True)
def _no_forkserver_to_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never let these tests stop a forkserver the test process itself is using."""
    monkeypatch.setattr(workers, "_EARLY", [])


@pytest.mark.parametrize(("argv", "ahead"), [
    (["briefgen", "build", "brief"], [True]),
    (["briefgen", "build", "brief", "--help"], []),
    (["briefgen", "validate", "brief"], []),
    (["briefgen"], []),
])
def test_workers_start_ahead_for_a_build_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                              argv: list[str], ahead: list[bool]) -> None:
    monkeypatch.chdir(tmp_path)
    calls: list[bool] = []
    monkeypatch.setattr(workers, "launch_forkserver", lambda ahead=False: calls.append(ahead))
    monkeypatch.setattr(process, "settle", lambda: None)
    monkeypatch.setattr(cli, "entry", lambda: None)
    monkeypatch.setattr(sys, "argv", argv)
    launch.entry()
    assert calls == ahead


@pytest.mark.parametrize("args", [
    ["brief"], ["brief", "-o", "site"], ["-o", "site", "brief"], ["brief", "--out-dir", "site"],
    ["brief", "--out-dir=site"], ["brief", "-osite"], ["-f", "pdf", "brief", "-o", "site"],
    ["brief/brief.yaml", "-o", "site"],
])
def test_a_brief_built_before_is_recognised_from_its_arguments(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief").mkdir()
    (tmp_path / "brief" / "brief.yaml").write_text("title: T\n")
    out = "out" if "-o" not in " ".join(args) and "--out-dir" not in " ".join(args) else "site"
    assert not launch.built_before(args)
    (tmp_path / out).mkdir()
    (tmp_path / out / "brief.manifest.json").write_text("{}")
    assert launch.built_before(args)


def test_odd_arguments_are_no_reason_to_fail(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert not launch.built_before(["x" * 5000, "loop/brief.yaml", "-o", "y" * 5000, "-o"])


def test_a_build_with_a_manifest_starts_no_workers_ahead(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "brief.manifest.json").write_text("{}")
    calls: list[bool] = []
    monkeypatch.setattr(workers, "launch_forkserver", lambda ahead=False: calls.append(ahead))
    monkeypatch.setattr(process, "settle", lambda: None)
    monkeypatch.setattr(cli, "entry", lambda: None)
    monkeypatch.setattr(sys, "argv", ["briefgen", "build", "brief"])
    launch.entry()
    assert calls == []


def test_no_forkserver_is_launched_for_spawned_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    started: list[bool] = []
    monkeypatch.setattr(forkserver, "ensure_running", lambda: started.append(True))
    monkeypatch.setattr(workers, "_main_reimportable", lambda: True)
    workers.launch_forkserver(ahead=True)
    assert started == [True] or "forkserver" not in multiprocessing.get_all_start_methods()
    started.clear()
    monkeypatch.setenv("BRIEFGEN_START_METHOD", "spawn")
    workers.launch_forkserver(ahead=True)
    assert started == []


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(),
                    reason="no forkserver on this platform")
def test_a_forkserver_launched_ahead_is_stopped_when_not_needed(tmp_path: Path) -> None:
    script = tmp_path / "ahead.py"
    script.write_text(
        "import os, time\n"
        "from briefgen import workers\n"
        "workers.launch_forkserver(ahead=True)\n"
        "pid = workers._EARLY[0]\n"
        "workers.stop_early_forkserver()\n"
        "for _ in range(600):\n"
        "    done, status = os.waitpid(pid, os.WNOHANG)\n"
        "    if done:\n"
        "        break\n"
        "    time.sleep(0.05)\n"
        "assert done == pid and os.WIFSIGNALED(status), (done, status)\n"
        "assert not workers._EARLY\n")
    subprocess.run([sys.executable, str(script)], check=True, timeout=60)
