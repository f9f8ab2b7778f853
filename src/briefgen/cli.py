"""The `briefgen` command line: thin option parsing over the library.

Exit codes: 0 success, 1 the brief or its data is wrong, 2 usage error.
Heavy libraries (matplotlib, ReportLab, python-docx) are imported inside commands only.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from briefgen.errors import BriefError
from briefgen.version import __version__
from briefgen.writers import DEFAULT_FORMATS, REGISTRY

EXISTING = click.Path(exists=True, path_type=Path)
BRIEF = click.Path(exists=True, path_type=Path)


def _style_names() -> list[str]:
    """List the shipped style names without importing the theme machinery."""
    here = Path(__file__).resolve()
    names = {p.stem for folder in (here.parent / "styles", here.parents[2] / "styles")
             if folder.is_dir() for p in folder.glob("*.yaml")}
    return sorted(names)


STYLE_HELP = ("Style name (" + ", ".join(_style_names()) + ") or path to a style YAML file; "
              "`briefgen styles` describes them.")


def set_option(func: Any) -> Any:
    """Add the repeatable --set KEY=VALUE option to a command."""
    return click.option(
        "--set", "sets", multiple=True, metavar="KEY=VALUE",
        help="Override a brief field or a name in params, e.g. --set date=2026-12-01 "
        "(repeatable).")(func)


def _fail(exc: BriefError, as_json: bool = False) -> None:
    """Print every problem on its own line and exit 1 (no traceback)."""
    if as_json:
        details = [{"code": p.code, "file": p.file, "line": p.line, "field": p.field,
                    "message": p.message} for p in exc.problems]
        click.echo(json.dumps({"ok": False, "problems": [p.coded() for p in exc.problems],
                               "details": details}, indent=2, ensure_ascii=False))
    else:
        for problem in exc.problems:
            click.echo(problem.coded(), err=True)
    sys.exit(exc.exit_code)


def _parse_sets(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got '{item}'", param_hint="--set")
        out[key.strip()] = value
    return out


def entry() -> None:
    """Console entry point: run the CLI and exit normally with its status.

    A closed or broken standard output (`briefgen build … >&-`, a cron job whose output
    nobody reads) does not turn a successful build into a failure.
    """
    from briefgen.process import settle

    settle()  # again, for a program that calls this entry point directly (a no-op otherwise)
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # started with the descriptor closed
            setattr(sys, name, open(os.devnull, "w"))  # noqa: SIM115 - lives for the process
    code: int | str | None
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(code + "\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # nobody is reading: point the stream at nothing
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    # Everything still alive dies with the process: without this the interpreter's last
    # garbage collection walks every object a build made (about 0.2 s after a cold build).
    gc.freeze()
    sys.exit(code or 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Build policy briefs (PDF and editable Word) from YAML, CSV and a sources register.

    Start with `briefgen init my-brief`; every problem is printed as
    file:line: field: message [CODE], and docs/troubleshooting.md explains each code.
    """


@main.command(short_help="Build PDF and/or DOCX from a brief folder.")
@click.argument("path", type=BRIEF)
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(list(REGISTRY)),
              help="Output format (repeatable). Default: pdf and docx.")
@click.option("-o", "--out-dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the outputs.")
@click.option("--style", metavar="NAME|FILE", help=STYLE_HELP)
@click.option("--reference-docx", type=EXISTING, help="Take DOCX styles from this Word file.")
@click.option("--cache-dir", type=click.Path(path_type=Path),
              help="Chart cache folder (default: ~/.cache/briefgen/charts).")
@click.option("--no-cache", is_flag=True, help="Render every chart afresh.")
@set_option
@click.option("--changes", "changes_box", is_flag=True,
              help="Add a 'Changes since the last edition' box to the brief.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@click.option("--untrusted", is_flag=True,
              help="A brief you did not write: confine its paths to its folder, cap its inputs, "
              "and build it in a separate process with a memory cap and a time limit.")
@click.option("--update-fields", is_flag=True,
              help="Ask Word to update the DOCX's fields (contents, page numbers) on opening.")
