"""Glyph coverage: find user text that none of the configured fonts can draw.

Both writers embed the theme's body and heading families plus an Arabic-script fallback
(Noto Sans Arabic, from the `fontpkg-noto-sans-arabic` package). A character outside all
of them prints as an empty box, so the build reports it instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from briefgen import model as m
from briefgen.fonts import family_files
from briefgen.theme import Theme

ARABIC_FAMILY = "Noto Sans Arabic"

# Characters that never need a glyph: line breaks, tabs, joiners and other format marks.
_NO_GLYPH_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def arabic_font_path() -> Path | None:
    """Return the Arabic-script fallback font file, or None when its package is missing."""
    try:
        import fontpkg_noto_sans_arabic as pkg
    except ImportError:
        return None
    files = sorted(Path(pkg.ROOT, "files").glob("*.ttf"))
    return files[0] if files else None


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def covered_codepoints(theme: Theme) -> frozenset[int]:
    """Return every code point that some configured font (any face) can draw."""
    paths: list[Path] = []
    for family in dict.fromkeys((theme.fonts.body, theme.fonts.heading)):
        files = family_files(family)
        paths += [files.regular, files.bold, files.italic, files.bold_italic]
    arabic = arabic_font_path()
    if arabic is not None:
        paths.append(arabic)
    covered: set[int] = set()
    for path in paths:
        covered |= _cmap(path)
    return frozenset(covered)


def _runs_text(runs: m.Runs) -> Iterator[str]:
    for run in runs:
        if isinstance(run, m.Text | m.Link):
            yield run.text


def document_texts(doc: m.Document) -> Iterator[str]:
    """Yield every user-visible string of `doc` (metadata and all blocks)."""
    meta = doc.meta
    yield from (meta.title, meta.subtitle, meta.short_title, meta.organisation)
    yield from (meta.date_text, meta.classification, meta.subject, *meta.keywords)
    for author in meta.authors:
        yield from (author.name, author.affiliation)
    for block in doc.blocks:
        yield from _block_texts(block)


def _block_texts(block: m.Block) -> Iterator[str]:
    match block:
        case m.Heading():
            yield block.text
        case m.Paragraph():
            yield from _runs_text(block.runs)
        case m.BulletList():
            for item in block.items:
                yield from _runs_text(item)
        case m.KeyJudgments():
            yield block.title
            for judgment in block.items:
                yield from _runs_text(judgment.runs)
                yield judgment.confidence
        case m.KeyFigures():
            for fig in block.items:
                yield from (fig.value, fig.qualifier, fig.label)
                yield from _runs_text(fig.source)
        case m.Figure():
            yield from (block.caption, block.alt)
            yield from _runs_text(block.source)
        case m.Table():
            yield block.caption
            yield from block.header
            for row in block.rows:
                for cell in row:
                    yield from _runs_text(cell)
            yield from _runs_text(block.source)
        case m.Quote():
            yield from _runs_text(block.runs)
            yield from _runs_text(block.attribution)
        case m.Options():
            for option in block.items:
                yield option.name
                for runs in (option.summary, option.record, *option.advocates, *option.pros,
                             *option.cons, *option.risks):
                    yield from _runs_text(runs)
                for quote in option.quotes:
                    yield from _block_texts(quote)
        case m.Recommendations():
            for rec in block.items:
                yield rec.actor
                yield from _runs_text(rec.runs)
        case m.Timeline():
            for event in block.events:
                yield event.date
                yield from _runs_text(event.runs)
        case m.Callout():
            yield block.title
            for para in block.paragraphs:
                yield from _runs_text(para)
        case m.Glossary():
            for entry in block.entries:
                yield from (entry.term, entry.native)
                yield from _runs_text(entry.definition)
        case m.Endnotes():
            for note in block.items:
                yield from _runs_text(note.runs)
        case m.SourceList():
            for source in block.items:
                yield from _runs_text(source.runs)


def _excerpt(text: str, around: str, limit: int = 80) -> str:
    """Return `text` on one line, cut to about `limit` characters around `around`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    start = max(0, min(flat.find(around) - limit // 2, len(flat) - limit))
    piece = flat[start : start + limit]
    return ("…" if start else "") + piece + ("…" if start + limit < len(flat) else "")


def check_glyphs(doc: m.Document, theme: Theme) -> list[str]:
    """Return one message per text that holds a character no configured font can draw."""
    covered = covered_codepoints(theme)
    messages: list[str] = []
    seen: set[str] = set()
    for text in document_texts(doc):
        if not text or text in seen:
            continue
        seen.add(text)
        missing = [
            ch
            for ch in dict.fromkeys(text)
            if ord(ch) not in covered and unicodedata.category(ch) not in _NO_GLYPH_CATEGORIES
        ]
        if missing:
            codes = ", ".join(f"U+{ord(ch):04X}" for ch in missing)
            noun = "glyph" if len(missing) == 1 else "glyphs"
            excerpt = _excerpt(text, missing[0])
            messages.append(f'{noun} {codes} not in any configured font in: "{excerpt}"')
    return messages
