"""The build: load → assemble → charts (in workers) → every format (registry) → publish, safely.

The main process lays out the first format that can read charts lazily (the PDF) while a
worker draws the charts; every other format is queued in that worker behind the chart jobs
and written with the charts it has just drawn (at once, for a brief without charts), so the
formats are written at the same time. Nothing reaches the output folder until every format
has rendered and read back; the edition is then published all at once (see
`edition.publish`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.edition.manifest import (
    dump_manifest,
    is_up_to_date,
    make_manifest,
    options_key,
    output_entry,
    read_manifest,
)
from briefgen.edition.publish import (
    ReadBackError,
    check_out_dir,
    check_payload,
    locked,
    make_out_dir,
    publish,
    read_back_failed,
)
from briefgen.errors import BriefError, Problem
from briefgen.writers import DEFAULT_FORMATS, REGISTRY, WriteOptions, writer

if TYPE_CHECKING:
    from briefgen import model as m
    from briefgen.assemble.document import Assembled
    from briefgen.charts.cache import ChartSet
    from briefgen.charts.data import ChartData
    from briefgen.fonts.state import FontState
    from briefgen.theme import Theme
    from briefgen.workers import WorkerPool

FORMATS = DEFAULT_FORMATS


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build can be asked to do besides which brief to build."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    out_dir: Path = Path("out")
    style: str | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    overrides: Mapping[str, str] = field(default_factory=dict)
    reference_docx: Path | None = None
    name: str | None = None
    changes_box: bool = False
    workers: int = 1  # worker processes for charts and the other formats; 0: all in-process
    untrusted: bool = False  # a brief from elsewhere: confine its data roots, cap its inputs
    update_fields: bool = False  # DOCX: ask Word to update fields (contents, page numbers)

    @classmethod
    def of(cls, **values: Any) -> BuildOptions:
        """Build options from keyword values, converting paths and sequences."""
        for key in ("out_dir", "cache_dir", "reference_docx"):
            if values.get(key) is not None:
                values[key] = Path(values[key])
        if values.get("formats") is not None:
            values["formats"] = tuple(values["formats"])
        values["overrides"] = dict(values.get("overrides") or {})
        return cls(**{k: v for k, v in values.items() if v is not None or k == "style"})


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


def prepare(
    path: Path | str,
    style: str | None = None,
    overrides: Mapping[str, str] | None = None,
    extra_front: list[m.Block] | None = None,
    untrusted: bool = False,
    on_chart: Callable[..., None] | None = None,
) -> tuple[Assembled, Theme]:
    """Load, validate and assemble a brief; return (assembled, theme).

    This is all of `briefgen validate`: a brief it accepts is one `build` accepts.
    `untrusted` confines the brief's paths to its own folder and caps its input sizes.
    `on_chart(key, data, look)` is called with each chart as soon as it is assembled, so a
    build can start drawing it (if the brief then fails, those drawings are thrown away).
    """
    from briefgen.assemble.document import assemble
    from briefgen.charts.look import chart_look
    from briefgen.glyphs import check_document_glyphs
    from briefgen.source.loader import load_bundle

    bundle = load_bundle(Path(path), dict(overrides or {}), untrusted=untrusted)
    theme, theme_path = resolve_theme(style, bundle.brief.style, bundle.root,
                                      bundle.brief.page_size)
    look = chart_look(theme)
    found = functools.partial(on_chart, look=look) if on_chart is not None else None
    assembled = assemble(bundle, look, extra_front, theme.front.first_page, found)
    assembled.theme_path = theme_path
    missing = check_document_glyphs(assembled, theme)  # validate refuses what build would
    if missing:
        raise BriefError(missing)
    return assembled, theme


def build(path: Path | str, options: BuildOptions | None = None, **values: Any) -> BuildResult:
    """Build a brief folder into every requested format; raise BriefError if the input is wrong.

    Call as `build(path, BuildOptions(...))` or with keywords (`build(path, formats=["pdf"],
    out_dir="out")`); the keywords are the fields of BuildOptions and override `options`.
    """
    if options is None:
        opts = BuildOptions.of(**values)
    else:
        opts = BuildOptions.of(**{**_fields(options), **values}) if values else options
    if opts.untrusted:
        from briefgen import sandbox

        if not sandbox.INSIDE:
            return sandbox.build_in_sandbox(build_here, path, opts)
    return build_here(path, opts)


def build_here(path: Path | str, opts: BuildOptions) -> BuildResult:
    """Build in this process (the sandbox's child runs this too)."""
    return _Build(Path(path), opts).run()


def _fields(options: BuildOptions) -> dict[str, Any]:
    return {f: getattr(options, f) for f in BuildOptions.__dataclass_fields__}


class _Build:
    """One build of one brief (the state `build` would otherwise pass around)."""

    def __init__(self, path: Path, opts: BuildOptions) -> None:
        self.path, self.opts = path, opts
        self.t0 = time.perf_counter()
        folder = path if path.is_dir() else path.parent
        self.folder = folder
        self.result = BuildResult(opts.name or folder.resolve().name)
        self.out = opts.out_dir
        self.manifest_path = self.out / f"{self.result.name}.manifest.json"

    def run(self) -> BuildResult:
        """Check the formats and the output folder, then build under the folder's lock."""
        for fmt in self.opts.formats:
            try:
                writer(fmt)
            except KeyError as exc:
                raise BriefError(Problem("", None, "--format", str(exc.args[0]))) from None
        check_out_dir(self.out)
        return self._run_checked()

    def _run_checked(self) -> BuildResult:
        opts, result = self.opts, self.result
        previous = read_manifest(self.manifest_path)
        ref = opts.reference_docx
        ref_hash = hashlib.sha256(ref.read_bytes()).hexdigest() if ref else ""
        self.options_key = options_key(
            formats=sorted(opts.formats), style=opts.style, overrides=dict(opts.overrides),
            reference_docx=ref_hash, changes=opts.changes_box, fields=opts.update_fields,
            source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH", ""))
        if opts.use_cache and is_up_to_date(previous, self.folder, self.out,
                                            list(opts.formats), self.options_key):
            assert previous is not None
            result.up_to_date = True
            result.previous_edition = previous.get("edition")
            result.outputs = {f: self.out / previous["outputs"][f]["file"] for f in opts.formats}
            result.hashes = {f: previous["outputs"][f]["sha256"] for f in opts.formats}
            result.manifest = self.manifest_path
            result.timings["total"] = time.perf_counter() - self.t0
            return result
        pool = _start_pool(opts.workers)  # the workers warm up while the brief is assembled
        try:
            return self._render(previous, pool)
        finally:
            if pool is not None:
                pool.shutdown()

    def _render(self, previous: dict[str, Any] | None, pool: WorkerPool | None) -> BuildResult:
        from briefgen import model as m
        from briefgen.charts.cache import ChartSet, default_cache_dir
        from briefgen.charts.look import chart_look

        opts, result = self.opts, self.result
        t1 = time.perf_counter()
        cache = (opts.cache_dir or default_cache_dir()) if opts.use_cache else None
        early: list[ChartSet] = []

        def start_drawing(key: str, data: ChartData, look: dict[str, Any]) -> None:
            """A chart is assembled: fetch it from the cache or start drawing it now."""
            if not early:
                early.append(ChartSet({}, look, cache, pool))
            early[0].add(key, data)

        try:
            assembled, theme = prepare(self.path, opts.style, opts.overrides,
                                       untrusted=opts.untrusted, on_chart=start_drawing)
        except BaseException:
            for charts in early:
                charts.cancel()
            raise
        result.timings["assemble"] = time.perf_counter() - self.t0
        blocks = self._with_changes(assembled, previous)
        charts = early[0] if early else ChartSet({}, chart_look(theme), cache, pool)
        for key, data in assembled.charts.items():
            charts.add(key, data)  # those not met while assembling (none, today)
        doc = m.Document(assembled.meta, blocks, charts, assembled.labels)
        try:
            payloads = _write_formats(doc, theme, charts, opts, pool, result.timings)
        except ReadBackError as exc:
            charts.cancel()
            raise read_back_failed(self.out, exc) from None
        except BaseException:
            charts.cancel()
            raise
        arts = charts.complete()
        result.timings["charts"] = time.perf_counter() - t1
        result.charts_rendered = charts.rendered
        result.charts_cached = len(arts) - charts.rendered
        result.document = m.Document(assembled.meta, blocks, arts, assembled.labels)
        make_out_dir(self.out)
        with locked(self.out, result.name):  # a second build of this brief waits here
            self._publish(assembled, payloads, previous)
        return result

    def _with_changes(self, assembled: Assembled,
                      previous: dict[str, Any] | None) -> tuple[m.Block, ...]:
        """Compare with the last edition; add the 'Changes' box if asked for."""
        from briefgen import model as m
        from briefgen.edition.changes import changes_callout, compare

        result, labels = self.result, assembled.labels
        if previous is not None:
            draft = make_manifest(assembled, assembled.theme_path, {}, {}, 0)
            result.changes = compare(previous, draft)
            result.previous_edition = previous.get("edition")
        if not self.opts.changes_box:
            return assembled.blocks
        callout = (changes_callout(result.changes, result.previous_edition)
                   if previous is not None
                   else m.Callout(labels.changes, ((m.Text(labels.first_edition),),)))
        return _insert_callout(assembled.blocks, callout)

    def _publish(self, assembled: Assembled, payloads: dict[str, bytes],
                 previous: dict[str, Any] | None) -> None:
        """Write every output and then the manifest, all or nothing."""
        result, out = self.result, self.out
        targets = {fmt: out / f"{result.name}.{REGISTRY[fmt].extension}" for fmt in payloads}
        entries = {fmt: output_entry(targets[fmt], payloads[fmt]) for fmt in payloads}
        for fmt, entry in (previous or {}).get("outputs", {}).items():
            # keep listing outputs of formats not rebuilt this time, if they are still there
            if fmt not in entries and isinstance(entry, dict) and fmt in REGISTRY:
                old = out / f"{result.name}.{REGISTRY[fmt].extension}"
                if old.is_file() and entry.get("file") == old.name:
                    entries[fmt] = entry
        result.timings["total"] = time.perf_counter() - self.t0
        manifest = make_manifest(assembled, assembled.theme_path, entries, result.timings,
                                 result.charts_rendered, self.options_key)
        files = {targets[fmt]: payloads[fmt] for fmt in payloads}
        files[self.manifest_path] = dump_manifest(manifest)
        publish(files, checked=targets.values())  # each read back where it was made
        result.outputs = targets
        result.hashes = {fmt: entries[fmt]["sha256"] for fmt in payloads}
        result.manifest = self.manifest_path


def _start_pool(workers: int) -> WorkerPool | None:
    """Start the worker pool in the background (None when asked for none)."""
    if workers < 1:
        return None
    from briefgen.workers import WorkerPool

    return WorkerPool(workers)


def render_format(fmt: str, doc: m.Document, theme: Theme, options: WriteOptions,
                  fonts: FontState | None = None) -> bytes:
    """Write `doc` in format `fmt` and read it back (a worker job: every argument picklable).

    `fonts` is what the main process learnt about fonts, so a worker does not search again.
    """
    if fonts is not None:
        from briefgen.fonts.state import adopt

        adopt(fonts)
    spec = writer(fmt)
    payload = spec.load()(doc, theme, options)
    check_payload(spec.extension, payload)  # here, not at the end of the build
    return payload


def _write_formats(doc: m.Document, theme: Theme, charts: ChartSet, opts: BuildOptions,
                   pool: WorkerPool | None, timings: dict[str, float]) -> dict[str, bytes]:
    """Render every format: one laid out here while charts arrive, the others in workers."""
    from briefgen import model as m
    from briefgen.workers import NO_WORKERS

    ref = opts.reference_docx.resolve() if opts.reference_docx else None
    options = WriteOptions(reference_docx=ref,  # absolute: a worker may run elsewhere
                           update_fields=opts.update_fields)
    formats = list(opts.formats)
    here = next((f for f in formats if REGISTRY[f].lays_out_while_charts_render), None)
    if pool is None:
        here = None
    elsewhere = [f for f in formats if f != here] if pool is not None else []
    handed: dict[str, Future[bytes]] = {}
    if elsewhere:
        handed = _hand_to_workers(elsewhere, doc, theme, charts, options, pool)
    payloads: dict[str, bytes] = {}
    t = time.perf_counter()
    for fmt in formats:
        if fmt in handed:
            continue
        payloads[fmt] = render_format(fmt, doc, theme, options)
        timings[fmt] = time.perf_counter() - t
    for fmt, future in handed.items():
        try:
            payloads[fmt] = future.result()
        except NO_WORKERS:  # the workers could not start or died: write it here
            payloads[fmt] = render_format(fmt, m.Document(doc.meta, doc.blocks,
                                                          charts.complete(), doc.labels),
                                          theme, options)
        timings[fmt] = time.perf_counter() - t
    return {fmt: payloads[fmt] for fmt in formats}


def _hand_to_workers(formats: list[str], doc: m.Document, theme: Theme, charts: ChartSet,
                     options: WriteOptions, pool: Any) -> dict[str, Future[bytes]]:
    """Queue each format behind the chart jobs: the worker writes it with the charts it drew."""
    from briefgen import model as m
    from briefgen.fonts.state import font_state

    later = m.Document(doc.meta, doc.blocks, charts.for_worker(), doc.labels)
    fonts = font_state()
    return {fmt: pool.submit(render_format, fmt, later, theme, options, fonts)
            for fmt in formats}


def _insert_callout(blocks: tuple[m.Block, ...], callout: m.Callout) -> tuple[m.Block, ...]:
    """Put a callout right after the key judgments (or first, if there are none)."""
    from briefgen import model as m

    at = next((i + 1 for i, b in enumerate(blocks) if isinstance(b, m.KeyJudgments)), 0)
    return (*blocks[:at], callout, *blocks[at:])


def build_all(paths: Iterable[Path | str], options: BuildOptions) -> list[BuildResult]:
    """Build several briefs one after the other with the same options (the Python API)."""
    return [build(p, options) for p in paths]
