"""Batch builds: many briefs from one plan, in parallel processes or on a dask cluster.

One bad brief is reported and the rest are still built; the caller exits non-zero if any
brief failed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from briefgen.errors import BriefError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class PlanEntry(_Strict):
    """One brief to build: a name, optionally its own folder, and parameter values."""

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    brief: str | None = Field(default=None, description="Brief folder; default: the plan's.")
    set: dict[str, Any] = {}

    @field_validator("set")
    @classmethod
    def _scalars(cls, values: dict[str, Any]) -> dict[str, Any]:
        for key, value in values.items():
            if not isinstance(value, str | int | float | bool | dt.date):
                raise ValueError(f"'{key}' must be a single value (text, number, date)")
        return values


class Plan(_Strict):
    """PLAN.yaml: a template brief and the list of briefs to build from it."""

    brief: str | None = Field(default=None, description="Default brief folder (template).")
    out_dir: str = "out"
    formats: list[str] = Field(default=["pdf", "docx"], description="Formats to build.")
    style: str | None = None
    trusted: bool = Field(
        default=False,
        description="Build the briefs as if you wrote them. By default a plan's briefs are "
        "built in untrusted mode: paths confined to each brief's folder, inputs capped, a "
        "memory cap and a time limit per brief.",
    )
    briefs: list[PlanEntry] = Field(min_length=1)

    @field_validator("formats")
    @classmethod
    def _known_formats(cls, values: list[str]) -> list[str]:
        from briefgen.writers import REGISTRY

        for fmt in values:
            if fmt not in REGISTRY:
                raise ValueError(f"unknown format '{fmt}' (known: {', '.join(REGISTRY)})")
        return values


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to build one brief (picklable)."""

    name: str
    brief: Path
    out_dir: Path
    formats: tuple[str, ...]
    style: str | None
    overrides: dict[str, str]
    cache_dir: Path | None
    use_cache: bool
    untrusted: bool = True


@dataclass
class JobResult:
    """The outcome of one job: outputs or the problems that stopped it."""

    name: str
    ok: bool
    seconds: float
    outputs: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_plan(path: Path, out_dir: Path | None, cache_dir: Path | None,
              use_cache: bool) -> list[Job]:
    """Read PLAN.yaml into jobs; raise BriefError (file:line) if the plan is wrong."""
    from briefgen.source.loader import schema_problems
    from briefgen.source.yamlfile import read_yaml

    doc = read_yaml(path, str(path))
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        raise BriefError(schema_problems(exc, doc, Plan)) from None
    base = path.parent
    jobs, problems, seen = [], [], set()
    for i, entry in enumerate(plan.briefs):
        folder = entry.brief or plan.brief
        if folder is None:
            problems.append(doc.problem(("briefs", i), "no 'brief' folder for this entry or plan"))
            continue
        if entry.name in seen:
            problems.append(doc.problem(("briefs", i, "name"), f"duplicate name '{entry.name}'"))
        seen.add(entry.name)
        jobs.append(Job(entry.name, base / folder, out_dir or base / plan.out_dir,
                        tuple(plan.formats), plan.style,
                        {k: _text(v) for k, v in entry.set.items()}, cache_dir, use_cache,
                        not plan.trusted))
    if problems:
        raise BriefError(problems)
    return jobs


