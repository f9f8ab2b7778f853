"""Batch builds: many briefs from one plan, failures isolated, exit status non-zero."""

import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.batch import load_plan, run_batch
from briefgen.cli import main
from briefgen.watching import watch_and_rebuild


def _plan(tmp_path: Path, mini: Path, broken: bool) -> Path:
    text = (mini / "brief.yaml").read_text().replace(
        'title: "Mini brief: attacks in Freedonia"',
        'params: {region: Freedonia}\ntitle: "Mini brief: attacks in ${region}"')
    (mini / "brief.yaml").write_text(text)
    if broken:
        bad = tmp_path / "bad"
        shutil.copytree(mini, bad)
        (bad / "brief.yaml").write_text(text.replace("y: attacks, ylabel", "y: atacks, ylabel"))
    plan = tmp_path / "plan.yaml"
    entries = "\n".join(f"  - {{name: {n}, set: {{region: {n.title()}}}}}"
                        for n in ("north", "south", "east"))
    if broken:
        entries += "\n  - {name: broken, brief: bad}"
    plan.write_text(f"brief: mini\nout_dir: out\nformats: [pdf]\nbriefs:\n{entries}\n")
    return plan


@pytest.mark.slow
def test_batch_builds_every_brief_in_parallel(tmp_path: Path, mini: Path) -> None:
    plan = _plan(tmp_path, mini, broken=False)
    result = CliRunner().invoke(main, ["batch", str(plan), "--jobs", "2", "--cache-dir",
                                       str(tmp_path / "cache"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["name"] for r in data["results"]] == ["north", "south", "east"]
    assert all(r["ok"] for r in data["results"])
    assert (tmp_path / "out" / "south.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_one_broken_brief_is_reported_and_the_rest_are_built(tmp_path: Path, mini: Path) -> None:
    plan = _plan(tmp_path, mini, broken=True)
    result = CliRunner().invoke(main, ["batch", str(plan), "--jobs", "2", "--cache-dir",
                                       str(tmp_path / "cache")])
    assert result.exit_code == 1
    assert "broken  FAILED" in result.stderr
    assert "column 'atacks' not in" in result.stderr
    assert "3 built, 1 failed" in result.stderr
    for name in ("north", "south", "east"):
        assert (tmp_path / "out" / f"{name}.pdf").exists()
    assert not (tmp_path / "out" / "broken.pdf").exists()


def test_bad_plan_is_a_located_error(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("brief: x\nbriefs:\n  - {name: a, sett: {}}\n")
    result = CliRunner().invoke(main, ["batch", str(plan)])
    assert result.exit_code == 1
    assert "plan.yaml:3: briefs[0].sett: unknown key 'sett' (did you mean 'set'?)" in (
        result.stderr)


@pytest.mark.slow
def test_batch_on_a_dask_cluster(tmp_path: Path, mini: Path) -> None:
    pytest.importorskip("distributed")
    plan = _plan(tmp_path, mini, broken=True)
    jobs = load_plan(plan, None, tmp_path / "cache", True)
    results = run_batch(jobs, workers=2, engine="dask")
    assert [r.ok for r in results] == [True, True, True, False]
    assert "column 'atacks'" in results[3].problems[0]


@pytest.mark.slow
def test_watch_rebuilds_when_an_input_changes(tmp_path: Path, mini: Path) -> None:
    messages: list[str] = []
    stop = threading.Event()
    out = tmp_path / "out"
    thread = threading.Thread(target=watch_and_rebuild, args=(mini, ("pdf",), out, None,
                                                              messages.append, stop))
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not any(m.startswith("rebuilt") for m in messages) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        facts = mini / "facts.yaml"
        facts.write_text(facts.read_text().replace("value: 262,", "value: 263,").replace(
            "Out of the 262 attacks", "Out of the 263 attacks"))
        while sum(m.startswith("rebuilt") for m in messages) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        thread.join(10)
    assert "changed: facts.yaml" in messages
    assert sum(m.startswith("rebuilt mini.pdf") for m in messages) == 2
    assert any("262 attacks → 263 attacks" in m for m in messages)
