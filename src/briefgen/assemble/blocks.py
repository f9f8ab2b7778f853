"""Convert each kind of brief.yaml block into document-model blocks."""

from __future__ import annotations

import difflib

from briefgen import model as m
from briefgen.assemble.citations import evidence_runs, short_name
from briefgen.assemble.context import Context, inline, prose_blocks
from briefgen.assemble.facts import Resolved, format_bare, qualifier_of
from briefgen.charts.cache import cache_key
from briefgen.charts.specs import build_chart_data, incident_rows
from briefgen.numbers import format_column, format_number
from briefgen.source.languages import same_language
from briefgen.source.schema import (
    Block,
    Chart,
    OptionSpec,
    QuoteSpec,
    Section,
    TableSpec,
    TimelineEvent,
)
from briefgen.source.tables import missing_column, parse_number
from briefgen.source.yamlfile import Loc


def section_blocks(sec: Section, level: int, ctx: Context, loc: Loc,
                   around: str = "") -> list[m.Block]:
    """Return the heading, blocks and subsections of one section.

    The section's language is its own `lang`, else that of the section `around` it ('' for
    the brief's); its heading carries it, '' when it is the brief's.
    """
    if level > 3:
        ctx.problem(loc, "sections nest at most three levels deep")
        return []
    anchor = ctx.numbering.section_anchor(sec.id, sec.title)
    lang = part_language(sec.lang, around, ctx)
    out: list[m.Block] = [m.Heading(level, sec.title, anchor, lang)]
    for j, block in enumerate(sec.blocks):
        out += convert_block(block, ctx, (*loc, "blocks", j), lang)
    for k, sub in enumerate(sec.sections):
        out += section_blocks(sub, level + 1, ctx, (*loc, "sections", k), lang)
    return out


def part_language(own: str | None, around: str, ctx: Context) -> str:
    """Return the language of a part: `own`, else `around`; '' when it is the brief's."""
    lang = own or around
    return "" if same_language(lang or ctx.lang, ctx.lang) else lang


def own_language(own: str | None, around: str, ctx: Context) -> str:
    """Return a quotation's or glossary entry's `own` language if it differs from `around`."""
    return own if own and not same_language(own, around or ctx.lang) else ""


def convert_block(block: Block, ctx: Context, loc: Loc, lang: str = "") -> list[m.Block]:
    """Convert one input block into model blocks; `lang` is its section's ('' the brief's)."""
    kind = block.kind()
    here = (*loc, kind)
    if block.text is not None:
        return prose_blocks(block.text, ctx, here)
    if block.bullets is not None:
        return [m.BulletList(tuple(inline(t, ctx, (*here, i)) for i, t in
                                   enumerate(block.bullets)))]
    if block.key_figures is not None:
        return [_key_figures(block, ctx, here)]
    if block.chart is not None:
        return _figure(block.chart, ctx, here)
    if block.table is not None:
        return _table(block.table, ctx, here)
    if block.quote is not None:
        return [_quote(block.quote, ctx, here, lang)]
    if block.options is not None:
        return [m.Options(tuple(_option(o, ctx, (*here, i), lang) for i, o in
                                enumerate(block.options)))]
    if block.recommendations is not None:
        return [m.Recommendations(tuple(
            m.Recommendation(r.actor, inline(r.text, ctx, (*here, i, "text")))
            for i, r in enumerate(block.recommendations)))]
    if block.timeline is not None:
        return [m.Timeline(tuple(_event(e, ctx, (*here, "events", i))
                                 for i, e in enumerate(block.timeline.events)))]
    if block.callout is not None:
        paras = prose_blocks(block.callout.text, ctx, (*here, "text"))
        runs = tuple(p.runs for p in paras if isinstance(p, m.Paragraph))
        return [m.Callout(block.callout.title, runs)]
    if block.glossary is not None:
        return [m.Glossary(tuple(
            m.GlossaryEntry(g.term, g.native or "", inline(g.definition, ctx, (*here, i)),
                            own_language(g.lang, lang, ctx))
            for i, g in enumerate(block.glossary)))]
    raise AssertionError(f"unhandled block kind {kind}")


def _event(event: TimelineEvent, ctx: Context, loc: Loc) -> m.Event:
    runs = inline(event.text, ctx, (*loc, "text"))
    if event.source:
        ref = ctx.cite(event.source, (*loc, "source"))
        runs = runs + ((ref,) if ref else ())
    return m.Event(event.date, runs)