def build(path: Path, formats: tuple[str, ...], out_dir: Path, style: str | None,
          reference_docx: Path | None, cache_dir: Path | None, no_cache: bool,
          sets: tuple[str, ...], changes_box: bool, as_json: bool, quiet: bool,
          untrusted: bool, update_fields: bool) -> None:
    """Build the brief in PATH (a folder with brief.yaml) into PDF and/or DOCX."""
    from briefgen.pipeline import build as run_build

    try:
        result = run_build(path, formats=formats or DEFAULT_FORMATS, out_dir=out_dir, style=style,
                           cache_dir=cache_dir, use_cache=not no_cache,
                           overrides=_parse_sets(sets), reference_docx=reference_docx,
                           changes_box=changes_box, untrusted=untrusted,
                           update_fields=update_fields)
    except BriefError as exc:
        _fail(exc, as_json)
        return
    if as_json:
        click.echo(json.dumps(_result_json(result), indent=2, ensure_ascii=False))
    elif not quiet and result.up_to_date:
        click.echo(f"up to date: {', '.join(str(p) for p in result.outputs.values())} "
                   f"(inputs unchanged; {result.timings['total']:.2f} s)")
    elif not quiet:
        for _fmt, out in result.outputs.items():
            click.echo(f"wrote {out}")
        click.echo(f"{result.charts_rendered} chart(s) rendered, {result.charts_cached} from cache;"
                   f" {result.timings['total']:.2f} s")
        _print_changes(result.changes, result.previous_edition)


def _print_changes(changes: list[Any], previous: str | None) -> None:
    from briefgen.edition.changes import summary_lines

    if previous is None:
        return
    if not changes:
        click.echo(f"no changes since the last edition ({previous})")
        return
    click.echo(f"changes since the last edition ({previous}):")
    for line in summary_lines(changes):
        click.echo(f"  {line}")


def _result_json(result: Any) -> dict[str, Any]:
    return {
        "ok": True,
        "name": result.name,
        "up_to_date": result.up_to_date,
        "outputs": {fmt: {"path": str(p), "sha256": result.hashes[fmt]}
                    for fmt, p in result.outputs.items()},
        "charts": {"rendered": result.charts_rendered, "cached": result.charts_cached},
        "timings": {k: round(v, 4) for k, v in result.timings.items()},
        "manifest": str(result.manifest) if result.manifest else None,
        "changes": [{"kind": c.kind, "name": c.name, "old": c.old, "new": c.new, "text": c.text}
                    for c in result.changes],
        "problems": [],
    }


@main.command(short_help="Report every problem in a brief, one line each.")
@click.argument("path", type=BRIEF)
@set_option
def validate(path: Path, sets: tuple[str, ...]) -> None:
    """Check the brief in PATH and report every problem as file:line: field: message [CODE]."""
    from briefgen.pipeline import prepare

    try:
        assembled, _theme = prepare(path, overrides=_parse_sets(sets))
    except BriefError as exc:
        _fail(exc)
        return
    n_fig = len(assembled.charts)
    click.echo(f"{path}: ok ({len(assembled.blocks)} blocks, {n_fig} charts)")


@main.command(short_help="Print the JSON Schema of a file you write.")
@click.argument("kind", type=click.Choice(["brief", "sources", "facts", "style", "plan"]),
                default="brief")
@click.option("-o", "--out-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write every schema as KIND.schema.json into this folder instead.")
def schema(kind: str, out_dir: Path | None) -> None:
    """Print the JSON Schema of brief.yaml, sources.yaml, facts.yaml, a style or a batch plan.

    Editors validate and complete YAML against it: put
    `# yaml-language-server: $schema=PATH/brief.schema.json` on the file's first line.
    """
    from briefgen.schemas import render

    if out_dir is None:
        click.echo(render(kind), nl=False)
        return
    from briefgen.scaffold.writer import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"wrote {path}")


@main.command(short_help="Print the document model as text.")
@click.argument("path", type=BRIEF)
@set_option
def dump(path: Path, sets: tuple[str, ...]) -> None:
    """Print the assembled document model as text (for debugging and golden tests)."""
    from briefgen import model as m
    from briefgen.dump import dump_document
    from briefgen.pipeline import prepare

    try:
        assembled, _theme = prepare(path, overrides=_parse_sets(sets))
    except BriefError as exc:
        _fail(exc)
        return
    doc = m.Document(assembled.meta, assembled.blocks, labels=assembled.labels)
    click.echo(dump_document(doc), nl=False)


