"""Inline runs to HTML, and the rendering context every block builder shares.

Every user string passes through `esc` (html.escape) before it reaches the page. Links
are written only for http, https and mailto addresses; any other scheme (javascript:,
data:, file:) prints as plain text.
"""

from __future__ import annotations

import html
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from briefgen import model as m
from briefgen.labels import Labels

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# Primary language subtags written right to left.
RTL_LANGUAGES = frozenset({"ar", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"})

# Scripts a native spelling may be in, by Unicode character-name prefix → ISO 15924 code.
_SCRIPTS = (("ARABIC", "Arab"), ("HEBREW", "Hebr"), ("CYRILLIC", "Cyrl"),
            ("DEVANAGARI", "Deva"), ("GURMUKHI", "Guru"), ("BENGALI", "Beng"),
            ("CJK", "Hani"), ("HIRAGANA", "Jpan"), ("KATAKANA", "Jpan"), ("HANGUL", "Kore"),
            ("GREEK", "Grek"), ("THAI", "Thai"), ("ETHIOPIC", "Ethi"), ("ARMENIAN", "Armn"),
            ("GEORGIAN", "Geor"), ("TIBETAN", "Tibt"), ("SINHALA", "Sinh"), ("TAMIL", "Taml"))


def esc(text: str) -> str:
    """Escape `text` for HTML element content or a double-quoted attribute."""
    return html.escape(text, quote=True)


def is_safe_url(url: str) -> bool:
    """Return True if `url` may become a link (http, https or mailto, nothing else)."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES and cleaned == url.strip()


def base_is_rtl(text: str) -> bool:
    """Return True if the first strong character of `text` is right to left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def has_rtl(text: str) -> bool:
    """Return True if `text` holds any right-to-left letter."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def script_tag(text: str) -> str:
    """Return a BCP 47 tag for text of unknown language in a known script ('und-Arab')."""
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for prefix, code in _SCRIPTS:
            if name.startswith(prefix):
                return f"und-{code}"
        if name.startswith("LATIN"):
            continue
        return "und"
    return "und-Latn"


def dir_attr(text: str) -> str:
    """Return ' dir="auto"' for text that holds right-to-left letters, else ''."""
    return ' dir="auto"' if has_rtl(text) else ""


def is_rtl_language(language: str) -> bool:
    """Return True if BCP 47 `language` is written right to left."""
    return language.split("-")[0].lower() in RTL_LANGUAGES


def lang_attrs(lang: str, around: str) -> str:
    """Return ' lang="…"' (and its direction) for a part in `lang` inside `around`, else ''."""
    if not lang or lang.lower() == around.lower():
        return ""
    rtl, rtl_around = is_rtl_language(lang), is_rtl_language(around)
    direction = ' dir="rtl"' if rtl else ' dir="ltr"' if rtl_around else ""
    return f' lang="{esc(lang)}"{direction}'


def styled(inner: str, bold: bool, italic: bool) -> str:
    """Wrap escaped `inner` in <em> and/or <strong>."""
    if italic:
        inner = f"<em>{inner}</em>"
    if bold:
        inner = f"<strong>{inner}</strong>"
    return inner


def note_id(number: int) -> str:
    """Return the id of endnote `number`."""
    return f"note-{number}"


def ref_id(number: int, occurrence: int) -> str:
    """Return the id of the `occurrence`-th (1-based) reference to endnote `number`."""
    return f"ref-{number}-{occurrence}"


def document_anchors(doc: m.Document) -> set[str]:
    """Return every id a link may point at: headings, figures, tables and endnotes."""
    anchors: set[str] = set()
    for block in doc.blocks:
        if isinstance(block, m.Heading | m.Figure | m.Table):
            anchors.add(block.anchor)
        elif isinstance(block, m.Endnotes):
            anchors.update(note_id(note.number) for note in block.items)
    return anchors


@dataclass
class Context:
    """What the block builders share: labels, link targets, charts and note references."""

    labels: Labels
    anchors: set[str]
    charts: Mapping[str, m.ChartArt]
    level: int = 0  # the model level of the heading whose section we are in
    section_title: str = ""  # that heading's text (a box does not repeat it)
    language: str = ""  # the language of that section (BCP 47): the brief's or its own
    printed: Counter[int] = field(default_factory=Counter)  # note → markers printing it
    backlinks: dict[int, list[str]] = field(default_factory=dict)  # note → ids citing it

    def runs(self, runs: m.Runs) -> str:
        """Return HTML for inline `runs`."""
        parts: list[str] = []
        for run in runs:
            match run:
                case m.Text():
                    parts.append(styled(esc(run.text), run.bold, run.italic))
                case m.Link():
                    parts.append(self.link(run))
                case m.NoteRef():
                    parts.append(self.note_ref(run))
                case m.XRef():
                    parts.append(self.internal(run.anchor, esc(run.text)))
        return "".join(parts)

    def link(self, run: m.Link) -> str:
        """Return an external link, or its text alone when the address is not safe."""
        text = styled(esc(run.text), run.bold, run.italic)
        if not is_safe_url(run.url):
            return text
        url = run.url.strip()
        shown = ' class="url"' if run.text.strip() == url else ""  # print adds no second copy
        return f'<a href="{esc(url)}"{shown}>{text}</a>'

    def internal(self, target: str, label: str, extra: str = "") -> str:
        """Return escaped `label` linked to `#target`, or unlinked if there is no such id."""
        if target not in self.anchors:
            return label
        return f'<a href="#{esc(target)}"{extra}>{label}</a>'

    def note_ref(self, run: m.NoteRef) -> str:
        """Return a superscript marker ('4', '1–3,5'), each printed number linked to its note.

        Each link gets an id its note links back to; a note inside a range ('2' in '1–3')
        links back to the range's first number.
        """
        ids: dict[int, str] = {}
        parts: list[str] = []
        for text, number in run.pieces():
            if number is None or note_id(number) not in self.anchors:
                parts.append(esc(text))
                continue
            self.printed[number] += 1
            ids[number] = ref_id(number, self.printed[number])
            parts.append(f'<a href="#{note_id(number)}" id="{ids[number]}" '
                         f'role="doc-noteref">{esc(text)}</a>')
        for number in run.numbers:
            shown = [n for n in ids if n <= number]
            if shown:
                self.backlinks.setdefault(number, []).append(ids[max(shown)])
        return f"<sup>{''.join(parts)}</sup>"

    def heading_tag(self, depth: int = 1) -> str:
        """Return the tag of a box title `depth` levels below the current section."""
        return f"h{min(self.level + 1 + depth, 6)}"
