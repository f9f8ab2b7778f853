"""The page's embedded style sheet, from the theme: fonts, sizes, colours, page and print.

Screen: a single column about 70 characters wide, type sizes in proportion to the theme's.
Print: the theme's page size, margins and point sizes, no contents list, link addresses
printed after external links, and figures and tables kept whole.
"""

from __future__ import annotations

import re

from briefgen.labels import Labels
from briefgen.theme import Colors, Theme

_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,20}")
_NAME = re.compile(r"[^\"\\<>;{}]+")
_FALLBACK = {"DejaVu Sans": '"Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
             "DejaVu Serif": '"Noto Serif", "Noto Naskh Arabic", Charter, Georgia, serif'}


def _family(theme: Theme, role: str) -> str:
    """Return a CSS font stack: the role's chain of families, then generic web fallbacks."""
    chain = [name for name in theme.fonts.chain(role) if _NAME.fullmatch(name)]
    tail = next((_FALLBACK[name] for name in chain if name in _FALLBACK), "sans-serif")
    return ", ".join([f'"{name}"' for name in chain] + [tail])


def _colours(theme: Theme) -> dict[str, str]:
    """Return the theme's colours as CSS values, a default wherever a value is not a colour."""
    defaults = Colors().model_dump()
    return {key: value if _COLOUR.fullmatch(value) else defaults[key]
            for key, value in theme.colors.model_dump().items()}


def _em(size: float, body: float) -> str:
    """Return `size` relative to the body size, in em."""
    return f"{size / body:.3f}em"


def _variables(theme: Theme) -> str:
    """Return the :root custom properties the rules below read."""
    colours = _colours(theme)
    lines = [f"--{key.replace('_', '-')}: {value};" for key, value in sorted(colours.items())]
    accent = next((c for c in theme.palette[2:3] if _COLOUR.fullmatch(c)), colours["heading"])
    lines += [f"--positive: {accent};",
              f"--body-font: {_family(theme, 'body')};",
              f"--heading-font: {_family(theme, 'heading')};"]
    return ":root {\n  " + "\n  ".join(lines) + "\n}\n"