@main.command(short_help="Trace every number and quotation to its source.")
@click.argument("path", type=BRIEF)
@click.option("--sources-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              envvar="BRIEFGEN_SOURCES_DIR", show_envvar=True,
              help="Folder holding the sources' local copies (as named by their 'file').")
@click.option("--allow-unchecked", is_flag=True,
              help="Exit 0 even when some sources have no local copy to check against.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the evidence trail to FILE.html or FILE.json.")
@set_option
def check(path: Path, sources_dir: Path | None, allow_unchecked: bool,
          report_path: Path | None, sets: tuple[str, ...]) -> None:
    """Verify that every number and quotation in PATH is traced to its source's text."""
    from briefgen.pipeline import prepare
    from briefgen.provenance import check_provenance, write_report

    try:
        assembled, _theme = prepare(path, overrides=_parse_sets(sets))
    except BriefError as exc:
        _fail(exc)
        return
    report = check_provenance(assembled, sources_dir)
    if report_path is not None:
        write_report(report, report_path, assembled.meta.title)
        click.echo(f"wrote {report_path}")
    for problem in report.failures:
        click.echo(problem.coded(), err=True)
    for line in report.unchecked:
        register = assembled.bundle.sources_doc
        click.echo(f"{register.display if register else path}: {line}", err=True)
    for line in report.dependents:
        click.echo(line, err=True)
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    own = report.own()
    if own:
        click.echo(f"{len(own)} claim(s) of the brief's own (analysis, not sourced):")
        for claim in own:
            click.echo(f"  {claim.where}: {claim.text}")
    if report.failures:
        click.echo(f"check failed: {len(report.failures)} problem(s), "
                   f"{len(report.unchecked)} source(s) unchecked", err=True)
        sys.exit(1)
    if report.unchecked and not allow_unchecked:
        click.echo(f"check incomplete: {len(report.unchecked)} source(s) unchecked", err=True)
        sys.exit(1)
    click.echo(f"check passed: {report.checked} facts, quotations and numbers verified against "
               f"{len(assembled.bundle.sources) - len(report.unchecked)} source(s)")


@main.group(short_help="Manage a brief's sources register.")
def sources() -> None:
    """Manage a brief's sources register."""


@sources.command("fetch", short_help="Archive each source's URL beside the register.")
@click.argument("path", type=BRIEF)
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Seconds to wait for each page.")
def sources_fetch(path: Path, timeout: float) -> None:
    """Archive each source with a URL beside the register; record its date and sha256."""
    from briefgen.provenance.archive import fetch_sources

    try:
        result = fetch_sources(path, timeout=timeout)
    except BriefError as exc:
        _fail(exc)
        return
    for line in result.lines:
        click.echo(line)
    if result.problems:
        _fail(BriefError(result.problems))


@main.command(short_help="Say what changed between two editions.")
@click.argument("old", type=EXISTING)
@click.argument("new", type=EXISTING)
@click.option("--json", "as_json", is_flag=True,
              help="Print the changes as a JSON list of {kind, name, old, new, text}.")
def diff(old: Path, new: Path, as_json: bool) -> None:
    """Say what changed between two editions, given their NAME.manifest.json files."""
    from briefgen.edition.changes import compare, summary_lines
    from briefgen.edition.manifest import read_manifest

    manifests: list[dict[str, Any]] = []
    for path in (old, new):
        data = read_manifest(path)
        if data is None:
            _fail(BriefError(f"{path}: not a briefgen manifest"))
            return
        manifests.append(data)
    changes = compare(manifests[0], manifests[1])
    if as_json:
        click.echo(json.dumps([c.__dict__ for c in changes], indent=2, ensure_ascii=False))
    elif not changes:
        click.echo("no changes")
    else:
        for line in summary_lines(changes, limit=10_000):
            click.echo(line)


