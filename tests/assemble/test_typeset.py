"""Typesetting rules: quotation marks, no-break spaces and note placement, in the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen import model as m
from briefgen.assemble.typeset import Typesetter, place_notes, smart_quotes, typeset_runs
from briefgen.pipeline import prepare

NB, NNB = "\u00a0", "\u202f"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en-GB", "He said ‘no “never” now’ and it’s the ’90s."),
    ("en-US", "He said “no ‘never’ now” and it’s the ’90s."),
    ("fr", f"He said «{NNB}no “never” now{NNB}» and it’s the ’90s."),
    ("de", "He said „no ‚never‘ now“ and it’s the ’90s."),
    ("ru", "He said «no „never“ now» and it’s the ’90s."),
    ("ar", "He said «no “never” now» and it’s the ’90s."),
    ("ur-PK", "He said “no ‘never’ now” and it’s the ’90s."),
    ("ja", "He said 「no 『never』 now」 and it’s the ’90s."),
    ("pt-BR", "He said “no ‘never’ now” and it’s the ’90s."),
    ("pt-PT", "He said «no “never” now» and it’s the ’90s."),
    ("fa", "He said «no “never” now» and it’s the ’90s."),
    ("zh", "He said “no ‘never’ now” and it’s the ’90s."),
])
def test_quotation_marks_follow_the_language(lang: str, expected: str) -> None:
    assert smart_quotes("He said \"no 'never' now\" and it's the '90s.", lang) == expected


def test_a_note_marker_moves_past_arabic_and_cjk_clause_ends() -> None:
    runs = (m.Text("در ۲۰۲۳"), m.NoteRef((3,)), m.Text(" حملے ہوئے۔ اور"))
    assert place_notes(runs) == (m.Text("در ۲۰۲۳ حملے ہوئے۔"), m.NoteRef((3,)), m.Text(" اور"))
    runs = (m.Text("中国"), m.NoteRef((3,)), m.Text("发生了袭击。然后"))
    assert place_notes(runs) == (m.Text("中国发生了袭击。"), m.NoteRef((3,)), m.Text("然后"))


@pytest.mark.parametrize("lang", ["de", "ru"])
def test_marks_typed_the_german_or_russian_way_are_read_as_typed(lang: str) -> None:
    once = smart_quotes("Er sagte \"nein, 'nie' jetzt\" und ging.", lang)
    assert smart_quotes(once, lang) == once


def test_curly_marks_typed_by_the_author_are_retypeset_and_idempotent() -> None:
    once = smart_quotes("“Talks”, the Taliban’ claims, ‘fail’.", "en-GB")
    assert once == "‘Talks’, the Taliban’ claims, ‘fail’."
    assert smart_quotes(once, "en-GB") == once


def test_quotes_pair_across_runs_and_urls_stay_untouched() -> None:
    runs = (m.Text('He called it "'), m.Text("revenge", italic=True), m.Text('".'),
            m.Link("https://x.org/it's", "https://x.org/it's"))
    out = typeset_runs(runs, "en-GB")
    assert m.plain(out) == "He called it ‘revenge’.https://x.org/it's"


def test_no_break_spaces_in_units_dates_qualifiers() -> None:
    out = m.plain(typeset_runs((m.Text("a 2,600 km border on 5 October 2023, about 40 "
                                       "people, 27 per cent and 1.7 million in Aug 2021"),),
                               "en-GB"))
    for tied in ("2,600 km", "5 October 2023", "about 40", "40 people", "27 per cent",
                 "1.7 million", "Aug 2021"):
        assert tied.replace(" ", NB) in out


def _marks(runs: m.Runs) -> str:
    return "".join(f"^{r.text}" if isinstance(r, m.NoteRef) else r.text  # type: ignore[union-attr]
                   for r in runs)


def test_marker_moves_past_a_number_to_the_clause_end() -> None:
    runs = [m.Text("a border of 2,600 km"), m.note_ref(14), m.Text(" that is porous. Next")]
    assert _marks(place_notes(runs)) == "a border of 2,600 km that is porous.^14 Next"
    runs = [m.Text("up 27%"), m.note_ref(7), m.Text(", and 86"), m.note_ref(8), m.Text(".")]
    assert _marks(place_notes(runs)) == "up 27%,^7 and 86.^8"


def test_markers_that_meet_merge_sorted_with_ranges() -> None:
    runs = [m.Text("Claims"), m.note_ref(5), m.note_ref(1), m.Text(" more"), m.note_ref(2),
            m.note_ref(3), m.Text(".")]
    out = place_notes(runs)
    assert _marks(out) == "Claims more.^1–3,5"
    assert out[-1] == m.NoteRef((1, 2, 3, 5))


def test_marker_goes_before_a_dash_and_never_after_a_final_digit() -> None:
    assert _marks(place_notes([m.Text("the offensive"), m.note_ref(1),
                               m.Text(" — which failed")])) == "the offensive^1 — which failed"
    assert _marks(place_notes([m.Text("Example News, 31 January 2023"), m.note_ref(2)])) \
        == "Example News, 31 January 2023.^2"
    assert _marks(place_notes([m.Text("such as"), m.note_ref(3),
                               m.Text(" e.g. this case.")])) == "such as e.g. this case.^3"


def test_typesetter_reaches_nested_nodes_but_not_anchors() -> None:
    option = m.Option("The 'hard' line", (m.Text("it's"),), (), (), (), (), (), ())
    table = m.Table(1, "tab-'1'", "Deaths 'by' source", ("Who's",), (((m.Text("it's"),),),),
                    ("left",), ())
    out = Typesetter("en-GB").blocks([m.Options((option,)), table])
    assert isinstance(out[0], m.Options) and out[0].items[0].name == "The ‘hard’ line"
    assert out[0].items[0].summary == (m.Text("it’s"),)
    assert isinstance(out[1], m.Table) and out[1].anchor == "tab-'1'"
    assert out[1].header == ("Who’s",) and out[1].rows[0][0] == (m.Text("it’s"),)


def test_mini_brief_prints_no_straight_quote_and_no_marker_after_a_digit(mini: Path) -> None:
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text().replace(
        "The group formed in 2007 [@report-b].",
        "The group's \"core\" formed in 2007 [@report-b] and grew [@report-a][@report-b]."))
    assembled, _ = prepare(mini)
    for block in assembled.blocks:
        for runs in _all_runs(block):
            for before, after in zip(runs, runs[1:], strict=False):
                if isinstance(after, m.NoteRef) and isinstance(before, m.Text):
                    assert not before.text[-1:].isdigit(), m.plain(runs)
            text = m.plain(runs)
            assert '"' not in text and "'" not in text.replace("https://", ""), text
    body = next(b for b in assembled.blocks if isinstance(b, m.Paragraph)
                and "core" in m.plain(b.runs))
    assert "The group’s ‘core’ formed in 2007 and grew." in m.plain(body.runs)
    (marker,) = [r for r in body.runs if isinstance(r, m.NoteRef)]
    assert len(marker.numbers) == 3 and marker.text.count("–") == 1


def _all_runs(node: object) -> list[m.Runs]:
    if isinstance(node, tuple):
        if node and all(isinstance(r, m.Text | m.Link | m.NoteRef | m.XRef) for r in node):
            return [node]
        return [r for item in node for r in _all_runs(item)]
    if hasattr(node, "__dataclass_fields__"):
        return [r for name in node.__dataclass_fields__ for r in _all_runs(getattr(node, name))]
    return []


def test_a_french_brief_gets_french_marks_and_numbers(mini: Path) -> None:
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text().replace(
        "The group formed in 2007 [@report-b].",
        "Le groupe dit \"non\" [@report-b].") + "lang: fr\n")
    assembled, _ = prepare(mini)
    text = "\n".join(m.plain(r) for b in assembled.blocks for r in _all_runs(b))
    assert f"Le groupe dit «{NNB}non{NNB}»." in text
    assert f"than{NB}1{NNB}500{NB}deaths" in text  # quotations from sources stay verbatim
    assert any(isinstance(b, m.Heading) and b.text == "Principales conclusions"
               for b in assembled.blocks)


def test_flagship_model_has_no_straight_quote_and_no_marker_after_a_digit() -> None:
    from tests.conftest import FLAGSHIP

    assembled, _ = prepare(FLAGSHIP)
    for block in assembled.blocks:
        for runs in _all_runs(block):
            for before, after in zip(runs, runs[1:], strict=False):
                if isinstance(after, m.NoteRef):
                    assert isinstance(before, m.Text) and not before.text[-1:].isdigit() \
                        and not before.text.endswith("%"), m.plain(runs)
            text = "".join(r.text for r in runs if isinstance(r, m.Text))
            assert '"' not in text and "'" not in text, text
