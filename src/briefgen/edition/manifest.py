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

from briefgen.version import __version__, distributions, installed_version


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


# The libraries whose upgrade can change the bytes of an output.
RENDERING_LIBRARIES = ("reportlab", "python-docx", "matplotlib", "svglib", "uharfbuzz",
                       "fonttools", "lxml")


def tool_versions() -> dict[str, str]:
    """Versions of briefgen, the rendering libraries and every installed font package."""
    installed = distributions()
    found = {"briefgen": __version__}
    for name in RENDERING_LIBRARIES:
        found[name] = installed_version(name)
    found.update({name: release for name, release in installed.items()
                  if name.startswith("fontpkg-")})
    return dict(sorted(found.items()))


def options_key(**options: Any) -> str:
    """Hash the build options that shape the outputs, with the versions of the tools used."""
    payload = json.dumps({**options, "_v": tool_versions()}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def input_hashes(files: list[Path], root: Path) -> dict[str, str]:
    """Hash each input file, keyed by its path relative to the brief folder."""
    return {os.path.relpath(p.resolve(), root.resolve()): _sha256(p) for p in files}


def is_up_to_date(previous: dict[str, Any] | None, root: Path, out: Path,
                  formats: list[str], options: str) -> bool:
    """True if the last build used the same options and inputs and its outputs are intact.

    A manifest of the wrong shape (edited by hand, truncated, from elsewhere) is simply not
    up to date: the build goes ahead and writes a good one.
    """
    try:
        if not previous or previous.get("fingerprint", {}).get("options") != options:
            return False
        files = previous["fingerprint"].get("files", {})
        for rel, digest in files.items():
            path = root / rel
            if not path.is_file() or _sha256(path) != digest:
                return False
        for fmt in formats:
            entry = previous.get("outputs", {}).get(fmt)
            target = out / Path(entry["file"]).name
            if not target.is_file() or _sha256(target) != entry["sha256"]:
                return False
        return bool(files)
    except (AttributeError, KeyError, TypeError, ValueError, OSError):
        return False


def output_entry(path: Path, payload: bytes) -> dict[str, Any]:
    """The manifest's record of one output file."""
    return {"file": path.name, "sha256": hashlib.sha256(payload).hexdigest(),
            "bytes": len(payload)}


def make_manifest(assembled: Any, theme_path: Path | None, outputs: dict[str, dict[str, Any]],
                  timings: dict[str, float], charts_rendered: int,
                  options: str = "") -> dict[str, Any]:
    """Build the manifest dictionary for one build (`outputs`: format → output_entry)."""
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
        "outputs": dict(sorted(outputs.items())),
        "tools": tool_versions(),
        "facts": facts,
        "sources": sources,
        "key_figures": key_figures,
        "charts": charts,
        "charts_rendered": charts_rendered,
        "timings": {k: round(v, 4) for k, v in timings.items()},
        "fingerprint": {"options": options, "files": input_hashes(watched, bundle.root)},
    }


def read_manifest(path: Path) -> dict[str, Any] | None:
    """Read a manifest, or None if there is none or it is not one briefgen wrote (wrong shape)."""
    try:
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if well_formed(data) else None


# The manifest's top-level keys and the type each must have.
SHAPE: dict[str, type | tuple[type, ...]] = {
    "edition": str, "outputs": dict, "facts": dict, "key_figures": list, "charts": dict,
    "fingerprint": dict, "inputs": dict,
}


def well_formed(data: Any) -> bool:
    """True if `data` has the shape of a manifest (so comparing with it cannot fail)."""
    if not isinstance(data, dict):
        return False
    if any(not isinstance(data.get(key), kind) for key, kind in SHAPE.items()):
        return False
    outputs_ok = all(isinstance(e, dict) and isinstance(e.get("file"), str)
                     and isinstance(e.get("sha256"), str) for e in data["outputs"].values())
    facts_ok = all(isinstance(f, dict) for f in data["facts"].values())
    charts_ok = all(isinstance(c, dict) and isinstance(c.get("series", {}), dict)
                    for c in data["charts"].values())
    figures_ok = all(isinstance(k, dict) for k in data["key_figures"])
    prints = data["fingerprint"]
    prints_ok = isinstance(prints.get("options", ""), str) and isinstance(
        prints.get("files", {}), dict)
    return outputs_ok and facts_ok and charts_ok and figures_ok and prints_ok


def dump_manifest(manifest: dict[str, Any]) -> bytes:
    """Serialise a manifest as stable, readable JSON."""
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
