"""Assemble a loaded brief into the Document model: numbering, captions and endnotes, once.

Cross-reference problems (unknown sources, facts, columns, figures) are collected across the
whole brief and raised together, so one run reports every mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefgen import model as m
from briefgen.assemble.blocks import section_blocks, sources_used
from briefgen.assemble.citations import Citer, format_date, style_path
from briefgen.assemble.context import Context, inline, prose_blocks, suggest
from briefgen.assemble.facts import resolve_facts
from briefgen.assemble.typeset import Typesetter
from briefgen.charts.data import ChartData
from briefgen.errors import BriefError, Problem
from briefgen.labels import Labels, labels_for
from briefgen.source.loader import Bundle, on_problems


@dataclass
class Assembled:
    """The assembled brief: metadata and blocks, plus the charts still to be rendered."""

    meta: m.Meta
    blocks: tuple[m.Block, ...]
    charts: dict[str, ChartData]
    bundle: Bundle
    context: Context
    labels: Labels
    theme_path: Path | None = None


# ---------------------------------------------------------------- the whole brief


def assemble(
    bundle: Bundle, look: dict[str, object], extra_front: list[m.Block] | None = None,
    first: str = "judgments", on_chart: Callable[[str, ChartData], None] | None = None,
) -> Assembled:
    """Build the document model from a loaded brief; raise BriefError listing every problem.

    `first` is what the style opens the brief with (its `front.first_page`): the summary
    comes before the key judgments when it is 'summary', so the endnotes are numbered in
    the order every format prints them. `on_chart` is told of each chart (key, data) as soon
    as it is known, before the rest of the brief is assembled or checked.
    """
    lang = bundle.brief.lang
    ctx = Context(bundle, {}, look=look, labels=labels_for(lang), lang=lang,
                  on_chart=on_chart)
    labels = ctx.labels
    _choose_style(ctx)
    _check_fact_links(ctx)
    if ctx.problems:
        raise BriefError(ctx.problems)
    try:
        ctx.resolved = resolve_facts(bundle.facts)
    except ValueError as exc:
        raise BriefError(Problem(bundle.facts_doc.display if bundle.facts_doc else "", None,
                                 "facts", str(exc))) from None
    brief = bundle.brief
    ctx.numbering.plan(brief.sections)
    for loc, dup in ctx.numbering.duplicates:
        ctx.problem(loc, f"duplicate id '{dup}' (ids of sections, charts and tables are shared)")
    blocks: list[m.Block] = list(extra_front or [])
    front = (_summary, _judgments) if first == "summary" else (_judgments, _summary)
    for part in front:  # in print order, so notes are numbered as they are read
        blocks += part(ctx)
    for i, sec in enumerate(brief.sections):
        blocks += section_blocks(sec, 1, ctx, ("sections", i))
    blocks += sources_used(ctx)
    if ctx.notes:
        blocks.append(m.Heading(1, labels.notes, ctx.anchor("notes")))
        blocks.append(m.Endnotes(tuple(m.Endnote(i + 1, r) for i, r in enumerate(ctx.notes))))
    if ctx.problems:
        raise BriefError(ctx.problems)
    typeset = Typesetter(lang)
    meta = typeset.node(m.Meta(
        title=brief.title,
        subtitle=brief.subtitle or "",
        short_title=brief.short_title or brief.title,
        authors=tuple(m.Author(a.name, a.affiliation or "") for a in brief.authors),
        organisation=brief.organisation or "",
        date=brief.date.isoformat(),
        date_text=format_date(brief.date),
        classification=brief.classification or "",
        subject=brief.subject or brief.subtitle or brief.title,
        keywords=tuple(brief.keywords),
        language=brief.lang,
        series=brief.series or "",
        series_number=brief.series_number or "",
    ))
    return Assembled(meta, typeset.blocks(blocks), ctx.charts, bundle, ctx, labels)


def _judgments(ctx: Context) -> list[m.Block]:
    """Return the key judgments under their heading (nothing if the brief has none)."""
    brief = ctx.bundle.brief
    if not brief.key_judgments:
        return []
    items = tuple(
        m.Judgment(inline(j.text, ctx, ("key_judgments", i, "text")), j.confidence)
        for i, j in enumerate(brief.key_judgments)
    )
    return [m.Heading(1, ctx.labels.key_judgments, ctx.anchor("key-judgments")),
            m.KeyJudgments("", items)]


def _summary(ctx: Context) -> list[m.Block]:
    """Return the executive summary under its heading, its first paragraph the lead."""
    brief = ctx.bundle.brief
    if not brief.summary:
        return []
    paras = prose_blocks(brief.summary, ctx, ("summary",))
    if paras and isinstance(paras[0], m.Paragraph):
        paras[0] = m.Paragraph(paras[0].runs, "lead")
    return [m.Heading(1, ctx.labels.summary, ctx.anchor("executive-summary")), *paras]


def _choose_style(ctx: Context) -> None:
    """Set the context's citation style from the brief (a style name or a .csl file)."""
    name = ctx.bundle.brief.citation_style
    if name and name.endswith(".csl"):
        path = ctx.path(name, ("citation_style",))
        if path is None:
            return
        ctx.citer = Citer(path, ctx.lang)
        return
    try:
        ctx.citer = Citer(style_path(name), ctx.lang)
    except ValueError as exc:
        ctx.problem(("citation_style",), str(exc))


def _check_fact_links(ctx: Context) -> None:
    """Report facts that name unknown sources or unknown input facts."""
    doc = ctx.bundle.facts_doc
    if doc is None:
        return
    for fid, fact in ctx.bundle.facts.items():
        loc = ctx.bundle.fact_locs[fid]
        if fact.source and fact.source not in ctx.bundle.sources:
            ctx.problems.append(doc.problem((*loc, "source"), f"unknown source '{fact.source}'"
                                            + suggest(fact.source, ctx.bundle.sources)))
        if fact.derive:
            for k, other in enumerate(fact.derive.of):
                if other not in ctx.bundle.facts:
                    ctx.problems.append(doc.problem((*loc, "derive", "of", k),
                                                    f"unknown fact '{other}'"))


@on_problems
def _problems_behind(bundle: Bundle, failed: set[str], dropped: set[str]) -> list[Problem]:
    """Assemble what loaded despite its problems, for the ones they would otherwise hide.

    References to a register that could not be read, or to blocks set aside, are left out:
    they would only repeat a problem already reported.
    """
    try:
        assemble(bundle, {})
    except BriefError as exc:
        skip = [f"unknown {k.rstrip('s')} '" for k in failed]
        skip += [f"unknown figure or table id '{d}'" for d in dropped]
        return [p for p in exc.problems if not any(s in p.message for s in skip)]
    except Exception:  # noqa: BLE001 - the problems already found are the ones to report
        return []
    return []
