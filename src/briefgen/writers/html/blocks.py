"""Document blocks to HTML: the one `match` over every block type, and the section outline.

Each model heading opens a <section> that runs to the next heading of the same or a higher
level, so the page's outline is the brief's; a section in a language of its own says so
(`lang`, and `dir` when the direction changes). Model levels 1-3 become <h2>-<h4>: the brief's
title is the page's only <h1>.
"""

from __future__ import annotations

from typing import assert_never

from briefgen import model as m
from briefgen.writers.html import boxes, tables
from briefgen.writers.html.inline import Context, dir_attr, esc, lang_attrs, note_id


def heading_tag(level: int) -> str:
    """Return the HTML heading element for a model heading `level` (1 → h2)."""
    return f"h{min(max(level, 1) + 1, 6)}"


def heading(block: m.Heading) -> str:
    """Return a heading whose id is the model's anchor."""
    tag = heading_tag(block.level)
    return f'<{tag} id="{esc(block.anchor)}"{dir_attr(block.text)}>{esc(block.text)}</{tag}>'


def paragraph(block: m.Paragraph, ctx: Context) -> str:
    """Return a paragraph of prose; a lead paragraph gets its own class."""
    role = ' class="lead"' if block.role == "lead" else ""
    return f"<p{role}{dir_attr(m.plain(block.runs))}>{ctx.runs(block.runs)}</p>"


def bullets(items: tuple[m.Runs, ...], ctx: Context) -> str:
    """Return a bulleted list."""
    return "<ul>\n" + "\n".join(f"<li{dir_attr(m.plain(item))}>{ctx.runs(item)}</li>"
                                for item in items) + "\n</ul>"


def recommendations(block: m.Recommendations, ctx: Context) -> str:
    """Return the numbered recommendations, each naming its actor in bold."""
    items = "\n".join(f"<li><strong>{esc(rec.actor)}.</strong> {ctx.runs(rec.runs)}</li>"
                      for rec in block.items)
    return f'<ol class="recommendations">\n{items}\n</ol>'


def endnotes(block: m.Endnotes, ctx: Context) -> str:
    """Return the endnotes as an ordered list, each linking back to its references."""
    items: list[str] = []
    for note in block.items:
        number = note.number
        targets = ctx.backlinks.get(number, [])  # an arrow to the first reference, then numbers
        back = "".join(
            f' <a href="#{target}" role="doc-backlink">'
            + ("\u21a9\ufe0e" if k == 1 else f"<sup>{k}</sup>") + "</a>"
            for k, target in enumerate(targets, start=1))
        items.append(f'<li id="{note_id(number)}" value="{number}">'
                     f"{ctx.runs(note.runs)}{back}</li>")
    return '<ol class="endnotes">\n' + "\n".join(items) + "\n</ol>"


def sources(block: m.SourceList, ctx: Context) -> str:
    """Return the bibliography as a list."""
    items = "\n".join(f"<li>{ctx.runs(entry.runs)}</li>" for entry in block.items)
    return f'<ul class="sources">\n{items}\n</ul>'


def block_html(block: m.Block, ctx: Context) -> str:
    """Return the HTML that draws `block`."""
    match block:
        case m.Heading():
            return heading(block)
        case m.Paragraph():
            return paragraph(block, ctx)
        case m.BulletList():
            return bullets(block.items, ctx)
        case m.KeyJudgments():
            return boxes.key_judgments(block, ctx)
        case m.KeyFigures():
            return boxes.key_figures(block, ctx)
        case m.Figure():
            return tables.figure(block, ctx)
        case m.Table():
            return tables.data_table(block, ctx)
        case m.Quote():
            return boxes.quote(block, ctx)
        case m.Options():
            return boxes.options(block, ctx)
        case m.Recommendations():
            return recommendations(block, ctx)
        case m.Timeline():
            return tables.timeline(block, ctx)
        case m.Callout():
            return boxes.callout(block, ctx)
        case m.Glossary():
            return tables.glossary(block, ctx)
        case m.Endnotes():
            return endnotes(block, ctx)
        case m.SourceList():
            return sources(block, ctx)
        case _:
            assert_never(block)


def body(doc: m.Document, ctx: Context) -> str:
    """Return every block of `doc` in nested sections.

    Endnotes are written after everything else has been, so each note links back to every
    reference to it, wherever the brief places the notes.
    """
    parts: list[str] = []
    brief = ctx.language = doc.meta.language
    open_levels: list[tuple[int, str]] = []  # each open section's level and language
    deferred: list[tuple[int, m.Endnotes]] = []
    for block in doc.blocks:
        if isinstance(block, m.Heading):
            while open_levels and open_levels[-1][0] >= block.level:
                open_levels.pop()
                parts.append("</section>")
            around = open_levels[-1][1] if open_levels else brief
            lang = block.lang or brief
            parts.append(f'<section aria-labelledby="{esc(block.anchor)}"'
                         f"{lang_attrs(lang, around)}>")
            open_levels.append((block.level, lang))
            ctx.level, ctx.section_title, ctx.language = block.level, block.text, lang
        if isinstance(block, m.Endnotes):
            deferred.append((len(parts), block))
            parts.append("")
            continue
        parts.append(block_html(block, ctx))
    parts += ["</section>"] * len(open_levels)
    ctx.language = brief
    for index, notes in deferred:
        parts[index] = block_html(notes, ctx)
    return "\n".join(parts)
