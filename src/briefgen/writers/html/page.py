"""The whole page: <head> metadata and style, the cover <header>, the contents <nav>, <main>.

The output depends on nothing but the Document and the theme (no clock, no paths, no
random ids), so the same brief gives the same bytes.
"""

from __future__ import annotations

from briefgen import model as m
from briefgen.labels import Labels
from briefgen.theme import Theme
from briefgen.writers.html.blocks import body, heading_tag
from briefgen.writers.html.inline import RTL_LANGUAGES, Context, document_anchors, esc
from briefgen.writers.html.styles import stylesheet
from briefgen.writers.order import in_reading_order


def _meta(name: str, content: str) -> str:
    """Return a <meta name> element, or nothing for an empty value."""
    return f'<meta name="{name}" content="{esc(content)}">\n' if content else ""


def head(meta: m.Meta, theme: Theme, labels: Labels | None = None) -> str:
    """Return the <head>: title, author, description, keywords, date, generator and CSS."""
    title = f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title
    authors = ", ".join(author.name for author in meta.authors)
    description = meta.subtitle or meta.subject
    return ("<head>\n"
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n"
            + _meta("author", authors)
            + _meta("description", description)
            + _meta("keywords", ", ".join(meta.keywords))
            + _meta("dcterms.subject", meta.subject)
            + _meta("dcterms.date", meta.date)
            + _meta("dcterms.publisher", meta.organisation)
            + _meta("generator", "briefgen")
            + f"<style>\n{stylesheet(theme, labels)}</style>\n"
            "</head>")


def cover(meta: m.Meta, labels: Labels | None = None) -> str:
    """Return the cover <header>: series, title, subtitle, authors with affiliations, date."""
    series = m.series_line(meta, labels or Labels())
    parts = ['<header class="cover">', f'<p class="series">{esc(series)}</p>',
             f"<h1>{esc(meta.title)}</h1>"]
    if meta.subtitle:
        parts.append(f'<p class="subtitle">{esc(meta.subtitle)}</p>')
    if meta.authors:
        people = "".join(
            f"<li>{esc(author.name)}"
            + (f' <span class="affiliation">{esc(author.affiliation)}</span>'
               if author.affiliation else "")
            + "</li>"
            for author in meta.authors)
        parts.append(f'<ul class="authors">{people}</ul>')
    edition = f'<time datetime="{esc(meta.date)}">{esc(meta.date_text or meta.date)}</time>'
    if meta.organisation:
        edition = f"{esc(meta.organisation)}, {edition}"
    parts.append(f'<p class="edition">{edition}</p>')
    parts.append("</header>")
    return "\n".join(parts)


def contents(doc: m.Document) -> str:
    """Return the contents <nav>: every heading, nested by level, linked to its section."""
    headings = doc.headings()
    if not headings:
        return ""
    title = esc(doc.labels.contents)
    out = [f'<nav class="contents" aria-label="{title}">\n'
           f"<{heading_tag(1)}>{title}</{heading_tag(1)}>"]
    depth = 0
    for item in headings:
        level = min(max(item.level, 1), depth + 1)  # never skip a level in the list
        if level > depth:
            out.append("<ol>" + "<li><ol>" * (level - depth - 1))
        else:
            out.append("</li>" + "</ol></li>" * (depth - level))
        depth = level
        out.append(f'<li><a href="#{esc(item.anchor)}">{esc(item.text)}</a>')
    out.append("</li>" + "</ol></li>" * (depth - 1) + "</ol>\n</nav>")
    return "\n".join(out)


def classification(meta: m.Meta) -> str:
    """Return the handling marking as a line, or nothing."""
    if not meta.classification:
        return ""
    return f'<p class="classification">{esc(meta.classification)}</p>\n'


def render_html(doc: m.Document, theme: Theme) -> str:
    """Return `doc` as a complete, self-contained HTML page in `theme`."""
    doc = in_reading_order(doc, theme)  # what the style puts first comes first, as in print
    meta = doc.meta
    language = meta.language or "en"
    direction = ' dir="rtl"' if language.split("-")[0].lower() in RTL_LANGUAGES else ""
    ctx = Context(doc.labels, document_anchors(doc), doc.charts)
    marking = classification(meta)
    main = body(doc, ctx)
    footer = f"<footer>\n{marking}</footer>\n" if marking else ""
    return ("<!DOCTYPE html>\n"
            f'<html lang="{esc(language)}"{direction}>\n'
            f"{head(meta, theme, doc.labels)}\n"
            "<body>\n"
            f"{marking}{cover(meta, doc.labels)}\n"
            f"{contents(doc)}\n"
            f"<main>\n{main}\n</main>\n"
            f"{footer}"
            "</body>\n</html>\n")
