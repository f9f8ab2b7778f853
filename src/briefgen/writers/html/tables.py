"""Figures and tabular blocks: charts with captions, data tables, timelines and the glossary."""

from __future__ import annotations

from briefgen import model as m
from briefgen.writers.html.charts import chart
from briefgen.writers.html.inline import (
    Context,
    base_is_rtl,
    dir_attr,
    esc,
    lang_attrs,
    script_tag,
)


def _source(runs: m.Runs, ctx: Context) -> str:
    """Return a source line, or nothing when there is none."""
    return f'<p class="source">{ctx.runs(runs)}</p>' if runs else ""


def figure(block: m.Figure, ctx: Context) -> str:
    """Return a numbered <figure>: the chart, then 'Figure N: caption' and the source line."""
    art = ctx.charts.get(block.chart_id)
    caption = f"{ctx.labels.figure} {block.number}: {block.caption}"
    return (f'<figure class="chart" id="{esc(block.anchor)}">\n'
            f"{chart(art, block.alt, f'{block.anchor}-')}\n"
            f'<figcaption><p class="caption">{esc(caption)}</p>'
            f"{_source(block.source, ctx)}</figcaption>\n</figure>")


def _align(align: tuple[str, ...], column: int) -> str:
    """Return the class attribute of a cell in a right-aligned (numeric) column."""
    right = column < len(align) and align[column] == "right"
    return ' class="num"' if right else ""


def data_table(block: m.Table, ctx: Context) -> str:
    """Return a numbered <table> with a caption, column headers and aligned numbers."""
    caption = f"{ctx.labels.table} {block.number}: {block.caption}"
    head = "".join(f'<th scope="col"{_align(block.align, i)}>{esc(text)}</th>'
                   for i, text in enumerate(block.header))
    rows = "\n".join(
        "<tr>" + "".join(f"<td{_align(block.align, i)}>{ctx.runs(cell)}</td>"
                         for i, cell in enumerate(row)) + "</tr>"
        for row in block.rows)
    thead = f"<thead><tr>{head}</tr></thead>\n" if block.header else ""
    # a region that may scroll sideways on a narrow screen: focusable, named by its caption
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{esc(caption)}">\n'
            f'<table id="{esc(block.anchor)}">\n'
            f'<caption><p class="caption">{esc(caption)}</p></caption>\n'
            f"{thead}<tbody>\n{rows}\n</tbody>\n</table>\n"
            f"{_source(block.source, ctx)}\n</div>")


def timeline(block: m.Timeline, ctx: Context) -> str:
    """Return a chronology as a two-column table: each date heads its row."""
    labels = ctx.labels
    rows = "\n".join(f'<tr><th scope="row">{esc(event.date)}</th>'
                     f"<td{dir_attr(m.plain(event.runs))}>{ctx.runs(event.runs)}</td></tr>"
                     for event in block.events)
    return ('<div class="table-scroll">\n<table class="timeline">\n'
            f'<thead><tr><th scope="col">{esc(labels.date)}</th>'
            f'<th scope="col">{esc(labels.event)}</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>\n</div>")


def _native(text: str) -> str:
    """Return a native spelling tagged with its script and its direction."""
    direction = "rtl" if base_is_rtl(text) else "auto"
    return f' <span lang="{script_tag(text)}" dir="{direction}">{esc(text)}</span>'


def glossary(block: m.Glossary, ctx: Context) -> str:
    """Return the glossary as a description list; native spellings keep their direction."""
    def entry_html(entry: m.GlossaryEntry) -> str:
        own = lang_attrs(entry.lang, ctx.language)  # the term's and definition's language
        native = _native(entry.native) if entry.native else ""
        direction = "" if "dir=" in own else dir_attr(m.plain(entry.definition))
        return (f"<dt{own}>{esc(entry.term)}{native}</dt>\n"
                f"<dd{own}{direction}>{ctx.runs(entry.definition)}</dd>")

    entries = "\n".join(entry_html(entry) for entry in block.entries)
    return f'<dl class="glossary">\n{entries}\n</dl>'
