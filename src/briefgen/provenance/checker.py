"""Run every provenance check on an assembled brief and collect the claims and problems."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefgen.assemble.document import Assembled
from briefgen.assemble.facts import describe_computation, fact_sources, format_value
from briefgen.provenance.claims import Claim
from briefgen.provenance.prose import ProseCheck
from briefgen.provenance.qualifiers import period_problem, qualifier_problem
from briefgen.provenance.report import Report
from briefgen.provenance.strands import one_strand, overlaps, strands
from briefgen.provenance.texts import (
    SourceTexts,
    archive_copy,
    load_texts,
    normalise,
    passage,
    sha256_text,
    value_forms,
    value_in_quote,
)
from briefgen.source.schema import Block, Section
from briefgen.source.tables import parse_number, read_csv
from briefgen.source.yamlfile import Loc


def check_provenance(assembled: Assembled, sources_dir: Path | None) -> Report:
    """Run every provenance check on an assembled brief."""
    bundle, ctx = assembled.bundle, assembled.context
    report = Report()
    folders = [sources_dir] if sources_dir else []
    folders += [bundle.root, *bundle.roots]
    register = bundle.sources_doc.path.parent if bundle.sources_doc else None
    texts = load_texts(bundle.sources, folders, register)
    for sid, why in texts.missing.items():
        report.unchecked.append(f"source '{sid}': unchecked ({why})")
    _check_archive_hashes(assembled, texts, report)
    sdoc = bundle.sources_doc
    for sid in bundle.sources:
        if sid not in ctx.used_sources and sdoc is not None:
            report.failures.append(sdoc.problem((*bundle.source_locs[sid], "id"),
                                                f"source '{sid}' is never cited"))
    found = overlaps(texts.texts)
    report.strands = strands(found)
    for o in found:
        if o.heavy():
            report.warnings.append(f"sources '{o.a}' and '{o.b}' are one strand of evidence: "
                                   f"their texts overlap heavily ({o.describe()})")
    _check_facts(assembled, texts, report)
    _check_chart_data(assembled, report)
    _check_quotes(assembled, texts, report)
    _check_fact_charts(assembled, report)
    prose = ProseCheck(assembled, texts, report)
    prose.run()
    _check_events(assembled, prose)
    _list_dependents(texts, report)
    return report


def _check_events(assembled: Assembled, prose: ProseCheck) -> None:
    """Check each dated event (timeline block or timeline chart) against its source."""
    for loc, block in blocks(assembled.bundle.brief.sections):
        if block.timeline is not None:
            for k, event in enumerate(block.timeline.events):
                if event.source:
                    prose.event((*loc, "timeline", "events", k), event, (event.source,))
        if block.chart is not None and block.chart.events:
            chart = block.chart.source
            ids = (chart,) if isinstance(chart, str) else tuple(chart)
            for k, event in enumerate(block.chart.events):
                prose.event((*loc, "chart", "events", k), event,
                            (event.source,) if event.source else ids)


def _check_archive_hashes(assembled: Assembled, texts: SourceTexts, report: Report) -> None:
    """Warn when a source's local text differs from the one archived (its recorded sha256)."""
    bundle = assembled.bundle
    register = bundle.sources_doc.path.parent if bundle.sources_doc else None
    for sid, source in bundle.sources.items():
        path = archive_copy(source, register) or texts.paths.get(sid)
        if source.sha256 and path is not None and sha256_text(path) != source.sha256:
            when = f" on {source.retrieved.isoformat()}" if source.retrieved else ""
            report.warnings.append(f"source '{sid}': the text of {path.name} has changed since "
                                   f"it was archived{when} (sha256 differs)")


def _check_facts(assembled: Assembled, texts: SourceTexts, report: Report) -> None:
    bundle = assembled.bundle
    doc = bundle.facts_doc
    if doc is None:
        return
    resolved = assembled.context.resolved
    for fid, fact in bundle.facts.items():
        loc = bundle.fact_locs[fid]
        at = doc.problem(loc, "")
        claim = Claim("fact", f"{at.file}:{at.line}", at.field, fid)

        def fail(key: str, message: str, claim: Claim = claim, loc: Loc = loc) -> None:
            claim.fail(message)
            report.failures.append(doc.problem((*loc, key), message))

        if fact.derive is not None:
            r = resolved.get(fid)
            if r is None:
                continue
            ids = tuple(dict.fromkeys(fact_sources(r, resolved)))
            claim.text = f"{fid}: {format_value(r)} — {describe_computation(r, resolved)}"
            claim.sources = ids
            report.add(claim)
            if any(s in texts.missing for s in ids):
                claim.verdict = "unchecked"
            if report.strands and one_strand(ids, report.strands):
                names = " and ".join(f"'{s}'" for s in ids)
                fail("derive", f"fact '{fid}' is computed from {names} as separate accounts, "
                     "but their texts overlap heavily (one strand of evidence)")
            continue
        assert fact.source is not None
        r = resolved.get(fid)
        shown = format_value(r) if r else f"{fact.value}"
        period = f" ({fact.period})" if fact.period else ""
        claim.text = f"{fid}: {shown}{period}" + (f" — “{fact.quote}”" if fact.quote else "")
        claim.sources = (fact.source,)
        report.add(claim)
        if not fact.quote:
            fail("quote", f"fact '{fid}' has no supporting quote")
            continue
        if not value_in_quote(fact, fact.quote):
            forms = " or ".join(f"'{f}'" for f in value_forms(fact))
            fail("quote", f"value {forms} of fact '{fid}' is not in its quote")
        message = qualifier_problem(fact)
        if message:
            fail("qualifier", message)
        text = texts.texts.get(fact.source)
        message = period_problem(fact, bundle.sources.get(fact.source), text)
        if message:
            fail("period", message)
        if text is None:
            claim.verdict = "unchecked" if claim.verdict == "pass" else claim.verdict
            continue
        report.checked += 1
        quote = normalise(fact.quote)
        at_quote = text.find(quote)
        source = bundle.sources[fact.source]
        claim.source = texts.name(fact.source, source)
        if at_quote < 0:
            fail("quote", f"quote of fact '{fid}' not found in {texts.name(fact.source, source)}"
                 f" (source '{fact.source}')")
        else:
            claim.passage = passage(text, at_quote, at_quote + len(quote))