_RULES = """\
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 106.25%; -webkit-text-size-adjust: 100%; }
body { margin: 0; padding: 0 1.25rem 3rem; color: var(--text); background: #fff;
  font-family: var(--body-font); line-height: 1.55; font-variant-numeric: lining-nums; }
header.cover, nav.contents, main, footer { max-width: 70ch; margin: 0 auto; }
h1, h2, h3, h4, h5, h6 { font-family: var(--heading-font); color: var(--heading);
  line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: @TITLE@; margin-top: 1.2em; }
h2 { font-size: @H1@; }
h3 { font-size: @H2@; }
h4, h5, h6 { font-size: @H3@; }
a { color: var(--link); }
sup { font-size: 0.7em; line-height: 0; vertical-align: super; }
sup a { text-decoration: none; }
.classification { text-align: center; font-weight: bold; letter-spacing: 0.08em;
  color: var(--muted); margin: 1rem 0 0; }
header.cover { padding: 2rem 0 1.5rem; border-bottom: 3px solid var(--accent); }
header.cover .series { margin: 0 0 0.4em; color: var(--accent); font-weight: bold;
  font-size: 0.85em; letter-spacing: 0.08em; text-transform: uppercase; }
header.cover .subtitle { font-size: @SUBTITLE@; color: var(--muted); margin: 0.2em 0 1em; }
header.cover .authors { list-style: none; padding: 0; margin: 0 0 0.8em; }
header.cover .affiliation, header.cover .edition { color: var(--muted); }
header.cover .affiliation { display: block; font-size: 0.9em; }
nav.contents { margin-top: 1.5rem; font-family: var(--heading-font); }
nav.contents h2 { margin-top: 0.5em; }
nav.contents ol { list-style: none; padding-inline-start: 1.2em; margin: 0; }
nav.contents > ol { padding-inline-start: 0; }
p.lead { font-size: 1.08em; }
.key-judgments, aside.callout { background: var(--callout-bg); padding: 0.6em 1.1em;
  margin: 1.2em 0; }
.key-judgments { border-inline-start: 4px solid var(--heading); }
.key-judgments ol { padding-inline-start: 1.3em; }
.key-judgments li { margin: 0.5em 0; }
.confidence { display: inline-block; font-family: var(--heading-font); font-size: 0.75em;
  font-weight: bold; text-transform: uppercase; letter-spacing: 0.04em; color: #fff;
  background: var(--heading); padding: 0.1em 0.5em; border-radius: 2px; }
.confidence-moderate { background: var(--muted); }
.confidence-low { background: var(--text); }
aside.callout { border-top: 3px solid var(--heading); }
aside.callout > :first-child { margin-top: 0.3em; }
ul.key-figures { list-style: none; padding: 0; margin: 1.2em 0; display: grid; gap: 0.6em;
  grid-template-columns: repeat(auto-fit, minmax(12em, 1fr)); }
ul.key-figures li { background: var(--callout-bg); border-top: 3px solid var(--accent);
  padding: 0.6em 0.9em; }
.key-figures p { margin: 0; }
.key-figures .value { font-family: var(--heading-font); font-size: @KEY_FIGURE@;
  font-weight: bold; color: var(--heading); line-height: 1.1; }
.key-figures .qualifier, .key-figures .source { color: var(--muted); font-size: 0.85em; }
figure { margin: 1.5em 0; }
figure.chart svg.chart, figure.chart img.chart { display: block; width: 100%; height: auto; }
svg.chart * { stroke-linejoin: round; stroke-linecap: butt; }
figcaption, caption { font-family: var(--heading-font); font-size: 0.9em; text-align: start; }
.caption { font-weight: bold; color: var(--heading); margin: 0.4em 0 0.2em; }
.source { color: var(--muted); font-size: 0.85em; margin: 0.2em 0 0; }
.table-scroll { overflow-x: auto; margin: 1.5em 0; }
.table-scroll:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
table { border-collapse: collapse; font-family: var(--heading-font); font-size: 0.9em;
  width: 100%; }
caption { padding-bottom: 0.4em; }
caption .caption { margin: 0; }
th, td { padding: 0.35em 0.6em; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { background: var(--table-header-bg); color: var(--table-header-text);
  text-align: start; }
th.num, td.num { text-align: end; font-variant-numeric: tabular-nums; }
tbody th { text-align: start; font-weight: normal; white-space: nowrap; }
figure.quote { margin-block: 1.2em; margin-inline: 1em 0; padding-inline-start: 1em;
  border-inline-start: 3px solid var(--accent); }
figure.quote blockquote { margin: 0; font-style: italic; }
figure.quote figcaption { color: var(--muted); }
cite { font-style: normal; }
article.option { border: 1px solid var(--rule); margin: 1.2em 0; }
article.option > h3, article.option > h4, article.option > h5, article.option > h6 {
  background: var(--heading); color: #fff; margin: 0; padding: 0.4em 0.7em; }
article.option .summary { background: var(--callout-bg); margin: 0; padding: 0.5em 0.7em; }
article.option dl { margin: 0; padding: 0.3em 0.7em 0.6em; }
article.option dt { font-family: var(--heading-font); font-weight: bold; color: var(--heading);
  margin-top: 0.6em; }
article.option dt.pros { color: var(--positive); }
article.option dt.cons, article.option dt.risks { color: var(--accent); }
article.option dd { margin: 0.1em 0 0; }
article.option dd ul { margin: 0; padding-inline-start: 1.2em; }
ol.recommendations li { margin: 0.4em 0; }
ol.recommendations li::marker { color: var(--accent); font-weight: bold; }
dl.glossary dt { font-weight: bold; margin-top: 0.6em; }
dl.glossary dt span { font-weight: normal; margin-inline-start: 0.6em; }
dl.glossary dd { margin-inline-start: 1.5em; }
ol.endnotes, ul.sources { font-size: 0.9em; }
ol.endnotes li { margin: 0.3em 0; }
ul.sources { list-style: none; padding-inline-start: 1.5em; text-indent: -1.5em; }
ol.endnotes li:target, sup a:target { background: var(--callout-bg); }
a[role="doc-backlink"] { text-decoration: none; margin-inline-start: 0.3em; }
a[role="doc-backlink"] + a[role="doc-backlink"] { margin-inline-start: 0; }
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
@media print {
  html { font-size: @BODY@pt; }
  body { padding: 0; }
  header.cover, main, footer { max-width: none; }
  nav.contents, a[role="doc-backlink"] { display: none; }
  a { color: inherit; text-decoration: none; }
  main a[href^="http"]:not(.url)::after { content: " <" attr(href) ">"; font-size: 0.85em;
    word-break: break-all; }
  h2, h3, h4 { break-after: avoid; }
  figure, .table-scroll, aside, .key-judgments, ul.key-figures li { break-inside: avoid; }
  .table-scroll { overflow: visible; }
  h2 { break-before: auto; }
  svg.chart, img.chart { max-height: 45vh; }
}
@page { size: @PAGE@; margin: @MARGINS@; }
"""


def _css_string(text: str) -> str:
    """Return `text` as a quoted CSS string."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>\n' else c for c in text) + '"'


def list_markers(labels: Labels) -> str:
    """Return the counter style of numbered lists: the marker the labels decide ('1.')."""
    prefix, _, suffix = labels.list_number.partition("{n}")
    return ("@counter-style briefgen-number { system: extends decimal; "
            f"prefix: {_css_string(prefix)}; suffix: {_css_string(suffix + ' ')}; }}\n"
            ".key-judgments ol, ol.recommendations { list-style-type: briefgen-number; }\n")


def stylesheet(theme: Theme, labels: Labels | None = None) -> str:
    """Return the CSS for a brief in `theme` (numbered lists marked as `labels` say)."""
    sizes, margins = theme.sizes, theme.page.margins_mm
    body = sizes.body
    values = {
        "@TITLE@": _em(sizes.title, body), "@SUBTITLE@": _em(sizes.subtitle, body),
        "@H1@": _em(sizes.h1, body), "@H2@": _em(sizes.h2, body), "@H3@": _em(sizes.h3, body),
        "@KEY_FIGURE@": _em(sizes.key_figure, body), "@BODY@": f"{body:g}",
        "@PAGE@": theme.page.size,
        "@MARGINS@": f"{margins.top:g}mm {margins.right:g}mm {margins.bottom:g}mm "
                     f"{margins.left:g}mm",
    }
    rules = _RULES
    for key, value in values.items():
        rules = rules.replace(key, value)
    return _variables(theme) + rules + list_markers(labels or Labels())
