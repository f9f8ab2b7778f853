"""Assembly state and prose: the Context every block converter shares, prose to runs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefgen import model as m
from briefgen.assemble.citations import Citer, short_name
from briefgen.assemble.facts import Resolved, describe_computation, fact_sources, format_value
from briefgen.assemble.numbering import Numbering
from briefgen.assemble.typeset import merge_runs
from briefgen.charts.data import ChartData
from briefgen.errors import BriefError, Problem
from briefgen.labels import Labels
from briefgen.source.loader import Bundle
from briefgen.source.prose import (
    ProseError,
    ProseList,
    ProsePara,
    TCite,
    TFact,
    TLink,
    Token,
    TRef,
    TText,
    TUnsourced,
    expand_own,
    parse_inline,
    parse_prose,
)
from briefgen.source.schema import Chart, QuoteSpec
from briefgen.source.tables import CsvTable, read_csv
from briefgen.source.yamlfile import Loc

log = logging.getLogger("briefgen")


@dataclass
class Context:
    """State shared while assembling: problems, endnotes, numbering and anchors."""

    bundle: Bundle
    resolved: dict[str, Resolved]
    problems: list[Problem] = field(default_factory=list)
    notes: list[m.Runs] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)  # sources given a full note already
    citer: Citer = field(default_factory=Citer)
    lang: str = "en-GB"
    numbering: Numbering = field(default_factory=Numbering)
    labels: Labels = field(default_factory=Labels)
    charts: dict[str, ChartData] = field(default_factory=dict)
    on_chart: Callable[[str, ChartData], None] | None = None  # each chart as it is found
    look: dict[str, object] = field(default_factory=dict)
    prose: list[tuple[Loc, tuple[Token, ...]]] = field(default_factory=list)
    quotes: list[tuple[Loc, QuoteSpec]] = field(default_factory=list)
    csv_charts: list[tuple[Loc, Chart]] = field(default_factory=list)
    used_sources: set[str] = field(default_factory=set)
    used_facts: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    def problem(self, loc: Loc, message: str, needle: str | None = None) -> None:
        """Record a problem in brief.yaml at `loc` (or at the line there that holds `needle`)."""
        self.problems.append(self.bundle.brief_doc.problem(loc, message, needle))

    def path(self, rel: str, loc: Loc) -> Path | None:
        """Resolve a data file named in the brief, inside the allowed folders, and record it."""
        path = self.bundle.resolve(rel)
        if path is None:
            self.problem(loc, f"path '{rel}' is outside the brief folder and its data_roots")
            return None
        if not path.exists():
            self.problem(loc, f"file not found: {self.bundle.display(path)}")
            return None
        if not path.is_file():
            kind = "a folder" if path.is_dir() else "not a regular file"
            self.problem(loc, f"{self.bundle.display(path)} is {kind}; expected a CSV file")
            return None
        cap = self.bundle.limits.max_data_bytes
        if cap is not None and path.stat().st_size > cap:
            self.problem(loc, f"{self.bundle.display(path)} is {path.stat().st_size:,} bytes, "
                         f"larger than the limit of {cap:,} for an untrusted brief")
            return None
        if path not in self.bundle.files:
            self.bundle.files.append(path)
        return path

    def csv(self, rel: str, loc: Loc) -> tuple[CsvTable, str] | None:
        """Read a small CSV named in the brief; its problems are reported at `loc`."""
        path = self.path(rel, loc)
        if path is None:
            return None
        shown = self.bundle.display(path)
        try:
            return read_csv(path, shown, self.bundle.limits.max_bytes), shown
        except BriefError as exc:  # the file's own problems, reported once, at its lines
            for p in exc.problems:
                if p not in self.problems:
                    self.problems.append(p)
            return None

    def warn(self, loc: Loc, message: str) -> None:
        """Report something that does not stop the build (printed on stderr, and kept)."""
        text = str(self.bundle.brief_doc.problem(loc, message))
        self.warnings.append(text)
        log.warning("warning: %s", text)

    def anchor(self, text: str) -> str:
        """Return a unique anchor for `text` (see Numbering)."""
        return self.numbering.anchor(text)

    def cite(self, source_id: str, loc: Loc, extra: m.Runs = ()) -> m.NoteRef | None:
        """Add an endnote citing `source_id` (in full the first time, short later); return it."""
        source = self.bundle.sources.get(source_id)
        if source is None:
            self.problem(loc, f"unknown source '{source_id}'"
                         + suggest(source_id, self.bundle.sources), f"@{source_id}")
            return None
        self.used_sources.add(source_id)
        first = source_id not in self.cited
        self.cited.add(source_id)
        runs = self.citer.note(source) if first else self.citer.short(source)
        return self._note(runs + extra)

    def _note(self, runs: m.Runs) -> m.NoteRef:
        """Add an endnote with this text and return its marker; every citation has its own."""
        self.notes.append(runs)
        return m.note_ref(len(self.notes))

    def cite_fact(self, fact_id: str, loc: Loc) -> m.NoteRef | None:
        """Add an endnote giving a fact's source and supporting quote (or its computation)."""
        r = self.resolved.get(fact_id)
        if r is None:
            self.problem(loc, f"unknown fact '{fact_id}'" + suggest(fact_id, self.resolved),
                         fact_id)
            return None
        self.used_facts.add(fact_id)
        if r.computed:
            text = describe_computation(r, self.resolved, self.lang)
            srcs = sorted({s for s in fact_sources(r, self.resolved)})
            self.used_sources.update(srcs)
            names = "; ".join(
                short_name(self.bundle.sources[s]) for s in srcs if s in self.bundle.sources
            )
            return self._note((m.Text(f"{text} {self.labels.inputs_from}: {names}."),))
        assert r.fact.source is not None
        quote = (m.Text(f' {self.labels.supporting}: "{r.fact.quote.strip()}"'),) \
            if r.fact.quote else ()
        return self.cite(r.fact.source, loc, quote)

    def fact(self, fact_id: str, loc: Loc) -> Resolved | None:
        """Return a resolved fact or report it as unknown."""
        r = self.resolved.get(fact_id)
        if r is None:
            self.problem(loc, f"unknown fact '{fact_id}'" + suggest(fact_id, self.resolved),
                         fact_id)
        return r