@main.command(short_help="Build many briefs from one plan, in parallel.")
@click.argument("plan", type=EXISTING)
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Briefs built at once (processes, or dask workers).")
@click.option("-o", "--out-dir", type=click.Path(path_type=Path),
              help="Output folder for every brief of the plan (default: the plan's out_dir, "
              "relative to the plan).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="local processes, or a dask.distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="dask scheduler address (default: start a local cluster on loopback).")
@click.option("--cache-dir", type=click.Path(path_type=Path), help="Chart cache folder.")
@click.option("--no-cache", is_flag=True, help="Render every chart afresh.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def batch(plan: Path, jobs: int, out_dir: Path | None, engine: str, scheduler: str | None,
          cache_dir: Path | None, no_cache: bool, as_json: bool, quiet: bool) -> None:
    """Build every brief listed in PLAN (YAML) in parallel; exit 1 if any failed."""
    from briefgen.batch import load_plan, run_batch

    try:
        job_list = load_plan(plan, out_dir, cache_dir, not no_cache)
    except BriefError as exc:
        _fail(exc, as_json)
        return
    show = not (quiet or as_json)
    with click.progressbar(length=len(job_list), label="building", file=sys.stderr,
                           show_pos=True, hidden=not show) as bar:
        try:
            results = run_batch(job_list, jobs, engine, scheduler, lambda _r: bar.update(1))
        except BriefError as exc:
            _fail(exc, as_json)
            return
    failed = [r for r in results if not r.ok]
    if as_json:
        click.echo(json.dumps({"ok": not failed, "results": [r.__dict__ for r in results]},
                              indent=2, ensure_ascii=False))
    elif show or failed:
        width = max(len(r.name) for r in results)
        click.echo(f"{'brief'.ljust(width)}  status  seconds  outputs / problem", err=bool(failed))
        for r in results:
            detail = ", ".join(r.outputs.values()) if r.ok else r.problems[0]
            click.echo(f"{r.name.ljust(width)}  {'ok' if r.ok else 'FAILED':6}  {r.seconds:7.2f}"
                       f"  {detail}", err=bool(failed))
            for extra in r.problems[1:]:
                click.echo(f"{''.ljust(width)}                   {extra}", err=True)
        click.echo(f"{len(results) - len(failed)} built, {len(failed)} failed", err=bool(failed))
    if failed:
        sys.exit(1)


@main.command(short_help="Rebuild whenever an input changes.")
@click.argument("path", type=BRIEF)
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(list(REGISTRY)),
              help="Output format (repeatable). Default: pdf and docx.")
@click.option("-o", "--out-dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the outputs.")
@click.option("--style", metavar="NAME|FILE", help=STYLE_HELP)
@set_option
@click.option("--preview", is_flag=True,
              help="Also refresh PNG page images of the PDF after every build.")
@click.option("--pages", metavar="RANGE", help="Pages to preview, e.g. 1-3 (default: all).")
def watch(path: Path, formats: tuple[str, ...], out_dir: Path, style: str | None,
          sets: tuple[str, ...], preview: bool, pages: str | None) -> None:
    """Rebuild PATH whenever one of its inputs changes (Ctrl-C to stop)."""
    from briefgen.watching import watch_and_rebuild

    formats = formats or DEFAULT_FORMATS
    if preview and "pdf" not in formats:
        raise click.BadParameter("--preview needs the pdf format", param_hint="--preview")
    after = _previewer(out_dir / "preview", pages) if preview else None
    watch_and_rebuild(path, formats, out_dir, style, click.echo,
                      overrides=_parse_sets(sets), after=after)


def _previewer(folder: Path, pages: str | None) -> Any:
    """Return a callback that renders the built PDF's pages into FOLDER."""
    def refresh(result: Any) -> None:
        from briefgen.preview import render_pages

        try:
            written = render_pages(result.outputs["pdf"], folder, pages)
        except BriefError as exc:
            for problem in exc.problems:
                click.echo(problem.coded())
            return
        click.echo(f"previewed {len(written)} page(s) in {folder}")

    return refresh


@main.command(short_help="Write PNG images of a brief's PDF pages.")
@click.argument("path", type=BRIEF)
@click.option("--pages", metavar="RANGE", help="Pages to render, e.g. 1-3 or 1,4 (default: all).")
@click.option("-o", "--out-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the PNG files (default: beside the PDF, or out/ for a brief).")
@click.option("--dpi", type=click.IntRange(30, 600), default=110, show_default=True,
              help="Resolution of the images.")
