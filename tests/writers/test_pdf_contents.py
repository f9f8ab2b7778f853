"""The contents decision: one layout pass when the brief is clearly long, the same answer always."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen import model as m
from briefgen.pipeline import prepare
from briefgen.theme import Theme
from briefgen.writers.pdf import writer
from briefgen.writers.pdf.writer import lay_out, render_layout, rough_pages
from tests.conftest import REPO

MINI = REPO / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini() -> tuple[m.Document, Theme]:
    assembled, theme = prepare(MINI)
    return m.Document(assembled.meta, assembled.blocks, {}, assembled.labels), theme


def _exact(doc: m.Document, theme: Theme) -> bool:
    """Whether the brief laid out without a contents list reaches the style's threshold."""
    return lay_out(doc, theme, with_contents=False).pages >= theme.front.contents_min_pages


def _with_threshold(theme: Theme, pages: int) -> Theme:
    return theme.model_copy(update={"front": theme.front.model_copy(
        update={"contents_min_pages": pages})})


@pytest.mark.parametrize("threshold", [1, 2, 3, 4, 5, 6, 40])
def test_the_contents_list_appears_exactly_when_the_brief_reaches_the_threshold(
        mini: tuple[m.Document, Theme], threshold: int) -> None:
    doc, theme = mini
    theme = _with_threshold(theme, threshold)
    expected = lay_out(doc, theme, with_contents=_exact(doc, theme))
    assert render_layout(doc, theme).pdf == expected.pdf


def test_a_clearly_long_brief_is_laid_out_once(mini: tuple[m.Document, Theme],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    doc, theme = mini
    long_doc = replace(doc, blocks=doc.blocks * 12)
    assert rough_pages(long_doc) > 30
    calls: list[bool] = []
    real = writer.lay_out

    def counting(*args: object, **kwargs: object) -> writer.Layout:
        calls.append(bool(kwargs.get("with_contents")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "lay_out", counting)
    layout = render_layout(long_doc, _with_threshold(theme, 14))
    assert calls == [True] and layout.contents_pages >= 1


def test_the_rough_estimate_is_of_the_right_order(
        mini: tuple[m.Document, Theme]) -> None:
    doc, theme = mini
    long_doc = replace(doc, blocks=doc.blocks * 8)
    pages = lay_out(long_doc, theme, with_contents=False).pages
    assert pages / 2 <= rough_pages(long_doc) <= pages * 1.5  # only picks the first pass
