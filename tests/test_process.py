"""The command line's process settings: rare collections, no plugin search or shape checks."""

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.process import GC_THRESHOLD, settle
from tests.conftest import REPO

MINI = REPO / "tests" / "fixtures" / "mini"


def test_settle_sets_what_the_user_has_not(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    monkeypatch.setenv("RL_shapeChecking", "1")  # the user's choice stands
    try:
        settle()
        assert gc.get_threshold() == GC_THRESHOLD
    finally:
        gc.set_threshold(*before)
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    assert os.environ["RL_shapeChecking"] == "1"  # noqa: SIM112 - ReportLab spells it so


def test_reportlab_loads_without_shape_checks_after_settle() -> None:
    code = ("from briefgen.process import settle; settle()\n"
            "from reportlab import rl_config; from reportlab.graphics.shapes import Shape\n"
            "assert not rl_config.shapeChecking\n"
            "assert '__setattr__' not in vars(Shape)  # no per-attribute validation\n")
    env = {k: v for k, v in os.environ.items() if k != "RL_shapeChecking"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


@pytest.mark.slow
def test_charts_look_the_same_without_shape_checks(tmp_path: Path) -> None:
    """The checks only drop settings svglib gives chart labels; no pixel of a page changes."""
    import shutil

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    pages = {}
    for checking in ("1", "0"):
        out = tmp_path / checking
        env = {**os.environ, "RL_shapeChecking": checking}
        subprocess.run([sys.executable, "-m", "briefgen", "build", str(MINI), "-o", str(out),
                        "-f", "pdf", "--no-cache", "-q"], check=True, env=env, cwd=tmp_path)
        pdf = next(out.glob("*.pdf"))
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / "page")],
                       check=True)
        pages[checking] = [p.read_bytes() for p in sorted(out.glob("page*.png"))]
    assert pages["1"] and pages["0"] == pages["1"]