@click.option("--style", metavar="NAME|FILE", help=STYLE_HELP)
@set_option
def preview(path: Path, pages: str | None, out_dir: Path | None, dpi: int, style: str | None,
            sets: tuple[str, ...]) -> None:
    """Write NAME-pN.png page images of PATH: a PDF, or a brief folder (built to PDF first)."""
    from briefgen.preview import render_pages

    try:
        if path.is_dir():
            from briefgen.pipeline import build as run_build

            result = run_build(path, formats=("pdf",), out_dir=out_dir or Path("out"),
                               style=style, overrides=_parse_sets(sets))
            pdf = result.outputs["pdf"]
        else:
            pdf = path
        written = render_pages(pdf, out_dir or pdf.parent, pages, dpi)
    except BriefError as exc:
        _fail(exc)
        return
    for image in written:
        click.echo(f"wrote {image}")


@main.command(short_help="Start a new brief that builds at once.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--template", type=click.Choice(["minimal", "full"]), default="minimal",
              show_default=True, help="minimal: one chart; full: one of every block type.")
@click.option("--title", help="The brief's title (default: made from the folder name).")
def init(directory: Path, template: str, title: str | None) -> None:
    """Write a starting brief into DIRECTORY: brief, registers, a CSV and a source text.

    Each YAML file starts with a `# yaml-language-server: $schema=` line, so editors with
    the YAML extension complete keys and explain them.
    """
    from briefgen.scaffold import scaffold

    try:
        written = scaffold(directory, template, title)
    except BriefError as exc:
        _fail(exc)
        return
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: briefgen validate {directory} && briefgen check {directory} && "
               f"briefgen build {directory} -o out")


@main.command(short_help="List the styles that ship with briefgen.")
def styles() -> None:
    """List the shipped styles with their page size and fonts (use with --style NAME)."""
    from briefgen.theme import find_style, load_theme

    for name in _style_names():
        theme = load_theme(find_style(name))
        click.echo(f"{name:14} {theme.page.size:6} body {theme.fonts.body}, "
                   f"headings {theme.fonts.heading}")


@main.command(short_help="Print a shell completion script.")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the completion script for SHELL.

    \b
    bash:  eval "$(briefgen completion bash)"        (in ~/.bashrc)
    zsh:   eval "$(briefgen completion zsh)"         (in ~/.zshrc)
    fish:  briefgen completion fish > ~/.config/fish/completions/briefgen.fish
    """
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    if cls is None:
        raise click.BadParameter(f"unsupported shell '{shell}'")
    click.echo(cls(main, {}, "briefgen", "_BRIEFGEN_COMPLETE").source())


@main.command(short_help="List the fonts found and the scripts they cover.")
@click.argument("path", type=EXISTING, required=False)
@click.option("--style", metavar="NAME|FILE", help=STYLE_HELP)
@click.option("--json", "as_json", is_flag=True,
              help="Print the listing as JSON (family, scripts, roles per row).")
def fonts(path: Path | None, style: str | None, as_json: bool) -> None:
    """List the font families found, the scripts each covers, and the roles that use them.

    With PATH (a brief folder), its style and its fonts/ folder are used.
    """
    from dataclasses import asdict

    from briefgen.fonts.listing import font_rows, format_rows
    from briefgen.pipeline import resolve_theme

    base = path if path is None or path.is_dir() else path.parent
    brief_style = "default"
    if base is not None and (base / "brief.yaml").exists():
        import yaml

        data = yaml.safe_load((base / "brief.yaml").read_text(encoding="utf-8")) or {}
        brief_style = str(data.get("style") or "default")
    try:
        theme, _ = resolve_theme(style, brief_style, base or Path.cwd())
    except BriefError as exc:
        _fail(exc)
        return
    chains = {role: theme.fonts.chain(role) for role in ("body", "heading", "caption", "chart")}
    rows = font_rows(chains, theme.fonts.search_folders)
    if as_json:
        click.echo(json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False))
    else:
        click.echo(format_rows(rows))