def _text(value: object) -> str:
    """A --set value as text (dates as ISO, booleans as YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def run_job(job: Job) -> JobResult:
    """Build one brief, turning every failure into a JobResult instead of an exception.

    An untrusted job that runs in a process of its own (a batch worker) is held to the
    sandbox's limits right here, instead of paying for a sandbox process per brief.
    """
    from briefgen import sandbox
    from briefgen.pipeline import build

    t0 = time.perf_counter()
    limited = job.untrusted and sandbox.INSIDE
    try:
        with (sandbox.time_limit(sandbox.Limits().seconds, str(job.brief)) if limited
              else contextlib.nullcontext()):
            result = build(job.brief, formats=job.formats, out_dir=job.out_dir,
                           style=job.style, cache_dir=job.cache_dir, use_cache=job.use_cache,
                           overrides=job.overrides, name=job.name, workers=0,
                           untrusted=job.untrusted)
    except BriefError as exc:
        return JobResult(job.name, False, time.perf_counter() - t0,
                         problems=[str(p) for p in exc.problems])
    except Exception as exc:  # noqa: BLE001 - isolate any failure to its own brief
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" ({last[0].filename}:{last[0].lineno})" if last else ""
        return JobResult(job.name, False, time.perf_counter() - t0,
                         problems=[f"{type(exc).__name__}: {exc}{where}"])
    return JobResult(job.name, True, time.perf_counter() - t0,
                     {fmt: str(p) for fmt, p in result.outputs.items()})


def _run_in(cwd: str, job: Job) -> JobResult:
    """Run a job from the caller's working folder (relative paths in a plan are relative to it)."""
    os.chdir(cwd)
    return run_job(job)


def _run_on_dask(job: Job) -> JobResult:
    """Run a job in a dask worker: paths and inputs confined, memory held by dask's own limit.

    A dask task runs in a worker thread, where neither a child process nor an alarm can be
    used, so the per-brief time limit is not enforced on this engine.
    """
    from briefgen import sandbox

    sandbox.INSIDE = True
    return run_job(job)


def _limit_worker() -> None:
    """A batch worker runs untrusted briefs under the sandbox's memory cap, in itself."""
    from briefgen import sandbox
    from briefgen.workers import resume_collection

    resume_collection()  # the forkserver it came from loaded its libraries without collecting
    sandbox.INSIDE = True
    sandbox.cap_memory(sandbox.Limits().memory_mb)


def run_local(jobs: list[Job], workers: int) -> Iterator[JobResult]:
    """Run jobs in `workers` processes (in-process when 1), yielding results as they finish."""
    if workers <= 1:  # this process is the batch worker: hold it to the sandbox's limits
        if any(job.untrusted for job in jobs):
            _limit_worker()
        for job in jobs:
            yield run_job(job)
        return
    import multiprocessing

    from briefgen.workers import PRELOAD, start_method

    method = start_method()
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":  # every worker starts with the drawing libraries loaded
        ctx.set_forkserver_preload([*PRELOAD, "briefgen.writers.pdf", "briefgen.pipeline"])
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_limit_worker) as pool:
        cwd = os.getcwd()  # a forkserver keeps the folder it started in; jobs use the caller's
        futures = [pool.submit(_run_in, cwd, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def run_dask(jobs: list[Job], workers: int, address: str | None) -> Iterator[JobResult]:
    """Run jobs on a dask.distributed cluster (a local one on loopback if no address)."""
    try:
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise BriefError("the dask engine needs the 'dask' extra: pip install 'briefgen[dask]'"
                         ) from None
    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               memory_limit=f"{sandbox_memory_mb()}MiB",
                               host="127.0.0.1", dashboard_address=None)
        address = cluster.scheduler_address
    try:
        with Client(address) as client:
            futures = client.map(_run_on_dask, jobs, pure=False)
            for future in dask_completed(futures):
                yield future.result()
    finally:
        if cluster is not None:
            cluster.close()


def sandbox_memory_mb() -> int:
    """The memory cap of one untrusted build, in MiB."""
    from briefgen.sandbox import Limits

    return Limits().memory_mb


def run_batch(jobs: list[Job], workers: int = 1, engine: str = "local",
              address: str | None = None,
              on_result: Callable[[JobResult], None] | None = None) -> list[JobResult]:
    """Run every job and return results in plan order."""
    runner = run_dask(jobs, workers, address) if engine == "dask" else run_local(jobs, workers)
    results = {}
    for res in runner:
        results[res.name] = res
        if on_result:
            on_result(res)
    return [results[j.name] for j in jobs]
