"""The check's report, and the evidence trail it writes as JSON or as one HTML page."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from briefgen.errors import Problem
from briefgen.provenance.claims import Claim

KINDS = {"fact": "Facts", "quote": "Quotations (blocks)", "quotation": "Quotations in prose",
         "number": "Cited numbers", "corroboration": "Corroboration",
         "citation": "Sentences citing a source with no local copy",
         "own": "The brief's own claims"}


@dataclass
class Report:
    """The result of a provenance check."""

    failures: list[Problem] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    dependents: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    strands: list[tuple[str, ...]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    checked: int = 0

    def add(self, claim: Claim) -> Claim:
        """Record a claim and return it."""
        self.claims.append(claim)
        return claim

    def own(self) -> list[Claim]:
        """The brief's own claims."""
        return [c for c in self.claims if c.kind == "own"]

    def as_dict(self, title: str) -> dict[str, object]:
        """Return the whole evidence trail as plain data."""
        verdicts: dict[str, int] = {}
        for c in self.claims:
            verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
        return {"title": title, "ok": not self.failures, "verdicts": verdicts,
                "failures": [str(p) for p in self.failures], "unchecked": self.unchecked,
                "dependents": self.dependents, "warnings": self.warnings,
                "strands": [list(s) for s in self.strands],
                "claims": [c.as_dict() for c in self.claims]}


def write_report(report: Report, path: Path, title: str) -> None:
    """Write the evidence trail to `path`: JSON if it ends in .json, else one HTML page."""
    if path.suffix.lower() == ".json":
        text = json.dumps(report.as_dict(title), indent=2, ensure_ascii=False) + "\n"
    else:
        text = html_report(report, title)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


_STYLE = """
body{font:15px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
.claim{border-left:4px solid #999;padding:.4rem .8rem;margin:.8rem 0;background:#fafafa}
.pass{border-color:#2e7d32}.fail{border-color:#c62828;background:#fff4f4}
.unchecked{border-color:#f9a825}.own{border-color:#1565c0}
.verdict{font:bold .8rem sans-serif;text-transform:uppercase;letter-spacing:.05em}
.where{font:.8rem monospace;color:#555}.text{margin:.3rem 0}
blockquote{margin:.3rem 0 .3rem 1rem;color:#444;font-size:.92rem}
mark{background:#fff176}ul.notes{margin:.2rem 0;color:#b71c1c}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border:1px solid #ddd}
"""


def _claim_html(c: Claim) -> str:
    parts = [f'<div class="claim {escape(c.verdict)}">',
             f'<span class="verdict">{escape(c.verdict)}</span> ',
             f'<span class="where">{escape(c.where)} {escape(c.key)}</span>',
             f'<p class="text">{escape(c.text)}</p>']
    if c.sources:
        parts.append(f'<div class="where">sources: {escape(", ".join(c.sources))}</div>')
    if c.notes:
        parts.append('<ul class="notes">' + "".join(f"<li>{escape(n)}</li>" for n in c.notes)
                     + "</ul>")
    if c.passage is not None:
        before, match, after = c.passage
        parts.append(f'<blockquote><span class="where">{escape(c.source or "")}:</span> '
                     f"{escape(before)}<mark>{escape(match)}</mark>{escape(after)}</blockquote>")
    parts.append("</div>")
    return "".join(parts)


def html_report(report: Report, title: str) -> str:
    """Render the evidence trail as one self-contained HTML page."""
    verdicts: dict[str, int] = {}
    for c in report.claims:
        verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
    summary = "".join(f"<tr><th>{escape(v)}</th><td>{n}</td></tr>"
                      for v, n in sorted(verdicts.items()))
    status = f"{len(report.failures)} problem(s) found." if report.failures else "No problems."
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Evidence trail: {escape(title)}</title><style>{_STYLE}</style></head><body>",
           f"<h1>Evidence trail: {escape(title)}</h1>",
           f"<p>{status}</p><table>{summary}</table>"]
    if report.failures or report.unchecked or report.warnings:
        out.append("<h2>Problems and warnings</h2><ul>")
        for line in [*map(str, report.failures), *report.unchecked,
                     *report.dependents, *report.warnings]:
            out.append(f"<li>{escape(line)}</li>")
        out.append("</ul>")
    if report.strands:
        out.append("<h2>Strands of evidence</h2><ul>")
        for group in report.strands:
            out.append(f"<li>{escape(', '.join(group))}: their texts overlap heavily and count "
                       "as one account</li>")
        out.append("</ul>")
    for kind, heading in KINDS.items():
        claims = [c for c in report.claims if c.kind == kind]
        if claims:
            out.append(f"<h2>{escape(heading)} ({len(claims)})</h2>")
            out += [_claim_html(c) for c in claims]
    out.append("</body></html>\n")
    return "\n".join(out)
