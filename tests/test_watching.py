"""`briefgen watch` outlives broken briefs and recovers when they are fixed."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.watching import watch_and_rebuild, watched_folders


def _wait_for(messages: list[str], ok: Callable[[list[str]], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not ok(messages) and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.slow
def test_watch_survives_a_broken_brief_and_recovers(tmp_path: Path, mini: Path) -> None:
    brief = mini / "brief.yaml"
    good = brief.read_text()
    brief.write_text(good.replace("y: attacks, ylabel", "y: atacks, ylabel"))
    messages: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_and_rebuild, args=(
        mini, ("pdf",), tmp_path / "out", None, messages.append, stop))
    thread.start()
    try:
        _wait_for(messages, lambda ms: any("build failed" in m for m in ms))
        time.sleep(0.5)
        brief.write_text(good)
        _wait_for(messages, lambda ms: any(m.startswith("rebuilt") for m in ms))
        time.sleep(0.5)
        brief.write_text(good.replace("date: ", "date: 2024-02-30\n_old_date: ", 1))
        _wait_for(messages, lambda ms: sum("build failed" in m for m in ms) >= 2)
        assert thread.is_alive()
    finally:
        stop.set()
        thread.join(10)
    assert any("column 'atacks' not in" in m for m in messages)
    assert any(m.startswith("rebuilt mini.pdf") for m in messages)
    assert sum("build failed" in m for m in messages) >= 2
    assert (tmp_path / "out" / "mini.pdf").is_file()


def test_a_broken_brief_is_watched_in_its_folder(mini: Path) -> None:
    (mini / "brief.yaml").write_text("title: [unclosed\n")
    assert watched_folders(mini) == [mini.resolve()]
