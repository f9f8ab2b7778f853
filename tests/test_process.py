"""The command line's process settings: rare collections, no plugin search or shape checks."""

import gc
import os
import subprocess
import sys

import pytest

from briefgen.process import GC_THRESHOLD, settle


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