def _check_chart_data(assembled: Assembled, report: Report) -> None:
    """Every number in a chart's CSV must be the value of a fact from the chart's sources."""
    bundle, ctx = assembled.bundle, assembled.context
    for loc, spec in ctx.csv_charts:
        assert spec.data is not None and spec.y is not None
        path = bundle.resolve(spec.data)
        if path is None or not path.is_file():
            continue
        table = read_csv(path)
        sources = {spec.source} if isinstance(spec.source, str) else set(spec.source)
        values = {
            r.value for r in ctx.resolved.values()
            if sources & set(fact_sources(r, ctx.resolved))
        }
        for column in [spec.y] if isinstance(spec.y, str) else spec.y:
            if column not in table.columns:
                continue
            for row, raw in enumerate(table.column(column), start=2):
                value = parse_number(raw)
                if value is None:
                    continue
                report.checked += 1
                if value not in values:
                    report.failures.append(bundle.brief_doc.problem(
                        (*loc, "data"), f"{bundle.display(path)}:{row}: value {raw} in column "
                        f"'{column}' is not a fact of source {', '.join(sorted(sources))}"))


def _check_quotes(assembled: Assembled, texts: SourceTexts, report: Report) -> None:
    brief_doc = assembled.bundle.brief_doc
    for loc, spec in assembled.context.quotes:
        at = brief_doc.problem((*loc, "text"), "")
        claim = report.add(Claim("quote", f"{at.file}:{at.line}", at.field,
                                 f"“{spec.text.strip()}” ({spec.speaker})", (spec.source,)))
        text = texts.texts.get(spec.source)
        if text is None:
            claim.verdict = "unchecked"
            continue
        report.checked += 1
        quote = normalise(spec.text)
        index = text.find(quote)
        source = assembled.bundle.sources[spec.source]
        claim.source = texts.name(spec.source, source)
        if index < 0:
            message = (f"quotation of {spec.speaker} not found in "
                       f"{texts.name(spec.source, source)} (source '{spec.source}')")
            claim.fail(message)
            report.failures.append(brief_doc.problem((*loc, "text"), message))
        else:
            claim.passage = passage(text, index, index + len(quote))


def blocks(sections: list[Section], loc: Loc = ("sections",)) -> Iterator[tuple[Loc, Block]]:
    """Every block of the brief, with its location."""
    for i, sec in enumerate(sections):
        for j, block in enumerate(sec.blocks):
            yield (*loc, i, "blocks", j), block
        yield from blocks(sec.sections, (*loc, i, "sections"))


def _check_fact_charts(assembled: Assembled, report: Report) -> None:
    """Fail a chart whose facts come from two sources of one strand."""
    if not report.strands:
        return
    bundle, resolved = assembled.bundle, assembled.context.resolved
    for at_block, block in blocks(bundle.brief.sections):
        chart, loc = block.chart, (*at_block, "chart")
        if chart is None or not chart.facts:
            continue
        ids = tuple(dict.fromkeys(s for ref in chart.facts or [] if ref.fact in resolved
                                  for s in fact_sources(resolved[ref.fact], resolved)))
        for group in report.strands:
            both = tuple(s for s in ids if s in group)
            if len(both) < 2:
                continue
            at = bundle.brief_doc.problem((*loc, "facts"), "")
            claim = report.add(Claim("corroboration", f"{at.file}:{at.line}", at.field,
                                     f"chart “{chart.title}”", both))
            names = " and ".join(f"'{s}'" for s in both)
            message = (f"chart “{chart.title}” shows facts from {names} as separate accounts, "
                       "but their texts overlap heavily (one strand of evidence)")
            claim.fail(message)
            report.failures.append(bundle.brief_doc.problem((*loc, "facts"), message))


def _list_dependents(texts: SourceTexts, report: Report) -> None:
    """Name every claim that rests on a source with no local copy."""
    for sid, why in texts.missing.items():
        for claim in report.claims:
            if sid in claim.sources and claim.kind != "own":
                what = {"fact": "fact", "quote": "quotation", "quotation": "quotation",
                        "number": "number", "citation": "sentence"}.get(claim.kind, claim.kind)
                text = claim.text if len(claim.text) <= 80 else claim.text[:77] + "…"
                report.dependents.append(
                    f"{claim.where}: {claim.key}: {what} {text} rests on source '{sid}', "
                    f"unchecked ({why})")
