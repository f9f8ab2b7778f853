"""Boxed blocks: key judgments, key figures, callouts, quotations and policy options."""

from __future__ import annotations

from briefgen import model as m
from briefgen.writers.html.inline import Context, base_is_rtl, dir_attr, esc, lang_attrs

_CONFIDENCE = ("high", "moderate", "low")


def _title(text: str, ctx: Context) -> str:
    """Return a box title as a heading below the current section, unless it repeats it."""
    if not text or text == ctx.section_title:
        return ""
    tag = ctx.heading_tag()
    return f"<{tag}>{esc(text)}</{tag}>\n"


def key_judgments(block: m.KeyJudgments, ctx: Context) -> str:
    """Return the key judgments as an ordered list, each with its confidence label."""
    items: list[str] = []
    for judgment in block.items:
        level = judgment.confidence.lower()
        kind = level if level in _CONFIDENCE else "other"
        label = ctx.labels.confidence(level)
        text = m.plain(judgment.runs)
        items.append(f"<li{dir_attr(text)}><p>{ctx.runs(judgment.runs)} "
                     f'<span class="confidence confidence-{kind}">{esc(label)}</span></p></li>')
    tag, label = ("section", f' aria-label="{esc(block.title)}"') if block.title else ("div", "")
    return (f'<{tag} class="key-judgments"{label}>\n' + _title(block.title, ctx)
            + "<ol>\n" + "\n".join(items) + f"\n</ol>\n</{tag}>")


def key_figures(block: m.KeyFigures, ctx: Context) -> str:
    """Return the key figures as a list of cards: qualifier, big number, label and source."""
    items: list[str] = []
    for fig in block.items:
        qualifier = (f'<p class="qualifier">{esc(fig.qualifier)}</p>' if fig.qualifier else "")
        items.append(f"<li>{qualifier}"
                     f'<p class="value">{esc(fig.value)}</p>'
                     f'<p class="label">{esc(fig.label)}</p>'
                     f'<p class="source">{ctx.runs(fig.source)}</p></li>')
    return '<ul class="key-figures">\n' + "\n".join(items) + "\n</ul>"


def callout(block: m.Callout, ctx: Context) -> str:
    """Return a callout as an <aside> with its title and paragraphs."""
    paragraphs = "\n".join(f"<p{dir_attr(m.plain(runs))}>{ctx.runs(runs)}</p>"
                           for runs in block.paragraphs)
    title = f"<p><strong>{esc(block.title)}</strong></p>\n" if block.title else ""
    label = f' aria-label="{esc(block.title)}"' if block.title else ""
    return f'<aside class="callout"{label}>\n{title}{paragraphs}\n</aside>'


def quote(block: m.Quote, ctx: Context) -> str:
    """Return a quotation as a <blockquote> in a <figure>, its attribution a <cite>."""
    text = m.plain(block.runs)
    body = ctx.runs(block.runs)
    # the quotation marks are in the runs, chosen for the brief's language
    inner = f'<p dir="rtl">{body}</p>' if base_is_rtl(text) else f"<p{dir_attr(text)}>{body}</p>"
    attribution = ""
    if block.attribution:
        cite = ctx.runs(block.attribution)
        attribution = f"\n<figcaption>\u2014 <cite>{cite}</cite></figcaption>"
    own = lang_attrs(block.lang, ctx.language)  # the words' language, not the attribution's
    return (f'<figure class="quote">\n<blockquote{own}>{inner}</blockquote>{attribution}\n'
            "</figure>")


def _items(items: tuple[m.Runs, ...], ctx: Context) -> str:
    """Return one item as text, several as a bulleted list."""
    if len(items) == 1:
        return ctx.runs(items[0])
    return "<ul>" + "".join(f"<li>{ctx.runs(item)}</li>" for item in items) + "</ul>"


def _option(number: int, option: m.Option, ctx: Context) -> str:
    """Return one policy option as an <article>: name, summary, then labelled parts."""
    labels = ctx.labels
    tag = ctx.heading_tag()
    name = f"{labels.option} {number}: {option.name}"
    parts = [f'<article class="option">\n<{tag}>{esc(name)}</{tag}>']
    if option.summary:
        parts.append(f'<p class="summary">{ctx.runs(option.summary)}</p>')
    sections = [("advocates", labels.advocates, option.advocates),
                ("pros", labels.pros, option.pros), ("cons", labels.cons, option.cons),
                ("risks", labels.risks, option.risks),
                ("record", labels.record, (option.record,) if option.record else ())]
    entries = [f'<dt class="{kind}">{esc(title)}</dt>\n<dd>{_items(items, ctx)}</dd>'
               for kind, title, items in sections if items]
    if option.quotes:
        voices = "\n".join(quote(q, ctx) for q in option.quotes)
        entries.append(f'<dt class="voices">{esc(labels.voices)}</dt>\n<dd>{voices}</dd>')
    if entries:
        parts.append("<dl>\n" + "\n".join(entries) + "\n</dl>")
    parts.append("</article>")
    return "\n".join(parts)


def options(block: m.Options, ctx: Context) -> str:
    """Return every policy option, numbered."""
    return "\n".join(_option(number, option, ctx)
                     for number, option in enumerate(block.items, start=1))