def _key_figures(block: Block, ctx: Context, loc: Loc) -> m.KeyFigures:
    items = []
    for i, ref in enumerate(block.key_figures or []):
        r = ctx.fact(ref.fact, (*loc, i, "fact"))
        if r is None:
            continue
        value = format_bare(r, ctx.lang)
        unit_words = r.fact.unit.split()
        if unit_words and unit_words[0] in ("thousand", "million", "billion"):
            value += f" {unit_words[0]}"  # '1.7 million', not a bare '1.7'
        elif r.fact.unit and r.fact.unit != "%" and len(r.fact.unit) <= 3:
            value += f" {r.fact.unit}"
        note = ctx.cite_fact(ref.fact, (*loc, i, "fact"))
        source = _source_name(r, ctx)
        runs: m.Runs = (m.Text(source),) + ((note,) if note else ())
        label = ref.label or r.fact.label or r.id
        items.append(m.KeyFigure(value, qualifier_of(r), label, runs))
    return m.KeyFigures(tuple(items))


def _source_name(r: Resolved, ctx: Context) -> str:
    if r.computed or r.fact.source is None:
        return ctx.labels.computed
    src = ctx.bundle.sources.get(r.fact.source)
    return short_name(src) if src else ""


def _source_line(ids: list[str], ctx: Context, loc: Loc, note: str | None) -> m.Runs:
    """'Source: DW, 31 January 2023.¹' — every source named and cited."""
    runs: list[m.Inline] = [m.Text("Sources: " if len(ids) > 1 else "Source: ")]
    for k, sid in enumerate(ids):
        src = ctx.bundle.sources.get(sid)
        ref = ctx.cite(sid, loc)
        if src is None or ref is None:
            continue
        runs.append(m.Text(("; " if k else "") + short_name(src)))
        runs.append(ref)
    runs.append(m.Text("."))
    if note:
        runs.append(m.Text(f" Note: {note.strip()}"))
    return tuple(runs)


