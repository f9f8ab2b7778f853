"""The `briefgen` command's first steps, taken before the command line itself is loaded.

For `briefgen build` of a brief not built before, the chart workers' forkserver is started
here, before click and the brief's modules are imported, so matplotlib loads while they do
and the first chart can be drawn as soon as the brief has assembled it. A brief with a
manifest in its output folder was built before and is usually up to date: its build starts
the workers only once it knows they are needed.
"""

from __future__ import annotations

import sys
from pathlib import Path


def built_before(args: list[str]) -> bool:
    """Guess from `build`'s raw arguments whether the brief's output folder has its manifest.

    Only a hint (the options are parsed properly later): a wrong guess moves the moment the
    workers start, nothing else.
    """
    out, candidates, rest = "out", [], iter(args)
    for arg in rest:
        if arg in ("-o", "--out-dir"):
            out = next(rest, out)
        elif arg.startswith("--out-dir="):
            out = arg.partition("=")[2]
        elif arg.startswith("-o") and not arg.startswith("--"):
            out = arg[2:]
        elif not arg.startswith("-"):
            candidates.append(arg)  # the brief, or an option's value
    for candidate in candidates:
        try:  # any odd path (too long, a loop of links) is simply not this brief
            path = Path(candidate)
            folder = path if path.is_dir() else path.parent
            if (Path(out) / f"{folder.resolve().name}.manifest.json").is_file():
                return True
        except (OSError, ValueError, RuntimeError):
            continue
    return False


def entry() -> None:
    """Console entry point: settle the process, start workers ahead for a build, run the CLI."""
    from briefgen.process import settle

    settle()
    args = sys.argv[1:]
    if args[:1] == ["build"] and not {"-h", "--help"} & set(args) \
            and not built_before(args[1:]):
        from briefgen.workers import launch_forkserver

        launch_forkserver(ahead=True)
    from briefgen.cli import entry as run

    try:
        run()
    finally:  # a build that failed early, or is done: the forkserver has nothing left to serve
        workers = sys.modules.get("briefgen.workers")
        if workers is not None:
            workers.stop_early_forkserver()
