"""Mutated briefs and CSVs: the only outcomes are success or located lines with exit 1.

Hypothesis breaks the valid mini brief in the ways people and programs do (a key deleted, a
value of the wrong type, odd Unicode, a file cut short, a line lost or repeated) and checks
that `briefgen validate` answers with `file:line: field: message` lines, never a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.cli import main
from tests.conftest import FIXTURES

FILES = ("brief.yaml", "facts.yaml", "sources.yaml", "data/annual.csv")
ODD = ["\u202e", "\x00", "\ufeff", "\U0001f680", "\u0085", "\u2028", "\x1b", "\t", "'", '"',
       ": ", "- ", "{", "[", "&a ", "*a", "!!str ", "%", "@", "`", "|", ">", "#", ",", "\u2212",
       "\r", "\ufffe", "\\x07", "${x}", "{fact:", "[@", "](javascript:x)", "é", "\u0301"]
LOCATED = re.compile(r"^(mini/\S+?:\d+: .+|warning: mini/\S+?:\d+: .+)$")
SETTINGS = settings(max_examples=50, deadline=timedelta(seconds=10), derandomize=True,
                    database=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def _copy() -> Iterator[Path]:
    """A fresh copy of the mini brief in a temporary folder that is the working directory."""
    home = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(FIXTURES / "mini", Path(tmp) / "mini")
        os.chdir(tmp)
        try:
            yield Path(tmp) / "mini"
        finally:
            os.chdir(home)


def _validate_is_clean() -> None:
    """Run validate: success, or exit 1 with nothing but located lines."""
    result = CliRunner().invoke(main, ["validate", "mini"])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exc_info
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        return
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines
    for line in lines:
        assert LOCATED.match(line), line


@st.composite
def text_edits(draw: st.DrawFn) -> tuple[str, str, int, int]:
    """(file, edit kind, position, argument) for one edit of a file's text."""
    name = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(["insert", "truncate", "drop-line", "repeat-line", "replace"]))
    return name, kind, draw(st.integers(0, 10_000)), draw(st.integers(0, len(ODD) - 1))


def _edit_text(text: str, kind: str, pos: int, arg: int, extra: str) -> str:
    lines = text.splitlines(keepends=True)
    at = pos % max(len(text), 1)
    n = pos % max(len(lines), 1)
    if kind == "insert":
        return text[:at] + (extra or ODD[arg]) + text[at:]
    if kind == "truncate":
        return text[:at]
    if kind == "drop-line":
        return "".join(lines[:n] + lines[n + 1:])
    if kind == "repeat-line":
        return "".join(lines[:n + 1] + lines[n:])
    return text[:at] + (extra or ODD[arg]) + text[at + 1:]


@given(edits=st.lists(text_edits(), min_size=1, max_size=3), extra=st.text(max_size=3))
@SETTINGS
def test_text_mutations(edits: list[tuple[str, str, int, int]], extra: str) -> None:
    with _copy() as brief:
        for name, kind, pos, arg in edits:
            path = brief / name
            text = path.read_text(encoding="utf-8")
            path.write_bytes(_edit_text(text, kind, pos, arg, extra).encode("utf-8",
                                                                            "surrogatepass"))
        _validate_is_clean()


def _paths(data: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in nested data."""
    out = [here] if here else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*here, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, (*here, i))
    return out


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                   st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
                   st.lists(st.integers(0, 3), max_size=2),
                   st.dictionaries(st.sampled_from(["id", "x", "fact"]), st.text(max_size=5),
                                   max_size=2),
                   st.sampled_from(["2024-02-30", "0123", "NO", "1.10", "12:30", "n/a",
                                    "${nope}", "{fact:nope}", "[@nope]", "../../etc/passwd",
                                    "data", "/dev/zero"]))


@given(name=st.sampled_from(FILES[:3]), pick=st.integers(0, 10_000), delete=st.booleans(),
       value=VALUES)
@SETTINGS
def test_structure_mutations(name: str, pick: int, delete: bool, value: Any) -> None:
    with _copy() as brief:
        path = brief / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        locs = _paths(data)
        loc = locs[pick % len(locs)]
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        if delete:
            del parent[loc[-1]]
        else:
            parent[loc[-1]] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        _validate_is_clean()


@given(rows=st.lists(st.lists(st.text(max_size=6), min_size=0, max_size=4), max_size=5),
       header=st.sampled_from(["year,attacks,deaths", "year,attacks", "", "year,year,deaths"]))
@SETTINGS
def test_csv_mutations(rows: list[list[str]], header: str) -> None:
    with _copy() as brief:
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(row)
        (brief / "data" / "annual.csv").write_bytes(
            (header + "\n" + buffer.getvalue()).encode("utf-8", "surrogatepass"))
        _validate_is_clean()
