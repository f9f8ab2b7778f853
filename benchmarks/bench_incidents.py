"""Benchmark incident aggregation: 1M SYNTHETIC ACLED rows, year × region, with a date filter.

The CSV is generated once and cached (in $BRIEFGEN_BENCH_DIR or the system temp folder).
Each measurement runs in a fresh Python process, so the time includes importing polars and
the peak RSS is that of a process that did nothing else.

    python benchmarks/bench_incidents.py [--rows 1000000] [--repeat 3] [--date-style iso]

`measure_aggregate(rows)` is the entry point for the main benchmark script.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

TARGET_SECONDS = 1.5
TARGET_MB = 250.0
SEED = 2024

# Runs in the child process: aggregate once, report time and peak RSS as JSON.
CHILD = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from briefgen.incidents.aggregate import IncidentQuery, aggregate
t1 = time.perf_counter()
query = IncidentQuery.model_validate_json(sys.argv[2])
result = aggregate(Path(sys.argv[1]), query)
t2 = time.perf_counter()
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import_seconds": t1 - t0, "seconds": t2 - t1, "peak_mb": peak_kb / 1024,
                  "result_rows": len(result.rows)}))
"""


def _synth() -> ModuleType:
    """Import the sibling generator module, wherever this file is imported from."""
    spec = importlib.util.spec_from_file_location(
        "synth_incidents", Path(__file__).with_name("synth_incidents.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth_incidents", module)
    spec.loader.exec_module(module)
    return module


def cached_file(rows: int, date_style: str = "iso") -> Path:
    """Return the synthetic ACLED CSV of `rows` rows, generating it on first use."""
    synth = _synth()
    default = Path(tempfile.gettempdir()) / "briefgen-bench"
    folder = Path(os.environ.get("BRIEFGEN_BENCH_DIR") or default)
    folder.mkdir(parents=True, exist_ok=True)
    stem = synth.default_name(rows, "acled").removesuffix(".csv")
    path = folder / f"{stem}_{date_style}_seed{SEED}.csv"
    if not path.exists():
        started = time.perf_counter()
        synth.write_incidents(path, rows, "acled", SEED, date_style)
        print(f"generated {path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def bench_query() -> dict[str, Any]:
    """Return the benchmark query: fatalities by year and region, 2020–2023."""
    return {"preset": "acled", "period": "year", "by": "region", "measure": "fatalities",
            "date_from": "2020-01-01", "date_to": "2023-12-31"}


def _run_once(path: Path, query: dict[str, Any]) -> dict[str, float]:
    """Aggregate in a fresh process; return its timings and peak RSS."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), json.dumps(query)],
        capture_output=True, text=True, check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr}")
    report: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    report["process_seconds"] = wall
    return report


def measure_aggregate(
    rows: int = 1_000_000, repeat: int = 3, date_style: str = "iso"
) -> dict[str, Any]:
    """Measure aggregation of `rows` synthetic rows; return median seconds and peak MB."""
    path = cached_file(rows, date_style)
    runs = [_run_once(path, bench_query()) for _ in range(repeat)]
    seconds = statistics.median(r["seconds"] for r in runs)
    peak = max(r["peak_mb"] for r in runs)
    return {
        "name": "aggregate incidents",
        "rows": rows,
        "seconds": round(seconds, 3),
        "process_seconds": round(statistics.median(r["process_seconds"] for r in runs), 3),
        "peak_mb": round(peak, 1),
        "target_seconds": TARGET_SECONDS,
        "target_mb": TARGET_MB,
        "ok": seconds <= TARGET_SECONDS and peak <= TARGET_MB,
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "date_style": date_style,
    }


def describe(result: dict[str, Any]) -> str:
    """Format a measurement as one line."""
    return (
        f"aggregate {result['rows']:,} rows: {result['seconds']:.2f} s "
        f"(target ≤ {result['target_seconds']} s; "
        f"whole process {result['process_seconds']:.2f} s), "
        f"peak {result['peak_mb']:.0f} MB (target ≤ {result['target_mb']:.0f} MB)"
        f" [{result['date_style']} dates, {result['file_mb']:.0f} MB file]"
        + ("" if result["ok"] else "  ** OVER TARGET **")
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per measurement; exit 1 if over target."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--date-style", choices=["iso", "long", "mixed"], default="iso")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    result = measure_aggregate(args.rows, args.repeat, args.date_style)
    print(json.dumps(result) if args.json else describe(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
