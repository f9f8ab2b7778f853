"""A plain-text dump of the Document model, like pandoc's `native`, for golden tests."""

from __future__ import annotations

from typing import assert_never

from briefgen import model as m


def _runs(runs: m.Runs) -> str:
    out = []
    for r in runs:
        match r:
            case m.Text():
                text = r.text
                if r.bold:
                    text = f"**{text}**"
                if r.italic:
                    text = f"*{text}*"
                out.append(text)
            case m.Link():
                out.append(f"[{r.text}]({r.url})")
            case m.NoteRef():
                out.append(f"^{r.text}")
            case m.XRef():
                out.append(f"<{r.label} {r.number}#{r.anchor}>")
            case _:
                assert_never(r)
    return "".join(out)


def _lang(lang: str) -> str:
    """Return a part's own language as printed after its kind: '[lang=fr]', or nothing."""
    return f"[lang={lang}]" if lang else ""


def dump_block(b: m.Block) -> list[str]:
    """Return the dump lines of one block."""
    match b:
        case m.Heading():
            lang = f" lang={b.lang}" if b.lang else ""
            return [f"{'#' * b.level} {b.text} {{#{b.anchor}{lang}}}"]
        case m.Paragraph():
            return [f"Para[{b.role}] {_runs(b.runs)}"]
        case m.BulletList():
            return [f"  - {_runs(i)}" for i in b.items]
        case m.KeyJudgments():
            return [f"Judgment[{j.confidence}] {_runs(j.runs)}" for j in b.items]
        case m.KeyFigures():
            return [f"KeyFigure {k.qualifier + ' ' if k.qualifier else ''}{k.value} | {k.label}"
                    f" | {_runs(k.source)}" for k in b.items]
        case m.Figure():
            return [f"Figure {b.number} {{#{b.anchor}}} {b.caption}", f"  alt: {b.alt}",
                    f"  {_runs(b.source)}"]
        case m.Table():
            lines = [f"Table {b.number} {{#{b.anchor}}} {b.caption}",
                     "  | " + " | ".join(b.header) + " |"]
            lines += ["  | " + " | ".join(_runs(c) for c in row) + " |" for row in b.rows]
            return [*lines, f"  {_runs(b.source)}"]
        case m.Quote():
            return [f"Quote{_lang(b.lang)} {_runs(b.runs)} — {_runs(b.attribution)}"]
        case m.Options():
            lines = []
            for o in b.items:
                lines.append(f"Option {o.name}: {_runs(o.summary)}")
                for label, items in (("advocates", o.advocates), ("for", o.pros),
                                     ("against", o.cons), ("risks", o.risks)):
                    lines += [f"  {label}: {_runs(i)}" for i in items]
                if o.record:
                    lines.append(f"  record: {_runs(o.record)}")
                lines += [f"  quote{_lang(q.lang)} {_runs(q.runs)} — {_runs(q.attribution)}"
                          for q in o.quotes]
            return lines
        case m.Recommendations():
            return [f"Recommendation {i}. [{r.actor}] {_runs(r.runs)}"
                    for i, r in enumerate(b.items, 1)]
        case m.Timeline():
            return [f"Event {e.date}: {_runs(e.runs)}" for e in b.events]
        case m.Callout():
            return [f"Callout {b.title}"] + [f"  {_runs(p)}" for p in b.paragraphs]
        case m.Glossary():
            return [f"Term{_lang(e.lang)} {e.term} [{e.native}]: {_runs(e.definition)}"
                    for e in b.entries]
        case m.Endnotes():
            return [f"Note {n.number}. {_runs(n.runs)}" for n in b.items]
        case m.SourceList():
            return [f"Source {s.key}: {_runs(s.runs)}" for s in b.items]
        case _:
            assert_never(b)


def dump_document(doc: m.Document) -> str:
    """Return the whole document as text: metadata, then one or more lines per block."""
    meta = doc.meta
    lines = [f"Title: {meta.title}", f"Subtitle: {meta.subtitle}", f"Date: {meta.date}",
             f"Authors: {'; '.join(a.name for a in meta.authors)}",
             f"Classification: {meta.classification}", ""]
    for block in doc.blocks:
        lines += dump_block(block)
    return "\n".join(lines) + "\n"
