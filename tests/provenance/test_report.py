"""The evidence trail: each claim with its source passage and verdict, as HTML or JSON."""

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import html as lxml_html

from briefgen.cli import main
from briefgen.provenance.claims import Claim
from briefgen.provenance.report import Report, html_report


def _run(mini: Path, sources: Path, out: Path) -> None:
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text().replace(
        "The group formed in 2007 [@report-b].",
        "The group formed in 2007 [@report-b], saying “We will not talk” [@report-b]. "
        "{own:So talks look unlikely.}"))
    result = CliRunner().invoke(main, ["check", str(mini), "--sources-dir", str(sources),
                                       "--report", str(out)])
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out}" in result.output


def test_json_report_lists_every_kind_of_claim(mini: Path, mini_sources: Path,
                                               tmp_path: Path) -> None:
    out = tmp_path / "trail.json"
    _run(mini, mini_sources, out)
    data = json.loads(out.read_text())
    assert data["ok"] is True
    kinds = {c["kind"] for c in data["claims"]}
    assert {"fact", "quote", "quotation", "number", "own"} <= kinds
    fact = next(c for c in data["claims"] if c["text"].startswith("attacks-2022:"))
    assert fact["verdict"] == "pass"
    assert fact["where"] == "mini/facts.yaml:2"
    assert fact["passage"]["match"] == "Out of the 262 attacks last year"
    assert fact["source"] == "report-a.txt"
    own = next(c for c in data["claims"] if c["kind"] == "own")
    assert own == {**own, "verdict": "own", "text": "So talks look unlikely."}
    quotation = next(c for c in data["claims"] if c["kind"] == "quotation")
    assert quotation["passage"]["match"] == "We will not talk"


def test_html_report_is_one_page_with_marked_passages(mini: Path, mini_sources: Path,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "trail.html"
    _run(mini, mini_sources, out)
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http" not in page.split("<body>")[0]
    tree = lxml_html.fromstring(page)
    marks = [m.text_content() for m in tree.iter("mark")]
    assert "Out of the 262 attacks last year" in marks
    headings = [h.text_content() for h in tree.iter("h2")]
    assert any(h.startswith("The brief's own claims") for h in headings)
    verdicts = {v.text_content() for v in tree.find_class("verdict")}
    assert {"pass", "own"} <= verdicts


def test_html_escapes_claims_and_passages() -> None:
    report = Report()
    claim = Claim("quotation", "b.yaml:3", "text", "“<script>alert(1)</script> & co”", ("s",),
                  "fail", ["not found in <s>.txt"], "s.txt",
                  ("a < b ", "<b>bold</b>", " & c"))
    report.add(claim)
    page = html_report(report, "T <&>")
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "<mark>&lt;b&gt;bold&lt;/b&gt;</mark>" in page
    assert "<title>Evidence trail: T &lt;&amp;&gt;</title>" in page


def test_failed_check_still_writes_the_report(mini: Path, mini_sources: Path,
                                              tmp_path: Path) -> None:
    facts = mini / "facts.yaml"
    facts.write_text(facts.read_text().replace("qualifier: more than", "qualifier: nearly"))
    out = tmp_path / "trail.json"
    result = CliRunner().invoke(main, ["check", str(mini), "--sources-dir", str(mini_sources),
                                       "--report", str(out)])
    assert result.exit_code == 1
    data = json.loads(out.read_text())
    failed = [c for c in data["claims"] if c["verdict"] == "fail"]
    assert [c["text"].split(":")[0] for c in failed] == ["deaths-a"]
    assert "qualifier 'nearly'" in failed[0]["notes"][0]
