"""The build manifest: what went in, what came out, and every figure the brief prints.

Written next to the outputs as NAME.manifest.json; the next build compares against it to
say what changed since the last edition.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from briefgen import __version__


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def options_key(**options: Any) -> str:
    """Hash the build options that shape the outputs (formats, style, overrides, ...)."""
    payload = json.dumps({**options, "_v": __version__}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def input_hashes(files: list[Path], root: Path) -> dict[str, str]:
    """Hash each input file, keyed by its path relative to the brief folder."""
    return {os.path.relpath(p.resolve(), root.resolve()): _sha256(p) for p in files}


def is_up_to_date(previous: dict[str, Any] | None, root: Path, out: Path,
                  formats: list[str], options: str) -> bool:
    """True if the last build used the same options and inputs and its outputs are intact."""
    if not previous or previous.get("fingerprint", {}).get("options") != options:
        return False
    files = previous["fingerprint"].get("files", {})
    for rel, digest in files.items():
        path = root / rel
        if not path.is_file() or _sha256(path) != digest:
            return False
    for fmt in formats:
        entry = previous.get("outputs", {}).get(fmt)
        if not entry or not (out / entry["file"]).is_file():
            return False
        if _sha256(out / entry["file"]) != entry["sha256"]:
            return False
    return bool(files)


def make_manifest(assembled: Any, theme_path: Path | None, outputs: dict[str, Path],
                  timings: dict[str, float], charts_rendered: int,
                  options: str = "") -> dict[str, Any]:
    """Build the manifest dictionary for one build."""
    from briefgen import model as m
    from briefgen.assemble.facts import format_value

    bundle = assembled.bundle
    ctx = assembled.context
    base = bundle.root.parent
    inputs = {_display(p, base): _sha256(p) for p in bundle.files}
    watched = list(bundle.files)
    if theme_path is not None and theme_path.exists():
        inputs[f"style:{theme_path.name}"] = _sha256(theme_path)
        watched.append(theme_path)
    from briefgen.assemble.citations import evidence

    sources = {sid: evidence(src) for sid, src in bundle.sources.items()}
    facts = {
        fid: {
            "value": r.value,
            "text": format_value(r),
            "qualifier": r.fact.qualifier,
            "unit": r.fact.unit,
            "label": r.fact.label,
            "source": r.fact.source,
            "computed": r.computed,
        }
        for fid, r in sorted(ctx.resolved.items())
    }
    key_figures = [
        {"label": k.label, "value": k.value, "qualifier": k.qualifier}
        for b in assembled.blocks if isinstance(b, m.KeyFigures) for k in b.items
    ]
    charts = {}
    for b in assembled.blocks:
        if isinstance(b, m.Figure):
            data = assembled.charts[b.chart_id]
            charts[f"Figure {b.number}: {b.caption}"] = {
                "kind": data.kind,
                "categories": list(data.categories),
                "series": {s.name or "value": list(s.values) for s in data.series},
                "events": [[e.date, e.label] for e in data.events],
            }
    return {
        "briefgen": __version__,
        "brief": bundle.brief.title,
        "edition": bundle.brief.date.isoformat(),
        "inputs": inputs,
        "outputs": {fmt: {"file": p.name, "sha256": _sha256(p), "bytes": p.stat().st_size}
                    for fmt, p in sorted(outputs.items())},
        "facts": facts,
        "sources": sources,
        "key_figures": key_figures,
        "charts": charts,
        "charts_rendered": charts_rendered,
        "timings": {k: round(v, 4) for k, v in timings.items()},
        "fingerprint": {"options": options, "files": input_hashes(watched, bundle.root)},
    }


def read_manifest(path: Path) -> dict[str, Any] | None:
    """Read a manifest, or None if there is none (or it is unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def dump_manifest(manifest: dict[str, Any]) -> bytes:
    """Serialise a manifest as stable, readable JSON."""
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
