"""Parse the prose Markdown subset: paragraphs, bullets, bold, italic, links and references.

Syntax: `**bold**`, `*italic*`, `[text](url)`, citations `[@id]` / `[@a; @b]`, facts
`{fact:ID}` / `{fact:ID:short}`, cross-references `{ref:ID}`, `{unsourced:TEXT}` for a
number that is deliberately not a sourced figure, and `{own:TEXT}` for the brief's own analysis
(TEXT may hold any other markup). A backslash escapes the next character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TText:
    """Literal text with emphasis flags."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class TLink:
    """A hyperlink."""

    text: str
    url: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class TCite:
    """A citation of one or more sources."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class TFact:
    """A reference to a fact; form 'full' prints the unit, 'short' does not."""

    id: str
    form: str = "full"


@dataclass(frozen=True)
class TRef:
    """A cross-reference to a figure or table id."""

    id: str


@dataclass(frozen=True)
class TUnsourced:
    """Text containing a number that is explicitly not a sourced figure."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class TOwn:
    """The brief's own claim (analysis, not reporting); printed as its inner tokens."""

    tokens: tuple[Token, ...]


Token = TText | TLink | TCite | TFact | TRef | TUnsourced | TOwn


def expand_own(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """Replace each own claim by its inner tokens (how it prints)."""
    if not any(isinstance(t, TOwn) for t in tokens):
        return tokens
    out: list[Token] = []
    for tok in tokens:
        out += expand_own(tok.tokens) if isinstance(tok, TOwn) else [tok]
    return tuple(out)


@dataclass(frozen=True)
class ProsePara:
    """A paragraph of inline tokens."""

    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class ProseList:
    """A bullet list; each item a tuple of inline tokens."""

    items: tuple[tuple[Token, ...], ...]


ProseBlock = ProsePara | ProseList

_INLINE = re.compile(
    r"(?=[\\\[{*])(?:"  # every construct starts with one of these: skip the rest at once
    r"(?P<esc>\\.)"
    r"|(?P<cite>\[@[^\]]+\])"
    r"|(?P<link>\[(?P<ltext>[^\]]+)\]\((?P<url>[^)\s]+)\))"
    r"|(?P<brace>\{(?P<kind>fact|ref|unsourced):(?P<arg>[^{}]+)\})"
    r"|(?P<own>\{own:)"
    r"|(?P<strong>\*\*)"
    r"|(?P<em>\*))"
)
_BULLET = re.compile(r"^\s*[-*]\s+(?=\S)")


class ProseError(ValueError):
    """The prose is malformed (e.g. an unclosed `**`)."""


def _closing_brace(text: str, start: int) -> int:
    """Index of the '}' that closes a brace opened just before `start` (-1 if none)."""
    depth, i = 1, start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0:
            return i
        i += 1
    return -1


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Token, ...]:
    """Parse one paragraph's worth of inline markup into tokens."""
    tokens: list[Token] = []
    buf: list[str] = []
    opened = (bold, italic)

    def flush() -> None:
        if buf:
            tokens.append(TText("".join(buf), bold, italic))
            buf.clear()

    pos = 0
    while (m := _INLINE.search(text, pos)) is not None:
        buf.append(text[pos : m.start()])
        pos = m.end()
        if m.group("own"):
            end = _closing_brace(text, pos)
            if end < 0:
                raise ProseError("unclosed '{own:'")
            flush()
            inner = parse_inline(text[pos:end].strip(), bold, italic)
            tokens.append(TOwn(inner))
            pos = end + 1
            continue
        if m.group("esc"):
            buf.append(m.group("esc")[1])
            continue
        if m.group("strong"):
            flush()
            bold = not bold
            continue
        if m.group("em"):
            flush()
            italic = not italic
            continue
        flush()
        if m.group("cite"):
            ids = tuple(p.strip().lstrip("@").strip() for p in m.group("cite")[1:-1].split(";"))
            tokens.append(TCite(tuple(i for i in ids if i)))
        elif m.group("link"):
            tokens.append(TLink(m.group("ltext"), m.group("url"), bold, italic))
        else:
            kind, arg = m.group("kind"), m.group("arg").strip()
            if kind == "fact":
                ident, _, form = arg.partition(":")
                tokens.append(TFact(ident.strip(), form.strip() or "full"))
            elif kind == "ref":
                tokens.append(TRef(arg))
            else:
                tokens.append(TUnsourced(arg, bold, italic))
    buf.append(text[pos:])
    flush()
    if bold != opened[0]:
        raise ProseError("unclosed '**' (bold)")
    if italic != opened[1]:
        raise ProseError("unclosed '*' (italic)")
    return tuple(t for t in tokens if not (isinstance(t, TText) and not t.text))


def parse_prose(text: str) -> tuple[ProseBlock, ...]:
    """Split prose into paragraphs and bullet lists, then parse each one's inline markup."""
    blocks: list[ProseBlock] = []
    para: list[str] = []
    items: list[list[str]] = []

    def end_para() -> None:
        if para:
            blocks.append(ProsePara(parse_inline(" ".join(s.strip() for s in para))))
            para.clear()

    def end_list() -> None:
        if items:
            parsed = tuple(parse_inline(" ".join(s.strip() for s in it)) for it in items)
            blocks.append(ProseList(parsed))
            items.clear()

    for line in text.splitlines():
        if not line.strip():
            end_para()
            end_list()
        elif _BULLET.match(line) and not line.lstrip().startswith("**"):
            end_para()
            items.append([_BULLET.sub("", line)])
        elif items and line.startswith((" ", "\t")):
            items[-1].append(line)
        else:
            end_list()
            para.append(line)
    end_para()
    end_list()
    return tuple(blocks)
