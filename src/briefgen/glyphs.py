"""Glyph coverage: find user text that no installed font can draw, and say where it was written.

Each role's chain of families, then every installed family, is searched (see
`briefgen.fonts.roles`), so a character is missing only when no font on the machine has it.
The check runs at validation time, over every text of the document model (`briefgen.walk`),
and reports each missing character at the line of the input field that holds it, with its
script and the font package that would cover it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import model as m
from briefgen.errors import Problem
from briefgen.fonts import (
    FontChain,
    family_files,
    find_family,
    needs_glyph,
    resolve_chain,
    suggestions,
)
from briefgen.fonts.coverage import script_code, script_name
from briefgen.theme import Theme
from briefgen.walk import texts

if TYPE_CHECKING:
    from briefgen.assemble.document import Assembled
    from briefgen.source.yamlfile import Loc

ARABIC_FAMILY = "Noto Sans Arabic"


def arabic_font_path() -> Path | None:
    """Return the Arabic-script fallback font file (Noto Sans Arabic), or None if missing."""
    family = find_family(ARABIC_FAMILY)
    if family is None:
        return None
    return family_files(ARABIC_FAMILY).regular


def chain_for(theme: Theme) -> FontChain:
    """Return the body chain of `theme` followed by every installed family."""
    return resolve_chain(theme.fonts.chain("body"), theme.fonts.search_folders)


def missing_characters(doc: m.Document, theme: Theme) -> dict[str, list[str]]:
    """Return each character no font draws, with the document texts that hold it."""
    chain = chain_for(theme)
    known: set[str] = set()  # every character looked at so far
    bad: set[str] = set()  # those no font draws
    missing: dict[str, list[str]] = {}
    for found in texts(doc):
        chars = set(found.text)
        for ch in chars - known:
            known.add(ch)
            if needs_glyph(ch) and chain.first_drawing(ch) is None:
                bad.add(ch)
        if not bad.isdisjoint(chars):
            for ch in dict.fromkeys(found.text):
                if ch in bad:
                    missing.setdefault(ch, []).append(found.text)
    return missing


def describe(chars: str) -> str:
    """Return 'U+0E41 'แ' (Thai)' style names for `chars`, with their scripts."""
    return ", ".join(f"U+{ord(ch):04X} '{ch}' ({_script(ch)})" for ch in chars)


def _script(ch: str) -> str:
    code = script_code(ch)
    return "symbol" if code in ("Zyyy", "Zinh") else script_name(code)


def message(chars: str) -> str:
    """Return the problem message for characters no installed font draws."""
    noun = "character" if len(chars) == 1 else "characters"
    return (f"{noun} {describe(chars)} not in any installed font; to cover them: "
            + "; ".join(suggestions(chars)))


def check_glyphs(doc: m.Document, theme: Theme) -> list[str]:
    """Return one message per text that holds a character no installed font draws."""
    by_text: dict[str, str] = {}
    for ch, holders in missing_characters(doc, theme).items():
        for text in holders:
            by_text[text] = by_text.get(text, "") + ch
    return [f'{message(chars)}, in: "{_excerpt(text, chars[0])}"'
            for text, chars in by_text.items()]


def check_document_glyphs(assembled: Assembled, theme: Theme) -> list[Problem]:
    """Return a Problem for every input field that holds a character no installed font draws."""
    doc = m.Document(assembled.meta, assembled.blocks)
    missing = missing_characters(doc, theme)
    if not missing:
        return []
    bundle = assembled.bundle
    problems: list[Problem] = []
    located: set[str] = set()
    for ydoc in (bundle.brief_doc, bundle.facts_doc, bundle.sources_doc):
        if ydoc is None:
            continue
        for loc, value in _leaves(ydoc.data, ()):
            chars = "".join(ch for ch in dict.fromkeys(value)
                            if ch in missing and _printed(value, ch, missing[ch]))
            if chars:
                located.update(chars)
                problems.append(ydoc.problem(loc, message(chars), needle=chars[0]))
    rest = "".join(ch for ch in missing if ch not in located)
    if rest:
        problems += _in_data_files(rest, bundle)
    return problems


def _leaves(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Yield every string value of parsed YAML with its location."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


def _word(text: str, at: int) -> str:
    """Return the letters and marks around position `at` (the word a character belongs to)."""
    def inside(ch: str) -> bool:
        return unicodedata.category(ch)[0] in "LMN" or not needs_glyph(ch)
    start, end = at, at + 1
    while start > 0 and inside(text[start - 1]):
        start -= 1
    while end < len(text) and inside(text[end]):
        end += 1
    return text[start:end]


def _printed(value: str, ch: str, holders: list[str]) -> bool:
    """Return True if the word around `ch` in an input value is printed in the document."""
    word = _word(value, value.index(ch))
    return any(word in text for text in holders)


def _in_data_files(chars: str, bundle: Any) -> list[Problem]:
    """Locate characters that come from data files (CSV tables), line by line."""
    problems: list[Problem] = []
    left = set(chars)
    for path in bundle.files:
        if path.suffix.lower() not in (".csv", ".tsv", ".txt") or not left:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            here = "".join(ch for ch in dict.fromkeys(line) if ch in left)
            if here:
                problems.append(Problem(bundle.display(path), number, "", message(here)))
                left -= set(here)
    if left:
        problems.append(Problem(bundle.brief_doc.display, None, "",
                                message("".join(ch for ch in chars if ch in left))))
    return problems


def _excerpt(text: str, around: str, limit: int = 80) -> str:
    """Return `text` on one line, cut to about `limit` characters around `around`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    start = max(0, min(flat.find(around) - limit // 2, len(flat) - limit))
    piece = flat[start : start + limit]
    return ("…" if start else "") + piece + ("…" if start + limit < len(flat) else "")

