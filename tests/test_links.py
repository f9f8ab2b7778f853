"""Only http, https and mailto links reach the outputs; anything else is printed as text."""

import dataclasses
from pathlib import Path

import pytest

from briefgen import model as m
from briefgen.assemble.citations import safe_link
from briefgen.pipeline import prepare


@pytest.mark.parametrize("url", ["https://example.org/a?b=1", "http://x.org", "mailto:a@b.org",
                                 "HTTPS://EXAMPLE.ORG"])
def test_safe_links(url: str) -> None:
    assert safe_link(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:x", "file:///etc/passwd",
                                 "data:text/html,x", "vbscript:x", " javascript:x",
                                 "https://a.org/\nx", "//example.org", "relative/page"])
def test_unsafe_links(url: str) -> None:
    assert not safe_link(url)


def _runs(node: object) -> list[m.Inline]:
    """Every inline run anywhere in the document's blocks."""
    if isinstance(node, (m.Text, m.Link)):
        return [node]
    if isinstance(node, (tuple, list)):
        return [r for item in node for r in _runs(item)]
    if dataclasses.is_dataclass(node):
        return [r for f in dataclasses.fields(node) for r in _runs(getattr(node, f.name))]
    return []


def test_unsafe_links_become_text_with_a_warning(mini: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    text = (mini / "brief.yaml").read_text().replace("(https://example.org/?a=1&b=2)",
                                                     "(vbscript:run)")
    (mini / "brief.yaml").write_text(text)
    text = (mini / "sources.yaml").read_text().replace("https://example.org/report-a",
                                                        "file:///etc/passwd")
    (mini / "sources.yaml").write_text(text)
    assembled, _theme = prepare(mini)
    runs = _runs(assembled.blocks)
    assert not [r for r in runs if isinstance(r, m.Link)]
    assert any(isinstance(r, m.Text) and r.text.endswith("and a link.") for r in runs)
    assert assembled.context.warnings == [
        "mini/brief.yaml:12: summary: link 'vbscript:run' is not http, https or mailto; "
        "printed as text, not a link"]
    assert len([msg for msg in caplog.messages if msg.startswith("warning: ")]) == 2