def safe_url(url: str) -> bool:
    """True for a link a reader may follow: http, https or mailto, with something after it."""
    from briefgen.source.validation import safe_link

    return safe_link(url)


def suggest(name: str, known: Iterable[str]) -> str:
    """Return " (did you mean 'X'?)" for the closest known name, or nothing."""
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# ---------------------------------------------------------------- prose → runs


def token_runs(tokens: tuple[Token, ...], ctx: Context, loc: Loc) -> m.Runs:
    """Convert parsed prose tokens to model runs, allocating endnotes in reading order."""
    ctx.prose.append((loc, tokens))
    runs: list[m.Inline] = []
    for tok in expand_own(tokens):  # the brief's own claims print as plain prose
        match tok:
            case TText():
                runs.append(m.Text(tok.text, tok.bold, tok.italic))
            case TUnsourced():
                runs.append(m.Text(tok.text, tok.bold, tok.italic))
            case TLink():
                if safe_url(tok.url):
                    runs.append(m.Link(tok.text, tok.url, tok.bold, tok.italic))
                else:
                    ctx.warn(loc, f"link '{tok.url}' is not http, https or mailto; "
                             "printed as text, not a link")
                    runs.append(m.Text(tok.text, tok.bold, tok.italic))
            case TCite():
                if runs and isinstance(runs[-1], m.Text):
                    runs[-1] = m.Text(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
                refs = [ref for sid in dict.fromkeys(tok.ids) if (ref := ctx.cite(sid, loc))]
                if refs:  # one marker for the group; typeset places it at the clause end
                    runs.append(m.note_ref(*(n for ref in refs for n in ref.numbers)))
            case TFact():
                r = ctx.fact(tok.id, loc)
                if r is None:
                    continue
                if tok.form not in ("full", "short"):
                    ctx.problem(loc, f"unknown fact form '{tok.form}' (use full or short)")
                runs.append(m.Text(format_value(r, with_unit=tok.form != "short",
                                                lang=ctx.lang)))
                ref = ctx.cite_fact(tok.id, loc)
                if ref:
                    runs.append(ref)
            case TRef():
                target = ctx.numbering.targets.get(tok.id)
                if target is None:
                    ctx.problem(loc, f"unknown figure or table id '{tok.id}'"
                                + suggest(tok.id, ctx.numbering.targets), f"ref:{tok.id}")
                    continue
                runs.append(m.XRef(target.kind, target.number, target.anchor,
                                          getattr(ctx.labels, target.kind)))
    return merge_runs(runs)


def inline(text: str, ctx: Context, loc: Loc) -> m.Runs:
    """Parse one line of prose into runs, reporting markup problems."""
    try:
        tokens = parse_inline(text)
    except ProseError as exc:
        ctx.problem(loc, str(exc), text.split("\n")[0][:40])
        return (m.Text(text),)
    return token_runs(tokens, ctx, loc)


def prose_blocks(text: str, ctx: Context, loc: Loc, role: str = "body") -> list[m.Block]:
    """Parse multi-paragraph prose into Paragraph and BulletList blocks."""
    try:
        parsed = parse_prose(text)
    except ProseError as exc:
        ctx.problem(loc, str(exc))
        return [m.Paragraph((m.Text(text),))]
    out: list[m.Block] = []
    for block in parsed:
        if isinstance(block, ProsePara):
            out.append(m.Paragraph(token_runs(block.tokens, ctx, loc), role))
        elif isinstance(block, ProseList):
            out.append(m.BulletList(tuple(token_runs(i, ctx, loc) for i in block.items)))
    return out


