"""Watch a brief's inputs and rebuild on every change (watchfiles does the waiting).

A broken brief never stops the watch: its problems are printed, the last good outputs stay,
and the next save that fixes it rebuilds. The set of folders watched is worked out again after
every build, so a brief that starts broken is still watched in its data roots once it loads.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from briefgen.errors import BriefError


def watched_folders(path: Path) -> list[Path]:
    """The folders to watch: the brief folder, its data roots and the styles in use."""
    from briefgen.source.loader import load_bundle

    folder = (path if path.is_dir() else path.parent).resolve()
    try:
        bundle = load_bundle(path)
    except Exception:  # noqa: BLE001 - a broken brief is watched in its own folder
        return [folder]
    folders = {bundle.root.resolve(), *bundle.roots}
    folders |= {f.resolve().parent for f in bundle.files}
    return sorted(p for p in folders if p.is_dir())


def build_once(path: Path, formats: Iterable[str], out_dir: Path, style: str | None,
               echo: Callable[[str], None], overrides: dict[str, str] | None = None,
               after: Callable[[Any], None] | None = None) -> bool:
    """Build once and say what was rebuilt; report any failure instead of raising it.

    `after(result)` runs after every successful build (e.g. to refresh page previews).
    """
    from briefgen.edition.changes import summary_lines
    from briefgen.pipeline import build

    t0 = time.perf_counter()
    try:
        result = build(path, formats=tuple(formats), out_dir=out_dir, style=style,
                       overrides=overrides)
    except BriefError as exc:
        for problem in exc.problems:
            echo(problem.coded())
        echo("build failed; the last good outputs are untouched")
        return False
    except Exception as exc:  # noqa: BLE001 - a watch outlives any one bad build
        echo(f"build failed ({type(exc).__name__}: {exc}); the last good outputs are untouched")
        return False
    names = ", ".join(p.name for p in result.outputs.values())
    echo(f"rebuilt {names} in {time.perf_counter() - t0:.2f} s "
         f"({result.charts_rendered} chart(s) rendered, {result.charts_cached} cached)")
    for line in summary_lines(result.changes):
        echo(f"  {line}")
    if after is not None:
        after(result)
    return True


def watch_and_rebuild(path: Path, formats: Iterable[str], out_dir: Path, style: str | None,
                      echo: Callable[[str], None], stop: object | None = None,
                      overrides: dict[str, str] | None = None,
                      after: Callable[[Any], None] | None = None) -> None:
    """Build now, then rebuild whenever a watched input changes, until interrupted."""
    from watchfiles import watch

    formats = tuple(formats)
    out = out_dir.resolve()
    build_once(path, formats, out_dir, style, echo, overrides, after)
    while True:
        folders = watched_folders(path)
        for changes in watch(*folders, stop_event=stop, debounce=300):  # type: ignore[arg-type]
            changed = sorted({Path(p).name for _kind, p in changes if out not in Path(p).parents
                              and not Path(p).name.startswith(".")})
            if changed:
                break
        else:  # the watch was stopped
            return
        echo(f"changed: {', '.join(changed)}")
        build_once(path, formats, out_dir, style, echo, overrides, after)
