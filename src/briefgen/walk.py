"""Walk a Document: every user-visible text with the node that holds it, in reading order.

One exhaustive `match` over the node types (`assert_never` makes the type checker name a node
type added to the model and forgotten here), so every check that reads text — glyph
coverage, language, quotation marks — sees the same texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import assert_never

from briefgen import model as m

Node = m.Block | m.Inline | m.Meta | m.Author | m.Judgment | m.KeyFigure | m.Option | \
    m.Recommendation | m.Event | m.GlossaryEntry | m.Endnote | m.SourceEntry


@dataclass(frozen=True)
class Found:
    """A text, the node that holds it, and the node's field it came from."""

    text: str
    node: Node
    field: str


def texts(doc: m.Document) -> Iterator[Found]:
    """Yield every non-empty user-visible text of `doc`: metadata first, then every block."""
    yield from meta_texts(doc.meta)
    for block in doc.blocks:
        yield from block_texts(block)


def block_languages(blocks: Iterable[m.Block]) -> Iterator[tuple[m.Block, str]]:
    """Yield each block with the language of its section ('' for the brief's language).

    A heading carries its section's language, decided in assemble (the section's own or
    inherited from the section around it), so a block is in the language of the last
    heading before it; blocks before the first heading are in the brief's.
    """
    lang = ""
    for block in blocks:
        if isinstance(block, m.Heading):
            lang = block.lang
        yield block, lang


def meta_texts(meta: m.Meta) -> Iterator[Found]:
    """Yield the printed metadata: title, subtitle, marking, authors, keywords."""
    for name in ("title", "subtitle", "short_title", "organisation", "date_text",
                 "classification", "subject"):
        yield from _one(getattr(meta, name), meta, name)
    for keyword in meta.keywords:
        yield from _one(keyword, meta, "keywords")
    for author in meta.authors:
        yield from _one(author.name, author, "name")
        yield from _one(author.affiliation, author, "affiliation")


def run_texts(runs: m.Runs) -> Iterator[Found]:
    """Yield the text of each inline run (note references print their number)."""
    for run in runs:
        match run:
            case m.Text() | m.Link():
                yield from _one(run.text, run, "text")
            case m.NoteRef():
                yield Found(run.text, run, "number")
            case m.XRef():
                yield Found(run.text, run, "label")
            case _:
                assert_never(run)


def block_texts(block: m.Block) -> Iterator[Found]:
    """Yield every text of one block, nested items and quotations included."""
    match block:
        case m.Heading():
            yield from _one(block.text, block, "text")
        case m.Paragraph():
            yield from run_texts(block.runs)
        case m.BulletList():
            for item in block.items:
                yield from run_texts(item)
        case m.KeyJudgments():
            yield from _one(block.title, block, "title")
            for judgment in block.items:
                yield from run_texts(judgment.runs)
                yield from _one(judgment.confidence, judgment, "confidence")
        case m.KeyFigures():
            for fig in block.items:
                for name in ("value", "qualifier", "label"):
                    yield from _one(getattr(fig, name), fig, name)
                yield from run_texts(fig.source)
        case m.Figure():
            yield from _one(block.caption, block, "caption")
            yield from _one(block.alt, block, "alt")
            yield from run_texts(block.source)
        case m.Table():
            yield from _one(block.caption, block, "caption")
            for head in block.header:
                yield from _one(head, block, "header")
            for row in block.rows:
                for cell in row:
                    yield from run_texts(cell)
            yield from run_texts(block.source)
        case m.Quote():
            yield from run_texts(block.runs)
            yield from run_texts(block.attribution)
        case m.Options():
            for option in block.items:
                yield from _one(option.name, option, "name")
                for runs in (option.summary, option.record, *option.advocates, *option.pros,
                             *option.cons, *option.risks):
                    yield from run_texts(runs)
                for quote in option.quotes:
                    yield from block_texts(quote)
        case m.Recommendations():
            for rec in block.items:
                yield from _one(rec.actor, rec, "actor")
                yield from run_texts(rec.runs)
        case m.Timeline():
            for event in block.events:
                yield from _one(event.date, event, "date")
                yield from run_texts(event.runs)
        case m.Callout():
            yield from _one(block.title, block, "title")
            for para in block.paragraphs:
                yield from run_texts(para)
        case m.Glossary():
            for entry in block.entries:
                yield from _one(entry.term, entry, "term")
                yield from _one(entry.native, entry, "native")
                yield from run_texts(entry.definition)
        case m.Endnotes():
            for note in block.items:
                yield from run_texts(note.runs)
        case m.SourceList():
            for source in block.items:
                yield from run_texts(source.runs)
        case _:
            assert_never(block)


def _one(text: str, node: Node, name: str) -> Iterator[Found]:
    if text:
        yield Found(text, node, name)
