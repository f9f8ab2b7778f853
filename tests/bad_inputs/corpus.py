"""The bad-input corpus: cases described in YAML, one file per category, applied to the mini brief.

A case names the edits that break a copy of tests/fixtures/mini, the command-line arguments
(if any), the exit status and the exact lines the person sees on stderr:

    - name: impossible-date
      edits:
        - {replace: brief.yaml, old: "date: 2026-11-22", new: "date: 2024-02-30"}
      exit: 1
      stderr: ["mini/brief.yaml:6: date: not a real date ('2024-02-30')"]

Edits: replace (old → new, once), append, write (text, bytes as hex, or a header and a row
repeated count times), remove, mkdir,
fifo, symlink (to a target). `commands` limits a case to validate or build; `xfail` marks a
case that another part of briefgen does not handle yet, with the reason.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
CATEGORIES = ("yaml", "references", "text", "paths", "csv", "charts", "styles", "cli")


@dataclass(frozen=True)
class Case:
    """One bad input: how to break the mini brief and what briefgen must say."""

    category: str
    name: str
    edits: tuple[dict[str, Any], ...]
    args: tuple[str, ...]
    exit: int
    stderr: tuple[str, ...]
    commands: tuple[str, ...] = ("validate", "build")
    contains: tuple[str, ...] = ()
    xfail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The test id: category/name."""
        return f"{self.category}/{self.name}"


def load_cases() -> list[Case]:
    """Read every case of every category."""
    cases = []
    for category in CATEGORIES:
        for raw in yaml.safe_load((HERE / f"{category}.yaml").read_text(encoding="utf-8")):
            cases.append(Case(
                category=category,
                name=raw["name"],
                edits=tuple(raw.get("edits", ())),
                args=tuple(str(a) for a in raw.get("args", ())),
                exit=int(raw.get("exit", 1)),
                stderr=tuple(raw.get("stderr", ())),
                commands=tuple(raw.get("commands", ("validate", "build"))),
                contains=tuple(raw.get("contains", ())),
                xfail=raw.get("xfail", ""),
            ))
    return cases


def apply_edits(brief: Path, edits: tuple[dict[str, Any], ...]) -> None:
    """Break the brief folder `brief` as the case says."""
    for edit in edits:
        if "replace" in edit:
            path = brief / edit["replace"]
            text = path.read_text(encoding="utf-8")
            assert edit["old"] in text, f"{edit['old']!r} not in {path.name}"
            path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
        elif "append" in edit:
            with (brief / edit["append"]).open("a", encoding="utf-8") as fh:
                fh.write(edit["text"])
        elif "write" in edit:
            path = brief / edit["write"]
            path.parent.mkdir(parents=True, exist_ok=True)
            if "hex" in edit:
                path.write_bytes(bytes.fromhex(edit["hex"]))
            elif "count" in edit:
                path.write_text(edit["header"] + "\n" + (edit["row"] + "\n") * edit["count"])
            else:
                path.write_bytes(edit["text"].encode(edit.get("encoding", "utf-8")))
        elif "remove" in edit:
            target = brief / edit["remove"]
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        elif "mkdir" in edit:
            (brief / edit["mkdir"]).mkdir(parents=True, exist_ok=True)
        elif "fifo" in edit:
            os.mkfifo(brief / edit["fifo"])
        elif "symlink" in edit:
            link = brief / edit["symlink"]
            link.unlink(missing_ok=True)
            link.symlink_to(edit["target"])
        else:
            raise AssertionError(f"unknown edit {edit}")
