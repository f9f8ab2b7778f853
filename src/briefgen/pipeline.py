"""The build pipeline: load → assemble → render charts once → write DOCX and PDF safely."""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import model as m
from briefgen.edition.manifest import (
    dump_manifest,
    is_up_to_date,
    make_manifest,
    options_key,
    read_manifest,
)
from briefgen.errors import BriefError, Problem

if TYPE_CHECKING:
    from briefgen.assemble.document import Assembled
    from briefgen.charts.cache import PendingCharts
    from briefgen.theme import Theme

FORMATS = ("pdf", "docx")


@dataclass
class BuildResult:
    """What a build produced: output paths, chart counts and timings in seconds."""

    name: str
    outputs: dict[str, Path] = field(default_factory=dict)
    charts_rendered: int = 0
    charts_cached: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    document: m.Document | None = None
    changes: list[Any] = field(default_factory=list)
    previous_edition: str | None = None
    manifest: Path | None = None
    up_to_date: bool = False
    hashes: dict[str, str] = field(default_factory=dict)  # sha256 of each output, by format


def resolve_theme(style: str | None, brief_style: str, base: Path,
                  page_size: str | None = None) -> tuple[Theme, Path]:
    """Load the theme named on the command line, or else the brief's own style."""
    from pydantic import ValidationError

    from briefgen.theme import find_style, load_theme

    name = style or brief_style
    path = find_style(name, base)
    try:
        theme = load_theme(path, base)
    except FileNotFoundError:
        from briefgen.theme import available_styles

        known = ", ".join(available_styles())
        raise BriefError(Problem(str(path), None, "style",
                                 f"style '{name}' not found (available: {known})")) from None
    except ValidationError as exc:
        raise BriefError([Problem(str(path), None, ".".join(map(str, e["loc"])), e["msg"])
                          for e in exc.errors()]) from None
    return theme.with_page_size(page_size), path


