"""The reading order every writer follows after the cover, decided once for all formats.

A style may open the brief with its key judgments or its executive summary
(`front.first_page`): the PDF sets them on page 1 under the cover, and the DOCX and the HTML
put them first too, so the formats say the same things in the same order. A contents list
comes before everything it lists: right after the cover, ahead of these blocks.
"""

from __future__ import annotations

import dataclasses

from briefgen import model as m
from briefgen.theme import Theme


def page_one_blocks(doc: m.Document, choice: str) -> tuple[list[m.Block], list[m.Block]]:
    """Split the blocks into those page 1 carries (by `choice`) and the rest, in order."""
    blocks = list(doc.blocks)
    if choice == "judgments":
        for i, block in enumerate(blocks):
            if isinstance(block, m.KeyJudgments):
                before = blocks[i - 1] if i else None
                start = i - 1 if isinstance(before, m.Heading) else i  # its heading too
                return blocks[start : i + 1], blocks[:start] + blocks[i + 1 :]
    if choice == "summary":
        for i, block in enumerate(blocks):
            if isinstance(block, m.Heading) and block.level == 1 and block.anchor in (
                    "executive-summary", "summary"):
                end = next((j for j in range(i + 1, len(blocks)) if _is_part(blocks[j])),
                           len(blocks))
                return blocks[i:end], blocks[:i] + blocks[end:]
    return [], blocks


def in_reading_order(doc: m.Document, theme: Theme) -> m.Document:
    """Return `doc` with the blocks the style puts first moved to the front."""
    first, rest = page_one_blocks(doc, theme.front.first_page)
    if not first:
        return doc
    return dataclasses.replace(doc, blocks=(*first, *rest))


def _is_part(block: m.Block) -> bool:
    """Return True if `block` opens a part (a level-1 heading)."""
    return isinstance(block, m.Heading) and block.level == 1
