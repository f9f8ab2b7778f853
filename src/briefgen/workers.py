"""Worker processes that render charts and write formats beside the main process, on any OS.

The pool never forks the main process. Where the platform offers it (Linux, BSD, macOS) the
workers come from a *forkserver* that imports matplotlib once, so every worker
starts warm; elsewhere (Windows) they are spawned. Starting the pool blocks until that import
is done, so it happens on a background thread while the main process reads and assembles the
brief: `submit` returns a future at once and the job goes out as soon as the pool is up.

Each worker watches its parent: if the build that started it dies (kill -9 included), the
worker exits instead of waiting on a pipe forever.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

# Imported once in the forkserver, so each worker starts with them loaded: the drawing
# libraries (not python-docx: the charts come first, and the PDF laid out meanwhile waits).
PRELOAD = ("briefgen.preload",)
PARENT_POLL_SECONDS = 0.5


class PoolUnavailable(RuntimeError):
    """The worker processes could not start or died: the caller does the job itself."""


# What a job's future raises when no worker can run it (callers fall back to this process).
NO_WORKERS: tuple[type[BaseException], ...] = (PoolUnavailable, BrokenProcessPool)


def start_method() -> str:
    """Return the start method to use: BRIEFGEN_START_METHOD, else forkserver, else spawn."""
    chosen = os.environ.get("BRIEFGEN_START_METHOD", "")
    available = multiprocessing.get_all_start_methods()
    if chosen in available:
        return chosen
    return "forkserver" if "forkserver" in available else "spawn"


def _alive(pid: int) -> bool:
    """True if process `pid` exists and is not a zombie waiting to be reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return True


def _watch_build(build_pid: int) -> None:
    """Exit this worker when the build that started it is gone (killed, or crashed).

    The worker's own parent may be a forkserver, which lives as long as its workers do, so
    the watch is on the build's pid itself.
    """
    while True:
        time.sleep(PARENT_POLL_SECONDS)
        if not _alive(build_pid):
            os._exit(1)  # orphaned: nobody will read what this worker produces


def resume_collection() -> None:
    """Freeze what a worker inherited or preloaded, then collect garbage again.

    The modules live as long as the worker, so collections need not walk them; collection
    was off while the forkserver loaded them (`briefgen.preload`).
    """
    import gc

    from briefgen.process import settle

    gc.freeze()
    settle()
    gc.enable()


def _init_worker(warm: bool, build_pid: int) -> None:
    """Start the build watch; under spawn, import the drawing modules before the first job."""
    threading.Thread(target=_watch_build, args=(build_pid,), daemon=True).start()
    if warm:
        import importlib

        for name in PRELOAD:
            importlib.import_module(name)
    resume_collection()


def _main_reimportable() -> bool:
    """Return False when workers could not import __main__ (a script read from stdin)."""
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return path is None or os.path.exists(path)


_EARLY: list[int] = []  # the forkserver's pid, when the command line launched it ahead


def launch_forkserver(ahead: bool = False) -> None:
    """Start the forkserver now (a few milliseconds); it loads matplotlib in the background.

    The command line calls this `ahead` for `briefgen build`, before it has even parsed its
    options, so the first chart can be drawn as soon as the brief has assembled it; a pool
    calls it again (a no-op then). Any failure is left for the pool's thread to meet and report.
    """
    if start_method() != "forkserver" or not _main_reimportable():
        return  # spawned workers (Windows, or BRIEFGEN_START_METHOD=spawn) need no forkserver
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(list(PRELOAD))
    with contextlib.suppress(Exception):
        forkserver.ensure_running()
        pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
        if ahead and isinstance(pid, int):
            _EARLY.append(pid)


def stop_early_forkserver() -> None:
    """Stop the forkserver launched ahead once the command is done with it, or never needed it.

    Left alone after a build that failed or was up to date it would finish loading
    matplotlib (half a second of CPU) before noticing that nobody is left to serve. Its pid
    comes from multiprocessing's own record (`_forkserver_pid`); without one nothing is
    stopped and the forkserver exits by itself.
    """
    while _EARLY:
        with contextlib.suppress(OSError):
            os.kill(_EARLY.pop(), signal.SIGTERM)


def _ready() -> int:
    """A no-op job that makes the pool start a worker (and report its pid)."""
    return os.getpid()


class WorkerPool:
    """A process pool started in the background; `submit` never blocks the caller."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.method = start_method()
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]
                                      | None] = queue.SimpleQueue()
        self._executor: ProcessPoolExecutor | None = None
        self._failure: BaseException | None = None
        self._used = False  # a job was submitted: shutting down waits for the workers
        if self.method == "forkserver":
            launch_forkserver()
        self._thread = threading.Thread(target=self._run, name="briefgen-pool", daemon=True)
        self._thread.start()

    def _start(self) -> ProcessPoolExecutor:
        """Create the executor and bring its workers up (blocks while they import)."""
        if not _main_reimportable():
            raise PoolUnavailable("the main program has no file a worker could import "
                                  "(python - or python -c)")
        ctx = multiprocessing.get_context(self.method)  # forkserver: launched already, preloading
        executor = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                       initargs=(self.method == "spawn", os.getpid()))
        for _ in range(self.workers):
            executor.submit(_ready)
        return executor

    def _run(self) -> None:
        """Start the workers, then hand each submitted job to them, chaining the futures."""
        try:
            self._executor = self._start()
        except BaseException as exc:  # no pool: every job fails with the reason
            self._failure = exc
        while (item := self._jobs.get()) is not None:
            outer, fn, args = item
            if not outer.set_running_or_notify_cancel():
                continue
            if self._executor is None:
                outer.set_exception(PoolUnavailable(f"no worker processes: {self._failure}"))
                continue
            try:
                inner = self._executor.submit(fn, *args)
            except BaseException as exc:  # a broken pool
                outer.set_exception(PoolUnavailable(f"worker processes stopped: {exc}"))
                continue
            inner.add_done_callback(functools.partial(_copy, outer=outer))
        if not self._used and self._executor is not None:  # never given work: stop it here
            self._executor.shutdown(wait=False, cancel_futures=True)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Queue `fn(*args)` for a worker and return its future (picklable fn and args)."""
        future: Future[Any] = Future()
        self._used = True
        self._jobs.put((future, fn, args))
        return future

    def shutdown(self) -> None:
        """Stop taking jobs, cancel what has not started, and let the workers exit.

        A pool that was never given a job (the brief failed to validate) is not waited for:
        its thread stops the workers once they are up, so a bad brief is reported at once
        rather than after matplotlib has loaded.
        """
        self._jobs.put(None)
        if not self._used:
            return
        self._thread.join()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


def _copy(done: Future[Any], *, outer: Future[Any]) -> None:
    """Settle `outer` the way `done` was settled."""
    if done.cancelled():
        outer.set_exception(CancelledError())
    elif (exc := done.exception()) is not None:
        outer.set_exception(exc)
    else:
        outer.set_result(done.result())
