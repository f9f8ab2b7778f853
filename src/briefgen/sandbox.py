"""Build a brief you did not write: in a child process with a memory cap and a time limit.

`--untrusted` (and batch plans, by default) confine a brief's paths to its own folder and cap
its input sizes (the loader's untrusted mode), and run the build in a separate process whose
address space is limited and which is stopped when it runs too long. A hostile or broken
brief then costs at most those limits and ends in a one-line error, never a hung cron job.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefError, Problem

if TYPE_CHECKING:
    from pathlib import Path

    from briefgen.pipeline import BuildOptions, BuildResult


@dataclass(frozen=True)
class Limits:
    """What one untrusted build may use."""

    memory_mb: int = int(os.environ.get("BRIEFGEN_UNTRUSTED_MEMORY_MB", "4096"))
    seconds: float = float(os.environ.get("BRIEFGEN_UNTRUSTED_SECONDS", "300"))


INSIDE = False  # True in a process that already runs under the limits


class TimeLimitError(BriefError):
    """The build ran longer than its limit."""


def cap_memory(memory_mb: int) -> None:
    """Limit this process's address space (where the platform supports it)."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still applies
        return
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


@contextlib.contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise TimeLimitError in this (main) thread if the block runs longer than `seconds`."""
    import threading

    if (not hasattr(signal, "setitimer") or seconds <= 0
            or threading.current_thread() is not threading.main_thread()):
        yield  # alarms reach only the main thread (a dask task runs in a worker thread)
        return

    expired = False

    def stopped() -> TimeLimitError:
        return TimeLimitError(Problem(what, None, "", f"stopped after {seconds:.0f} s (the time "
                                      "limit for a brief built with --untrusted)"))

    def expire(_signum: int, _frame: Any) -> None:
        nonlocal expired
        expired = True
        # Fire again soon: a library's broad `except Exception` may swallow this one.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise stopped()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # the block ended past its limit, every alarm swallowed
        raise stopped()


def _child(conn: Any, run: Callable[[str, BuildOptions], BuildResult], path: str,
           options: BuildOptions, limits: Limits) -> None:
    """In the sandbox process: cap memory, build, send back the result or the error."""
    global INSIDE
    INSIDE = True
    cap_memory(limits.memory_mb)
    try:
        with time_limit(limits.seconds, path):
            outcome: tuple[str, Any] = ("ok", run(path, options))
    except BriefError as exc:
        outcome = ("error", exc)
    except Exception as exc:  # noqa: BLE001 - reported, never a traceback from the child
        if _out_of_memory(exc):
            exc = BriefError(Problem(path, None, "", f"needs more than {limits.memory_mb} MB "
                                     "(the memory limit for a brief built with --untrusted)"))
        else:
            exc = BriefError(Problem(path, None, "", f"{type(exc).__name__}: {exc}"))
        outcome = ("error", exc)
    if outcome[0] == "ok":
        outcome[1].document = None  # the caller has the files; keep the pipe small
    conn.send(outcome)
    conn.close()


def _out_of_memory(exc: BaseException) -> bool:
    """True if `exc` is what running out of address space looks like (also while importing)."""
    text = str(exc)
    return isinstance(exc, MemoryError) or any(
        sign in text for sign in ("failed to map segment", "Cannot allocate memory",
                                  "cannot allocate memory"))


def build_in_sandbox(run: Callable[[str, BuildOptions], BuildResult], path: Path | str,
                     options: BuildOptions, limits: Limits | None = None) -> BuildResult:
    """Run `run(path, options)` (the build) in a child process under `limits`.

    `run` is passed in (a module-level function, so it pickles by name) rather than imported,
    which keeps this module below the pipeline that calls it.
    """
    from dataclasses import replace

    from briefgen.workers import start_method

    limits = limits or Limits()
    ctx = multiprocessing.get_context(start_method())
    receive, send = ctx.Pipe(duplex=False)
    inner = replace(options, workers=0)  # one process, so the caps cover the whole build
    process = ctx.Process  # type: ignore[attr-defined]
    child = process(target=_child, args=(send, run, str(path), inner, limits), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(limits.seconds + 30):  # the child's own limit should fire first
            raise TimeLimitError(Problem(str(path), None, "", f"stopped after "
                                         f"{limits.seconds:.0f} s (the time limit for a brief "
                                         "built with --untrusted)"))
        try:
            status, value = receive.recv()
        except EOFError:
            raise BriefError(Problem(str(path), None, "", "the build process died (it may have "
                                     f"needed more than {limits.memory_mb} MB)")) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    if status == "error":
        raise value
    result: BuildResult = value
    return result
