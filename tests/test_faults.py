"""Faults during a build: kills, a full disk, concurrent builds, cron-like environments.

Every case checks the promise of a refresh: the previous edition survives whole, or the new
one is complete and consistent with its manifest — never a mix, never a stray temporary file.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import Built

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[1] / "src"


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = f"{SRC}{os.pathsep}{env.get('PYTHONPATH', '')}"
    env.update(extra)
    return env


def _cmd(mini: Path, out: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "briefgen", "build", str(mini), "-o", str(out), *more]


def _edition(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _consistent(out: Path) -> None:
    """The manifest in `out` describes exactly the outputs beside it; no temporary files."""
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".mini.")], names
    manifest = json.loads((out / "mini.manifest.json").read_text())
    for entry in manifest["outputs"].values():
        payload = (out / entry["file"]).read_bytes()
        assert hashlib.sha256(payload).hexdigest() == entry["sha256"], entry["file"]


def _marked_processes(mark: str) -> list[int]:
    """Pids of live processes whose environment carries `mark`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                status = (entry / "status").read_text()
                if "State:\tZ" not in status:
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.fixture
def built(mini_built: Built, mini: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A previous edition of the mini brief in `out` (a copy of the session's build), and the
    brief edited so the next build differs."""
    out = mini_built.copy_outputs(tmp_path / "out")
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text().replace("Do one thing.", "Do one other thing."))
    return mini, out, _edition(out)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_kill_9_of_the_build_never_mixes_editions_or_strands_workers(
        built: tuple[Path, Path, dict[str, bytes]]) -> None:
    mini, out, before = built
    rng = random.Random(7)
    for delay in sorted(rng.uniform(0.05, 2.5) for _ in range(6)):
        mark = f"BRIEFGEN_FAULT_{uuid.uuid4().hex}"
        proc = subprocess.Popen(_cmd(mini, out, "--no-cache", "-q"),
                                env=_env(**{mark: "1"}), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _edition(out)
        assert now == before or now != before  # either edition, checked whole below
        _consistent(out)
        deadline = time.monotonic() + 10
        while _marked_processes(mark) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _marked_processes(mark) == [], f"workers outlived a build killed after {delay:.2f} s"


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG


def test_a_full_disk_leaves_the_previous_edition_whole(
        built: tuple[Path, Path, dict[str, bytes]]) -> None:
    mini, out, before = built
    done = subprocess.run(_cmd(mini, out, "--no-cache"), env=_env(), capture_output=True,
                          text=True, timeout=120, preexec_fn=_limit_file_size)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "could not write the outputs" in done.stderr
    assert _edition(out) == before


def test_two_builds_of_one_brief_into_one_folder_both_succeed(
        built: tuple[Path, Path, dict[str, bytes]]) -> None:
    mini, out, _ = built
    procs = [subprocess.Popen(_cmd(mini, out, "--no-cache", "-q"), env=_env(),
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    _consistent(out)


def test_a_cron_like_environment_builds(mini: Path, tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent",
           "LANG": "C", "PYTHONPATH": str(SRC)}
    done = subprocess.run(_cmd(mini, tmp_path / "out"), env=env, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "mini.pdf").is_file()


def test_a_closed_stdout_does_not_fail_a_good_build(mini: Path, tmp_path: Path) -> None:
    done = subprocess.run(_cmd(mini, tmp_path / "out"), env=_env(), timeout=180,
                          stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "mini.docx").is_file()


@pytest.mark.parametrize("manifest", ["[1, 2]", '{"outputs": 5, "fingerprint": []}', "{", ""])
def test_a_manifest_of_the_wrong_shape_is_rebuilt(
        mini: Path, tmp_path: Path, manifest: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mini.manifest.json").write_text(manifest)
    done = subprocess.run(_cmd(mini, out, "-f", "pdf"), env=_env(), capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    _consistent(out)


def _as_nobody() -> None:
    os.setgid(65534)
    os.setuid(65534)


@pytest.mark.parametrize("case", ["file", "read-only"])
def test_an_unusable_output_folder_is_found_before_rendering(
        mini: Path, tmp_path: Path, case: str, request: pytest.FixtureRequest) -> None:
    preexec = None
    if case == "file":
        out = tmp_path / "out"
        out.write_text("not a folder")
        expected = "is a file, not a folder"
    else:
        # a read-only folder, as a user who cannot write there (root can write anywhere)
        shared = Path(tempfile.mkdtemp(prefix="briefgen-ro-"))
        request.addfinalizer(lambda: shutil.rmtree(shared, ignore_errors=True))
        shared.chmod(0o755)
        brief = shared / "mini"
        shutil.copytree(mini, brief)
        for path in [brief, *brief.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        mini, out = brief, shared / "out"
        out.mkdir()
        out.chmod(0o555)
        if os.geteuid() == 0:
            preexec = _as_nobody
        elif os.access(out, os.W_OK):
            pytest.skip("this user can write to a read-only folder")
        expected = "permission denied"
    t0 = time.monotonic()
    try:
        done = subprocess.run(_cmd(mini, out, "--cache-dir", str(out.parent / "cache")),
                              env=_env(HOME="/nonexistent"), capture_output=True, text=True,
                              timeout=120, preexec_fn=preexec)
    except PermissionError:
        pytest.skip("an unprivileged user cannot run this Python (installed under /root)")
    if preexec and "Errno 13" in done.stderr and "-o" not in done.stderr:
        pytest.skip("an unprivileged user cannot read the source tree here")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert expected in done.stderr, done.stderr
    assert time.monotonic() - t0 < 10  # refused before any chart is drawn


def test_a_read_only_folder_is_refused_with_its_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.edition.publish import OutputError, check_out_dir

    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == out
                        else real_access(p, mode))
    with pytest.raises(OutputError, match="permission denied"):
        check_out_dir(out / "sub")