def _ids(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _figure(spec: Chart, ctx: Context, loc: Loc) -> list[m.Block]:
    target = ctx.numbering.at[loc]
    data = build_chart_data(spec, ctx, loc)
    if spec.data is not None and spec.incidents is None:
        ctx.csv_charts.append((loc, spec))
        found = ctx.csv(spec.data, (*loc, "data")) if spec.labels and data is not None else None
        if found is not None:
            _check_labels(spec.labels or {}, list(found[0].columns), found[1], ctx, loc)
    source = _source_line(_ids(spec.source), ctx, (*loc, "source"), spec.note)
    if data is None:
        return []
    key = cache_key(data, ctx.look)
    ctx.charts[key] = data
    if ctx.on_chart is not None:  # the build starts drawing it while the rest is assembled
        ctx.on_chart(key, data)
    alt = data.alt_text(spec.alt or "")
    return [m.Figure(target.number, target.anchor, spec.title, key, alt, source)]


MAX_TABLE_ROWS = 500


def _table(spec: TableSpec, ctx: Context, loc: Loc) -> list[m.Block]:
    target = ctx.numbering.at[loc]
    labels = spec.labels or {}
    rows: tuple[tuple[m.Runs, ...], ...]
    if spec.incidents is not None and spec.data is not None:
        agg = incident_rows(spec.data, spec.incidents, ctx, loc)
        if agg is None:
            return []
        columns = list(agg.columns)
        _check_labels(labels, columns, "the aggregated table", ctx, loc)
        labels = {c: c.replace("_", " ").capitalize() for c in columns} | labels
        raw_rows = [[format_number(v, lang=ctx.lang) if isinstance(v, int) else str(v) for v in row]
                    for row in agg.rows]
        rows = tuple(tuple((m.Text(c),) for c in row) for row in raw_rows)
    elif spec.data is not None:
        found = ctx.csv(spec.data, (*loc, "data"))
        if found is None:
            return []
        table, shown = found
        columns = spec.columns or list(table.columns)
        bad = [msg for c in columns if (msg := missing_column(c, table, shown))]
        for msg in bad:
            ctx.problem((*loc, "columns"), msg, msg.split("'")[1])
        bad_labels = _check_labels(labels, list(table.columns), shown, ctx, loc)
        if bad or bad_labels:
            return []
        raw_rows = [[row[table.columns.index(c)] for c in columns] for row in table.rows]
        shown_cols = [format_column([r[k] for r in raw_rows], ctx.lang)
                      for k in range(len(columns))]
        rows = tuple(tuple((m.Text(col[i]),) for col in shown_cols)
                     for i in range(len(raw_rows)))
    else:
        columns = [str(c) for c in spec.columns or []]
        raw_rows = [[_cell(c, ctx, (*loc, "rows", i, j)) for j, c in enumerate(row)]
                    for i, row in enumerate(spec.rows or [])]
        for i, row in enumerate(raw_rows):
            if len(row) != len(columns):
                ctx.problem((*loc, "rows", i), f"row has {len(row)} cells, expected "
                            f"{len(columns)} (columns: {', '.join(columns)})")
        _check_labels(labels, columns, "the table's columns", ctx, loc)
        rows = tuple(tuple(inline(c, ctx, (*loc, "rows", i)) for c in row)
                     for i, row in enumerate(raw_rows))
    if not columns:
        ctx.problem((*loc, "columns"), "a table needs at least one column")
        return []
    if len(raw_rows) > MAX_TABLE_ROWS:
        ctx.problem((*loc, "data"), f"the table has {len(raw_rows):,} rows; a brief prints at "
                    f"most {MAX_TABLE_ROWS} (aggregate it with 'incidents:' or choose rows)")
        return []
    align = tuple(
        "right" if all(parse_number(r[k]) is not None for r in raw_rows if k < len(r) and r[k])
        and any(r[k] for r in raw_rows if k < len(r)) else "left"
        for k in range(len(columns))
    )
    source = _source_line(_ids(spec.source), ctx, (*loc, "source"), spec.note) if spec.source \
        else ((m.Text(f"Note: {spec.note}"),) if spec.note else ())
    header = tuple(labels.get(c, c) for c in columns)
    return [m.Table(target.number, target.anchor, spec.title, header, rows, align, source)]


def _cell(value: object, ctx: Context, loc: Loc) -> str:
    """An inline table cell as written (`0123` and `1.10` keep their digits)."""
    if isinstance(value, str):
        return value
    return ctx.bundle.brief_doc.raw.get(loc, str(value))


def _check_labels(labels: dict[str, str], columns: list[str], where: str, ctx: Context,
                  loc: Loc) -> bool:
    """Report every `labels:` key that names no column; True if there was one."""
    bad = False
    for name in labels:
        if name not in columns:
            close = difflib.get_close_matches(name, columns, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            ctx.problem((*loc, "labels", name), f"label for column '{name}', which is not in "
                        f"{where} (columns: {', '.join(columns)}){hint}")
            bad = True
    return bad


def _quote(spec: QuoteSpec, ctx: Context, loc: Loc, lang: str = "") -> m.Quote:
    ctx.quotes.append((loc, spec))
    who = spec.speaker + (f", {spec.role}" if spec.role else "")
    src = ctx.bundle.sources.get(spec.source)
    ref = ctx.cite(spec.source, (*loc, "source"))
    via = f" ({ctx.labels.quoted_in} {short_name(src)})" if src else ""
    attribution: m.Runs = (m.Text(f"{who}{via}"),) + ((ref,) if ref else ())
    text = spec.text.strip()
    if not (text[:1] in "\"“‘«„'" and text[-1:] in "\"”’»“'"):
        text = f'"{text}"'  # the quotation marks travel with the text (typeset by language)
    return m.Quote((m.Text(text),), attribution, own_language(spec.lang, lang, ctx))


def _option(spec: OptionSpec, ctx: Context, loc: Loc, lang: str = "") -> m.Option:
    def items(values: list[str], key: str) -> tuple[m.Runs, ...]:
        return tuple(inline(v, ctx, (*loc, key, i)) for i, v in enumerate(values))

    return m.Option(
        name=spec.name,
        summary=inline(spec.summary, ctx, (*loc, "summary")),
        advocates=items(spec.advocates, "advocates"),
        pros=items(spec.for_, "for"),
        cons=items(spec.against, "against"),
        risks=items(spec.risks, "risks"),
        record=inline(spec.record, ctx, (*loc, "record")) if spec.record else (),
        quotes=tuple(_quote(q, ctx, (*loc, "quotes", i), lang)
                     for i, q in enumerate(spec.quotes)),
    )


def sources_used(ctx: Context) -> list[m.Block]:
    """The bibliography in the style's form, sorted; then the method appendix if asked for."""
    if not ctx.bundle.sources:
        return []
    entries = sorted((m.SourceEntry(s.id, ctx.citer.entry(s)) for s in
                      ctx.bundle.sources.values()), key=lambda e: m.plain(e.runs).casefold())
    out: list[m.Block] = [m.Heading(1, ctx.labels.sources, ctx.anchor("sources")),
                          m.SourceList(tuple(entries))]
    if ctx.bundle.brief.method_appendix:
        words = {k: getattr(ctx.labels, k) for k in ("local_copy", "retrieved", "date_note",
                                                     "no_author")}
        trail = tuple(m.SourceEntry(s.id, runs) for s in ctx.bundle.sources.values()
                      if (runs := evidence_runs(s, words)))
        out += [m.Heading(1, ctx.labels.method, ctx.anchor("method-and-sources")),
                m.Paragraph((m.Text(ctx.labels.method_intro),))]
        out += [m.SourceList(trail)] if trail else []
    return out
