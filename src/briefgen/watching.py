"""Watch a brief's inputs and rebuild on every change (watchfiles does the waiting)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from briefgen.errors import BriefError


def _inputs(path: Path) -> list[Path]:
    """The folders to watch: the brief folder, its data roots and the styles in use."""
    from briefgen.source.loader import load_bundle

    try:
        bundle = load_bundle(path)
    except BriefError:
        return [path if path.is_dir() else path.parent]
    folders = {bundle.root.resolve(), *bundle.roots}
    folders |= {f.resolve().parent for f in bundle.files}
    return sorted(folders)


def build_once(path: Path, formats: Iterable[str], out_dir: Path, style: str | None,
               echo: Callable[[str], None], overrides: dict[str, str] | None = None,
               after: Callable[[Any], None] | None = None) -> None:
    """Build once and say what was rebuilt and how long it took; report problems, not raise."""
    from briefgen.edition.changes import summary_lines
    from briefgen.pipeline import build

    t0 = time.perf_counter()
    try:
        result = build(path, tuple(formats), out_dir, style=style, overrides=overrides)
    except BriefError as exc:
        for problem in exc.problems:
            echo(problem.coded())
        echo("build failed; the last good outputs are untouched")
        return
    names = ", ".join(p.name for p in result.outputs.values())
    echo(f"rebuilt {names} in {time.perf_counter() - t0:.2f} s "
         f"({result.charts_rendered} chart(s) rendered, {result.charts_cached} cached)")
    for line in summary_lines(result.changes):
        echo(f"  {line}")
    if after is not None:
        after(result)


def watch_and_rebuild(path: Path, formats: Iterable[str], out_dir: Path, style: str | None,
                      echo: Callable[[str], None], stop: object | None = None,
                      overrides: dict[str, str] | None = None,
                      after: Callable[[Any], None] | None = None) -> None:
    """Build now, then rebuild whenever a watched input changes, until interrupted."""
    from watchfiles import watch

    formats = tuple(formats)
    build_once(path, formats, out_dir, style, echo, overrides, after)
    out = out_dir.resolve()
    for changes in watch(*_inputs(path), stop_event=stop, debounce=300):  # type: ignore[arg-type]
        changed = sorted({Path(p).name for _kind, p in changes if out not in Path(p).parents
                          and not Path(p).name.startswith(".")})
        if not changed:
            continue
        echo(f"changed: {', '.join(changed)}")
        build_once(path, formats, out_dir, style, echo, overrides, after)