def write_atomic(path: Path, payload: bytes) -> None:
    """Write `payload` to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def prepare(
    path: Path,
    style: str | None = None,
    overrides: dict[str, str] | None = None,
    extra_front: list[m.Block] | None = None,
) -> tuple[Assembled, Theme]:
    """Load, validate and assemble a brief; return (assembled, theme)."""
    from briefgen.assemble.document import assemble
    from briefgen.charts.render import chart_look
    from briefgen.source.loader import load_bundle

    bundle = load_bundle(path, overrides)
    theme, theme_path = resolve_theme(style, bundle.brief.style, bundle.root,
                                      bundle.brief.page_size)
    assembled = assemble(bundle, chart_look(theme), extra_front)
    assembled.theme_path = theme_path
    from briefgen.glyphs import check_document_glyphs

    missing = check_document_glyphs(assembled, theme)  # validate refuses what build would
    if missing:
        raise BriefError(missing)
    return assembled, theme


def build(
    path: Path | str,
    formats: Iterable[str] = FORMATS,
    out_dir: Path | str = "out",
    style: str | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    overrides: dict[str, str] | None = None,
    reference_docx: Path | str | None = None,
    name: str | None = None,
    changes_box: bool = False,
    workers: int = 1,
) -> BuildResult:
    """Build a brief folder into the requested formats; raise BriefError if the input is wrong.

    `workers` helper processes render the charts and write the DOCX while this process lays
    out the PDF (0: do everything here). One is fastest on two cores: a second would spend
    its time importing matplotlib again.
    """
    path = Path(path)
    cache_dir = Path(cache_dir) if cache_dir else None
    reference_docx = Path(reference_docx) if reference_docx else None
    t0 = time.perf_counter()
    formats = list(formats)
    folder = path if path.is_dir() else path.parent
    result = BuildResult(name or folder.resolve().name)
    out = Path(out_dir)
    manifest_path = out / f"{result.name}.manifest.json"
    previous = read_manifest(manifest_path)
    ref_hash = hashlib.sha256(reference_docx.read_bytes()).hexdigest() if reference_docx else ""
    options = options_key(formats=sorted(formats), style=style, overrides=overrides or {},
                          reference_docx=ref_hash, changes=changes_box,
                          source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH", ""))
    if use_cache and is_up_to_date(previous, folder, out, formats, options):
        assert previous is not None
        result.up_to_date = True
        result.previous_edition = previous.get("edition")
        result.outputs = {fmt: out / previous["outputs"][fmt]["file"] for fmt in formats}
        result.hashes = {fmt: previous["outputs"][fmt]["sha256"] for fmt in formats}
        result.manifest = manifest_path
        result.timings["total"] = time.perf_counter() - t0
        return result
    from briefgen.charts.cache import fork_pool

    if workers > 0 and "docx" in formats:
        import briefgen.writers.docx.writer  # noqa: F401 - before the fork, so the worker has it too
    # Workers start importing matplotlib now, while this process reads and assembles the brief.
    pool = fork_pool(workers)
    try:
        return _build(path, formats, out, style, cache_dir, use_cache, overrides, reference_docx,
                      changes_box, result, previous, manifest_path, options, pool, t0)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def _build(path: Path, formats: list[str], out: Path, style: str | None, cache_dir: Path | None,
           use_cache: bool, overrides: dict[str, str] | None, reference_docx: Path | None,
           changes_box: bool, result: BuildResult, previous: dict[str, Any] | None,
           manifest_path: Path, options: str, pool: Any, t0: float) -> BuildResult:
    """The work of a build that is not up to date (see `build`)."""
    from briefgen.charts.cache import LazyArts, default_cache_dir, start_charts
    from briefgen.charts.render import chart_look
    from briefgen.edition.changes import changes_callout, compare

    assembled, theme = prepare(path, style, overrides)
    result.timings["assemble"] = time.perf_counter() - t0
    blocks = assembled.blocks
    if previous is not None:
        draft = make_manifest(assembled, assembled.theme_path, {}, {}, 0)
        result.changes = compare(previous, draft)
        result.previous_edition = previous.get("edition")
    if changes_box:
        blocks = _insert_callout(blocks, changes_callout(result.changes, result.previous_edition)
                                 if previous is not None else m.Callout(
                                     "Changes since the last edition",
                                     ((m.Text("This is the first edition of this brief."),),)))

    t1 = time.perf_counter()
    cache = (cache_dir or default_cache_dir()) if use_cache else None
    after = None
    if pool is not None and "docx" in formats:  # the helper writes the DOCX after the charts
        after = functools.partial(_write_docx_with, assembled.meta, blocks, theme, reference_docx)
    pending = start_charts(assembled.charts, chart_look(theme), cache, pool, after)
    doc = m.Document(assembled.meta, blocks, LazyArts(pending), assembled.labels)
    try:
        _import_writers(formats)  # while the charts render in the workers
        payloads = _render_formats(doc, theme, formats, reference_docx, pending,
                                   result.timings, after is not None)
    except BaseException:
        pending.result()  # collect the charts the helper is sending before giving up
        raise
    result.timings["charts"] = time.perf_counter() - t1
    arts, rendered = pending.result()
    result.charts_rendered, result.charts_cached = rendered, len(arts) - rendered
    result.document = m.Document(assembled.meta, blocks, arts, assembled.labels)
    # Write only once every format rendered, so a failure leaves all old outputs intact.
    for fmt, payload in payloads.items():
        target = out / f"{result.name}.{fmt}"
        write_atomic(target, payload)
        result.outputs[fmt] = target
    result.timings["total"] = time.perf_counter() - t0
    outputs = dict(result.outputs)
    if previous is not None:  # keep listing outputs of formats not rebuilt this time
        for fmt in previous.get("outputs", {}):
            old = out / f"{result.name}.{fmt}"
            if fmt not in outputs and old.exists():
                outputs[fmt] = old
    manifest = make_manifest(assembled, assembled.theme_path, outputs, result.timings,
                             result.charts_rendered, options)
    write_atomic(manifest_path, dump_manifest(manifest))
    result.hashes = {fmt: manifest["outputs"][fmt]["sha256"] for fmt in result.outputs}
    result.manifest = manifest_path
    return result


def _import_writers(formats: list[str]) -> None:
    """Import the writers for `formats` (rejecting unknown formats before any work is done)."""
    for fmt in formats:
        if fmt == "pdf":
            import briefgen.writers.pdf.writer  # noqa: F401
        elif fmt == "docx":
            import briefgen.writers.docx.writer  # noqa: F401
        else:
            raise BriefError(f"unknown format '{fmt}' (use pdf or docx)")


def _write_docx(doc: m.Document, theme: Theme, reference_docx: Path | None) -> bytes:
    from briefgen.writers.docx import render_docx

    return render_docx(doc, theme, reference_docx)


def _write_docx_with(meta: m.Meta, blocks: tuple[m.Block, ...], theme: Theme,
                     reference_docx: Path | None, arts: dict[str, m.ChartArt]) -> bytes:
    """Write the DOCX once the charts exist (run in the helper process, see start_charts)."""
    return _write_docx(m.Document(meta, blocks, arts), theme, reference_docx)


def _render_formats(doc: m.Document, theme: Theme, formats: list[str],
                    reference_docx: Path | None, pending: PendingCharts,
                    timings: dict[str, float], docx_in_helper: bool) -> dict[str, bytes]:
    """Render every format: the PDF here, laid out while the charts are still being drawn;
    the DOCX in the helper process right after the charts (or here, without a helper)."""
    from briefgen.writers.pdf.writer import render_pdf

    t = time.perf_counter()
    payloads: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "pdf":
            payloads[fmt] = render_pdf(doc, theme)
        elif docx_in_helper:
            payloads[fmt] = pending.after_result()
        else:
            arts, _ = pending.result()
            payloads[fmt] = _write_docx(m.Document(doc.meta, doc.blocks, arts), theme,
                                        reference_docx)
        timings[fmt] = time.perf_counter() - t
    return payloads


def _insert_callout(blocks: tuple[m.Block, ...], callout: m.Callout) -> tuple[m.Block, ...]:
    """Put a callout right after the key judgments (or first, if there are none)."""
    at = next((i + 1 for i, b in enumerate(blocks) if isinstance(b, m.KeyJudgments)), 0)
    return (*blocks[:at], callout, *blocks[at:])
