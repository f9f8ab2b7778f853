"""Document blocks to Platypus flowables: the one `match` over every block type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from briefgen import model as m
from briefgen.walk import block_languages
from briefgen.writers.pdf import boxes as boxes
from briefgen.writers.pdf import side as side
from briefgen.writers.pdf import tables as tables
from briefgen.writers.pdf.context import Context, anchor, hex_color
from briefgen.writers.pdf.shaping import ShapedParagraph


class HeadingParagraph(Paragraph):
    """A heading paragraph that the doc template turns into a TOC entry and a bookmark."""

    heading: m.Heading | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Split like a Paragraph; only the first part carries the heading."""
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts:
            parts[0].heading = self.heading
        return parts


class ShapedHeading(ShapedParagraph):
    """A heading in a complex script (an Urdu section's title): shaped, and like a
    HeadingParagraph a contents entry, a bookmark and a link destination."""

    heading: m.Heading | None = None

    def draw(self) -> None:
        """Draw the heading and define its link destination at its top."""
        if self.heading is not None:
            self.canv.bookmarkHorizontal(self.heading.anchor, 0, self.height)
        super().draw()

    @classmethod
    def of(cls, shaped: ShapedParagraph, block: m.Heading, keep_with_next: int) -> ShapedHeading:
        """Return `shaped` as the shaped heading of `block`."""
        made = object.__new__(cls)
        made.__dict__.update(shaped.__dict__)
        made.heading, made.keepWithNext = block, keep_with_next
        return made

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Split by lines; only the first part carries the heading."""
        parts = super().split(availWidth, availHeight)
        for part in parts[1:]:
            part.heading = None
        return parts


def heading(block: m.Heading, ctx: Context, before_long: bool = False,
            before_prose: bool = False) -> list[Flowable]:
    """Return a heading with its link destination; level 1 asks for room below it.

    A level-1 heading spans the text block (over the side column too). Before a long table
    (`before_long`) the heading asks for room for its first rows instead of being chained to
    the whole table, which would move the table to the next page and leave this one empty.
    Before prose (`before_prose`) it asks for room for itself and three lines of the
    paragraph, which then splits: chained to the whole paragraph it would take a long one to
    the next page and leave a quarter of this one empty.
    """
    st = ctx.styles
    style = {1: st.h1, 2: st.h2}.get(block.level, st.h3)
    flowables: list[Flowable] = []
    if before_prose:
        own = 2 * style.leading + style.spaceBefore + style.spaceAfter  # two lines, at most
        flowables.append(CondPageBreak(max(own + 3 * st.body.leading,
                                           st.body_size * 9 if block.level == 1 else 0)))
    elif block.level == 1 or before_long:
        flowables.append(CondPageBreak(st.body_size * (14 if before_long else 9)))
    paragraph: HeadingParagraph | ShapedHeading
    if ctx.needs_shaping(block.text):  # joined, ordered, right-aligned in an RTL language
        paragraph = ShapedHeading.of(ctx.shaped((m.Text(block.text),), style), block,
                                     style.keepWithNext)
    else:
        paragraph = HeadingParagraph(anchor(block.anchor) + ctx.escape(block.text), style)
        paragraph.heading = block
    if before_long or before_prose:
        paragraph.keepWithNext = 0
    flowables += ctx.wide([paragraph]) if block.level == 1 else [paragraph]
    return flowables


def bullets(items: tuple[m.Runs, ...], ctx: Context) -> list[Flowable]:
    """Return one bulleted paragraph per item."""
    st = ctx.styles
    colour = hex_color(st.colors.accent)
    return [
        ctx.para(item, st.bullet, prefix=f'<bullet><font color="{colour}">•</font></bullet>')
        for item in items
    ] + [Spacer(1, st.body_size * 0.4)]


def recommendations(block: m.Recommendations, ctx: Context) -> list[Flowable]:
    """Return numbered recommendations, each naming its actor in bold."""
    st = ctx.styles
    colour = hex_color(st.colors.accent)
    out: list[Flowable] = []
    for number, rec in enumerate(block.items, start=1):
        marker = ctx.escape(ctx.labels.number(number))
        bullet = f'<bullet><font color="{colour}"><b>{marker}</b></font></bullet>'
        actor = f"<b>{ctx.escape(rec.actor)}.</b> "
        out.append(Paragraph(bullet + actor + ctx.markup(rec.runs), st.bullet))
    out.append(Spacer(1, st.body_size * 0.4))
    return out


def endnotes(block: m.Endnotes, ctx: Context) -> list[Flowable]:
    """Return the numbered endnotes, each a link destination named note-N."""
    st = ctx.styles
    widest = max((stringWidth(f"{n.number}.", st.note.fontName, st.note.fontSize)
                  for n in block.items), default=0.0)
    style = st.note.clone("bg-note-n", leftIndent=max(st.note.leftIndent, widest + 6))
    return [
        Paragraph(f"<bullet>{note.number}.</bullet>{anchor(f'note-{note.number}')}"
                  + ctx.markup(note.runs), style)
        for note in block.items
    ]


def sources(block: m.SourceList, ctx: Context) -> list[Flowable]:
    """Return the bibliography with hanging indents."""
    st = ctx.styles
    return [Paragraph(ctx.markup(entry.runs), st.source_entry) for entry in block.items]


def block_flowables(block: m.Block, ctx: Context) -> list[Flowable]:
    """Return the flowables that draw `block`."""
    st = ctx.styles
    match block:
        case m.Heading():
            return heading(block, ctx)
        case m.Paragraph():
            return [ctx.para(block.runs, st.lead if block.role == "lead" else st.body)]
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
            return boxes.quote(block, ctx, ctx.width)
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


TEXT_BLOCKS = (m.Paragraph, m.BulletList)
LONG_BLOCKS = (m.Glossary,)  # one table that splits by row, with its header repeated


def story(blocks: Sequence[m.Block], ctx: Context) -> list[Flowable]:
    """Return the flowables of `blocks`, in order, each in the language of its section.

    On a grid with a side column, key figures and displayed quotations go to the side
    column beside the prose that follows them (or, at the end of a section, the prose
    before them).
    """
    langs = [lang for _, lang in block_languages(blocks)]

    def flowables(k: int) -> list[Flowable]:
        return block_flowables(blocks[k], ctx.speaking(langs[k]))

    out: list[Flowable] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        here = ctx.speaking(langs[i])
        if ctx.has_side and isinstance(block, side.SIDE_BLOCKS):
            j = i + 1
            while j < len(blocks) and isinstance(blocks[j], TEXT_BLOCKS):
                j += 1
            text = list(range(i + 1, j))
            if not text and i and isinstance(blocks[i - 1], TEXT_BLOCKS) and out:
                text = [i - 1]
                out = out[: -len(flowables(i - 1))]
            if text:
                main = [f for k in text for f in flowables(k)]
                out += side.beside(side.side_flowables(block, here), main, here)
                i = j
                continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, m.Heading) and isinstance(following, LONG_BLOCKS):
            out += heading(block, here, before_long=True)
        elif isinstance(block, m.Heading) and isinstance(following, m.Paragraph):
            out += heading(block, here, before_prose=True)
        else:
            out += flowables(i)
        i += 1
    return out
